//! `GET /{lang}/staff/appeals/{number}`: the appeal, then what staff do
//! with it: the answer first, clarify and forward folded away, the internal
//! note last; the confirmation of the last action and the next appeal of
//! the inbox. The answer is written in the appeal's language.

use crate::appeals::files::shown_name;
use crate::appeals::{date_text, parse_date};
use crate::error::{AppError, AppResult};
use crate::pages::Ctx;
use crate::render::{html, Page};
use crate::state::AppState;
use adaldyq_domain::appeal::{transition, EventKind};
use adaldyq_domain::{decide, may_see_filer, Action, Decision};
use adaldyq_store::Appeal;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;

pub struct Line {
    pub when: String,
    pub what: String,
    pub who: String,
    pub text: String,
    pub internal: bool,
}

#[derive(Template)]
#[template(path = "inbox/show.html")]
struct AppealPage {
    page: Page,
    number: String,
    kind: String,
    status: String,
    subject: String,
    body: String,
    language: String,
    registered: String,
    due: String,
    explanation: String,
    anonymous: bool,
    contact: Option<adaldyq_domain::appeal::Contact>,
    filer_hidden: bool,
    history: Vec<Line>,
    can_answer: bool,
    /// (id, title, text) of the institution's answer templates.
    templates: Vec<(i64, String, String)>,
    /// The staff page's script (inserts a template at the cursor).
    staff_js: &'static str,
    /// The confirmation of the action just done, shown once.
    flash: Option<String>,
    /// (number, link) of the next appeal in the inbox's order.
    next: Option<(String, String)>,
    can_extend: bool,
    can_clarify: bool,
    institutions: Vec<crate::appeals::new::TerritoryGroup>,
    /// (id, name, size in KB) of the attached files.
    files: Vec<(i64, String, i64)>,
    /// (user id, name) of the institution's staff, for a head to assign.
    assignable: Vec<(i64, String)>,
    assignee: Option<String>,
    answer: String,
    error: Option<String>,
    /// Where the error summary leads: the field in error.
    error_field: String,
    /// What was typed in the other forms, given back after a refusal.
    kept: Kept,
}

/// Text typed in the staff forms, kept when an action is refused.
#[derive(Debug, Clone, Default)]
pub struct Kept {
    pub question: String,
    pub due: String,
    pub reason: String,
    pub note: String,
}

pub async fn load(state: &AppState, ctx: &Ctx, number: &str) -> AppResult<(Appeal, adaldyq_domain::Target)> {
    use super::core::ActError;
    let p = ctx.auth.principal.as_ref().ok_or(AppError::Forbidden)?;
    // Outside one's scope an appeal does not exist: 404, not 403.
    super::core::readable(state, p, number).await.map_err(|e| match e {
        ActError::Store(s) => s.into(),
        ActError::Forbidden => AppError::Forbidden,
        _ => AppError::NotFound,
    })
}

pub async fn render(
    state: &AppState,
    ctx: &Ctx,
    number: &str,
    status: StatusCode,
    answer: String,
    error: Option<String>,
) -> AppResult<Response> {
    render_with(state, ctx, number, status, answer, error.map(|e| (e, "answer".to_owned())), Kept::default()).await
}

/// The next appeal after `a` in the inbox's order (open ones, soonest due
/// first) within the reader's scope: one keyset page, read through the
/// same check as the inbox's rows.
async fn next_after(state: &AppState, p: &adaldyq_domain::Principal, a: &Appeal) -> AppResult<Option<String>> {
    let scope = super::scope_filter(state, p).await?;
    let filter = adaldyq_store::InboxFilter {
        after_due: Some((a.due_on.clone(), a.id)),
        limit: 20,
        ..super::list::day_filter(scope)
    };
    let rows = state.store.inbox(&filter).await?;
    let territories = state.territories().await?;
    Ok(super::readable(p, rows, &territories).into_iter().map(|n| n.number).find(|n| *n != a.number))
}

