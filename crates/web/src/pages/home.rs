//! The home page: what the platform is for, its one main action (file an
//! appeal), then tracking, the other public pages, and who needs an account.

use super::Ctx;
use crate::render::{ok, Page};
use askama::Template;
use axum::response::Response;

/// A public page the home page points to: its title, one line on what it
/// is for, and where it is (after the language prefix).
pub struct Way {
    pub key: &'static str,
    pub text: &'static str,
    pub rest: &'static str,
}

#[derive(Template)]
#[template(path = "pages/home.html")]
struct Home {
    page: Page,
    ways: &'static [Way],
}

/// The other pages that work today. A capability gets a card when it
/// exists (hearings, the commission, Open space and statistics do not
/// yet), never a "coming soon" one.
pub const WAYS: [Way; 4] = [
    Way { key: "way-receptions", text: "way-receptions-text", rest: "/receptions" },
    Way { key: "way-calendar", text: "way-calendar-text", rest: "/calendar" },
    Way { key: "way-open-data", text: "way-open-data-text", rest: "/open-data" },
    Way { key: "way-transparency", text: "way-transparency-text", rest: "/transparency" },
];

pub async fn show(ctx: Ctx) -> Response {
    let page = ctx.page("home-title");
    ok(&page, &Home { page: page.clone(), ways: &WAYS })
}
