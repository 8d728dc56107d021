//! A due date in words, one full sentence per step: how the arrival was
//! registered (Art. 64), the term and its first counted day, every day off
//! passed over by name, and for an appeal every later move of the date, why
//! and by whom (a role or a body, never a person). The status page, the
//! staff appeal page, the receipt and the public calculator say the same.

use super::date_text;
use crate::i18n::{message, Tr};
use crate::state::AppState;
use adaldyq_domain::appeal::EventKind;
use adaldyq_domain::calendar::{Arrival, Calendar, Due, Reason, SkippedDay, WorkingHours};
use adaldyq_domain::Locale;
use adaldyq_store::{Appeal, AppealEvent};
use fluent_bundle::{FluentArgs, FluentValue};
use jiff::civil::Date;
use serde_json::Value;

/// A message with a plural `count` (if any) and named strings.
fn say(tr: Tr, key: &str, count: Option<i64>, named: &[(&str, String)]) -> String {
    let mut args = FluentArgs::new();
    if let Some(n) = count {
        args.set("count", FluentValue::from(n));
    }
    for (k, v) in named {
        args.set(*k, FluentValue::from(v.clone()));
    }
    message(tr.0, key, Some(&args))
}

/// "19.03.2026 (Thursday)": the weekday helps a reader see the weekends.
pub fn day(tr: Tr, d: Date) -> String {
    let weekday = tr.t(&format!("weekday-{}", d.weekday().to_monday_one_offset()));
    say(tr, "due-day", None, &[("date", date_text(d)), ("weekday", weekday)])
}

/// A day off's name in the reader's language; stored codes never show.
pub fn reason_name(tr: Tr, r: Reason) -> String {
    tr.t(&format!("reason-{}", r.as_str().replace('_', "-")))
}

/// A skipped weekday's name: a carried-over day is named by its holiday.
fn skipped_name(tr: Tr, s: &SkippedDay) -> String {
    match s.stands_for {
        Some((from, holiday)) => {
            say(tr, "due-carried", None, &[("holiday", reason_name(tr, holiday)), ("date", date_text(from))])
        }
        None => reason_name(tr, s.reason),
    }
}

/// The sentences on how the appeal was registered.
fn registration(tr: Tr, due: &Due) -> String {
    let registered = day(tr, due.registered);
    match due.arrival {
        Some(Arrival::AfterHours { at, close }) => say(
            tr,
            "due-arrived-after-hours",
            None,
            &[
                ("date", day(tr, at.date())),
                ("time", format!("{:02}:{:02}", at.hour(), at.minute())),
                ("close", format!("{:02}:{:02}", close.hour(), close.minute())),
                ("registered", registered),
            ],
        ),
        Some(Arrival::DayOff { at, reason: None }) => {
            say(tr, "due-arrived-weekend", None, &[("date", day(tr, at.date())), ("registered", registered)])
        }
        Some(Arrival::DayOff { at, reason: Some(r) }) => say(
            tr,
            "due-arrived-day-off",
            None,
            &[("date", day(tr, at.date())), ("dayoff", reason_name(tr, r)), ("registered", registered)],
        ),
        Some(Arrival::InHours) | None => say(tr, "due-registered", None, &[("date", registered)]),
    }
}

/// The sentences from registration to the days off, without the due date.
fn counted(tr: Tr, due: &Due, term: u32) -> Vec<String> {
    let mut lines = vec![registration(tr, due)];
    if let Some(first) = due.first_counted {
        lines.push(say(tr, "due-term", Some(i64::from(term)), &[("first", day(tr, first))]));
    }
    for run in due.runs() {
        let mut names: Vec<String> = Vec::new();
        for name in run.days.iter().map(|s| skipped_name(tr, s)) {
            if !names.contains(&name) {
                names.push(name);
            }
        }
        let days = if run.first == run.last {
            date_text(run.first)
        } else {
            format!("{}–{}", date_text(run.first), date_text(run.last))
        };
        let count = run.days.len() as i64;
        lines.push(say(tr, "due-skipped", Some(count), &[("days", days), ("reasons", names.join("; "))]));
    }
    for d in &due.worked_weekends {
        lines.push(say(tr, "due-worked-weekend", None, &[("date", day(tr, *d))]));
    }
    for year in &due.by_rules {
        lines.push(say(tr, "due-by-rules", None, &[("year", year.to_string())]));
    }
    lines
}

/// A computed term in sentences (the calculator, the receipt).
pub fn lines(tr: Tr, due: &Due) -> Vec<String> {
    let mut lines = counted(tr, due, due.working_days);
    lines.push(say(tr, "due-on", None, &[("date", day(tr, due.due))]));
    lines
}

/// Why an appeal's due date moved after registration.
enum Why {
    /// The head's reasoned extension (Art. 76): the role and the reason.
    Extended { who: String, reason: String },
    /// The clock stood still while the applicant was asked to clarify.
    Clarification { asked: Option<Date>, stopped: i64 },
    /// The applicant disputed the answer: a new term at the higher body.
    Disputed { body: Option<String> },
    /// An administrator changed the working-day calendar.
    Calendar { who: String },
}

struct Move {
    on: Date,
    from: Date,
    to: Date,
    why: Why,
}

fn body_date(v: &Value, key: &str) -> Option<Date> {
    v[key].as_str().and_then(|s| s.parse().ok())
}

