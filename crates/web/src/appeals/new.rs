//! `GET/POST /{lang}/appeals/new`: the filing form. It works without
//! JavaScript, keeps everything typed when something is wrong, and shows the
//! receipt once on success.

use super::{explain, file, files, problem_text, Filed};
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::pages::Ctx;
use crate::render::{html, Page};
use crate::state::AppState;
use adaldyq_domain::appeal::{validate, AppealInput, AppealKind, FieldError};
use adaldyq_domain::attachment::clean_name;
use adaldyq_domain::territory::TerritoryKind;
use adaldyq_domain::{Locale, Role};
use adaldyq_store::{Institution, TerritoryRecord};
use askama::Template;
use axum::extract::State;
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::IntoResponse;
use axum::response::Response;
use axum::Form;

/// A group of the territory select: a district and its rural districts.
pub struct TerritoryGroup {
    pub label: String,
    pub options: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "appeals/new.html")]
struct NewPage {
    page: Page,
    kinds: Vec<(&'static str, String)>,
    categories: Vec<TerritoryGroup>,
    territories: Vec<TerritoryGroup>,
    institutions: Vec<TerritoryGroup>,
    input: AppealInput,
    /// The chosen category, as the select's value.
    category: String,
    institution: String,
    want_secret: bool,
    token: String,
    errors: Vec<(String, String)>,
    /// The institution search typed, and what it found.
    search: String,
    found: Option<String>,
}

#[derive(Template)]
#[template(path = "appeals/receipt.html")]
pub struct ReceiptPage {
    pub page: Page,
    pub number: String,
    pub secret: Option<String>,
    pub registered: String,
    pub due: String,
    pub explanation: String,
    pub body: String,
    pub duplicate: bool,
    pub qr: String,
    /// The absolute address in the QR code, also written out for typing.
    pub track_url: String,
    /// Names of the files recorded with the appeal.
    pub files: Vec<String>,
    /// The "filed" event's entry in the transparency log.
    pub log_index: Option<i64>,
}

/// A territory's name for the reader: the classifier gives Kazakh and
/// Russian; English readers get the Kazakh name in Latin letters.
pub fn name(locale: Locale, kk: &str, ru: &str) -> String {
    match locale {
        Locale::Ru => ru.to_owned(),
        Locale::En => adaldyq_domain::translit::to_latin(kk),
        _ => kk.to_owned(),
    }
}

/// Districts and cities with the units below them, for the territory select.
pub fn territory_groups(locale: Locale, all: &[TerritoryRecord]) -> Vec<TerritoryGroup> {
    all.iter()
        .filter(|t| t.level == 2 && t.routable)
        .map(|d| TerritoryGroup {
            label: name(locale, &d.name_kk, &d.name_ru),
            options: std::iter::once((d.code.clone(), name(locale, &d.name_kk, &d.name_ru)))
                .chain(
                    all.iter()
                        .filter(|t| {
                            t.parent_code.as_deref() == Some(&d.code)
                                && t.routable
                                && t.kind != TerritoryKind::Settlement
                        })
                        .map(|t| (t.code.clone(), name(locale, &t.name_kk, &t.name_ru))),
                )
                .collect(),
        })
        .collect()
}

pub fn institution_groups(
    locale: Locale,
    all: &[TerritoryRecord],
    institutions: &[Institution],
) -> Vec<TerritoryGroup> {
    all.iter()
        .filter(|t| t.level == 2 && t.routable)
        .map(|d| TerritoryGroup {
            label: name(locale, &d.name_kk, &d.name_ru),
            options: institutions
                .iter()
                .filter(|i| all.iter().any(|t| t.code == i.territory_code && t.path.get(1) == Some(&d.code)))
                .map(|i| {
                    let label = match locale {
                        Locale::Ru => i.name_ru.clone(),
                        Locale::En => i.name_en.clone(),
                        _ => i.name_kk.clone(),
                    };
                    (i.id.to_string(), label)
                })
                .collect(),
        })
        .filter(|g| !g.options.is_empty())
        .collect()
}

fn new_token() -> String {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).expect("the OS random source");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What the filer typed, given back with the form so that nothing is lost.
struct Typed {
    input: AppealInput,
    institution: String,
    want_secret: bool,
    token: String,
}

async fn form_page(
    state: &AppState,
    ctx: &Ctx,
    typed: Typed,
    errors: Vec<(String, String)>,
    search: &str,
) -> AppResult<Response> {
    let Typed { input, institution, want_secret, token } = typed;
    let tr = ctx.tr();
    let all = state.territories().await?;
    let mut institutions = state.store.institutions(None).await?;
    // The search that works without JavaScript: the form is sent with the
    // "find" button and comes back with the matching bodies only.
    let needle = search.trim().to_lowercase();
    if !needle.is_empty() {
        institutions.retain(|i| {
            [&i.name_kk, &i.name_ru, &i.name_en].iter().any(|n| n.to_lowercase().contains(&needle))
                || adaldyq_domain::translit::to_latin(&i.name_kk).to_lowercase().contains(&needle)
        });
    }
    let kinds =
        AppealKind::ALL.iter().map(|k| (k.as_str(), tr.t(&format!("kind-{}", k.as_str().replace('_', "-"))))).collect();
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let all_categories = state.store.categories().await?;
    let categories = AppealKind::ALL
        .iter()
        .map(|k| TerritoryGroup {
            label: tr.t(&format!("kind-{}", k.as_str().replace('_', "-"))),
            options: all_categories
                .iter()
                .filter(|c| c.active && c.kind == *k)
                .map(|c| {
                    let label = match ctx.locale {
                        Locale::Ru => c.name_ru.clone(),
                        Locale::En => c.name_en.clone(),
                        _ => c.name_kk.clone(),
                    };
                    (c.id.to_string(), label)
                })
                .collect(),
        })
        .filter(|g| !g.options.is_empty())
        .collect();
    let found = (!needle.is_empty()).then(|| tr.count("institution-found", institutions.len() as i64));
    let page = NewPage {
        search: search.to_owned(),
        found,
        page: ctx.page("appeal-new-title"),
        kinds,
        categories,
        territories: territory_groups(ctx.locale, &all),
        institutions: institution_groups(ctx.locale, &all, &institutions),
        category: input.category.map(|c| c.to_string()).unwrap_or_default(),
        input,
        institution,
        want_secret,
        token,
        errors,
    };
    Ok(html(ctx.locale, status, &page))
}

pub async fn form(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let language = ctx.locale.catalogue().to_owned();
    let input = AppealInput { language, ..Default::default() };
    let typed = Typed { input, institution: String::new(), want_secret: false, token: new_token() };
    form_page(&state, &ctx, typed, vec![], "").await
}

fn field<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).unwrap_or("")
}

