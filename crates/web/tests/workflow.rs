//! The deadline workflow: a head extends the term with a reason (Art. 76),
//! an officer asks for a clarification and the clock stops until the
//! applicant, anonymous or not, answers on the track page.

mod support;

use adaldyq_domain::appeal::{EventKind, Status};
use adaldyq_domain::Role;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use support::TestApp;

both_backends!(
    a_head_extends_the_term_with_a_reason,
    a_clarification_stops_the_clock,
    the_applicant_rates_and_disputes_the_answer,
    overdue_appeals_are_escalated_once,
    an_appeal_outside_the_bodys_competence_is_forwarded,
    the_applicant_adds_information,
    the_api_does_what_the_pages_do,
    a_dispute_goes_to_the_higher_body,
    answered_appeals_close_when_the_dispute_window_is_over,
);

async fn file(app: &TestApp) -> (String, String) {
    support::file_to_institution(app).await
}

async fn a_head_extends_the_term_with_a_reason(app: TestApp) {
    let (number, secret) = file(&app).await;
    let before = app.db.store.appeal_by_number(&number).await.unwrap().unwrap();
    let calendar = app.state.calendar();
    let registered: jiff::civil::Date = before.registered_on.parse().unwrap();
    let officer = app.sign_in(&app.user(Role::Officer).await).await;
    let page = app.get(&format!("/en/staff/appeals/{number}"), Some(&officer)).await.body;
    assert!(!page.contains("/extend\""), "officers do not extend");
    let path = format!("/en/staff/appeals/{number}/extend");
    assert_eq!(
        app.post_form(&path, &[("due", "2099-01-01"), ("reason", "x")], Some(&officer)).await.status,
        StatusCode::FORBIDDEN
    );

    let head = app.sign_in(&app.user(Role::Head).await).await;
    assert!(app.get(&format!("/en/staff/appeals/{number}"), Some(&head)).await.body.contains("/extend\""));
    let too_far = calendar.next_working_day(registered.checked_add(jiff::Span::new().months(2)).unwrap());
    let r = app.post_form(&path, &[("due", &too_far.to_string()), ("reason", "site visit")], Some(&head)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("two months"), "{}", r.body);
    let r = app.post_form(&path, &[("due", &before.due_on), ("reason", "")], Some(&head)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("href=\"#reason\""), "the error leads to its field");
    assert!(r.body.contains(&format!("value=\"{}\"", before.due_on)), "the date typed is kept");
    let new_due = calendar.add_working_days(before.due_on.parse().unwrap(), 10);
    let r = app
        .post_form(&path, &[("due", &new_due.to_string()), ("reason", "Жерге барып тексеру керек")], Some(&head))
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let after = app.db.store.appeal_by_number(&number).await.unwrap().unwrap();
    assert_eq!(after.due_on, new_due.to_string());
    assert_eq!(
        after.term_days,
        before.term_days + 10,
        "the term is kept in working days, so a calendar change keeps it"
    );
    let events = app.db.store.appeal_events(after.id).await.unwrap();
    assert_eq!(events.last().unwrap().kind, EventKind::Extended);
    assert_eq!(events.last().unwrap().actor_role, "head");
    let outbox = app.db.store.outbox_pending(100).await.unwrap();
    assert!(
        outbox.iter().any(|o| o.kind == "extended" && o.payload.contains(&new_due.to_string())),
        "the applicant is told"
    );
    let t = app.post_form("/en/track", &[("number", &number), ("secret", &secret)], None).await.body;
    assert!(
        t.contains("Term extended") && t.contains("Жерге барып тексеру керек"),
        "the applicant sees the extension and why"
    );
}

