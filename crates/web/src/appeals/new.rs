//! `GET/POST /{lang}/appeals/new`: the filing form, GOV.UK-style: "with
//! your name or anonymously?" and the kind first, then the rest, then "check
//! your answers" (where files are chosen, so they travel only with the
//! sending and nothing of an abandoned form is kept), then the receipt, shown
//! once. Without JavaScript, without a cookie: the answers ride from page to
//! page in hidden fields, and nothing typed is lost on an error.

use super::answers::{self, Answers, Errors, CONTACT};
use super::{check_references, explain, file, files, place, Filed};
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::middleware::ratelimit::{too_many, RateClass};
use crate::pages::Ctx;
use crate::render::{html, Page};
use crate::state::AppState;
use adaldyq_domain::appeal::{validate, AppealKind, FieldError, ValidAppeal};
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
    /// A named appeal of a signed-in citizen: it is in "my appeals" too.
    pub in_my_appeals: bool,
    /// How the filer is told of each step, in sentences: by e-mail or SMS
    /// where they gave an address and this server sends on that channel;
    /// empty when nothing is sent.
    pub told_by: Vec<String>,
    /// Printed by staff for the person (a question taken as an appeal at a
    /// reception): the way back to the staff page it came from.
    pub back: Option<String>,
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

/// A kind of appeal to choose, with a line on what it is for.
pub struct KindChoice {
    pub value: &'static str,
    pub label: String,
    pub hint: String,
}

