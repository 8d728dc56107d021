//! `GET|POST /{lang}/staff/receptions/{id}/postpone` and `…/{id}/cancel`:
//! a confirmation page each, with a reason. Postponing keeps the
//! reception's length (its slots move with it); the store carries the
//! bookings over and tells each person, as it tells them of a
//! cancellation.

use super::edit::{ahead, clash_text};
use super::plan::{self, Errors};
use super::{managed, principal};
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::inbox::flash;
use crate::pages::Ctx;
use crate::receptions::public::Names;
use crate::receptions::times;
use crate::render::{html, Page};
use crate::state::{now, AppState};
use adaldyq_domain::appeal::required_text;
use adaldyq_domain::reception::{at_local, local_datetime, parse_local_time};
use adaldyq_domain::Role;
use adaldyq_store::{Actor, PlanOutcome, Reception};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use serde::Deserialize;

/// The longest reason kept with a postponement or a cancellation.
const MAX_REASON_CHARS: usize = 1_000;

#[derive(Debug, Default, Deserialize)]
pub struct ChangeForm {
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub start: String,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub day_off_ok: String,
}

/// The reception the page is about, in a few facts.
pub struct About {
    pub id: i64,
    pub when: String,
    pub host: String,
    pub place: String,
    /// Active bookings that will be told.
    pub booked: i64,
    pub minutes: i64,
}

#[derive(Template)]
#[template(path = "receptions/staff/change.html")]
struct ChangePage {
    page: Page,
    /// `postpone` or `cancel`.
    what: &'static str,
    action: String,
    about: About,
    form: ChangeForm,
    errors: Errors,
    day_off_flagged: bool,
}

impl ChangePage {
    fn error(&self, field: &str) -> Option<&str> {
        self.errors.get(field)
    }

    fn invalid(&self, field: &str) -> String {
        if self.errors.get(field).is_some() {
            format!(" aria-invalid=\"true\" aria-describedby=\"{field}-error\"")
        } else {
            String::new()
        }
    }
}

async fn about(state: &AppState, ctx: &Ctx, r: &Reception) -> AppResult<About> {
    let names = Names::load(state).await?;
    Ok(About {
        id: r.id,
        when: times::span_text(r.starts_at, r.ends_at),
        host: names.host(ctx.locale, r.host_id).line(),
        place: super::list::place_text(ctx, &names, r),
        booked: r.seats_taken + r.waitlisted,
        minutes: (r.ends_at - r.starts_at) / 60,
    })
}

#[allow(clippy::too_many_arguments)]
async fn render(
    state: &AppState,
    ctx: &Ctx,
    status: StatusCode,
    what: &'static str,
    r: &Reception,
    form: ChangeForm,
    errors: Errors,
    day_off_flagged: bool,
) -> AppResult<Response> {
    let mut page = ctx.page(&format!("rstaff-{what}-title"));
    if !errors.is_empty() {
        page.title = ctx.tr().with("receptions-error-title", &[("title", page.title.clone())]);
    }
    let body = ChangePage {
        page,
        what,
        action: ctx.href(&format!("/staff/receptions/{}/{what}", r.id)),
        about: about(state, ctx, r).await?,
        form,
        errors: errors.sorted(),
        day_off_flagged,
    };
    Ok(html(ctx.locale, status, &body))
}

async fn open(state: &AppState, ctx: &Ctx, id: &str) -> AppResult<Reception> {
    changeable(state, principal(ctx)?, id).await
}

/// The reception, if `p` manages it (403 outside their territories, 404
/// unknown) and it is still ahead (409 once started, held or cancelled).
pub async fn changeable(state: &AppState, p: &adaldyq_domain::Principal, id: &str) -> AppResult<Reception> {
    let r = managed(state, p, id).await?;
    ahead(&r)?;
    Ok(r)
}

pub async fn postpone_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((_, id)): Path<(String, String)>,
) -> AppResult<Response> {
    let r = open(&state, &ctx, &id).await?;
    let at = local_datetime(r.starts_at);
    let form = ChangeForm {
        date: at.date().to_string(),
        start: format!("{:02}:{:02}", at.hour(), at.minute()),
        ..ChangeForm::default()
    };
    render(&state, &ctx, StatusCode::OK, "postpone", &r, form, Errors::default(), false).await
}

fn reason_of(tr: Tr, form: &ChangeForm, errors: &mut Errors) -> Option<String> {
    match required_text(&form.reason, MAX_REASON_CHARS) {
        Ok(r) => Some(r),
        Err(e) => {
            errors.add("reason", plan::text_message(tr, "reason", e, MAX_REASON_CHARS));
            None
        }
    }
}

