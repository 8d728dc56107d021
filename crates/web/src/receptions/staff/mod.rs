//! The coordinator's side of a reception's day: the queue page and its
//! actions (`day`), check-in by a booking's QR code (`check_in`), and the
//! record of questions with "taken as an appeal" (`record`). The route
//! lets coordinators in; [`reception_in_scope`] checks the reception's
//! territory against their grants.

pub mod check_in;
pub mod day;
pub mod record;

use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::pages::Ctx;
use crate::state::AppState;
use adaldyq_domain::reception::{BookingStatus, Priority, QuestionOutcome, Refusal};
use adaldyq_domain::{decide, Action, Decision, Target};
use adaldyq_store::{Booking, Reception};

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
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let r = state.store.reception(id).await?.ok_or(AppError::NotFound)?;
    let path = state.store.territory(&r.territory_code).await?.map(|t| t.path).unwrap_or_default();
    let target = Target::Territory { path };
    match decide(ctx.auth.principal.as_ref(), Action::RunReceptionDay, &target) {
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
