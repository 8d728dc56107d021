//! `GET/POST /{lang}/admin/calendar`: the working-day calendar as the CSV an
//! administrator edits (a new decree moves days off every year). Saving
//! checks the whole file, recomputes every open appeal's due date and
//! records the change, in one transaction. Years without rows follow the
//! rules; the page says which, and from 1 November that next year's decree
//! is missing.

use crate::error::AppResult;
use crate::i18n::Tr;
use crate::pages::Ctx;
use crate::render::{html, ok, Page};
use crate::state::{now, AppState};
use adaldyq_domain::calendar::{
    generated_exceptions, Calendar, CalendarError, Exception, RuleYears, Source, CSV_HEADER,
};
use adaldyq_domain::Role;
use adaldyq_store::{AuditEntry, CalendarRow};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "admin/calendar.html")]
struct CalendarAdminPage {
    page: Page,
    csv: String,
    error: Option<String>,
    report: Option<String>,
    /// What the administrator must hear about the calendar in force.
    years: Years,
}

/// Which years follow the rules, and what to do about the next one.
struct Years {
    /// "The decree for 2027 is not entered…", one per missing year.
    warnings: Vec<String>,
    /// "until 2020, from 2027".
    by_rules: String,
    /// The first year from this one that follows the rules, and the rows
    /// the rules give for it: the start of entering its decree.
    next: Option<(String, String)>,
}

/// The calendar as the editable file (through the one CSV writer that
/// escapes formula-like cells).
fn to_csv(calendar: &Calendar) -> String {
    let mut out = adaldyq_domain::text::csv_record(CSV_HEADER);
    out.extend(calendar.exceptions().map(|e| row(&e)));
    out
}

/// One line of the file (through the one CSV writer).
fn row(e: &Exception) -> String {
    adaldyq_domain::text::csv_record([e.date.to_string(), e.working.to_string(), e.reason.as_str().to_owned()])
}

/// Today in the calendar's zone: when the decree reminder starts.
pub fn today(calendar: &Calendar) -> jiff::civil::Date {
    calendar.time_zone().to_datetime(jiff::Timestamp::now()).date()
}

/// "The decree for 2027 is not entered…" for each year the administrator
/// should enter now; empty when nothing is missing.
pub fn decree_warnings(tr: Tr, calendar: &Calendar, today: jiff::civil::Date) -> Vec<String> {
    calendar
        .decrees_missing(today)
        .into_iter()
        .map(|year| tr.with("calendar-decree-missing", &[("year", year.to_string())]))
        .collect()
}

fn years(tr: Tr, calendar: &Calendar) -> Years {
    let today = today(calendar);
    let span = |r: &RuleYears| match (r.from, r.until) {
        (None, None) => tr.t("calendar-years-all"),
        (None, Some(u)) => tr.with("calendar-years-until", &[("year", u.to_string())]),
        (Some(f), None) => tr.with("calendar-years-from", &[("year", f.to_string())]),
        (Some(f), Some(u)) if f == u => f.to_string(),
        (Some(f), Some(u)) => format!("{f}–{u}"),
    };
    let by_rules = calendar.rule_years().iter().map(span).collect::<Vec<_>>().join(", ");
    let next = (today.year()..9999).find(|y| calendar.source(*y) == Source::Rules).map(|year| {
        let rows: String = generated_exceptions(year, None).iter().map(row).collect();
        (tr.with("calendar-rules-rows", &[("year", year.to_string())]), rows)
    });
    Years { warnings: decree_warnings(tr, calendar, today), by_rules, next }
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
        CalendarError::MissingRuleDay { date, reason } => (
            "calendar-error-missing-rule-day",
            vec![
                ("value", date.to_string()),
                ("reason", tr.t(&format!("reason-{}", reason.as_str().replace('_', "-")))),
            ],
        ),
    };
    tr.with(key, &args)
}

pub async fn form(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let page = ctx.page("calendar-admin-title");
    let calendar = state.calendar();
    let years = years(ctx.tr(), &calendar);
    Ok(ok(&page, &CalendarAdminPage { page: page.clone(), csv: to_csv(&calendar), error: None, report: None, years }))
}