async fn a_clarification_stops_the_clock(app: TestApp) {
    let (number, secret) = file(&app).await;
    let officer = app.sign_in(&app.user(Role::Officer).await).await;
    let path = format!("/en/staff/appeals/{number}/clarify");
    assert_eq!(
        app.post_form(&path, &[("question", " ")], Some(&officer)).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let r = app.post_form(&path, &[("question", "Which street exactly?")], Some(&officer)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let asked = app.db.store.appeal_by_number(&number).await.unwrap().unwrap();
    assert_eq!(asked.status, Status::AwaitingClarification);
    assert!(app.db.store.outbox_pending(100).await.unwrap().iter().any(|o| o.kind == "clarification_requested"));

    // Make the request a week old, as if the applicant took a week to answer.
    let calendar = app.state.calendar();
    let today = calendar.time_zone().to_datetime(jiff::Timestamp::now()).date();
    let week_ago = today.checked_sub(jiff::Span::new().days(7)).unwrap();
    let backdated = adaldyq_store::NewEvent {
        kind: EventKind::ClarificationRequested,
        at: adaldyq_web::state::now(),
        actor_role: "officer".into(),
        actor_user_id: None,
        body: serde_json::json!({ "text": "Which street exactly?", "asked_on": week_ago.to_string() }).to_string(),
        internal: false,
        notice: None,
        staff_notice: None,
    };
    assert!(app
        .db
        .store
        .record_event(asked.id, Status::AwaitingClarification, Status::AwaitingClarification, &backdated)
        .await
        .unwrap());

    let t = app.post_form("/en/track", &[("number", &number), ("secret", &secret)], None).await;
    assert!(
        t.body.contains("Which street exactly?") && t.body.contains("/track/clarification"),
        "the question and a reply form"
    );
    let r = app
        .post_form("/en/track/clarification", &[("number", &number), ("secret", "wrong"), ("text", "x")], None)
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = app
        .post_form(
            "/en/track/clarification",
            &[("number", &number), ("secret", &secret), ("text", "Абай көшесі, 12")],
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("Clarification given"));
    let after = app.db.store.appeal_by_number(&number).await.unwrap().unwrap();
    assert_eq!(after.status, Status::InProgress);
    let stopped = calendar.working_days_between(week_ago, today);
    assert!(stopped >= 4);
    assert_eq!(after.term_days, asked.term_days + stopped, "the days the clock stood still are added");
    let registered: jiff::civil::Date = after.registered_on.parse().unwrap();
    assert_eq!(after.due_on, calendar.due_date(registered, after.term_days as u32).due.to_string());
    let again = app
        .post_form("/en/track/clarification", &[("number", &number), ("secret", &secret), ("text", "more")], None)
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT, "nothing is awaited any more");
}

async fn the_applicant_rates_and_disputes_the_answer(app: TestApp) {
    let (number, secret) = file(&app).await;
    let officer = app.sign_in(&app.user(Role::Officer).await).await;
    let t = app.post_form("/en/track", &[("number", &number), ("secret", &secret)], None).await.body;
    assert!(!t.contains("action=\"/en/track/rate\""), "nothing to rate before the answer");
    let path = format!("/en/staff/appeals/{number}/answer");
    assert_eq!(app.post_form(&path, &[("text", "Done.")], Some(&officer)).await.status, StatusCode::SEE_OTHER);
    let t = app.post_form("/en/track", &[("number", &number), ("secret", &secret)], None).await.body;
    assert!(t.contains("action=\"/en/track/rate\"") && t.contains("action=\"/en/track/dispute\""));
    let bad = app
        .post_form(
            "/en/track/rate",
            &[("number", &number), ("secret", &secret), ("rating", "9"), ("text", "Kept")],
            None,
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body.contains("class=\"error-summary\"")
            && bad.body.contains("href=\"#rating-1\">Choose how useful the answer was")
            && bad.body.contains(">Kept</textarea>"),
        "a refused rating names the question and keeps the comment: {}",
        bad.body
    );
    let fields = [("number", number.as_str()), ("secret", secret.as_str()), ("rating", "3"), ("text", "a\u{0}b")];
    let bad = app.post_form("/en/track/rate", &fields, None).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("href=\"#rate-text\">Comment: this holds control characters"), "{}", bad.body);
    assert!(bad.body.contains("id=\"rate-text\" name=\"text\" rows=\"3\" aria-invalid=\"true\""), "{}", bad.body);
    let fields = [("number", number.as_str()), ("secret", secret.as_str()), ("rating", "2"), ("text", "Too short")];
    let r = app.post_form("/en/track/rate", &fields, None).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let t = app.post_form("/en/track", &[("number", &number), ("secret", &secret)], None).await.body;
    assert!(t.contains("Answer rated"), "{t}");
    assert!(!t.contains("action=\"/en/track/rate\""), "rated once");
    assert_eq!(app.post_form("/en/track/rate", &fields, None).await.status, StatusCode::CONFLICT);
    let r = app.post_form("/en/track/dispute", &[("number", &number), ("secret", &secret), ("text", "")], None).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "a dispute needs a reason");
    assert!(r.body.contains("href=\"#dispute-text\">Write why you disagree with the answer."), "named: {}", r.body);
    let r = app
        .post_form("/en/track/dispute", &[("number", &number), ("secret", &secret), ("text", "\u{200b}")], None)
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "invisible text is no reason");
    assert!(r.body.contains("write something visible") && r.body.contains("dispute-text-error"), "{}", r.body);
    let r = app
        .post_form(
            "/en/track/dispute",
            &[("number", &number), ("secret", &secret), ("text", "The light is still off.")],
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let a = app.db.store.appeal_by_number(&number).await.unwrap().unwrap();
    assert_eq!(a.status, Status::Reopened);
    assert!(app.db.store.outbox_pending(100).await.unwrap().iter().any(|o| o.kind == "disputed"));
    let wrong = app.post_form("/en/track/dispute", &[("number", &number), ("secret", "x"), ("text", "y")], None).await;
    assert_eq!(wrong.status, StatusCode::NOT_FOUND);
}

