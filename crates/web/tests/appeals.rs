//! Filing and following appeals, through the pages and the API, on both
//! backends: receipts, deadlines, kept input, no oracle, no trace of an
//! anonymous filer.

mod support;

use adaldyq_domain::appeal::Status;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use serde_json::{json, Value};
use support::{anonymous_form, post, receipt, TestApp};

both_backends!(
    an_anonymous_appeal_gets_a_receipt_and_can_be_followed,
    a_rejected_form_keeps_everything_typed,
    a_resubmitted_form_files_once,
    the_api_files_and_follows,
    the_api_refuses_bad_input_in_the_readers_language,
    due_dates_are_explained,
    nothing_identifying_is_kept_for_anonymous_filers,
    tracking_is_rate_limited,
    filing_is_rate_limited,
    the_institution_search_works_without_javascript,
    a_signed_in_citizen_lists_their_own_appeals,
);

const ARAL_OKRUG: &str = "433233000";

async fn an_anonymous_appeal_gets_a_receipt_and_can_be_followed(app: TestApp) {
    let form = app.get("/en/appeals/new", None).await;
    assert_eq!(form.status, StatusCode::OK);
    for field in ["name=\"anonymous\"", "name=\"kind\"", "name=\"token\""] {
        assert!(form.body.contains(field), "the first question page has {field}");
    }
    let token = support::between(&form.body, "name=\"token\" value=\"", "\"").unwrap().to_owned();
    let details = post(
        &app,
        "/en/appeals/new",
        &[("go", "details".into()), ("token", token), ("anonymous", "yes".into()), ("kind", "complaint".into())],
    )
    .await;
    assert_eq!(details.status, StatusCode::OK, "{}", details.body);
    for field in ["name=\"territory\"", "name=\"institution\"", "name=\"subject\"", "name=\"text\"", "name=\"token\""] {
        assert!(details.body.contains(field), "the second has {field}");
    }
    assert!(details.body.contains(&format!("value=\"{ARAL_OKRUG}\"")), "rural districts can be chosen");
    let r = post(&app, "/en/appeals/new", &anonymous_form("t1")).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert!(r.headers.get(header::SET_COOKIE).is_none(), "an anonymous filer gets no cookie");
    assert_eq!(r.headers.get(header::CACHE_CONTROL).unwrap(), "no-store");
    let (number, secret) = receipt(&r.body);
    let year = number.split('-').nth(1).unwrap().to_owned();
    assert_eq!(number, format!("43-{year}-000001"));
    assert_eq!(secret.replace('-', "").len(), 26);
    assert!(r.body.contains("cannot be recovered"), "the plain warning");
    assert!(r.body.contains("<svg"), "a QR code");

    let stored = app.db.store.appeal_by_number(&number).await.unwrap().unwrap();
    assert!(stored.anonymous);
    assert_eq!(stored.status, Status::Registered);
    assert_eq!((stored.channel, stored.reception_id), (adaldyq_domain::appeal::AppealChannel::Web, None), "the form");
    assert!(app.db.store.appeal_contact(stored.id).await.unwrap().is_none());
    let calendar = app.state.calendar();
    let registered: jiff::civil::Date = stored.registered_on.parse().unwrap();
    assert!(calendar.is_working_day(registered), "registered on a working day");
    assert_eq!(stored.due_on, calendar.due_date(registered, 15).due.to_string(), "15 working days");

    let t = post(&app, "/en/track", &[("number", number.clone()), ("secret", secret.clone())]).await;
    assert_eq!(t.status, StatusCode::OK, "{}", t.body);
    assert!(t.body.contains("Registered") && t.body.contains("Filed"), "status and history");
    assert!(t.body.contains("(applicant)") && t.body.contains("(platform)"), "roles, never names");
    let lower =
        post(&app, "/en/track", &[("number", number.clone()), ("secret", secret.to_lowercase().replace('-', ""))])
            .await;
    assert_eq!(lower.status, StatusCode::OK, "the secret is forgiving to type");

    let wrong = post(&app, "/en/track", &[("number", number.clone()), ("secret", "AAAA-BBBB".into())]).await;
    let unknown = post(&app, "/en/track", &[("number", format!("43-{year}-999999")), ("secret", secret.clone())]).await;
    assert_eq!(wrong.status, StatusCode::NOT_FOUND);
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(
        wrong.body.replace(&number, "N"),
        unknown.body.replace(&format!("43-{year}-999999"), "N"),
        "a wrong secret and an unknown number read the same"
    );

    let d = post(&app, "/en/appeals/receipt", &[("number", number.clone()), ("secret", secret.clone())]).await;
    assert_eq!(d.status, StatusCode::OK);
    assert!(d.headers.get(header::CONTENT_DISPOSITION).unwrap().to_str().unwrap().contains("attachment"));
    assert!(d.body.contains(&number) && d.body.contains(&secret));
    let d = post(&app, "/en/appeals/receipt", &[("number", number.clone()), ("secret", "nope".into())]).await;
    assert_eq!(d.status, StatusCode::NOT_FOUND, "no receipt without the secret");
}

