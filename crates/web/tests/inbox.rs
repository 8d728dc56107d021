//! The staff side: the inbox of one's scope, an appeal's page, answering,
//! and who may see the filer; then the applicant sees the answer.

mod support;

use adaldyq_domain::appeal::{AppealKind, AppealLanguage, Status, ValidAppeal};
use adaldyq_domain::Role;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use serde_json::{json, Value};
use support::TestApp;

both_backends!(
    an_officer_answers_and_the_applicant_sees_it,
    appeals_outside_ones_scope_do_not_exist,
    the_institution_never_sees_a_whistleblower,
    the_inbox_filters_and_pages,
    a_head_assigns_and_staff_keep_internal_notes,
    a_head_assigns_several_at_once,
    answers_start_from_templates,
    the_inbox_filters_by_kind_language_territory_and_nearness,
);

async fn file(app: &TestApp, kind: &str, named: bool) -> (String, String) {
    let mut body = json!({
        "kind": kind, "territory": support::DISTRICT, "institution": app.institution,
        "subject": format!("Subject {kind}"), "text": "Мәселе сипаттамасы", "language": "ru", "anonymous": !named,
    });
    if named {
        body["contact"] = json!({ "name": "Whistle Blower", "email": "blower@test.example" });
    }
    let r = app
        .send(
            Request::post("/api/v1/appeals")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(body.to_string()))
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let v: Value = serde_json::from_str(&r.body).unwrap();
    (v["number"].as_str().unwrap().to_owned(), v["secret"].as_str().unwrap().to_owned())
}

async fn an_officer_answers_and_the_applicant_sees_it(app: TestApp) {
    let (number, secret) = file(&app, "complaint", false).await;
    let officer = app.sign_in(&app.user(Role::Officer).await).await;
    let inbox = app.get("/en/staff/appeals", Some(&officer)).await;
    assert_eq!(inbox.status, StatusCode::OK);
    assert!(inbox.body.contains(&number), "the officer's inbox lists it");
    let page = app.get(&format!("/en/staff/appeals/{number}"), Some(&officer)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Мәселе сипаттамасы") && page.body.contains("anonymous"));
    assert!(page.body.contains("Answer in the language of the appeal: Russian"));
    let empty = app.post_form(&format!("/en/staff/appeals/{number}/answer"), &[("text", "  ")], Some(&officer)).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = app
        .post_form(
            &format!("/en/staff/appeals/{number}/answer"),
            &[("text", "Жарық 1 наурызға дейін жөнделеді.")],
            Some(&officer),
        )
        .await;
    assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, format!("/en/staff/appeals/{number}").as_str()));
    let stored = app.db.store.appeal_by_number(&number).await.unwrap().unwrap();
    assert_eq!(stored.status, Status::Answered);
    let outbox = app.db.store.outbox_pending(100).await.unwrap();
    assert!(outbox.iter().any(|o| o.kind == "answered" && o.payload.contains(&number)), "the applicant is told");
    // The applicant sees the answer, and the officer only as a role.
    let t = app.post_form("/en/track", &[("number", &number), ("secret", &secret)], None).await;
    assert!(t.body.contains("Жарық 1 наурызға дейін жөнделеді.") && t.body.contains("Answered"), "{}", t.body);
    assert!(!t.body.contains("Test officer"), "no staff names");
    // Answered once: a second answer is refused and the text is kept.
    let again =
        app.post_form(&format!("/en/staff/appeals/{number}/answer"), &[("text", "Second")], Some(&officer)).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert!(again.body.contains(">Second</div>"), "nothing typed is lost");
    assert_eq!(app.db.store.appeal_events(stored.id).await.unwrap().len(), 3, "filed, registered, answered");
}

