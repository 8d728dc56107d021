//! `POST /api/v1/receptions/{id}/bookings` through the real router on both
//! backends: 201 booked or waitlisted with the code, manage link and slot;
//! the same Idempotency-Key and body booking once with the same answer;
//! one place per person (409); full with the next free slots (409); booking
//! not open (409 with the reason); field errors (422, in the reader's
//! language); an unknown reception (404). Each checks what the store holds.

mod support;

use adaldyq_domain::reception::{BookingStatus, Capacity};
use adaldyq_store::{Actor, NewReception, PlanOutcome};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use serde_json::Value;
use support::receptions::{details, programme, Programme, RURAL};
use support::TestApp;

both_backends!(
    a_booking_is_created_with_its_code_link_and_slot,
    the_same_key_and_body_book_once_with_the_same_answer,
    one_person_holds_one_place,
    a_full_reception_answers_with_the_next_free_slots,
    booking_not_open_is_a_conflict_that_says_why,
    bad_fields_are_named_in_the_reader_s_language,
    an_unknown_reception_is_not_found,
);

const HOUR: i64 = 3_600;

/// A reception `days` ahead at a whole hour, of `slots` half-hour slots
/// with `seats` seats each and a waiting list of `waitlist`.
async fn scheduled(app: &TestApp, p: &Programme, days: i64, slots: i64, seats: i64, waitlist: i64) -> i64 {
    let now = adaldyq_web::state::now();
    let starts_at = (now + days * 86_400) / HOUR * HOUR;
    schedule_at(app, p, starts_at, slots, seats, waitlist).await
}

async fn schedule_at(app: &TestApp, p: &Programme, starts_at: i64, slots: i64, seats: i64, waitlist: i64) -> i64 {
    let new = NewReception {
        group_id: p.group,
        territory_code: RURAL.into(),
        host_id: p.host,
        starts_at,
        ends_at: starts_at + slots * 30 * 60,
        capacity: Capacity { slot_minutes: 30, seats_per_slot: seats, waitlist_size: waitlist },
        details: details(adaldyq_domain::reception::Mode::Place),
    };
    match app.db.store.schedule_reception(&new, &Actor::system(), adaldyq_web::state::now()).await.unwrap() {
        PlanOutcome::Done(id) => id,
        other => panic!("{other:?}"),
    }
}

struct Answer {
    status: StatusCode,
    replayed: bool,
    body: Value,
}

async fn book(app: &TestApp, reception: i64, key: Option<&str>, lang: &str, body: &str) -> Answer {
    book_at(app, &format!("/api/v1/receptions/{reception}/bookings"), key, lang, body).await
}

async fn book_at(app: &TestApp, path: &str, key: Option<&str>, lang: &str, body: &str) -> Answer {
    let mut req =
        Request::post(path).header(header::CONTENT_TYPE, "application/json").header(header::ACCEPT_LANGUAGE, lang);
    if let Some(k) = key {
        req = req.header("Idempotency-Key", k);
    }
    let r = app.send(req.body(Body::from(body.to_owned())).unwrap()).await;
    let replayed = r.headers.get("idempotent-replayed").is_some_and(|v| v == "true");
    Answer { status: r.status, replayed, body: serde_json::from_str(&r.body).unwrap_or(Value::Null) }
}

fn person(name: &str, phone: &str) -> String {
    serde_json::json!({ "name": name, "phone": phone, "topic": "Жер учаскесі" }).to_string()
}

/// The fields a 422 names, in order.
fn fields(a: &Answer) -> Vec<String> {
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.body);
    a.body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap().to_owned()).collect()
}

