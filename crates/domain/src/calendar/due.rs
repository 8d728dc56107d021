//! Terms in working days (APC Art. 76): the term starts the day after
//! registration and the answer is due on the N-th working day. A deadline
//! carries the days off it passed over, so the platform can say why.

use super::registration::Arrival;
use super::{is_weekend, rules, Calendar, Reason, Source, WorkingHours};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// A weekday off that a term passed over. Plain weekends are not listed:
/// nobody needs to be told that Saturday is not a working day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedDay {
    pub date: Date,
    pub reason: Reason,
    /// For a holiday carried over from a weekend: that weekend day and its
    /// holiday, so the day can be named ("Nauryz, from Sunday 22 March").
    pub stands_for: Option<(Date, Reason)>,
}

/// Days off in a row as a reader sees them ("21–25 March"): skipped
/// weekdays with nothing but plain weekends between them. `reason` is the
/// first day's, which names the run; `reasons` lists each reason once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedRun {
    pub first: Date,
    pub last: Date,
    pub reason: Reason,
    pub reasons: Vec<Reason>,
    /// The run's weekdays off, each with its own reason.
    pub days: Vec<SkippedDay>,
}

/// A deadline and how it was reached, so a letter or a page can explain it
/// ("registered 18.03.2026; 23–25 March are days off (Nauryz); due
/// 13.04.2026").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Due {
    pub registered: Date,
    pub due: Date,
    pub working_days: u32,
    /// The first working day counted: the one after registration (Art. 76);
    /// `None` for a term of no days.
    pub first_counted: Option<Date>,
    /// How the appeal's arrival became `registered` (Art. 64), when the
    /// deadline was worked out from the moment it arrived.
    pub arrival: Option<Arrival>,
    /// Weekdays off after `registered`, up to and including `due`.
    pub skipped: Vec<SkippedDay>,
    /// Weekend days worked in the same span: they count, and they break a
    /// run of days off that would otherwise span the weekend.
    pub worked_weekends: Vec<Date>,
    /// The years from registration to `due` whose decree is not entered:
    /// their days off come by the rules, so a later decree may move `due`.
    pub by_rules: Vec<i16>,
}

impl Due {
    /// The skipped days grouped into runs, in date order.
    pub fn runs(&self) -> Vec<SkippedRun> {
        let mut runs: Vec<SkippedRun> = Vec::new();
        for day in &self.skipped {
            match runs.last_mut() {
                Some(run) if self.only_plain_weekend_between(run.last, day.date) => {
                    run.last = day.date;
                    if !run.reasons.contains(&day.reason) {
                        run.reasons.push(day.reason);
                    }
                    run.days.push(*day);
                }
                _ => runs.push(SkippedRun {
                    first: day.date,
                    last: day.date,
                    reason: day.reason,
                    reasons: vec![day.reason],
                    days: vec![*day],
                }),
            }
        }
        runs
    }

    /// Every weekday of the span that is not skipped is a working day, so
    /// two skipped days belong together when only unworked weekend days lie
    /// between them.
    fn only_plain_weekend_between(&self, a: Date, b: Date) -> bool {
        std::iter::successors(a.tomorrow().ok(), |d| d.tomorrow().ok())
            .take_while(|d| *d < b)
            .all(|d| is_weekend(d) && !self.worked_weekends.contains(&d))
    }
}

impl Calendar {
    /// The `n`-th working day after `from`; `from` itself when `n` is 0.
    pub fn add_working_days(&self, from: Date, n: u32) -> Date {
        (0..n).fold(from, |day, _| self.next_working_day(day))
    }

    /// Working days after `from` up to and including `to`, negative when
    /// `to` comes first. Counts without walking the days, so a clock that
    /// stops and restarts over months stays cheap.
    pub fn working_days_between(&self, from: Date, to: Date) -> i64 {
        if to < from {
            return -self.working_days_between(to, from);
        }
        let days = to.duration_since(from).as_secs() / 86_400;
        let start = i64::from(from.weekday().to_monday_zero_offset());
        let tail = (1..=days % 7).filter(|k| (start + k) % 7 < 5).count();
        let weekdays = days / 7 * 5 + tail as i64;
        // Each exception flips one day: the calendar refuses no-op ones.
        let flips: i64 = self.exceptions_between(from, to).iter().map(|e| if e.working { 1 } else { -1 }).sum();
        weekdays + flips
    }

