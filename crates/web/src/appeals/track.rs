//! `GET/POST /{lang}/track`: follow an appeal with its receipt. The secret
//! travels in a form post, never in a URL (URLs end up in logs and history).

use super::done::{self, Done};
use super::{date_text, find_with_secret, parse_date};
use crate::error::{AppError, AppResult};
use crate::pages::Ctx;
use crate::render::{html, Page};
use crate::state::AppState;
use adaldyq_domain::appeal::{EventKind, Problem};
use adaldyq_store::Appeal;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use axum::Form;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "appeals/track.html")]
struct TrackForm {
    page: Page,
    number: String,
    /// What is wrong with the form: (field id, message), in the page's order.
    errors: Vec<(&'static str, String)>,
    /// The confirmation of a rating or a dispute just sent (see [`done`]).
    confirmation: Vec<String>,
    /// A confirmation address too old or not ours.
    expired: bool,
}

impl TrackForm {
    /// The message beside `field`, if it is in error.
    fn error(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|(f, _)| *f == field).map(|(_, m)| m.as_str())
    }

    fn new(ctx: &Ctx, number: &str) -> TrackForm {
        TrackForm {
            page: ctx.page("track-title"),
            number: number.chars().take(20).collect(),
            errors: Vec::new(),
            confirmation: Vec::new(),
            expired: false,
        }
    }
}

/// The track form again, saying that no appeal matches what was sent.
pub(crate) fn not_found(ctx: &Ctx, number: &str) -> Response {
    let errors = vec![("number", ctx.tr().t("track-not-found"))];
    html(ctx.locale, StatusCode::NOT_FOUND, &TrackForm { errors, ..TrackForm::new(ctx, number) })
}

/// The track form again, naming each field left empty.
fn empty_fields(ctx: &Ctx, f: &TrackInput) -> Option<Response> {
    let tr = ctx.tr();
    let mut errors = Vec::new();
    if f.number.trim().is_empty() {
        errors.push(("number", tr.t("track-error-number")));
    }
    if f.secret.trim().is_empty() {
        errors.push(("secret", tr.t("track-error-secret")));
    }
    if errors.is_empty() {
        return None;
    }
    Some(html(ctx.locale, StatusCode::UNPROCESSABLE_ENTITY, &TrackForm { errors, ..TrackForm::new(ctx, &f.number) }))
}

/// One line of the history as the applicant sees it: no internal notes, no
/// staff names (only their role).
pub struct HistoryLine {
    pub when: String,
    pub what: String,
    pub who: String,
    /// The reason of an extension: the applicant is owed it (Art. 76).
    pub text: String,
}

#[derive(Template)]
#[template(path = "appeals/status.html")]
struct StatusPage {
    page: Page,
    number: String,
    status: String,
    kind: String,
    subject: String,
    registered: String,
    due: String,
    /// The body that has the appeal now (after a dispute, the higher one).
    handled_by: Option<String>,
    /// The due date in sentences (see [`super::due`]).
    explanation: Vec<String>,
    history: Vec<HistoryLine>,
    answer: Option<String>,
    /// The open clarification request, with the secret the reply form needs.
    question: Option<String>,
    secret: String,
    can_rate: bool,
    can_dispute: bool,
    can_add: bool,
    /// (id, name) of the appeal's files, to download with the secret.
    files: Vec<(i64, String)>,
    /// The "filed" event's entry in the transparency log.
    log_index: Option<u64>,
    /// The proof as JSON, for the in-browser check; empty while pending.
    log_proof: String,
    log_size: u64,
    log_checkpoint: String,
    /// The technical detail under the plain sentence: the leaf's hash and
    /// the inclusion proof's hashes, in hex.
    log_leaf_hash: String,
    log_inclusion: Vec<String>,
    verify_js: &'static str,
    /// The form the applicant sent, refused: named at the top of the page
    /// and at its field, with what they typed kept.
    refused: Option<Refused>,
}

/// A refused feedback form: which field (its element id; empty when the
/// form itself came too late), why, and the text the applicant typed, to
/// give back.
pub struct Refused {
    pub field: &'static str,
    pub message: String,
    pub text: String,
}

