//! What a notice says, in its recipient's language: a subject, a plain
//! text and an HTML body for e-mail, and a short text for SMS that fits
//! one Cyrillic SMS (70 characters) where it can and says where to read
//! more. Texts are the `notice-…` Fluent messages; kk-Latn is the Kazakh
//! text transliterated, as the pages are. The receipt secret is never in
//! a notice: it is not stored, and the tracking page asks for it.

use crate::i18n::Tr;
use crate::state::AppState;
use adaldyq_domain::{translit, Locale};
use adaldyq_store::Notice;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub subject: String,
    pub text: String,
    pub html: String,
    pub sms: String,
}

/// The notice kinds with texts of their own, as the administrator's
/// preview lists them.
pub const KINDS: [&str; 9] = [
    "registered",
    "forwarded",
    "clarification_requested",
    "extended",
    "answered",
    "escalated",
    "disputed",
    "assigned",
    "term_recomputed",
];

/// The message-key stem of a notice's kind; unknown kinds get a general one.
fn stem(kind: &str) -> &'static str {
    match kind {
        "registered" => "registered",
        "forwarded" => "forwarded",
        "clarification_requested" => "clarification",
        "extended" => "extended",
        "answered" => "answered",
        "escalated" => "escalated",
        "disputed" => "disputed",
        "assigned" => "assigned",
        "term_recomputed" => "recomputed",
        _ => "other",
    }
}

/// The notice's facts as message arguments: the number, a due date, to
/// whom it went, the reason for an extension.
pub struct Facts {
    pub number: String,
    pub due: String,
    pub to: String,
    pub reason: String,
}

/// Reads a notice's facts: the payload written with it, the event's body
/// (a reason, the institution it went to), that institution's name in the
/// recipient's language.
pub async fn facts(state: &AppState, notice: &Notice, locale: Locale) -> adaldyq_store::Result<Facts> {
    let payload: serde_json::Value = serde_json::from_str(&notice.payload).unwrap_or_default();
    let body: serde_json::Value =
        notice.event_body.as_deref().and_then(|b| serde_json::from_str(b).ok()).unwrap_or_default();
    let field = |v: &serde_json::Value, k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_owned();
    let due = match field(&payload, "due_on") {
        d if d.is_empty() => field(&body, "to"),
        d => d,
    };
    let due = crate::appeals::parse_date(&due).map(crate::appeals::date_text).unwrap_or_default();
    let mut to = String::new();
    if notice.kind == "forwarded" {
        if let Some(id) = body.get("to").and_then(|x| x.as_i64()) {
            if let Some(i) = state.store.institution(id).await? {
                to = match locale {
                    Locale::Ru => i.name_ru,
                    Locale::En => i.name_en,
                    Locale::Kk | Locale::KkLatn => i.name_kk,
                };
            }
        }
        if to.is_empty() {
            to = field(&payload, "to");
        }
    }
    let reason = if notice.kind == "extended" { field(&body, "text") } else { String::new() };
    let number = notice.number.clone().unwrap_or_else(|| field(&payload, "number"));
    Ok(Facts { number, due, to, reason })
}

/// The tracking page in the recipient's language, with the number filled in.
pub fn tracking_link(public_url: &str, locale: Locale, number: &str) -> String {
    let site = public_url.trim_end_matches('/');
    if site.is_empty() {
        return String::new();
    }
    crate::appeals::receipt::tracking_url(site, None, &format!("/{}/track", locale.segment()), number)
}

/// The tracking page's short form for SMS: host and path, no scheme.
fn sms_link(public_url: &str, locale: Locale) -> String {
    let site = public_url.trim_end_matches('/');
    let host = site.split("://").nth(1).unwrap_or(site);
    if host.is_empty() {
        String::new()
    } else {
        format!("{host}/{}/track", locale.segment())
    }
}