/// A body's name in the reader's language.
pub fn institution_name(locale: Locale, i: &adaldyq_store::Institution) -> String {
    match locale {
        Locale::Ru => i.name_ru.clone(),
        Locale::En => i.name_en.clone(),
        _ => i.name_kk.clone(),
    }
}

/// The moves of the due date that the events record, in order.
async fn moves(state: &AppState, tr: Tr, calendar: &Calendar, events: &[AppealEvent]) -> Vec<Move> {
    let mut out = Vec::new();
    let mut asked = None;
    for e in events {
        let v: Value = serde_json::from_str(&e.body).unwrap_or(Value::Null);
        let on = jiff::Timestamp::from_second(e.at).map(|t| calendar.time_zone().to_datetime(t).date());
        let Ok(on) = on else { continue };
        let who = || tr.t(&format!("actor-{}", e.actor_role.replace('_', "-")));
        let why = match e.kind {
            EventKind::ClarificationRequested => {
                asked = body_date(&v, "asked_on").or(Some(on));
                continue;
            }
            EventKind::Extended => Why::Extended { who: who(), reason: v["text"].as_str().unwrap_or("").to_owned() },
            EventKind::ClarificationGiven => {
                Why::Clarification { asked: asked.take(), stopped: v["clock_stopped_days"].as_i64().unwrap_or(0) }
            }
            EventKind::Disputed => {
                let body = match v["to"].as_i64() {
                    Some(id) => state.store.institution(id).await.ok().flatten().map(|i| institution_name(tr.0, &i)),
                    None => None,
                };
                Why::Disputed { body }
            }
            EventKind::TermRecomputed => Why::Calendar { who: who() },
            _ => continue,
        };
        // Events recorded before they carried both dates are left unsaid
        // rather than guessed.
        let (Some(from), Some(to)) = (body_date(&v, "from"), body_date(&v, "to").or(body_date(&v, "due"))) else {
            continue;
        };
        // A dispute always starts a new term, even one that ends on the
        // day the old one did (an answer given and disputed on one day).
        if from != to || matches!(why, Why::Disputed { .. }) {
            out.push(Move { on, from, to, why });
        }
    }
    out
}

/// Who reads the sentences: the applicant is "you" to themselves, and
/// "the applicant" to staff.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    Applicant,
    Staff,
}

fn move_sentence(tr: Tr, m: &Move, reader: Reader) -> String {
    let key = |k: &str| if reader == Reader::Staff { format!("{k}-staff") } else { k.to_owned() };
    let dates = |extra: &[(&'static str, String)]| {
        let mut v: Vec<(&'static str, String)> =
            vec![("on", date_text(m.on)), ("from", date_text(m.from)), ("to", day(tr, m.to))];
        v.extend(extra.iter().cloned());
        v
    };
    match &m.why {
        Why::Extended { who, reason } => {
            say(tr, "due-moved-extended", None, &dates(&[("who", who.clone()), ("reason", reason.clone())]))
        }
        Why::Clarification { asked, stopped } => say(
            tr,
            &key("due-moved-clarification"),
            Some(*stopped),
            &dates(&[("asked", date_text(asked.unwrap_or(m.on)))]),
        ),
        Why::Disputed { body: Some(body) } => {
            say(tr, &key("due-moved-disputed"), Some(i64::from(super::TERM_DAYS)), &dates(&[("body", body.clone())]))
        }
        Why::Disputed { body: None } => {
            say(tr, &key("due-moved-disputed-same"), Some(i64::from(super::TERM_DAYS)), &dates(&[]))
        }
        Why::Calendar { who } => say(tr, "due-moved-calendar", None, &dates(&[("who", who.clone())])),
    }
}

/// A stored appeal's due date in sentences: its arrival, its first term,
/// the days off in the whole span, each move with why and by whom, and
/// the date it is due now.
pub async fn appeal_lines(
    state: &AppState,
    tr: Tr,
    appeal: &Appeal,
    events: &[AppealEvent],
    reader: Reader,
) -> Vec<String> {
    let calendar = state.calendar();
    let Some(registered) = super::parse_date(&appeal.registered_on) else { return Vec::new() };
    let mut due = calendar.due_date(registered, appeal.term_days.max(0) as u32);
    if let Ok(received) = jiff::Timestamp::from_second(appeal.received_at) {
        // Only when the arrival still gives the stored registration (the
        // calendar may have changed since).
        if calendar.registration_date(received, &WorkingHours::default()) == registered {
            due.arrival = Some(calendar.arrival(received, &WorkingHours::default()));
        }
    }
    let moves = moves(state, tr, &calendar, events).await;
    let first_term = match moves.first() {
        Some(m) => calendar.working_days_between(registered, m.from).max(0) as u32,
        None => due.working_days,
    };
    let mut lines = counted(tr, &due, first_term);
    lines.extend(moves.iter().map(|m| move_sentence(tr, m, reader)));
    let now = super::parse_date(&appeal.due_on).unwrap_or(due.due);
    lines.push(say(tr, "due-on", None, &[("date", day(tr, now))]));
    lines
}

/// The sentence on the latest move of the due date, if any (the
/// confirmation after a dispute gives its reason).
pub async fn last_move(state: &AppState, tr: Tr, events: &[AppealEvent]) -> Option<String> {
    let calendar = state.calendar();
    moves(state, tr, &calendar, events).await.last().map(|m| move_sentence(tr, m, Reader::Applicant))
}
