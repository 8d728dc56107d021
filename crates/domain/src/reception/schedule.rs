//! Recurring schedules ("every first Tuesday, 10:00–13:00"): the dates a
//! rule gives in a range, and which of them fall on a day off of the
//! platform's calendar: those are flagged for a coordinator to decide,
//! never made silently.

use crate::calendar::{Calendar, Reason};
use jiff::civil::{Date, Time, Weekday};
use serde::{Deserialize, Serialize};

named_enum!(
    /// Which week of the month a schedule's weekday falls in.
    Week {
        Every => "every",
        First => "first",
        Second => "second",
        Third => "third",
        Fourth => "fourth",
        Last => "last",
    }
);

impl Week {
    /// The n-th occurrence in the month (−1 for the last); `None` for every.
    fn nth(self) -> Option<i8> {
        match self {
            Week::Every => None,
            Week::First => Some(1),
            Week::Second => Some(2),
            Week::Third => Some(3),
            Week::Fourth => Some(4),
            Week::Last => Some(-1),
        }
    }
}

/// A schedule's rule: a weekday, in every week or one week of the month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub weekday: Weekday,
    pub week: Week,
}

/// The longest range one generation covers (a year and a little).
pub const MAX_GENERATE_DAYS: i32 = 400;

impl Rule {
    /// The dates the rule gives from `from` to `to`, both included, in
    /// order; nothing beyond [`MAX_GENERATE_DAYS`] after `from`.
    pub fn dates(&self, from: Date, to: Date) -> Vec<Date> {
        let limit = from.checked_add(jiff::Span::new().days(MAX_GENERATE_DAYS)).unwrap_or(to);
        let to = to.min(limit);
        let mut out = Vec::new();
        let mut month = from.first_of_month();
        while month <= to {
            match self.week.nth() {
                Some(n) => out.extend(month.nth_weekday_of_month(n, self.weekday).ok()),
                None => {
                    let mut d = month.nth_weekday_of_month(1, self.weekday).ok();
                    while let Some(day) = d.filter(|d| d.month() == month.month()) {
                        out.push(day);
                        d = day.checked_add(jiff::Span::new().days(7)).ok();
                    }
                }
            }
            match month.checked_add(jiff::Span::new().months(1)) {
                Ok(next) => month = next,
                Err(_) => break,
            }
        }
        out.retain(|d| from <= *d && *d <= to);
        out
    }
}

/// Monday = 1 … Sunday = 7, as stored.
pub fn weekday_number(w: Weekday) -> i64 {
    i64::from(w.to_monday_one_offset())
}

pub fn weekday_from_number(n: i64) -> Option<Weekday> {
    i8::try_from(n).ok().and_then(|n| Weekday::from_monday_one_offset(n).ok())
}

/// A local time as stored and typed: "HH:MM".
pub fn parse_local_time(s: &str) -> Option<Time> {
    let (h, m) = s.trim().split_once(':')?;
    let (h, m): (i8, i8) = (h.parse().ok()?, m.parse().ok()?);
    Time::new(h, m, 0, 0).ok()
}

pub fn local_time_text(t: Time) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// Why a date of a schedule is not a working day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DayOff {
    /// The holiday or decree; `None` for a plain weekend.
    pub reason: Option<Reason>,
}

/// One date a schedule gives, flagged when it is a day off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Occurrence {
    pub date: Date,
    pub day_off: Option<DayOff>,
}

/// The rule's dates in the range, each flagged when the calendar makes it
/// a day off.
pub fn occurrences(rule: &Rule, from: Date, to: Date, calendar: &Calendar) -> Vec<Occurrence> {
    rule.dates(from, to)
        .into_iter()
        .map(|date| Occurrence {
            date,
            day_off: (!calendar.is_working_day(date))
                .then(|| DayOff { reason: calendar.exception(date).map(|e| e.reason) }),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn the_first_tuesday_of_each_month() {
        let rule = Rule { weekday: Weekday::Tuesday, week: Week::First };
        let got = rule.dates(date(2026, 1, 1), date(2026, 4, 30));
        assert_eq!(got, vec![date(2026, 1, 6), date(2026, 2, 3), date(2026, 3, 3), date(2026, 4, 7)]);
    }

    #[test]
    fn the_last_friday_and_every_monday() {
        let last = Rule { weekday: Weekday::Friday, week: Week::Last };
        assert_eq!(last.dates(date(2026, 5, 1), date(2026, 6, 30)), vec![date(2026, 5, 29), date(2026, 6, 26)]);
        let every = Rule { weekday: Weekday::Monday, week: Week::Every };
        assert_eq!(
            every.dates(date(2026, 3, 10), date(2026, 3, 31)),
            vec![date(2026, 3, 16), date(2026, 3, 23), date(2026, 3, 30)]
        );
        assert!(every.dates(date(2026, 3, 10), date(2026, 3, 1)).is_empty());
        let far = every.dates(date(2026, 1, 1), date(2030, 1, 1));
        assert!(far.len() <= 58, "a generation stops after about a year");
    }

    #[test]
    fn a_holiday_is_flagged_with_its_reason() {
        // Nauryz 2026: 23 March (Monday) is a day off.
        let cal = Calendar::kazakhstan();
        let rule = Rule { weekday: Weekday::Monday, week: Week::Every };
        let got = occurrences(&rule, date(2026, 3, 16), date(2026, 3, 30), &cal);
        let flagged: Vec<_> = got.iter().filter(|o| o.day_off.is_some()).map(|o| o.date).collect();
        assert_eq!(flagged, vec![date(2026, 3, 23)]);
        assert!(got.iter().find(|o| o.date == date(2026, 3, 23)).unwrap().day_off.unwrap().reason.is_some());
        let saturday = Rule { weekday: Weekday::Saturday, week: Week::First };
        let sat = occurrences(&saturday, date(2026, 4, 1), date(2026, 4, 30), &cal);
        assert_eq!(sat[0].day_off, Some(DayOff { reason: None }), "a plain weekend has no reason");
    }

    #[test]
    fn weekdays_and_times_as_stored() {
        assert_eq!(weekday_number(Weekday::Monday), 1);
        assert_eq!(weekday_from_number(7), Some(Weekday::Sunday));
        assert_eq!(weekday_from_number(0), None);
        assert_eq!(parse_local_time("10:00"), Some(jiff::civil::time(10, 0, 0, 0)));
        assert_eq!(parse_local_time("25:00"), None);
        assert_eq!(local_time_text(jiff::civil::time(9, 5, 0, 0)), "09:05");
    }
}