impl Refused {
    /// `label_key` names the field as the form labels it.
    pub fn new(tr: crate::i18n::Tr, field: &'static str, label_key: &str, problem: Problem, text: &str) -> Refused {
        Refused { field, message: crate::appeals::problem_message(tr, tr.t(label_key), problem), text: text.to_owned() }
    }

    /// A refusal with its own message (`key`) at `field`.
    pub fn said(tr: crate::i18n::Tr, field: &'static str, key: &str, text: &str) -> Refused {
        Refused { field, message: tr.t(key), text: text.to_owned() }
    }
}

impl StatusPage {
    fn invalid(&self, field: &str) -> bool {
        self.refused.as_ref().is_some_and(|r| r.field == field)
    }

    /// What was typed into `field` when its form was refused.
    fn kept(&self, field: &str) -> &str {
        self.refused.as_ref().filter(|r| r.field == field).map_or("", |r| r.text.as_str())
    }
}

#[derive(Deserialize, Default)]
pub struct NumberQuery {
    #[serde(default)]
    number: String,
    /// A confirmation token (see [`done`]).
    #[serde(default)]
    done: String,
}

#[derive(Deserialize)]
pub struct TrackInput {
    #[serde(default)]
    number: String,
    #[serde(default)]
    secret: String,
}

pub async fn form(State(state): State<AppState>, ctx: Ctx, Query(q): Query<NumberQuery>) -> AppResult<Response> {
    let number: String = q.number.chars().filter(|c| c.is_ascii_digit() || *c == '-').take(20).collect();
    let mut page = TrackForm::new(&ctx, &number);
    if !q.done.is_empty() {
        let read = done::read(&state.config.secret_key, &q.done, crate::state::now());
        let appeal = match read {
            Some((what, n)) => state.store.appeal_by_number(&n).await?.map(|a| (what, a)),
            None => None,
        };
        match appeal {
            Some((what, a)) => {
                page.confirmation = confirmation(&state, &ctx, what, &a).await?;
                page.number = a.number.clone();
                // The language switch keeps the confirmation.
                page.page.rest = format!("/track?done={}", q.done);
            }
            None => page.expired = true,
        }
    }
    let mut r = html(ctx.locale, StatusCode::OK, &page);
    r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(r)
}

/// What the confirmation says: what was recorded and, after a dispute,
/// which body has the appeal now and the new due date with its reason.
async fn confirmation(state: &AppState, ctx: &Ctx, what: Done, a: &Appeal) -> AppResult<Vec<String>> {
    let tr = ctx.tr();
    let number = [("number", a.number.clone())];
    Ok(match what {
        Done::Rated => vec![tr.with("done-rated", &number)],
        Done::Disputed => {
            let mut lines = vec![tr.with("done-disputed", &number)];
            if let Some(body) = handled_by(state, ctx, a).await? {
                lines.push(tr.with("done-handled-by", &[("body", body)]));
            }
            if let Some(d) = parse_date(&a.due_on) {
                lines.push(tr.with("done-due", &[("date", super::due::day(tr, d))]));
            }
            let events = state.store.appeal_events(a.id).await?;
            lines.extend(super::due::last_move(state, tr, &events).await);
            lines
        }
    })
}

/// The name of the body that has the appeal, in the reader's language.
async fn handled_by(state: &AppState, ctx: &Ctx, a: &Appeal) -> AppResult<Option<String>> {
    let Some(id) = a.institution_id else { return Ok(None) };
    Ok(state.store.institution(id).await?.map(|i| super::due::institution_name(ctx.locale, &i)))
}

/// Local date and time of an instant, `dd.mm.yyyy hh:mm`.
fn moment(seconds: i64, state: &AppState) -> String {
    jiff::Timestamp::from_second(seconds)
        .map(|t| {
            let z = state.calendar().time_zone().to_datetime(t);
            format!("{} {:02}:{:02}", date_text(z.date()), z.hour(), z.minute())
        })
        .unwrap_or_default()
}

