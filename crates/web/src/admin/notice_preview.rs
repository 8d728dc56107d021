//! `GET /{lang}/admin/notices/preview?kind=…&language=…`: every notice's
//! texts as they are sent (subject, plain text, HTML, SMS with its length),
//! for each kind and language, filled with sample facts, so an
//! administrator can read what applicants receive before anyone does.

use crate::error::{AppError, AppResult};
use crate::notices::text::{self, Facts, KINDS};
use crate::pages::Ctx;
use crate::render::{ok, Page};
use crate::state::AppState;
use adaldyq_domain::Locale;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;

/// One Cyrillic SMS (UCS-2): 70 characters.
pub const SMS_LIMIT: usize = 70;

/// A link of the kinds' or the languages' list.
pub struct Choice {
    pub label: String,
    pub href: String,
    pub current: bool,
    /// The BCP 47 tag of a language's own name; empty for a kind.
    pub lang: &'static str,
}

#[derive(Template)]
#[template(path = "admin/notice_preview.html")]
struct PreviewPage {
    page: Page,
    kinds: Vec<Choice>,
    languages: Vec<Choice>,
    kind_name: String,
    /// The notice's language, for its texts' `lang`.
    lang: &'static str,
    facts: Vec<(String, String)>,
    subject: String,
    text: String,
    html: String,
    sms: String,
    sms_count: usize,
    sms_count_text: String,
    sms_fits: bool,
}

#[derive(Deserialize, Default)]
pub struct Wanted {
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    language: Option<String>,
}

/// The facts a notice of `kind` carries, made up: a number, a due date 15
/// working days from today, and (as the real ones) the body an appeal was
/// forwarded to only when forwarded, the reason only when extended.
fn sample_facts(state: &AppState, kind: &str, locale: Locale) -> Facts {
    let calendar = state.calendar();
    let today = super::calendar::today(&calendar);
    // A digest counts what falls due within 3 working days.
    let due = calendar.add_working_days(today, if kind == "digest" { 3 } else { 15 });
    let tr = crate::i18n::Tr(locale);
    if text::is_booking_kind(kind) {
        // A reception two working days on at 10:30, moved from 15:00.
        let day = calendar.add_working_days(today, 2);
        let at = |h: i8, m: i8| {
            crate::receptions::times::moment_text(adaldyq_domain::reception::at_local(
                day,
                jiff::civil::time(h, m, 0, 0),
            ))
        };
        let moved = matches!(kind, "booking_moved" | "reception_postponed");
        let reason = matches!(kind, "reception_postponed" | "reception_cancelled");
        return Facts {
            number: String::new(),
            due: String::new(),
            to: String::new(),
            reason: if reason { tr.t("notices-preview-sample-booking-reason") } else { String::new() },
            booking: Some(text::BookingFacts {
                code: "K7M4QXA".into(),
                reception_id: 1,
                when: at(10, 30),
                from: if moved { at(15, 0) } else { String::new() },
                host: tr.t("notices-preview-sample-host"),
                place: tr.t("notices-preview-sample-place"),
                online_link: String::new(),
                waitlisted: false,
            }),
        };
    }
    Facts {
        number: adaldyq_domain::appeal::receipt_number("43", today.year() as i32, 123),
        due: crate::appeals::date_text(due),
        to: if kind == "forwarded" { tr.t("notices-preview-sample-body") } else { String::new() },
        reason: if kind == "extended" { tr.t("notices-preview-sample-reason") } else { String::new() },
        booking: None,
    }
}

fn kind_name(ctx: &Ctx, kind: &str) -> String {
    match kind {
        // Staff kinds that are not an appeal's event.
        k if text::is_booking_kind(k) => ctx.tr().t(&format!("notices-preview-kind-{}", k.replace('_', "-"))),
        "escalated_to_you" | "digest" => ctx.tr().t(&format!("notices-preview-kind-{}", kind.replace('_', "-"))),
        _ => ctx.tr().t(&format!("event-{}", kind.replace('_', "-"))),
    }
}

/// A digest's made-up lines: two appeals due soon.
fn sample_digest(locale: Locale, facts: &Facts, due: &str) -> text::Extra {
    let lines = text::digest_lines(
        locale,
        &serde_json::json!({ "appeals": [
            { "number": facts.number, "due_on": due, "subject": crate::i18n::Tr(locale).t("notices-preview-sample-subject") },
        ] }),
    );
    text::Extra { count: lines.len(), lines, unsubscribe: None }
}

pub async fn show(State(state): State<AppState>, ctx: Ctx, Query(w): Query<Wanted>) -> AppResult<Response> {
    let kind = match w.kind.as_deref() {
        None | Some("") => KINDS[0],
        Some(k) => *KINDS.iter().find(|x| **x == k).ok_or(AppError::NotFound)?,
    };
    let language = match w.language.as_deref() {
        None | Some("") => ctx.locale,
        Some(l) => Locale::from_segment(l).ok_or(AppError::NotFound)?,
    };
    let link = |k: &str, l: Locale| format!("{}?kind={k}&language={}", ctx.href("/admin/notices/preview"), l.segment());
    let kinds = KINDS
        .iter()
        .map(|k| Choice { label: kind_name(&ctx, k), href: link(k, language), current: *k == kind, lang: "" })
        .collect();
    let languages = Locale::ALL
        .iter()
        .map(|l| Choice {
            label: l.native_name().to_owned(),
            href: link(kind, *l),
            current: *l == language,
            lang: l.html_lang(),
        })
        .collect();
    let facts = sample_facts(&state, kind, language);
    let message = if kind == "digest" {
        let due = state.calendar().add_working_days(super::calendar::today(&state.calendar()), 2).to_string();
        text::compose_with(language, kind, &facts, &state.config.public_url, &sample_digest(language, &facts, &due))
    } else {
        text::compose(language, kind, &facts, &state.config.public_url)
    };
    let tr = ctx.tr();
    // As the notice shows them: a kk-Latn notice's in Latin letters.
    let as_sent =
        |s: &str| if language == Locale::KkLatn { adaldyq_domain::translit::to_latin(s) } else { s.to_owned() };
    let mut shown = match &facts.booking {
        Some(b) => vec![
            (tr.t("notices-preview-fact-code"), b.code.clone()),
            (tr.t("notices-preview-fact-when"), b.when.clone()),
            (tr.t("notices-preview-fact-place"), as_sent(&b.place)),
        ],
        None => vec![
            (tr.t("notices-preview-fact-number"), facts.number.clone()),
            (tr.t("notices-preview-fact-due"), facts.due.clone()),
        ],
    };
    if !facts.to.is_empty() {
        shown.push((tr.t("notices-preview-fact-to"), as_sent(&facts.to)));
    }
    if !facts.reason.is_empty() {
        shown.push((tr.t("notices-preview-fact-reason"), as_sent(&facts.reason)));
    }
    let sms_count = message.sms.chars().count();
    let mut page = ctx.page("notices-preview-title");
    // The language switch keeps the notice shown.
    page.rest = format!("/admin/notices/preview?kind={kind}&language={}", language.segment());
    let body = PreviewPage {
        page,
        kinds,
        languages,
        kind_name: kind_name(&ctx, kind),
        lang: language.html_lang(),
        facts: shown,
        subject: message.subject,
        text: message.text,
        html: message.html,
        sms: message.sms,
        sms_count,
        sms_count_text: tr.count("notices-preview-sms-count", sms_count as i64),
        sms_fits: sms_count <= SMS_LIMIT,
    };
    Ok(ok(&body.page, &body))
}
