//! `GET|POST /{lang}/staff/receptions/schedules`: recurring schedules
//! ("every first Tuesday, 10:00–13:00") of the working groups in the
//! coordinator's territories. A new schedule makes nothing: its page
//! previews the dates of the coming three months, with the days off of
//! the calendar flagged (never made silently), and a button makes the
//! rest; a schedule can be stopped.

use super::edit::FormPage;
use super::plan::{self, Checked, Choices, Errors, PlanForm};
use super::{groups_in_scope, may_manage, principal};
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::inbox::flash;
use crate::pages::Ctx;
use crate::receptions::public::Names;
use crate::receptions::times;
use crate::render::{html, Page};
use crate::state::{now, AppState};
use adaldyq_domain::reception::{
    at_local, local_date, local_time_text, occurrences, overlaps, parse_local_time, weekday_from_number,
    weekday_number, ReceptionStatus, Rule, Week,
};
use adaldyq_domain::Role;
use adaldyq_store::{NewSchedule, ReceptionFilter, Schedule};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Form;
use jiff::civil::Date;

/// How far ahead a schedule's page looks and its button makes receptions.
const PREVIEW_MONTHS: i32 = 3;

pub struct Row {
    pub id: i64,
    pub rule: String,
    pub host: String,
    pub place: String,
    pub active: bool,
}

#[derive(Template)]
#[template(path = "receptions/staff/schedules.html")]
struct SchedulesPage {
    page: Page,
    rows: Vec<Row>,
    form: PlanForm,
    errors: Errors,
    choices: Choices,
    weekdays: Vec<(String, String)>,
    weeks: Vec<(&'static str, String)>,
}

impl SchedulesPage {
    fn error(&self, field: &str) -> Option<&str> {
        self.errors.get(field)
    }

    fn invalid(&self, field: &str) -> String {
        FormPage::invalid_attrs(&self.errors, field)
    }
}

/// One date of the preview.
pub struct Day {
    pub date: String,
    /// Made before: the reception's id.
    pub made: Option<i64>,
    /// A day off: why, in words (not made).
    pub day_off: Option<String>,
    /// The host has another reception then: when (not made).
    pub busy: Option<String>,
}

#[derive(Template)]
#[template(path = "receptions/staff/schedule.html")]
struct SchedulePage {
    page: Page,
    flash: Option<String>,
    id: i64,
    row: Row,
    days: Vec<Day>,
    to_make: usize,
}

/// «The first Tuesday of each month, 10:00–13:00».
pub fn rule_text(tr: Tr, rule: &Rule, start: jiff::civil::Time, end: jiff::civil::Time) -> String {
    let n = weekday_number(rule.weekday);
    let day = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][(n as usize).clamp(1, 7) - 1];
    tr.with(
        &format!("rstaff-rule-{}", rule.week.as_str()),
        &[
            ("weekday", tr.t(&format!("rstaff-weekday-{n}"))),
            ("day", day.to_owned()),
            ("hours", format!("{}–{}", local_time_text(start), local_time_text(end))),
        ],
    )
}

fn row(ctx: &Ctx, names: &Names, s: &Schedule) -> Row {
    Row {
        id: s.id,
        rule: rule_text(ctx.tr(), &s.rule, s.start, s.end),
        host: names.host(ctx.locale, s.host_id).line(),
        place: names.territory_name(ctx.locale, &s.territory_code),
        active: s.active,
    }
}

async fn render_list(
    state: &AppState,
    ctx: &Ctx,
    status: StatusCode,
    form: PlanForm,
    errors: Errors,
) -> AppResult<Response> {
    let p = principal(ctx)?;
    let names = Names::load(state).await?;
    let (choices, groups) = plan::choices(state, ctx, p, &names, None).await?;
    let mut rows = Vec::new();
    for g in &groups {
        for s in state.store.schedules(Some(g.id)).await? {
            rows.push(row(ctx, &names, &s));
        }
    }
    let tr = ctx.tr();
    let weekdays = (1..=7).map(|n| (n.to_string(), tr.t(&format!("rstaff-weekday-{n}")))).collect();
    let weeks = Week::ALL.iter().map(|w| (w.as_str(), tr.t(&format!("rstaff-week-{}", w.as_str())))).collect();
    let mut page = ctx.page("rstaff-schedules-title");
    if !errors.is_empty() {
        page.title = tr.with("receptions-error-title", &[("title", page.title.clone())]);
    }
    let body = SchedulesPage { page, rows, form, errors: errors.sorted(), choices, weekdays, weeks };
    Ok(html(ctx.locale, status, &body))
}

pub async fn list(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    render_list(&state, &ctx, StatusCode::OK, PlanForm::blank(), Errors::default()).await
}

pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let p = principal(&ctx)?;
    let tr = ctx.tr();
    let form = PlanForm::from_pairs(&pairs);
    let mut errors = Errors::default();
    let weekday = form.weekday.trim().parse::<i64>().ok().and_then(weekday_from_number);
    if weekday.is_none() {
        errors.add("weekday", tr.t("rstaff-error-weekday"));
    }
    let week = Week::parse(form.week.trim());
    if week.is_none() {
        errors.add("week", tr.t("rstaff-error-week"));
    }
    let start = parse_local_time(&form.start);
    if start.is_none() {
        errors.add("start", tr.t("rstaff-error-start"));
    }
    let end = parse_local_time(&form.end);
    if end.is_none() {
        errors.add("end", tr.t("rstaff-error-end"));
    }
    // The plan is checked on an example day: the hours are what matters.
    let example = local_date(now());
    let span = start.zip(end).map(|(s, e)| (at_local(example, s), at_local(example, e)));
    let groups = groups_in_scope(&state, p).await?;
    let checked = plan::check(&state, tr, p, &groups, &form, span, &mut errors).await?;
    let (
        Some(Checked { group, territory, host, capacity, details }),
        Some(weekday),
        Some(week),
        Some(start),
        Some(end),
    ) = (checked, weekday, week, start, end)
    else {
        return render_list(&state, &ctx, StatusCode::UNPROCESSABLE_ENTITY, form, errors).await;
    };
    let host_id = plan::resolve_host(&state, &host).await?;
    let new = NewSchedule {
        group_id: group.id,
        territory_code: territory,
        host_id,
        rule: Rule { weekday, week },
        start,
        end,
        capacity,
        details,
    };
    let id = state.store.create_schedule(&new, &ctx.auth.actor(Role::Coordinator), now()).await?;
    let mut response = ctx.see_other(&format!("/staff/receptions/schedules/{id}"));
    flash::set(&state, &mut response, "schedule-created", &id.to_string());
    Ok(response)
}

/// The schedule, if the coordinator may manage it.
async fn managed_schedule(state: &AppState, ctx: &Ctx, id: &str) -> AppResult<Schedule> {
    let p = principal(ctx)?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let s = state.store.schedule(id).await?.ok_or(AppError::NotFound)?;
    let territories = state.territories().await?;
    let path = territories.iter().find(|t| t.code == s.territory_code).map(|t| t.path.clone()).unwrap_or_default();
    if !may_manage(p, &path) {
        return Err(AppError::Forbidden);
    }
    Ok(s)
}

/// The range a schedule's page previews and its button makes: from
/// tomorrow for three months (local dates).
fn range() -> (Date, Date) {
    let today = local_date(now());
    let from = today.tomorrow().unwrap_or(today);
    let to = today.checked_add(jiff::Span::new().months(PREVIEW_MONTHS)).unwrap_or(today);
    (from, to)
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path((_, id)): Path<(String, String)>,
) -> AppResult<Response> {
    let s = managed_schedule(&state, &ctx, &id).await?;
    let names = Names::load(&state).await?;
    let (from, to) = range();
    let calendar = state.calendar();
    let filter = ReceptionFilter { group_id: Some(s.group_id), limit: 2_000, ..Default::default() };
    let made: Vec<(Date, i64)> = state
        .store
        .receptions(&filter)
        .await?
        .into_iter()
        .filter(|r| r.schedule_id == Some(s.id))
        .map(|r| (local_date(r.postponed_from.unwrap_or(r.starts_at)), r.id))
        .collect();
    // The host's other receptions: a date they clash with is not made
    // (the store skips it), and the page says so beforehand.
    let theirs = ReceptionFilter { host_id: Some(s.host_id), limit: 2_000, ..Default::default() };
    let others: Vec<(i64, i64)> = state
        .store
        .receptions(&theirs)
        .await?
        .into_iter()
        .filter(|r| r.status != ReceptionStatus::Cancelled && r.schedule_id != Some(s.id))
        .map(|r| (r.starts_at, r.ends_at))
        .collect();
    let tr = ctx.tr();
    let days: Vec<Day> = occurrences(&s.rule, from, to, &calendar)
        .into_iter()
        .map(|o| {
            let made = made.iter().find(|(d, _)| *d == o.date).map(|(_, id)| *id);
            let span = (at_local(o.date, s.start), at_local(o.date, s.end));
            let busy = others
                .iter()
                .find(|other| made.is_none() && overlaps(span, **other))
                .map(|(a, b)| times::span_text(*a, *b));
            Day {
                date: o.date.strftime("%d.%m.%Y").to_string(),
                made,
                day_off: o.day_off.map(|_| plan::day_off_reason(tr, &calendar, o.date)),
                busy,
            }
        })
        .collect();
    let to_make = days.iter().filter(|d| d.made.is_none() && d.day_off.is_none() && d.busy.is_none()).count();
    let flash_text = flash::read(tr, &headers);
    let body = SchedulePage {
        page: ctx.page("rstaff-schedule-title"),
        flash: flash_text,
        id: s.id,
        row: row(&ctx, &names, &s),
        days,
        to_make: if s.active { to_make } else { 0 },
    };
    let mut response = html(ctx.locale, StatusCode::OK, &body);
    flash::clear(&state, &headers, &mut response);
    Ok(response)
}

pub async fn generate(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((_, id)): Path<(String, String)>,
) -> AppResult<Response> {
    let s = managed_schedule(&state, &ctx, &id).await?;
    if !s.active {
        return Err(AppError::Conflict);
    }
    let (from, to) = range();
    let calendar = state.calendar();
    let actor = ctx.auth.actor(Role::Coordinator);
    let report = state.store.generate_receptions(s.id, from, to, &calendar, &actor, now()).await?;
    let mut response = ctx.see_other(&format!("/staff/receptions/schedules/{}", s.id));
    flash::set(&state, &mut response, "schedule-generated", &report.created.len().to_string());
    Ok(response)
}

pub async fn deactivate(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((_, id)): Path<(String, String)>,
) -> AppResult<Response> {
    let s = managed_schedule(&state, &ctx, &id).await?;
    state.store.set_schedule_active(s.id, false, &ctx.auth.actor(Role::Coordinator), now()).await?;
    let mut response = ctx.see_other(&format!("/staff/receptions/schedules/{}", s.id));
    flash::set(&state, &mut response, "schedule-deactivated", &s.id.to_string());
    Ok(response)
}