async fn overdue_appeals_are_escalated_once(app: TestApp) {
    let (number, _) = file(&app).await;
    let a = app.db.store.appeal_by_number(&number).await.unwrap().unwrap();
    let due: jiff::civil::Date = a.due_on.parse().unwrap();
    use adaldyq_web::appeals::escalate::escalate_overdue;
    assert_eq!(escalate_overdue(&app.state, due).await.unwrap(), 0, "not overdue on its due date");
    let next = app.state.calendar().next_working_day(due);
    assert_eq!(escalate_overdue(&app.state, next).await.unwrap(), 1);
    let a = app.db.store.appeal_by_number(&number).await.unwrap().unwrap();
    assert_eq!(a.status, Status::Escalated);
    let events = app.db.store.appeal_events(a.id).await.unwrap();
    assert_eq!(
        (events.last().unwrap().kind, events.last().unwrap().actor_role.as_str()),
        (EventKind::Escalated, "system")
    );
    assert!(app.db.store.outbox_pending(100).await.unwrap().iter().any(|o| o.kind == "escalated"));
    assert_eq!(escalate_overdue(&app.state, next).await.unwrap(), 0, "escalated once");

    // Still unanswered three working days later: to the higher body, and
    // the commission is told.
    let regional = support::regional_body(&app).await;
    let calendar = app.state.calendar();
    let third = calendar.add_working_days(due, 3);
    assert_eq!(escalate_overdue(&app.state, third).await.unwrap(), 0, "not before the grace is over");
    let fourth = calendar.add_working_days(due, 4);
    assert_eq!(escalate_overdue(&app.state, fourth).await.unwrap(), 1);
    let a = app.db.store.appeal_by_number(&number).await.unwrap().unwrap();
    assert_eq!((a.status, a.institution_id), (Status::Registered, Some(regional)), "the higher body has it");
    assert_eq!(a.due_on, calendar.add_working_days(fourth, 15).to_string(), "with a new term");
    assert!(
        app.db
            .store
            .outbox_pending(100)
            .await
            .unwrap()
            .iter()
            .any(|o| o.kind == "escalated" && o.payload.contains("escalated_to_commission")),
        "the commission is told"
    );
    assert_eq!(escalate_overdue(&app.state, fourth).await.unwrap(), 0, "nothing more to do today");
}

