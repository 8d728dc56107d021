//! Signing in and out, passwords, the second factor and its policy, and the
//! CSRF and rate-limit protections around them.

mod support;

use adaldyq_domain::Role;
use adaldyq_web::auth::totp;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use support::{csrf_in, TestApp, PASSWORD};

both_backends!(
    a_wrong_password_is_refused_in_the_readers_language,
    failed_sign_ins_slow_down_known_and_unknown_addresses_alike,
    a_known_device_gets_through_a_throttled_account,
    the_second_factor_gets_through_a_throttled_account,
    a_second_step_guessed_too_often_is_slowed_down,
    after_sign_in_only_a_local_path_is_followed,
    signing_out_ends_the_session_and_its_forms,
    changing_the_password_ends_other_sessions,
    the_second_factor_is_asked_and_never_replayed,
    an_administrator_can_require_a_second_factor_per_role,
    cross_site_posts_are_refused,
    sign_in_is_rate_limited_per_address,
    oversized_bodies_and_bad_cookies_get_clear_answers,
    a_request_that_never_finishes_times_out,
);

async fn a_wrong_password_is_refused_in_the_readers_language(app: TestApp) {
    let email = app.user(Role::Officer).await;
    let r = app.post_form("/ru/sign-in", &[("email", &email), ("password", "not the password")], None).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(r.session_cookie().is_none());
    let wrong = adaldyq_web::i18n::Tr(adaldyq_domain::Locale::Ru).t("sign-in-wrong");
    assert!(r.body.contains(&wrong), "the Russian message");
    assert!(r.body.contains(&format!("value=\"{email}\"")), "the e-mail typed is kept");
    // An unknown account gets the very same answer.
    let r2 = app.post_form("/ru/sign-in", &[("email", "nobody@test.example"), ("password", "x")], None).await;
    assert_eq!(r2.status, StatusCode::UNAUTHORIZED);
    assert!(r2.body.contains(&wrong));
    // The right password works and lands an officer on their inbox.
    let r = app.post_form("/en/sign-in", &[("email", &email), ("password", PASSWORD)], None).await;
    assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, "/en/staff/appeals"));
    let cookie = r.headers.get(header::SET_COOKIE).unwrap().to_str().unwrap();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");
}

/// An app whose per-address limit does not get in the way of counting
/// per account (the per-address limit has its own test).
async fn roomy(app: &TestApp) -> TestApp {
    let config = adaldyq_web::WebConfig { sign_ins_per_minute: 1000, ..support::test_config() };
    TestApp::with_config(app.backend(), config).await.unwrap()
}

fn sign_in_form(email: &str, password: &str, code: Option<&str>) -> Vec<(String, String)> {
    let mut f = vec![("email".to_owned(), email.to_owned()), ("password".to_owned(), password.to_owned())];
    if let Some(c) = code {
        f.push(("code".to_owned(), c.to_owned()));
    }
    f
}

async fn post_sign_in(app: &TestApp, fields: &[(String, String)], cookie: Option<&str>) -> support::Reply {
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let s = cookie.map(|c| support::Session { cookie: c.to_owned(), csrf: String::new() });
    app.post_form("/en/sign-in", &pairs, s.as_ref()).await
}

/// The `name=value` of a cookie a reply sets.
fn set_cookie(r: &support::Reply, name: &str) -> Option<String> {
    r.headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .map(|v| v.split(';').next().unwrap_or("").to_owned())
}

