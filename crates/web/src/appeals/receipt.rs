//! `POST /{lang}/appeals/receipt`: the receipt as a text file to keep. It
//! needs the secret, like tracking, so a number alone reveals nothing.
//! `GET` of the same address (a reload, a bookmark) says that the secret was
//! shown once, where the number is, and what to do if the secret is lost.

use super::{date_text, due_of, explain, find_with_secret};
use crate::error::{AppError, AppResult};
use crate::pages::Ctx;
use crate::render::{html, Page};
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Form;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "appeals/receipt_once.html")]
struct OncePage {
    page: Page,
}

pub async fn once(ctx: Ctx) -> Response {
    html(ctx.locale, StatusCode::OK, &OncePage { page: ctx.page("receipt-once-title") })
}

/// The address the receipt's QR code holds: absolute, so that a phone's camera
/// can open it. The configured public URL comes first; without one, the host
/// the request was sent to. `path` is the site-relative tracking page.
pub fn tracking_url(public_url: &str, host: Option<&str>, path: &str, number: &str) -> String {
    let site = match public_url.trim_end_matches('/') {
        "" => format!("http://{}", host.unwrap_or("localhost")),
        site => site.to_owned(),
    };
    format!("{site}{path}?number={number}")
}

#[derive(Deserialize)]
pub struct ReceiptInput {
    #[serde(default)]
    number: String,
    #[serde(default)]
    secret: String,
}

pub async fn download(State(state): State<AppState>, ctx: Ctx, Form(f): Form<ReceiptInput>) -> AppResult<Response> {
    let tr = ctx.tr();
    let Some(appeal) =
        find_with_secret(&state, &f.number, &f.secret).await.map_err(|e| AppError::Internal(e.to_string()))?
    else {
        return Ok(StatusCode::NOT_FOUND.into_response());
    };
    let due = due_of(&state, &appeal).ok_or_else(|| AppError::Internal("an appeal without dates".into()))?;
    let mut text = String::new();
    text.push_str(&format!("{}\n\n", tr.t("receipt-title")));
    text.push_str(&format!("{}: {}\n", tr.t("receipt-number"), appeal.number));
    text.push_str(&format!("{}: {}\n", tr.t("receipt-secret"), f.secret.trim()));
    text.push_str(&format!("{}: {}\n", tr.t("receipt-registered"), date_text(due.registered)));
    text.push_str(&format!("{}: {}\n", tr.t("receipt-due"), date_text(due.due)));
    text.push_str(&format!("{}\n\n{}\n", explain(tr, &due), tr.t("receipt-keep-secret")));
    // The transparency-log proof, for `adaldyq receipt verify` (and anyone
    // with the RFC 9162 algorithms): JSON between two marker lines.
    let events = state.store.appeal_events(appeal.id).await?;
    let proof =
        crate::appeals::proof::of_events(&state, &events).await.map_err(|e| AppError::Internal(e.to_string()))?;
    if let Some(p) = proof {
        use crate::appeals::proof::{BEGIN, END};
        match &p {
            crate::appeals::proof::Proof::Pending { index } => {
                text.push_str(&format!("\n{}: {index}\n{}\n", tr.t("log-entry"), tr.t("log-pending")))
            }
            crate::appeals::proof::Proof::Ready { index, .. } => {
                text.push_str(&format!("\n{}: {index}\n", tr.t("log-entry")))
            }
        }
        let json = p.json(&appeal.number, state.config.log_key.verifier_key());
        text.push_str(&format!("{BEGIN}\n{json}\n{END}\n"));
    }
    let mut r = text.into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"receipt-{}.txt\"", appeal.number)) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(r)
}