async fn a_booking_is_created_with_its_code_link_and_slot(app: TestApp) {
    let p = programme(&app).await;
    let r = scheduled(&app, &p, 5, 1, 1, 1).await;
    let body = serde_json::json!({
        "name": "Арман Сапаров", "phone": "8 701 234 56 78", "email": null, "topic": "Су құбыры",
        "priority": "veteran", "language": "ru"
    });
    let a = book(&app, r, None, "en", &body.to_string()).await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    assert_eq!(a.body["status"], "booked");
    let code = a.body["code"].as_str().unwrap();
    let slot = app.db.store.slots(r).await.unwrap()[0];
    assert_eq!(a.body["slot"]["id"], slot.id);
    assert!(a.body["slot"]["starts_at"].as_str().unwrap().ends_with("+05:00"), "{}", a.body);
    assert_eq!(a.body["slot_starts_at"], a.body["slot"]["starts_at"]);
    // The store holds it, as typed and normalised, in the language asked.
    let held = app.db.store.booking_by_code(r, code).await.unwrap().expect("stored");
    assert_eq!(held.name, "Арман Сапаров");
    assert_eq!(held.phone.as_deref(), Some("+77012345678"));
    assert_eq!((held.language.as_str(), held.status), ("ru", BookingStatus::Booked));
    assert_eq!(held.priority.map(|p| p.as_str()), Some("veteran"));
    // The manage link is absolute and opens the booking.
    let url = a.body["manage_url"].as_str().unwrap();
    let path = url.strip_prefix("http://localhost").expect("absolute, on the request's host");
    assert!(path.starts_with("/ru/receptions/manage?t="), "{url}");
    assert!(path.ends_with(a.body["manage_token"].as_str().unwrap()));
    let page = app.get(path, None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(code), "the manage page shows the code");
    // The seat is taken: the next person is on the waiting list, no slot.
    let b = book(&app, r, None, "en", &person("Бекзат", "+77011112233")).await;
    assert_eq!(
        (b.status, &b.body["status"], &b.body["slot"]),
        (StatusCode::CREATED, &"waitlisted".into(), &Value::Null)
    );
    let held = app.db.store.booking_by_code(r, b.body["code"].as_str().unwrap()).await.unwrap().unwrap();
    assert_eq!((held.status, held.language.as_str()), (BookingStatus::Waitlisted, "en"), "Accept-Language's");
}

async fn the_same_key_and_body_book_once_with_the_same_answer(app: TestApp) {
    let p = programme(&app).await;
    let r = scheduled(&app, &p, 5, 2, 2, 0).await;
    let key = "7d4e2c1a-0b9f-4a8e-9c3d-5f6a7b8c9d0e";
    let body = person("Гүлнар", "+77015556677");
    let first = book(&app, r, Some(key), "kk", &body).await;
    let again = book(&app, r, Some(key), "kk", &body).await;
    assert_eq!((first.status, again.status), (StatusCode::CREATED, StatusCode::CREATED), "{}", again.body);
    assert_eq!(first.body, again.body, "{}: the same answer", app.db.backend);
    assert!(!first.replayed && again.replayed);
    assert_eq!(app.db.store.bookings(r).await.unwrap().len(), 1, "booked once");
    // Sent at the same moment: still one booking, one answer.
    let key2 = "a1b2c3d4e5f6a7b8c9d0-at-once";
    let body2 = person("Дәурен", "+77016667788");
    let (x, y, z) = tokio::join!(
        book(&app, r, Some(key2), "kk", &body2),
        book(&app, r, Some(key2), "kk", &body2),
        book(&app, r, Some(key2), "kk", &body2)
    );
    for a in [&x, &y, &z] {
        assert_eq!(a.status, StatusCode::CREATED, "{}: {}", app.db.backend, a.body);
        assert_eq!(a.body["code"], x.body["code"]);
        assert_eq!(a.body["manage_url"], x.body["manage_url"]);
    }
    assert_eq!(app.db.store.bookings(r).await.unwrap().len(), 2);
    let taken: i64 = app.db.store.slots(r).await.unwrap().iter().map(|s| s.taken).sum();
    assert_eq!(taken, 2, "a repeat takes no seat");
    // The key sent for someone else is refused, and tells nothing.
    let other = book(&app, r, Some(key), "en", &person("Ерлан", "+77019998877")).await;
    assert_eq!(fields(&other), ["Idempotency-Key"]);
    assert!(other.body.get("code").is_none());
    assert_eq!(app.db.store.bookings(r).await.unwrap().len(), 2);
    // A key too short to be unguessable is refused before anything.
    let short = book(&app, r, Some("abc"), "en", &person("Ерлан", "+77019998877")).await;
    assert_eq!(fields(&short), ["Idempotency-Key"]);
}

