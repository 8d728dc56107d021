//! What the calendar editor shows in words: a year's days as a table (date,
//! weekday, kind, reason in the reader's language), the years to choose
//! from, and each problem of an edited file as a sentence naming its line.

use crate::appeals::date_text;
use crate::i18n::Tr;
use adaldyq_domain::calendar::{generated_exceptions, Calendar, Exception, FileError, FileProblem, Reason, Source};
use jiff::civil::{Date, Weekday};

/// One row of the table of days.
pub struct DayRow {
    pub date: String,
    /// The ISO date, for the row's `data-date` (tests and scripts find it).
    pub iso: String,
    pub weekday: String,
    pub kind: String,
    pub reason: String,
}

/// A year's departures from the Monday–Friday week, ready to show.
pub struct DayTable {
    pub caption: String,
    /// Said when the year has no decree entered.
    pub by_rules: Option<String>,
    pub rows: Vec<DayRow>,
    /// (year, link, is the one shown).
    pub years: Vec<(i16, String, bool)>,
}

/// A reason's name in the reader's language ("Наурыз мейрамы"), never the
/// stored code.
pub fn reason_name(tr: Tr, reason: Reason) -> String {
    tr.t(&format!("reason-{}", reason.as_str().replace('_', "-")))
}

/// The weekday's name in the reader's language.
pub fn weekday_name(tr: Tr, day: Weekday) -> String {
    tr.t(&format!("admin-weekday-{}", day.to_monday_one_offset()))
}

/// A table cell starts with a capital; the names are written for the
/// middle of a sentence ("a day off moved by decree").
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// The years worth a link: every entered one, and this year and the next.
fn years_offered(calendar: &Calendar, today: Date) -> Vec<i16> {
    let mut years: Vec<i16> = calendar.exceptions().map(|e| e.date.year()).collect();
    years.extend([today.year(), today.year() + 1]);
    years.sort_unstable();
    years.dedup();
    years
}

/// The table of `year`'s days in `calendar`; `href` makes a year's link.
pub fn day_table(tr: Tr, calendar: &Calendar, year: i16, today: Date, href: impl Fn(i16) -> String) -> DayTable {
    let list: Vec<Exception> = match calendar.source(year) {
        Source::Decree => calendar.exceptions().filter(|e| e.date.year() == year).collect(),
        Source::Rules => generated_exceptions(year, None),
    };
    let rows = list
        .iter()
        .map(|e| DayRow {
            date: date_text(e.date),
            iso: e.date.to_string(),
            weekday: capitalised(&weekday_name(tr, e.date.weekday())),
            kind: tr.t(if e.working { "admin-day-working" } else { "admin-day-off" }),
            reason: capitalised(&reason_name(tr, e.reason)),
        })
        .collect();
    let by_rules =
        (calendar.source(year) == Source::Rules).then(|| tr.with("admin-days-by-rules", &[("year", year.to_string())]));
    let years = years_offered(calendar, today).into_iter().map(|y| (y, href(y), y == year)).collect();
    DayTable { caption: tr.with("admin-days-caption", &[("year", year.to_string())]), by_rules, rows, years }
}

/// One problem of an edited calendar file as a sentence: "Line 4:
/// 2027-02-30 is not a date."
pub fn file_error(tr: Tr, e: &FileError) -> String {
    let date = |d: &Date| d.to_string();
    let (key, args): (&str, Vec<(&str, String)>) = match &e.problem {
        FileProblem::BadHeader => ("admin-cal-bad-header", vec![]),
        FileProblem::Unreadable => ("admin-cal-unreadable", vec![]),
        FileProblem::FieldCount(n) => ("admin-cal-field-count", vec![("value", n.to_string())]),
        FileProblem::NotADate(v) => ("admin-cal-not-a-date", vec![("value", v.clone())]),
        FileProblem::NotAFlag(v) => ("admin-cal-not-a-flag", vec![("value", v.clone())]),
        FileProblem::UnknownReason(v) => {
            let known = Reason::ALL.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(", ");
            ("admin-cal-unknown-reason", vec![("value", v.clone()), ("known", known)])
        }
        FileProblem::Duplicate { date: d, first_line } => {
            ("admin-cal-duplicate", vec![("value", date(d)), ("first", first_line.to_string())])
        }
        FileProblem::WorkingWeekday(d) => {
            ("admin-cal-working-weekday", vec![("value", date(d)), ("weekday", weekday_name(tr, d.weekday()))])
        }
        FileProblem::WeekendOff(d) => {
            ("admin-cal-weekend-off", vec![("value", date(d)), ("weekday", weekday_name(tr, d.weekday()))])
        }
        FileProblem::ReasonMismatch { date: d, reason } if *reason == Reason::WorkingWeekend => {
            ("admin-cal-worked-day-off", vec![("value", date(d))])
        }
        FileProblem::ReasonMismatch { date: d, reason } => {
            ("admin-cal-day-off-worked", vec![("value", date(d)), ("reason", reason_name(tr, *reason))])
        }
        FileProblem::MissingRuleDay { date: d, reason } => {
            ("admin-cal-missing-rule-day", vec![("value", date(d)), ("reason", reason_name(tr, *reason))])
        }
    };
    let sentence = tr.with(key, &args);
    match e.line {
        Some(line) => tr.with("admin-line", &[("line", line.to_string()), ("problem", sentence)]),
        None => sentence,
    }
}