pub async fn show(State(state): State<AppState>, ctx: Ctx, Form(f): Form<TrackInput>) -> AppResult<Response> {
    if let Some(r) = empty_fields(&ctx, &f) {
        return Ok(r);
    }
    let appeal = find_with_secret(&state, &f.number, &f.secret).await.map_err(|e| AppError::Internal(e.to_string()))?;
    let Some(appeal) = appeal else { return Ok(not_found(&ctx, &f.number)) };
    let mut r = status_page(&state, &ctx, &appeal, &f.secret).await?;
    r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(r)
}

pub(crate) async fn status_page(state: &AppState, ctx: &Ctx, appeal: &Appeal, secret: &str) -> AppResult<Response> {
    status_page_refused(state, ctx, appeal, secret, None).await
}

/// The status page, with a refused form named on it.
pub(crate) async fn status_page_refused(
    state: &AppState,
    ctx: &Ctx,
    appeal: &Appeal,
    secret: &str,
    refused: Option<Refused>,
) -> AppResult<Response> {
    let tr = ctx.tr();
    let events = state.store.appeal_events(appeal.id).await?;
    let mut answer = None;
    let mut question = None;
    let history = events
        .iter()
        .filter(|e| !e.internal)
        .map(|e| {
            let text = || {
                serde_json::from_str::<serde_json::Value>(&e.body)
                    .ok()
                    .and_then(|v| v["text"].as_str().map(str::to_owned))
            };
            match e.kind {
                EventKind::Answered => answer = text(),
                EventKind::ClarificationRequested => question = text(),
                EventKind::ClarificationGiven => question = None,
                _ => {}
            }
            HistoryLine {
                text: if matches!(e.kind, EventKind::Extended | EventKind::InformationAdded) {
                    text().unwrap_or_default()
                } else {
                    String::new()
                },
                when: moment(e.at, state),
                what: tr.t(&format!("event-{}", e.kind.as_str().replace('_', "-"))),
                who: tr.t(&format!("actor-{}", e.actor_role.replace('_', "-"))),
            }
        })
        .collect();
    let explanation = super::due::appeal_lines(state, tr, appeal, &events, super::due::Reader::Applicant).await;
    let proof =
        crate::appeals::proof::of_events(state, &events).await.map_err(|e| AppError::Internal(e.to_string()))?;
    let (log_proof, log_size, log_checkpoint) = match &proof {
        Some(p @ crate::appeals::proof::Proof::Ready { size, checkpoint, .. }) => {
            (p.json(&appeal.number, state.config.log_key.verifier_key()).to_string(), *size, checkpoint.clone())
        }
        _ => (String::new(), 0, String::new()),
    };
    let (log_leaf_hash, log_inclusion) = match &proof {
        Some(p @ crate::appeals::proof::Proof::Ready { hashes, .. }) => {
            (p.leaf_hash_hex(), hashes.iter().map(|h| crate::appeals::proof::hex(h)).collect())
        }
        _ => (String::new(), Vec::new()),
    };
    let page = StatusPage {
        log_index: proof.as_ref().map(|p| p.index()),
        log_proof,
        log_size,
        log_checkpoint,
        log_leaf_hash,
        log_inclusion,
        handled_by: handled_by(state, ctx, appeal).await?,
        refused,
        verify_js: crate::assets::VERIFY_JS_PATH.as_str(),
        // The language switch must lead to a page that opens with GET.
        page: Page { rest: "/track".into(), ..ctx.page("status-title") },
        number: appeal.number.clone(),
        status: tr.t(&format!("status-{}", appeal.status.as_str().replace('_', "-"))),
        kind: tr.t(&format!("kind-{}", appeal.kind.as_str().replace('_', "-"))),
        subject: appeal.subject.clone(),
        registered: parse_date(&appeal.registered_on).map(date_text).unwrap_or_default(),
        due: parse_date(&appeal.due_on).map(date_text).unwrap_or_default(),
        explanation,
        history,
        answer,
        question: question.filter(|_| appeal.status == adaldyq_domain::appeal::Status::AwaitingClarification),
        secret: secret.trim().to_owned(),
        files: state.store.attachments(appeal.id).await?.into_iter().map(|f| (f.id, f.name)).collect(),
        can_add: appeal.status.is_open() && appeal.status != adaldyq_domain::appeal::Status::AwaitingClarification,
        can_rate: appeal.status == adaldyq_domain::appeal::Status::Answered
            && !events.iter().any(|e| e.kind == EventKind::Rated),
        can_dispute: appeal.status == adaldyq_domain::appeal::Status::Answered
            && events
                .iter()
                .rev()
                .find(|e| e.kind == EventKind::Answered)
                .is_some_and(|e| adaldyq_domain::appeal::may_dispute((crate::state::now() - e.at) / 86_400)),
    };
    Ok(html(ctx.locale, StatusCode::OK, &page))
}