#[derive(Deserialize)]
pub struct CalendarForm {
    #[serde(default)]
    csv: String,
}

pub async fn submit(State(state): State<AppState>, ctx: Ctx, Form(f): Form<CalendarForm>) -> AppResult<Response> {
    let tr = ctx.tr();
    // An entered year follows its rows alone: one without, say, New Year
    // would make it a working day, so a year is entered whole or not at all.
    let calendar = match Calendar::from_csv(&f.csv).and_then(|c| c.check_entered_years().map(|()| c)) {
        Ok(c) => c,
        Err(e) => {
            let page = ctx.page("calendar-admin-title");
            let years = years(tr, &state.calendar());
            let body = CalendarAdminPage { page, csv: f.csv, error: Some(error_text(tr, &e)), report: None, years };
            return Ok(html(ctx.locale, StatusCode::UNPROCESSABLE_ENTITY, &body));
        }
    };
    let count = calendar.exceptions().count();
    let rows: Vec<CalendarRow> = calendar
        .exceptions()
        .map(|e| CalendarRow { day: e.date.to_string(), working: e.working, reason: e.reason.as_str().to_owned() })
        .collect();
    let by = (ctx.auth.principal.as_ref().map(|p| p.user_id), Role::Administrator.as_str());
    let moved = apply(&state, &calendar, rows, by, "calendar_changed").await?;
    state.load_calendar().await.map_err(|e| crate::error::AppError::Internal(e.to_string()))?;
    let report = tr.with("calendar-saved", &[("count", count.to_string()), ("moved", moved.to_string())]);
    let page = ctx.page("calendar-admin-title");
    let years = years(tr, &calendar);
    Ok(ok(
        &page,
        &CalendarAdminPage { page: page.clone(), csv: to_csv(&calendar), error: None, report: Some(report), years },
    ))
}

/// Stores `calendar` and moves every open due date it changes, each as an
/// event of its appeal, in one transaction; how many moved.
async fn apply(
    state: &AppState,
    calendar: &Calendar,
    rows: Vec<CalendarRow>,
    (user, role): (Option<i64>, &str),
    kind: &str,
) -> Result<usize, adaldyq_store::StoreError> {
    let moved = moved_due_dates(state, calendar).await?;
    let audit = AuditEntry {
        at: now(),
        actor_user_id: user,
        actor_role: role.into(),
        kind: kind.into(),
        body: serde_json::json!({ "exceptions": rows.len(), "due_dates_moved": moved.len() }).to_string(),
    };
    state.store.apply_calendar_change(&rows, &moved, &audit).await?;
    Ok(moved.len())
}

/// The open appeals whose due date `calendar` puts elsewhere, with the new date.
async fn moved_due_dates(
    state: &AppState,
    calendar: &Calendar,
) -> Result<Vec<(i64, String)>, adaldyq_store::StoreError> {
    let mut moved = Vec::new();
    for t in state.store.open_terms().await? {
        let Ok(registered) = t.registered_on.parse::<jiff::civil::Date>() else { continue };
        let due = calendar.due_date(registered, t.term_days as u32).due.to_string();
        if due != t.due_on {
            moved.push((t.id, due));
        }
    }
    Ok(moved)
}

/// Once per installation, at the first start of a version that counts the
/// years without a decree by the rules: open due dates computed before (a
/// term into 2027 that ignored 1, 4 and 7 January) are computed again, each
/// move an event of its appeal. Later starts find the mark and do nothing.
pub async fn recount_with_rules_once(state: &AppState) -> anyhow::Result<Option<usize>> {
    const MARK: &str = "due_dates_counted_by_rules";
    if state.store.meta(MARK).await?.is_some() {
        return Ok(None);
    }
    let calendar = state.calendar();
    // Nothing to move (a new installation): no calendar write, no entry.
    let moved = if moved_due_dates(state, &calendar).await?.is_empty() {
        0
    } else {
        let rows = state.store.calendar().await?;
        apply(state, &calendar, rows, (None, "system"), "calendar_rules_applied").await?
    };
    // Marked after the recount: a crash in between means one more (idle)
    // recount at the next start, never none.
    state.store.claim_meta(MARK, &now().to_string()).await?;
    Ok(Some(moved))
}