async fn a_rejected_form_keeps_everything_typed(app: TestApp) {
    let fields = vec![
        ("token", "t2".to_owned()),
        ("kind", "complaint".into()),
        ("territory", ARAL_OKRUG.into()),
        ("subject", "".into()),
        ("text", "Көшеде жарық жоқ, үш ай бойы.".into()),
        ("language", "kk".into()),
        ("anonymous", "no".into()),
        ("name", "Айгүл Сейітова".into()),
        ("phone", "12345".into()),
        ("iin", "900101300018".into()),
    ];
    let r = post(&app, "/ru/appeals/new", &fields).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("<html lang=\"ru\">"));
    for anchor in ["href=\"#subject\"", "href=\"#phone\"", "href=\"#iin\""] {
        assert!(r.body.contains(anchor), "the error summary links {anchor}");
    }
    assert!(r.body.contains(">Көшеде жарық жоқ, үш ай бойы.</textarea>"), "the text is kept");
    assert!(r.body.contains("value=\"Айгүл Сейітова\""), "the name is kept");
    assert!(r.body.contains(&format!("value=\"{ARAL_OKRUG}\" selected")), "the territory stays chosen");
    assert!(r.body.contains("name=\"kind\" value=\"complaint\""), "the kind stays chosen");
    assert!(r.body.contains("value=\"t2\""), "the same form token, so a retry files once");
    assert!(app.db.store.appeal_by_number("43-2026-000001").await.unwrap().is_none());
    // An institution of another district is refused, not silently moved.
    let other = support::other_body(&app).await;
    let mut f = anonymous_form("t3");
    f.push(("institution", other.to_string()));
    let r = post(&app, "/en/appeals/new", &f).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("href=\"#institution\""));
    let mut f = anonymous_form("t4");
    f.push(("institution", app.institution.to_string()));
    assert_eq!(post(&app, "/en/appeals/new", &f).await.status, StatusCode::CREATED, "its own district's body is fine");
}

async fn a_resubmitted_form_files_once(app: TestApp) {
    let first = post(&app, "/en/appeals/new", &anonymous_form("same")).await;
    assert_eq!(first.status, StatusCode::CREATED);
    let (number, _) = receipt(&first.body);
    let again = post(&app, "/en/appeals/new", &anonymous_form("same")).await;
    assert_eq!(again.status, StatusCode::OK);
    assert!(again.body.contains("already sent"), "{}", again.body);
    assert!(again.body.contains(&number));
    assert!(!again.body.contains("<dd class=\"big\" data-verbatim>"), "the secret is not shown again");
    let next = post(&app, "/en/appeals/new", &anonymous_form("other")).await;
    assert!(receipt(&next.body).0.ends_with("000002"), "nothing was filed twice");
}

async fn api(app: &TestApp, req: Request<Body>) -> (StatusCode, Value, axum::http::HeaderMap) {
    let r = app.send(req).await;
    (r.status, serde_json::from_str(&r.body).unwrap_or(Value::Null), r.headers)
}

fn post_json(body: &Value) -> Request<Body> {
    Request::post("/api/v1/appeals")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::ACCEPT_LANGUAGE, "ru")
        .body(Body::from(body.to_string()))
        .unwrap()
}