#[derive(Deserialize)]
pub struct ClarificationInput {
    #[serde(default)]
    number: String,
    #[serde(default)]
    secret: String,
    #[serde(default)]
    text: String,
}

/// `POST /{lang}/track/clarification`: the applicant answers a request for
/// clarification. The clock stopped when it was asked; the working days it
/// stood still are added to the term, and the appeal is back in progress.
pub async fn clarify(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<ClarificationInput>,
) -> AppResult<Response> {
    use adaldyq_domain::appeal::{transition, Status};
    let appeal = find_with_secret(&state, &f.number, &f.secret).await.map_err(|e| AppError::Internal(e.to_string()))?;
    let Some(appeal) = appeal else { return Ok(not_found(&ctx, &f.number)) };
    let text = adaldyq_domain::appeal::required_text(&f.text, adaldyq_domain::appeal::MAX_TEXT_CHARS);
    let to = transition(appeal.status, EventKind::ClarificationGiven);
    let (Ok(text), Some(_)) = (text.clone(), to) else {
        let refused = text
            .err()
            .filter(|_| to.is_some())
            .map(|p| Refused::new(ctx.tr(), "text", "clarify-reply-field", p, &f.text));
        let mut r = status_page_refused(&state, &ctx, &appeal, &f.secret, refused).await?;
        *r.status_mut() = if to.is_none() { StatusCode::CONFLICT } else { StatusCode::UNPROCESSABLE_ENTITY };
        return Ok(r);
    };
    let calendar = state.calendar();
    let today = calendar.time_zone().to_datetime(jiff::Timestamp::now()).date();
    let events = state.store.appeal_events(appeal.id).await?;
    let asked_on = events
        .iter()
        .rev()
        .find(|e| e.kind == EventKind::ClarificationRequested)
        .and_then(|e| serde_json::from_str::<serde_json::Value>(&e.body).ok())
        .and_then(|v| v["asked_on"].as_str().and_then(|d| d.parse::<jiff::civil::Date>().ok()))
        .unwrap_or(today);
    let stopped = calendar.working_days_between(asked_on, today).max(0);
    let registered =
        parse_date(&appeal.registered_on).ok_or_else(|| AppError::Internal("no registration date".into()))?;
    let term = appeal.term_days + stopped;
    let due = calendar.due_date(registered, term as u32).due;
    let event = adaldyq_store::NewEvent {
        kind: EventKind::ClarificationGiven,
        at: crate::state::now(),
        actor_role: "citizen".into(),
        actor_user_id: None,
        // The dates let the status page say how far the due date moved.
        body: serde_json::json!({
            "text": text, "clock_stopped_days": stopped, "from": appeal.due_on, "to": due.to_string(),
        })
        .to_string(),
        internal: false,
        notice: None,
        staff_notice: None,
    };
    let moved = state
        .store
        .record_term_event(appeal.id, Status::AwaitingClarification, Status::InProgress, &event, term, &due.to_string())
        .await?;
    let appeal = state.store.appeal_by_number(&appeal.number).await?.ok_or(AppError::NotFound)?;
    let mut r = status_page(&state, &ctx, &appeal, &f.secret).await?;
    if !moved {
        *r.status_mut() = StatusCode::CONFLICT;
    }
    r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(r)
}