/// A refused postponement or cancellation: 422 with each field's message,
/// or 409 (the host's other reception clashes, named at `start`); and
/// whether the new day is a day off, and it was not confirmed.
pub struct ChangeRefused {
    pub status: StatusCode,
    pub errors: Errors,
    pub day_off_flagged: bool,
    pub day_off_unconfirmed: bool,
}

/// Postpones the reception to the form's date and start (its length
/// kept), with the form's checks; the page and the API call it.
pub async fn postpone(
    state: &AppState,
    tr: Tr,
    r: &Reception,
    form: &ChangeForm,
    actor: &Actor,
) -> AppResult<Result<i64, ChangeRefused>> {
    let mut errors = Errors::default();
    let date = plan::parse_date(&form.date);
    if date.is_none() {
        errors.add("date", tr.t("rstaff-error-date"));
    }
    let start = parse_local_time(&form.start);
    if start.is_none() {
        errors.add("start", tr.t("rstaff-error-start"));
    }
    let now = now();
    let new_start = date.zip(start).map(|(d, s)| at_local(d, s));
    match new_start {
        Some(s) if s <= now => errors.add("date", tr.t("rstaff-error-past")),
        Some(s) if s == r.starts_at => errors.add("start", tr.t("rstaff-error-same-time")),
        _ => {}
    }
    let calendar = state.calendar();
    let mut flagged = false;
    let mut unconfirmed = false;
    if let Some(d) = date.filter(|d| !calendar.is_working_day(*d)) {
        flagged = true;
        if form.day_off_ok.is_empty() {
            unconfirmed = true;
            errors.add("date", plan::day_off_message(tr, &calendar, d));
        }
    }
    let reason = reason_of(tr, form, &mut errors);
    let refused =
        |status, errors| ChangeRefused { status, errors, day_off_flagged: flagged, day_off_unconfirmed: unconfirmed };
    let (Some(new_start), Some(reason), true) = (new_start, reason, errors.is_empty()) else {
        return Ok(Err(refused(StatusCode::UNPROCESSABLE_ENTITY, errors)));
    };
    match state.store.postpone_reception(r.id, new_start, &reason, actor, now).await? {
        PlanOutcome::Done(id) => Ok(Ok(id)),
        PlanOutcome::HostBusy(c) => {
            errors.add("start", clash_text(tr, &c));
            Ok(Err(refused(StatusCode::CONFLICT, errors)))
        }
        PlanOutcome::Refused(_) => Err(AppError::Conflict),
    }
}

pub async fn postpone_submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((_, id)): Path<(String, String)>,
    Form(form): Form<ChangeForm>,
) -> AppResult<Response> {
    let r = open(&state, &ctx, &id).await?;
    let actor = ctx.auth.actor(Role::Coordinator);
    match postpone(&state, ctx.tr(), &r, &form, &actor).await? {
        Ok(id) => {
            let mut response = ctx.see_other("/staff/receptions");
            flash::set(&state, &mut response, "reception-postponed", &id.to_string());
            Ok(response)
        }
        Err(why) => render(&state, &ctx, why.status, "postpone", &r, form, why.errors, why.day_off_flagged).await,
    }
}

/// Cancels the reception with the form's reason; the page and the API call it.
pub async fn cancel(
    state: &AppState,
    tr: Tr,
    r: &Reception,
    form: &ChangeForm,
    actor: &Actor,
) -> AppResult<Result<i64, ChangeRefused>> {
    let mut errors = Errors::default();
    let Some(reason) = reason_of(tr, form, &mut errors) else {
        let why = ChangeRefused {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            errors,
            day_off_flagged: false,
            day_off_unconfirmed: false,
        };
        return Ok(Err(why));
    };
    match state.store.cancel_reception(r.id, &reason, actor, now()).await? {
        PlanOutcome::Done(id) => Ok(Ok(id)),
        _ => Err(AppError::Conflict),
    }
}

pub async fn cancel_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((_, id)): Path<(String, String)>,
) -> AppResult<Response> {
    let r = open(&state, &ctx, &id).await?;
    render(&state, &ctx, StatusCode::OK, "cancel", &r, ChangeForm::default(), Errors::default(), false).await
}

pub async fn cancel_submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((_, id)): Path<(String, String)>,
    Form(form): Form<ChangeForm>,
) -> AppResult<Response> {
    let r = open(&state, &ctx, &id).await?;
    let actor = ctx.auth.actor(Role::Coordinator);
    match cancel(&state, ctx.tr(), &r, &form, &actor).await? {
        Ok(id) => {
            let mut response = ctx.see_other("/staff/receptions");
            flash::set(&state, &mut response, "reception-cancelled", &id.to_string());
            Ok(response)
        }
        Err(why) => render(&state, &ctx, why.status, "cancel", &r, form, why.errors, false).await,
    }
}
