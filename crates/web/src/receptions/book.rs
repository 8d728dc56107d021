//! `GET/POST /{lang}/receptions/{id}/book`: booking a place at a reception,
//! signed in or not. The form carries a one-time token (the idempotency
//! key): the same form sent twice books once, and answers the second time
//! with the same booking and the same manage link, because the manage token
//! is derived from that key under the server's key (nothing to store, and
//! no one without the server's key can derive it). Errors follow the
//! filing form's pattern: a summary at the top, a message at each field,
//! nothing typed lost.

use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::pages::Ctx;
use crate::render::{html, Page};
use crate::state::{now, AppState};
use adaldyq_domain::appeal::{FieldError, Problem};
use adaldyq_domain::reception::{
    local_datetime, manage_token, validate_booking, BookingInput, BookingStatus, Mode, Refusal, MANAGE_TOKEN_BYTES,
};
use adaldyq_store::{BookingOutcome, FreeSlot, NewBooking, Reception};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Form;
use hmac::{Hmac, Mac};
use serde::Deserialize;
use sha2::Sha256;

/// The manage token of the booking made with this idempotency key at this
/// reception: the same form sent twice gets the same link.
pub fn derived_token(key: &[u8], reception_id: i64, idempotency_key: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(format!("reception-manage-token\0{reception_id}\0{idempotency_key}").as_bytes());
    let bytes = mac.finalize().into_bytes();
    let mut out = [0u8; MANAGE_TOKEN_BYTES];
    out.copy_from_slice(&bytes[..MANAGE_TOKEN_BYTES]);
    manage_token(&out)
}

/// The keyed hash a manage token is stored and looked up by (its own
/// prefix: it never matches a receipt secret's hash).
pub fn token_hash(key: &[u8], token: &str) -> Vec<u8> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(b"reception-manage:");
    mac.update(token.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

/// The staff check-in page's address for a booking, absolute so that a
/// phone's camera opens it: what the booking's QR code holds. `site` is
/// [`super::feeds::site`]; the language is the page's.
pub fn check_in_url(site: &str, locale: adaldyq_domain::Locale, reception_id: i64, code: &str) -> String {
    format!("{site}/{}/staff/receptions/{reception_id}/check-in?code={code}", locale.segment())
}

/// The booking's QR code for check-in, as inline SVG (the receipt's way).
pub fn check_in_qr(
    state: &AppState,
    headers: &HeaderMap,
    locale: adaldyq_domain::Locale,
    r: i64,
    code: &str,
) -> String {
    let url = check_in_url(&super::feeds::site(state, headers), locale, r, code);
    crate::auth::totp::qr_svg(&url).unwrap_or_default()
}

/// A local time as the pages show it (Asia/Qyzylorda): 12.05.2026 10:00.
pub fn local_text(at: i64) -> String {
    local_datetime(at).strftime("%d.%m.%Y %H:%M").to_string()
}

/// A random one-time value for the form.
fn form_token() -> String {
    let mut b = [0u8; 16];
    getrandom::fill(&mut b).expect("the OS random source");
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// The reception in a sentence for the pages: when and where (never the
/// online link: only a booked person gets it, on the answer page).
pub struct Summary {
    pub id: i64,
    pub when: String,
    pub place: String,
}

pub fn summary(tr: Tr, r: &Reception) -> Summary {
    let place = match r.mode {
        Mode::Online => tr.t("reception-online"),
        _ => r.address.clone(),
    };
    Summary {
        id: r.id,
        when: format!("{} – {}", local_text(r.starts_at), local_datetime(r.ends_at).strftime("%H:%M")),
        place,
    }
}

/// The refusal in the reader's language.
pub fn refusal_text(tr: Tr, why: Refusal) -> String {
    match why {
        Refusal::NotYetOpen { opens_at } => tr.with("reception-refused-not-yet-open", &[("at", local_text(opens_at))]),
        Refusal::Closed { closed_at } => tr.with("reception-refused-closed", &[("at", local_text(closed_at))]),
        other => tr.t(&format!("reception-refused-{}", other.key())),
    }
}

/// A free slot as a link to book it.
pub struct Offer {
    pub href: String,
    pub when: String,
    pub free: i64,
}

pub fn offers(ctx: &Ctx, next: &[FreeSlot]) -> Vec<Offer> {
    next.iter()
        .map(|s| Offer {
            href: ctx.href(&format!("/receptions/{}/book?slot={}", s.reception_id, s.slot_id)),
            when: local_text(s.starts_at),
            free: s.free,
        })
        .collect()
}

/// The booking form, as typed.
#[derive(Debug, Default, Deserialize)]
pub struct BookForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub topic: String,
    #[serde(default)]
    pub priority: String,
    #[serde(default)]
    pub slot: String,
    #[serde(default)]
    pub token: String,
}

#[derive(Template)]
#[template(path = "receptions/book.html")]
struct BookPage {
    page: Page,
    reception: Summary,
    form: BookForm,
    /// (slot id, local time, free seats) of the slots with a free seat.
    slots: Vec<(String, String, i64)>,
    errors: Vec<(String, String)>,
}

impl BookPage {
    fn error(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|(f, _)| f == field).map(|(_, m)| m.as_str())
    }
}

