//! `GET /{lang}/staff/appeals`: the inbox, newest first, paged by keyset so
//! that it stays fast however many appeals there are.

use super::{scope_filter, target_of};
use crate::appeals::{date_text, parse_date};
use crate::error::{AppError, AppResult};
use crate::pages::Ctx;
use crate::render::{ok, Page};
use crate::state::AppState;
use adaldyq_domain::appeal::Status;
use adaldyq_domain::may_read_appeal;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;

pub const PAGE_SIZE: i64 = 50;

#[derive(Deserialize, Default)]
pub struct Filters {
    #[serde(default)]
    status: String,
    #[serde(default)]
    overdue: String,
    #[serde(default)]
    mine: String,
    #[serde(default)]
    q: String,
    #[serde(default)]
    before: Option<i64>,
}

pub struct Row {
    pub number: String,
    pub subject: String,
    pub kind: String,
    pub status: String,
    pub due: String,
    pub overdue: bool,
}

#[derive(Template)]
#[template(path = "staff_appeals.html")]
struct InboxPage {
    page: Page,
    rows: Vec<Row>,
    statuses: Vec<(&'static str, String)>,
    status: String,
    overdue: bool,
    mine: bool,
    query: String,
    next: Option<String>,
}

pub async fn list(State(state): State<AppState>, ctx: Ctx, Query(q): Query<Filters>) -> AppResult<Response> {
    let tr = ctx.tr();
    let p = ctx.auth.principal.clone().ok_or(AppError::Forbidden)?;
    let mut filter = scope_filter(&state, &p).await?;
    filter.status = Status::parse(&q.status);
    let today = state.calendar().time_zone().to_datetime(jiff::Timestamp::now()).date();
    let overdue = q.overdue == "1";
    if overdue {
        filter.due_by = Some(today.yesterday().map(|d| d.to_string()).unwrap_or_default());
    }
    let mine = q.mine == "1";
    if mine {
        filter.assignee = Some(p.user_id);
    }
    filter.text = adaldyq_domain::search::query_terms(&q.q);
    filter.before_id = q.before;
    filter.limit = PAGE_SIZE;
    let appeals = state.store.inbox(&filter).await?;
    let full = appeals.len() as i64 == PAGE_SIZE;
    let next = appeals
        .last()
        .filter(|_| full)
        .map(|a| format!("{}?status={}&overdue={}&before={}", ctx.href("/staff/appeals"), q.status, q.overdue, a.id));
    let mut rows = Vec::new();
    for a in appeals {
        // The store gives the scope; the domain decides each appeal (an
        // inspector's territory holds complaints they do not read).
        if !may_read_appeal(&p, a.kind, &target_of(&state, &a).await?) {
            continue;
        }
        let due = parse_date(&a.due_on);
        rows.push(Row {
            overdue: a.status.is_open() && due.is_some_and(|d| d < today),
            due: due.map(date_text).unwrap_or_default(),
            kind: tr.t(&format!("kind-{}", a.kind.as_str().replace('_', "-"))),
            status: tr.t(&format!("status-{}", a.status.as_str().replace('_', "-"))),
            subject: a.subject,
            number: a.number,
        });
    }
    let statuses =
        Status::ALL.iter().map(|s| (s.as_str(), tr.t(&format!("status-{}", s.as_str().replace('_', "-"))))).collect();
    let page = ctx.page("inbox-title");
    Ok(ok(&page, &InboxPage { page: page.clone(), rows, statuses, status: q.status, overdue, mine, query: q.q, next }))
}