/// Question page 1: with a name or anonymously, and the kind of appeal.
#[derive(Template)]
#[template(path = "appeals/new.html")]
struct WhoPage {
    page: Page,
    action: String,
    hidden: Vec<(&'static str, String)>,
    a: Answers,
    errors: Errors,
    kinds: Vec<KindChoice>,
    form_js: &'static str,
}

/// Question page 2: where, to whom, what, and (named) the contact.
#[derive(Template)]
#[template(path = "appeals/new_details.html")]
struct DetailsPage {
    page: Page,
    action: String,
    hidden: Vec<(&'static str, String)>,
    a: Answers,
    errors: Errors,
    form_js: &'static str,
    /// "Complaint, with your name": the first page's answers.
    chosen: String,
    categories: Vec<(String, String)>,
    territories: Vec<TerritoryGroup>,
    institutions: Vec<TerritoryGroup>,
    /// What the place search found, said in a sentence.
    found: Option<String>,
    /// Files came with a refused sending: they were not kept.
    files_again: bool,
}

/// One answer on "check your answers", and where to change it.
pub struct Row {
    pub label: String,
    pub value: String,
    /// The page that asks it (`who` or `details`) and the field's id.
    pub page: &'static str,
    pub field: &'static str,
}

/// "Check your answers": every answer with a way back to change it, the
/// files (asked here, so they travel only with the sending), and Send.
#[derive(Template)]
#[template(path = "appeals/new_check.html")]
struct CheckPage {
    page: Page,
    /// The form's address; a signed-in filer's CSRF token rides in it,
    /// as the file upload's body is multipart.
    action: String,
    hidden: Vec<(&'static str, String)>,
    errors: Errors,
    form_js: &'static str,
    rows: Vec<Row>,
}

fn action(ctx: &Ctx) -> String {
    ctx.href("/appeals/new")
}

fn kind_label(tr: Tr, kind: &str) -> String {
    tr.t(&format!("kind-{}", kind.replace('_', "-")))
}

fn status(errors: &Errors) -> StatusCode {
    if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
}

fn title(ctx: &Ctx, key: &str) -> Page {
    ctx.page(key)
}

fn who_page(ctx: &Ctx, a: Answers, errors: Errors) -> Response {
    let tr = ctx.tr();
    let kinds = AppealKind::ALL
        .iter()
        .map(|k| {
            let slug = k.as_str().replace('_', "-");
            KindChoice {
                value: k.as_str(),
                label: tr.t(&format!("kind-{slug}")),
                hint: tr.t(&format!("filing-kind-hint-{slug}")),
            }
        })
        .collect();
    let page = WhoPage {
        page: title(ctx, "appeal-new-title"),
        action: action(ctx),
        hidden: a.hidden(&["anonymous", "kind"]),
        a,
        errors,
        kinds,
        form_js: crate::assets::FORM_JS_PATH.as_str(),
    };
    html(ctx.locale, status(&page.errors), &page)
}

async fn details_page(
    state: &AppState,
    ctx: &Ctx,
    mut a: Answers,
    errors: Errors,
    search: bool,
    files_again: bool,
) -> AppResult<Response> {
    let tr = ctx.tr();
    let all = state.territories().await?;
    let institutions = state.store.institutions(None).await?;
    let kind = AppealKind::parse(&a.kind);
    let categories = state
        .store
        .categories()
        .await?
        .into_iter()
        .filter(|c| c.active && Some(c.kind) == kind)
        .map(|c| {
            let label = match ctx.locale {
                Locale::Ru => c.name_ru,
                Locale::En => c.name_en,
                _ => c.name_kk,
            };
            (c.id.to_string(), label)
        })
        .collect();
    let mut territories = place::territory_groups(ctx.locale, &all);
    let mut shown: Vec<&Institution> = institutions.iter().collect();
    let mut found = None;
    if search && !a.place.trim().is_empty() {
        let hits = place::search(ctx.locale, &a.place, &all, &institutions);
        if hits.places.is_empty() && hits.by_name.is_empty() {
            found = Some(tr.with("filing-place-none", &[("query", a.place.trim().to_owned())]));
        } else {
            let mut said = tr.count("filing-place-found", hits.places.len() as i64);
            if !hits.by_name.is_empty() {
                said = format!("{said} {}", tr.count("filing-body-found", hits.by_name.len() as i64));
            }
            found = Some(said);
            if !hits.places.is_empty() {
                if hits.places.len() == 1 {
                    a.territory = hits.places[0].0.clone();
                } else if !hits.places.iter().any(|(c, _)| *c == a.territory) {
                    a.territory.clear();
                }
                territories = vec![TerritoryGroup { label: tr.t("filing-place-matches"), options: hits.places }];
            }
            // A body found by its name is chosen when it is the only one;
            // bodies found as serving a place are offered, and routing
            // picks one when the filer leaves it.
            if hits.by_name.len() == 1 {
                a.institution = hits.by_name[0].to_string();
            }
            let ids = if hits.by_name.is_empty() { hits.serving } else { hits.by_name };
            if !ids.is_empty() {
                shown.retain(|i| ids.contains(&i.id) || i.id.to_string() == a.institution);
            }
        }
    }
    let chosen = format!(
        "{} — {}",
        kind_label(tr, &a.kind),
        tr.t(if a.is_anonymous() { "filing-anonymous" } else { "filing-named" })
    );
    let mut shown_fields = vec!["category", "territory", "institution", "subject", "text", "language", "place"];
    if a.is_named() {
        shown_fields.extend(CONTACT);
    }
    let page = DetailsPage {
        page: title(ctx, "filing-details-title"),
        action: action(ctx),
        hidden: a.hidden(&shown_fields),
        errors,
        form_js: crate::assets::FORM_JS_PATH.as_str(),
        chosen,
        categories,
        territories,
        institutions: place::institution_groups(ctx.locale, &all, &shown),
        found,
        files_again,
        a,
    };
    Ok(html(ctx.locale, status(&page.errors), &page))
}

async fn check_page(state: &AppState, ctx: &Ctx, a: Answers, errors: Errors) -> AppResult<Response> {
    let tr = ctx.tr();
    let none = || tr.t("filing-check-none");
    let territory = match state.store.territory(&a.territory).await? {
        Some(t) => place::place_name(ctx.locale, &t),
        None => none(),
    };
    let institution = match a.institution.parse::<i64>().ok() {
        Some(id) => state.store.institution(id).await?.map(|i| place::institution_name(ctx.locale, &i)),
        None => None,
    }
    .unwrap_or_else(|| tr.t("appeal-institution-unknown"));
    let category = match a.category.parse::<i64>().ok() {
        Some(id) => state.store.category(id).await?.map(|c| match ctx.locale {
            Locale::Ru => c.name_ru,
            Locale::En => c.name_en,
            _ => c.name_kk,
        }),
        None => None,
    };
    let language = match a.language.as_str() {
        "kk" => "Қазақша",
        "ru" => "Русский",
        _ => "English",
    };
    let row = |key: &str, value: String, page: &'static str, field: &'static str| Row {
        label: tr.t(key),
        value: if value.trim().is_empty() { none() } else { value },
        page,
        field,
    };
    let mut rows = vec![
        row("filing-who", tr.t(if a.is_anonymous() { "filing-anonymous" } else { "filing-named" }), "who", "anonymous"),
        row("field-kind", kind_label(tr, &a.kind), "who", "kind"),
    ];
    if let Some(c) = category {
        rows.push(row("field-category", c, "details", "category"));
    }
    rows.extend([
        row("filing-place-label", territory, "details", "territory"),
        row("filing-body-label", institution, "details", "institution"),
        row("field-subject", a.subject.clone(), "details", "subject"),
        row("field-text", a.text.clone(), "details", "text"),
        row("field-language", language.to_owned(), "details", "language"),
    ]);
    if a.is_named() {
        rows.extend([
            row("field-name", a.name.clone(), "details", "name"),
            row("field-email", a.email.clone(), "details", "email"),
            row("field-phone", a.phone.clone(), "details", "phone"),
            row("filing-iin-label", a.iin.clone(), "details", "iin"),
        ]);
    }
    // The check page sends exactly what it shows: an anonymous filing
    // carries no contact fields any more.
    let mut hidden = a.hidden(&["place"]);
    if a.is_anonymous() {
        hidden.retain(|(f, _)| !CONTACT.contains(f));
    }
    let action = if ctx.csrf.is_empty() { action(ctx) } else { format!("{}?csrf={}", action(ctx), ctx.csrf) };
    let page = CheckPage {
        page: title(ctx, "filing-check-title"),
        action,
        hidden,
        errors,
        form_js: crate::assets::FORM_JS_PATH.as_str(),
        rows,
    };
    Ok(html(ctx.locale, status(&page.errors), &page))
}

pub async fn form(ctx: Ctx) -> AppResult<Response> {
    let a = Answers { language: ctx.locale.catalogue().to_owned(), token: new_token(), ..Default::default() };
    Ok(who_page(&ctx, a, Errors::default()))
}

fn field<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).unwrap_or("")
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

/// The page that asks the fields in error: the first question page when a
/// choice there is missing, else the second.
/// Files sent with it were not kept; the page says so.
async fn refused(
    state: &AppState,
    ctx: &Ctx,
    a: Answers,
    errors: &[FieldError],
    files_again: bool,
) -> AppResult<Response> {
    let tr = ctx.tr();
    let first: Vec<FieldError> = errors.iter().filter(|e| answers::on_first_step(e.field)).cloned().collect();
    if first.is_empty() {
        details_page(state, ctx, a, Errors::new(tr, errors), false, files_again).await
    } else {
        Ok(who_page(ctx, a, Errors::new(tr, &first)))
    }
}

/// Checks every answer, and what they point at (place, body, category).
async fn check_all(state: &AppState, a: &Answers, steps: bool) -> AppResult<Result<ValidAppeal, Vec<FieldError>>> {
    let mut errors = if steps { a.first_step_errors() } else { vec![] };
    let valid = match validate(&a.input()) {
        Ok(v) => Some(v),
        Err(e) => {
            errors.extend(e.into_iter().filter(|e| !(steps && answers::on_first_step(e.field))));
            None
        }
    };
    if let (Some(v), true) = (&valid, errors.is_empty()) {
        if let Err(e) = check_references(state, v).await.map_err(|e| AppError::Internal(e.to_string()))? {
            errors.extend(e);
        }
    }
    Ok(match valid {
        Some(v) if errors.is_empty() => Ok(v),
        _ => Err(errors),
    })
}

/// Every page of the form posts here; the button pressed (`go`) says where
/// to: `details` (from the first question page, or to change an answer),
/// `who`, `find` / `clear` (the place search), `check`, `send`. A post
/// without `go` (a scripted client, or a form from before the question
/// pages) is checked whole and sent, as before.
pub async fn submit(State(state): State<AppState>, ctx: Ctx, req: Request) -> AppResult<Response> {
    let tr = ctx.tr();
    let host = req.headers().get(header::HOST).and_then(|h| h.to_str().ok()).map(str::to_owned);
    let client = state.limits.client_key(&req);
    let (pairs, uploads) = match read_form(&state, req).await {
        Ok(f) => f,
        Err(status) => return Err(AppError::Status(status)),
    };
    let mut a = Answers::from_pairs(&pairs);
    let client_token = Some(a.token.clone()).filter(|t| !t.is_empty() && t.len() <= 64);
    if client_token.is_none() {
        a.token = new_token();
    }
    let mut go = field(&pairs, "go");
    // Enter in a field of the second page: a search typed and no place
    // chosen means "find", else "continue".
    if go == "enter" {
        go = if !a.place.trim().is_empty() && a.territory.is_empty() { "find" } else { "check" };
    }
    match go {
        "who" => return Ok(who_page(&ctx, a, Errors::default())),
        "details" => {
            let errors = a.first_step_errors();
            return if errors.is_empty() {
                details_page(&state, &ctx, a, Errors::default(), false, false).await
            } else {
                Ok(who_page(&ctx, a, Errors::new(tr, &errors)))
            };
        }
        "find" => return details_page(&state, &ctx, a, Errors::default(), true, false).await,
        "clear" => {
            a.place.clear();
            return details_page(&state, &ctx, a, Errors::default(), false, false).await;
        }
        "check" => {
            return match check_all(&state, &a, true).await? {
                Ok(_) => check_page(&state, &ctx, a, Errors::default()).await,
                Err(errors) => refused(&state, &ctx, a, &errors, false).await,
            };
        }
        _ => {}
    }
    // Only sending counts against the address's filing allowance: the
    // question pages, the place search and "check your answers" file
    // nothing, and a shared terminal (a "Service open akimat" centre) would
    // spend it on them.
    if let Err(wait) = state.limits.check_key(RateClass::Filing, &client) {
        return Ok(too_many(wait));
    }
    let steps = go == "send";
    let valid = match check_all(&state, &a, steps).await? {
        Ok(v) => v,
        Err(errors) => return refused(&state, &ctx, a, &errors, !uploads.is_empty()).await,
    };
    let limits = state.config.attachments;
    // Checked and cleaned of hidden data, but not written until the appeal is.
    let clean = match files::prepare(tr, &uploads, &limits).await {
        Ok(clean) => clean,
        Err(list) => {
            let mut errors = Errors(list);
            errors.push("files", tr.t("files-again"));
            return check_page(&state, &ctx, a, errors).await;
        }
    };
    let actor = ctx.auth.principal.as_ref().map(|p| (Role::Citizen, Some(p.user_id))).unwrap_or((Role::Citizen, None));
    // An anonymous filer is never linked to an account.
    let actor = if valid.contact.is_none() { (Role::Citizen, None) } else { actor };
    let stored = files::store(&state.config.data_dir, &clean).await?;
    let filed = file(&state, valid, client_token, actor, stored.attachments.clone(), Default::default()).await;
    // Refused after all, or the same form sent twice: what this request
    // wrote is referenced by nothing, and goes.
    if !matches!(&filed, Ok(Ok(f)) if !f.duplicate) {
        files::forget(&state, &stored).await;
    }
    match filed.map_err(|e| AppError::Internal(e.to_string()))? {
        Err(errors) => refused(&state, &ctx, a, &errors, !uploads.is_empty()).await,
        Ok(filed) => Ok(receipt_response(&ctx, &filed, &state, host.as_deref()).await?),
    }
}

/// The receipt, shown once: never cached, never stored with its secret.
pub async fn receipt_response(ctx: &Ctx, filed: &Filed, state: &AppState, host: Option<&str>) -> AppResult<Response> {
    receipt_for(ctx, filed, state, host, None).await
}

/// The receipt; with `back` (a staff page's address) it is printed by
/// staff for the person, so it is not "in my appeals" of the reader.
pub async fn receipt_for(
    ctx: &Ctx,
    filed: &Filed,
    state: &AppState,
    host: Option<&str>,
    back: Option<String>,
) -> AppResult<Response> {
    let tr = ctx.tr();
    let appeal = state.store.appeal_by_number(&filed.number).await?.ok_or(AppError::NotFound)?;
    let body = match appeal.institution_id {
        Some(id) => state.store.institution(id).await?.map(|i| place::institution_name(ctx.locale, &i)),
        None => None,
    };
    let body = match body {
        Some(b) => b,
        None => state
            .store
            .territory(&appeal.territory_code)
            .await?
            .map(|t| place::place_name(ctx.locale, &t))
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
        in_my_appeals: back.is_none() && ctx.auth.principal.is_some() && !appeal.anonymous,
        told_by: told_by(ctx, state, &appeal).await?,
        log_index: state
            .store
            .appeal_events(appeal.id)
            .await?
            .iter()
            .find(|e| e.kind == adaldyq_domain::appeal::EventKind::Filed)
            .and_then(|e| e.leaf_index),
        back,
    };
    let status = if filed.duplicate { StatusCode::OK } else { StatusCode::CREATED };
    let mut r = html(ctx.locale, status, &page);
    r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(r)
}

/// The receipt's promise of messages, true for this filer on this server:
/// one sentence per channel the server sends on and the filer gave an
/// address for. An anonymous filer is never written to.
async fn told_by(ctx: &Ctx, state: &AppState, appeal: &adaldyq_store::Appeal) -> AppResult<Vec<String>> {
    use adaldyq_store::Channel;
    if appeal.anonymous {
        return Ok(vec![]);
    }
    let Some(contact) = state.store.appeal_contact(appeal.id).await? else { return Ok(vec![]) };
    let channels = state.config.notices.channels();
    let given = |v: &Option<String>| v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned);
    let mut out = Vec::new();
    if let (true, Some(email)) = (channels.contains(&Channel::Email), given(&contact.email)) {
        out.push(ctx.tr().with("receipt-how-email", &[("email", email)]));
    }
    if let (true, Some(phone)) = (channels.contains(&Channel::Sms), given(&contact.phone)) {
        out.push(ctx.tr().with("receipt-how-sms", &[("phone", phone)]));
    }
    Ok(out)
}
