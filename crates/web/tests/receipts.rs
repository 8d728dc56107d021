//! A receipt that works from a phone and from paper, on both backends: the QR
//! code opens an absolute address, the secret is Crockford base32 read
//! forgivingly (older RFC 4648 secrets still work), the number is read with
//! or without dashes, and a reload says the secret was shown once.

mod support;

use adaldyq_domain::appeal::{validate, AppealInput};
use adaldyq_domain::Role;
use adaldyq_store::{CreateOutcome, NewAppeal};
use adaldyq_web::appeals::hash_secret;
use adaldyq_web::appeals::receipt::tracking_url;
use adaldyq_web::auth::totp::qr_svg;
use adaldyq_web::WebConfig;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use support::{anonymous_form, post, receipt, TestApp};

both_backends!(
    the_qr_code_holds_the_public_url,
    without_a_public_url_the_qr_code_holds_the_requests_host,
    a_new_secret_is_long_and_only_crockford,
    a_secret_is_read_the_crockford_way,
    an_older_secret_still_works,
    the_number_is_read_with_or_without_dashes,
    the_number_field_offers_the_whole_keyboard,
    a_reload_of_the_receipt_says_the_secret_was_shown_once,
);

/// An appeal whose receipt secret is `secret`, as the store holds it (only
/// its keyed hash), so a test can choose the secret.
async fn appeal_with_secret(app: &TestApp, secret: &str) -> String {
    let input = AppealInput {
        kind: "complaint".into(),
        territory: support::DISTRICT.into(),
        institution: Some(app.institution),
        subject: "Жол".into(),
        text: "Жол жөнделмеді.".into(),
        language: "kk".into(),
        anonymous: true,
        ..AppealInput::default()
    };
    let new = NewAppeal {
        appeal: validate(&input).unwrap(),
        region: "43".into(),
        year: 2026,
        received_at: 1_773_800_000,
        registered_on: "2026-03-18".into(),
        due_on: "2026-04-08".into(),
        term_days: 15,
        secret_hash: Some(hash_secret(&app.state.config.secret_key, secret)),
        client_token: None,
        salt: vec![7; 16],
        routed_by_rule: None,
        attachments: vec![],
        actor_role: Role::Citizen,
        actor_user_id: None,
        origin: Default::default(),
    };
    match app.db.store.create_appeal(&new).await.unwrap() {
        CreateOutcome::Created { number, .. } => number,
        CreateOutcome::Duplicate { number } => number,
    }
}

async fn track(app: &TestApp, number: &str, secret: &str) -> StatusCode {
    post(app, "/en/track", &[("number", number.to_owned()), ("secret", secret.to_owned())]).await.status
}

async fn api_status(app: &TestApp, number: &str, secret: &str) -> StatusCode {
    let req = Request::get(format!("/api/v1/appeals/{number}"))
        .header(header::AUTHORIZATION, format!("Receipt {secret}"))
        .header(header::ACCEPT_LANGUAGE, "en")
        .body(Body::empty())
        .unwrap();
    app.send(req).await.status
}

async fn the_qr_code_holds_the_public_url(app: TestApp) {
    let config = WebConfig { public_url: "https://adaldyq.example/".into(), ..support::test_config() };
    let Some(app) = TestApp::with_config(app.backend(), config).await else { return };
    let r = post(&app, "/en/appeals/new", &anonymous_form("qr1")).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let (number, _) = receipt(&r.body);
    let url = format!("https://adaldyq.example/en/track?number={number}");
    assert_eq!(tracking_url(&app.state.config.public_url, Some("elsewhere"), "/en/track", &number), url);
    assert!(r.body.contains(&qr_svg(&url).unwrap()), "the QR code holds {url}");
    assert!(r.body.contains(&url), "the address is written out too");
}

async fn without_a_public_url_the_qr_code_holds_the_requests_host(app: TestApp) {
    let body = serde_urlencoded::to_string(anonymous_form("qr2")).unwrap();
    let req = Request::post("/ru/appeals/new")
        .header(header::HOST, "adaldyq.local:8080")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .body(Body::from(body))
        .unwrap();
    let r = app.send(req).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let (number, _) = receipt(&r.body);
    let url = format!("http://adaldyq.local:8080/ru/track?number={number}");
    assert!(r.body.contains(&qr_svg(&url).unwrap()), "the QR code holds {url}");
    let relative = format!("/ru/track?number={number}");
    assert!(!r.body.contains(&qr_svg(&relative).unwrap()), "not a path a camera cannot open");
}

async fn a_new_secret_is_long_and_only_crockford(app: TestApp) {
    let r = post(&app, "/en/appeals/new", &anonymous_form("s1")).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let (_, secret) = receipt(&r.body);
    let chars: String = secret.chars().filter(|c| *c != '-').collect();
    assert!(chars.len() * 5 >= 128, "at least 128 bits: {secret}");
    let crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    assert!(chars.chars().all(|c| crockford.contains(c)), "only Crockford characters: {secret}");
    assert!(secret.split('-').all(|g| g.len() == 4 || g.len() == 5), "groups of four or five: {secret}");
    let other = receipt(&post(&app, "/en/appeals/new", &anonymous_form("s2")).await.body).1;
    assert_ne!(secret, other);
}