/// What became of a booking: placed, full (with other slots), or refused.
#[derive(Template)]
#[template(path = "receptions/booked.html")]
struct BookedPage {
    page: Page,
    reception: Summary,
    code: String,
    waitlisted: bool,
    slot_when: String,
    online_link: Option<String>,
    manage_href: String,
    /// The same link as a whole address, to copy and keep (a path alone is
    /// of no use outside this site).
    manage_url: String,
    /// The same form was sent again: this is the first sending's booking.
    duplicate: bool,
    /// The QR code to show at the reception (booked only; empty on the
    /// waiting list, who cannot be checked in).
    qr: String,
}

#[derive(Template)]
#[template(path = "receptions/not_booked.html")]
struct NotBookedPage {
    page: Page,
    reception: Summary,
    /// Why, in a sentence (empty when full).
    reason: String,
    next: Vec<Offer>,
}

#[derive(Debug, Deserialize)]
pub struct SlotQuery {
    #[serde(default)]
    slot: String,
}

async fn open_reception(state: &AppState, id: &str) -> AppResult<Reception> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    state.store.reception(id).await?.ok_or(AppError::NotFound)
}

fn refused(ctx: &Ctx, r: &Reception, why: Refusal) -> Response {
    let page = NotBookedPage {
        page: ctx.page("reception-not-booked-title"),
        reception: summary(ctx.tr(), r),
        reason: refusal_text(ctx.tr(), why),
        next: vec![],
    };
    html(ctx.locale, StatusCode::CONFLICT, &page)
}

async fn form_page(
    state: &AppState,
    ctx: &Ctx,
    r: &Reception,
    form: BookForm,
    errors: Vec<(String, String)>,
) -> AppResult<Response> {
    let slots = state
        .store
        .slots(r.id)
        .await?
        .into_iter()
        .filter(|s| s.free() > 0)
        .map(|s| (s.id.to_string(), local_text(s.starts_at), s.free()))
        .collect();
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let title = if errors.is_empty() { "reception-book-title" } else { "reception-book-error-title" };
    let page = BookPage { page: ctx.page(title), reception: summary(ctx.tr(), r), form, slots, errors };
    Ok(html(ctx.locale, status, &page))
}

/// The form; a closed, past or cancelled reception gets a sentence instead.
pub async fn form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((_, id)): Path<(String, String)>,
    axum::extract::Query(q): axum::extract::Query<SlotQuery>,
) -> AppResult<Response> {
    let r = open_reception(&state, &id).await?;
    let window = adaldyq_domain::reception::booking_window(r.starts_at, r.opens_days_before, r.closes_hours_before);
    if let Err(why) = adaldyq_domain::reception::may_book(r.status, r.starts_at, window, now()) {
        return Ok(refused(&ctx, &r, why));
    }
    let form = BookForm { slot: q.slot, token: form_token(), ..BookForm::default() };
    form_page(&state, &ctx, &r, form, vec![]).await
}

/// The message for a booking field's problem.
pub fn message(tr: Tr, e: &FieldError) -> String {
    let key = match (e.field, e.problem) {
        ("name", Problem::TooLong) => "reception-error-name-long",
        ("name", _) => "reception-error-name",
        ("phone", Problem::ContactNeeded) | ("email", Problem::ContactNeeded) => "reception-error-contact",
        ("phone", _) => "reception-error-phone",
        ("email", _) => "reception-error-email",
        ("topic", Problem::TooLong) => "reception-error-topic-long",
        ("topic", _) => "reception-error-topic",
        ("priority", _) => "reception-error-priority",
        _ => "reception-error-slot",
    };
    tr.t(key)
}

