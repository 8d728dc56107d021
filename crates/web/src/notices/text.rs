//! What a notice says, in its recipient's language: a subject, a plain
//! text and an HTML body for e-mail, and a short text for SMS that fits
//! one Cyrillic SMS (70 characters) where it can and says where to read
//! more. Texts are the `notice-…` Fluent messages; kk-Latn is the Kazakh
//! text transliterated, as the pages are. The receipt secret is never in
//! a notice: it is not stored, and the tracking page asks for it. Staff
//! notices link to the staff pages instead of the tracking page; an
//! optional notice's e-mail says how to switch it off (and carries the
//! same link as `List-Unsubscribe`, see mail.rs).

use crate::i18n::Tr;
use crate::state::AppState;
use adaldyq_domain::notice::{is_for_staff, is_optional, NoticeKind};
use adaldyq_domain::{translit, Locale};
use adaldyq_store::{Channel, Notice};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub subject: String,
    pub text: String,
    pub html: String,
    pub sms: String,
    /// The one-click switch-off link of an optional notice (RFC 8058);
    /// none for a legal one, which cannot be switched off.
    pub unsubscribe: Option<String>,
}

/// What a notice says beyond its facts: the digest's lines, and the link
/// that switches an optional notice off.
#[derive(Debug, Clone, Default)]
pub struct Extra {
    pub lines: Vec<String>,
    /// How many appeals a digest counts (its lines may show fewer).
    pub count: usize,
    pub unsubscribe: Option<String>,
}

/// The applicant's notice kinds with texts of their own.
pub const APPLICANT_KINDS: [&str; 8] = [
    "registered",
    "forwarded",
    "clarification_requested",
    "extended",
    "answered",
    "escalated",
    "disputed",
    "term_recomputed",
];

/// The staff's notice kinds: they link to the workspace, not the receipt.
pub const STAFF_KINDS: [&str; 3] = ["assigned", "escalated_to_you", "digest"];