/// Five wrong passwords slow down the address typed, whether an account
/// has it or not, with the very same answer: a stranger learns nothing of
/// who has an account here.
async fn failed_sign_ins_slow_down_known_and_unknown_addresses_alike(app: TestApp) {
    let app = roomy(&app).await;
    let known = app.user(Role::Monitor).await;
    let unknown = "nobody-here@test.example";
    for email in [known.as_str(), unknown] {
        for _ in 0..5 {
            let r = post_sign_in(&app, &sign_in_form(email, "wrong wrong", None), None).await;
            assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{email}");
        }
    }
    let a = post_sign_in(&app, &sign_in_form(&known, "wrong wrong", None), None).await;
    let b = post_sign_in(&app, &sign_in_form(unknown, "wrong wrong", None), None).await;
    for r in [&a, &b] {
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
        assert!(r.body.contains("Too many attempts to sign in with this e-mail address"), "{}", r.body);
        assert!(!r.body.contains("locked"), "{}", r.body);
        assert!(r.headers.get(header::RETRY_AFTER).is_some());
        assert!(r.session_cookie().is_none());
    }
    assert_eq!(a.body.replace(&known, "EMAIL"), b.body.replace(unknown, "EMAIL"), "the same page, word for word");
    // The right password from a new device waits too, and looks the same.
    let r = post_sign_in(&app, &sign_in_form(&known, PASSWORD, None), None).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(r.body.replace(&known, "EMAIL"), b.body.replace(unknown, "EMAIL"));
    // Another address is not slowed down by these.
    let other = app.user(Role::Officer).await;
    assert!(app.try_sign_in(&other, PASSWORD).await.is_some());
}

/// A browser the owner signed in from before is counted on its own: a
/// stranger's failures do not shut the owner out of it.
async fn a_known_device_gets_through_a_throttled_account(app: TestApp) {
    let app = roomy(&app).await;
    let email = app.user(Role::Officer).await;
    let r = post_sign_in(&app, &sign_in_form(&email, PASSWORD, None), None).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let device = set_cookie(&r, "adaldyq_device").expect("this browser becomes a known device");
    assert!(!device.contains(&email) && !device.contains("officer"), "no personal data in it: {device}");
    for _ in 0..6 {
        post_sign_in(&app, &sign_in_form(&email, "a stranger's guess", None), None).await;
    }
    let stranger = post_sign_in(&app, &sign_in_form(&email, PASSWORD, None), None).await;
    assert_eq!(stranger.status, StatusCode::TOO_MANY_REQUESTS, "a new device waits");
    let owner = post_sign_in(&app, &sign_in_form(&email, PASSWORD, None), Some(&device)).await;
    assert_eq!((owner.status, owner.location()), (StatusCode::SEE_OTHER, "/en/staff/appeals"));
    assert!(owner.session_cookie().is_some());
    // The device cookie is for this account only.
    let other = app.user(Role::Head).await;
    for _ in 0..5 {
        post_sign_in(&app, &sign_in_form(&other, "a stranger's guess", None), None).await;
    }
    let r = post_sign_in(&app, &sign_in_form(&other, PASSWORD, None), Some(&device)).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "not a known device of the other account");
    // A forged or stolen-and-guessing device is slowed down on its own.
    for _ in 0..5 {
        let r = post_sign_in(&app, &sign_in_form(&email, "guess", None), Some(&device)).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    let r = post_sign_in(&app, &sign_in_form(&email, PASSWORD, None), Some(&device)).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
}

/// With the second factor turned on, the right password and the right code
/// together get through a throttled account; neither alone does, and the
/// answer does not tell which one was wrong.
async fn the_second_factor_gets_through_a_throttled_account(app: TestApp) {
    let app = roomy(&app).await;
    let email = app.user(Role::Inspector).await;
    let id = app.db.store.user_by_email(&email).await.unwrap().unwrap().id;
    let secret = totp::new_secret();
    app.db.store.set_totp(id, Some(&secret), true).await.unwrap();
    for _ in 0..5 {
        post_sign_in(&app, &sign_in_form(&email, "a stranger's guess", None), None).await;
    }
    let plain = post_sign_in(&app, &sign_in_form(&email, PASSWORD, None), None).await;
    assert_eq!(plain.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(plain.body.contains("name=\"code\""), "the throttled form asks for the code");
    let now = adaldyq_web::state::now();
    let code = totp::code_at(&secret, now).unwrap();
    let wrong_code = if code == "000000" { "111111" } else { "000000" };
    let r = post_sign_in(&app, &sign_in_form(&email, PASSWORD, Some(wrong_code)), None).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "a wrong code");
    let r2 = post_sign_in(&app, &sign_in_form(&email, "a stranger's guess", Some(&code)), None).await;
    assert_eq!(r2.status, StatusCode::TOO_MANY_REQUESTS, "a wrong password");
    assert_eq!(r.body, r2.body, "which one was wrong is not told");
    let r = post_sign_in(&app, &sign_in_form(&email, PASSWORD, Some(&code)), None).await;
    assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, "/en/staff/appeals"), "{}", r.body);
    let s = support::Session { cookie: r.session_cookie().unwrap(), csrf: String::new() };
    assert_eq!(app.get("/en/staff", Some(&s)).await.status, StatusCode::OK, "fully signed in");
    let r = post_sign_in(&app, &sign_in_form(&email, PASSWORD, Some(&code)), None).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "the code cannot be replayed");
}

