//! `GET/POST /{lang}/receptions/manage`: the manage link's page. The token
//! comes in the query of the GET (it is the link) and in the body of the
//! POSTs that act (cancel, move to another slot). A token that is not one
//! (badly formed, guessed, cancelled long ago and unknown) gets exactly the
//! answer an unknown token gets, and every check is rate limited.

use super::book::{check_in_qr, local_text, refusal_text, summary, token_hash, Summary};
use crate::error::AppResult;
use crate::pages::Ctx;
use crate::render::{html, Page};
use crate::state::{now, AppState};
use adaldyq_domain::reception::{normalise_manage_token, BookingStatus};
use adaldyq_store::{Booking, CancelOutcome, MoveOutcome};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Form;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "receptions/manage.html")]
struct ManagePage {
    page: Page,
    token: String,
    reception: Option<Summary>,
    code: String,
    /// The booking's state in a sentence.
    state: String,
    slot_when: String,
    /// Still ahead: it may be cancelled (and moved, when booked).
    active: bool,
    booked: bool,
    /// (slot id, local time) of the other slots with a free seat.
    slots: Vec<(String, String)>,
    /// What was just done, or why it was refused.
    done: Option<String>,
    refused: Option<String>,
    /// The QR code to show at the reception, while the seat is held.
    qr: String,
}

#[derive(Debug, Deserialize)]
pub struct TokenQuery {
    #[serde(default)]
    t: String,
}

#[derive(Debug, Deserialize)]
pub struct ManageForm {
    #[serde(default)]
    t: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    slot: String,
}

fn unknown(ctx: &Ctx) -> Response {
    let page = ManagePage {
        page: ctx.page("reception-manage-unknown-title"),
        token: String::new(),
        reception: None,
        code: String::new(),
        state: ctx.tr().t("reception-manage-unknown"),
        slot_when: String::new(),
        active: false,
        booked: false,
        slots: vec![],
        done: None,
        refused: None,
        qr: String::new(),
    };
    html(ctx.locale, StatusCode::NOT_FOUND, &page)
}

async fn show(
    state: &AppState,
    ctx: &Ctx,
    headers: &HeaderMap,
    token: &str,
    booking: Booking,
    done: Option<String>,
    refused: Option<String>,
) -> AppResult<Response> {
    let tr = ctx.tr();
    let Some(r) = state.store.reception(booking.reception_id).await? else { return Ok(unknown(ctx)) };
    let upcoming = r.status.is_upcoming() && now() < r.starts_at;
    let active = upcoming && matches!(booking.status, BookingStatus::Booked | BookingStatus::Waitlisted);
    let booked = active && booking.status == BookingStatus::Booked;
    // Until the day is over: booked, or checked in and waiting to be called.
    let seated = matches!(booking.status, BookingStatus::Booked | BookingStatus::CheckedIn);
    let qr = if r.status.is_upcoming() && seated {
        check_in_qr(state, headers, ctx.locale, r.id, &booking.code)
    } else {
        String::new()
    };
    let slots = if booked {
        state
            .store
            .slots(r.id)
            .await?
            .into_iter()
            .filter(|s| s.free() > 0 && Some(s.id) != booking.slot_id)
            .map(|s| (s.id.to_string(), local_text(s.starts_at)))
            .collect()
    } else {
        vec![]
    };
    let page = ManagePage {
        page: ctx.page("reception-manage-title"),
        token: token.to_owned(),
        reception: Some(summary(tr, &r)),
        code: booking.code.clone(),
        state: tr.t(&format!("reception-booking-{}", booking.status.as_str().replace('_', "-"))),
        slot_when: booking.slot_starts_at.map(local_text).unwrap_or_default(),
        active,
        booked,
        slots,
        done,
        refused,
        qr,
    };
    Ok(html(ctx.locale, StatusCode::OK, &page))
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Query(q): Query<TokenQuery>,
) -> AppResult<Response> {
    let Some(token) = normalise_manage_token(&q.t) else { return Ok(unknown(&ctx)) };
    let hash = token_hash(&state.config.secret_key, &token);
    match state.store.booking_by_token(&hash).await? {
        Some(b) => show(&state, &ctx, &headers, &token, b, None, None).await,
        None => Ok(unknown(&ctx)),
    }
}

pub async fn act(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Form(f): Form<ManageForm>,
) -> AppResult<Response> {
    let Some(token) = normalise_manage_token(&f.t) else { return Ok(unknown(&ctx)) };
    let hash = token_hash(&state.config.secret_key, &token);
    let tr = ctx.tr();
    let (done, refused) = match f.action.as_str() {
        "cancel" => match state.store.cancel_booking(&hash, now()).await? {
            None => return Ok(unknown(&ctx)),
            Some(CancelOutcome::Cancelled(_)) => (Some(tr.t("reception-manage-cancelled")), None),
            Some(CancelOutcome::Refused(why)) => (None, Some(refusal_text(tr, why))),
        },
        "move" => {
            let Ok(slot) = f.slot.trim().parse::<i64>() else {
                return Ok(unknown(&ctx));
            };
            match state.store.move_booking(&hash, slot, now()).await? {
                None => return Ok(unknown(&ctx)),
                Some(MoveOutcome::Moved(_)) => (Some(tr.t("reception-manage-moved")), None),
                Some(MoveOutcome::Full { .. }) => (None, Some(tr.t("reception-manage-slot-full"))),
                Some(MoveOutcome::Refused(why)) => (None, Some(refusal_text(tr, why))),
            }
        }
        _ => (None, None),
    };
    match state.store.booking_by_token(&hash).await? {
        Some(b) => show(&state, &ctx, &headers, &token, b, done, refused).await,
        None => Ok(unknown(&ctx)),
    }
}