async fn one_person_holds_one_place(app: TestApp) {
    let p = programme(&app).await;
    let r = scheduled(&app, &p, 5, 2, 2, 2).await;
    let first = book(&app, r, None, "en", &person("Әсел", "+77017778899")).await;
    assert_eq!(first.status, StatusCode::CREATED);
    // The phone written another way, another key: the same person.
    let again = book(&app, r, Some("another-key-0123456789"), "en", &person("Әсел", "8 (701) 777-88-99")).await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);
    assert_eq!(again.body["error"], "already_booked");
    assert!(again.body["detail"].as_str().unwrap().contains("already have a place"), "{}", again.body);
    // By e-mail, in another case.
    let mail = |m: &str| serde_json::json!({ "name": "Нұржан", "email": m, "topic": "Жол" }).to_string();
    assert_eq!(book(&app, r, None, "en", &mail("nurzhan@example.kz")).await.status, StatusCode::CREATED);
    let upper = book(&app, r, None, "en", &mail("NURZHAN@Example.KZ")).await;
    assert_eq!((upper.status, &upper.body["error"]), (StatusCode::CONFLICT, &"already_booked".into()));
    assert_eq!(app.db.store.bookings(r).await.unwrap().len(), 2, "{}", app.db.backend);
}

async fn a_full_reception_answers_with_the_next_free_slots(app: TestApp) {
    let p = programme(&app).await;
    let r = scheduled(&app, &p, 5, 1, 1, 0).await;
    let later = scheduled(&app, &p, 12, 2, 3, 0).await;
    assert_eq!(book(&app, r, None, "ru", &person("Бірінші", "+77010000011")).await.status, StatusCode::CREATED);
    let full = book(&app, r, None, "ru", &person("Екінші", "+77010000012")).await;
    assert_eq!(full.status, StatusCode::CONFLICT, "{}", full.body);
    assert_eq!(full.body["error"], "full");
    assert!(full.body["detail"].as_str().unwrap().contains("Все места заняты"), "in Russian: {}", full.body);
    let next = full.body["next"].as_array().unwrap();
    assert!(!next.is_empty(), "{}", full.body);
    assert!(next.iter().all(|s| s["reception_id"] == later && s["free"].as_i64().unwrap() > 0), "{}", full.body);
    assert!(next[0]["starts_at"].as_str().unwrap().ends_with("+05:00"));
    // The slot offered may be booked.
    let slot = next[0]["slot_id"].as_i64().unwrap();
    let body = serde_json::json!({ "name": "Екінші", "phone": "+77010000012", "topic": "Жер", "slot": slot });
    let taken = book(&app, later, None, "ru", &body.to_string()).await;
    assert_eq!((taken.status, &taken.body["slot"]["id"]), (StatusCode::CREATED, &slot.into()), "{}", taken.body);
    assert_eq!(app.db.store.bookings(r).await.unwrap().len(), 1, "nothing more at the full one");
}

