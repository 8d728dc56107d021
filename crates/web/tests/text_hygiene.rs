//! Text hygiene on both backends: control characters (NUL above all, which
//! PostgreSQL refuses and SQLite stores) are refused at every input with a
//! 422 that names the field, and text that shows nothing is refused where
//! something must be said.

mod support;

use adaldyq_domain::Role;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use serde_json::{json, Value};
use support::TestApp;

both_backends!(
    nul_in_the_filing_form_is_refused_by_field_and_everything_typed_kept,
    nul_and_invisible_text_in_the_api_are_refused_by_field,
    invisible_or_nul_staff_text_is_refused_on_the_page_and_the_api,
    nul_in_a_query_or_path_is_refused_naming_the_parameter,
    kato_lines_with_nul_long_names_or_formulas_are_refused_by_line,
    the_applicants_texts_refuse_nul_and_invisible_text,
);

fn json_post(path: &str, body: &Value) -> Request<Body> {
    Request::post(path)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::ACCEPT_LANGUAGE, "en")
        .body(Body::from(body.to_string()))
        .unwrap()
}

async fn json_of(app: &TestApp, req: Request<Body>) -> (StatusCode, Value) {
    let r = app.send(req).await;
    (r.status, serde_json::from_str(&r.body).unwrap_or(Value::Null))
}

fn fields_and_problems(p: &Value) -> Vec<(String, String)> {
    p["errors"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|e| (e["field"].as_str().unwrap().to_owned(), e["problem"].as_str().unwrap().to_owned()))
                .collect()
        })
        .unwrap_or_default()
}

/// Files an anonymous appeal through the API: (number, secret).
async fn file(app: &TestApp) -> (String, String) {
    let body = json!({
        "kind": "complaint", "territory": support::DISTRICT, "institution": app.institution,
        "subject": "s", "text": "t", "language": "kk", "anonymous": true
    });
    let (status, v) = json_of(app, json_post("/api/v1/appeals", &body)).await;
    assert_eq!(status, StatusCode::CREATED, "{v}");
    (v["number"].as_str().unwrap().to_owned(), v["secret"].as_str().unwrap().to_owned())
}

async fn nul_in_the_filing_form_is_refused_by_field_and_everything_typed_kept(app: TestApp) {
    let fields = [
        ("token", "nul-1"),
        ("kind", "complaint"),
        ("territory", support::DISTRICT),
        ("subject", "Жол\u{0}"),
        ("text", "Көшеде\u{0} жарық жоқ"),
        ("language", "kk"),
        ("anonymous", "no"),
        ("name", "Айгүл\u{0}"),
        ("phone", "+7 701 123 45 67"),
    ];
    let r = app.post_form("/en/appeals/new", &fields, None).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    for anchor in ["href=\"#subject\"", "href=\"#text\"", "href=\"#name\""] {
        assert!(r.body.contains(anchor), "the error summary links {anchor}");
    }
    assert!(r.body.matches("control characters").count() >= 3, "each field says why");
    assert!(r.body.contains("Көшеде\u{0} жарық жоқ</textarea>"), "the text is kept");
    assert!(r.body.contains("value=\"+7 701 123 45 67\""), "the phone is kept");
    assert!(app.db.store.appeal_by_number("43-2026-000001").await.unwrap().is_none(), "nothing was filed");
}

