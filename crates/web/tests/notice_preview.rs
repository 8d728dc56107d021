//! The administrator's preview of every notice text: each kind in each
//! language, in each language of the page, with every message found, the
//! HTML shown as its escaped source, and the SMS counted against one
//! Cyrillic SMS; nobody but an administrator sees it.

mod support;

use adaldyq_domain::{Locale, Role};
use adaldyq_web::notices::text::KINDS;
use axum::http::StatusCode;
use support::TestApp;

both_backends!(
    every_kind_previews_in_every_language_with_its_sms_counted,
    the_preview_is_for_administrators_only,
    the_preview_is_linked_and_keeps_its_choice_across_languages,
);

/// Askama's escaping undone: `&#60;` and the like, and the named ones.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find(';').unwrap_or(0);
        let entity = &rest[1..end.max(1)];
        let decoded = match entity {
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "amp" => Some('&'),
            e => e.strip_prefix('#').and_then(|n| n.parse::<u32>().ok()).and_then(char::from_u32),
        };
        match decoded {
            Some(c) if end > 0 => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out + rest
}

/// The content of the element that carries `marker` (`<p data-sms …>…</p>`).
fn inside<'a>(body: &'a str, marker: &str, close: &str) -> &'a str {
    let at = body.find(marker).unwrap_or_else(|| panic!("{marker} in {body}"));
    let rest = &body[at..];
    let start = rest.find('>').unwrap() + 1;
    &rest[start..start + rest[start..].find(close).unwrap()]
}

async fn every_kind_previews_in_every_language_with_its_sms_counted(app: TestApp) {
    let admin = app.sign_in(&app.user(Role::Administrator).await).await;
    let number = "-000123"; // 43-<this year>-000123
    let code = "K7M4QXA"; // a booked person's notices carry the booking code instead
    for page in Locale::ALL {
        for language in Locale::ALL {
            for kind in KINDS {
                let path =
                    format!("/{}/admin/notices/preview?kind={kind}&language={}", page.segment(), language.segment());
                let r = app.get(&path, Some(&admin)).await;
                assert_eq!(r.status, StatusCode::OK, "{path}");
                assert!(!r.body.contains('⟦'), "{path}: a message is missing: {}", r.body);
                let subject = unescape(inside(&r.body, "data-subject", "</p>"));
                // A digest's subject counts its appeals; its lines carry the numbers.
                let booked = adaldyq_web::notices::text::is_booking_kind(kind);
                let number = if booked { code } else { number };
                assert!(kind == "digest" || subject.contains(number), "{path}: the sample number: {subject}");
                if language == Locale::KkLatn {
                    assert!(!subject.chars().any(|c| ('а'..='я').contains(&c)), "{path}: in Latin letters: {subject}");
                }
                let html = inside(&r.body, "data-html", "</pre>");
                assert!(!html.contains('<'), "{path}: the HTML is never rendered raw: {html}");
                assert!(unescape(html).starts_with("<!doctype html>"), "{path}: its source, escaped: {html}");
                let text = unescape(inside(&r.body, "data-text", "</pre>"));
                assert!(text.contains(number), "{path}: {text}");
                let sms = unescape(inside(&r.body, "data-sms ", "</p>"));
                let count = sms.chars().count();
                assert!(count > 10, "{path}: {sms}");
                assert!(r.body.contains(&format!("data-sms-count=\"{count}\"")), "{path}: the count of {sms:?}");
                assert_eq!(r.body.contains("data-sms-fits"), count <= 70, "{path}: whether {count} fits");
                let shown_count = inside(&r.body, "data-sms-count", "</p>");
                assert!(shown_count.contains(&count.to_string()), "{path}: the count, said: {shown_count}");
                if language == Locale::En && kind == "reception_postponed" {
                    assert!(text.contains("Reason: The akim was called") && text.contains("Earlier time"), "{text}");
                }
                if language == Locale::En && kind == "extended" {
                    assert!(text.contains("Reason: An on-site inspection is needed"), "{path}: {text}");
                }
                if language == Locale::En && kind == "forwarded" {
                    assert!(text.contains("Akimat of the city of Kyzylorda"), "{path}: {text}");
                }
            }
        }
    }
    // In the reader's language, the notice's in its own.
    let r = app.get("/kk/admin/notices/preview?kind=term_recomputed&language=ru", Some(&admin)).await;
    assert!(r.body.contains("Хабарламалардың мәтіндері") && r.body.contains("lang=\"ru\""), "{}", r.body);
    assert!(unescape(inside(&r.body, "data-subject", "</p>")).contains("срок ответа перенесён"));
    let latin = app.get("/kk-latn/admin/notices/preview?kind=registered&language=ru", Some(&admin)).await.body;
    assert!(
        unescape(inside(&latin, "data-subject", "</p>")).contains("зарегистрировано"),
        "a Russian notice stays Russian"
    );
    for bad in ["kind=nothing", "language=de"] {
        let r = app.get(&format!("/en/admin/notices/preview?{bad}"), Some(&admin)).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{bad}");
    }
}

async fn the_preview_is_for_administrators_only(app: TestApp) {
    for role in [Role::Officer, Role::Head] {
        let s = app.sign_in(&app.user(role).await).await;
        let r = app.get("/en/admin/notices/preview?kind=registered&language=en", Some(&s)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{role:?}");
        assert!(!r.body.contains("data-subject"));
    }
    let r = app.get("/en/admin/notices/preview", None).await;
    assert_ne!(r.status, StatusCode::OK, "not to the signed-out either");
    assert!(!r.body.contains("data-subject"));
}

async fn the_preview_is_linked_and_keeps_its_choice_across_languages(app: TestApp) {
    let admin = app.sign_in(&app.user(Role::Administrator).await).await;
    let notices = app.get("/ru/admin/notices", Some(&admin)).await.body;
    assert!(notices.contains("href=\"/ru/admin/notices/preview\""), "linked from the notices page");
    let r = app.get("/ru/admin/notices/preview", Some(&admin)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("data-subject lang=\"ru\""), "by default the reader's language");
    assert!(unescape(&r.body).contains("kind=registered&language=ru\" aria-current=\"page\""), "and the first kind");
    let r = app.get("/ru/admin/notices/preview?kind=extended&language=en", Some(&admin)).await;
    let body = unescape(&r.body);
    assert!(
        body.contains("href=\"/kk/admin/notices/preview?kind=extended&language=en\""),
        "the language switch: {body}"
    );
    assert!(
        body.contains("kind=extended&language=kk-latn\" lang=\"kk-Latn\""),
        "the notice's languages, each in itself"
    );
}
