//! Kazakhstan's working-day calendar: which dates are days off, the day an
//! appeal counts as registered (APC Art. 64) and the day its answer is due
//! (Art. 76). Only departures from the Monday–Friday week are stored: a year
//! with stored rows follows its decree; every other year follows the rules.

mod due;
mod file;
mod reason;
mod registration;
mod rules;

pub use due::{Due, SkippedDay, SkippedRun};
pub use file::{FileError, FileProblem};
pub use reason::Reason;
pub use registration::{Arrival, WorkingHours};
pub use rules::generated_exceptions;

use jiff::civil::{Date, Weekday};
use jiff::tz::{TimeZone, TimeZoneDatabase};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Bound::{Excluded, Included};
use std::ops::RangeInclusive;

/// The demo region's zone. Named rather than a fixed UTC+5 so that a change
/// of Kazakhstan's clocks reaches us with the tz database, not a code edit.
pub const TIME_ZONE: &str = "Asia/Qyzylorda";

/// The calendar shipped with the binary (2021–2026); later years follow the
/// rules until an administrator enters their decree.
pub const KZ_CALENDAR_CSV: &str = include_str!("../../data/kz-calendar.csv");

/// The header a calendar file must start with (after any `#` notes).
pub const CSV_HEADER: [&str; 3] = ["date", "working", "reason"];

/// Years whose rule-given days off are worked out once, when a calendar is
/// built (every filing and inbox page asks the calendar); a year outside
/// them is worked out when asked.
const PRECOMPUTED_YEARS: RangeInclusive<i16> = 2000..=2100;

/// The month from which the administrator is told that next year's decree
/// is not entered yet (decrees are usually published in the autumn).
pub const DECREE_REMINDER_MONTH: i8 = 11;

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
    /// A year was entered without a day off that the rules give for it: a
    /// year with rows follows them alone, so the day would silently become
    /// a working day.
    #[error("{date} ({reason}) is a day off by the rules but is missing from its year")]
    MissingRuleDay { date: Date, reason: Reason },
}

/// Where a year's days off come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// The year has entered rows: the government's decree, as entered.
    Decree,
    /// No row is entered for the year: the holidays and their carry-overs
    /// by the rules, without Kurban Ait (its date is announced each year)
    /// and without the decree's transfers.
    Rules,
}

/// A run of years that follow the rules; `None` is open-ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleYears {
    pub from: Option<i16>,
    pub until: Option<i16>,
}

