//! No English on Kazakh and Russian pages: every public page, in kk and ru,
//! is read as a person sees it (text, titles, alternatives, placeholders,
//! accessible names; not the language switch, code samples or `data-verbatim`
//! parts such as numbers and keys) and any word in Latin letters must be a
//! name or code on the allow-list.

mod support;

use adaldyq_domain::Role;
use axum::http::StatusCode;
use support::TestApp;

both_backends!(kazakh_and_russian_pages_hold_no_english, russian_and_english_paragraphs_start_with_a_capital);

/// Latin-script words that belong on any page: the platform's name, file
/// formats and standards, licences, and names of products and programs.
const ALLOWED: &[&str] = &[
    "Adaldyq",
    "API",
    "QR",
    "CSV",
    "JSON",
    "UTF",
    "OpenAPI",
    "JPEG",
    "PNG",
    "WebP",
    "PDF",
    "HEIC",
    "Word",
    "Excel",
    "PowerPoint",
    "doc",
    "xls",
    "ppt",
    "docx",
    "xlsx",
    "pptx",
    "iPhone",
    "JavaScript",
    "NUL",
    "SP",
    "signed",
    "note",
    "Ed25519",
    "C2SP",
    "CC",
    "BY",
    "Creative",
    "Commons",
    "GNU",
    "AGPL",
    "UTC",
    "SMS",
    // A language's name in itself, as the filing form's language choice
    // shows it (Қазақша, Русский, English).
    "English",
];

/// Elements whose content is not prose in the page's language.
const SKIPPED: &[&str] = &["script", "style", "pre", "code", "textarea"];
const VOID: &[&str] = &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"];
/// Attributes a person reads or hears.
const SHOWN: &[&str] = &["title", "alt", "placeholder", "aria-label"];

/// What a reader of the page sees or hears, as one text: the text nodes and
/// the shown attributes, outside skipped and `data-verbatim` elements.
fn visible_text(html: &str) -> String {
    let mut out = String::new();
    // The element being skipped, and how deep in elements of its name we are.
    let mut skipping: Option<(String, usize)> = None;
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        if skipping.is_none() {
            out.push_str(&rest[..lt]);
            out.push(' ');
        }
        let Some(gt) = rest[lt..].find('>') else { break };
        let tag = &rest[lt + 1..lt + gt];
        rest = &rest[lt + gt + 1..];
        if tag.starts_with('!') {
            continue;
        }
        let closing = tag.starts_with('/');
        let name: String =
            tag.trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric()).collect::<String>();
        let name = name.to_ascii_lowercase();
        if let Some((skipped, depth)) = &mut skipping {
            if *skipped == name {
                if closing {
                    *depth -= 1;
                    if *depth == 0 {
                        skipping = None;
                    }
                } else if !tag.ends_with('/') {
                    *depth += 1;
                }
            }
            continue;
        }
        if closing || VOID.contains(&name.as_str()) && !tag.contains("data-verbatim") {
            if !closing {
                out.push_str(&shown_attributes(tag));
            }
            continue;
        }
        // Text marked as another language (the language switch) is not the page's.
        let own_language = name != "html" && tag.contains(" lang=\"");
        if SKIPPED.contains(&name.as_str()) || tag.contains("data-verbatim") || own_language {
            if !VOID.contains(&name.as_str()) {
                skipping = Some((name, 1));
            }
            continue;
        }
        out.push_str(&shown_attributes(tag));
    }
    out.push_str(rest);
    out.replace("&amp;", "&").replace("&#39;", "'").replace("&quot;", "\"").replace("&#34;", "\"")
}

fn shown_attributes(tag: &str) -> String {
    let mut out = String::new();
    let description = tag.starts_with("meta") && tag.contains("name=\"description\"");
    for attr in SHOWN.iter().chain(description.then_some(&"content")) {
        let key = format!(" {attr}=\"");
        if let Some(at) = tag.find(&key) {
            let value = &tag[at + key.len()..];
            out.push(' ');
            out.push_str(&value[..value.find('"').unwrap_or(value.len())]);
            out.push(' ');
        }
    }
    out
}

/// Words of two or more Latin letters that are not on the allow-list,
/// outside `backticks` (a command quoted in a sentence).
fn english_words(text: &str) -> Vec<String> {
    let prose: String = text.split('`').step_by(2).collect::<Vec<_>>().join(" ");
    prose
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| w.chars().filter(|c| c.is_ascii_alphabetic()).count() >= 2)
        .filter(|w| !ALLOWED.contains(w))
        .map(|w| w.trim_matches(|c: char| c.is_ascii_digit()).to_owned())
        .filter(|w| w.len() >= 2 && !ALLOWED.contains(&w.as_str()))
        .collect()
}

#[test]
fn the_reader_skips_what_is_not_prose_and_finds_english() {
    let html = "<meta name=\"viewport\" content=\"width=device-width\"><title>Бет — Adaldyq</title>\
                <p title=\"Send it\">Жіберу OK</p><code>GET /api</code><ul data-verbatim><li><a>Home</a></li></ul>\
                <a lang=\"en\">Home</a><input placeholder=\"e.g.\"><p>12 KB, `adaldyq log` 5MB</p>";
    assert_eq!(english_words(&visible_text(html)), ["Send", "it", "OK", "KB", "MB"]);
}