async fn a_second_step_guessed_too_often_is_slowed_down(app: TestApp) {
    let app = roomy(&app).await;
    let email = app.user(Role::Inspector).await;
    let id = app.db.store.user_by_email(&email).await.unwrap().unwrap().id;
    let secret = totp::new_secret();
    app.db.store.set_totp(id, Some(&secret), true).await.unwrap();
    let r = post_sign_in(&app, &sign_in_form(&email, PASSWORD, None), None).await;
    assert_eq!(r.location(), "/en/sign-in/code");
    assert!(set_cookie(&r, "adaldyq_device").is_none(), "not known before the second step");
    let mut pending = support::Session { cookie: r.session_cookie().unwrap(), csrf: String::new() };
    pending.csrf = csrf_in(&app.get("/en/sign-in/code", Some(&pending)).await.body).unwrap();
    let code = totp::code_at(&secret, adaldyq_web::state::now()).unwrap();
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for _ in 0..5 {
        let r = app.post_form("/en/sign-in/code", &[("code", wrong)], Some(&pending)).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    let r = app.post_form("/en/sign-in/code", &[("code", &code)], Some(&pending)).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "even the right code waits now");
}

/// `next` is followed only to a path of this site; anything a browser could
/// read as another host, or that holds control characters, lands on the
/// default page, and the session cookie is sent either way.
async fn after_sign_in_only_a_local_path_is_followed(app: TestApp) {
    let app = roomy(&app).await;
    let email = app.user(Role::Officer).await;
    for next in
        ["/\t/evil.example/phish", "/\n/x", "/\r\n/x", "//evil.example", "/\\evil.example", "https://evil.example"]
    {
        let r = app.post_form("/en/sign-in", &[("email", &email), ("password", PASSWORD), ("next", next)], None).await;
        assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, "/en/staff/appeals"), "{next:?}");
        assert!(r.session_cookie().is_some(), "{next:?}: the cookie is sent");
    }
    let next = "/en/staff/appeals?status=new";
    let r = app.post_form("/en/sign-in", &[("email", &email), ("password", PASSWORD), ("next", next)], None).await;
    assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, next));
}