async fn booking_not_open_is_a_conflict_that_says_why(app: TestApp) {
    let p = programme(&app).await;
    // Opens 30 days before: not yet.
    let far = scheduled(&app, &p, 40, 1, 2, 0).await;
    let a = book(&app, far, None, "en", &person("Ерте", "+77010000021")).await;
    assert_eq!((a.status, &a.body["error"]), (StatusCode::CONFLICT, &"not_yet_open".into()), "{}", a.body);
    assert!(a.body["opens_at"].as_str().unwrap().ends_with("+05:00"));
    assert!(a.body["detail"].as_str().unwrap().starts_with("Booking opens on"), "{}", a.body);
    // Closes an hour before: 30 minutes before is too late.
    let soon = schedule_at(&app, &p, adaldyq_web::state::now() + 30 * 60, 1, 2, 0).await;
    let b = book(&app, soon, None, "en", &person("Кеш", "+77010000022")).await;
    assert_eq!((b.status, &b.body["error"]), (StatusCode::CONFLICT, &"closed".into()), "{}", b.body);
    assert!(b.body["closed_at"].is_string());
    // Cancelled.
    let off = scheduled(&app, &p, 6, 1, 2, 0).await;
    app.db.store.cancel_reception(off, "Әкім іссапарда", &Actor::system(), adaldyq_web::state::now()).await.unwrap();
    let c = book(&app, off, None, "kk", &person("Жолаушы", "+77010000023")).await;
    assert_eq!((c.status, &c.body["error"]), (StatusCode::CONFLICT, &"cancelled".into()), "{}", c.body);
    for r in [far, soon, off] {
        assert!(app.db.store.bookings(r).await.unwrap().is_empty(), "{}: nothing booked", app.db.backend);
    }
}

async fn bad_fields_are_named_in_the_reader_s_language(app: TestApp) {
    let p = programme(&app).await;
    let r = scheduled(&app, &p, 5, 1, 2, 0).await;
    let body = serde_json::json!({ "name": " ", "email": "not-an-email", "topic": "", "priority": "king" });
    let a = book(&app, r, None, "kk", &body.to_string()).await;
    assert_eq!(fields(&a), ["name", "email", "topic", "priority"]);
    let messages: Vec<&str> =
        a.body["errors"].as_array().unwrap().iter().map(|e| e["message"].as_str().unwrap()).collect();
    assert_eq!(messages[0], "Аты-жөніңізді жазыңыз", "in Kazakh: {messages:?}");
    // No contact at all.
    let none = serde_json::json!({ "name": "Аты", "topic": "Жер" });
    assert_eq!(fields(&book(&app, r, None, "en", &none.to_string()).await), ["phone"]);
    // A language we do not write in; a slot of another reception.
    let de = serde_json::json!({ "name": "Аты", "phone": "+77010000031", "topic": "Жер", "language": "de" });
    assert_eq!(fields(&book(&app, r, None, "en", &de.to_string()).await), ["language"]);
    let other = scheduled(&app, &p, 6, 1, 2, 0).await;
    let foreign = app.db.store.slots(other).await.unwrap()[0].id;
    let slot = serde_json::json!({ "name": "Аты", "phone": "+77010000031", "topic": "Жер", "slot": foreign });
    assert_eq!(fields(&book(&app, r, None, "en", &slot.to_string()).await), ["slot"]);
    // Not JSON of this form.
    for bad in ["{", r#"{"name": "A", "topic": "B", "phone": "+77010000031", "iin": "1"}"#, r#"{"name": 5}"#] {
        let x = book(&app, r, None, "en", bad).await;
        assert_eq!(x.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}: {}", x.body);
    }
    assert!(app.db.store.bookings(r).await.unwrap().is_empty(), "{}", app.db.backend);
}

async fn an_unknown_reception_is_not_found(app: TestApp) {
    let p = programme(&app).await;
    let r = scheduled(&app, &p, 5, 1, 2, 0).await;
    let a = book(&app, r + 1000, None, "en", &person("Аты", "+77010000041")).await;
    assert_eq!(a.status, StatusCode::NOT_FOUND, "{}", a.body);
    assert!(a.body["detail"].as_str().unwrap().contains("no such reception"), "{}", a.body);
    let b = book_at(&app, "/api/v1/receptions/abc/bookings", None, "en", &person("Аты", "+77010000041")).await;
    assert_eq!(b.status, StatusCode::NOT_FOUND);
    assert!(app.db.store.bookings(r).await.unwrap().is_empty());
}
