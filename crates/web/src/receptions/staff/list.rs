//! `GET /{lang}/staff/receptions`: the receptions in the coordinator's
//! territories, upcoming first (soonest first), then past ones (latest
//! first), with a status filter, and links to what may be done to each.

use super::{day_page_opens, principal, receptions_in_scope};
use crate::error::AppResult;
use crate::inbox::flash;
use crate::pages::Ctx;
use crate::receptions::public::Names;
use crate::receptions::times;
use crate::render::{html, Page};
use crate::state::{now, AppState};
use adaldyq_domain::reception::{Mode, ReceptionStatus};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::Deserialize;

pub struct Row {
    pub id: i64,
    pub when: String,
    pub host: String,
    pub place: String,
    pub seats: String,
    pub status: String,
    /// Still ahead: it may be changed, postponed or cancelled.
    pub changeable: bool,
}

#[derive(Template)]
#[template(path = "receptions/staff/list.html")]
struct ListPage {
    page: Page,
    flash: Option<String>,
    status: String,
    statuses: Vec<(&'static str, String)>,
    /// Upcoming, then past: (heading, rows).
    sections: Vec<(String, Vec<Row>)>,
    day_page: bool,
    may_plan: bool,
}

#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    status: String,
}

/// Where the reception is, in words: the place's name and its address, or
/// "online".
pub fn place_text(ctx: &Ctx, names: &Names, r: &adaldyq_store::Reception) -> String {
    let territory = names.territory_name(ctx.locale, &r.territory_code);
    match r.mode {
        Mode::Online => format!("{territory}: {}", ctx.tr().t("reception-online")),
        Mode::FieldVisit => {
            format!("{territory}: {}", ctx.tr().with("reception-field-visit-to", &[("place", r.address.clone())]))
        }
        Mode::Place => format!("{territory}: {}", r.address),
    }
}

pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    let p = principal(&ctx)?;
    let now = now();
    let names = Names::load(&state).await?;
    let wanted = ReceptionStatus::parse(&q.status);
    let mut upcoming = Vec::new();
    let mut past = Vec::new();
    for r in receptions_in_scope(&state, p).await? {
        if wanted.is_some_and(|w| w != r.status) {
            continue;
        }
        let row = Row {
            id: r.id,
            when: times::span_text(r.starts_at, r.ends_at),
            host: names.host(ctx.locale, r.host_id).line(),
            place: place_text(&ctx, &names, &r),
            seats: format!("{} / {}", r.seats_taken, r.seats),
            status: ctx.tr().t(&format!("reception-status-{}", r.status.as_str())),
            changeable: r.status.is_upcoming() && r.starts_at > now,
        };
        if r.ends_at >= now {
            upcoming.push(row);
        } else {
            past.push(row);
        }
    }
    past.reverse();
    let statuses = ReceptionStatus::ALL
        .iter()
        .map(|s| (s.as_str(), ctx.tr().t(&format!("reception-status-{}", s.as_str()))))
        .collect();
    // A reception is named by its time and host, never by its id.
    let flash_text = match flash::subject_of(&headers, &flash::DONE) {
        Some((what, id)) if what.starts_with("reception-") => {
            let r = match id.parse::<i64>() {
                Ok(id) => state.store.reception(id).await?,
                Err(_) => None,
            };
            r.map(|r| {
                let named = format!(
                    "{} ({})",
                    times::span_text(r.starts_at, r.ends_at),
                    names.host(ctx.locale, r.host_id).name
                );
                ctx.tr().with(&format!("flash-{what}"), &[("number", named)])
            })
        }
        _ => flash::read(ctx.tr(), &headers),
    };
    let may_plan = !super::groups_in_scope(&state, p).await?.is_empty();
    let body = ListPage {
        page: ctx.page("rstaff-list-title"),
        flash: flash_text,
        status: wanted.map(|s| s.as_str().to_owned()).unwrap_or_default(),
        statuses,
        sections: vec![(ctx.tr().t("rstaff-upcoming"), upcoming), (ctx.tr().t("rstaff-past"), past)],
        day_page: day_page_opens(p),
        may_plan,
    };
    let mut response = html(ctx.locale, StatusCode::OK, &body);
    flash::clear(&state, &headers, &mut response);
    Ok(response)
}
