//! `GET /{lang}/staff/appeals`: the inbox, the appeals still waiting for an
//! answer by default, soonest due first, paged by keyset (due date, id) and
//! counted with a capped count, so that it stays fast however many appeals
//! there are.

use super::{readable, scope_filter};
use crate::appeals::{date_text, parse_date};
use crate::error::{AppError, AppResult};
use crate::pages::Ctx;
use crate::render::{ok, Page};
use crate::state::AppState;
use adaldyq_domain::appeal::Status;
use adaldyq_domain::calendar::Calendar;
use adaldyq_store::{InboxFilter, InboxOrder};
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;

pub const PAGE_SIZE: i64 = 50;
/// Counting stops here: "more than 10,000" is all a day's work needs to know.
pub const COUNT_CAP: i64 = 10_000;

#[derive(Deserialize, Default)]
pub struct Filters {
    /// Empty: the open appeals; "all": every status; else one status.
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
    /// The keyset: the rows after `YYYY-MM-DD.id` in due order.
    #[serde(default)]
    after: String,
    #[serde(default)]
    assigned: Option<usize>,
}

pub struct Row {
    pub number: String,
    pub subject: String,
    pub kind: String,
    pub status: String,
    pub territory: String,
    pub due: String,
    pub overdue: bool,
    /// Working days left as a figure (negative: overdue), and in words.
    pub days: String,
    pub days_words: String,
}

/// A count of the day's work, with the inbox filtered to it.
pub struct Tally {
    pub label: String,
    pub count: String,
    pub href: String,
}

#[derive(Template)]
#[template(path = "inbox/list.html")]
struct InboxPage {
    page: Page,
    rows: Vec<Row>,
    tallies: Vec<Tally>,
    /// "N appeals match" (capped).
    total: String,
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
    /// The confirmation of the action just done (forwarding ends here).
    flash: Option<String>,
    /// A coordinator lands here: a link to their receptions.
    receptions: bool,
}

/// Today in the platform's time zone.
pub fn today(calendar: &Calendar) -> jiff::civil::Date {
    calendar.time_zone().to_datetime(jiff::Timestamp::now()).date()
}

/// The inbox's default view of a scope: open appeals, soonest due first.
pub fn day_filter(scope: InboxFilter) -> InboxFilter {
    InboxFilter { open_only: true, order: InboxOrder::Due, ..scope }
}

/// The keyset `YYYY-MM-DD.id` of the row after which a page starts.
pub fn keyset(a: &adaldyq_store::Appeal) -> String {
    format!("{}.{}", a.due_on, a.id)
}

fn parse_keyset(s: &str) -> Option<(String, i64)> {
    let (due, id) = s.split_once('.')?;
    parse_date(due)?;
    Some((due.to_owned(), id.parse().ok()?))
}

/// Working days left until `due` as a figure and in words, for an appeal
/// whose deadline runs; nothing for one answered or moved on.
pub fn days_left(
    tr: crate::i18n::Tr,
    calendar: &Calendar,
    today: jiff::civil::Date,
    a: &adaldyq_store::Appeal,
) -> (String, String) {
    let Some(due) = parse_date(&a.due_on).filter(|_| a.status.is_open()) else {
        return ("—".into(), tr.t("days-not-running"));
    };
    let n = calendar.working_days_between(today, due);
    let words = match n {
        0 => tr.t("days-due-today"),
        n if n > 0 => tr.count("days-left", n),
        n => tr.count("days-overdue", -n),
    };
    // A true minus sign reads as "minus" and does not break from its figure.
    (if n < 0 { format!("\u{2212}{}", -n) } else { n.to_string() }, words)
}

pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: axum::http::HeaderMap,
    Query(q): Query<Filters>,
) -> AppResult<Response> {
    let tr = ctx.tr();
    let p = ctx.auth.principal.clone().ok_or(AppError::Forbidden)?;
    let calendar = state.calendar();
    let scope = scope_filter(&state, &p).await?;
    let today = today(&calendar);
    let yesterday = today.yesterday().map(|d| d.to_string()).unwrap_or_default();
    let soon_by = calendar.add_working_days(today, 3).to_string();
    let mut filter = day_filter(scope.clone());
    match q.status.as_str() {
        "" => {}
        "all" => filter.open_only = false,
        s => {
            filter.open_only = false;
            filter.status = Status::parse(s);
        }
    }
    let overdue = q.overdue == "1";
    if overdue {
        filter.due_by = Some(yesterday.clone());
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
        filter.due_by = Some(soon_by.clone());
    }
    let total = state.store.inbox_count(&filter, COUNT_CAP).await?;
    filter.after_due = parse_keyset(&q.after);
    filter.limit = PAGE_SIZE;
    let appeals = state.store.inbox(&filter).await?;
    let full = appeals.len() as i64 == PAGE_SIZE;
    // The next page keeps every filter of this one.
    let next = appeals.last().filter(|_| full).map(|a| {
        let after = keyset(a);
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
            kept.into_iter().filter(|(_, v)| !v.is_empty()).chain([("after", after.as_str())]).collect();
        format!("{}?{}", ctx.href("/staff/appeals"), serde_urlencoded::to_string(pairs).unwrap_or_default())
    });
    // The day's work at a glance: each count links to the inbox filtered to it.
    let mut tallies = Vec::new();
    for (key, extra, href) in [
        (
            "inbox-tally-new",
            InboxFilter { status: Some(Status::Registered), ..Default::default() },
            "?status=registered",
        ),
        (
            "inbox-tally-soon",
            InboxFilter { due_from: Some(today.to_string()), due_by: Some(soon_by.clone()), ..Default::default() },
            "?soon=3",
        ),
        ("inbox-tally-overdue", InboxFilter { due_by: Some(yesterday.clone()), ..Default::default() }, "?overdue=1"),
    ] {
        let f = InboxFilter {
            status: extra.status,
            due_from: extra.due_from,
            due_by: extra.due_by,
            ..day_filter(scope.clone())
        };
        let n = state.store.inbox_count(&f, COUNT_CAP).await?;
        tallies.push(Tally {
            label: tr.t(key),
            count: if n >= COUNT_CAP { format!("{COUNT_CAP}+") } else { n.to_string() },
            href: format!("{}{href}", ctx.href("/staff/appeals")),
        });
    }
    // The tree serves the rows' check, their territory and the filter's list.
    let territories = state.territories().await?;
    let names: std::collections::HashMap<&str, String> = territories
        .iter()
        .map(|t| (t.code.as_str(), crate::appeals::new::name(ctx.locale, &t.name_kk, &t.name_ru)))
        .collect();
    let mut rows = Vec::new();
    for a in readable(&p, appeals, &territories) {
        let due = parse_date(&a.due_on);
        let (days, days_words) = days_left(tr, &calendar, today, &a);
        rows.push(Row {
            overdue: a.status.is_open() && due.is_some_and(|d| d < today),
            due: due.map(date_text).unwrap_or_default(),
            days,
            days_words,
            territory: names.get(a.territory_code.as_str()).cloned().unwrap_or_else(|| a.territory_code.clone()),
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
        tallies,
        total: if total >= COUNT_CAP {
            tr.count("inbox-count-more", COUNT_CAP)
        } else {
            tr.count("inbox-count", total)
        },
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
        receptions: crate::pages::staff::may_open(&crate::routes::routes(), Some(&p), "/staff/receptions"),
        assignable,
        report,
        flash: super::flash::read(tr, &headers),
    };
    let mut r = ok(&page, &body);
    super::flash::clear(&state, &headers, &mut r);
    Ok(r)
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