pub fn errors_text(tr: Tr, errors: &[FieldError]) -> Vec<(String, String)> {
    errors.iter().map(|e| (e.field.to_owned(), problem_text(tr, e))).collect()
}

/// A file the filer chose: its name and content.
pub(crate) struct Upload {
    pub(crate) name: String,
    pub(crate) bytes: axum::body::Bytes,
}

/// Reads the form, with its files when it was sent as multipart (a form
/// with no file input works as plain url-encoded too).
pub(crate) async fn read_form(
    state: &AppState,
    req: Request,
) -> Result<(Vec<(String, String)>, Vec<Upload>), StatusCode> {
    let multipart = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    if !multipart {
        let Form(pairs) =
            Form::<Vec<(String, String)>>::from_request(req, state).await.map_err(|e| e.into_response().status())?;
        return Ok((pairs, vec![]));
    }
    let mut form = Multipart::from_request(req, state).await.map_err(|e| e.into_response().status())?;
    let (mut pairs, mut uploads) = (Vec::new(), Vec::new());
    while let Some(field) = form.next_field().await.map_err(|e| e.status())? {
        let name = field.name().unwrap_or("").to_owned();
        match field.file_name().map(str::to_owned) {
            Some(file_name) => {
                let bytes = field.bytes().await.map_err(|e| e.status())?;
                // A file input left empty still sends a part with no name.
                if !(file_name.is_empty() && bytes.is_empty()) {
                    uploads.push(Upload { name: clean_name(&file_name), bytes });
                }
            }
            None => pairs.push((name, field.text().await.map_err(|e| e.status())?)),
        }
    }
    Ok((pairs, uploads))
}

