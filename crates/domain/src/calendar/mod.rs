//! Kazakhstan's working-day calendar: which dates are days off, the day an
//! appeal counts as registered (APC Art. 64) and the day its answer is due
//! (Art. 76). Only departures from the Monday–Friday week are stored.

mod due;
mod reason;
mod registration;
mod rules;

pub use due::{Due, SkippedDay, SkippedRun};
pub use reason::Reason;
pub use registration::WorkingHours;
pub use rules::generated_exceptions;

use jiff::civil::{Date, Weekday};
use jiff::tz::{TimeZone, TimeZoneDatabase};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The demo region's zone. Named rather than a fixed UTC+5 so that a change
/// of Kazakhstan's clocks reaches us with the tz database, not a code edit.
pub const TIME_ZONE: &str = "Asia/Qyzylorda";

/// The calendar shipped with the binary (2021–2026); later years and new
/// decrees are entered by an administrator.
pub const KZ_CALENDAR_CSV: &str = include_str!("../../data/kz-calendar.csv");

/// The header a calendar file must start with (after any `#` notes).
pub const CSV_HEADER: [&str; 3] = ["date", "working", "reason"];

/// One date that departs from the Monday–Friday week: a weekday off, or a
/// weekend day worked. It is also a row of the calendar CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exception {
    pub date: Date,
    /// `true` for a weekend day worked, `false` for a weekday off.
    pub working: bool,
    pub reason: Reason,
}

/// Why a calendar was refused. A listed date that changes nothing is refused
/// too: it is almost always a typo in the date or in `working`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    #[error("line {line}: {message}")]
    Unreadable { line: u64, message: String },
    #[error("{0} is listed twice")]
    DuplicateDate(Date),
    #[error("{0} is a weekday, working without being listed")]
    WorkingWeekday(Date),
    #[error("{0} is a weekend day, off without being listed")]
    WeekendOff(Date),
    #[error("{date}: the reason {reason} does not fit working = {working}")]
    ReasonMismatch { date: Date, working: bool, reason: Reason },
    #[error("the time zone {0} is missing from the bundled tz database")]
    TimeZone(String),
}

/// Which dates are working days, in the zone appeals are registered in.
/// Built only from checked exceptions, so each listed date really changes
/// the week and none is listed twice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    exceptions: BTreeMap<Date, Exception>,
    zone: TimeZone,
}

impl Calendar {
    /// Checks every exception; the first problem refuses the whole list, so
    /// a half-applied edit never reaches a deadline.
    pub fn from_exceptions(list: Vec<Exception>) -> Result<Calendar, CalendarError> {
        let zone =
            TimeZoneDatabase::bundled().get(TIME_ZONE).map_err(|_| CalendarError::TimeZone(TIME_ZONE.to_owned()))?;
        let mut exceptions = BTreeMap::new();
        for e in list {
            check(&e)?;
            if exceptions.insert(e.date, e).is_some() {
                return Err(CalendarError::DuplicateDate(e.date));
            }
        }
        Ok(Calendar { exceptions, zone })
    }

    /// Reads a `date,working,reason` file, the form an administrator edits.
    /// Lines starting with `#` are notes and blank lines are ignored.
    pub fn from_csv(input: &str) -> Result<Calendar, CalendarError> {
        let unreadable = |e: csv::Error| CalendarError::Unreadable {
            line: e.position().map_or(0, |p| p.line()),
            message: e.to_string(),
        };
        let mut reader = csv::ReaderBuilder::new()
            .comment(Some(b'#'))
            .trim(csv::Trim::All)
            .from_reader(input.trim_start_matches('\u{feff}').as_bytes());
        let header = reader.headers().map_err(unreadable)?;
        if header != CSV_HEADER.as_slice() {
            return Err(CalendarError::Unreadable {
                line: header.position().map_or(1, |p| p.line()),
                message: format!("the header must be {}", CSV_HEADER.join(",")),
            });
        }
        let list = reader.deserialize::<Exception>().collect::<Result<Vec<_>, _>>().map_err(unreadable)?;
        Calendar::from_exceptions(list)
    }

    /// The shipped calendar, which a test proves valid. It is parsed on each
    /// call: keep the result rather than call this per appeal.
    pub fn kazakhstan() -> Calendar {
        Calendar::from_csv(KZ_CALENDAR_CSV).expect("the shipped calendar is valid")
    }

