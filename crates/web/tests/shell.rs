//! The web shell: languages (URL, cookie, Accept-Language, kk-Latn), the
//! catalogues, the home page, static files, security headers, operations
//! endpoints and error pages.

mod support;

use adaldyq_domain::Role;
use adaldyq_web::i18n::{keys, SOURCES};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use support::TestApp;

both_backends!(
    pages_speak_each_language,
    kazakh_latin_is_a_transliteration_of_the_page,
    the_language_is_guessed_then_remembered,
    no_page_shows_a_raw_key,
    every_response_carries_security_headers,
    static_files_are_cached_and_pages_are_not,
    operations_endpoints_answer,
    errors_are_pages_or_problems_in_the_readers_language,
);

async fn pages_speak_each_language(app: TestApp) {
    for (seg, lang, word) in
        [("kk", "kk", "Өтініш"), ("kk-latn", "kk-Latn", "Ötınış"), ("ru", "ru", "обращение"), ("en", "en", "appeal")]
    {
        let r = app.get(&format!("/{seg}/"), None).await;
        assert_eq!(r.status, StatusCode::OK, "{seg}");
        assert!(r.body.contains(&format!("<html lang=\"{lang}\">")), "{seg}: {}", &r.body[..200]);
        assert!(r.body.contains(word), "{seg} home mentions {word}");
        assert!(r.body.contains("href=\"#main\""), "skip link");
        assert!(r.body.contains("<main id=\"main\""), "main landmark");
        for other in ["/kk/", "/kk-latn/", "/ru/", "/en/"] {
            assert!(r.body.contains(&format!("href=\"{other}\"")), "{seg}: language switch to {other}");
        }
        assert!(r.body.contains("aria-current=\"page\""), "the current language is marked");
        assert!(r.body.contains(&format!("href=\"/{seg}/appeals/new\"")), "{seg}: the ways in keep the language");
    }
}

fn has_cyrillic(s: &str) -> bool {
    s.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
}

async fn kazakh_latin_is_a_transliteration_of_the_page(app: TestApp) {
    let kk = app.get("/kk/", None).await.body;
    let latn = app.get("/kk-latn/", None).await.body;
    assert!(has_cyrillic(&kk));
    let main_of = |page: &str| page.split("<main").nth(1).unwrap().to_owned();
    let latn_main = main_of(&latn);
    assert!(!has_cyrillic(&latn_main), "kk-Latn main is Latin");
    assert_eq!(
        adaldyq_domain::translit::html_to_latin(&main_of(&kk)),
        latn_main.replace("href=\"/kk-latn/", "href=\"/kk/"),
        "kk-Latn is kk transliterated (its links stay in kk-Latn)"
    );
    let head = latn.split("<nav aria-label").next().unwrap();
    assert!(!has_cyrillic(head), "the title and header are Latin too");
    // Each language keeps its own name in its own script in the switch.
    assert!(latn.contains(">Қазақша<") && latn.contains(">Русский<") && latn.contains(">Qazaqşa<"));
}

async fn the_language_is_guessed_then_remembered(app: TestApp) {
    let req = |accept: &str, cookie: Option<&str>| {
        let mut r = Request::get("/").header(header::ACCEPT_LANGUAGE, accept);
        if let Some(c) = cookie {
            r = r.header(header::COOKIE, c);
        }
        r.body(Body::empty()).unwrap()
    };
    let r = app.send(req("ru-RU,ru;q=0.9,en;q=0.5", None)).await;
    assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, "/ru/"));
    let r = app.send(req("de", None)).await;
    assert_eq!(r.location(), "/kk/", "Kazakh when nothing matches");
    // Opening a page in a language remembers it...
    let r = app.get("/en/", None).await;
    let set = r.headers.get(header::SET_COOKIE).unwrap().to_str().unwrap().to_owned();
    assert!(set.starts_with("adaldyq_lang=en;"), "{set}");
    // ...and the cookie beats the browser's guess.
    let r = app.send(req("ru", Some("adaldyq_lang=en"))).await;
    assert_eq!(r.location(), "/en/");
    let r = app.send(req("ru", Some("adaldyq_lang=%%%; junk"))).await;
    assert_eq!(r.location(), "/ru/", "a malformed cookie is ignored");
}

#[tokio::test]
async fn catalogues_have_the_same_keys_and_plural_forms() {
    let en = keys(SOURCES[2].1);
    assert!(en.len() > 50);
    for (lang, src) in SOURCES {
        assert_eq!(keys(src), en, "{lang}.ftl has other keys than en.ftl");
    }
    let tr = |l| adaldyq_web::i18n::Tr(l);
    use adaldyq_domain::Locale::*;
    // Russian: one / few / many
    assert!(tr(Ru).count("users-count", 1).contains("пользователь"));
    assert!(tr(Ru).count("users-count", 3).contains("пользователя"));
    assert!(tr(Ru).count("users-count", 5).contains("пользователей"));
    assert!(tr(Ru).count("users-count", 21).ends_with("пользователь"));
    assert_eq!(tr(En).count("users-count", 1), "1 user");
    assert_eq!(tr(En).count("users-count", 2), "2 users");
    // Kazakh: one / other, both well-formed
    assert!(!tr(Kk).count("users-count", 1).contains('⟦'));
    assert!(tr(Kk).count("users-count", 7).contains('7'));
    // a missing key is visible, never silently replaced
    assert_eq!(tr(En).t("no-such-key"), "⟦no-such-key⟧");
}

