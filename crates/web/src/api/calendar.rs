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
    let registered = calendar.registration_date(received, &WorkingHours::default());
    Ok(calendar.due_date(registered, days))
}

pub async fn due(State(state): State<AppState>, Query(q): Query<DueQuery>) -> Response {
    match compute(&state, &q) {
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