async fn kazakh_and_russian_pages_hold_no_english(app: TestApp) {
    let mut public = vec![
        "/".to_owned(),
        "/sign-in".into(),
        "/appeals/new".into(),
        "/appeals/receipt".into(),
        "/track".into(),
        "/calendar".into(),
        "/calendar?registered=2026-03-18T10%3A00&days=15".into(),
        "/calendar?registered=nonsense&days=15".into(),
        "/transparency".into(),
        "/open-data".into(),
        "/no-such-page".into(),
    ];
    // Receptions: the list, the month, a reception (online, so its words
    // are the page's), a held one whose host did not come, a group, the
    // programme, and the list refusing a date.
    let p = support::receptions::programme(&app).await;
    let day = support::receptions::in_days(6);
    let mode = adaldyq_domain::reception::Mode::Online;
    let at = support::receptions::local(day, 0, 30);
    let id = support::receptions::reception(
        &app,
        p.group,
        support::receptions::RURAL,
        p.host,
        at,
        90,
        support::receptions::details(mode),
    )
    .await;
    let held = support::receptions::reception(
        &app,
        p.other_group,
        support::receptions::OTHER_RURAL,
        p.other_host,
        at,
        60,
        support::receptions::details(adaldyq_domain::reception::Mode::Place),
    )
    .await;
    app.db.store.hold_reception(held, false, &adaldyq_store::Actor::system(), at + 3600).await.unwrap().unwrap();
    public.extend([
        "/receptions".to_owned(),
        format!("/receptions?view=month&month={}-{:02}", day.year(), day.month()),
        format!("/receptions/{id}"),
        format!("/receptions/{held}"),
        format!("/receptions/groups/{}", p.group),
        "/receptions/programme".into(),
        "/receptions?from=31.02.2026&to=01.01.2026".into(),
        "/receptions?view=month&month=2026-13".into(),
        "/receptions/999999".into(),
    ]);
    // A filing form sent with errors, and the error pages of someone signed in.
    let officer = app.sign_in(&app.user(Role::Officer).await).await;
    let admin = app.sign_in(&app.user(Role::Administrator).await).await;
    let mut found = Vec::new();
    for lang in ["kk", "ru"] {
        for rest in &public {
            let r = app.get(&format!("/{lang}{rest}"), None).await;
            assert!(r.status.is_success() || r.status.is_client_error(), "/{lang}{rest}: {}", r.status);
            for word in english_words(&visible_text(&r.body)) {
                found.push(format!("/{lang}{rest}: {word}"));
            }
        }
        let refused = app.post_form(&format!("/{lang}/appeals/new"), &[("subject", "")], None).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        let expired = app
            .post_form(
                &format!("/{lang}/account/password"),
                &[],
                Some(&support::Session { csrf: "stale".into(), ..officer.clone() }),
            )
            .await;
        assert_eq!(expired.status, StatusCode::FORBIDDEN);
        let signed_in = [
            (format!("POST /{lang}/appeals/new"), refused.body),
            (format!("POST /{lang}/account/password (stale)"), expired.body),
            (format!("/{lang}/admin/users"), app.get(&format!("/{lang}/admin/users"), Some(&officer)).await.body),
            (format!("/{lang}/nothing"), app.get(&format!("/{lang}/nothing"), Some(&officer)).await.body),
            // The notices' texts: the page in the reader's language, the
            // notice shown in its own (marked with its `lang`).
            (
                format!("/{lang}/admin/notices/preview"),
                app.get(&format!("/{lang}/admin/notices/preview?kind=extended&language=en"), Some(&admin)).await.body,
            ),
        ];
        for (what, body) in signed_in {
            // The user's name is theirs, not the page's.
            let body = body.replace(">Test officer<", "><").replace(">Test administrator<", "><");
            for word in english_words(&visible_text(&body)) {
                found.push(format!("{what}: {word}"));
            }
        }
    }
    public.clear();
    assert!(found.is_empty(), "English on Kazakh or Russian pages:\n  {}", found.join("\n  "));
}

/// The paragraphs (`<p>`, `<li>`, `<h1>`–`<h3>`, `<dd>`) of a page whose first letter is small.
fn small_starts(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for open in ["<p", "<li", "<h1", "<h2", "<h3", "<dd"] {
        for piece in html.split(open).skip(1) {
            // `<p>` or `<p class=…>`, not `<pre>` or `<link>`.
            if !piece.starts_with('>') && !piece.starts_with(' ') {
                continue;
            }
            let Some(body) = piece.split_once('>').map(|(_, b)| b) else { continue };
            let text = visible_text(body.split("</").next().unwrap_or_default());
            if let Some(first) = text.chars().find(|c| c.is_alphabetic()) {
                let starts_with_it = text.trim_start().starts_with(first);
                if first.is_lowercase() && starts_with_it {
                    out.push(text.trim().chars().take(60).collect());
                }
            }
        }
    }
    out
}

async fn russian_and_english_paragraphs_start_with_a_capital(app: TestApp) {
    let mut found = Vec::new();
    for lang in ["ru", "en"] {
        for rest in [
            "/",
            "/open-data",
            "/transparency",
            "/track",
            "/appeals/new",
            "/calendar?registered=2026-03-18T10%3A00&days=15",
            "/no-such-page",
        ] {
            let r = app.get(&format!("/{lang}{rest}"), None).await;
            for s in small_starts(&r.body) {
                found.push(format!("/{lang}{rest}: {s}"));
            }
        }
    }
    assert!(found.is_empty(), "Sentences with a small first letter:\n  {}", found.join("\n  "));
}