    /// The deadline of a term of `working_days` from `registered` (Art. 76).
    pub fn due_date(&self, registered: Date, working_days: u32) -> Due {
        let due = self.add_working_days(registered, working_days);
        let mut skipped = Vec::new();
        let mut worked_weekends = Vec::new();
        for e in self.exceptions_between(registered, due) {
            if e.working {
                worked_weekends.push(e.date);
            } else {
                let stands_for =
                    if e.reason == Reason::HolidayCarryOver { rules::weekend_holiday_before(e.date) } else { None };
                skipped.push(SkippedDay { date: e.date, reason: e.reason, stands_for });
            }
        }
        let by_rules = (registered.year()..=due.year()).filter(|y| self.source(*y) == Source::Rules).collect();
        let first_counted = (working_days > 0).then(|| self.next_working_day(registered));
        Due { registered, due, working_days, first_counted, arrival: None, skipped, worked_weekends, by_rules }
    }

    /// The deadline of an appeal that arrived at `received`: registered by
    /// Art. 64, due by Art. 76, with how the arrival was read.
    pub fn due_on_arrival(&self, received: jiff::Timestamp, hours: &WorkingHours, working_days: u32) -> Due {
        let registered = self.registration_date(received, hours);
        Due { arrival: Some(self.arrival(received, hours)), ..self.due_date(registered, working_days) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Exception;
    use jiff::civil::date;
    use jiff::ToSpan;
    use proptest::prelude::*;
    use std::sync::OnceLock;

    fn kz() -> &'static Calendar {
        static KZ: OnceLock<Calendar> = OnceLock::new();
        KZ.get_or_init(Calendar::kazakhstan)
    }

    /// A run as the tests name it: its span and reasons (its days apart).
    fn run(first: Date, last: Date, reasons: &[Reason]) -> (Date, Date, Vec<Reason>) {
        (first, last, reasons.to_vec())
    }

    fn spans(runs: &[SkippedRun]) -> Vec<(Date, Date, Vec<Reason>)> {
        runs.iter().map(|r| (r.first, r.last, r.reasons.clone())).collect()
    }

    #[test]
    fn the_worked_example_of_march_2026() {
        let due = kz().due_date(date(2026, 3, 2), 15);
        assert_eq!(due.due, date(2026, 3, 27));
        let skipped: Vec<Date> = due.skipped.iter().map(|s| s.date).collect();
        assert_eq!(skipped, [date(2026, 3, 9), date(2026, 3, 23), date(2026, 3, 24), date(2026, 3, 25)]);
        assert_eq!(due.skipped[0].reason, Reason::HolidayCarryOver);
        assert_eq!(due.runs().len(), 2);

        let due = kz().due_date(date(2026, 3, 18), 15);
        assert_eq!(due.due, date(2026, 4, 13));
        assert_eq!(
            spans(&due.runs()),
            [run(date(2026, 3, 23), date(2026, 3, 25), &[Reason::Nauryz, Reason::HolidayCarryOver])]
        );
        // Each carried-over day names the weekend holiday behind it.
        let days = &due.runs()[0].days;
        assert_eq!(days.len(), 3);
        assert_eq!(days[0].stands_for, None, "23 March is Nauryz itself");
        assert_eq!(days[1].stands_for, Some((date(2026, 3, 22), Reason::Nauryz)));
        assert_eq!(days[2].stands_for, Some((date(2026, 3, 22), Reason::Nauryz)));
        assert_eq!(due.first_counted, Some(date(2026, 3, 19)), "counted from the next working day");
        let early = kz().due_date(date(2026, 3, 2), 15);
        assert_eq!(early.skipped[0].stands_for, Some((date(2026, 3, 8), Reason::WomensDay)));
    }

    #[test]
    fn the_first_counted_day_skips_days_off() {
        // Registered Friday 20 March 2026: the weekend and 23–25 March pass.
        assert_eq!(kz().due_date(date(2026, 3, 20), 1).first_counted, Some(date(2026, 3, 26)));
        assert_eq!(kz().due_date(date(2026, 3, 20), 0).first_counted, None);
    }

    #[test]
    fn a_deadline_from_an_arrival_says_how_it_was_registered() {
        let hours = WorkingHours::default();
        let at = |s: &str| s.parse::<jiff::Timestamp>().unwrap();
        // Friday 20 March 2026 at 19:05, after closing; then the weekend and
        // 23–25 March: registered Thursday 26 March.
        let due = kz().due_on_arrival(at("2026-03-20T19:05:00+05:00"), &hours, 15);
        assert_eq!(due.registered, date(2026, 3, 26));
        assert_eq!(
            due.arrival,
            Some(Arrival::AfterHours { at: date(2026, 3, 20).at(19, 5, 0, 0), close: hours.close })
        );
        assert_eq!(due, Due { arrival: due.arrival, ..kz().due_date(date(2026, 3, 26), 15) });
        let due = kz().due_on_arrival(at("2026-03-23T10:00:00+05:00"), &hours, 15);
        assert_eq!(
            due.arrival,
            Some(Arrival::DayOff { at: date(2026, 3, 23).at(10, 0, 0, 0), reason: Some(Reason::Nauryz) })
        );
        let due = kz().due_on_arrival(at("2026-03-19T10:00:00+05:00"), &hours, 15);
        assert_eq!(due.arrival, Some(Arrival::InHours));
        assert_eq!(due.registered, date(2026, 3, 19));
    }

    /// Runs as "first..last reason+reason", one run after another.
    fn describe(runs: &[SkippedRun]) -> String {
        let one = |r: &SkippedRun| {
            let names: Vec<&str> = r.reasons.iter().map(|x| x.as_str()).collect();
            if r.first == r.last {
                format!("{} {}", r.first, names.join("+"))
            } else {
                format!("{}..{} {}", r.first, r.last, names.join("+"))
            }
        };
        runs.iter().map(one).collect::<Vec<_>>().join(", ")
    }

    /// Worked out by hand from kz-calendar.md, day by day; the comment
    /// lists the working days counted.
    #[test]
    fn terms_across_new_year_nauryz_and_may() {
        #[rustfmt::skip]
        let cases = [
            // 31 Dec; 1–3 Jan off; Sun 5 Jan worked; 6, 8–10, 13–17, 20–23.
            ("2024-12-30", 15, "2025-01-23",
             "2025-01-01..2025-01-03 new_year+transfer, 2025-01-07 orthodox_christmas"),
            // 3–5, 8, 9 January 2024; 7 January was a Sunday.
            ("2023-12-29", 5, "2024-01-09", "2024-01-01..2024-01-02 new_year"),
            // 31 Dec; 5, 6, 8, 9, 12–16, 19–23 January 2026.
            ("2025-12-30", 15, "2026-01-23",
             "2026-01-01..2026-01-02 new_year, 2026-01-07 orthodox_christmas"),
            // 26–29 March, 1–5 and 8 April 2024.
            ("2024-03-20", 10, "2024-04-08", "2024-03-21..2024-03-25 nauryz+holiday_carry_over"),
            // 20, 26–28, 31 March, 1–4, 7–11, 14 April 2025.
            ("2025-03-19", 15, "2025-04-14", "2025-03-21..2025-03-25 nauryz+holiday_carry_over"),
            // 2, 3, Sat 4 (worked), 6, 10, 13–17, 20–24 May 2024.
            ("2024-04-30", 15, "2024-05-24",
             "2024-05-01 unity_day, 2024-05-07..2024-05-09 defender_day+transfer+victory_day"),
            // 2, 5, 6, 8, 12 May 2025.
            ("2025-04-30", 5, "2025-05-12",
             "2025-05-01 unity_day, 2025-05-07 defender_day, 2025-05-09 victory_day"),
            // 4–6, 8, 12–15, 18–22, 25, 26 May 2026; 27 May is Kurban Ait.
            ("2026-04-30", 15, "2026-05-26",
             "2026-05-01 unity_day, 2026-05-07 defender_day, 2026-05-11 holiday_carry_over"),
            // 11–13 May 2022: 7 May (Sat) moved past 9 May (Mon).
            ("2022-05-06", 3, "2022-05-13", "2022-05-09..2022-05-10 victory_day+holiday_carry_over"),
        ];
        for (registered, n, expected, runs) in cases {
            let registered: Date = registered.parse().unwrap();
            let due = kz().due_date(registered, n);
            assert_eq!(due.due.to_string(), expected, "registered {registered}, {n} days");
            assert_eq!(describe(&due.runs()), runs, "registered {registered}");
        }
        let worked = kz().due_date(date(2024, 12, 30), 15).worked_weekends;
        assert_eq!(worked, [date(2025, 1, 5)]);
    }

    #[test]
    fn a_term_across_new_year_2027_passes_its_days_off_by_the_rules() {
        // The example: 28–31 December 2026; 1 and 4 January (for
        // Saturday 2 January) off; 5, 6; 7 January off; 8, 11–15, 18–20.
        let due = kz().due_date(date(2026, 12, 25), 15);
        assert_eq!(due.due, date(2027, 1, 20));
        assert_eq!(
            describe(&due.runs()),
            "2027-01-01..2027-01-04 new_year+holiday_carry_over, 2027-01-07 orthodox_christmas"
        );
        assert_eq!(due.by_rules, [2027]);
        assert!(kz().due_date(date(2026, 3, 2), 15).by_rules.is_empty(), "2026 is decreed");
        // Far ahead, past the precomputed years: 31 December 2200; 1–2
        // January 2201 (Thursday, Friday) off; 5, 6; 7 January (Wednesday)
        // off; 8, 9.
        let due = kz().due_date(date(2200, 12, 30), 3);
        assert_eq!(due.due, date(2201, 1, 6));
        assert_eq!(due.by_rules, [2200, 2201]);
        assert_eq!(kz().working_days_between(date(2200, 12, 30), date(2201, 1, 10)), 5);
    }

    #[test]
    fn a_term_of_zero_days_is_due_on_registration() {
        let due = kz().due_date(date(2026, 3, 20), 0);
        assert_eq!(due.due, date(2026, 3, 20));
        assert!(due.skipped.is_empty() && due.runs().is_empty());
    }

    #[test]
    fn a_worked_weekend_splits_a_run() {
        // Friday 19 March 2027 off, Saturday 20 worked, Monday 22 off.
        let fri = Exception { date: date(2027, 3, 19), working: false, reason: Reason::Transfer };
        let sat = Exception { date: date(2027, 3, 20), working: true, reason: Reason::WorkingWeekend };
        let mon = Exception { date: date(2027, 3, 22), working: false, reason: Reason::Nauryz };
        let split = Calendar::from_exceptions(vec![fri, sat, mon]).unwrap();
        let due = split.due_date(date(2027, 3, 18), 2);
        assert_eq!(due.due, date(2027, 3, 23));
        assert_eq!(due.runs().len(), 2);
        let joined = Calendar::from_exceptions(vec![fri, mon]).unwrap();
        let due = joined.due_date(date(2027, 3, 18), 2);
        assert_eq!(due.due, date(2027, 3, 24));
        assert_eq!(spans(&due.runs()), [run(fri.date, mon.date, &[Reason::Transfer, Reason::Nauryz])]);
    }

    #[test]
    fn working_days_between_counts_after_from_up_to_to() {
        let cal = kz();
        assert_eq!(cal.working_days_between(date(2026, 3, 2), date(2026, 3, 27)), 15);
        assert_eq!(cal.working_days_between(date(2026, 3, 27), date(2026, 3, 2)), -15);
        assert_eq!(cal.working_days_between(date(2026, 3, 2), date(2026, 3, 2)), 0);
        // Friday 20 March to Thursday 26 March 2026: only the 26th works.
        assert_eq!(cal.working_days_between(date(2026, 3, 20), date(2026, 3, 26)), 1);
        // Across the worked Sunday of 2025: 31 Dec, 5 Jan, 6 Jan.
        assert_eq!(cal.working_days_between(date(2024, 12, 30), date(2025, 1, 6)), 3);
        // "Within 3 working days" of 30 April 2024 ends on Saturday 4 May.
        assert_eq!(cal.add_working_days(date(2024, 4, 30), 3), date(2024, 5, 4));
    }

    /// A date from December 2020 to early 2028, around the shipped years.
    fn day(offset: i64) -> Date {
        date(2020, 12, 1).saturating_add(offset.days())
    }

    fn walked_count(cal: &Calendar, from: Date, to: Date) -> i64 {
        let (lo, hi, sign) = if from <= to { (from, to, 1) } else { (to, from, -1) };
        let mut count = 0;
        let mut d = lo;
        while d < hi {
            d = d.tomorrow().unwrap();
            count += i64::from(cal.is_working_day(d));
        }
        sign * count
    }

    proptest! {
        #[test]
        fn a_due_date_is_the_nth_working_day_after_registration(offset in 0i64..2600, n in 1u32..80) {
            let cal = kz();
            let registered = day(offset);
            let due = cal.due_date(registered, n);
            prop_assert!(cal.is_working_day(due.due));
            prop_assert!(due.due > registered);
            prop_assert_eq!(cal.working_days_between(registered, due.due), i64::from(n));
            for s in &due.skipped {
                prop_assert!(!cal.is_working_day(s.date) && !is_weekend(s.date));
                prop_assert!(registered < s.date && s.date <= due.due);
            }
            let runs = due.runs();
            prop_assert!(runs.iter().all(|r| r.first <= r.last && r.reasons[0] == r.reason));
            let covered = due.skipped.iter().all(|s| runs.iter().any(|r| r.first <= s.date && s.date <= r.last));
            prop_assert!(covered);
        }

        #[test]
        fn working_days_between_agrees_with_walking(a in 0i64..2600, b in 0i64..2600) {
            let (from, to) = (day(a), day(b));
            prop_assert_eq!(kz().working_days_between(from, to), walked_count(kz(), from, to));
        }

        #[test]
        fn working_days_between_agrees_with_walking_past_the_precomputed_years(a in 0i64..800, b in 0i64..800) {
            // From mid-2100 to 2102, across the last precomputed year.
            let at = |k: i64| date(2100, 6, 1).saturating_add(k.days());
            let (from, to) = (at(a), at(b));
            prop_assert_eq!(kz().working_days_between(from, to), walked_count(kz(), from, to));
        }

        #[test]
        fn a_new_day_off_never_brings_a_deadline_forward(offset in 0i64..2600, n in 0u32..60, ahead in 1i64..100) {
            let cal = kz();
            let registered = day(offset);
            let extra = day(offset + ahead);
            prop_assume!(!is_weekend(extra) && cal.exception(extra).is_none());
            let mut list: Vec<Exception> = cal.exceptions().collect();
            if cal.source(extra.year()) == Source::Rules {
                // Entering a year means entering all of it.
                list.extend(crate::calendar::generated_exceptions(extra.year(), None));
            }
            list.push(Exception { date: extra, working: false, reason: Reason::Transfer });
            let more = Calendar::from_exceptions(list).unwrap();
            let before = cal.due_date(registered, n).due;
            let after = more.due_date(registered, n).due;
            prop_assert!(after >= before);
            if extra <= before && n > 0 {
                prop_assert!(after > before, "a day off inside the term must push it");
            }
        }

        #[test]
        fn removing_a_day_off_never_pushes_a_deadline_back(offset in 0i64..2600, n in 0u32..60, pick: prop::sample::Index) {
            let cal = kz();
            let registered = day(offset);
            let offs: Vec<Exception> = cal.exceptions().filter(|e| !e.working).collect();
            let gone = offs[pick.index(offs.len())];
            let fewer = Calendar::from_exceptions(cal.exceptions().filter(|e| e.date != gone.date).collect()).unwrap();
            let before = cal.due_date(registered, n).due;
            let after = fewer.due_date(registered, n).due;
            prop_assert!(after <= before);
            if registered < gone.date && gone.date <= before {
                prop_assert!(after < before, "a day off inside the term must have pushed it");
            }
        }
    }
}