async fn appeals_outside_ones_scope_do_not_exist(app: TestApp) {
    let (number, _) = file(&app, "complaint", true).await;
    let other_inst = support::other_body(&app).await;
    let email = app.user(Role::Citizen).await;
    let id = app.db.store.user_by_email(&email).await.unwrap().unwrap().id;
    app.db
        .store
        .add_grant(
            id,
            &adaldyq_domain::Grant { role: Role::Officer, scope: adaldyq_domain::Scope::Institution(other_inst) },
            &adaldyq_store::Actor::system(),
        )
        .await
        .unwrap();
    let stranger = app.sign_in(&email).await;
    assert!(!app.get("/en/staff/appeals", Some(&stranger)).await.body.contains(&number));
    assert_eq!(app.get(&format!("/en/staff/appeals/{number}"), Some(&stranger)).await.status, StatusCode::NOT_FOUND);
    let r = app.post_form(&format!("/en/staff/appeals/{number}/answer"), &[("text", "x")], Some(&stranger)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    for role in [Role::Monitor, Role::Citizen, Role::Administrator] {
        let s = app.sign_in(&app.user(role).await).await;
        assert_eq!(app.get("/en/staff/appeals", Some(&s)).await.status, StatusCode::FORBIDDEN, "{role}");
    }
    let coordinator = app.sign_in(&app.user(Role::Coordinator).await).await;
    let page = app.get(&format!("/en/staff/appeals/{number}"), Some(&coordinator)).await;
    assert_eq!(page.status, StatusCode::OK, "the district's project office reads it");
    assert!(!page.body.contains("/answer\""), "but does not answer for the institution");
    let r = app.post_form(&format!("/en/staff/appeals/{number}/answer"), &[("text", "x")], Some(&coordinator)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

async fn the_institution_never_sees_a_whistleblower(app: TestApp) {
    let (number, _) = file(&app, "corruption_report", true).await;
    let officer = app.sign_in(&app.user(Role::Officer).await).await;
    let page = app.get(&format!("/en/staff/appeals/{number}"), Some(&officer)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        !page.body.contains("Whistle Blower") && !page.body.contains("blower@test.example"),
        "hidden from the institution"
    );
    assert!(page.body.contains("protected by law"));
    let inspector = app.sign_in(&app.user(Role::Inspector).await).await;
    let page = app.get(&format!("/en/staff/appeals/{number}"), Some(&inspector)).await;
    assert!(page.body.contains("Whistle Blower"), "the inspector sees the filer");
    // An inspector reads corruption reports only.
    let (complaint, _) = file(&app, "complaint", true).await;
    assert_eq!(
        app.get(&format!("/en/staff/appeals/{complaint}"), Some(&inspector)).await.status,
        StatusCode::NOT_FOUND
    );
    let inbox = app.get("/en/staff/appeals", Some(&inspector)).await.body;
    assert!(inbox.contains(&number) && !inbox.contains(&complaint));
}

fn overdue_appeal(app: &TestApp) -> adaldyq_store::NewAppeal {
    adaldyq_store::NewAppeal {
        appeal: ValidAppeal {
            kind: AppealKind::Complaint,
            category: None,
            territory: support::DISTRICT.into(),
            institution: Some(app.institution),
            subject: "Old".into(),
            text: "Old".into(),
            language: AppealLanguage::Kk,
            contact: None,
        },
        region: "43".into(),
        year: 2025,
        received_at: 1_736_000_000,
        registered_on: "2025-01-06".into(),
        due_on: "2025-01-27".into(),
        term_days: 15,
        secret_hash: None,
        client_token: None,
        salt: vec![0; 16],
        routed_by_rule: None,
        attachments: vec![],
        actor_role: Role::Citizen,
        actor_user_id: None,
        origin: Default::default(),
    }
}

async fn the_inbox_filters_and_pages(app: TestApp) {
    let config = adaldyq_web::WebConfig { filings_per_minute: 1000, ..support::test_config() };
    let app = TestApp::with_config(app.backend(), config).await.unwrap();
    let mut numbers = Vec::new();
    for _ in 0..54 {
        numbers.push(file(&app, "proposal", false).await.0);
    }
    app.db.store.create_appeal(&overdue_appeal(&app)).await.unwrap();
    let officer = app.sign_in(&app.user(Role::Officer).await).await;
    let first = app.get("/en/staff/appeals", Some(&officer)).await.body;
    assert_eq!(first.matches("<tr>").count() - 1, 50, "one page of 50 (plus the header row)");
    assert!(
        first.contains("43-2025-000001") && first.contains(&numbers[0]) && !first.contains(&numbers[53]),
        "soonest due first (the overdue one), then the first filed"
    );
    assert!(first.contains("55 appeals match.") && first.contains("Sorted by due date, soonest first."));
    let next_link = |page: &str| {
        page.split("<p><a href=\"")
            .last()
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .replace("&amp;", "&")
            .replace("&#38;", "&")
    };
    let next = next_link(&first);
    assert!(next.contains("after="), "{next}");
    let second = app.get(&next, Some(&officer)).await.body;
    assert_eq!(second.matches("<tr>").count() - 1, 5, "the rest");
    assert!(second.contains(&numbers[53]) && !second.contains("43-2025-000001"), "the last filed comes last");
    assert!(second.contains("55 appeals match."), "the count is of the whole list, on every page");
    let overdue = app.get("/en/staff/appeals?overdue=1", Some(&officer)).await.body;
    assert_eq!(overdue.matches("<tr>").count() - 1, 1);
    assert!(overdue.contains("43-2025-000001") && overdue.contains("overdue"));
    let found = app.get("/en/staff/appeals?q=%D0%B0%D0%B9%D1%82%D1%83", Some(&officer)).await.body;
    assert!(found.contains("No appeals match."), "a word no appeal has");
    let found = app.get("/en/staff/appeals?q=proposal+subject", Some(&officer)).await.body;
    assert_eq!(found.matches("<tr>").count() - 1, 50, "every filed proposal's subject matches, a page of them");
    // The next page keeps the search (and every other filter).
    let next = next_link(&found);
    assert!(next.contains("q=proposal+subject") && next.contains("after="), "{next}");
    let rest = app.get(&next, Some(&officer)).await.body;
    assert_eq!(rest.matches("<tr>").count() - 1, 4, "the other matches, not the old complaint");
    assert!(!rest.contains("43-2025-000001"));
    let filtered = app.get("/en/staff/appeals?kind=proposal&language=ru&territory=433200000", Some(&officer)).await;
    let next = next_link(&filtered.body);
    assert!(next.contains("kind=proposal&language=ru&territory=433200000&after="), "{next}");
    let answered = app.get("/en/staff/appeals?status=answered", Some(&officer)).await.body;
    assert!(answered.contains("No appeals match."));
}

async fn a_head_assigns_and_staff_keep_internal_notes(app: TestApp) {
    let (number, secret) = file(&app, "complaint", false).await;
    let officer_email = app.user(Role::Officer).await;
    let officer_id = app.db.store.user_by_email(&officer_email).await.unwrap().unwrap().id;
    let officer = app.sign_in(&officer_email).await;
    let head = app.sign_in(&app.user(Role::Head).await).await;
    let path = format!("/en/staff/appeals/{number}/assign");
    assert_eq!(
        app.post_form(&path, &[("officer", &officer_id.to_string())], Some(&officer)).await.status,
        StatusCode::FORBIDDEN
    );
    let page = app.get(&format!("/en/staff/appeals/{number}"), Some(&head)).await.body;
    assert!(page.contains(&format!("<option value=\"{officer_id}\">Test officer</option>")), "the institution's staff");
    assert_eq!(
        app.post_form(&path, &[("officer", "999999")], Some(&head)).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let r = app.post_form(&path, &[("officer", &officer_id.to_string())], Some(&head)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let a = app.db.store.appeal_by_number(&number).await.unwrap().unwrap();
    assert_eq!((a.status, a.assignee_id), (Status::Assigned, Some(officer_id)));
    let mine = app.get("/en/staff/appeals?mine=1", Some(&officer)).await.body;
    assert!(mine.contains(&number), "assigned to me");
    assert!(!app.get("/en/staff/appeals?mine=1", Some(&head)).await.body.contains(&number), "not the head's own");
    let note = format!("/en/staff/appeals/{number}/note");
    assert_eq!(app.post_form(&note, &[("text", " ")], Some(&officer)).await.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = app.post_form(&note, &[("text", "Called the district: repair planned.")], Some(&officer)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let staff_page = app.get(&format!("/en/staff/appeals/{number}"), Some(&head)).await.body;
    assert!(staff_page.contains("Called the district") && staff_page.contains("internal"), "staff see notes");
    let t = app.post_form("/en/track", &[("number", &number), ("secret", &secret)], None).await.body;
    assert!(!t.contains("Called the district"), "the applicant never sees internal notes");
    assert!(t.contains("Assigned") && !t.contains("Test officer"), "assigned, with no name");
    // Nor does the API tell the applicant which staff member holds it.
    let r = app
        .send(
            axum::http::Request::get(format!("/api/v1/appeals/{number}"))
                .header(axum::http::header::AUTHORIZATION, format!("Receipt {secret}"))
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    let assigned = v["events"].as_array().unwrap().iter().find(|e| e["kind"] == "assigned").expect("an assigned event");
    assert_eq!(assigned["body"], serde_json::json!({}), "no staff id: {assigned}");
    assert!(!r.body.contains("assignee"), "{}", r.body);
    assert_eq!(
        app.db.store.appeal_by_number(&number).await.unwrap().unwrap().status,
        Status::Assigned,
        "a note moves nothing"
    );
}

async fn a_head_assigns_several_at_once(app: TestApp) {
    let a = file(&app, "complaint", false).await.0;
    let b = file(&app, "proposal", false).await.0;
    let c = file(&app, "proposal", false).await.0;
    let officer_email = app.user(Role::Officer).await;
    let officer_id = app.db.store.user_by_email(&officer_email).await.unwrap().unwrap().id.to_string();
    let head = app.sign_in(&app.user(Role::Head).await).await;
    let inbox = app.get("/en/staff/appeals", Some(&head)).await.body;
    assert!(inbox.contains(&format!("name=\"number\" value=\"{a}\"")), "heads get checkboxes");
    let r = app
        .post_form(
            "/en/staff/appeals/assign",
            &[("number", &a), ("number", &b), ("number", "43-2026-999999"), ("officer", &officer_id)],
            Some(&head),
        )
        .await;
    assert_eq!(
        (r.status, r.location()),
        (StatusCode::SEE_OTHER, "/en/staff/appeals?assigned=2"),
        "the unknown one is skipped"
    );
    let page = app.get(r.location(), Some(&head)).await.body;
    assert!(page.contains("2 appeals assigned"), "{page}");
    for (n, assigned) in [(&a, true), (&b, true), (&c, false)] {
        let s = app.db.store.appeal_by_number(n).await.unwrap().unwrap();
        assert_eq!(s.status == Status::Assigned, assigned, "{n}");
    }
    let officer = app.sign_in(&officer_email).await;
    assert!(
        !app.get("/en/staff/appeals", Some(&officer)).await.body.contains("name=\"number\""),
        "officers get no checkboxes"
    );
    let r =
        app.post_form("/en/staff/appeals/assign", &[("number", &c), ("officer", &officer_id)], Some(&officer)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

async fn answers_start_from_templates(app: TestApp) {
    let (number, _) = file(&app, "complaint", false).await;
    let head = app.sign_in(&app.user(Role::Head).await).await;
    let inst = app.institution.to_string();
    let bad = app
        .post_form(
            "/en/staff/templates",
            &[("action", "add"), ("institution", &inst), ("language", "ru"), ("title", ""), ("body", "x")],
            Some(&head),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = app
        .post_form(
            "/en/staff/templates",
            &[
                ("action", "add"),
                ("institution", &inst),
                ("language", "ru"),
                ("title", "Ремонт"),
                ("body", "Уважаемый заявитель! Ремонт запланирован."),
            ],
            Some(&head),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let id = app.db.store.templates(app.institution).await.unwrap()[0].id;
    let officer = app.sign_in(&app.user(Role::Officer).await).await;
    let page = app.get(&format!("/en/staff/appeals/{number}"), Some(&officer)).await.body;
    assert!(
        page.contains(&format!("<option value=\"{id}\" data-body=\"Уважаемый заявитель! Ремонт запланирован.\" data-verbatim>Ремонт</option>")),
        "the officer can pick it"
    );
    let page = app.get(&format!("/en/staff/appeals/{number}?template={id}"), Some(&officer)).await.body;
    assert!(page.contains(">Уважаемый заявитель! Ремонт запланирован.</textarea>"), "the answer starts from it");
    let officer_try =
        app.post_form("/en/staff/templates", &[("action", "delete"), ("id", &id.to_string())], Some(&officer)).await;
    assert_eq!(officer_try.status, StatusCode::FORBIDDEN, "heads keep the templates");
    let r = app.post_form("/en/staff/templates", &[("action", "delete"), ("id", &id.to_string())], Some(&head)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(app.db.store.templates(app.institution).await.unwrap().is_empty());
}

async fn the_inbox_filters_by_kind_language_territory_and_nearness(app: TestApp) {
    let complaint = file(&app, "complaint", false).await.0;
    let proposal = file(&app, "proposal", false).await.0;
    let mut old = overdue_appeal(&app);
    old.appeal.territory = "433233000".into();
    old.appeal.language = AppealLanguage::Kk;
    let adaldyq_store::CreateOutcome::Created { number: okrug, .. } = app.db.store.create_appeal(&old).await.unwrap()
    else {
        panic!()
    };
    let coordinator = app.sign_in(&app.user(Role::Coordinator).await).await;
    let list = |q: &'static str| {
        let app = &app;
        let s = coordinator.clone();
        async move { app.get(&format!("/en/staff/appeals?{q}"), Some(&s)).await.body }
    };
    let body = list("kind=proposal").await;
    assert!(body.contains(&proposal) && !body.contains(&complaint));
    let body = list("language=ru").await;
    assert!(
        body.contains(&proposal) && body.contains(&complaint) && !body.contains(&okrug),
        "the filed ones are in Russian"
    );
    let body = list("territory=433233000").await;
    assert!(body.contains(&okrug) && !body.contains(&proposal), "a rural district's subtree");
    let calendar = app.state.calendar();
    let today = calendar.time_zone().to_datetime(jiff::Timestamp::now()).date();
    let mut near = overdue_appeal(&app);
    near.due_on = calendar.add_working_days(today, 2).to_string();
    let adaldyq_store::CreateOutcome::Created { number: near, .. } = app.db.store.create_appeal(&near).await.unwrap()
    else {
        panic!()
    };
    let body = list("soon=3").await;
    assert!(body.contains(&near), "due in two working days is 'soon'");
    assert!(!body.contains(&okrug), "overdue is not 'due soon'");
    assert!(!body.contains(&proposal), "fifteen working days away is not 'soon'");
}
