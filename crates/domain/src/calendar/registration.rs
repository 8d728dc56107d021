//! When an appeal counts as registered (APC Art. 64): the local working
//! day it arrived before closing, else the next working day. Times are read
//! in the named zone so that a change of clocks comes with the tz database.

use super::{Calendar, Reason};
use jiff::civil::{Date, DateTime, Time};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// An authority's office hours. Only `close` decides registration (an appeal
/// that arrives before opening counts for that day); `open` is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkingHours {
    pub open: Time,
    pub close: Time,
}

impl Default for WorkingHours {
    /// The usual hours of a local executive body.
    fn default() -> Self {
        WorkingHours { open: jiff::civil::time(9, 0, 0, 0), close: jiff::civil::time(18, 30, 0, 0) }
    }
}

/// How an appeal's arrival was read (Art. 64), so a page can say why it
/// was registered on a later day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Arrival {
    /// On a working day before closing: registered that day.
    InHours,
    /// On a working day at or after closing (local time): registered on the
    /// next working day.
    AfterHours { at: DateTime, close: Time },
    /// On a day off (local time): a plain weekend when `reason` is `None`,
    /// else the holiday or decree that made it one.
    DayOff { at: DateTime, reason: Option<Reason> },
}

impl Calendar {
    /// Which rule of Art. 64 decided the registration of an appeal received
    /// at `received`; [`Calendar::registration_date`] gives the date.
    pub fn arrival(&self, received: Timestamp, hours: &WorkingHours) -> Arrival {
        let at = self.zone.to_datetime(received);
        if !self.is_working_day(at.date()) {
            // A weekend holiday (Saturday 21 March) is named too.
            let reason = self.exception(at.date()).map(|e| e.reason).or_else(|| super::rules::holiday_on(at.date()));
            Arrival::DayOff { at, reason }
        } else if at.time() >= hours.close {
            Arrival::AfterHours { at, close: hours.close }
        } else {
            Arrival::InHours
        }
    }

    /// The day an appeal counts as registered (Art. 64): the local day it
    /// arrived if that is a working day and it came before closing, else the
    /// next working day, which may be a weekend a decree made working.
    pub fn registration_date(&self, received: Timestamp, hours: &WorkingHours) -> Date {
        let local = self.zone.to_datetime(received);
        let day = local.date();
        if self.is_working_day(day) && local.time() < hours.close {
            day
        } else {
            self.next_working_day(day)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::TIME_ZONE;
    use jiff::civil::date;
    use proptest::prelude::*;

    fn at(rfc3339: &str) -> Timestamp {
        rfc3339.parse().unwrap()
    }

    #[test]
    fn the_zone_is_the_named_one_with_its_history() {
        let cal = Calendar::kazakhstan();
        assert_eq!(cal.time_zone().iana_name(), Some(TIME_ZONE));
        // Qyzylorda was UTC+6 until 21 December 2018: a fixed +5 would
        // put this instant on 1 June.
        let local = cal.time_zone().to_datetime(at("2018-06-01T18:30:00Z"));
        assert_eq!(local.date(), date(2018, 6, 2));
        let local = cal.time_zone().to_datetime(at("2026-03-02T20:00:00Z"));
        assert_eq!(local, date(2026, 3, 3).at(1, 0, 0, 0));
    }

    #[test]
    fn registration_follows_working_days_and_hours() {
        let cal = Calendar::kazakhstan();
        let hours = WorkingHours::default();
        let reg = |s: &str| cal.registration_date(at(s), &hours);
        assert_eq!(reg("2026-03-02T10:00:00+05:00"), date(2026, 3, 2));
        assert_eq!(reg("2026-03-02T08:00:00+05:00"), date(2026, 3, 2), "before opening");
        assert_eq!(reg("2026-03-02T18:29:59+05:00"), date(2026, 3, 2));
        assert_eq!(reg("2026-03-02T18:30:00+05:00"), date(2026, 3, 3), "at closing");
        assert_eq!(reg("2026-03-02T18:45:00+05:00"), date(2026, 3, 3));
        assert_eq!(reg("2026-03-02T20:00:00Z"), date(2026, 3, 3), "01:00 local");
        assert_eq!(reg("2026-02-28T12:00:00+05:00"), date(2026, 3, 2), "Saturday");
        // Saturday 7 March; Monday 9 March is off for Sunday 8 March.
        assert_eq!(reg("2026-03-07T12:00:00+05:00"), date(2026, 3, 10));
        assert_eq!(reg("2026-03-06T18:45:00+05:00"), date(2026, 3, 10), "Friday evening");
        // The next working day after New Year 2025 was Sunday 5 January.
        assert_eq!(reg("2024-12-31T19:00:00+05:00"), date(2025, 1, 5));
        assert_eq!(reg("2025-01-04T12:00:00+05:00"), date(2025, 1, 5));
        assert_eq!(reg("2025-01-05T11:00:00+05:00"), date(2025, 1, 5));
        let short = WorkingHours { close: jiff::civil::time(17, 0, 0, 0), ..WorkingHours::default() };
        let t = at("2026-03-02T17:30:00+05:00");
        assert_eq!(cal.registration_date(t, &short), date(2026, 3, 3));
        assert_eq!(cal.registration_date(t, &hours), date(2026, 3, 2));
    }

    proptest! {
        #[test]
        fn registration_is_a_working_day_not_before_arrival(
            // 2021-01-01 to 2026-12-20, UTC.
            second in 1_609_459_200i64..1_797_724_800,
            close_minute in 1i32..(24 * 60),
        ) {
            static KZ: std::sync::OnceLock<Calendar> = std::sync::OnceLock::new();
            let cal = KZ.get_or_init(Calendar::kazakhstan);
            let received = Timestamp::from_second(second).unwrap();
            let hours = WorkingHours {
                close: Time::new((close_minute / 60) as i8, (close_minute % 60) as i8, 0, 0).unwrap(),
                ..WorkingHours::default()
            };
            let registered = cal.registration_date(received, &hours);
            // Qyzylorda is UTC+5 throughout these years.
            let local = jiff::tz::offset(5).to_datetime(received);
            prop_assert!(cal.is_working_day(registered));
            prop_assert!(registered >= local.date());
            let same_day = cal.is_working_day(local.date()) && local.time() < hours.close;
            prop_assert_eq!(registered == local.date(), same_day);
            if !same_day {
                prop_assert_eq!(cal.working_days_between(local.date(), registered), 1);
            }
        }
    }
}