async fn signing_out_ends_the_session_and_its_forms(app: TestApp) {
    let email = app.user(Role::Citizen).await;
    let s = app.sign_in(&email).await;
    assert_eq!(app.get("/en/account", Some(&s)).await.status, StatusCode::OK);
    let r = app.post_form("/en/sign-out", &[], Some(&s)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(r.session_cookie().is_some_and(|c| c == "adaldyq_session="), "the cookie is cleared");
    let r = app.get("/en/account", Some(&s)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "the old cookie no longer signs in");
    assert!(r.location().starts_with("/en/sign-in?next="));
    // A form of the ended session, replayed: refused, nothing changes.
    let s2 = app.sign_in(&email).await;
    let replay = support::Session { cookie: s2.cookie.clone(), csrf: s.csrf.clone() };
    let r = app
        .post_form(
            "/en/account/password",
            &[("current", PASSWORD), ("new", "a brand new one"), ("confirm", "a brand new one")],
            Some(&replay),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.body.contains("expired"), "the page says why: {}", r.body);
    assert!(app.try_sign_in(&email, PASSWORD).await.is_some(), "the password did not change");
}

async fn changing_the_password_ends_other_sessions(app: TestApp) {
    let email = app.user(Role::Head).await;
    let here = app.sign_in(&email).await;
    let elsewhere = app.sign_in(&email).await;
    let r = app
        .post_form("/en/account/password", &[("current", "wrong"), ("new", "short"), ("confirm", "x")], Some(&here))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("href=\"#current\"") && r.body.contains("href=\"#new\""),
        "an error summary links each field"
    );
    let new = "a much longer passphrase";
    let r = app
        .post_form("/en/account/password", &[("current", PASSWORD), ("new", new), ("confirm", new)], Some(&here))
        .await;
    assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, "/en/account/password?done=1"));
    assert_eq!(app.get("/en/account", Some(&here)).await.status, StatusCode::OK, "this session lives on");
    assert_eq!(app.get("/en/account", Some(&elsewhere)).await.status, StatusCode::SEE_OTHER, "the other ended");
    assert!(app.try_sign_in(&email, PASSWORD).await.is_none());
    assert!(app.try_sign_in(&email, new).await.is_some());
}

fn secret_on(page: &str) -> String {
    let at = page.find("<code data-verbatim>").expect("the key is shown") + "<code data-verbatim>".len();
    page[at..at + page[at..].find('<').unwrap()].to_owned()
}

async fn the_second_factor_is_asked_and_never_replayed(app: TestApp) {
    let email = app.user(Role::Inspector).await;
    let s = app.sign_in(&email).await;
    let setup = app.get("/en/account/second-factor", Some(&s)).await;
    assert!(setup.body.contains("<svg"), "a QR code to scan");
    let secret = secret_on(&setup.body);
    let now = adaldyq_web::state::now();
    let r = app.post_form("/en/account/second-factor", &[("action", "enable"), ("code", "000000")], Some(&s)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "a wrong code does not turn it on");
    let code = totp::code_at(&secret, now - 30).unwrap();
    let r = app.post_form("/en/account/second-factor", &[("action", "enable"), ("code", &code)], Some(&s)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    // Signing in now takes two steps.
    let r = app.post_form("/en/sign-in", &[("email", &email), ("password", PASSWORD)], None).await;
    assert_eq!(r.location(), "/en/sign-in/code");
    let mut pending = support::Session { cookie: r.session_cookie().unwrap(), csrf: String::new() };
    let code_page = app.get("/en/sign-in/code", Some(&pending)).await;
    pending.csrf = csrf_in(&code_page.body).unwrap();
    assert_eq!(app.get("/en/staff", Some(&pending)).await.status, StatusCode::SEE_OTHER, "not signed in yet");
    let r = app.post_form("/en/sign-in/code", &[("code", &code)], Some(&pending)).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "the code used to turn it on cannot be replayed");
    let fresh = totp::code_at(&secret, now).unwrap();
    let fresh = if fresh == code { totp::code_at(&secret, now + 30).unwrap() } else { fresh };
    let r = app.post_form("/en/sign-in/code", &[("code", &fresh)], Some(&pending)).await;
    assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, "/en/staff/appeals"));
    assert_eq!(app.get("/en/staff", Some(&pending)).await.status, StatusCode::OK);
}

async fn an_administrator_can_require_a_second_factor_per_role(app: TestApp) {
    let admin = app.user(Role::Administrator).await;
    let officer = app.user(Role::Officer).await;
    let a = app.sign_in(&admin).await;
    let r = app.post_form("/en/admin/security", &[("require", "officer")], Some(&a)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = app.get("/en/admin/security", Some(&a)).await.body;
    assert!(page.contains("value=\"officer\" checked"), "the policy is shown");
    let o = app.sign_in(&officer).await;
    let r = app.get("/en/staff", Some(&o)).await;
    assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, "/en/account/second-factor"));
    let r = app.get("/en/account/second-factor", Some(&o)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("requires a second factor"));
    // The administrator, whose role is not covered, works on.
    assert_eq!(app.get("/en/staff", Some(&a)).await.status, StatusCode::OK);
}

