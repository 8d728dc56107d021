//! `GET/POST /{lang}/admin/calendar`: the working-day calendar, shown as a
//! table of a year's days and edited as CSV (a new decree moves days off
//! every year). "Check" reads the whole file and lists the open due dates
//! it would move, changing nothing; "save" then stores it, recomputes every
//! open appeal's due date and records the change, in one transaction. Years
//! without rows follow the rules; the page says which, and from 1 November
//! that next year's decree is missing.

use super::calendar_days::{day_table, file_error, DayTable};
use crate::appeals::date_text;
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::pages::Ctx;
use crate::render::{html, ok, Page};
use crate::state::{now, AppState};
use adaldyq_domain::calendar::{generated_exceptions, Calendar, Exception, RuleYears, Source, CSV_HEADER};
use adaldyq_domain::Role;
use adaldyq_store::{AuditEntry, CalendarRow};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use serde::Deserialize;
use sha2::{Digest, Sha256};

#[derive(Template)]
#[template(path = "admin/calendar.html")]
struct CalendarAdminPage {
    page: Page,
    csv: String,
    /// Every problem of the file, each naming its line.
    errors: Vec<String>,
    report: Option<String>,
    /// After "check": what saving would move.
    preview: Option<Preview>,
    /// The year's days: in force, or as the checked file would make them.
    days: DayTable,
    /// The year the table shows, kept across the form's posts.
    year: i16,
    /// What the administrator must hear about the calendar in force.
    years: Years,
}

/// What saving the checked file would do.
struct Preview {
    /// "Saving moves the due dates of 2 open appeals:", or that none moves.
    summary: String,
    moves: Vec<Move>,
    /// The digest of the checked text: "save" stores only what was checked.
    checked: String,
    /// Said when "save" was pressed on a text changed since its check.
    changed: bool,
}

/// An open appeal whose due date the new calendar puts elsewhere.
struct Move {
    id: i64,
    number: String,
    old: String,
    new: String,
}

impl Move {
    /// A stored ISO date as the page writes dates.
    fn shown(iso: &str) -> String {
        iso.parse().map(date_text).unwrap_or_else(|_| iso.to_owned())
    }

    pub fn old_text(&self) -> String {
        Move::shown(&self.old)
    }

    pub fn new_text(&self) -> String {
        Move::shown(&self.new)
    }
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

/// The year asked for, if it is a sensible one; else this year.
fn year_of(asked: Option<&str>, calendar: &Calendar) -> i16 {
    asked
        .and_then(|y| y.trim().parse::<i16>().ok())
        .filter(|y| (1991..=2200).contains(y))
        .unwrap_or_else(|| today(calendar).year())
}

/// The page around `calendar` (in force or checked) for the year shown.
fn page_of(ctx: &Ctx, calendar: &Calendar, year: i16, csv: String) -> CalendarAdminPage {
    let tr = ctx.tr();
    let in_force = years(tr, calendar);
    let page = ctx.page("calendar-admin-title");
    let href = |y: i16| format!("{}?year={y}#days", page.href("/admin/calendar"));
    let days = day_table(tr, calendar, year, today(calendar), href);
    CalendarAdminPage { page, csv, errors: vec![], report: None, preview: None, days, year, years: in_force }
}

#[derive(Deserialize)]
pub struct CalendarQuery {
    year: Option<String>,
    /// After a save: how many due dates moved.
    saved: Option<String>,
}

pub async fn form(State(state): State<AppState>, ctx: Ctx, Query(q): Query<CalendarQuery>) -> AppResult<Response> {
    let calendar = state.calendar();
    let year = year_of(q.year.as_deref(), &calendar);
    let mut body = page_of(&ctx, &calendar, year, to_csv(&calendar));
    body.report = q.saved.and_then(|n| n.parse::<i64>().ok()).map(|n| ctx.tr().count("admin-cal-saved", n));
    Ok(ok(&body.page.clone(), &body))
}

#[derive(Deserialize)]
pub struct CalendarForm {
    #[serde(default)]
    csv: String,
    /// `save` stores the text when it is the one checked; anything else checks.
    #[serde(default)]
    action: String,
    /// The digest of the text last checked, from the preview.
    #[serde(default)]
    checked: String,
    year: Option<String>,
}

/// A text's digest: what "save" compares with the one checked.
fn digest(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().take(16).map(|b| format!("{b:02x}")).collect()
}

pub async fn submit(State(state): State<AppState>, ctx: Ctx, Form(f): Form<CalendarForm>) -> AppResult<Response> {
    let tr = ctx.tr();
    let in_force = state.calendar();
    let year = year_of(f.year.as_deref(), &in_force);
    // An entered year follows its rows alone: one without, say, New Year
    // would make it a working day, so a year is entered whole or not at all.
    let calendar = match Calendar::from_edited_csv(&f.csv) {
        Ok(c) => c,
        Err(errors) => {
            let mut body = page_of(&ctx, &in_force, year, f.csv);
            body.errors = errors.iter().map(|e| file_error(tr, e)).collect();
            body.page.title = tr.with("admin-error-title", &[("title", body.page.title.clone())]);
            return Ok(html(ctx.locale, StatusCode::UNPROCESSABLE_ENTITY, &body));
        }
    };
    let checked = digest(&f.csv);
    if f.action == "save" && f.checked == checked {
        let rows: Vec<CalendarRow> = calendar
            .exceptions()
            .map(|e| CalendarRow { day: e.date.to_string(), working: e.working, reason: e.reason.as_str().to_owned() })
            .collect();
        let by = (ctx.auth.principal.as_ref().map(|p| p.user_id), Role::Administrator.as_str());
        let moved = apply(&state, &calendar, rows, by, "calendar_changed").await?;
        state.load_calendar().await.map_err(|e| crate::error::AppError::Internal(e.to_string()))?;
        return Ok(ctx.see_other(&format!("/admin/calendar?year={year}&saved={moved}")));
    }
    let moves = moves(&state, &calendar).await?;
    let summary = tr.count("admin-cal-preview-summary", moves.len() as i64);
    let changed = f.action == "save";
    let mut body = page_of(&ctx, &calendar, year, f.csv);
    body.years = years(tr, &in_force);
    body.preview = Some(Preview { summary, moves, checked, changed });
    Ok(ok(&body.page.clone(), &body))
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
    Ok(moves(state, calendar).await?.into_iter().map(|m| (m.id, m.new)).collect())
}

/// Each open appeal whose due date `calendar` puts elsewhere: its number,
/// and the due date now and after (ISO, as stored).
async fn moves(state: &AppState, calendar: &Calendar) -> Result<Vec<Move>, adaldyq_store::StoreError> {
    let mut moved = Vec::new();
    for t in state.store.open_terms().await? {
        let Ok(registered) = t.registered_on.parse::<jiff::civil::Date>() else { continue };
        let due = calendar.due_date(registered, t.term_days as u32).due.to_string();
        if due != t.due_on {
            moved.push(Move { id: t.id, number: t.number, old: t.due_on, new: due });
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
