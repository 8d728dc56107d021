//! An administrator edits the working-day calendar: the whole file is
//! checked, every open due date is recomputed, and the change is recorded.

mod support;

use adaldyq_domain::Role;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use support::TestApp;

both_backends!(a_new_day_off_moves_open_due_dates, a_wrong_calendar_changes_nothing);

async fn file_anonymous(app: &TestApp) -> String {
    let body = serde_json::json!({
        "kind": "complaint", "territory": support::DISTRICT, "subject": "s", "text": "t", "language": "kk", "anonymous": true
    });
    let r = app
        .send(
            Request::post("/api/v1/appeals")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(body.to_string()))
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    serde_json::from_str::<serde_json::Value>(&r.body).unwrap()["number"].as_str().unwrap().to_owned()
}

async fn a_new_day_off_moves_open_due_dates(app: TestApp) {
    let number = file_anonymous(&app).await;
    let before = app.db.store.appeal_by_number(&number).await.unwrap().unwrap();
    let admin = app.sign_in(&app.user(Role::Administrator).await).await;
    let page = app.get("/en/admin/calendar", Some(&admin)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("2026-03-23,false,nauryz"), "the shipped calendar is shown");
    let csv =
        page.body.split("required data-verbatim>").nth(1).unwrap().split("</textarea>").next().unwrap().to_owned();
    // A decree makes the first working day of the term a day off.
    let calendar = app.state.calendar();
    let registered: jiff::civil::Date = before.registered_on.parse().unwrap();
    let first = calendar.add_working_days(registered, 1);
    let edited = format!("{csv}{first},false,transfer\n");
    let r = app.post_form("/en/admin/calendar", &[("csv", &edited)], Some(&admin)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("1 open due dates moved"), "{}", r.body);
    let after = app.db.store.appeal_by_number(&number).await.unwrap().unwrap();
    let expected = calendar.add_working_days(before.due_on.parse().unwrap(), 1);
    assert_eq!(after.due_on, expected.to_string(), "the due date moved one working day later");
    assert!(!app.state.calendar().is_working_day(first), "the new calendar is in force at once");
    let audit = app.db.store.audit_events("calendar_changed").await.unwrap();
    assert_eq!(audit.len(), 1);
    assert!(audit[0].actor_user_id.is_some() && audit[0].body.contains("\"due_dates_moved\":1"));
    assert_eq!(app.db.store.calendar().await.unwrap().len(), app.state.calendar().exceptions().count());
}

async fn a_wrong_calendar_changes_nothing(app: TestApp) {
    let admin = app.sign_in(&app.user(Role::Administrator).await).await;
    let stored = app.db.store.calendar().await.unwrap();
    let bad = "date,working,reason\n2026-03-21,false,nauryz\n";
    let r = app.post_form("/ru/admin/calendar", &[("csv", bad)], Some(&admin)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("2026-03-21") && r.body.contains("<html lang=\"ru\">"), "{}", r.body);
    assert!(r.body.contains("data-verbatim>date,working,reason\n2026-03-21,false,nauryz"), "the text is kept");
    assert_eq!(app.db.store.calendar().await.unwrap(), stored, "nothing changed");
    assert!(app.db.store.audit_events("calendar_changed").await.unwrap().is_empty());
    let officer = app.sign_in(&app.user(Role::Officer).await).await;
    assert_eq!(
        app.post_form("/en/admin/calendar", &[("csv", bad)], Some(&officer)).await.status,
        StatusCode::FORBIDDEN
    );
}
