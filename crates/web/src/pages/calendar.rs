//! `GET /{lang}/calendar`: the public deadline calculator (a GET form, so it
//! works without JavaScript and its answers can be linked).

use super::Ctx;
use crate::api::calendar::{compute, DueQuery};
use crate::appeals::{date_text, explain};
use crate::render::{html, Page};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;

#[derive(Template)]
#[template(path = "pages/calendar.html")]
struct CalendarPage {
    page: Page,
    registered: String,
    days: String,
    result: Option<(String, String, String)>,
    error: Option<String>,
}

pub async fn show(State(state): State<AppState>, ctx: Ctx, Query(q): Query<DueQuery>) -> Response {
    let tr = ctx.tr();
    let asked = !q.registered.is_empty();
    let (result, error, status) = if !asked {
        (None, None, StatusCode::OK)
    } else {
        match compute(&state, &q) {
            Ok(due) => (
                Some((date_text(due.registered), date_text(due.due), sentence(explain(tr, &due)))),
                None,
                StatusCode::OK,
            ),
            Err(field) => (None, Some(tr.t(&format!("calendar-bad-{field}"))), StatusCode::UNPROCESSABLE_ENTITY),
        }
    };
    let page = CalendarPage {
        page: ctx.page("calendar-title"),
        registered: q.registered.chars().take(20).collect(),
        days: q.days.unwrap_or_else(|| crate::appeals::TERM_DAYS.to_string()).chars().take(4).collect(),
        result,
        error,
    };
    html(ctx.locale, status, &page)
}

/// The explanation stands alone on this page, as a sentence: it starts
/// with a capital ("registered …" reads "Registered …").
fn sentence(text: String) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => text,
    }
}
