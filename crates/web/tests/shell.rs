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
    error_pages_keep_the_signed_in_header,
    a_stale_form_is_form_expired_and_a_forbidden_role_is_no_access,
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

/// The `<h1>` of a page.
fn heading(html: &str) -> &str {
    support::between(html, "<h1>", "</h1>").unwrap_or_default()
}

async fn error_pages_keep_the_signed_in_header(app: TestApp) {
    use adaldyq_domain::Locale::{En, Kk};
    let tr = |l| adaldyq_web::i18n::Tr(l);
    let s = app.sign_in(&app.user(Role::Officer).await).await;
    let r = app.get("/kk/no-such-page", Some(&s)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(heading(&r.body), tr(Kk).t("error-not-found-title"));
    assert!(r.body.contains(">Test officer</a>"), "the user's name in the header: {}", r.body);
    assert!(r.body.contains("action=\"/kk/sign-out\""), "the sign-out form");
    assert_eq!(support::csrf_in(&r.body).as_deref(), Some(s.csrf.as_str()), "with the session's token");
    assert!(r.body.contains(&format!("href=\"/kk/staff\">{}</a>", tr(Kk).t("nav-staff"))), "the workspace link");
    assert!(!r.body.contains(&tr(Kk).t("nav-sign-in")), "no sign-in link for someone signed in");
    assert!(r.body.contains("href=\"/ru/no-such-page\""), "the language switch stays on the address");

    // An officer may not manage users: "no access", what to do, the header.
    let r = app.get("/en/admin/users", Some(&s)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(heading(&r.body), tr(En).t("error-forbidden-title"));
    assert!(r.body.contains(&tr(En).t("error-forbidden-signed-in")), "{}", r.body);
    assert!(r.body.contains(">Test officer</a>") && r.body.contains("action=\"/en/sign-out\""), "{}", r.body);
    assert!(r.body.contains(&format!("href=\"/en/staff\">{}</a>", tr(En).t("error-workspace"))));
    // The sign-out button of the error page works.
    let csrf = support::csrf_in(&r.body).unwrap();
    let out = app.post_form("/en/sign-out", &[], Some(&support::Session { csrf, ..s.clone() })).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER, "{}", out.body);

    // Someone signed out gets the sign-in link, and no name.
    let r = app.get("/en/no-such-page", None).await;
    assert_eq!(heading(&r.body), "Page not found");
    assert!(r.body.contains("href=\"/en/sign-in\"") && !r.body.contains("sign-out"));
}

/// A form post with this cookie and this CSRF token (`None`: no token).
async fn post_with(app: &TestApp, path: &str, cookie: &str, csrf: Option<&str>, site: &str) -> support::Reply {
    let mut pairs = vec![("current", "x"), ("new", "y"), ("confirm", "y")];
    if let Some(t) = csrf {
        pairs.push(("csrf", t));
    }
    let req = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", site)
        .header(header::COOKIE, cookie)
        .body(Body::from(serde_urlencoded::to_string(&pairs).unwrap()))
        .unwrap();
    app.send(req).await
}

async fn a_stale_form_is_form_expired_and_a_forbidden_role_is_no_access(app: TestApp) {
    use adaldyq_domain::Locale::{En, Kk, Ru};
    let tr = |l| adaldyq_web::i18n::Tr(l);
    let email = app.user(Role::Monitor).await;
    // A form opened in one session and sent after signing in again.
    let old = app.sign_in(&email).await;
    let new = app.sign_in(&email).await;
    assert_ne!(old.csrf, new.csrf);
    let r = post_with(&app, "/ru/account/password", &new.cookie, Some(&old.csrf), "same-origin").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(heading(&r.body), tr(Ru).t("error-form-expired-title"));
    assert!(r.body.contains(&tr(Ru).t("error-form-expired")), "{}", r.body);
    assert!(r.body.contains("<html lang=\"ru\">") && r.body.contains(">Test monitor</a>"), "{}", r.body);
    assert!(!r.body.contains(&tr(Ru).t("error-forbidden-title")), "not \"no access\"");
    // No token at all (a page opened before signing in), or from another site.
    for (path, csrf, site, locale) in [
        ("/kk/account/password", None, "same-origin", Kk),
        ("/en/account/password", Some(new.csrf.as_str()), "cross-site", En),
    ] {
        let r = post_with(&app, path, &new.cookie, csrf, site).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{path}");
        assert_eq!(heading(&r.body), tr(locale).t("error-form-expired-title"), "{path}");
    }
    // The right token, but a role that may not: "no access", not "expired".
    let r = post_with(&app, "/en/admin/calendar", &new.cookie, Some(&new.csrf), "same-origin").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(heading(&r.body), tr(En).t("error-forbidden-title"));
    assert!(!r.body.contains(&tr(En).t("error-form-expired-title")));
    // And the right token on a page the role may use is accepted.
    let r = post_with(&app, "/en/account/password", &new.cookie, Some(&new.csrf), "same-origin").await;
    assert_ne!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
}
