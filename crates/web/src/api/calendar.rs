//! `GET /api/v1/calendar/due?registered=YYYY-MM-DDTHH:MM&days=N`: when an
//! appeal received then is registered and due (time in Asia/Qyzylorda), and
//! which years of the term are counted by the rules (no decree entered).

use crate::state::AppState;
use adaldyq_domain::calendar::{Due, WorkingHours};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::json;

#[derive(Deserialize)]
pub struct DueQuery {
    #[serde(default)]
    pub registered: String,
    #[serde(default)]
    pub days: Option<String>,
}

/// Parses the query into a computed term, or says which part is wrong.
pub fn compute(state: &AppState, q: &DueQuery) -> Result<Due, &'static str> {
    let local: jiff::civil::DateTime = q
        .registered
        .trim()
        .parse()
        .or_else(|_| q.registered.trim().parse::<jiff::civil::Date>().map(|d| d.at(9, 0, 0, 0)))
        .map_err(|_| "registered")?;
    let days: u32 = match &q.days {
        None => crate::appeals::TERM_DAYS,
        Some(d) => d.trim().parse().ok().filter(|d| (1..=366).contains(d)).ok_or("days")?,
    };
    let calendar = state.calendar();
    let received = calendar.time_zone().to_timestamp(local).map_err(|_| "registered")?;
    Ok(calendar.due_on_arrival(received, &WorkingHours::default(), days))
}

/// What the API takes as `registered`, as the document's pattern says it:
/// a real date of 2000–2099, `YYYY-MM-DD`, with an optional `THH:MM` or
/// `THH:MM:SS`. The calculator page is more forgiving (spaces around).
pub const REGISTERED_PATTERN: &str = concat!(
    "^(?:20[0-9]{2}-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)",
    "|20(?:[02468][048]|[13579][26])-02-29)",
    "(?:T(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9])?)?$"
);

/// Whether `s` matches [`REGISTERED_PATTERN`] (checked by hand: the
/// workspace has no regex engine, and the unit tests hold the two together).
pub fn registered_is_well_formed(s: &str) -> bool {
    let b = s.as_bytes();
    let num = |from: usize, len: usize| -> Option<i32> {
        let part = b.get(from..from + len)?;
        part.iter().all(u8::is_ascii_digit).then(|| part.iter().fold(0, |n, d| n * 10 + i32::from(d - b'0')))
    };
    let at = |i: usize, c: u8| b.get(i) == Some(&c);
    let date = match (num(0, 4), at(4, b'-'), num(5, 2), at(7, b'-'), num(8, 2)) {
        (Some(y), true, Some(m), true, Some(d)) => (y, m, d),
        _ => return false,
    };
    let (y, m, d) = date;
    let real = (2000..=2099).contains(&y) && jiff::civil::Date::new(y as i16, m as i8, d as i8).is_ok();
    let time = match b.len() {
        10 => true,
        16 | 19 => {
            at(10, b'T')
                && num(11, 2).is_some_and(|h| h < 24)
                && at(13, b':')
                && num(14, 2).is_some_and(|m| m < 60)
                && (b.len() == 16 || (at(16, b':') && num(17, 2).is_some_and(|s| s < 60)))
        }
        _ => false,
    };
    real && time
}

pub async fn due(State(state): State<AppState>, Query(q): Query<DueQuery>) -> Response {
    // The API holds to its document: no spaces, no signs, no other forms.
    let days_plain = q.days.as_deref().is_none_or(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()));
    let computed = match (registered_is_well_formed(&q.registered), days_plain) {
        (false, _) => Err("registered"),
        (true, false) => Err("days"),
        (true, true) => compute(&state, &q),
    };
    match computed {
        Ok(due) => Json(json!({
            "registered_on": due.registered.to_string(),
            "due_on": due.due.to_string(),
            "working_days": due.working_days,
            "skipped": due.skipped.iter().map(|s| json!({
                "date": s.date.to_string(),
                "reason": s.reason,
                "by_rules": due.by_rules.contains(&s.date.year()),
            })).collect::<Vec<_>>(),
            // Years counted by the rules: a decree entered later may move the dates.
            "by_rules": due.by_rules,
        }))
        .into_response(),
        Err(field) => crate::error::problem(
            StatusCode::BAD_REQUEST,
            format!("the parameter {field} is missing or malformed (registered=YYYY-MM-DDTHH:MM, days=1..366)"),
            json!({}),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::registered_is_well_formed as ok;

    #[test]
    fn registered_is_what_the_pattern_says() {
        for good in [
            "2026-03-18",
            "2026-03-18T10:00",
            "2026-03-18T23:59:59",
            "2000-02-29",
            "2024-02-29T00:00",
            "2099-12-31",
            "2026-04-30",
            "2026-01-31T09:05",
        ] {
            assert!(ok(good), "{good}");
        }
        for bad in [
            "",
            " 2026-03-18",
            "2026-03-18 ",
            "2026-03-18\n",
            "2026-02-29",
            "2100-02-28",
            "1999-12-31",
            "2026-04-31",
            "2026-13-01",
            "2026-00-10",
            "2026-03-00",
            "2026-03-18T24:00",
            "2026-03-18T10:60",
            "2026-03-18T10:00:60",
            "2026-03-18T10",
            "2026-03-18T10:00:00.5",
            "2026-03-18 10:00",
            "+2026-03-18",
            "2026-3-18",
            "2026-03-18T10:00Z",
            "２０２６-03-18",
        ] {
            assert!(!ok(bad), "{bad:?}");
        }
    }
}
