//! API tokens: an administrator issues one to a staff member, whose software
//! then reads the inbox and answers through the API; revoking ends it.

mod support;

use adaldyq_domain::Role;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use serde_json::{json, Value};
use support::TestApp;

both_backends!(a_token_works_until_it_is_revoked);

async fn a_token_works_until_it_is_revoked(app: TestApp) {
    let officer = app.user(Role::Officer).await;
    let citizen = app.user(Role::Citizen).await;
    let admin = app.sign_in(&app.user(Role::Administrator).await).await;
    let bad = app
        .post_form("/en/admin/tokens", &[("action", "issue"), ("email", &citizen), ("name", "x")], Some(&admin))
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "tokens are for staff");
    let r = app
        .post_form("/en/admin/tokens", &[("action", "issue"), ("email", &officer), ("name", "CRM")], Some(&admin))
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let token = r.body.split("<code data-verbatim>").nth(1).unwrap().split('<').next().unwrap().to_owned();
    assert!(token.len() >= 40);
    assert!(!app.get("/en/admin/tokens", Some(&admin)).await.body.contains(&token), "shown once");

    let filed = app
        .send(
            Request::post("/api/v1/appeals")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(
                    json!({ "kind": "complaint", "territory": support::DISTRICT, "institution": app.institution,
                            "subject": "s", "text": "t", "language": "en", "anonymous": true })
                    .to_string(),
                ))
                .unwrap(),
        )
        .await;
    let number = serde_json::from_str::<Value>(&filed.body).unwrap()["number"].as_str().unwrap().to_owned();
    let with = |req: axum::http::request::Builder, t: &str| req.header(header::AUTHORIZATION, format!("Bearer {t}"));
    let inbox = app.send(with(Request::get("/api/v1/staff/appeals"), &token).body(Body::empty()).unwrap()).await;
    assert_eq!(inbox.status, StatusCode::OK, "{}", inbox.body);
    let v: Value = serde_json::from_str(&inbox.body).unwrap();
    assert_eq!(v["appeals"][0]["number"], number.as_str());
    let answer = |t: &str| {
        with(Request::post(format!("/api/v1/staff/appeals/{number}/answer")), t)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(json!({ "text": "Fixed." }).to_string()))
            .unwrap()
    };
    let r = app.send(answer(&token)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(app.send(answer(&token)).await.status, StatusCode::CONFLICT, "answered once");
    assert_eq!(app.send(answer("not-a-token")).await.status, StatusCode::UNAUTHORIZED);

    let id = app.db.store.tokens().await.unwrap()[0].id.to_string();
    let r = app.post_form("/en/admin/tokens", &[("action", "revoke"), ("id", &id)], Some(&admin)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let after = app.send(with(Request::get("/api/v1/staff/appeals"), &token).body(Body::empty()).unwrap()).await;
    assert_eq!(after.status, StatusCode::UNAUTHORIZED, "a revoked token is no token");
}