async fn an_appeal_outside_the_bodys_competence_is_forwarded(app: TestApp) {
    let (number, secret) = file(&app).await;
    let other = app
        .db
        .store
        .create_institution(&adaldyq_store::NewInstitution {
            territory_code: support::OTHER_DISTRICT.into(),
            name_kk: "Басқа орган".into(),
            name_ru: "Другой орган".into(),
            name_en: "Other body".into(),
            is_demo: true,
        })
        .await
        .unwrap();
    let officer = app.sign_in(&app.user(Role::Officer).await).await;
    let page = app.get(&format!("/en/staff/appeals/{number}"), Some(&officer)).await.body;
    assert!(page.contains("/forward\"") && page.contains("Other body"), "a form with the registry");
    let path = format!("/en/staff/appeals/{number}/forward");
    let own = app.institution.to_string();
    let to = other.to_string();
    assert_eq!(
        app.post_form(&path, &[("institution", &own), ("reason", "x")], Some(&officer)).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        app.post_form(&path, &[("institution", &to), ("reason", " ")], Some(&officer)).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let r = app
        .post_form(&path, &[("institution", &to), ("reason", "Жер мәселесі басқа органның құзырында")], Some(&officer))
        .await;
    assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, "/en/staff/appeals"));
    let a = app.db.store.appeal_by_number(&number).await.unwrap().unwrap();
    assert_eq!((a.institution_id, a.status), (Some(other), Status::Registered));
    assert!(
        app.db.store.outbox_pending(100).await.unwrap().iter().any(|o| o.kind == "forwarded"),
        "the applicant is told"
    );
    assert_eq!(
        app.get(&format!("/en/staff/appeals/{number}"), Some(&officer)).await.status,
        StatusCode::NOT_FOUND,
        "no longer ours"
    );
    let email = app.user(Role::Citizen).await;
    let id = app.db.store.user_by_email(&email).await.unwrap().unwrap().id;
    let grant = adaldyq_domain::Grant { role: Role::Officer, scope: adaldyq_domain::Scope::Institution(other) };
    app.db.store.add_grant(id, &grant, &adaldyq_store::Actor::system()).await.unwrap();
    let theirs = app.sign_in(&email).await;
    assert!(app.get("/en/staff/appeals", Some(&theirs)).await.body.contains(&number), "the competent body has it");
    let t = app.post_form("/en/track", &[("number", &number), ("secret", &secret)], None).await.body;
    assert!(t.contains("Forwarded to another body"));
}

async fn the_applicant_adds_information(app: TestApp) {
    let (number, secret) = file(&app).await;
    let path = "/en/track/information";
    let r = app.post_form(path, &[("number", &number), ("secret", &secret), ("text", " ")], None).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r =
        app.post_form(path, &[("number", &number), ("secret", &secret), ("text", "Тағы бір фото: көпір")], None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Тағы бір фото: көпір"), "shown in the applicant's history");
    let officer = app.sign_in(&app.user(Role::Officer).await).await;
    let page = app.get(&format!("/en/staff/appeals/{number}"), Some(&officer)).await.body;
    assert!(page.contains("Тағы бір фото: көпір"), "and to the body");
    assert_eq!(
        app.post_form(path, &[("number", &number), ("secret", "x"), ("text", "y")], None).await.status,
        StatusCode::NOT_FOUND
    );
    let answer = format!("/en/staff/appeals/{number}/answer");
    app.post_form(&answer, &[("text", "Done")], Some(&officer)).await;
    let late = app.post_form(path, &[("number", &number), ("secret", &secret), ("text", "more")], None).await;
    assert_eq!(late.status, StatusCode::CONFLICT, "an answered appeal takes a dispute, not more information");
}

async fn api_token(app: &TestApp, role: Role) -> String {
    let email = app.user(role).await;
    let id = app.db.store.user_by_email(&email).await.unwrap().unwrap().id;
    let (token, hash) = adaldyq_web::auth::new_token();
    app.db.store.create_token(id, &hash, "test", adaldyq_web::state::now()).await.unwrap();
    token
}

async fn call(
    app: &TestApp,
    token: &str,
    number: &str,
    action: &str,
    body: serde_json::Value,
) -> (StatusCode, serde_json::Value) {
    let r = app
        .send(
            Request::post(format!("/api/v1/staff/appeals/{number}/{action}"))
                .header(header::AUTHORIZATION, format!("Bearer {token}"))
                .header(header::CONTENT_TYPE, "application/json")
                .header(header::ACCEPT_LANGUAGE, "ru")
                .body(Body::from(body.to_string()))
                .unwrap(),
        )
        .await;
    (r.status, serde_json::from_str(&r.body).unwrap_or(serde_json::Value::Null))
}

async fn the_api_does_what_the_pages_do(app: TestApp) {
    let (number, _) = file(&app).await;
    let officer = api_token(&app, Role::Officer).await;
    let head = api_token(&app, Role::Head).await;
    let a = app.db.store.appeal_by_number(&number).await.unwrap().unwrap();
    let due: jiff::civil::Date = a.due_on.parse().unwrap();
    let later = app.state.calendar().add_working_days(due, 5).to_string();
    let (status, p) = call(&app, &officer, &number, "extend", serde_json::json!({ "due": later, "reason": "x" })).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "heads extend: {p}");
    let (status, p) = call(&app, &head, &number, "extend", serde_json::json!({ "due": later, "reason": "" })).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(p["detail"].as_str().unwrap().chars().any(|c| ('а'..='я').contains(&c)), "in the reader's language: {p}");
    let (status, v) =
        call(&app, &head, &number, "extend", serde_json::json!({ "due": later, "reason": "выезд" })).await;
    assert_eq!((status, v["due_on"].as_str()), (StatusCode::OK, Some(later.as_str())));
    let (status, v) = call(&app, &officer, &number, "clarify", serde_json::json!({ "question": "Где?" })).await;
    assert_eq!((status, v["status"].as_str()), (StatusCode::OK, Some("awaiting_clarification")));
    let (status, _) = call(&app, &officer, &number, "note", serde_json::json!({ "text": "internal" })).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = call(&app, &officer, &number, "answer", serde_json::json!({ "text": "Жауап" })).await;
    assert_eq!(status, StatusCode::OK, "answering ends the wait for a clarification");
    let (status, _) = call(&app, &officer, &number, "answer", serde_json::json!({ "text": "Again" })).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let (status, _) = call(&app, &officer, &number, "fly", serde_json::json!({})).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "no such action");
    let (status, _) = call(&app, &officer, &number, "note", serde_json::json!({ "surprise": 1 })).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "unknown fields are refused");
    let kinds: Vec<_> = app.db.store.appeal_events(a.id).await.unwrap().iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds[2..],
        [EventKind::Extended, EventKind::ClarificationRequested, EventKind::NoteAdded, EventKind::Answered],
        "the same events as the pages record"
    );
}

