//! Adaldyq's web layer: server-rendered pages in kk, kk-Latn, ru and en, and
//! the JSON API under `/api/v1`. Every route is listed once in [`routes`]
//! with the [`Action`](adaldyq_domain::Action) it performs, and one guard
//! checks that action for every request.

pub mod admin;
pub mod api;
pub mod appeals;
pub mod assets;
pub mod auth;
pub mod error;
pub mod i18n;
pub mod inbox;
pub mod middleware;
pub mod notices;
pub mod ops;
pub mod pages;
pub mod receptions;
pub mod render;
pub mod routes;
pub mod state;

pub use routes::{app, RouteSpec};
pub use state::{AppState, WebConfig};
