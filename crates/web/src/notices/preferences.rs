//! `GET/POST /{lang}/account/notices`: a signed-in person's notice
//! settings: the language notices are written in, the phone SMS go to,
//! and, for each optional kind that concerns them (staff kinds for staff,
//! applicant kinds for anyone who files signed in), a checkbox per channel
//! this server sends on. Legal kinds are listed as always sent.

use crate::error::{AppError, AppResult};
use crate::pages::Ctx;
use crate::render::{html, Page};
use crate::state::AppState;
use adaldyq_domain::notice::{check_profile, Audience, NoticeKind, ProfileProblem};
use adaldyq_domain::Locale;
use adaldyq_store::{Channel, NoticeProfile};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use serde::Deserialize;

/// The message key naming a kind of notice (`notice-kind-…`).
pub fn kind_key(kind: &str) -> String {
    format!("notice-kind-{}", kind.replace('_', "-"))
}

/// One checkbox: a kind on a channel, on or off.
pub struct Choice {
    pub id: String,
    pub value: String,
    pub label: String,
    pub on: bool,
}

/// An optional kind with a checkbox per channel.
pub struct OptionalKind {
    pub name: String,
    pub choices: Vec<Choice>,
}

/// A group of kinds: the staff's, or the applicant's.
pub struct Group {
    pub heading: String,
    pub optional: Vec<OptionalKind>,
    /// Legal kinds, named: always sent.
    pub always: Vec<String>,
}

#[derive(Template)]
#[template(path = "notices/preferences.html")]
struct PreferencesPage {
    page: Page,
    /// (segment, native name, tag) of each language.
    languages: Vec<(&'static str, &'static str, &'static str)>,
    language: String,
    phone: String,
    sms: bool,
    any_channel: bool,
    groups: Vec<Group>,
    errors: Vec<(&'static str, String)>,
    saved: bool,
}

impl PreferencesPage {
    /// The message beside `field`, if it is in error.
    fn error(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|(f, _)| *f == field).map(|(_, m)| m.as_str())
    }
}

/// The kinds a person is asked about, by audience: staff kinds for a staff
/// member, applicant kinds for everyone (anyone may file signed in).
fn audiences(ctx: &Ctx) -> Vec<Audience> {
    let mut out = Vec::new();
    if ctx.auth.is_staff() {
        out.push(Audience::Staff);
    }
    out.push(Audience::Applicant);
    out
}

/// The checkboxes shown: every optional kind of the person's audiences on
/// every channel this server sends on.
fn boxes(ctx: &Ctx, channels: &[Channel]) -> Vec<(String, Channel)> {
    audiences(ctx)
        .into_iter()
        .flat_map(NoticeKind::optional)
        .flat_map(|k| channels.iter().map(move |c| (k.as_str().to_owned(), *c)))
        .collect()
}

fn value_of(kind: &str, channel: Channel) -> String {
    format!("{kind}:{}", channel.as_str())
}

/// The settings as shown: as stored, or as typed into a refused form.
struct Shown<'a> {
    language: &'a str,
    phone: &'a str,
    off: &'a [(String, Channel)],
}

fn render(
    state: &AppState,
    ctx: &Ctx,
    status: StatusCode,
    shown: Shown<'_>,
    errors: Vec<(&'static str, String)>,
    saved: bool,
) -> Response {
    let Shown { language, phone, off } = shown;
    let tr = ctx.tr();
    let channels = state.config.notices.channels();
    let groups = audiences(ctx)
        .into_iter()
        .map(|audience| Group {
            heading: tr.t(match audience {
                Audience::Staff => "preferences-staff",
                Audience::Applicant => "preferences-applicant",
            }),
            optional: NoticeKind::optional(audience)
                .map(|k| OptionalKind {
                    name: tr.t(&kind_key(k.as_str())),
                    choices: channels
                        .iter()
                        .map(|c| Choice {
                            id: format!("on-{}-{}", k.as_str().replace('_', "-"), c.as_str()),
                            value: value_of(k.as_str(), *c),
                            label: tr.t(&format!("notice-channel-{}", c.as_str())),
                            on: !off.iter().any(|(kind, ch)| kind == k.as_str() && ch == c),
                        })
                        .collect(),
                })
                .collect(),
            always: NoticeKind::legal(audience).map(|k| tr.t(&kind_key(k.as_str()))).collect(),
        })
        .collect();
    let mut page = ctx.page("preferences-title");
    let body_title = page.title.clone();
    if !errors.is_empty() {
        page.title = tr.with("preferences-error-title", &[("title", body_title)]);
    }
    let body = PreferencesPage {
        page,
        languages: Locale::ALL.iter().map(|l| (l.segment(), l.native_name(), l.html_lang())).collect(),
        language: language.to_owned(),
        phone: phone.to_owned(),
        sms: channels.contains(&Channel::Sms),
        any_channel: !channels.is_empty(),
        groups,
        errors,
        saved,
    };
    html(ctx.locale, status, &body)
}

fn user_id(ctx: &Ctx) -> AppResult<i64> {
    ctx.auth.user.as_ref().map(|u| u.id).ok_or(AppError::Forbidden)
}

#[derive(Deserialize, Default)]
pub struct Saved {
    #[serde(default)]
    saved: String,
}

pub async fn form(State(state): State<AppState>, ctx: Ctx, Query(q): Query<Saved>) -> AppResult<Response> {
    let profile = state.store.notice_profile(user_id(&ctx)?).await?.ok_or(AppError::NotFound)?;
    let phone = profile.phone.unwrap_or_default();
    let saved = q.saved == "1";
    let shown = Shown { language: &profile.language, phone: &phone, off: &profile.switched_off };
    Ok(render(&state, &ctx, StatusCode::OK, shown, vec![], saved))
}

pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let id = user_id(&ctx)?;
    let get = |k: &str| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()).unwrap_or_default();
    let (language, phone) = (get("language"), get("phone"));
    let checked: Vec<&str> = pairs.iter().filter(|(k, _)| k == "on").map(|(_, v)| v.as_str()).collect();
    let channels = state.config.notices.channels();
    // What is shown and not ticked is off; what the page did not show (a
    // channel not set up now) keeps its earlier setting.
    let boxes = boxes(&ctx, &channels);
    let mut off: Vec<(String, Channel)> =
        boxes.iter().filter(|(k, c)| !checked.contains(&value_of(k, *c).as_str())).cloned().collect();
    let profile = state.store.notice_profile(id).await?.ok_or(AppError::NotFound)?;
    off.extend(profile.switched_off.into_iter().filter(|p| !boxes.contains(p)));
    match check_profile(&language, &phone) {
        Ok(checked) => {
            let profile = NoticeProfile {
                language: checked.language.segment().to_owned(),
                phone: checked.phone,
                switched_off: off,
            };
            state.store.save_notice_profile(id, &profile).await?;
            Ok(ctx.see_other("/account/notices?saved=1"))
        }
        Err(problems) => {
            let tr = ctx.tr();
            let errors = problems
                .into_iter()
                .map(|(field, p)| {
                    let key = match p {
                        ProfileProblem::BadLanguage => "preferences-language-bad",
                        ProfileProblem::BadPhone => "preferences-phone-bad",
                    };
                    (field, tr.t(key))
                })
                .collect();
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            let shown = Shown { language: &language, phone: &phone, off: &off };
            Ok(render(&state, &ctx, status, shown, errors, false))
        }
    }
}