async fn a_dispute_goes_to_the_higher_body(app: TestApp) {
    let regional = support::regional_body(&app).await;
    let (number, secret) = file(&app).await;
    let officer = app.sign_in(&app.user(Role::Officer).await).await;
    app.post_form(&format!("/en/staff/appeals/{number}/answer"), &[("text", "No.")], Some(&officer)).await;
    let r = app
        .post_form("/en/track/dispute", &[("number", &number), ("secret", &secret), ("text", "I disagree.")], None)
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let a = app.db.store.appeal_by_number(&number).await.unwrap().unwrap();
    assert_eq!((a.status, a.institution_id), (Status::Reopened, Some(regional)), "to the higher body (Art. 91)");
    let calendar = app.state.calendar();
    // Registered as a filing is (Art. 64: after 18:30 or on a day off, the
    // next working day), then 15 working days.
    let hours = adaldyq_domain::calendar::WorkingHours::default();
    let term = calendar.due_on_arrival(jiff::Timestamp::now(), &hours, 15).due;
    assert_eq!(a.due_on, term.to_string(), "with a new term of 15 working days");
    let registered: jiff::civil::Date = a.registered_on.parse().unwrap();
    assert_eq!(
        calendar.due_date(registered, a.term_days as u32).due.to_string(),
        a.due_on,
        "kept as a term, so it survives a calendar change"
    );
    assert_eq!(
        app.get(&format!("/en/staff/appeals/{number}"), Some(&officer)).await.status,
        StatusCode::NOT_FOUND,
        "no longer the first body's"
    );
}

async fn answered_appeals_close_when_the_dispute_window_is_over(app: TestApp) {
    use adaldyq_web::appeals::escalate::close_settled;
    let (number, secret) = file(&app).await;
    let officer = app.sign_in(&app.user(Role::Officer).await).await;
    app.post_form(&format!("/en/staff/appeals/{number}/answer"), &[("text", "Done.")], Some(&officer)).await;
    let now = adaldyq_web::state::now();
    assert_eq!(close_settled(&app.state, now + 29 * 86_400).await.unwrap(), 0, "the window is still open");
    assert_eq!(close_settled(&app.state, now + 31 * 86_400).await.unwrap(), 1);
    let a = app.db.store.appeal_by_number(&number).await.unwrap().unwrap();
    assert_eq!(a.status, Status::Closed);
    let t = app.post_form("/en/track", &[("number", &number), ("secret", &secret)], None).await.body;
    assert!(t.contains("Closed") && !t.contains("action=\"/en/track/dispute\""), "closed: no more dispute");
    assert_eq!(close_settled(&app.state, now + 40 * 86_400).await.unwrap(), 0, "closed once");
}
