//! The feeds as HTTP answers: `GET /{lang}/receptions/territory/{code}.ics`
//! (the territory and everything under it), `GET
//! /{lang}/receptions/hosts/{id}.ics` and `GET /{lang}/receptions/feed.atom`
//! (the newest scheduled first). A feed is in the language of its address;
//! a calendar keeps the last quarter's receptions and every coming one, so a
//! subscriber sees a cancellation rather than a reception that vanished.

use super::public::{script, Names};
use super::view::PublicReception;
use super::{atom, ical};
use crate::error::{AppError, AppResult};
use crate::pages::Ctx;
use crate::state::{now, AppState};
use adaldyq_domain::territory::is_kato_code;
use adaldyq_store::{ReceptionFilter, ReceptionOrder};
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};

/// How far back a calendar feed reaches.
pub const CALENDAR_PAST_DAYS: i64 = 92;
/// The most receptions one feed holds.
pub const FEED_MAX: i64 = 1000;
/// How many new receptions the Atom feed lists.
pub const ATOM_ENTRIES: i64 = 50;
/// Calendar programs poll; five minutes of caching spares the server and
/// still brings a cancellation the same hour.
const CACHE: &str = "public, max-age=300";

/// The site's address for absolute links and ids: the configured public
/// address, else the Host the request came to.
pub fn site(state: &AppState, headers: &HeaderMap) -> String {
    match state.config.public_url.trim_end_matches('/') {
        "" => {
            let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("localhost");
            format!("http://{host}")
        }
        s => s.to_owned(),
    }
}

fn answer(mime: &'static str, body: String) -> Response {
    let mut r = body.into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(CACHE));
    r
}

/// `{stem}.{ext}` → `stem`, or 404.
fn stem<'a>(file: &'a str, ext: &str) -> AppResult<&'a str> {
    file.strip_suffix(ext).and_then(|s| s.strip_suffix('.')).ok_or(AppError::NotFound)
}

async fn calendar(
    state: &AppState,
    ctx: &Ctx,
    headers: &HeaderMap,
    name: String,
    filter: ReceptionFilter,
) -> AppResult<Response> {
    let now = now();
    let names = Names::load(state).await?;
    let tr = ctx.tr();
    let lang = ctx.locale.segment();
    let site = site(state, headers);
    let filter = ReceptionFilter { from: Some(now - CALENDAR_PAST_DAYS * 86_400), limit: FEED_MAX, ..filter };
    let events: Vec<ical::IcalEvent> = state
        .store
        .receptions(&filter)
        .await?
        .iter()
        .map(|r| {
            let mut e = names.reception(ctx.locale, r, now, None).to_ical(tr, &site, lang);
            e.title = script(ctx.locale, e.title);
            e.description = script(ctx.locale, e.description);
            e.location = script(ctx.locale, e.location);
            e
        })
        .collect();
    Ok(answer("text/calendar; charset=utf-8", ical::render(&script(ctx.locale, name), &site, &events)))
}

/// `GET /{lang}/receptions/territory/{code}.ics`.
pub async fn territory(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path((_, file)): Path<(String, String)>,
) -> AppResult<Response> {
    let code = stem(&file, "ics")?;
    if !is_kato_code(code) || state.store.territory(code).await?.is_none() {
        return Err(AppError::NotFound);
    }
    let names = Names::load(&state).await?;
    let name = ctx.tr().with("receptions-feed-territory", &[("place", names.territory_name(ctx.locale, code))]);
    let filter = ReceptionFilter { territory: Some(code.to_owned()), ..ReceptionFilter::default() };
    calendar(&state, &ctx, &headers, name, filter).await
}

/// `GET /{lang}/receptions/hosts/{id}.ics`.
pub async fn host(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path((_, file)): Path<(String, String)>,
) -> AppResult<Response> {
    let id: i64 = stem(&file, "ics")?.parse().ok().filter(|i| *i > 0).ok_or(AppError::NotFound)?;
    let host = state.store.host(id).await?.ok_or(AppError::NotFound)?;
    let name = ctx.tr().with("receptions-feed-host", &[("host", host.name)]);
    let filter = ReceptionFilter { host_id: Some(id), ..ReceptionFilter::default() };
    calendar(&state, &ctx, &headers, name, filter).await
}

/// `GET /{lang}/receptions/feed.atom`.
pub async fn atom(State(state): State<AppState>, ctx: Ctx, headers: HeaderMap) -> AppResult<Response> {
    let now = now();
    let names = Names::load(&state).await?;
    let tr = ctx.tr();
    let lang = ctx.locale.segment();
    let site = site(&state, &headers);
    let filter =
        ReceptionFilter { order: ReceptionOrder::NewestScheduled, limit: ATOM_ENTRIES, ..ReceptionFilter::default() };
    let list: Vec<PublicReception> =
        state.store.receptions(&filter).await?.iter().map(|r| names.reception(ctx.locale, r, now, None)).collect();
    let entries: Vec<atom::AtomEntry> = list
        .iter()
        .map(|r| {
            let mut e = r.to_atom(tr, &site, lang);
            e.title = script(ctx.locale, e.title);
            e.summary = script(ctx.locale, e.summary);
            e
        })
        .collect();
    let office = state.store.programmes().await?.into_iter().next().map(|p| match ctx.locale {
        adaldyq_domain::Locale::Ru => p.office_name_ru,
        adaldyq_domain::Locale::En => p.office_name_en,
        _ => p.office_name_kk,
    });
    let feed = atom::AtomFeed {
        title: script(ctx.locale, tr.t("receptions-feed-new")),
        self_url: format!("{site}/{lang}/receptions/feed.atom"),
        page_url: format!("{site}/{lang}/receptions"),
        author: script(ctx.locale, office.unwrap_or_else(|| tr.t("platform-name"))),
        lang: ctx.locale.html_lang().to_owned(),
    };
    // An empty feed's `updated` is a fixed instant (the epoch), not "now":
    // the same facts give the same bytes.
    Ok(answer("application/atom+xml; charset=utf-8", atom::render(&feed, &site, &entries, 0)))
}