const ORDER: [&str; 6] = ["name", "phone", "email", "topic", "priority", "slot"];

pub fn errors_of(tr: Tr, errors: &[FieldError]) -> Vec<(String, String)> {
    let mut list: Vec<(String, String)> = errors.iter().map(|e| (e.field.to_owned(), message(tr, e))).collect();
    list.sort_by_key(|(f, _)| ORDER.iter().position(|o| o == f).unwrap_or(ORDER.len()));
    list.dedup_by(|a, b| a.0 == b.0);
    list
}

pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((_, id)): Path<(String, String)>,
    headers: HeaderMap,
    Form(mut form): Form<BookForm>,
) -> AppResult<Response> {
    let r = open_reception(&state, &id).await?;
    let input = BookingInput {
        name: form.name.clone(),
        phone: form.phone.clone(),
        email: form.email.clone(),
        topic: form.topic.clone(),
        priority: form.priority.clone(),
    };
    let slot_id = match form.slot.trim() {
        "" => Ok(None),
        s => s.parse::<i64>().map(Some).map_err(|_| FieldError { field: "slot", problem: Problem::Unknown }),
    };
    let mut problems = validate_booking(&input).err().unwrap_or_default();
    if let Err(e) = &slot_id {
        problems.push(e.clone());
    }
    if form.token.len() < 16 || form.token.len() > 64 {
        // A form without its one-time value: give it one and ask again.
        form.token = form_token();
    }
    let (Ok(booking), Ok(slot_id)) = (validate_booking(&input), slot_id) else {
        return form_page(&state, &ctx, &r, form, errors_of(ctx.tr(), &problems)).await;
    };
    let key = state.config.secret_key.clone();
    let token = derived_token(&key, r.id, &form.token);
    let new = NewBooking {
        reception_id: r.id,
        slot_id,
        booking,
        manage_token_hash: token_hash(&key, &token),
        idempotency_key: Some(format!("form:{}", form.token)),
        user_id: ctx.auth.principal.as_ref().map(|p| p.user_id),
        language: ctx.locale.segment().to_owned(),
    };
    match state.store.book(&new, now()).await? {
        BookingOutcome::Placed(p) => {
            let online_link = state.store.online_link(&new.manage_token_hash).await?;
            let qr = if p.status == BookingStatus::Booked {
                check_in_qr(&state, &headers, ctx.locale, r.id, &p.code)
            } else {
                String::new()
            };
            let page = BookedPage {
                page: ctx.page(if p.status == BookingStatus::Waitlisted {
                    "reception-waitlisted-title"
                } else {
                    "reception-booked-title"
                }),
                reception: summary(ctx.tr(), &r),
                code: p.code,
                waitlisted: p.status == BookingStatus::Waitlisted,
                slot_when: p.slot_starts_at.map(local_text).unwrap_or_default(),
                online_link,
                manage_href: ctx.href(&format!("/receptions/manage?t={token}")),
                manage_url: format!(
                    "{}{}",
                    super::feeds::site(&state, &headers),
                    ctx.href(&format!("/receptions/manage?t={token}"))
                ),
                duplicate: p.duplicate,
                qr,
            };
            Ok(html(ctx.locale, StatusCode::OK, &page))
        }
        BookingOutcome::Full { next } => {
            let page = NotBookedPage {
                page: ctx.page("reception-full-title"),
                reception: summary(ctx.tr(), &r),
                reason: String::new(),
                next: offers(&ctx, &next),
            };
            Ok(html(ctx.locale, StatusCode::CONFLICT, &page))
        }
        BookingOutcome::Refused(Refusal::AlreadyBooked) => {
            let errors = vec![("phone".to_owned(), refusal_text(ctx.tr(), Refusal::AlreadyBooked))];
            let mut page = form_page(&state, &ctx, &r, form, errors).await?;
            *page.status_mut() = StatusCode::CONFLICT;
            Ok(page)
        }
        BookingOutcome::Refused(Refusal::NoSuchSlot) => {
            let errors = vec![("slot".to_owned(), refusal_text(ctx.tr(), Refusal::NoSuchSlot))];
            form_page(&state, &ctx, &r, form, errors).await
        }
        BookingOutcome::Refused(why) => Ok(refused(&ctx, &r, why)),
    }
}
