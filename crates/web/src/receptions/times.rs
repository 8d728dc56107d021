//! Reception times as people read them. Instants are stored in UTC seconds;
//! pages, feeds and the API show them in Asia/Qyzylorda, with the year, from
//! the same bundled time-zone database the appeals' calendar reads (so a
//! reception keeps the offset its day had, and one at 00:30 local time lands
//! on its local day, not on the UTC day before).

use crate::appeals::date_text;
use adaldyq_domain::calendar::TIME_ZONE;
use jiff::civil::{Date, DateTime};
use jiff::tz::{TimeZone, TimeZoneDatabase};
use jiff::Timestamp;
use std::sync::LazyLock;

static ZONE: LazyLock<TimeZone> =
    LazyLock::new(|| TimeZoneDatabase::bundled().get(TIME_ZONE).expect("the bundled database holds Asia/Qyzylorda"));

/// The platform's zone (the IANA name is [`TIME_ZONE`]).
pub fn zone() -> &'static TimeZone {
    &ZONE
}

/// The local date and time of an instant; `None` for seconds outside what
/// a timestamp can hold (never for a stored reception).
pub fn local(seconds: i64) -> Option<DateTime> {
    Timestamp::from_second(seconds).ok().map(|t| zone().to_datetime(t))
}

/// The local day of an instant.
pub fn local_date(seconds: i64) -> Option<Date> {
    local(seconds).map(|d| d.date())
}

/// `hh:mm`.
pub fn clock(d: DateTime) -> String {
    format!("{:02}:{:02}", d.hour(), d.minute())
}

/// `dd.mm.yyyy hh:mm`.
pub fn moment_text(seconds: i64) -> String {
    local(seconds).map(|d| format!("{} {}", date_text(d.date()), clock(d))).unwrap_or_default()
}

/// A reception's time: `dd.mm.yyyy, hh:mm–hh:mm` on one day, or both ends in
/// full when it runs past midnight.
pub fn span_text(starts_at: i64, ends_at: i64) -> String {
    match (local(starts_at), local(ends_at)) {
        (Some(s), Some(e)) if s.date() == e.date() => format!("{}, {}–{}", date_text(s.date()), clock(s), clock(e)),
        (Some(s), Some(e)) => format!("{} {} – {} {}", date_text(s.date()), clock(s), date_text(e.date()), clock(e)),
        _ => String::new(),
    }
}

/// The start and end as `hh:mm–hh:mm` (the month calendar's cells, where
/// the day is already given).
pub fn hours_text(starts_at: i64, ends_at: i64) -> String {
    match (local(starts_at), local(ends_at)) {
        (Some(s), Some(e)) => format!("{}–{}", clock(s), clock(e)),
        _ => String::new(),
    }
}

/// RFC 3339 with the local offset: `2026-03-01T00:30:00+05:00` (the API,
/// the Atom feed, `<time datetime>`).
pub fn rfc3339(seconds: i64) -> String {
    Timestamp::from_second(seconds)
        .map(|t| t.to_zoned_datetime(zone().clone()).strftime("%Y-%m-%dT%H:%M:%S%:z").to_string())
        .unwrap_or_default()
}

/// An iCalendar local DATE-TIME (`20260301T003000`), to go with `TZID`.
pub fn ical_local(seconds: i64) -> String {
    local(seconds).map(|d| d.strftime("%Y%m%dT%H%M%S").to_string()).unwrap_or_default()
}

/// An iCalendar UTC DATE-TIME (`20260228T193000Z`): DTSTAMP, LAST-MODIFIED.
pub fn ical_utc(seconds: i64) -> String {
    Timestamp::from_second(seconds).map(|t| t.strftime("%Y%m%dT%H%M%SZ").to_string()).unwrap_or_default()
}

/// The instant a local day begins: a date filter's `from` is inclusive of
/// this, its `to` exclusive of the next day's.
pub fn day_start(date: Date) -> i64 {
    zone().to_ambiguous_zoned_datetime(date.at(0, 0, 0, 0)).compatible().map(|z| z.timestamp().as_second()).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn at(s: &str) -> i64 {
        s.parse::<Timestamp>().unwrap().as_second()
    }

    #[test]
    fn half_past_midnight_lands_on_its_local_day() {
        // 00:30 on 1 March 2026 in Qyzylorda is 19:30 UTC on 28 February.
        let t = at("2026-02-28T19:30:00Z");
        assert_eq!(local_date(t), Some(date(2026, 3, 1)));
        assert_eq!(moment_text(t), "01.03.2026 00:30");
        assert_eq!(rfc3339(t), "2026-03-01T00:30:00+05:00");
        assert_eq!(ical_local(t), "20260301T003000");
        assert_eq!(ical_utc(t), "20260228T193000Z");
        assert_eq!(span_text(t, t + 90 * 60), "01.03.2026, 00:30–02:00");
    }

    #[test]
    fn a_span_past_midnight_names_both_days() {
        let t = at("2026-03-02T18:00:00Z");
        assert_eq!(span_text(t, t + 2 * 3600), "02.03.2026 23:00 – 03.03.2026 01:00");
        assert_eq!(hours_text(t, t + 2 * 3600), "23:00–01:00");
    }

    #[test]
    fn a_local_day_starts_at_local_midnight() {
        assert_eq!(day_start(date(2026, 3, 1)), at("2026-02-28T19:00:00Z"));
        assert_eq!(local_date(day_start(date(2026, 3, 1))), Some(date(2026, 3, 1)));
        assert_eq!(local_date(day_start(date(2026, 3, 1)) - 1), Some(date(2026, 2, 28)));
    }

    #[test]
    fn the_zone_is_the_calendars() {
        assert_eq!(zone().iana_name(), Some(TIME_ZONE));
        // The offset the feeds' VTIMEZONE declares since 21 December 2018.
        for t in ["2019-01-01T00:00:00Z", "2021-06-24T05:00:00Z", "2024-03-02T00:00:00Z", "2030-07-01T00:00:00Z"] {
            assert!(rfc3339(at(t)).ends_with("+05:00"), "{t}");
        }
    }
}
