//! The working-day calendar: building one from exceptions or a CSV file,
//! registration dates, due dates and working-day counts.
//! Properties: a list is accepted exactly when it is valid (no duplicate,
//! each entry changes the week, its reason fits); a CSV round-trips; a due
//! date is a working day after registration, `n` working days on; adding
//! working days is monotonic and additive; counting agrees with walking; a
//! registration date is a working day not before the local day of arrival.
#![no_main]

use adaldyq_domain::appeal::check_extension;
use adaldyq_domain::calendar::{generated_exceptions, Calendar, Exception, Reason, WorkingHours};
use arbitrary::Arbitrary;
use jiff::civil::{Date, Time, Weekday};
use jiff::{Span, Timestamp};
use libfuzzer_sys::fuzz_target;
use std::collections::BTreeSet;
use std::sync::OnceLock;

/// Terms longer than this are not walked: `add_working_days` is linear.
const MAX_TERM: u32 = 400;
/// Spans longer than this are not walked day by day to check counts.
const MAX_WALK: i64 = 4000;

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Day {
    /// Days from 2020-12-01, around the shipped years (2021–2026).
    Near(u16),
    /// Any day jiff can represent (-9999 to 9999).
    Far(i32),
    /// Within a few days of the last representable date.
    End(u8),
}

fn day(d: Day) -> Date {
    let (base, offset) = match d {
        Day::Near(n) => (jiff::civil::date(2020, 12, 1), i64::from(n) % 3000),
        Day::Far(n) => (jiff::civil::date(2000, 1, 1), i64::from(n) % 3_652_000),
        Day::End(n) => (Date::MAX, -i64::from(n % 32)),
    };
    Span::new().try_days(offset).ok().and_then(|s| base.checked_add(s).ok()).unwrap_or(base)
}

#[derive(Arbitrary, Debug)]
struct RawException {
    day: Day,
    working: bool,
    reason: u8,
}

#[derive(Arbitrary, Debug)]
enum Source {
    Shipped,
    /// Any list: accepted or refused as an independent check says.
    Raw(Vec<RawException>),
    /// A list made valid: weekends worked, weekdays off, no repeats.
    Fixed(Vec<(Day, u8)>),
    /// The rules' days off for a year, with an optional Kurban Ait.
    Generated(i16, Option<Day>),
    /// An administrator's CSV file, as typed.
    Csv(String),
    /// A CSV file made of rows, with notes, blank lines, spaces and quotes.
    CsvRows { bom: bool, rows: Vec<CsvRow> },
}

#[derive(Arbitrary, Debug)]
struct CsvRow {
    day: Day,
    working: u8,
    reason: u8,
    style: u8,
}

/// The CSV text of `rows`, and the list it stands for when every field is
/// well formed.
fn csv_rows(bom: bool, rows: &[CsvRow]) -> (String, Option<Vec<Exception>>) {
    let mut text = String::from(if bom { "\u{feff}# calendar\ndate,working,reason\n" } else { "date,working,reason\n" });
    let mut list = Some(Vec::new());
    for r in rows.iter().take(64) {
        let date = day(r.day);
        let (working, w) = match r.working % 5 {
            0 => ("true", Some(true)),
            1 => ("false", Some(false)),
            2 | 3 => if is_weekend(date) { ("true", Some(true)) } else { ("false", Some(false)) },
            _ => ("yes", None),
        };
        let fitting = if is_weekend(date) { Reason::WorkingWeekend } else { Reason::Transfer };
        let (name, reason) = match r.reason as usize % (Reason::ALL.len() + 3) {
            i if i < Reason::ALL.len() => (Reason::ALL[i].as_str(), Some(Reason::ALL[i])),
            i if i < Reason::ALL.len() + 2 => (fitting.as_str(), Some(fitting)),
            _ => ("holiday", None),
        };
        if r.style & 1 != 0 {
            text.push('\n');
        }
        if r.style & 2 != 0 {
            text.push_str("# a note, with commas\n");
        }
        let pad = if r.style & 4 != 0 { " " } else { "" };
        let name = if r.style & 8 != 0 { format!("\"{name}\"") } else { name.to_owned() };
        text.push_str(&format!("{pad}{date}{pad},{pad}{working},{name}{pad}\n"));
        match (w, reason, list.as_mut()) {
            (Some(working), Some(reason), Some(l)) => l.push(Exception { date, working, reason }),
            _ => list = None,
        }
    }
    (text, list)
}

#[derive(Arbitrary, Debug)]
struct Input {
    source: Source,
    a: Day,
    b: Day,
    n: u16,
    m: u16,
    received: i64,
    close_minute: u16,
    reason: String,
}

