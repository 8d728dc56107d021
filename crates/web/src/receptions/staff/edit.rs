//! `GET|POST /{lang}/staff/receptions/new` and `…/{id}/edit`: planning a
//! reception and changing one. A new reception takes its place, host, mode,
//! day and hours, slots and seats, booking window, topics, languages and
//! access; a change takes what the store lets change without moving it (the
//! host and the details): a new time is a postponement, and the slots are
//! fixed once people book them. A day off of the calendar is flagged and
//! taken only when the coordinator confirms it.

use super::change::ChangeRefused;
use super::plan::{self, Checked, Choices, Errors, PlanForm};
use super::{managed, principal};
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::inbox::flash;
use crate::pages::Ctx;
use crate::receptions::public::Names;
use crate::receptions::times;
use crate::render::{html, Page};
use crate::state::{now, AppState};
use adaldyq_domain::reception::{at_local, parse_local_time};
use adaldyq_domain::{Principal, Role};
use adaldyq_store::{Actor, Clash, NewReception, PlanOutcome, Reception};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;

/// What a change cannot touch, shown as it stands.
pub struct Fixed {
    pub id: i64,
    pub when: String,
    pub territory: String,
    pub capacity: String,
}

#[derive(Template)]
#[template(path = "receptions/staff/form.html")]
pub struct FormPage {
    pub page: Page,
    pub action: String,
    pub form: PlanForm,
    pub errors: Errors,
    pub choices: Choices,
    /// Set when changing a reception.
    pub fixed: Option<Fixed>,
    /// The date was flagged as a day off: offer to confirm it.
    pub day_off_flagged: bool,
}

impl FormPage {
    pub fn error(&self, field: &str) -> Option<&str> {
        self.errors.get(field)
    }

    /// The attributes of a field with an error.
    pub fn invalid(&self, field: &str) -> String {
        Self::invalid_attrs(&self.errors, field)
    }

    pub fn invalid_attrs(errors: &Errors, field: &str) -> String {
        if errors.get(field).is_some() {
            format!(" aria-invalid=\"true\" aria-describedby=\"{field}-error\"")
        } else {
            String::new()
        }
    }
}

fn title(ctx: &Ctx, key: &str, errors: &Errors) -> Page {
    let mut page = ctx.page(key);
    if !errors.is_empty() {
        page.title = ctx.tr().with("receptions-error-title", &[("title", page.title.clone())]);
    }
    page
}

#[allow(clippy::too_many_arguments)]
async fn render(
    state: &AppState,
    ctx: &Ctx,
    status: StatusCode,
    form: PlanForm,
    errors: Errors,
    fixed: Option<Fixed>,
    keep_host: Option<i64>,
    day_off_flagged: bool,
) -> AppResult<Response> {
    let p = principal(ctx)?;
    let names = Names::load(state).await?;
    let (choices, _) = plan::choices(state, ctx, p, &names, keep_host).await?;
    let (key, action) = match &fixed {
        Some(f) => ("rstaff-edit-title", format!("/staff/receptions/{}/edit", f.id)),
        None => ("rstaff-new-title", "/staff/receptions/new".to_owned()),
    };
    let errors = errors.sorted();
    let page = FormPage {
        page: title(ctx, key, &errors),
        action: ctx.href(&action),
        form,
        errors,
        choices,
        fixed,
        day_off_flagged,
    };
    Ok(html(ctx.locale, status, &page))
}

pub async fn new_form(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    render(&state, &ctx, StatusCode::OK, PlanForm::blank(), Errors::default(), None, None, false).await
}

/// The clash named: when the host's other reception is.
pub fn clash_message(ctx: &Ctx, c: &Clash) -> String {
    clash_text(ctx.tr(), c)
}

/// The host's other reception that clashes, in `tr`'s language.
pub fn clash_text(tr: Tr, c: &Clash) -> String {
    tr.with("rstaff-error-host-busy", &[("when", times::span_text(c.starts_at, c.ends_at))])
}

/// Plans a new reception from the form, with the form's checks: each
/// field at fault named (422), a day off only when confirmed, the host's
/// other reception a 409 at `host`. The page and the API call it.
pub async fn plan_new(
    state: &AppState,
    tr: Tr,
    p: &Principal,
    form: &PlanForm,
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
    let end = parse_local_time(&form.end);
    if end.is_none() {
        errors.add("end", tr.t("rstaff-error-end"));
    }
    let now = now();
    let span = match (date, start, end) {
        (Some(d), Some(s), Some(e)) => Some((at_local(d, s), at_local(d, e))),
        _ => None,
    };
    if span.is_some_and(|(s, _)| s <= now) {
        errors.add("date", tr.t("rstaff-error-past"));
    }
    let calendar = state.calendar();
    let mut flagged = false;
    let mut unconfirmed = false;
    if let Some(d) = date.filter(|d| !calendar.is_working_day(*d)) {
        flagged = true;
        if !form.day_off_ok {
            unconfirmed = true;
            errors.add("date", plan::day_off_message(tr, &calendar, d));
        }
    }
    let groups = super::groups_in_scope(state, p).await?;
    let checked = plan::check(state, tr, p, &groups, form, span, &mut errors).await?;
    let refused =
        |status, errors| ChangeRefused { status, errors, day_off_flagged: flagged, day_off_unconfirmed: unconfirmed };
    let (Some(Checked { group, territory, host, capacity, details }), Some((starts_at, ends_at))) = (checked, span)
    else {
        return Ok(Err(refused(StatusCode::UNPROCESSABLE_ENTITY, errors)));
    };
    let host_id = plan::resolve_host(state, &host).await?;
    let new =
        NewReception { group_id: group.id, territory_code: territory, host_id, starts_at, ends_at, capacity, details };
    match state.store.schedule_reception(&new, actor, now).await? {
        PlanOutcome::Done(id) => Ok(Ok(id)),
        PlanOutcome::HostBusy(c) => {
            errors.add("host", clash_text(tr, &c));
            Ok(Err(refused(StatusCode::CONFLICT, errors)))
        }
        PlanOutcome::Refused(_) => Err(AppError::Conflict),
    }
}