/// Every kind with texts of its own, as the administrator's preview lists
/// them: the applicant's, then the staff's.
pub const KINDS: [&str; 11] = [
    APPLICANT_KINDS[0],
    APPLICANT_KINDS[1],
    APPLICANT_KINDS[2],
    APPLICANT_KINDS[3],
    APPLICANT_KINDS[4],
    APPLICANT_KINDS[5],
    APPLICANT_KINDS[6],
    APPLICANT_KINDS[7],
    STAFF_KINDS[0],
    STAFF_KINDS[1],
    STAFF_KINDS[2],
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
        "escalated_to_you" => "escalated-to-you",
        "digest" => "digest",
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

/// A staff page in the recipient's language: the appeal's, or the inbox
/// (soonest due first) for a digest.
pub fn staff_link(public_url: &str, locale: Locale, number: &str) -> String {
    let site = public_url.trim_end_matches('/');
    if site.is_empty() {
        return String::new();
    }
    match number {
        "" => format!("{site}/{}/staff/appeals", locale.segment()),
        n => format!("{site}/{}/staff/appeals/{n}", locale.segment()),
    }
}

/// The staff workspace's short form for SMS: host and path, no scheme.
fn staff_sms_link(public_url: &str, locale: Locale) -> String {
    let site = public_url.trim_end_matches('/');
    let host = site.split("://").nth(1).unwrap_or(site);
    if host.is_empty() {
        String::new()
    } else {
        format!("{host}/{}/staff", locale.segment())
    }
}

/// A paragraph of an e-mail: running text, or a list (a digest's appeals).
enum Paragraph {
    Text(String),
    List(Vec<String>),
}

/// Renders a notice's texts from its facts (pure, for previews and tests).
pub fn compose(locale: Locale, kind: &str, f: &Facts, public_url: &str) -> Message {
    compose_with(locale, kind, f, public_url, &Extra::default())
}

/// [`compose`], with a digest's lines and an optional notice's switch-off
/// link.
pub fn compose_with(locale: Locale, kind: &str, f: &Facts, public_url: &str, extra: &Extra) -> Message {
    let tr = Tr(locale);
    let stem = stem(kind);
    let staff = is_for_staff(kind);
    let mut args =
        vec![("number", f.number.clone()), ("due", f.due.clone()), ("to", f.to.clone()), ("reason", f.reason.clone())];
    let count = extra.count as i64;
    let subject = crate::i18n::with_count(locale, &format!("notice-{stem}-subject"), count, &args);
    let mut paragraphs =
        vec![Paragraph::Text(crate::i18n::with_count(locale, &format!("notice-{stem}-body"), count, &args))];
    if !extra.lines.is_empty() {
        paragraphs.push(Paragraph::List(extra.lines.clone()));
    }
    if !f.reason.is_empty() {
        paragraphs.push(Paragraph::Text(tr.with("notice-reason", &args)));
    }
    let link = if staff {
        staff_link(public_url, locale, if kind == NoticeKind::Digest.as_str() { "" } else { &f.number })
    } else {
        tracking_link(public_url, locale, &f.number)
    };
    args.push(("link", link.clone()));
    let follow = match (staff, link.is_empty()) {
        (true, true) => tr.with("notice-staff-follow-here", &args),
        (true, false) => tr.with("notice-staff-follow", &args),
        (false, true) => tr.with("notice-follow-here", &args),
        (false, false) => tr.with("notice-follow", &[("number", f.number.clone()), ("link", link.clone())]),
    };
    paragraphs.push(Paragraph::Text(follow));
    let mut links = vec![link];
    if let Some(off) = &extra.unsubscribe {
        paragraphs.push(Paragraph::Text(tr.with("notice-unsubscribe", &[("link", off.clone())])));
        links.push(off.clone());
    }
    paragraphs.push(Paragraph::Text(tr.t("notice-automatic")));
    let text = paragraphs
        .iter()
        .map(|p| match p {
            Paragraph::Text(t) => t.clone(),
            Paragraph::List(lines) => lines.iter().map(|l| format!("- {l}")).collect::<Vec<_>>().join("\n"),
        })
        .collect::<Vec<_>>()
        .join("\n\n")
        + "\n";
    let linked = |p: &str| {
        links.iter().filter(|l| !l.is_empty()).fold(escape(p), |html, l| {
            let l = escape(l);
            html.replace(&l, &format!("<a href=\"{l}\">{l}</a>"))
        })
    };
    let html_paragraphs: Vec<String> = paragraphs
        .iter()
        .map(|p| match p {
            Paragraph::Text(t) => format!("<p>{}</p>", linked(t)),
            Paragraph::List(lines) => {
                format!("<ul>{}</ul>", lines.iter().map(|l| format!("<li>{}</li>", escape(l))).collect::<String>())
            }
        })
        .collect();
    let html = format!(
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title></head><body>{}</body></html>",
        locale.html_lang(),
        escape(&subject),
        html_paragraphs.join("")
    );
    let short = crate::i18n::with_count(locale, &format!("notice-{stem}-sms"), count, &args);
    let more = if staff { staff_sms_link(public_url, locale) } else { sms_link(public_url, locale) };
    let sms = if more.is_empty() { short } else { format!("{short} {more}") };
    let message = Message { subject, text, html, sms, unsubscribe: extra.unsubscribe.clone() };
    if locale == Locale::KkLatn {
        Message {
            subject: translit::to_latin(&message.subject),
            text: translit::to_latin(&message.text),
            html: translit::html_to_latin(&message.html),
            sms: translit::to_latin(&message.sms),
            unsubscribe: message.unsubscribe,
        }
    } else {
        message
    }
}

/// A digest's lines from its payload: one per appeal, with its number,
/// due date and subject (cut short when written).
pub fn digest_lines(locale: Locale, payload: &serde_json::Value) -> Vec<String> {
    let tr = Tr(locale);
    let field = |v: &serde_json::Value, k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_owned();
    payload
        .get("appeals")
        .and_then(|a| a.as_array())
        .map(|list| {
            list.iter()
                .map(|a| {
                    let due = crate::appeals::parse_date(&field(a, "due_on")).map(crate::appeals::date_text);
                    let args = [
                        ("number", field(a, "number")),
                        ("due", due.unwrap_or_default()),
                        ("subject", field(a, "subject")),
                    ];
                    let key = if args[2].1.is_empty() { "notice-digest-line-bare" } else { "notice-digest-line" };
                    tr.with(key, &args)
                })
                .collect()
        })
        .unwrap_or_default()
}

/// A claimed notice's texts.
pub async fn render(state: &AppState, notice: &Notice) -> adaldyq_store::Result<Message> {
    let locale = Locale::from_segment(&notice.language).unwrap_or(Locale::Kk);
    let f = facts(state, notice, locale).await?;
    let payload: serde_json::Value = serde_json::from_str(&notice.payload).unwrap_or_default();
    let mut extra = Extra::default();
    if notice.kind == NoticeKind::Digest.as_str() {
        extra.lines = digest_lines(locale, &payload);
        extra.count = payload.get("total").and_then(|t| t.as_u64()).map_or(extra.lines.len(), |t| t as usize);
        if extra.count > extra.lines.len() {
            let more = (extra.count - extra.lines.len()) as i64;
            extra.lines.push(Tr(locale).count("notice-digest-more", more));
        }
    }
    if notice.channel == Channel::Email && is_optional(&notice.kind) {
        extra.unsubscribe = super::unsubscribe::link(state, notice, locale);
    }
    Ok(compose_with(locale, &notice.kind, &f, &state.config.public_url, &extra))
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

    fn digest() -> Extra {
        Extra {
            lines: digest_lines(
                Locale::Ru,
                &serde_json::json!({ "appeals": [
                    { "number": "43-2026-000123", "due_on": "2026-03-27", "subject": "Көше шамдары" },
                    { "number": "43-2026-000124", "due_on": "2026-03-30", "subject": "" },
                ] }),
            ),
            count: 2,
            unsubscribe: Some("https://adaldyq.kz/ru/notices/unsubscribe?t=u1.digest.email.00".into()),
        }
    }

    #[test]
    fn every_kind_has_its_texts_in_every_language() {
        for locale in Locale::ALL {
            for kind in APPLICANT_KINDS {
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
            for kind in APPLICANT_KINDS {
                let m = compose(locale, kind, &facts(), "https://e.kz");
                assert!(m.sms.chars().count() <= 70, "{locale:?} {kind}: {} ({})", m.sms, m.sms.chars().count());
                assert!(m.sms.ends_with(&format!("e.kz/{}/track", locale.segment())), "{}", m.sms);
            }
        }
    }

    #[test]
    fn staff_notices_link_to_the_workspace_in_every_language() {
        for locale in Locale::ALL {
            for kind in STAFF_KINDS {
                let extra = if kind == "digest" { digest() } else { Extra::default() };
                let m = compose_with(locale, kind, &facts(), "https://e.kz", &extra);
                for part in [&m.subject, &m.text, &m.html, &m.sms] {
                    assert!(!part.contains('⟦'), "{locale:?} {kind}: {part}");
                }
                assert!(!m.text.contains("/track"), "{locale:?} {kind}: staff have no receipt secret");
                assert!(m.text.contains(&format!("https://e.kz/{}/staff/appeals", locale.segment())), "{}", m.text);
                assert!(m.sms.chars().count() <= 70, "{locale:?} {kind}: {} ({})", m.sms, m.sms.chars().count());
                assert!(m.sms.ends_with(&format!("e.kz/{}/staff", locale.segment())), "{}", m.sms);
                if kind != "digest" {
                    assert!(m.subject.contains("43-2026-000123") && m.text.contains("27.03.2026"), "{}", m.text);
                }
            }
        }
        let m = compose(Locale::En, "assigned", &facts(), "https://e.kz");
        assert_eq!(m.subject, "Appeal 43-2026-000123 assigned to you");
        assert!(m.text.contains("https://e.kz/en/staff/appeals/43-2026-000123"), "{}", m.text);
    }

    #[test]
    fn a_digest_lists_its_appeals_one_per_line() {
        let m =
            compose_with(Locale::Ru, "digest", &Facts { number: String::new(), ..facts() }, "https://e.kz", &digest());
        assert!(m.subject.ends_with(": 2"), "{}", m.subject);
        assert!(m
            .text
            .contains("- №43-2026-000123, срок 27.03.2026: Көше шамдары\n- №43-2026-000124, срок 30.03.2026\n"));
        assert!(m.html.contains("<ul><li>№43-2026-000123, срок 27.03.2026: Көше шамдары</li>"), "{}", m.html);
        assert!(m.text.contains("https://e.kz/ru/staff/appeals\n"), "the inbox, soonest due first: {}", m.text);
    }

    #[test]
    fn only_an_optional_notice_says_how_to_switch_it_off() {
        let off = Extra {
            unsubscribe: Some("https://e.kz/kk/notices/unsubscribe?t=a1.escalated.email.00".into()),
            ..Extra::default()
        };
        let m = compose_with(Locale::Kk, "escalated", &facts(), "https://e.kz", &off);
        assert_eq!(m.unsubscribe, off.unsubscribe);
        assert!(m.text.contains("https://e.kz/kk/notices/unsubscribe?t=a1.escalated.email.00"), "{}", m.text);
        assert!(m.html.contains("<a href=\"https://e.kz/kk/notices/unsubscribe?t=a1.escalated.email.00\">"));
        let legal = compose(Locale::Kk, "answered", &facts(), "https://e.kz");
        assert!(legal.unsubscribe.is_none() && !legal.text.contains("unsubscribe"));
    }
}