/// Renders a notice's texts from its facts (pure, for previews and tests).
pub fn compose(locale: Locale, kind: &str, f: &Facts, public_url: &str) -> Message {
    let tr = Tr(locale);
    let stem = stem(kind);
    let args =
        [("number", f.number.clone()), ("due", f.due.clone()), ("to", f.to.clone()), ("reason", f.reason.clone())];
    let subject = tr.with(&format!("notice-{stem}-subject"), &args);
    let mut paragraphs = vec![tr.with(&format!("notice-{stem}-body"), &args)];
    if !f.reason.is_empty() {
        paragraphs.push(tr.with("notice-reason", &args));
    }
    let link = tracking_link(public_url, locale, &f.number);
    let follow = if link.is_empty() {
        tr.with("notice-follow-here", &args)
    } else {
        tr.with("notice-follow", &[("number", f.number.clone()), ("link", link.clone())])
    };
    paragraphs.push(follow);
    paragraphs.push(tr.t("notice-automatic"));
    let text = paragraphs.join("\n\n") + "\n";
    let html_paragraphs: Vec<String> = paragraphs
        .iter()
        .map(|p| {
            let escaped = escape(p);
            let linked = if link.is_empty() {
                escaped
            } else {
                let l = escape(&link);
                escaped.replace(&l, &format!("<a href=\"{l}\">{l}</a>"))
            };
            format!("<p>{linked}</p>")
        })
        .collect();
    let html = format!(
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title></head><body>{}</body></html>",
        locale.html_lang(),
        escape(&subject),
        html_paragraphs.join("")
    );
    let short = tr.with(&format!("notice-{stem}-sms"), &args);
    let more = sms_link(public_url, locale);
    let sms = if more.is_empty() { short } else { format!("{short} {more}") };
    let message = Message { subject, text, html, sms };
    if locale == Locale::KkLatn {
        Message {
            subject: translit::to_latin(&message.subject),
            text: translit::to_latin(&message.text),
            html: translit::html_to_latin(&message.html),
            sms: translit::to_latin(&message.sms),
        }
    } else {
        message
    }
}

/// A claimed notice's texts.
pub async fn render(state: &AppState, notice: &Notice) -> adaldyq_store::Result<Message> {
    let locale = Locale::from_segment(&notice.language).unwrap_or(Locale::Kk);
    let f = facts(state, notice, locale).await?;
    Ok(compose(locale, &notice.kind, &f, &state.config.public_url))
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> Facts {
        Facts {
            number: "43-2026-000123".into(),
            due: "27.03.2026".into(),
            to: "Қызылорда қаласының әкімдігі".into(),
            reason: "Жерге барып тексеру керек".into(),
        }
    }

    #[test]
    fn every_kind_has_its_texts_in_every_language() {
        for locale in Locale::ALL {
            for kind in KINDS {
                let m = compose(locale, kind, &facts(), "https://adaldyq.kz");
                for part in [&m.subject, &m.text, &m.html, &m.sms] {
                    assert!(!part.contains('⟦'), "{locale:?} {kind}: {part}");
                }
                assert!(m.subject.contains("43-2026-000123"), "{locale:?} {kind}: {}", m.subject);
                assert!(m.text.contains("https://adaldyq.kz/"), "{locale:?} {kind}: where to read more");
            }
        }
    }

    #[test]
    fn every_listed_kind_has_its_own_texts() {
        for kind in KINDS {
            assert_ne!(stem(kind), "other", "{kind}");
        }
    }

    #[test]
    fn texts_carry_the_facts_of_their_kind() {
        let m = compose(Locale::Ru, "extended", &facts(), "https://adaldyq.kz");
        assert!(m.text.contains("27.03.2026") && m.text.contains("Жерге барып тексеру керек"), "{}", m.text);
        let m = compose(Locale::Kk, "forwarded", &facts(), "");
        assert!(m.text.contains("Қызылорда қаласының әкімдігі"), "{}", m.text);
        let m = compose(Locale::En, "registered", &facts(), "https://adaldyq.kz");
        assert!(m.text.contains("27.03.2026") && m.sms.contains("27.03.2026"));
        assert!(m.html.contains("<a href=\"https://adaldyq.kz/en/track?number=43-2026-000123\">"), "{}", m.html);
        let m = compose(Locale::En, "term_recomputed", &facts(), "https://adaldyq.kz");
        assert!(m.text.contains("27.03.2026") && m.text.contains("calendar"), "the new date and why: {}", m.text);
        let latin = compose(Locale::KkLatn, "registered", &facts(), "https://adaldyq.kz");
        assert!(!latin.text.chars().any(|c| ('а'..='я').contains(&c)), "{}", latin.text);
        assert!(latin.text.contains("/kk-latn/track"));
    }

    #[test]
    fn sms_texts_fit_one_cyrillic_sms_with_a_short_site_address() {
        for locale in Locale::ALL {
            for kind in KINDS {
                let m = compose(locale, kind, &facts(), "https://e.kz");
                assert!(m.sms.chars().count() <= 70, "{locale:?} {kind}: {} ({})", m.sms, m.sms.chars().count());
                assert!(m.sms.ends_with(&format!("e.kz/{}/track", locale.segment())), "{}", m.sms);
            }
        }
    }
}