fn reason(i: u8) -> Reason {
    Reason::ALL[i as usize % Reason::ALL.len()]
}

fn is_weekend(d: Date) -> bool {
    matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday)
}

/// The rule the calendar enforces, stated independently.
fn valid(list: &[Exception]) -> bool {
    let mut seen = BTreeSet::new();
    list.iter().all(|e| {
        seen.insert(e.date) && e.working == is_weekend(e.date) && e.working == (e.reason == Reason::WorkingWeekend)
    })
}

fn shipped() -> &'static Calendar {
    static KZ: OnceLock<Calendar> = OnceLock::new();
    KZ.get_or_init(Calendar::kazakhstan)
}

fn to_csv(cal: &Calendar) -> String {
    let mut s = String::from("# written by the fuzzer\ndate,working,reason\n");
    for e in cal.exceptions() {
        s.push_str(&format!("{},{},{}\n", e.date, e.working, e.reason.as_str()));
    }
    s
}

fn build(source: Source) -> Option<Calendar> {
    match source {
        Source::Shipped => Some(shipped().clone()),
        Source::Raw(raw) => {
            let list: Vec<Exception> = raw
                .iter()
                .take(64)
                .map(|r| Exception { date: day(r.day), working: r.working, reason: reason(r.reason) })
                .collect();
            let result = Calendar::from_exceptions(list.clone());
            assert_eq!(result.is_ok(), valid(&list), "from_exceptions disagrees on {list:?}: {result:?}");
            result.ok()
        }
        Source::Fixed(days) => {
            let mut seen = BTreeSet::new();
            let list: Vec<Exception> = days
                .iter()
                .take(64)
                .map(|&(d, r)| (day(d), r))
                .filter(|(d, _)| seen.insert(*d))
                .map(|(date, r)| {
                    if is_weekend(date) {
                        Exception { date, working: true, reason: Reason::WorkingWeekend }
                    } else {
                        let r = reason(r);
                        let r = if r == Reason::WorkingWeekend { Reason::Transfer } else { r };
                        Exception { date, working: false, reason: r }
                    }
                })
                .collect();
            let cal = Calendar::from_exceptions(list.clone());
            assert!(cal.is_ok(), "a valid list was refused: {list:?}: {cal:?}");
            cal.ok()
        }
        Source::Generated(year, kurban) => {
            let list = generated_exceptions(year, kurban.map(day));
            for w in list.windows(2) {
                assert!(w[0].date < w[1].date, "generated exceptions out of order: {list:?}");
            }
            for e in &list {
                assert!(!e.working && !is_weekend(e.date), "generated a weekend or a working day: {e:?}");
            }
            let cal = Calendar::from_exceptions(list.clone());
            assert!(cal.is_ok(), "the rules' own days off were refused for {year}: {cal:?}");
            cal.ok()
        }
        Source::CsvRows { bom, rows } => {
            let (text, list) = csv_rows(bom, &rows);
            let cal = Calendar::from_csv(&text);
            match list {
                Some(mut list) => {
                    assert_eq!(cal.is_ok(), valid(&list), "from_csv disagrees on {text:?}: {cal:?}");
                    if let Ok(cal) = &cal {
                        list.sort_by_key(|e| e.date);
                        assert_eq!(cal.exceptions().collect::<Vec<_>>(), list, "from_csv misread {text:?}");
                        assert_eq!(Calendar::from_csv(&to_csv(cal)).as_ref(), Ok(cal), "CSV does not read back");
                    }
                }
                None => assert!(cal.is_err(), "from_csv accepted a malformed row: {text:?}"),
            }
            cal.ok()
        }
        Source::Csv(text) => {
            let cal = Calendar::from_csv(&text).ok()?;
            let list: Vec<Exception> = cal.exceptions().collect();
            assert!(valid(&list), "from_csv accepted an invalid calendar: {list:?}");
            let again = Calendar::from_csv(&to_csv(&cal));
            assert_eq!(again.as_ref(), Ok(&cal), "a calendar's CSV does not read back");
            Some(cal)
        }
    }
}

/// Working days after `from` up to and including `to`, by walking.
fn walked(cal: &Calendar, from: Date, to: Date) -> i64 {
    let (lo, hi, sign) = if from <= to { (from, to, 1) } else { (to, from, -1) };
    let mut count = 0;
    let mut d = lo;
    while d < hi {
        d = d.tomorrow().unwrap();
        count += i64::from(cal.is_working_day(d));
    }
    sign * count
}