/// Every template's keys exist (a page would show ⟦key⟧ otherwise): visit
/// each page as an administrator in every language and look.
async fn no_page_shows_a_raw_key(app: TestApp) {
    let admin = app.user(Role::Administrator).await;
    let s = app.sign_in(&admin).await;
    let pages = [
        "/",
        "/sign-in",
        "/account",
        "/account/password",
        "/account/second-factor",
        "/staff",
        "/admin/users",
        "/admin/territories",
        "/admin/security",
        "/no-such-page",
    ];
    for lang in ["kk", "kk-latn", "ru", "en"] {
        for p in pages {
            let r = app.get(&format!("/{lang}{p}"), Some(&s)).await;
            assert!(!r.body.contains('⟦'), "/{lang}{p} shows a raw key: {}", r.body);
            assert!(r.body.contains("<h1>"), "/{lang}{p} has a heading");
        }
    }
    // Pages for someone signed out, and a failed form.
    for lang in ["kk", "ru", "en"] {
        let r = app.post_form(&format!("/{lang}/sign-in"), &[("email", "x@y.kz"), ("password", "wrong")], None).await;
        assert!(!r.body.contains('⟦'), "{}", r.body);
    }
}

async fn every_response_carries_security_headers(app: TestApp) {
    for path in ["/en/", "/healthz", "/en/nope", "/api/v1/territories"] {
        let r = app.get(path, None).await;
        let csp = r.headers.get("content-security-policy").map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "{path}: {csp}");
        assert_eq!(r.headers.get("x-content-type-options").unwrap(), "nosniff", "{path}");
        assert!(r.headers.get("referrer-policy").is_some(), "{path}");
        assert!(r.headers.get("strict-transport-security").is_none(), "no HSTS over plain HTTP");
    }
    let tls = adaldyq_web::WebConfig { public_url: "https://adaldyq.example".into(), ..support::test_config() };
    let behind_tls = TestApp::with_config(app.backend(), tls).await.unwrap();
    let r = behind_tls.get("/en/", None).await;
    assert!(r.headers.get("strict-transport-security").is_some(), "HSTS behind TLS");
}

async fn static_files_are_cached_and_pages_are_not(app: TestApp) {
    let home = app.get("/en/", None).await;
    let css = adaldyq_web::assets::CSS_PATH.as_str();
    assert!(home.body.contains(css), "the page links the stylesheet by its hashed name");
    assert!(!home.body.contains("<script"), "no script is needed");
    assert!(!home.body.contains("https://"), "nothing from another site");
    let r = app.get(css, None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.headers.get(header::CACHE_CONTROL).unwrap().to_str().unwrap().contains("immutable"));
    assert!(r.body.contains(":focus-visible"), "visible focus");
    assert_eq!(app.get("/static/other.css", None).await.status, StatusCode::NOT_FOUND);
    assert_eq!(home.headers.get(header::CACHE_CONTROL).unwrap(), "no-store");
}

async fn operations_endpoints_answer(app: TestApp) {
    let config = adaldyq_web::WebConfig { metrics_token: Some("test-metrics-token".into()), ..support::test_config() };
    let app = TestApp::with_config(app.backend(), config).await.unwrap();
    assert_eq!(app.get("/healthz", None).await.status, StatusCode::OK);
    assert_eq!(app.get("/readyz", None).await.status, StatusCode::OK);
    app.get("/en/", None).await;
    app.get("/en/no-such-page", None).await;
    let m = app
        .send(
            axum::http::Request::get("/metrics")
                .header(header::AUTHORIZATION, "Bearer test-metrics-token")
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(m.status, StatusCode::OK);
    assert!(
        m.body.contains("adaldyq_http_requests_total{method=\"GET\",route=\"/{lang}/\",status=\"200\"}"),
        "{}",
        m.body
    );
    assert!(m.body.contains("status=\"404\""), "{}", m.body);
    assert!(m.body.contains("adaldyq_http_request_duration_seconds_bucket"), "latency histogram");
    assert!(m.body.contains("adaldyq_db_pool_connections"), "pool gauge");
    assert!(!m.body.contains("no-such-page"), "raw paths never become labels");
    // Readiness follows the database.
    app.db.store.close().await;
    assert_eq!(app.get("/readyz", None).await.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(app.get("/healthz", None).await.status, StatusCode::OK);
}

async fn errors_are_pages_or_problems_in_the_readers_language(app: TestApp) {
    let r = app.get("/ru/no-such-page", None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.body.contains("<html lang=\"ru\">"), "{}", r.body);
    let ru_404 = adaldyq_web::i18n::Tr(adaldyq_domain::Locale::Ru).t("error-not-found");
    assert!(r.body.contains(&ru_404), "the Russian message: {}", r.body);
    let r = app.get("/de/", None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "an unknown language is not a page");
    let r = app
        .send(Request::get("/api/v1/nothing").header(header::ACCEPT_LANGUAGE, "ru").body(Body::empty()).unwrap())
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.headers.get(header::CONTENT_TYPE).unwrap(), "application/problem+json");
    let problem: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(problem["status"], 404);
    assert!(problem["detail"].as_str().unwrap().chars().any(|c| ('а'..='я').contains(&c)), "{problem}");
    let r = app.send(Request::delete("/en/").body(Body::empty()).unwrap()).await;
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(r.body.contains("<html lang=\"en\">"));
    // Malformed paths and queries: an answer, never a 500.
    for path in ["/%ff%fe/", "/en/sign-in?next=%zz", "/en/%00", "/en//", "/en/account/../admin/users"] {
        let r = app.get(path, None).await;
        assert!(
            r.status.is_success() || r.status.is_client_error() || r.status.is_redirection(),
            "{path}: {}",
            r.status
        );
    }
}