async fn cross_site_posts_are_refused(app: TestApp) {
    let email = app.user(Role::Administrator).await;
    let s = app.sign_in(&email).await;
    let post = |site: Option<&str>, origin: Option<&str>, csrf: &str| {
        let mut r = Request::post("/en/admin/security")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::HOST, "localhost:8080")
            .header(header::COOKIE, &s.cookie);
        if let Some(site) = site {
            r = r.header("sec-fetch-site", site);
        }
        if let Some(o) = origin {
            r = r.header(header::ORIGIN, o);
        }
        r.body(Body::from(format!("require=head&csrf={csrf}"))).unwrap()
    };
    let r = app.send(post(Some("cross-site"), None, &s.csrf)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.body.contains("<html lang=\"en\">"), "a page, not a bare status");
    assert_eq!(app.send(post(None, Some("https://evil.example"), &s.csrf)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.send(post(None, Some("null"), &s.csrf)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.send(post(Some("same-origin"), None, "forged")).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.send(post(Some("same-origin"), None, "")).await.status, StatusCode::FORBIDDEN);
    assert!(app.db.store.role_policies().await.unwrap().is_empty(), "nothing was saved");
    let ok = app.send(post(None, Some("http://localhost:8080"), &s.csrf)).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "our own origin passes");
    assert_eq!(app.db.store.role_policies().await.unwrap().iter().filter(|p| p.require_second_factor).count(), 1);
}

async fn sign_in_is_rate_limited_per_address(app: TestApp) {
    // The default allows 10 sign-in posts a minute from one address.
    let mut statuses = Vec::new();
    // A different e-mail address each time: the per-account count never
    // comes into play, only the per-address one.
    for i in 0..12 {
        let email = format!("a{i}@b.kz");
        statuses.push(app.post_form("/en/sign-in", &[("email", &email), ("password", "x")], None).await.status);
    }
    assert!(statuses[..10].iter().all(|s| *s == StatusCode::UNAUTHORIZED), "{statuses:?}");
    assert_eq!(statuses[11], StatusCode::TOO_MANY_REQUESTS);
    // Reading pages is never limited.
    for _ in 0..30 {
        assert_eq!(app.get("/en/sign-in", None).await.status, StatusCode::OK);
    }
}

async fn oversized_bodies_and_bad_cookies_get_clear_answers(app: TestApp) {
    let big = "csv=".to_owned() + &"x".repeat(3 * 1024 * 1024);
    let r = app
        .send(
            Request::post("/en/sign-in")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::CONTENT_LENGTH, big.len())
                .body(Body::from(big))
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(r.body.contains("<html lang=\"en\">"));
    for cookie in ["adaldyq_session=", "adaldyq_session=%%%", "adaldyq_session=abc; adaldyq_session=def", "garbage"] {
        let r = app.send(Request::get("/en/account").header(header::COOKIE, cookie).body(Body::empty()).unwrap()).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{cookie}: asked to sign in");
    }
    let r = app
        .send(
            Request::post("/en/sign-in")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from("{"))
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(r.body.contains("<html"), "a page");
}

/// A client that starts a post and never finishes it gets 408, not a hung
/// worker (the timeout is lowered for the test).
async fn a_request_that_never_finishes_times_out(app: TestApp) {
    let config =
        adaldyq_web::WebConfig { request_timeout: std::time::Duration::from_millis(300), ..support::test_config() };
    let slow = TestApp::with_config(app.backend(), config).await.unwrap();
    let stalled = futures_util::stream::pending::<Result<axum::body::Bytes, std::io::Error>>();
    let started = std::time::Instant::now();
    let r = slow
        .send(
            Request::post("/ru/sign-in")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header("sec-fetch-site", "same-origin")
                .body(Body::from_stream(stalled))
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::REQUEST_TIMEOUT);
    assert!(r.body.contains("<html lang=\"ru\">"), "a page in the reader's language");
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
}
