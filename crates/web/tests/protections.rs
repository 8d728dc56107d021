//! The outside review's findings on abuse: receipt guessing through the
//! API, forged client addresses behind a proxy, the metrics page, and CSRF
//! tokens in URLs.

mod support;

use adaldyq_domain::Role;
use adaldyq_web::WebConfig;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Request, StatusCode};
use serde_json::json;
use std::net::SocketAddr;
use support::TestApp;

both_backends!(
    receipt_checks_through_the_api_are_limited_per_address,
    behind_a_proxy_the_client_cannot_choose_its_address,
    metrics_answer_only_the_configured_token,
    api_calls_take_the_csrf_token_only_from_a_header,
);

/// The request as if it came over a connection from `peer`.
fn from(peer: &str, mut req: Request<Body>) -> Request<Body> {
    req.extensions_mut().insert(ConnectInfo(peer.parse::<SocketAddr>().unwrap()));
    req
}

fn filing() -> Request<Body> {
    let body = json!({ "kind": "complaint", "territory": support::DISTRICT, "subject": "s", "text": "t",
                       "language": "kk", "anonymous": true });
    Request::post("/api/v1/appeals")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .unwrap()
}

fn look_up(number: &str, secret: &str) -> Request<Body> {
    Request::get(format!("/api/v1/appeals/{number}"))
        .header(header::AUTHORIZATION, format!("Receipt {secret}"))
        .body(Body::empty())
        .unwrap()
}

/// `GET /api/v1/appeals/{number}` with a receipt secret is a guess like any
/// other: it counts against the tracking limit (5 a minute here).
async fn receipt_checks_through_the_api_are_limited_per_address(app: TestApp) {
    let config = WebConfig { trackings_per_minute: 5, ..support::test_config() };
    let app = TestApp::with_config(app.backend(), config).await.unwrap();
    let r = app.send(from("192.0.2.1:1000", filing())).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let filed: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    let (number, secret) = (filed["number"].as_str().unwrap(), filed["secret"].as_str().unwrap());
    for i in 0..5 {
        let r = app.send(from("198.51.100.1:4000", look_up(number, &format!("WRONG-{i}")))).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "guess {i}");
    }
    let r = app.send(from("198.51.100.1:4001", look_up(number, "WRONG-6"))).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = r.headers.get(header::RETRY_AFTER).unwrap().to_str().unwrap().parse().unwrap();
    assert!((1..=61).contains(&wait), "{wait}");
    let r = app.send(from("198.51.100.1:4002", look_up(number, secret))).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "even the right secret waits");
    let r = app.send(from("198.51.100.2:4000", look_up(number, secret))).await;
    assert_eq!(r.status, StatusCode::OK, "another address is not affected");
}

/// Behind a proxy, the address counted is the one the proxy appended to
/// `X-Forwarded-For` (the rightmost), not whatever the client wrote before
/// it; with two trusted proxies, the second from the right.
async fn behind_a_proxy_the_client_cannot_choose_its_address(app: TestApp) {
    let config = WebConfig { behind_proxy: true, filings_per_minute: 3, ..support::test_config() };
    let one = TestApp::with_config(app.backend(), config.clone()).await.unwrap();
    let via_proxy = |xff: String| {
        let mut req = from("10.0.0.1:5000", filing());
        req.headers_mut().insert("x-forwarded-for", xff.parse().unwrap());
        req
    };
    let mut statuses = Vec::new();
    for i in 0..5 {
        statuses.push(one.send(via_proxy(format!("203.0.113.{i}, 192.0.2.77"))).await.status);
    }
    assert_eq!(statuses[..3], [StatusCode::CREATED; 3], "{statuses:?}");
    assert_eq!(statuses[3..], [StatusCode::TOO_MANY_REQUESTS; 2], "forged entries change nothing: {statuses:?}");
    assert_eq!(one.send(via_proxy("192.0.2.78".into())).await.status, StatusCode::CREATED, "another client");

    let two = TestApp::with_config(app.backend(), WebConfig { trusted_proxy_hops: 2, ..config }).await.unwrap();
    let mut statuses = Vec::new();
    for i in 0..4 {
        statuses.push(two.send(via_proxy(format!("203.0.113.{i}, 192.0.2.77, 10.9.9.{i}"))).await.status);
    }
    assert_eq!(statuses[3], StatusCode::TOO_MANY_REQUESTS, "the CDN's entry counts: {statuses:?}");
}

async fn scrape(app: &TestApp, auth: Option<&str>) -> support::Reply {
    let mut r = Request::get("/metrics");
    if let Some(a) = auth {
        r = r.header(header::AUTHORIZATION, a);
    }
    app.send(r.body(Body::empty()).unwrap()).await
}

async fn metrics_answer_only_the_configured_token(app: TestApp) {
    // No token configured: there is no such page.
    assert_eq!(scrape(&app, None).await.status, StatusCode::NOT_FOUND);
    assert_eq!(scrape(&app, Some("Bearer ")).await.status, StatusCode::NOT_FOUND);
    let config = WebConfig { metrics_token: Some("scrape-me-7f3a".into()), ..support::test_config() };
    let with = TestApp::with_config(app.backend(), config).await.unwrap();
    for wrong in [None, Some("Bearer scrape-me-7f3b"), Some("Bearer scrape-me"), Some("Basic c2NyYXBlLW1lLTdmM2E=")] {
        let r = scrape(&with, wrong).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{wrong:?}");
        assert!(!r.body.contains("adaldyq_http_requests"), "{wrong:?}");
    }
    let r = scrape(&with, Some("Bearer scrape-me-7f3a")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("adaldyq_http_requests_total"), "{}", r.body);
}

/// A JSON call of a signed-in browser carries the token in `X-CSRF-Token`;
/// in the URL (`?csrf=`) it is refused, since URLs end up in logs, history
/// and `Referer`.
async fn api_calls_take_the_csrf_token_only_from_a_header(app: TestApp) {
    let email = app.user(Role::Officer).await;
    let s = app.sign_in(&email).await;
    let call = |query: &str, header: Option<&str>| {
        let mut r = Request::post(format!("/api/v1/staff/appeals/NO-SUCH/note{query}"))
            .header(header::CONTENT_TYPE, "application/json")
            .header("sec-fetch-site", "same-origin")
            .header(header::COOKIE, &s.cookie);
        if let Some(h) = header {
            r = r.header("x-csrf-token", h);
        }
        r.body(Body::from(r#"{"text":"x"}"#)).unwrap()
    };
    let r = app.send(call(&format!("?csrf={}", s.csrf), None)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "the token in the URL is not taken");
    let r = app.send(call("", Some(&s.csrf))).await;
    assert_ne!(r.status, StatusCode::FORBIDDEN, "the header is: {}", r.body);
    assert_eq!(app.send(call("", Some("forged"))).await.status, StatusCode::FORBIDDEN);
    // A page's plain form cannot move its token to the URL either.
    let r = app
        .send(
            Request::post(format!("/en/account/password?csrf={}", s.csrf))
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header("sec-fetch-site", "same-origin")
                .header(header::COOKIE, &s.cookie)
                .body(Body::from("current=x&new=y&confirm=y"))
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}
