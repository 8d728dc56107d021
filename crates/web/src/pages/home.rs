//! The home page: what the platform is, and the ways in.

use super::Ctx;
use crate::render::{ok, Page};
use askama::Template;
use axum::response::Response;

/// One way into the platform. `href` is empty for a part not open yet: it is
/// shown as coming, never as a link to a page that does not work.
pub struct Way {
    pub key: &'static str,
    pub href: String,
}

#[derive(Template)]
#[template(path = "pages/home.html")]
struct Home {
    page: Page,
    ways: Vec<Way>,
}

/// The ways in, in the order a citizen most often needs them.
const WAYS: [(&str, Option<&str>); 9] = [
    ("way-file", Some("/appeals/new")),
    ("way-track", Some("/track")),
    ("way-calendar", Some("/calendar")),
    ("way-receptions", None),
    ("way-hearings", None),
    ("way-open-space", None),
    ("way-statistics", None),
    ("way-open-data", Some("/api/v1/territories")),
    ("way-transparency", Some("/transparency")),
];

pub async fn show(ctx: Ctx) -> Response {
    let ways = WAYS
        .iter()
        .map(|(key, href)| Way {
            key,
            // Pages of the site in the reader's language; open data as is.
            href: href.map(|h| if h.starts_with("/api/") { h.to_owned() } else { ctx.href(h) }).unwrap_or_default(),
        })
        .collect();
    ok(&ctx.page("home-title"), &Home { page: ctx.page("home-title"), ways })
}