/// Which dates are working days, in the zone appeals are registered in.
/// Built only from checked exceptions, so each listed date really changes
/// the week and none is listed twice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    /// What was entered (or shipped): the decreed years, exactly.
    exceptions: BTreeMap<Date, Exception>,
    /// The years with at least one entered row.
    decreed: BTreeSet<i16>,
    /// `exceptions` and the rule-given days off of every other year of
    /// [`PRECOMPUTED_YEARS`]: what the hot path reads.
    days: BTreeMap<Date, Exception>,
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
        let decreed: BTreeSet<i16> = exceptions.keys().map(|d| d.year()).collect();
        let mut days = exceptions.clone();
        for year in PRECOMPUTED_YEARS.filter(|y| !decreed.contains(y)) {
            days.extend(generated_exceptions(year, None).into_iter().map(|e| (e.date, e)));
        }
        Ok(Calendar { exceptions, decreed, days, zone })
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

    /// The entered exceptions in date order, for the store to save or the
    /// editor to show; the rule-given days of other years are not among them.
    pub fn exceptions(&self) -> impl Iterator<Item = Exception> + '_ {
        self.exceptions.values().copied()
    }

    /// Refuses a calendar in which an entered year lacks a day off that the
    /// rules give for it (Kurban Ait aside: the rules cannot know its date).
    /// The administrator's editor asks this before saving; a stored calendar
    /// is loaded without it, so an old installation still starts.
    pub fn check_entered_years(&self) -> Result<(), CalendarError> {
        match self.missing_rule_days().first() {
            Some(e) => Err(CalendarError::MissingRuleDay { date: e.date, reason: e.reason }),
            None => Ok(()),
        }
    }

    /// The rule-given days off missing from entered years, in date order.
    pub fn missing_rule_days(&self) -> Vec<Exception> {
        self.decreed
            .iter()
            .flat_map(|&year| generated_exceptions(year, None))
            .filter(|e| self.exceptions.get(&e.date).is_none_or(|x| x.working))
            .collect()
    }

    /// The exception on `date`, entered or by the rules, if any: the reason
    /// a page shows for it.
    pub fn exception(&self, date: Date) -> Option<Exception> {
        if self.precomputed(date.year()) {
            self.days.get(&date).copied()
        } else {
            generated_exceptions(date.year(), None).into_iter().find(|e| e.date == date)
        }
    }

    /// Whether `year`'s days off come from an entered decree or the rules.
    pub fn source(&self, year: i16) -> Source {
        if self.decreed.contains(&year) {
            Source::Decree
        } else {
            Source::Rules
        }
    }

    /// The years that follow the rules, as runs between the entered ones:
    /// with 2021–2026 entered, "until 2020" and "from 2027".
    pub fn rule_years(&self) -> Vec<RuleYears> {
        let mut runs = Vec::new();
        // The year after the last entered one seen; `None` before the first.
        let mut next: Option<i16> = None;
        for &year in &self.decreed {
            match next {
                None => runs.push(RuleYears { from: None, until: Some(year - 1) }),
                Some(n) if n < year => runs.push(RuleYears { from: Some(n), until: Some(year - 1) }),
                Some(_) => {}
            }
            next = Some(year + 1);
        }
        runs.push(RuleYears { from: next, until: None });
        runs
    }

    /// The years whose decree the administrator should be told is missing
    /// on `today`: this year's, and from 1 November next year's.
    pub fn decrees_missing(&self, today: Date) -> Vec<i16> {
        let year = today.year();
        let mut missing = Vec::new();
        if self.source(year) == Source::Rules {
            missing.push(year);
        }
        if today.month() >= DECREE_REMINDER_MONTH && year < 9999 && self.source(year + 1) == Source::Rules {
            missing.push(year + 1);
        }
        missing
    }

    /// The zone registration times are read in, for showing local times.
    pub fn time_zone(&self) -> &TimeZone {
        &self.zone
    }

    /// Monday to Friday unless an exception says otherwise: the one
    /// question every registration and deadline asks.
    pub fn is_working_day(&self, date: Date) -> bool {
        match self.exception(date) {
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

    /// Whether `days` holds everything about `year`.
    fn precomputed(&self, year: i16) -> bool {
        PRECOMPUTED_YEARS.contains(&year) || self.decreed.contains(&year)
    }

    /// The exceptions, entered or by the rules, after `from` up to and
    /// including `to`, in date order.
    fn exceptions_between(&self, from: Date, to: Date) -> Vec<Exception> {
        if to <= from {
            return Vec::new();
        }
        let mut list: Vec<Exception> = self.days.range((Excluded(from), Included(to))).map(|(_, e)| *e).collect();
        let outside: Vec<i16> = (from.year()..=to.year()).filter(|y| !self.precomputed(*y)).collect();
        if !outside.is_empty() {
            for year in outside {
                list.extend(generated_exceptions(year, None).into_iter().filter(|e| from < e.date && e.date <= to));
            }
            list.sort_by_key(|e| e.date);
        }
        list
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
        assert!(!cal.is_working_day(date(2030, 1, 7)), "7 January beyond the shipped years, by the rules");
        assert!(cal.is_working_day(date(2030, 1, 14)), "a plain Monday beyond the shipped years");
    }

    /// kz-calendar.md's 2027 list "from the rules alone", copied verbatim.
    const RULES_2027: &str = "01-01 01-04 01-07 03-08 03-15 03-22 03-23 03-24 05-03 05-07 05-10 07-06 10-25 12-16";

    /// The weekdays of `year` that `cal` says are days off.
    fn weekdays_off(cal: &Calendar, year: i16) -> Vec<String> {
        let mut d = date(year, 1, 1);
        let mut off = Vec::new();
        while d.year() == year {
            if !is_weekend(d) && !cal.is_working_day(d) {
                off.push(d.strftime("%m-%d").to_string());
            }
            d = d.tomorrow().unwrap();
        }
        off
    }

    #[test]
    fn a_year_without_a_decree_follows_the_rules() {
        let cal = Calendar::kazakhstan();
        assert_eq!(weekdays_off(&cal, 2027), RULES_2027.split_whitespace().collect::<Vec<_>>());
        assert_eq!(cal.source(2027), Source::Rules);
        assert_eq!(cal.source(2026), Source::Decree);
        assert_eq!(cal.exception(date(2027, 3, 15)).map(|e| e.reason), Some(Reason::ConstitutionDay));
        assert_eq!(cal.exceptions().filter(|e| e.date.year() == 2027).count(), 0, "nothing is entered for 2027");
        // 2031, and years past the precomputed ones: New Year, 7 January
        // (Tuesday 2031), Nauryz, Independence Day.
        for year in [2031, 2100, 2101, 2345, 9998] {
            let off = weekdays_off(&cal, year);
            let expected: Vec<String> =
                generated_exceptions(year, None).iter().map(|e| e.date.strftime("%m-%d").to_string()).collect();
            assert_eq!(off, expected, "{year}");
            assert!(off.len() >= 10, "{year}: {off:?}");
        }
        assert!(weekdays_off(&cal, 2031).starts_with(&["01-01".into(), "01-02".into(), "01-07".into()]));
    }

    #[test]
    fn entered_rows_win_over_the_rules() {
        let cal = Calendar::kazakhstan();
        // Rules alone would make Friday 3 January 2025 working and Sunday
        // 5 January a day off; the decree says the opposite.
        assert!(!cal.is_working_day(date(2025, 1, 3)));
        assert!(cal.is_working_day(date(2025, 1, 5)));
        // A 2027 decree as an administrator would enter it: the rules' days,
        // Kurban Ait (Sunday 16 May: not moved) and a transfer of Saturday
        // 9 January to Friday 8 January.
        let mut list: Vec<Exception> = cal.exceptions().collect();
        list.extend(generated_exceptions(2027, Some(date(2027, 5, 16))));
        list.push(Exception { date: date(2027, 1, 8), working: false, reason: Reason::Transfer });
        list.push(Exception { date: date(2027, 1, 9), working: true, reason: Reason::WorkingWeekend });
        let decreed = Calendar::from_exceptions(list).unwrap();
        assert_eq!(decreed.check_entered_years(), Ok(()));
        assert_eq!(decreed.source(2027), Source::Decree);
        assert!(!decreed.is_working_day(date(2027, 1, 8)) && cal.is_working_day(date(2027, 1, 8)));
        assert!(decreed.is_working_day(date(2027, 1, 9)) && !cal.is_working_day(date(2027, 1, 9)));
        assert!(!decreed.is_working_day(date(2027, 3, 15)));
        // A decreed year is exactly what was entered: a row dropped from it
        // is a working day, which is why the editor checks entered years.
        let dropped =
            Calendar::from_exceptions(decreed.exceptions().filter(|e| e.date != date(2027, 3, 15)).collect()).unwrap();
        assert!(dropped.is_working_day(date(2027, 3, 15)));
        assert_eq!(
            dropped.check_entered_years(),
            Err(CalendarError::MissingRuleDay { date: date(2027, 3, 15), reason: Reason::ConstitutionDay })
        );
        assert_eq!(Calendar::kazakhstan().check_entered_years(), Ok(()), "the shipped years are complete");
    }

    #[test]
    fn rule_years_are_the_gaps_around_entered_years() {
        let open = |from, until| RuleYears { from, until };
        assert_eq!(Calendar::kazakhstan().rule_years(), [open(None, Some(2020)), open(Some(2027), None)]);
        let mut list: Vec<Exception> = Calendar::kazakhstan().exceptions().filter(|e| e.date.year() != 2023).collect();
        list.extend(generated_exceptions(2029, None));
        let gaps = Calendar::from_exceptions(list).unwrap();
        assert_eq!(
            gaps.rule_years(),
            [
                open(None, Some(2020)),
                open(Some(2023), Some(2023)),
                open(Some(2027), Some(2028)),
                open(Some(2030), None)
            ]
        );
        assert_eq!(gaps.source(2023), Source::Rules);
        assert_eq!(Calendar::from_exceptions(vec![]).unwrap().rule_years(), [open(None, None)]);
    }

    #[test]
    fn the_missing_decree_is_told_from_1_november() {
        let cal = Calendar::kazakhstan();
        assert_eq!(cal.decrees_missing(date(2026, 10, 31)), Vec::<i16>::new(), "before 1 November");
        assert_eq!(cal.decrees_missing(date(2026, 11, 1)), [2027]);
        assert_eq!(cal.decrees_missing(date(2026, 12, 31)), [2027]);
        assert_eq!(cal.decrees_missing(date(2027, 1, 1)), [2027], "still missing once the year has begun");
        assert_eq!(cal.decrees_missing(date(2025, 11, 1)), Vec::<i16>::new(), "2026 is entered");
        let mut list: Vec<Exception> = cal.exceptions().collect();
        list.extend(generated_exceptions(2027, None));
        let entered = Calendar::from_exceptions(list).unwrap();
        assert_eq!(entered.decrees_missing(date(2026, 11, 1)), Vec::<i16>::new(), "entered");
        assert_eq!(entered.decrees_missing(date(2027, 11, 1)), [2028]);
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
