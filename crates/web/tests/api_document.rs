//! The API keeps to its document (/api/v1/openapi.json): what the document
//! calls invalid is refused with the answer it names, and what it calls
//! valid is taken. scripts/schemathesis.sh checks the same from outside;
//! these are the disagreements it found, one by one.

mod support;

use adaldyq_domain::Role;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use serde_json::Value;
use support::{TestApp, DISTRICT};

both_backends!(
    institutions_take_only_a_kato_territory,
    the_inbox_refuses_what_the_document_does_not_list,
    the_due_date_calculator_takes_only_the_documented_form,
    the_log_takes_only_plain_whole_numbers,
    whole_numbers_written_with_a_fraction_are_taken,
    a_repeated_query_parameter_is_the_documented_400,
);

async fn json_of(app: &TestApp, req: Request<Body>) -> (StatusCode, Value) {
    let r = app.send(req).await;
    (r.status, serde_json::from_str(&r.body).unwrap_or(Value::Null))
}

async fn get(app: &TestApp, path: &str, bearer: Option<&str>) -> (StatusCode, Value) {
    let mut req = Request::get(path).header(header::ACCEPT_LANGUAGE, "en");
    if let Some(t) = bearer {
        req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    json_of(app, req.body(Body::empty()).unwrap()).await
}

/// A 422 problem whose `errors` name exactly `field`.
fn names_field(status: StatusCode, p: &Value, field: &str) {
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{p}");
    let fields: Vec<&str> = p["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, vec![field], "{p}");
    assert!(p["detail"].as_str().unwrap().contains(field), "the message names it: {p}");
}

/// A staff member of `role` with an API token; their user id and the token.
async fn token(app: &TestApp, role: Role) -> (i64, String) {
    let email = app.user(role).await;
    let id = app.db.store.user_by_email(&email).await.unwrap().unwrap().id;
    let (token, hash) = adaldyq_web::auth::new_token();
    app.db.store.create_token(id, &hash, "test", adaldyq_web::state::now()).await.unwrap();
    (id, token)
}

fn post_json(path: &str, bearer: Option<&str>, body: &str) -> Request<Body> {
    let mut req =
        Request::post(path).header(header::CONTENT_TYPE, "application/json").header(header::ACCEPT_LANGUAGE, "en");
    if let Some(t) = bearer {
        req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    req.body(Body::from(body.to_owned())).unwrap()
}

async fn file(app: &TestApp, institution: &str) -> Value {
    let body = format!(
        r#"{{"kind": "complaint", "territory": "{DISTRICT}", "institution": {institution}, "subject": "Жарық",
            "text": "Көшеде жарық жоқ", "language": "kk", "anonymous": true}}"#
    );
    let (status, v) = json_of(app, post_json("/api/v1/appeals", None, &body)).await;
    assert_eq!(status, StatusCode::CREATED, "{v}");
    v
}

async fn institutions_take_only_a_kato_territory(app: TestApp) {
    let (status, all) = get(&app, "/api/v1/institutions", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(all["institutions"].as_array().unwrap().len(), 1);
    let (status, under) = get(&app, &format!("/api/v1/institutions?territory={DISTRICT}"), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(under["institutions"][0]["id"], app.institution);
    // The document says ^[0-9]{9}$; these were answered with the whole
    // registry or an empty list.
    for bad in ["", "43320000", "4332000000", "abcdefghi", "null", "%20433200000"] {
        let (status, p) = get(&app, &format!("/api/v1/institutions?territory={bad}"), None).await;
        names_field(status, &p, "territory");
    }
}

async fn the_inbox_refuses_what_the_document_does_not_list(app: TestApp) {
    let (_, t) = token(&app, Role::Officer).await;
    file(&app, &app.institution.to_string()).await;
    for good in
        ["", "?limit=1", "?limit=200", "?status=registered", "?kind=complaint&language=kk", "?territory=433200000"]
    {
        let (status, v) = get(&app, &format!("/api/v1/staff/appeals{good}"), Some(&t)).await;
        assert_eq!(status, StatusCode::OK, "{good}: {v}");
    }
    let (_, one) = get(&app, "/api/v1/staff/appeals?limit=1", Some(&t)).await;
    assert_eq!(one["appeals"].as_array().unwrap().len(), 1);
    // limit=0 was taken as 1 and limit=500 as 200; the others were no filter.
    for (bad, field) in [
        ("limit=0", "limit"),
        ("limit=201", "limit"),
        ("limit=-3", "limit"),
        ("status=lost", "status"),
        ("status=", "status"),
        ("kind=wish", "kind"),
        ("language=de", "language"),
        ("territory=4332", "territory"),
    ] {
        let (status, p) = get(&app, &format!("/api/v1/staff/appeals?{bad}"), Some(&t)).await;
        names_field(status, &p, field);
    }
}

async fn the_due_date_calculator_takes_only_the_documented_form(app: TestApp) {
    for good in ["registered=2026-03-18T10:00", "registered=2026-03-18", "registered=2024-02-29T09:30:15&days=366"] {
        let (status, v) = get(&app, &format!("/api/v1/calendar/due?{good}"), None).await;
        assert_eq!(status, StatusCode::OK, "{good}: {v}");
    }
    // The documented 400 for what the pattern refuses; " 2026-03-18" and
    // "days= 5" were taken, an empty `registered` is what schemathesis sent.
    for bad in [
        "registered=",
        "registered=%202026-03-18",
        "registered=2026-02-29",
        "registered=1999-12-31",
        "registered=2026-03-18T10:00:00.5",
        "registered=2026-03-18&days=%205",
        "registered=2026-03-18&days=%2B5",
    ] {
        let (status, p) = get(&app, &format!("/api/v1/calendar/due?{bad}"), None).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {p}");
        assert_eq!(p["status"], 400, "a problem body: {p}");
        let named = if bad.contains("days") { "parameter days" } else { "parameter registered" };
        assert!(p["detail"].as_str().unwrap().contains(named), "{bad}: {p}");
    }
}

async fn the_log_takes_only_plain_whole_numbers(app: TestApp) {
    file(&app, "null").await;
    app.state.checkpoint().await.unwrap().unwrap();
    let (status, v) = get(&app, "/api/v1/log/leaves?start=0&end=1", None).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    // A sign or a space was taken; a number past what the store keeps
    // reached it.
    for bad in ["start=%2B0&end=1", "start=%200&end=1", "start=0&end=9223372036854775808"] {
        let (status, p) = get(&app, &format!("/api/v1/log/leaves?{bad}"), None).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {p}");
        assert!(p["detail"].as_str().unwrap().contains("whole number"), "{bad}: {p}");
    }
}

async fn whole_numbers_written_with_a_fraction_are_taken(app: TestApp) {
    // JSON Schema counts 3.0 as an integer; serde alone refused it with 422.
    let filed = file(&app, &format!("{}.0", app.institution)).await;
    let number = filed["number"].as_str().unwrap();
    let (officer, _) = token(&app, Role::Officer).await;
    let (_, head) = token(&app, Role::Head).await;
    let assign = format!("/api/v1/staff/appeals/{number}/assign");
    let (status, v) = json_of(&app, post_json(&assign, Some(&head), &format!(r#"{{"officer": {officer}.0}}"#))).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    let a = app.db.store.appeal_by_number(number).await.unwrap().unwrap();
    assert_eq!(a.assignee_id, Some(officer));
    let (status, p) = json_of(&app, post_json(&assign, Some(&head), r#"{"officer": 2.5}"#)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a fraction is not a whole number: {p}");
    // A cosignature's size: it was a 400 "malformed"; now it is read, and the
    // stranger's signature is what is refused.
    let c = app.state.checkpoint().await.unwrap().unwrap();
    let body = format!(r#"{{"size": {}.0, "signature": "— stranger.example AAAA\n"}}"#, c.size);
    let (status, p) = json_of(&app, post_json("/api/v1/log/cosignatures", None, &body)).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{p}");
}

async fn a_repeated_query_parameter_is_the_documented_400(app: TestApp) {
    let (_, t) = token(&app, Role::Officer).await;
    for path in [
        "/api/v1/institutions?territory=433200000&territory=433200000",
        "/api/v1/calendar/due?registered=2026-03-18&registered=2026-03-18",
        "/api/v1/log/leaves?start=0&start=0&end=1",
        "/api/v1/staff/appeals?limit=5&limit=5",
    ] {
        let (status, p) = get(&app, path, Some(&t)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{path}: {p}");
        assert_eq!(p["status"], 400, "a problem body: {p}");
        let op = path.split('?').next().unwrap();
        let documented = &adaldyq_web::api::openapi::document()["paths"][op]["get"]["responses"]["400"];
        assert!(documented.is_object(), "{op} documents its 400");
    }
}
