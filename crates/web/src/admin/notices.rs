//! `GET/POST /{lang}/admin/notices`: the notices' delivery queue: how many
//! wait and since when, whether e-mail and SMS are set up, the failures and
//! dead letters with their reason, and a button to send one again.

use crate::error::AppResult;
use crate::pages::Ctx;
use crate::render::{html, Page};
use crate::state::{now, AppState};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use serde::Deserialize;

pub struct Row {
    pub id: i64,
    pub number: String,
    pub kind: String,
    pub channel: String,
    pub recipient: String,
    pub tries: i64,
    pub error: String,
    pub state: String,
    pub dead: bool,
}

#[derive(Template)]
#[template(path = "admin/notices.html")]
struct NoticesPage {
    page: Page,
    lead: String,
    queued: i64,
    oldest: String,
    failing: i64,
    dead: i64,
    sent: i64,
    email: bool,
    sms: bool,
    rows: Vec<Row>,
    banner: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct Shown {
    #[serde(default)]
    retried: Option<String>,
}

/// An address shown to the administrator: enough to recognise it, not
/// enough to copy it (`az***@example.kz`, `+7701***4567`).
pub fn masked(address: &str) -> String {
    match address.split_once('@') {
        Some((local, domain)) => format!("{}***@{domain}", local.chars().take(2).collect::<String>()),
        None if address.chars().count() > 8 => {
            let chars: Vec<char> = address.chars().collect();
            format!(
                "{}***{}",
                chars[..5].iter().collect::<String>(),
                chars[chars.len() - 4..].iter().collect::<String>()
            )
        }
        None if address.is_empty() => String::new(),
        None => "***".into(),
    }
}

fn when(state: &AppState, secs: i64) -> String {
    match jiff::Timestamp::from_second(secs) {
        Ok(t) => {
            let d = state.calendar().time_zone().to_datetime(t);
            format!("{} {:02}:{:02}", crate::appeals::date_text(d.date()), d.hour(), d.minute())
        }
        Err(_) => String::new(),
    }
}

pub async fn form(State(state): State<AppState>, ctx: Ctx, Query(shown): Query<Shown>) -> AppResult<Response> {
    let banner = match shown.retried.as_deref() {
        Some("1") => Some(ctx.tr().t("notices-retried")),
        Some(_) => Some(ctx.tr().t("notices-retry-gone")),
        None => None,
    };
    let tr = ctx.tr();
    let stats = state.store.outbox_stats().await?;
    let rows = state
        .store
        .notice_problems(200)
        .await?
        .into_iter()
        .map(|p| Row {
            id: p.id,
            number: p.number.unwrap_or_default(),
            kind: tr.t(&format!("event-{}", p.kind.replace('_', "-"))),
            channel: tr.t(if p.channel == adaldyq_store::Channel::Email { "notices-email" } else { "notices-sms" }),
            recipient: masked(&p.address),
            tries: p.tries,
            error: p.last_error,
            state: match p.dead_at {
                Some(at) => tr.with("notices-state-dead", &[("date", when(&state, at))]),
                None => tr.with("notices-state-retry", &[("date", when(&state, p.next_try_at))]),
            },
            dead: p.dead_at.is_some(),
        })
        .collect();
    let settings = &state.config.notices;
    let body = NoticesPage {
        page: ctx.page("notices-title"),
        lead: tr.with("notices-lead", &[("tries", settings.max_tries.to_string())]),
        queued: stats.queued,
        oldest: stats.oldest_created_at.map(|at| when(&state, at)).unwrap_or_else(|| "—".into()),
        failing: stats.failing,
        dead: stats.dead,
        sent: stats.sent,
        email: settings.email_configured(),
        sms: settings.sms.is_some(),
        rows,
        banner,
    };
    Ok(html(ctx.locale, StatusCode::OK, &body))
}

#[derive(Deserialize)]
pub struct RetryForm {
    #[serde(default)]
    id: String,
}

/// Sends a failed or dead notice again: due now, its tries counted afresh.
pub async fn submit(State(state): State<AppState>, ctx: Ctx, Form(f): Form<RetryForm>) -> AppResult<Response> {
    let done = match f.id.trim().parse::<i64>() {
        Ok(id) => state.store.retry_notice(id, now()).await?,
        Err(_) => false,
    };
    Ok(ctx.see_other(if done { "/admin/notices?retried=1" } else { "/admin/notices?retried=0" }))
}
