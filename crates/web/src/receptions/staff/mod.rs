//! The coordinator's side of receptions: the list of the receptions in
//! one's territories, planning a reception (new and edit), postponing and
//! cancelling one, and the recurring schedules with a preview of the dates
//! they give (`list`, `edit`, `plan`, `change`, `schedules`: the policy's
//! `ManageReceptions`); and the day of a reception: the queue page and its
//! actions (`day`), check-in by a booking's QR code (`check_in`), and the
//! record of questions with "taken as an appeal" (`record`: the policy's
//! `RunReceptionDay`). The routes let coordinators in; the handlers check
//! the reception's territory against their grants.

pub mod change;
pub mod check_in;
pub mod day;
pub mod edit;
pub mod list;
pub mod plan;
pub mod record;
pub mod schedules;

use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::pages::Ctx;
use crate::state::AppState;
use adaldyq_domain::reception::{BookingStatus, Priority, QuestionOutcome, Refusal};
use adaldyq_domain::{decide, Action, Decision, Principal, Role, Scope, Target};
use adaldyq_store::{Booking, Reception, TerritoryRecord, WorkingGroup};

/// The principal of a staff page (the route's guard let only a signed-in
/// coordinator through).
pub fn principal(ctx: &Ctx) -> AppResult<&Principal> {
    ctx.auth.principal.as_ref().ok_or(AppError::Forbidden)
}

/// Whether `p` plans receptions on the territory (by its path).
pub fn may_manage(p: &Principal, path: &[String]) -> bool {
    decide(Some(p), Action::ManageReceptions, &Target::Territory { path: path.to_vec() }) == Decision::Allow
}

/// The territory codes the coordinator's grants cover; `None` when one of
/// them covers everything.
pub fn scope_codes(p: &Principal) -> Option<Vec<String>> {
    let mut codes = Vec::new();
    for g in p.grants.iter().filter(|g| g.role == Role::Coordinator) {
        match &g.scope {
            Scope::All => return None,
            Scope::Territory(code) => codes.push(code.clone()),
            _ => {}
        }
    }
    Some(codes)
}

fn path_of(territories: &[TerritoryRecord], code: &str) -> Vec<String> {
    territories.iter().find(|t| t.code == code).map(|t| t.path.clone()).unwrap_or_default()
}

/// The reception, if the coordinator may manage it: 404 when there is no
/// such reception, 403 when it lies outside their territories.
pub async fn managed(state: &AppState, p: &Principal, id: &str) -> AppResult<Reception> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let r = state.store.reception(id).await?.ok_or(AppError::NotFound)?;
    let territories = state.territories().await?;
    if !may_manage(p, &path_of(&territories, &r.territory_code)) {
        return Err(AppError::Forbidden);
    }
    Ok(r)
}

/// The working groups in the coordinator's territories, in territory order.
pub async fn groups_in_scope(state: &AppState, p: &Principal) -> AppResult<Vec<WorkingGroup>> {
    let territories = state.territories().await?;
    let mut groups: Vec<WorkingGroup> = match scope_codes(p) {
        None => state.store.working_groups(None).await?,
        Some(codes) => {
            let mut all = Vec::new();
            for code in codes {
                for g in state.store.working_groups(Some(&code)).await? {
                    if !all.iter().any(|x: &WorkingGroup| x.id == g.id) {
                        all.push(g);
                    }
                }
            }
            all
        }
    };
    groups.retain(|g| may_manage(p, &path_of(&territories, &g.territory_code)));
    Ok(groups)
}

/// The receptions in the coordinator's territories (each scope's subtree),
/// soonest first.
pub async fn receptions_in_scope(state: &AppState, p: &Principal) -> AppResult<Vec<Reception>> {
    let filter =
        |territory: Option<String>| adaldyq_store::ReceptionFilter { territory, limit: 2_000, ..Default::default() };
    let mut all: Vec<Reception> = Vec::new();
    match scope_codes(p) {
        None => all = state.store.receptions(&filter(None)).await?,
        Some(codes) => {
            for code in codes {
                for r in state.store.receptions(&filter(Some(code))).await? {
                    if !all.iter().any(|x| x.id == r.id) {
                        all.push(r);
                    }
                }
            }
        }
    }
    all.sort_by_key(|r| (r.starts_at, r.id));
    Ok(all)
}

/// The path of the reception day's page (built by its own module); linked
/// only when the route table has it and the reader may open it.
pub const DAY_PATH: &str = "/{lang}/staff/receptions/{id}/day";

pub fn day_page_opens(p: &Principal) -> bool {
    crate::routes::routes().iter().any(|r| {
        r.method == axum::http::Method::GET
            && r.path == DAY_PATH
            && decide(Some(p), r.action, &r.target) == Decision::Allow
    })
}