/// The page, with an error that leads to its field and the text kept.
pub async fn render_with(
    state: &AppState,
    ctx: &Ctx,
    number: &str,
    status: StatusCode,
    answer: String,
    error: Option<(String, String)>,
    kept: Kept,
) -> AppResult<Response> {
    render_full(state, ctx, number, status, answer, error, kept, None).await
}

/// The page, with everything it can carry: an error and the text kept, or
/// the confirmation of what was just done.
#[allow(clippy::too_many_arguments)]
async fn render_full(
    state: &AppState,
    ctx: &Ctx,
    number: &str,
    status: StatusCode,
    answer: String,
    error: Option<(String, String)>,
    kept: Kept,
    flash: Option<String>,
) -> AppResult<Response> {
    let (error, error_field) = match error {
        Some((e, f)) => (Some(e), f),
        None => (None, String::new()),
    };
    let tr = ctx.tr();
    let (a, target) = load(state, ctx, number).await?;
    let p = ctx.auth.principal.as_ref().ok_or(AppError::Forbidden)?;
    let see_filer = may_see_filer(p, a.kind, &target);
    let contact = if see_filer && !a.anonymous { state.store.appeal_contact(a.id).await? } else { None };
    let events = state.store.appeal_events(a.id).await?;
    let zone = state.calendar().time_zone().clone();
    let history = events
        .iter()
        .map(|e| {
            let when = jiff::Timestamp::from_second(e.at)
                .map(|t| {
                    let z = zone.to_datetime(t);
                    format!("{} {:02}:{:02}", date_text(z.date()), z.hour(), z.minute())
                })
                .unwrap_or_default();
            let text = serde_json::from_str::<serde_json::Value>(&e.body)
                .ok()
                .and_then(|v| v["text"].as_str().map(str::to_owned))
                .unwrap_or_default();
            Line {
                when,
                what: tr.t(&format!("event-{}", e.kind.as_str().replace('_', "-"))),
                who: tr.t(&format!("actor-{}", e.actor_role.replace('_', "-"))),
                text,
                internal: e.internal,
            }
        })
        .collect();
    let answers = decide(Some(p), Action::AnswerAppeal, &target) == Decision::Allow;
    let can_answer = answers && transition(a.status, EventKind::Answered).is_some();
    let can_clarify = answers && transition(a.status, EventKind::ClarificationRequested).is_some();
    let can_extend = decide(Some(p), Action::ExtendTerm, &target) == Decision::Allow
        && transition(a.status, EventKind::Extended).is_some();
    let next = next_after(state, p, &a).await?.map(|n| (n.clone(), format!("{}{n}", ctx.href("/staff/appeals/"))));
    let mut page_frame = ctx.page("staff-appeal-title");
    page_frame.title = format!("{} {}", page_frame.title, a.number);
    let page = AppealPage {
        page: page_frame,
        staff_js: crate::assets::STAFF_JS_PATH.as_str(),
        flash,
        next,
        number: a.number.clone(),
        kind: tr.t(&format!("kind-{}", a.kind.as_str().replace('_', "-"))),
        status: tr.t(&format!("status-{}", a.status.as_str().replace('_', "-"))),
        subject: a.subject.clone(),
        body: a.body.clone(),
        language: tr.t(&format!("language-{}", a.language.as_str())),
        registered: parse_date(&a.registered_on).map(date_text).unwrap_or_default(),
        due: parse_date(&a.due_on).map(date_text).unwrap_or_default(),
        explanation: crate::appeals::due::appeal_lines(state, tr, &a, &events, crate::appeals::due::Reader::Staff)
            .await
            .join(" "),
        anonymous: a.anonymous,
        contact,
        filer_hidden: !see_filer && !a.anonymous,
        history,
        can_answer,
        templates: match a.institution_id.filter(|_| can_answer) {
            Some(i) => state.store.templates(i).await?.into_iter().map(|t| (t.id, t.title, t.body)).collect(),
            None => vec![],
        },
        can_extend,
        can_clarify,
        files: {
            let all = state.store.attachments(a.id).await?;
            let neutral = neutral_names(see_filer, &a);
            all.iter().map(|f| (f.id, shown_name(f, &all, neutral), (f.size + 1023) / 1024)).collect()
        },
        assignable: if decide(Some(p), Action::AssignAppeal, &target) == Decision::Allow
            && transition(a.status, EventKind::Assigned).is_some()
        {
            match a.institution_id {
                Some(i) => state.store.staff_of_institution(i).await?.into_iter().map(|u| (u.id, u.name)).collect(),
                None => vec![],
            }
        } else {
            vec![]
        },
        assignee: match a.assignee_id {
            Some(id) => state.store.user(id).await?.map(|u| u.name),
            None => None,
        },
        institutions: if answers {
            crate::appeals::new::institution_groups(
                ctx.locale,
                &state.territories().await?,
                &state.store.institutions(None).await?,
            )
        } else {
            vec![]
        },
        answer,
        error,
        error_field,
        kept,
    };
    Ok(html(ctx.locale, status, &page))
}