    /// The exceptions in date order, for the store to save or a page to list.
    pub fn exceptions(&self) -> impl Iterator<Item = Exception> + '_ {
        self.exceptions.values().copied()
    }

    /// The exception on `date`, if any: the reason a page shows for it.
    pub fn exception(&self, date: Date) -> Option<Exception> {
        self.exceptions.get(&date).copied()
    }

    /// The zone registration times are read in, for showing local times.
    pub fn time_zone(&self) -> &TimeZone {
        &self.zone
    }

    /// Monday to Friday unless an exception says otherwise: the one
    /// question every registration and deadline asks.
    pub fn is_working_day(&self, date: Date) -> bool {
        match self.exceptions.get(&date) {
            Some(e) => e.working,
            None => !is_weekend(date),
        }
    }

    /// The first working day after `date`. Stops at the last date jiff can
    /// represent (year 9999) rather than fail: no real term gets there.
    pub fn next_working_day(&self, date: Date) -> Date {
        let mut day = date;
        while let Ok(next) = day.tomorrow() {
            day = next;
            if self.is_working_day(day) {
                break;
            }
        }
        day
    }
}

/// Saturday and Sunday, the days off of a five-day week before exceptions.
fn is_weekend(date: Date) -> bool {
    matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday)
}

/// Refuses an exception that would change nothing or whose reason says the
/// opposite of `working`.
fn check(e: &Exception) -> Result<(), CalendarError> {
    match (is_weekend(e.date), e.working) {
        (false, true) => Err(CalendarError::WorkingWeekday(e.date)),
        (true, false) => Err(CalendarError::WeekendOff(e.date)),
        _ if e.working != (e.reason == Reason::WorkingWeekend) => {
            Err(CalendarError::ReasonMismatch { date: e.date, working: e.working, reason: e.reason })
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use std::collections::BTreeSet;

    /// kz-calendar.md's lists, copied verbatim: weekday days off, then
    /// weekend working days.
    const PUBLISHED: [(i16, &str, &str); 6] = [
        (
            2021,
            "01-01 01-04 01-07 03-08 03-22 03-23 03-24 05-03 05-07 05-10 07-05 07-06 07-20 08-30 12-01 12-16 12-17",
            "07-03",
        ),
        (
            2022,
            "01-03 01-04 01-07 03-07 03-08 03-21 03-22 03-23 05-02 05-09 05-10 07-06 08-29 08-30 10-24 10-25 12-16",
            "03-05 08-27 10-22",
        ),
        (2023, "01-02 01-03 03-08 03-21 03-22 03-23 05-01 05-08 05-09 06-28 07-06 07-07 08-30 10-25 12-18", "07-01"),
        (2024, "01-01 01-02 03-08 03-21 03-22 03-25 05-01 05-07 05-08 05-09 07-08 08-30 10-25 12-16", "05-04"),
        (
            2025,
            "01-01 01-02 01-03 01-07 03-10 03-21 03-24 03-25 05-01 05-07 05-09 06-06 07-07 09-01 10-27 12-16",
            "01-05",
        ),
        (2026, "01-01 01-02 01-07 03-09 03-23 03-24 03-25 05-01 05-07 05-11 05-27 07-06 10-26 12-16", ""),
    ];

    fn published() -> BTreeSet<(Date, bool)> {
        let mut all = BTreeSet::new();
        for (year, off, work) in PUBLISHED {
            for (list, working) in [(off, false), (work, true)] {
                for md in list.split_whitespace() {
                    let d: Date = format!("{year}-{md}").parse().unwrap();
                    assert!(all.insert((d, working)), "{d} twice");
                }
            }
        }
        all
    }

    #[test]
    fn the_shipped_calendar_is_exactly_the_published_lists() {
        let cal = Calendar::kazakhstan();
        let shipped: BTreeSet<(Date, bool)> = cal.exceptions().map(|e| (e.date, e.working)).collect();
        assert_eq!(cal.exceptions().count(), 100);
        assert_eq!(shipped, published());
        let dates: Vec<Date> = cal.exceptions().map(|e| e.date).collect();
        assert!(dates.windows(2).all(|w| w[0] < w[1]), "date order");
    }

    #[test]
    fn a_day_off_that_is_a_holiday_keeps_the_holidays_reason() {
        let cal = Calendar::kazakhstan();
        let reason = |d| cal.exception(d).map(|e| e.reason);
        assert_eq!(reason(date(2024, 3, 21)), Some(Reason::Nauryz));
        assert_eq!(reason(date(2024, 3, 25)), Some(Reason::HolidayCarryOver));
        assert_eq!(reason(date(2024, 5, 8)), Some(Reason::Transfer));
        assert_eq!(reason(date(2024, 5, 4)), Some(Reason::WorkingWeekend));
        assert_eq!(reason(date(2023, 6, 28)), Some(Reason::KurbanAit));
        assert_eq!(reason(date(2024, 3, 20)), None);
    }

    #[test]
    fn worked_weekends_and_ordinary_days() {
        let cal = Calendar::kazakhstan();
        assert!(cal.is_working_day(date(2025, 1, 5)), "Sunday worked for 3 January");
        assert!(cal.is_working_day(date(2024, 5, 4)), "Saturday worked for 8 May");
        assert!(cal.is_working_day(date(2026, 8, 31)), "30 August is no longer a holiday");
        assert!(!cal.is_working_day(date(2026, 8, 30)), "a plain Sunday");
        assert!(!cal.is_working_day(date(2025, 1, 4)), "a plain Saturday");
        assert!(!cal.is_working_day(date(2025, 1, 3)));
        assert!(!cal.is_working_day(date(2022, 5, 10)), "7 May 2022 moved past 9 May");
        assert!(cal.is_working_day(date(2024, 6, 17)), "Kurban Ait on a Sunday does not move");
        assert!(cal.is_working_day(date(2022, 12, 19)), "17 December is no longer a holiday");
        assert!(cal.is_working_day(date(2030, 1, 7)), "a Monday beyond the shipped years");
    }

    #[test]
    fn a_calendar_refuses_duplicates_and_no_ops() {
        let off = |d, reason| Exception { date: d, working: false, reason };
        let work = |d, reason| Exception { date: d, working: true, reason };
        // 2027-03-22 is a Monday, 2027-03-20 a Saturday.
        let monday = date(2027, 3, 22);
        let saturday = date(2027, 3, 20);
        assert!(Calendar::from_exceptions(vec![off(monday, Reason::Nauryz), work(saturday, Reason::WorkingWeekend)])
            .is_ok());
        assert_eq!(
            Calendar::from_exceptions(vec![off(monday, Reason::Nauryz), off(monday, Reason::Transfer)]),
            Err(CalendarError::DuplicateDate(monday))
        );
        assert_eq!(
            Calendar::from_exceptions(vec![work(monday, Reason::WorkingWeekend)]),
            Err(CalendarError::WorkingWeekday(monday))
        );
        assert_eq!(
            Calendar::from_exceptions(vec![off(saturday, Reason::Nauryz)]),
            Err(CalendarError::WeekendOff(saturday))
        );
        assert!(matches!(
            Calendar::from_exceptions(vec![off(monday, Reason::WorkingWeekend)]),
            Err(CalendarError::ReasonMismatch { .. })
        ));
        assert!(matches!(
            Calendar::from_exceptions(vec![work(saturday, Reason::Transfer)]),
            Err(CalendarError::ReasonMismatch { .. })
        ));
    }

    #[test]
    fn a_calendar_file_is_read_with_notes_and_refused_by_line() {
        let good = "# a note\ndate,working,reason\n\n# 2027\n2027-03-22, false ,nauryz\n";
        let cal = Calendar::from_csv(good).unwrap();
        assert!(!cal.is_working_day(date(2027, 3, 22)));
        assert_eq!(cal.exceptions().count(), 1);

        let header = Calendar::from_csv("day,working,reason\n2027-03-22,false,nauryz\n");
        assert!(matches!(header, Err(CalendarError::Unreadable { line: 1, .. })));
        let bad_reason = Calendar::from_csv("date,working,reason\n2027-03-22,false,nauryz\n2027-03-23,false,holiday\n");
        assert!(matches!(bad_reason, Err(CalendarError::Unreadable { line: 3, .. })), "{bad_reason:?}");
        let bad_date = Calendar::from_csv("date,working,reason\n2027-02-30,false,nauryz\n");
        assert!(matches!(bad_date, Err(CalendarError::Unreadable { line: 2, .. })), "{bad_date:?}");
        let no_op = Calendar::from_csv("date,working,reason\n2027-03-22,true,working_weekend\n");
        assert_eq!(no_op, Err(CalendarError::WorkingWeekday(date(2027, 3, 22))));
    }
}