pub async fn submit(State(state): State<AppState>, ctx: Ctx, req: Request) -> AppResult<Response> {
    let tr = ctx.tr();
    let host = req.headers().get(header::HOST).and_then(|h| h.to_str().ok()).map(str::to_owned);
    let (pairs, uploads) = match read_form(&state, req).await {
        Ok(f) => f,
        Err(status) => return Err(AppError::Status(status)),
    };
    let institution = field(&pairs, "institution").to_owned();
    let input = AppealInput {
        kind: field(&pairs, "kind").to_owned(),
        category: field(&pairs, "category").parse().ok(),
        territory: field(&pairs, "territory").to_owned(),
        institution: institution.parse().ok(),
        subject: field(&pairs, "subject").to_owned(),
        text: field(&pairs, "text").to_owned(),
        language: field(&pairs, "language").to_owned(),
        anonymous: field(&pairs, "anonymous") == "yes",
        name: field(&pairs, "name").to_owned(),
        email: field(&pairs, "email").to_owned(),
        phone: field(&pairs, "phone").to_owned(),
        iin: field(&pairs, "iin").to_owned(),
    };
    let want_secret = field(&pairs, "want_secret") == "yes";
    let token = Some(field(&pairs, "token").to_owned()).filter(|t| !t.is_empty() && t.len() <= 64);
    let form_token = token.clone().unwrap_or_else(new_token);
    // Enter pressed in the search field (the form's first, hidden button):
    // the filer meant to search, not to send without a body chosen.
    let searching_by_enter = field(&pairs, "implicit") == "1"
        && !field(&pairs, "institution_q").trim().is_empty()
        && field(&pairs, "institution").is_empty();
    if field(&pairs, "find_institution") == "1" || searching_by_enter {
        let keep = if uploads.is_empty() { vec![] } else { vec![("files".to_owned(), tr.t("files-again"))] };
        let q = field(&pairs, "institution_q").to_owned();
        let typed = Typed { input, institution, want_secret, token: form_token };
        return form_page(&state, &ctx, typed, keep, &q).await;
    }
    let limits = state.config.attachments;
    // Checked and cleaned of hidden data, but not written until the form is valid.
    let (clean, mut errors) = match files::prepare(tr, &uploads, &limits).await {
        Ok(clean) => (clean, vec![]),
        Err(errors) => (vec![], errors),
    };
    let valid = match validate(&input) {
        Ok(v) if errors.is_empty() => Some(v),
        Ok(_) => None,
        Err(e) => {
            errors.splice(0..0, errors_text(tr, &e));
            None
        }
    };
    let again = |mut errors: Vec<(String, String)>| {
        // Files are not kept until the appeal is sent: ask for them plainly.
        if !uploads.is_empty() {
            errors.push(("files".to_owned(), tr.t("files-again")));
        }
        errors
    };
    let Some(valid) = valid else {
        let typed = Typed { input, institution, want_secret, token: form_token };
        return form_page(&state, &ctx, typed, again(errors), "").await;
    };
    let actor = ctx.auth.principal.as_ref().map(|p| (Role::Citizen, Some(p.user_id))).unwrap_or((Role::Citizen, None));
    // An anonymous filer is never linked to an account.
    let actor = if valid.contact.is_none() { (Role::Citizen, None) } else { actor };
    let stored = files::store(&state.config.data_dir, &clean).await?;
    let filed = file(&state, valid, want_secret, token.clone(), actor, stored.attachments.clone()).await;
    // Refused after all, or the same form sent twice: what this request
    // wrote is referenced by nothing, and goes.
    if !matches!(&filed, Ok(Ok(f)) if !f.duplicate) {
        files::forget(&state, &stored).await;
    }
    match filed.map_err(|e| AppError::Internal(e.to_string()))? {
        Err(errors) => {
            let errors = again(errors_text(tr, &errors));
            let typed = Typed { input, institution, want_secret, token: form_token };
            form_page(&state, &ctx, typed, errors, "").await
        }
        Ok(filed) => Ok(receipt_response(&ctx, &filed, &state, host.as_deref()).await?),
    }
}

/// The receipt, shown once: never cached, never stored with its secret.
pub async fn receipt_response(ctx: &Ctx, filed: &Filed, state: &AppState, host: Option<&str>) -> AppResult<Response> {
    let tr = ctx.tr();
    let appeal = state.store.appeal_by_number(&filed.number).await?.ok_or(AppError::NotFound)?;
    let body = match appeal.institution_id {
        Some(id) => state.store.institution(id).await?.map(|i| match ctx.locale {
            Locale::Ru => i.name_ru,
            Locale::En => i.name_en,
            _ => i.name_kk,
        }),
        None => None,
    };
    let body = match body {
        Some(b) => b,
        None => state
            .store
            .territory(&appeal.territory_code)
            .await?
            .map(|t| name(ctx.locale, &t.name_kk, &t.name_ru))
            .unwrap_or_default(),
    };
    let track = super::receipt::tracking_url(&state.config.public_url, host, &ctx.href("/track"), &filed.number);
    let page = ReceiptPage {
        page: ctx.page("receipt-title"),
        number: filed.number.clone(),
        secret: filed.secret.clone(),
        registered: super::date_text(filed.due.registered),
        due: super::date_text(filed.due.due),
        explanation: explain(tr, &filed.due),
        body,
        duplicate: filed.duplicate,
        qr: crate::auth::totp::qr_svg(&track).unwrap_or_default(),
        track_url: track,
        files: state.store.attachments(appeal.id).await?.into_iter().map(|a| a.name).collect(),
        log_index: state
            .store
            .appeal_events(appeal.id)
            .await?
            .iter()
            .find(|e| e.kind == adaldyq_domain::appeal::EventKind::Filed)
            .and_then(|e| e.leaf_index),
    };
    let status = if filed.duplicate { StatusCode::OK } else { StatusCode::CREATED };
    let mut r = html(ctx.locale, status, &page);
    r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(r)
}