async fn a_secret_is_read_the_crockford_way(app: TestApp) {
    let number = appeal_with_secret(&app, "0A1B2-C3D4E-5F6G-7H8J-9K0M-1N2P").await;
    assert_eq!(track(&app, &number, "0A1B2-C3D4E-5F6G-7H8J-9K0M-1N2P").await, StatusCode::OK);
    for typed in [
        "0a1b2-c3d4e-5f6g-7h8j-9k0m-1n2p",
        "0A1B2 C3D4E 5F6G 7H8J 9K0M 1N2P",
        "OA1B2-C3D4E-5F6G-7H8J-9KOM-1N2P",
        "0AIB2-C3D4E-5F6G-7H8J-9K0M-LN2P",
        " oalb2c3d4e 5f6g7h8j9kom in2p ",
    ] {
        assert_eq!(track(&app, &number, typed).await, StatusCode::OK, "typed as {typed}");
        assert_eq!(api_status(&app, &number, typed).await, StatusCode::OK, "the API, typed as {typed}");
    }
    assert_eq!(track(&app, &number, "0A1B2-C3D4E-5F6G-7H8J-9K0M-1N2Q").await, StatusCode::NOT_FOUND);
}

async fn an_older_secret_still_works(app: TestApp) {
    // Issued before: RFC 4648 base32, 32 characters, with O, I and L letters.
    let old = "OILB-ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23";
    let number = appeal_with_secret(&app, old).await;
    assert_eq!(track(&app, &number, old).await, StatusCode::OK);
    assert_eq!(track(&app, &number, &old.to_lowercase().replace('-', " ")).await, StatusCode::OK);
    assert_eq!(api_status(&app, &number, old).await, StatusCode::OK);
    assert_eq!(track(&app, &number, "OILB-ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ24").await, StatusCode::NOT_FOUND);
}

async fn the_number_is_read_with_or_without_dashes(app: TestApp) {
    let r = post(&app, "/en/appeals/new", &anonymous_form("n1")).await;
    let (number, secret) = receipt(&r.body);
    let bare = number.replace('-', "");
    let spaced = number.replace('-', " ");
    for typed in [&number, &bare, &spaced] {
        let t = post(&app, "/en/track", &[("number", typed.clone()), ("secret", secret.clone())]).await;
        assert_eq!(t.status, StatusCode::OK, "the page, number typed as {typed}");
        assert!(t.body.contains(&number), "the same appeal");
    }
    assert_eq!(api_status(&app, &bare, &secret).await, StatusCode::OK, "the API, number without dashes");
    assert_eq!(api_status(&app, &number, &secret).await, StatusCode::OK, "the API, number with dashes");
    let other = format!("{}9", &bare[..bare.len() - 1]);
    assert_eq!(track(&app, &other, &secret).await, StatusCode::NOT_FOUND, "a different number is not this one");
}

async fn the_number_field_offers_the_whole_keyboard(app: TestApp) {
    for lang in ["kk", "ru", "en"] {
        let form = app.get(&format!("/{lang}/track"), None).await;
        assert_eq!(form.status, StatusCode::OK);
        assert!(form.body.contains("id=\"number\""));
        assert!(!form.body.contains("inputmode=\"numeric\""), "a numeric keypad may lack the dash ({lang})");
    }
}

async fn a_reload_of_the_receipt_says_the_secret_was_shown_once(app: TestApp) {
    let first = post(&app, "/en/appeals/new", &anonymous_form("r1")).await;
    let (number, secret) = receipt(&first.body);
    // A reload sends the same form again.
    let again = post(&app, "/en/appeals/new", &anonymous_form("r1")).await;
    assert_eq!(again.status, StatusCode::OK);
    assert!(again.body.contains(&number) && !again.body.contains(&secret), "the number, never the secret");
    assert!(again.body.contains("The secret was shown only once"), "{}", again.body);
    assert!(again.body.contains("If you have lost the secret"), "what to do if it is lost");
    // Opening the receipt's address afresh.
    for (lang, once, lost) in [
        ("en", "shown only once", "If you have lost the secret"),
        ("ru", "показывается только один раз", "Если вы потеряли секретный код"),
        ("kk", "бір рет қана көрсетіледі", "Құпия кодты жоғалтсаңыз"),
    ] {
        let page = app.get(&format!("/{lang}/appeals/receipt"), None).await;
        assert_eq!(page.status, StatusCode::OK, "{lang}");
        assert!(page.body.contains(once) && page.body.contains(lost), "{lang}: {}", page.body);
    }
}