#[derive(serde::Deserialize, Default)]
pub struct ShowQuery {
    #[serde(default)]
    template: Option<i64>,
}

/// The appeal's page; `?template=ID` starts an empty answer from a template
/// of the appeal's institution (a link may carry it); the page's own form
/// inserts one into the draft instead (see [`with_template`]).
pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: axum::http::HeaderMap,
    Path((_, number)): Path<(String, String)>,
    axum::extract::Query(q): axum::extract::Query<ShowQuery>,
) -> AppResult<Response> {
    let start = match q.template {
        Some(id) => with_template(&state, &ctx, &number, "", id).await?,
        None => String::new(),
    };
    let flash = super::flash::read(ctx.tr(), &headers);
    let mut r = render_full(&state, &ctx, &number, StatusCode::OK, start, None, Kept::default(), flash).await?;
    super::flash::clear(&state, &headers, &mut r);
    Ok(r)
}

/// The draft with the template `id` of the appeal's institution added after
/// it: choosing a template never replaces what was typed.
pub async fn with_template(state: &AppState, ctx: &Ctx, number: &str, draft: &str, id: i64) -> AppResult<String> {
    let (a, _) = load(state, ctx, number).await?;
    let Some(t) = state.store.template(id).await?.filter(|t| Some(t.institution_id) == a.institution_id) else {
        return Ok(draft.to_owned());
    };
    let typed = draft.trim_end();
    Ok(if typed.is_empty() { t.body } else { format!("{typed}\n\n{}", t.body) })
}

/// Whether a reader sees the files under neutral names (`file-1.jpg`): a
/// file's name can name its filer (`Whistle_Blower_IIN_….jpg`), so whoever
/// may not see the filer, and every reader of an anonymous appeal, sees none.
fn neutral_names(see_filer: bool, a: &Appeal) -> bool {
    !see_filer || a.anonymous
}

/// `GET /{lang}/staff/appeals/{number}/files/{id}`: an attached file, for
/// staff who may read the appeal; always a download, never shown inline,
/// under the same name the appeal's page shows.
pub async fn download(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((_, number, id)): Path<(String, String, i64)>,
) -> AppResult<Response> {
    let (a, target) = load(&state, &ctx, &number).await?;
    let p = ctx.auth.principal.as_ref().ok_or(AppError::Forbidden)?;
    let all = state.store.attachments(a.id).await?;
    let file = all.iter().find(|f| f.id == id).ok_or(AppError::NotFound)?;
    let name = shown_name(file, &all, neutral_names(may_see_filer(p, a.kind, &target), &a));
    crate::appeals::files::send(&state.config.data_dir, file, &name).await
}
