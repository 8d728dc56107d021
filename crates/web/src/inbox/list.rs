//! `GET /{lang}/staff/appeals`: the inbox, newest first, paged by keyset so
//! that it stays fast however many appeals there are.

use super::{readable, scope_filter};
use crate::appeals::{date_text, parse_date};
use crate::error::{AppError, AppResult};
use crate::pages::Ctx;
use crate::render::{ok, Page};
use crate::state::AppState;
use adaldyq_domain::appeal::Status;
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
    kind: String,
    #[serde(default)]
    language: String,
    #[serde(default)]
    territory: String,
    /// "3": due within three working days (and not overdue yet).
    #[serde(default)]
    soon: String,
    #[serde(default)]
    before: Option<i64>,
    #[serde(default)]
    assigned: Option<usize>,
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
#[template(path = "inbox/list.html")]
struct InboxPage {
    page: Page,
    rows: Vec<Row>,
    statuses: Vec<(&'static str, String)>,
    status: String,
    overdue: bool,
    mine: bool,
    query: String,
    kinds: Vec<(&'static str, String)>,
    kind: String,
    language: String,
    territories: Vec<crate::appeals::new::TerritoryGroup>,
    territory: String,
    soon: bool,
    next: Option<String>,
    /// (user id, name) of the staff a head may assign to (bulk assign).
    assignable: Vec<(i64, String)>,
    report: Option<String>,
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
    filter.kind = adaldyq_domain::appeal::AppealKind::parse(&q.kind);
    filter.language = adaldyq_domain::appeal::AppealLanguage::parse(&q.language);
    filter.within = Some(q.territory.clone()).filter(|t| adaldyq_domain::territory::is_kato_code(t));
    let soon = q.soon == "3";
    if soon {
        filter.due_from = Some(today.to_string());
        filter.due_by = Some(state.calendar().add_working_days(today, 3).to_string());
    }
    filter.before_id = q.before;
    filter.limit = PAGE_SIZE;
    let appeals = state.store.inbox(&filter).await?;
    let full = appeals.len() as i64 == PAGE_SIZE;
    // The next page keeps every filter of this one.
    let next = appeals.last().filter(|_| full).map(|a| {
        let before = a.id.to_string();
        let kept = [
            ("status", q.status.as_str()),
            ("overdue", q.overdue.as_str()),
            ("mine", q.mine.as_str()),
            ("q", q.q.as_str()),
            ("kind", q.kind.as_str()),
            ("language", q.language.as_str()),
            ("territory", q.territory.as_str()),
            ("soon", q.soon.as_str()),
        ];
        let pairs: Vec<(&str, &str)> =
            kept.into_iter().filter(|(_, v)| !v.is_empty()).chain([("before", before.as_str())]).collect();
        format!("{}?{}", ctx.href("/staff/appeals"), serde_urlencoded::to_string(pairs).unwrap_or_default())
    });
    // The tree serves the rows' check and the filter's list alike.
    let territories = state.territories().await?;
    let mut rows = Vec::new();
    for a in readable(&p, appeals, &territories) {
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
    // A head may assign several appeals at once to their institution's staff.
    let mut assignable = Vec::new();
    for g in p.grants.iter().filter(|g| g.role == adaldyq_domain::Role::Head) {
        if let adaldyq_domain::Scope::Institution(i) = g.scope {
            for u in state.store.staff_of_institution(i).await? {
                if !assignable.iter().any(|(id, _)| *id == u.id) {
                    assignable.push((u.id, u.name));
                }
            }
        }
    }
    let report = q.assigned.map(|n| tr.count("bulk-assigned", n as i64));
    let page = ctx.page("inbox-title");
    let body = InboxPage {
        page: page.clone(),
        rows,
        statuses,
        status: q.status,
        overdue,
        mine,
        query: q.q,
        kinds: adaldyq_domain::appeal::AppealKind::ALL
            .iter()
            .map(|k| (k.as_str(), tr.t(&format!("kind-{}", k.as_str().replace('_', "-")))))
            .collect(),
        kind: q.kind,
        language: q.language,
        territories: crate::appeals::new::territory_groups(ctx.locale, &territories),
        territory: q.territory,
        soon,
        next,
        assignable,
        report,
    };
    Ok(ok(&page, &body))
}

/// `POST /{lang}/staff/appeals/assign`: a head assigns the ticked appeals to
/// one officer; each goes through the same check as one by one, and the
/// page says how many were assigned.
pub async fn bulk_assign(
    State(state): State<AppState>,
    ctx: Ctx,
    axum::Form(pairs): axum::Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let p = ctx.auth.principal.clone().ok_or(AppError::Forbidden)?;
    let officer = pairs.iter().find(|(k, _)| k == "officer").map(|(_, v)| v.clone()).unwrap_or_default();
    let mut done = 0;
    for number in pairs.iter().filter(|(k, _)| k == "number").map(|(_, v)| v) {
        if crate::inbox::core::assign(&state, &p, number, &officer).await.is_ok() {
            done += 1;
        }
    }
    Ok(ctx.see_other(&format!("/staff/appeals?assigned={done}")))
}