fn span_days(a: Date, b: Date) -> i64 {
    (b.duration_since(a).as_secs() / 86_400).abs()
}

fuzz_target!(|input: Input| {
    let Some(cal) = build(input.source) else { return };
    let (a, b) = (day(input.a), day(input.b));
    let n = u32::from(input.n) % (MAX_TERM + 1);
    let m = u32::from(input.m) % (MAX_TERM + 1);

    // Counting working days.
    let ab = cal.working_days_between(a, b);
    assert_eq!(ab, -cal.working_days_between(b, a), "working_days_between is not antisymmetric");
    assert_eq!(cal.working_days_between(a, a), 0);
    if span_days(a, b) <= MAX_WALK {
        assert_eq!(ab, walked(&cal, a, b), "working_days_between({a}, {b}) disagrees with walking");
    }

    // Due dates. Terms that would run past 9999-12-31 stop there (documented).
    let due = cal.due_date(a, n);
    assert_eq!(due.registered, a);
    assert_eq!(due.working_days, n);
    assert_eq!(due.due, cal.add_working_days(a, n));
    // A walk that reached the end stays there, so any other date is exact.
    let saturated = |d: Date| d == Date::MAX;
    if n == 0 {
        assert_eq!(due.due, a, "a term of 0 days is not due on registration");
    } else if !saturated(due.due) {
        assert!(cal.is_working_day(due.due), "due date {} is not a working day", due.due);
        assert!(due.due > a, "due date {} is not after registration {a}", due.due);
        assert_eq!(cal.working_days_between(a, due.due), i64::from(n), "{a} + {n} working days");
    }
    for s in &due.skipped {
        assert!(!cal.is_working_day(s.date) && !is_weekend(s.date), "skipped {s:?} is not a weekday off");
        assert!(a < s.date && s.date <= due.due, "skipped {s:?} outside ({a}, {}]", due.due);
    }
    for w in &due.worked_weekends {
        assert!(cal.is_working_day(*w) && is_weekend(*w), "{w} is not a worked weekend");
        assert!(a < *w && *w <= due.due);
    }
    let runs = due.runs();
    for r in &runs {
        assert!(r.first <= r.last && r.reasons.first() == Some(&r.reason), "bad run {r:?}");
    }
    for s in &due.skipped {
        assert!(runs.iter().any(|r| r.first <= s.date && s.date <= r.last), "{s:?} in no run");
    }

    // Adding working days: monotonic in the count and in the start, additive.
    let (lo, hi) = (n.min(m), n.max(m));
    let d_lo = cal.add_working_days(a, lo);
    let d_hi = cal.add_working_days(a, hi);
    assert!(d_lo <= d_hi, "{a} + {lo} = {d_lo} is after {a} + {hi} = {d_hi}");
    if lo < hi && !saturated(d_hi) {
        assert!(d_lo < d_hi, "more working days gave the same date");
    }
    if lo + hi <= MAX_TERM {
        assert_eq!(cal.add_working_days(d_lo, hi), cal.add_working_days(a, lo + hi), "not additive");
    }
    let (early, late) = (a.min(b), a.max(b));
    assert!(
        cal.add_working_days(early, n) <= cal.add_working_days(late, n),
        "a later start gave an earlier date"
    );

    // Registration (Art. 64).
    let received = Timestamp::from_second(input.received % 400_000_000_000).unwrap_or(Timestamp::UNIX_EPOCH);
    let minute = i32::from(input.close_minute % (24 * 60));
    let close = Time::new((minute / 60) as i8, (minute % 60) as i8, 0, 0).unwrap();
    let hours = WorkingHours { close, ..WorkingHours::default() };
    let registered = cal.registration_date(received, &hours);
    let local = cal.time_zone().to_datetime(received);
    assert!(registered >= local.date(), "registered {registered} before arrival {local}");
    let same_day = cal.is_working_day(local.date()) && local.time() < close;
    if !saturated(registered) {
        assert!(cal.is_working_day(registered), "registered on {registered}, a day off");
        assert_eq!(registered == local.date(), same_day, "arrived {local}, registered {registered}");
        if !same_day {
            assert_eq!(cal.working_days_between(local.date(), registered), 1, "not the next working day");
        }
    }

    // A head's extension (Art. 76).
    if let Ok(()) = check_extension(&cal, a, due.due, b, &input.reason) {
        assert!(!input.reason.trim().is_empty() && b > due.due && cal.is_working_day(b));
        assert!(b <= a.checked_add(Span::new().months(2)).unwrap_or(a), "extension beyond two months");
    }
});
