//! `GET/POST /{lang}/admin/calendar`: the working-day calendar as the CSV an
//! administrator edits (a new decree moves days off every year). Saving
//! checks the whole file, recomputes every open appeal's due date and
//! records the change, in one transaction.

use crate::error::AppResult;
use crate::i18n::Tr;
use crate::pages::Ctx;
use crate::render::{html, ok, Page};
use crate::state::{now, AppState};
use adaldyq_domain::calendar::{Calendar, CalendarError, CSV_HEADER};
use adaldyq_domain::Role;
use adaldyq_store::{AuditEntry, CalendarRow};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "admin_calendar.html")]
struct CalendarAdminPage {
    page: Page,
    csv: String,
    error: Option<String>,
    report: Option<String>,
}

/// The calendar as the editable file (through the one CSV writer that
/// escapes formula-like cells).
fn to_csv(calendar: &Calendar) -> String {
    use adaldyq_domain::text::csv_record;
    let mut out = csv_record(CSV_HEADER);
    for e in calendar.exceptions() {
        out.push_str(&csv_record([e.date.to_string(), e.working.to_string(), e.reason.as_str().to_owned()]));
    }
    out
}

fn error_text(tr: Tr, e: &CalendarError) -> String {
    let (key, args): (&str, Vec<(&str, String)>) = match e {
        CalendarError::Unreadable { line, message } => {
            ("calendar-error-unreadable", vec![("line", line.to_string()), ("value", message.clone())])
        }
        CalendarError::DuplicateDate(d) => ("calendar-error-duplicate", vec![("value", d.to_string())]),
        CalendarError::WorkingWeekday(d) => ("calendar-error-working-weekday", vec![("value", d.to_string())]),
        CalendarError::WeekendOff(d) => ("calendar-error-weekend-off", vec![("value", d.to_string())]),
        CalendarError::ReasonMismatch { date, .. } => ("calendar-error-reason", vec![("value", date.to_string())]),
        CalendarError::TimeZone(z) => ("calendar-error-unreadable", vec![("line", "0".into()), ("value", z.clone())]),
    };
    tr.with(key, &args)
}

pub async fn form(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let page = ctx.page("calendar-admin-title");
    Ok(ok(&page, &CalendarAdminPage { page: page.clone(), csv: to_csv(&state.calendar()), error: None, report: None }))
}

#[derive(Deserialize)]
pub struct CalendarForm {
    #[serde(default)]
    csv: String,
}

pub async fn submit(State(state): State<AppState>, ctx: Ctx, Form(f): Form<CalendarForm>) -> AppResult<Response> {
    let tr = ctx.tr();
    let calendar = match Calendar::from_csv(&f.csv) {
        Ok(c) => c,
        Err(e) => {
            let page = ctx.page("calendar-admin-title");
            let body = CalendarAdminPage { page, csv: f.csv, error: Some(error_text(tr, &e)), report: None };
            return Ok(html(ctx.locale, StatusCode::UNPROCESSABLE_ENTITY, &body));
        }
    };
    let rows: Vec<CalendarRow> = calendar
        .exceptions()
        .map(|e| CalendarRow { day: e.date.to_string(), working: e.working, reason: e.reason.as_str().to_owned() })
        .collect();
    let mut moved = Vec::new();
    for t in state.store.open_terms().await? {
        let Ok(registered) = t.registered_on.parse::<jiff::civil::Date>() else { continue };
        let due = calendar.due_date(registered, t.term_days as u32).due.to_string();
        if due != t.due_on {
            moved.push((t.id, due));
        }
    }
    let audit = AuditEntry {
        at: now(),
        actor_user_id: ctx.auth.principal.as_ref().map(|p| p.user_id),
        actor_role: Role::Administrator.as_str().into(),
        kind: "calendar_changed".into(),
        body: serde_json::json!({ "exceptions": rows.len(), "due_dates_moved": moved.len() }).to_string(),
    };
    state.store.apply_calendar_change(&rows, &moved, &audit).await?;
    state.load_calendar().await.map_err(|e| crate::error::AppError::Internal(e.to_string()))?;
    let report = tr.with("calendar-saved", &[("count", rows.len().to_string()), ("moved", moved.len().to_string())]);
    let page = ctx.page("calendar-admin-title");
    Ok(ok(&page, &CalendarAdminPage { page: page.clone(), csv: to_csv(&calendar), error: None, report: Some(report) }))
}