/// The words the day page confirms after an action (see `inbox::flash`).
pub const DONE: [&str; 9] = [
    "checked-in",
    "checked-in-before",
    "walked-in",
    "no-show",
    "received",
    "host-attended",
    "host-absent",
    "held",
    "question-answered",
];

/// The reception `id`, if the signed-in coordinator's territory covers it:
/// 404 for an unknown one, 403 for one outside their scope.
pub async fn reception_in_scope(state: &AppState, ctx: &Ctx, id: &str) -> AppResult<Reception> {
    day_reception(state, ctx.auth.principal.as_ref(), id).await
}

/// The reception `id`, if `p` may run its day (the day pages and the
/// staff API): 404 for an unknown one, 403 for one outside their scope.
pub async fn day_reception(state: &AppState, p: Option<&Principal>, id: &str) -> AppResult<Reception> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let r = state.store.reception(id).await?.ok_or(AppError::NotFound)?;
    let path = state.store.territory(&r.territory_code).await?.map(|t| t.path).unwrap_or_default();
    let target = Target::Territory { path };
    match decide(p, Action::RunReceptionDay, &target) {
        Decision::Allow => Ok(r),
        _ => Err(AppError::Forbidden),
    }
}

/// Whether the reader may run this reception's day (its territory is in
/// their scope): the reception's page then shows them the record.
pub async fn may_run(state: &AppState, ctx: &Ctx, r: &Reception) -> AppResult<bool> {
    if ctx.auth.principal.is_none() {
        return Ok(false);
    }
    let path = state.store.territory(&r.territory_code).await?.map(|t| t.path).unwrap_or_default();
    let target = Target::Territory { path };
    Ok(decide(ctx.auth.principal.as_ref(), Action::RunReceptionDay, &target) == Decision::Allow)
}

/// One question of the record, with its outcome (staff only: it names
/// the person).
pub struct QuestionRow {
    pub who: String,
    pub text: String,
    /// The short answer given on the spot, if it was.
    pub answer: Option<String>,
    /// The appeal it became (its number), if taken as one.
    pub appeal: Option<String>,
}

/// The record of a reception: its questions in order, with their outcomes.
pub async fn record_rows(state: &AppState, reception_id: i64) -> AppResult<Vec<QuestionRow>> {
    let people = state.store.bookings(reception_id).await?;
    let mut rows = Vec::new();
    for q in state.store.questions(reception_id).await? {
        let who = people.iter().find(|b| b.id == q.booking_id).map(|b| b.name.clone()).unwrap_or_default();
        let appeal = match q.appeal_id {
            Some(id) => state.store.appeal_by_id(id).await?.map(|a| a.number),
            None => None,
        };
        let answer = (q.outcome == QuestionOutcome::AnsweredOnTheSpot).then(|| q.answer.clone());
        rows.push(QuestionRow { who, text: q.text, answer, appeal });
    }
    Ok(rows)
}

/// Why a day action (page or API) was refused: a 422 with each field's
/// message, or a 409 at one field (the day over, a lost race, a person
/// who cannot be marked so).
#[derive(Debug)]
pub enum DayRefusal {
    Invalid(Vec<(String, String)>),
    Conflict(&'static str, String),
}

/// Whether the day can still be run: neither held nor cancelled.
pub fn day_open(r: &Reception) -> Result<(), Refusal> {
    use adaldyq_domain::reception::ReceptionStatus as S;
    match r.status {
        S::Held => Err(Refusal::Held),
        S::Cancelled => Err(Refusal::Cancelled),
        _ => Ok(()),
    }
}

/// A booking of this reception, by the id a form sent.
pub async fn booking_of(state: &AppState, r: &Reception, id: &str) -> AppResult<Booking> {
    let id: i64 = id.trim().parse().map_err(|_| AppError::NotFound)?;
    state.store.booking(id).await?.filter(|b| b.reception_id == r.id).ok_or(AppError::NotFound)
}

/// The day's people: the queue in its order, then the waiting list
/// (cancelled ones aside), as the day page and the API show them.
pub async fn day_queue(state: &AppState, reception_id: i64) -> AppResult<Vec<Booking>> {
    let mut people = state.store.queue(reception_id).await?;
    let waiting =
        state.store.bookings(reception_id).await?.into_iter().filter(|b| b.status == BookingStatus::Waitlisted);
    people.extend(waiting);
    Ok(people)
}

/// A booking's status in the reader's language.
pub fn status_text(tr: Tr, s: BookingStatus) -> String {
    tr.t(&format!("reception-day-status-{}", s.as_str().replace('_', "-")))
}

/// A priority in the reader's language (staff pages only).
pub fn priority_text(tr: Tr, p: Priority) -> String {
    tr.t(&format!("reception-priority-{}", p.as_str().replace('_', "-")))
}

/// The day page's address.
pub fn day_path(r: &Reception) -> String {
    format!("/staff/receptions/{}/day", r.id)
}