pub async fn new_submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let p = principal(&ctx)?;
    let form = PlanForm::from_pairs(&pairs);
    match plan_new(&state, ctx.tr(), p, &form, &ctx.auth.actor(Role::Coordinator)).await? {
        Ok(id) => {
            let mut response = ctx.see_other("/staff/receptions");
            flash::set(&state, &mut response, "reception-scheduled", &id.to_string());
            Ok(response)
        }
        Err(why) => render(&state, &ctx, why.status, form, why.errors, None, None, why.day_off_flagged).await,
    }
}

fn fixed(ctx: &Ctx, names: &Names, r: &Reception) -> Fixed {
    Fixed {
        id: r.id,
        when: times::span_text(r.starts_at, r.ends_at),
        territory: names.territory_name(ctx.locale, &r.territory_code),
        capacity: ctx.tr().with(
            "rstaff-capacity-text",
            &[
                ("minutes", r.capacity.slot_minutes.to_string()),
                ("seats", r.capacity.seats_per_slot.to_string()),
                ("waitlist", r.capacity.waitlist_size.to_string()),
            ],
        ),
    }
}

/// A reception still ahead, or 409: a held, cancelled or started one is
/// not changed.
pub fn ahead(r: &Reception) -> AppResult<()> {
    if r.status.is_upcoming() && r.starts_at > now() {
        Ok(())
    } else {
        Err(AppError::Conflict)
    }
}

pub async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((_, id)): Path<(String, String)>,
) -> AppResult<Response> {
    let p = principal(&ctx)?;
    let r = managed(&state, p, &id).await?;
    ahead(&r)?;
    let details = state.store.reception_details(r.id).await?.ok_or(AppError::NotFound)?;
    let names = Names::load(&state).await?;
    let form = PlanForm::of_reception(&r, &details);
    render(&state, &ctx, StatusCode::OK, form, Errors::default(), Some(fixed(&ctx, &names, &r)), Some(r.host_id), false)
        .await
}

pub async fn edit_submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((_, id)): Path<(String, String)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let p = principal(&ctx)?;
    let r = managed(&state, p, &id).await?;
    ahead(&r)?;
    let details = state.store.reception_details(r.id).await?.ok_or(AppError::NotFound)?;
    let typed = PlanForm::from_pairs(&pairs);
    // What a change cannot touch comes from the reception, not the post.
    let kept = PlanForm::of_reception(&r, &details);
    let form = PlanForm {
        territory: kept.territory,
        date: kept.date,
        start: kept.start,
        end: kept.end,
        slot_minutes: kept.slot_minutes,
        seats_per_slot: kept.seats_per_slot,
        waitlist_size: kept.waitlist_size,
        ..typed
    };
    let names = Names::load(&state).await?;
    let (_, groups) = plan::choices(&state, &ctx, p, &names, Some(r.host_id)).await?;
    let mut errors = Errors::default();
    let checked = plan::check(&state, ctx.tr(), p, &groups, &form, Some((r.starts_at, r.ends_at)), &mut errors).await?;
    let Some(checked) = checked else {
        let fixed = Some(fixed(&ctx, &names, &r));
        return render(&state, &ctx, StatusCode::UNPROCESSABLE_ENTITY, form, errors, fixed, Some(r.host_id), false)
            .await;
    };
    let host_id = plan::resolve_host(&state, &checked.host).await?;
    let actor = ctx.auth.actor(Role::Coordinator);
    match state.store.update_reception(r.id, host_id, &checked.details, &actor, now()).await? {
        PlanOutcome::Done(id) => {
            let mut response = ctx.see_other("/staff/receptions");
            flash::set(&state, &mut response, "reception-changed", &id.to_string());
            Ok(response)
        }
        PlanOutcome::HostBusy(c) => {
            errors.add("host", clash_message(&ctx, &c));
            let fixed = Some(fixed(&ctx, &names, &r));
            render(&state, &ctx, StatusCode::CONFLICT, form, errors, fixed, Some(r.host_id), false).await
        }
        PlanOutcome::Refused(_) => Err(AppError::Conflict),
    }
}