async fn nul_and_invisible_text_in_the_api_are_refused_by_field(app: TestApp) {
    let body = json!({
        "kind": "complaint", "territory": support::DISTRICT, "subject": "Su\u{0}", "text": "Сумен\u{0}",
        "language": "kk", "anonymous": false,
        "contact": { "name": "Test\u{0}", "phone": "+7 701 000 00 00" }
    });
    let (status, p) = json_of(&app, json_post("/api/v1/appeals", &body)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{p}");
    let want = |f: &str, p: &str| (f.to_owned(), p.to_owned());
    assert_eq!(
        fields_and_problems(&p),
        vec![
            want("subject", "control_characters"),
            want("text", "control_characters"),
            want("name", "control_characters")
        ]
    );
    assert!(p["errors"][0]["message"].as_str().unwrap().starts_with("Subject:"), "{p}");
    // A subject of format characters only, and a text of zero-width spaces.
    let body = json!({
        "kind": "complaint", "territory": support::DISTRICT, "subject": "\u{200e}\u{2060}\u{feff}",
        "text": "\u{200b}\u{200b}", "language": "kk", "anonymous": true
    });
    let (status, p) = json_of(&app, json_post("/api/v1/appeals", &body)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{p}");
    assert_eq!(fields_and_problems(&p), vec![want("subject", "invisible"), want("text", "invisible")]);
}

async fn invisible_or_nul_staff_text_is_refused_on_the_page_and_the_api(app: TestApp) {
    let (number, _) = file(&app).await;
    let officer = app.sign_in(&app.user(Role::Officer).await).await;
    let answer = format!("/en/staff/appeals/{number}/answer");
    let r = app.post_form(&answer, &[("text", "\u{200b}\u{200b}")], Some(&officer)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("Answer: write something visible"), "{}", r.body);
    let r = app.post_form(&format!("/en/staff/appeals/{number}/note"), &[("text", "a\u{0}b")], Some(&officer)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Note: this holds control characters"), "{}", r.body);
    assert!(r.body.contains("a\u{0}b</textarea>"), "the note is kept");

    let email = app.user(Role::Officer).await;
    let id = app.db.store.user_by_email(&email).await.unwrap().unwrap().id;
    let (token, hash) = adaldyq_web::auth::new_token();
    app.db.store.create_token(id, &hash, "test", adaldyq_web::state::now()).await.unwrap();
    let call = |action: &str, body: Value| {
        Request::post(format!("/api/v1/staff/appeals/{number}/{action}"))
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()))
            .unwrap()
    };
    let (status, p) = json_of(&app, call("answer", json!({ "text": "\u{200b}\u{200b}" }))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{p}");
    assert_eq!(fields_and_problems(&p), vec![("text".to_owned(), "invisible".to_owned())]);
    let (status, p) = json_of(&app, call("clarify", json!({ "question": "Қай\u{0}жерде?" }))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{p}");
    assert_eq!(fields_and_problems(&p), vec![("question".to_owned(), "control_characters".to_owned())]);
    let a = app.db.store.appeal_by_number(&number).await.unwrap().unwrap();
    assert_eq!(app.db.store.appeal_events(a.id).await.unwrap().len(), 2, "nothing was recorded");
}

async fn nul_in_a_query_or_path_is_refused_naming_the_parameter(app: TestApp) {
    let r = app.get("/api/v1/institutions?territory=%00", None).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let p: Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(fields_and_problems(&p), vec![("territory".to_owned(), "control_characters".to_owned())]);
    let officer = app.sign_in(&app.user(Role::Officer).await).await;
    let r = app.get("/en/staff/appeals/%00", Some(&officer)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("<html lang=\"en\">") && r.body.contains("“number”"), "{}", r.body);
    let r = app.get("/ru/staff/appeals?q=a%00b", Some(&officer)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("«q»"), "in the reader's language: {}", r.body);
    assert_eq!(
        // (Not `territory`: that must be a KATO code, so a new line there is a 422.)
        app.get("/api/v1/territories?note=a%0Ab", None).await.status,
        StatusCode::OK,
        "a new line is no harm"
    );
}

async fn kato_lines_with_nul_long_names_or_formulas_are_refused_by_line(app: TestApp) {
    let s = app.sign_in(&app.user(Role::Administrator).await).await;
    let before = app.db.store.territories().await.unwrap();
    let long = "А".repeat(100_000);
    let csv = format!(
        "code,parent_code,level,kind,name_kk,name_ru\n\
         433299000,433200000,3,rural_okrug,Демо\u{0} а.о.,Демо с.о.\n\
         433299100,433299000,4,settlement,{long},с.Демо\n\
         433299200,433299000,4,settlement,Демо,=HYPERLINK(\"http://evil\")\n"
    );
    let r = app.post_form("/en/admin/territories", &[("csv", &csv)], Some(&s)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", &r.body[..r.body.len().min(3000)]);
    assert!(r.body.contains("Line 2: the column name_kk holds control characters"), "the NUL line is named");
    assert!(r.body.contains("Line 3: a name is longer than 200 characters"));
    assert!(r.body.contains("Line 4: the name “=HYPERLINK"), "the formula is named");
    assert_eq!(app.db.store.territories().await.unwrap(), before, "nothing changed");
}

async fn the_applicants_texts_refuse_nul_and_invisible_text(app: TestApp) {
    let (number, secret) = file(&app).await;
    let info = |text: &'static str| {
        let (number, secret) = (number.clone(), secret.clone());
        let app = &app;
        async move {
            let fields = [("number", number.as_str()), ("secret", secret.as_str()), ("text", text)];
            app.post_form("/en/track/information", &fields, None).await
        }
    };
    let r = info("a\u{0}b").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("href=\"#info-text\">What would you like to add?: this holds control characters"),
        "the field is named: {}",
        r.body
    );
    let r = info("\u{200b}").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("write something visible") && r.body.contains("aria-invalid=\"true\""), "{}", r.body);
    assert_eq!(info("Қосымша мәлімет").await.status, StatusCode::OK);
    let a = app.db.store.appeal_by_number(&number).await.unwrap().unwrap();
    assert_eq!(app.db.store.appeal_events(a.id).await.unwrap().len(), 3, "only the visible text was recorded");
}