async fn the_api_files_and_follows(app: TestApp) {
    let body = json!({
        "kind": "complaint", "territory": ARAL_OKRUG, "institution": app.institution,
        "subject": "Su", "text": "Сумен жабдықтау жоқ", "language": "kk", "anonymous": false,
        "contact": { "name": "Test", "email": "Test@Example.kz", "phone": "+7 701 000 00 00" }
    });
    let (status, created, headers) = api(&app, post_json(&body)).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(headers.get(header::CACHE_CONTROL).unwrap(), "no-store");
    let number = created["number"].as_str().unwrap().to_owned();
    let secret = created["secret"].as_str().unwrap().to_owned();
    assert_eq!(created["status"], "registered");
    assert!(created["registered_on"].as_str().unwrap() <= created["due_on"].as_str().unwrap());
    let stored = app.db.store.appeal_by_number(&number).await.unwrap().unwrap();
    assert_eq!(stored.channel, adaldyq_domain::appeal::AppealChannel::Api, "filed through the API");
    let contact = app.db.store.appeal_contact(stored.id).await.unwrap().unwrap();
    assert_eq!(contact.email.as_deref(), Some("test@example.kz"));
    assert_eq!(contact.phone.as_deref(), Some("+77010000000"));

    let get = |secret: &str| {
        Request::get(format!("/api/v1/appeals/{number}"))
            .header(header::AUTHORIZATION, format!("Receipt {secret}"))
            .header(header::ACCEPT_LANGUAGE, "en")
            .body(Body::empty())
            .unwrap()
    };
    let (status, shown, _) = api(&app, get(&secret)).await;
    assert_eq!(status, StatusCode::OK, "{shown}");
    assert_eq!(shown["number"], number.as_str());
    assert_eq!(shown["status"], "registered");
    assert_eq!(shown["due_on"], created["due_on"]);
    assert!(shown["due_explanation"].as_str().unwrap().contains("due"));
    assert_eq!(shown["events"].as_array().unwrap().len(), 2);
    assert!(shown.get("contact").is_none() && !shown.to_string().contains("Test@"), "no personal data");
    let (status, missing, headers) = api(&app, get("WRONG")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(headers.get(header::CONTENT_TYPE).unwrap(), "application/problem+json");
    let unknown = Request::get("/api/v1/appeals/43-2026-999999")
        .header(header::AUTHORIZATION, format!("Receipt {secret}"))
        .header(header::ACCEPT_LANGUAGE, "en")
        .body(Body::empty())
        .unwrap();
    assert_eq!(api(&app, unknown).await.1, missing, "the same answer for an unknown number");
}

async fn the_api_refuses_bad_input_in_the_readers_language(app: TestApp) {
    let (status, p, _) = api(&app, post_json(&json!({ "kind": "wish", "territory": "x", "subject": "", "text": "t", "language": "kk", "anonymous": true }))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> = p["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, vec!["kind", "territory", "subject"]);
    assert!(p["errors"][0]["message"].as_str().unwrap().chars().any(|c| ('а'..='я').contains(&c)), "{p}");
    // Each message is written for its field, as on the form: a bad IIN is
    // not "IIN (if you wish): …".
    let named = json!({ "kind": "complaint", "territory": support::DISTRICT, "subject": "s", "text": "t", "language": "kk",
        "anonymous": false, "contact": { "name": "Aigul", "phone": "+7 701 000 00 00", "iin": "12" } });
    let (status, p, _) = api(&app, post_json(&named)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{p}");
    let iin = p["errors"].as_array().unwrap().iter().find(|e| e["field"] == "iin").expect("the IIN is refused");
    let message = iin["message"].as_str().unwrap();
    for optional in ["(if you wish)", "(қаласаңыз)", "(по желанию)"] {
        assert!(!message.contains(optional), "{message}");
    }
    assert!(message.contains("12 "), "says what an IIN is (12 digits): {message}");
    let (status, _, _) = api(&app, post_json(&json!({ "kind": "complaint", "surprise": 1 }))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "unknown or missing fields");
    let bad = Request::post("/api/v1/appeals")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from("{"))
        .unwrap();
    assert_eq!(api(&app, bad).await.0, StatusCode::UNPROCESSABLE_ENTITY);
    // Baikonur is shown but receives nothing by default.
    app.db.store.set_routable(support::DISTRICT, false).await.unwrap();
    let (status, p, _) = api(&app, post_json(&json!({ "kind": "complaint", "territory": support::DISTRICT, "subject": "s", "text": "t", "language": "ru", "anonymous": true }))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(p["errors"][0]["field"], "territory");
}

async fn due_dates_are_explained(app: TestApp) {
    let r = app.get("/api/v1/calendar/due?registered=2026-03-18T10:00&days=15", None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v: Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(v["registered_on"], "2026-03-18");
    assert_eq!(v["due_on"], "2026-04-13");
    let skipped: Vec<(&str, &str)> = v["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["date"].as_str().unwrap(), s["reason"].as_str().unwrap()))
        .collect();
    // 21–22 March 2026 fall on a weekend: their days off move to 24–25 March.
    assert_eq!(
        skipped,
        vec![("2026-03-23", "nauryz"), ("2026-03-24", "holiday_carry_over"), ("2026-03-25", "holiday_carry_over")]
    );
    let late = app.get("/api/v1/calendar/due?registered=2026-03-02T18:45&days=15", None).await;
    let v: Value = serde_json::from_str(&late.body).unwrap();
    assert_eq!(v["registered_on"], "2026-03-03", "after hours: the next working day");
    for bad in [
        "/api/v1/calendar/due",
        "/api/v1/calendar/due?registered=yesterday",
        "/api/v1/calendar/due?registered=2026-03-18T10:00&days=0",
    ] {
        let r = app.get(bad, None).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad}");
        assert_eq!(r.headers.get(header::CONTENT_TYPE).unwrap(), "application/problem+json");
    }
    let page = app.get("/en/calendar?registered=2026-03-18T10%3A00&days=15", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("13.04.2026") && page.body.contains("23.03.2026–25.03.2026") && page.body.contains("Nauryz"),
        "{}",
        page.body
    );
    let page = app.get("/ru/calendar?registered=nonsense", None).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("<html lang=\"ru\">") && page.body.contains("value=\"nonsense\""), "the input is kept");
}

async fn nothing_identifying_is_kept_for_anonymous_filers(app: TestApp) {
    let fields = anonymous_form("t5");
    let body = serde_urlencoded::to_string(&fields).unwrap();
    let r = app
        .send(
            Request::post("/en/appeals/new")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header("sec-fetch-site", "same-origin")
                .header(header::USER_AGENT, "UniqueAgent/7.7 (filer-fingerprint)")
                .header("x-forwarded-for", "203.0.113.77")
                .header(header::COOKIE, "tracking=cookie-value-xyz; adaldyq_lang=kk")
                .body(Body::from(body))
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let mut dump = Vec::new();
    adaldyq_store::export::export(app.db.store.as_ref(), &mut dump).await.unwrap();
    let dump = String::from_utf8(dump).unwrap();
    assert!(dump.contains("Мекемеде пара сұрады."), "the appeal itself is there");
    for trace in ["UniqueAgent", "203.0.113.77", "cookie-value-xyz", "filer-fingerprint"] {
        assert!(!dump.contains(trace), "{trace} is stored somewhere");
    }
}

async fn tracking_is_rate_limited(app: TestApp) {
    let mut last = StatusCode::OK;
    for i in 0..61 {
        last =
            post(&app, "/en/track", &[("number", format!("43-2026-{i:06}")), ("secret", "guess".into())]).await.status;
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS, "guessing secrets is slowed down");
    assert_eq!(app.get("/en/track", None).await.status, StatusCode::OK, "the form itself still opens");
}

async fn filing_is_rate_limited(app: TestApp) {
    // 20 filings a minute from one address by default: a person never meets it.
    let mut statuses = Vec::new();
    for i in 0..21 {
        statuses.push(post(&app, "/en/appeals/new", &anonymous_form(&format!("rl{i}"))).await.status);
    }
    assert!(statuses[..20].iter().all(|s| *s == StatusCode::CREATED), "{statuses:?}");
    assert_eq!(statuses[20], StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(app.get("/en/appeals/new", None).await.status, StatusCode::OK, "reading the form is never limited");
}

async fn the_institution_search_works_without_javascript(app: TestApp) {
    app.db
        .store
        .create_institution(&adaldyq_store::NewInstitution {
            territory_code: support::DISTRICT.into(),
            name_kk: "Жер қатынастары бөлімі".into(),
            name_ru: "Отдел земельных отношений".into(),
            name_en: "Land relations department".into(),
            is_demo: true,
        })
        .await
        .unwrap();
    let mut fields = anonymous_form("s1");
    fields.push(("go", "find".into()));
    fields.push(("place", "земельн".into()));
    let r = post(&app, "/ru/appeals/new", &fields).await;
    assert_eq!(r.status, StatusCode::OK, "a search, not a filing");
    assert!(r.body.contains("Отдел земельных отношений"), "the match is offered");
    assert!(!r.body.contains("Демо учреждение"), "the others are not");
    assert!(r.body.contains("value=\"Пара\""), "everything typed is kept");
    assert!(r.body.contains("найден один орган, он выбран"), "and it says what it found");
    assert!(
        app.db.store.appeal_by_number(&format!("43-{}-000001", 2026)).await.unwrap().is_none(),
        "nothing was filed"
    );
    let latin = {
        let mut f = anonymous_form("s2");
        f.push(("go", "find".into()));
        f.push(("place", "jer".into()));
        post(&app, "/en/appeals/new", &f).await
    };
    assert!(latin.body.contains("Land relations department"), "Kazakh names are found in Latin letters too");
    // Enter pressed in a field presses the form's first (hidden) button:
    // with a search typed and no place chosen, that is a search...
    let mut by_enter = anonymous_form("s3");
    by_enter.retain(|(k, _)| *k != "territory");
    by_enter.push(("go", "enter".into()));
    by_enter.push(("place", "земельн".into()));
    let r = post(&app, "/ru/appeals/new", &by_enter).await;
    assert_eq!(r.status, StatusCode::OK, "Enter in the search field searches");
    assert!(r.body.contains("Отдел земельных отношений"));
    assert!(!r.body.contains("name=\"go\" value=\"send\""), "not the check page");
    // ...and otherwise the filer continues to "check your answers".
    let mut next = anonymous_form("s4");
    next.push(("go", "enter".into()));
    let r = post(&app, "/ru/appeals/new", &next).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("name=\"go\" value=\"send\""), "Enter elsewhere continues to the check page");
}

async fn a_signed_in_citizen_lists_their_own_appeals(app: TestApp) {
    use adaldyq_domain::Role;
    let me = app.sign_in(&app.user(Role::Citizen).await).await;
    let named = [
        ("token", "m1"),
        ("kind", "proposal"),
        ("territory", support::DISTRICT),
        ("subject", "Саябақ"),
        ("text", "Саябақ салу керек"),
        ("language", "kk"),
        ("anonymous", "no"),
        ("name", "Азамат"),
        ("email", "azamat@test.example"),
    ];
    let r = app.post_form("/en/appeals/new", &named, Some(&me)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let mine = r.body.split("<dd class=\"big\">").nth(1).unwrap().split('<').next().unwrap().to_owned();
    let mut anonymous = named.to_vec();
    anonymous.retain(|(k, _)| !["name", "email", "anonymous", "token"].contains(k));
    anonymous.push(("anonymous", "yes"));
    anonymous.push(("token", "m2"));
    let r = app.post_form("/en/appeals/new", &anonymous, Some(&me)).await;
    assert_eq!(r.status, StatusCode::CREATED);
    let hidden = r.body.split("<dd class=\"big\">").nth(1).unwrap().split('<').next().unwrap().to_owned();
    let list = app.get("/en/my/appeals", Some(&me)).await.body;
    assert!(list.contains(&mine), "my named appeal");
    assert!(!list.contains(&hidden), "an anonymous one is never linked to the account");
    let other = app.sign_in(&app.user(Role::Citizen).await).await;
    assert!(!app.get("/en/my/appeals", Some(&other)).await.body.contains(&mine), "nobody else's");
}
