//! The staff's reception API through the real router on both backends: the
//! list of one's receptions and one with its queue; the day (check-in by
//! code, walk-in, received, no-show, the host, held) and the record (a
//! question answered on the spot; one taken as an appeal whose returned
//! secret tracks it), each checked against what the store then holds; 422
//! naming the fields in the reader's language; 409 once the day is over;
//! a coordinator of another district, a citizen and nobody refused.

mod support;

use adaldyq_domain::appeal::AppealChannel;
use adaldyq_domain::reception::Mode;
use adaldyq_domain::reception::{BookingStatus, Capacity, Priority, ReceptionStatus, ValidBooking};
use adaldyq_domain::{Grant, Role, Scope};
use adaldyq_store::{Actor, BookingOutcome, NewBooking, NewReception, NewUser, PlanOutcome};
use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use serde_json::{json, Value};
use support::receptions::{details, in_days, local, programme, reception, RURAL};
use support::{Reply, TestApp, OTHER_DISTRICT, PASSWORD};

both_backends!(
    the_list_and_one_reception_with_its_queue,
    the_day_through_the_api,
    refusals_name_the_fields_in_the_readers_language,
    a_question_taken_as_an_appeal_tracks_with_the_returned_secret,
    others_are_refused,
    postpone_and_cancel_through_the_api,
    planning_through_the_api,
);

const HOUR: i64 = 3_600;

struct Day {
    id: i64,
    /// (booking id, code) of Айжан (veteran), Болат, Сәуле.
    people: Vec<(i64, String)>,
    /// The coordinator's API token.
    token: String,
}

/// Issues an API token to `email` through the administrator's page.
async fn token_for(app: &TestApp, email: &str) -> String {
    let admin = app.sign_in(&app.user(Role::Administrator).await).await;
    let r = app
        .post_form("/en/admin/tokens", &[("action", "issue"), ("email", email), ("name", "desk")], Some(&admin))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    r.body.split("<code data-verbatim>").nth(1).unwrap().split('<').next().unwrap().to_owned()
}

/// A reception in the test district that started half an hour ago, three
/// people booked the day before, and its coordinator's API token.
async fn day(app: &TestApp) -> Day {
    let p = programme(app).await;
    let now = adaldyq_web::state::now();
    let starts_at = now - now % 60 - HOUR / 2;
    let new = NewReception {
        group_id: p.group,
        territory_code: RURAL.into(),
        host_id: p.host,
        starts_at,
        ends_at: starts_at + 2 * HOUR,
        capacity: Capacity { slot_minutes: 30, seats_per_slot: 2, waitlist_size: 2 },
        details: details(Mode::Place),
    };
    let PlanOutcome::Done(id) = app.db.store.schedule_reception(&new, &Actor::system(), now - 48 * HOUR).await.unwrap()
    else {
        panic!("not scheduled")
    };
    let mut people = Vec::new();
    let persons = [
        ("Айжан Сапарова", Some("+77011110001"), None, Some(Priority::Veteran)),
        ("Болат Жақсылықов", Some("+77011110002"), None, None),
        ("Сәуле Нұрланова", None, Some("saule@test.example"), None),
    ];
    for (n, (name, phone, email, priority)) in persons.into_iter().enumerate() {
        let new = NewBooking {
            reception_id: id,
            slot_id: None,
            booking: ValidBooking {
                name: name.into(),
                phone: phone.map(Into::into),
                email: email.map(Into::into),
                topic: format!("Жер мәселесі {n}"),
                priority,
            },
            manage_token_hash: vec![n as u8; 32],
            idempotency_key: None,
            user_id: None,
            language: "kk".into(),
        };
        match app.db.store.book(&new, now - 24 * HOUR).await.unwrap() {
            BookingOutcome::Placed(b) => people.push((b.booking_id, b.code)),
            other => panic!("not booked: {other:?}"),
        }
    }
    let token = token_for(app, &app.user(Role::Coordinator).await).await;
    Day { id, people, token }
}

/// A call with the token (or none), a JSON body (or none), and headers.
async fn call(
    app: &TestApp,
    method: Method,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
    headers: &[(&str, &str)],
) -> (Reply, Value) {
    let mut req = Request::builder().method(method).uri(path);
    if let Some(t) = token {
        req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let body = match body {
        Some(v) => {
            req = req.header(header::CONTENT_TYPE, "application/json");
            Body::from(v.to_string())
        }
        None => Body::empty(),
    };
    let r = app.send(req.body(body).unwrap()).await;
    let v = serde_json::from_str(&r.body).unwrap_or(Value::Null);
    (r, v)
}

fn at(d: &Day, rest: &str) -> String {
    format!("/api/v1/staff/receptions/{}{rest}", d.id)
}

async fn status_of(app: &TestApp, booking: i64) -> BookingStatus {
    app.db.store.booking(booking).await.unwrap().unwrap().status
}

/// The fields an answer's `errors` names.
fn named(v: &Value) -> Vec<String> {
    v["errors"].as_array().into_iter().flatten().map(|e| e["field"].as_str().unwrap_or("").to_owned()).collect()
}

async fn the_list_and_one_reception_with_its_queue(app: TestApp) {
    let d = day(&app).await;
    let t = Some(d.token.as_str());
    let (r, v) = call(&app, Method::GET, "/api/v1/staff/receptions", t, None, &[]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let ids: Vec<i64> = v["receptions"].as_array().unwrap().iter().map(|x| x["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, vec![d.id]);
    // Filters: today holds it, a past range and another status do not.
    let today = in_days(0).to_string();
    let (_, v) =
        call(&app, Method::GET, &format!("/api/v1/staff/receptions?from={today}&to={today}"), t, None, &[]).await;
    assert_eq!(v["receptions"].as_array().unwrap().len(), 1);
    let (_, v) = call(&app, Method::GET, "/api/v1/staff/receptions?to=2020-01-01", t, None, &[]).await;
    assert_eq!(v["receptions"].as_array().unwrap().len(), 0);
    let (_, v) = call(&app, Method::GET, "/api/v1/staff/receptions?status=held", t, None, &[]).await;
    assert_eq!(v["receptions"].as_array().unwrap().len(), 0);
    let (r, v) = call(&app, Method::GET, "/api/v1/staff/receptions?status=nope", t, None, &[]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(named(&v), vec!["status"]);

    let (r, v) = call(&app, Method::GET, &at(&d, ""), t, None, &[]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let queue = v["queue"].as_array().unwrap();
    assert_eq!(queue.len(), 3);
    assert_eq!(queue[0]["code"], d.people[0].1.as_str());
    assert_eq!(queue[0]["name"], "Айжан Сапарова");
    assert_eq!(queue[0]["priority"], "veteran");
    assert_eq!(queue[0]["status"], "booked");
    assert_eq!(queue[1]["topic"], "Жер мәселесі 1");
    assert_eq!(queue[1]["priority"], Value::Null);

    let (r, _) = call(&app, Method::GET, "/api/v1/staff/receptions/999999", t, None, &[]).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

async fn the_day_through_the_api(app: TestApp) {
    let d = day(&app).await;
    let t = Some(d.token.as_str());
    let (aizhan, code) = (d.people[0].0, d.people[0].1.clone());
    let bolat = d.people[1].0;

    // Check-in by code (typed in lower case), then again.
    let (r, v) =
        call(&app, Method::POST, &at(&d, "/check-in"), t, Some(json!({ "code": code.to_lowercase() })), &[]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!((v["status"].as_str(), v["already"].as_bool()), (Some("checked_in"), Some(false)));
    assert_eq!(status_of(&app, aizhan).await, BookingStatus::CheckedIn);
    let (r, v) = call(&app, Method::POST, &at(&d, "/check-in"), t, Some(json!({ "code": code })), &[]).await;
    assert_eq!((r.status, v["already"].as_bool()), (StatusCode::OK, Some(true)));

    // A walk-in: added, checked in, a walk-in in the store.
    let walk = json!({ "name": "Ерлан Әбдірахманов", "phone": "+7 702 555 11 22", "topic": "Су" });
    let (r, v) = call(&app, Method::POST, &at(&d, "/walk-in"), t, Some(walk.clone()), &[]).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let walker = app.db.store.booking(v["id"].as_i64().unwrap()).await.unwrap().unwrap();
    assert!(walker.walk_in && walker.status == BookingStatus::CheckedIn && walker.name == "Ерлан Әбдірахманов");
    // The same phone again: a place is held, so 409 at `phone`.
    let (r, v) = call(&app, Method::POST, &at(&d, "/walk-in"), t, Some(walk), &[]).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert_eq!(named(&v), vec!["phone"]);

    // Received and no-show.
    let (r, v) = call(&app, Method::POST, &at(&d, &format!("/bookings/{aizhan}/received")), t, None, &[]).await;
    assert_eq!((r.status, v["status"].as_str()), (StatusCode::OK, Some("received")), "{}", r.body);
    assert_eq!(status_of(&app, aizhan).await, BookingStatus::Received);
    let (r, _) = call(&app, Method::POST, &at(&d, &format!("/bookings/{bolat}/no-show")), t, None, &[]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(status_of(&app, bolat).await, BookingStatus::NoShow);
    // A no-show cannot be received: 409, nothing changed.
    let (r, _) = call(&app, Method::POST, &at(&d, &format!("/bookings/{bolat}/received")), t, None, &[]).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert_eq!(status_of(&app, bolat).await, BookingStatus::NoShow);
    // A booking of no reception of this id: 404.
    let (r, _) = call(&app, Method::POST, &at(&d, "/bookings/999999/received"), t, None, &[]).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    // A question answered on the spot.
    let q = json!({ "booking": aizhan, "text": "Жер телімі қашан беріледі?", "outcome": "answered", "answer": "Келесі айда." });
    let (r, v) = call(&app, Method::POST, &at(&d, "/questions"), t, Some(q), &[]).await;
    assert_eq!((r.status, v["outcome"].as_str()), (StatusCode::CREATED, Some("answered")), "{}", r.body);
    let questions = app.db.store.questions(d.id).await.unwrap();
    assert_eq!(questions.len(), 1);
    assert_eq!((questions[0].answer.as_str(), questions[0].appeal_id), ("Келесі айда.", None));

    // The host did not come; then held.
    let (r, v) = call(&app, Method::POST, &at(&d, "/host"), t, Some(json!({ "attended": false })), &[]).await;
    assert_eq!((r.status, v["host_attended"].as_bool()), (StatusCode::OK, Some(false)), "{}", r.body);
    assert_eq!(app.db.store.reception(d.id).await.unwrap().unwrap().host_attended, Some(false));
    let (r, v) = call(&app, Method::POST, &at(&d, "/held"), t, None, &[]).await;
    assert_eq!((r.status, v["status"].as_str()), (StatusCode::OK, Some("held")), "{}", r.body);
    let held = app.db.store.reception(d.id).await.unwrap().unwrap();
    assert_eq!((held.status, held.host_attended), (ReceptionStatus::Held, Some(false)));
    // Сәуле never came: a no-show now.
    assert_eq!(status_of(&app, d.people[2].0).await, BookingStatus::NoShow);

    // The day is over: every action is a 409 and changes nothing.
    let (r, v) = call(&app, Method::POST, &at(&d, "/check-in"), t, Some(json!({ "code": d.people[2].1 })), &[]).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert_eq!(named(&v), vec!["code"]);
    let (r, _) = call(&app, Method::POST, &at(&d, "/held"), t, None, &[]).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    let (r, _) = call(&app, Method::POST, &at(&d, "/host"), t, Some(json!({ "attended": true })), &[]).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(app.db.store.reception(d.id).await.unwrap().unwrap().host_attended, Some(false));
}

async fn refusals_name_the_fields_in_the_readers_language(app: TestApp) {
    let d = day(&app).await;
    let t = Some(d.token.as_str());
    let ru = [("accept-language", "ru")];
    // A walk-in without a name (the topic may wait): named, in Russian.
    let (r, v) = call(&app, Method::POST, &at(&d, "/walk-in"), t, Some(json!({ "name": " ", "topic": "" })), &ru).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(named(&v), vec!["name"]);
    assert!(v["errors"][0]["message"].as_str().unwrap().chars().any(|c| ('а'..='я').contains(&c)), "{v}");
    // The `language` field wins over Accept-Language: English.
    let body = json!({ "name": "", "topic": "", "language": "en" });
    let (_, v) = call(&app, Method::POST, &at(&d, "/walk-in"), t, Some(body), &ru).await;
    assert!(v["errors"][0]["message"].as_str().unwrap().is_ascii(), "{v}");
    // An unknown language is named.
    let body = json!({ "name": "x", "topic": "y", "language": "xx" });
    let (r, v) = call(&app, Method::POST, &at(&d, "/walk-in"), t, Some(body), &[]).await;
    assert_eq!((r.status, named(&v)), (StatusCode::UNPROCESSABLE_ENTITY, vec!["language".to_owned()]));
    // An unknown code.
    let (r, v) = call(&app, Method::POST, &at(&d, "/check-in"), t, Some(json!({ "code": "ZZZ-9999" })), &[]).await;
    assert_eq!((r.status, named(&v)), (StatusCode::UNPROCESSABLE_ENTITY, vec!["code".to_owned()]));
    assert!(v["errors"][0]["message"].as_str().unwrap().contains("ZZZ-9999"));

    // A question: for someone who has not come, 409; then with fields at
    // fault, each named; an unknown booking named.
    let aizhan = d.people[0].0;
    let q = json!({ "booking": aizhan, "text": "?", "outcome": "answered", "answer": "x" });
    let (r, _) = call(&app, Method::POST, &at(&d, "/questions"), t, Some(q), &[]).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    call(&app, Method::POST, &at(&d, "/check-in"), t, Some(json!({ "code": d.people[0].1 })), &[]).await;
    let q = json!({ "booking": aizhan, "text": " ", "outcome": "answered", "answer": "" });
    let (r, v) = call(&app, Method::POST, &at(&d, "/questions"), t, Some(q), &ru).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let mut fields = named(&v);
    fields.sort();
    assert_eq!(fields, vec!["answer", "text"]);
    let q = json!({ "booking": aizhan, "text": "Су", "outcome": "maybe" });
    let (_, v) = call(&app, Method::POST, &at(&d, "/questions"), t, Some(q), &[]).await;
    assert_eq!(named(&v), vec!["outcome"]);
    let q = json!({ "booking": aizhan, "text": "Су", "outcome": "appeal", "kind": "nonsense" });
    let (_, v) = call(&app, Method::POST, &at(&d, "/questions"), t, Some(q), &[]).await;
    assert_eq!(named(&v), vec!["kind"]);
    let q = json!({ "booking": 999999, "text": "Су", "outcome": "appeal" });
    let (r, v) = call(&app, Method::POST, &at(&d, "/questions"), t, Some(q), &[]).await;
    assert_eq!((r.status, named(&v)), (StatusCode::UNPROCESSABLE_ENTITY, vec!["booking".to_owned()]));
    // A body of another form.
    let (r, _) = call(&app, Method::POST, &at(&d, "/host"), t, Some(json!({ "attended": "yes" })), &[]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Nothing was recorded by any of these.
    assert!(app.db.store.questions(d.id).await.unwrap().is_empty());
    assert_eq!(app.db.store.reception(d.id).await.unwrap().unwrap().host_attended, None);
}

async fn a_question_taken_as_an_appeal_tracks_with_the_returned_secret(app: TestApp) {
    let d = day(&app).await;
    let t = Some(d.token.as_str());
    let (booking, code) = (d.people[2].0, d.people[2].1.clone());
    call(&app, Method::POST, &at(&d, "/check-in"), t, Some(json!({ "code": code })), &[]).await;
    let q =
        json!({ "booking": booking, "text": "Ауылдағы жол жөнделмей жатыр", "outcome": "appeal", "kind": "complaint" });
    let (r, v) = call(&app, Method::POST, &at(&d, "/questions"), t, Some(q.clone()), &[]).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(v["outcome"], "appeal");
    let number = v["number"].as_str().unwrap().to_owned();
    let secret = v["secret"].as_str().expect("the secret, once").to_owned();
    let appeal = app.db.store.appeal_by_number(&number).await.unwrap().expect("the appeal exists");
    assert_eq!((appeal.channel, appeal.reception_id), (AppealChannel::Reception, Some(d.id)));
    let questions = app.db.store.questions(d.id).await.unwrap();
    assert_eq!((questions.len(), questions[0].appeal_id), (1, Some(appeal.id)));

    // The receipt's secret follows the appeal; a wrong one does not.
    let track = |s: String| {
        Request::get(format!("/api/v1/appeals/{number}"))
            .header(header::AUTHORIZATION, format!("Receipt {s}"))
            .body(Body::empty())
            .unwrap()
    };
    let r = app.send(track(secret.clone())).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains(&number));
    assert_eq!(app.send(track("0".repeat(32))).await.status, StatusCode::NOT_FOUND);

    // Sent again: nothing more recorded or filed, and no secret.
    let (r, v) = call(&app, Method::POST, &at(&d, "/questions"), t, Some(q), &[]).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!((v["number"].as_str(), &v["secret"]), (Some(number.as_str()), &Value::Null));
    assert_eq!(app.db.store.questions(d.id).await.unwrap().len(), 1);
}

async fn others_are_refused(app: TestApp) {
    let d = day(&app).await;
    let id = app
        .db
        .store
        .create_user(&NewUser {
            email: "elsewhere@test.example".into(),
            name: "Other coordinator".into(),
            password_hash: adaldyq_web::auth::password::hash(PASSWORD),
            created_at: adaldyq_web::state::now(),
            is_demo: false,
        })
        .await
        .unwrap();
    let grant = Grant { role: Role::Coordinator, scope: Scope::Territory(OTHER_DISTRICT.into()) };
    app.db.store.add_grant(id, &grant, &Actor::system()).await.unwrap();
    let other = token_for(&app, "elsewhere@test.example").await;
    let o = Some(other.as_str());
    let (booking, code) = (d.people[0].0, d.people[0].1.clone());

    // Another district's coordinator: not in their list, 403 on the rest.
    let (r, v) = call(&app, Method::GET, "/api/v1/staff/receptions", o, None, &[]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(v["receptions"].as_array().unwrap().is_empty());
    let (r, _) = call(&app, Method::GET, &at(&d, ""), o, None, &[]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let posts: Vec<(String, Option<Value>)> = vec![
        ("/check-in".into(), Some(json!({ "code": code }))),
        ("/walk-in".into(), Some(json!({ "name": "Бөтен", "topic": "Су" }))),
        (format!("/bookings/{booking}/received"), None),
        (format!("/bookings/{booking}/no-show"), None),
        ("/host".into(), Some(json!({ "attended": false }))),
        ("/held".into(), None),
        ("/questions".into(), Some(json!({ "booking": booking, "text": "?", "outcome": "appeal" }))),
    ];
    for (rest, body) in posts {
        let (r, _) = call(&app, Method::POST, &at(&d, &rest), o, body, &[]).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "POST {rest}");
    }
    let r = app.db.store.reception(d.id).await.unwrap().unwrap();
    assert_eq!((r.status, r.host_attended), (ReceptionStatus::Planned, None));
    assert_eq!(app.db.store.bookings(d.id).await.unwrap().len(), 3);
    assert_eq!(status_of(&app, booking).await, BookingStatus::Booked);

    // A citizen (signed in; tokens are not issued to citizens): 403.
    let citizen = app.sign_in(&app.user(Role::Citizen).await).await;
    let cookie = [("cookie", citizen.cookie.as_str())];
    let (r, _) = call(&app, Method::GET, "/api/v1/staff/receptions", None, None, &cookie).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let (r, _) = call(&app, Method::GET, &at(&d, ""), None, None, &cookie).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // Nobody: 401; a wrong token: 401.
    let (r, _) = call(&app, Method::GET, "/api/v1/staff/receptions", None, None, &[]).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let (r, _) = call(&app, Method::POST, &at(&d, "/held"), Some("not-a-token"), None, &[]).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.db.store.reception(d.id).await.unwrap().unwrap().status, ReceptionStatus::Planned);
}

/// The first working day at least `days` ahead.
fn working_day(app: &TestApp, days: i64) -> jiff::civil::Date {
    let calendar = app.state.calendar();
    (days..days + 30).map(in_days).find(|d| calendar.is_working_day(*d)).unwrap()
}

async fn postpone_and_cancel_through_the_api(app: TestApp) {
    let p = programme(&app).await;
    let coordinator = app.user(Role::Coordinator).await;
    let t = token_for(&app, &coordinator).await;
    let t = Some(t.as_str());
    let first = working_day(&app, 7);
    let id = reception(&app, p.group, RURAL, p.host, local(first, 10, 0), 60, details(Mode::Place)).await;
    let second = working_day(&app, 10);
    // The host's other reception, which a postponement must not overlap.
    reception(&app, p.group, RURAL, p.host, local(second, 10, 0), 60, details(Mode::Place)).await;
    let path = |rest: &str| format!("/api/v1/staff/receptions/{id}{rest}");
    let ru = [("accept-language", "ru")];

    // Fields at fault: each named, in Russian.
    let body = json!({ "date": "2021-03-03", "start": "25:00", "reason": " " });
    let (r, v) = call(&app, Method::POST, &path("/postpone"), t, Some(body), &ru).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let mut fields = named(&v);
    fields.sort();
    assert_eq!(fields, vec!["reason", "start"]);
    assert!(v["errors"][0]["message"].as_str().unwrap().chars().any(|c| ('а'..='я').contains(&c)), "{v}");
    let body = json!({ "date": "2021-03-03", "start": "10:00", "reason": "Су тасқыны" });
    let (_, v) = call(&app, Method::POST, &path("/postpone"), t, Some(body), &[]).await;
    assert_eq!(named(&v), vec!["date"]);
    // A clash with the host's other reception: 409 at `start`.
    let body = json!({ "date": second.to_string(), "start": "10:30", "reason": "Су тасқыны" });
    let (r, v) = call(&app, Method::POST, &path("/postpone"), t, Some(body), &[]).await;
    assert_eq!((r.status, named(&v)), (StatusCode::CONFLICT, vec!["start".to_owned()]), "{}", r.body);
    // A day off: 409 at `date` unless confirmed.
    let calendar = app.state.calendar();
    let off = (8..40).map(in_days).find(|d| !calendar.is_working_day(*d)).unwrap();
    let body = json!({ "date": off.to_string(), "start": "10:00", "reason": "Су тасқыны" });
    let (r, v) = call(&app, Method::POST, &path("/postpone"), t, Some(body), &[]).await;
    assert_eq!((r.status, named(&v)), (StatusCode::CONFLICT, vec!["date".to_owned()]), "{}", r.body);
    assert_eq!(app.db.store.reception(id).await.unwrap().unwrap().starts_at, local(first, 10, 0), "unchanged");
    let body = json!({ "date": off.to_string(), "start": "11:00", "reason": "Су тасқыны", "day_off_ok": true });
    let (r, v) = call(&app, Method::POST, &path("/postpone"), t, Some(body), &[]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(v["id"], id);
    let moved = app.db.store.reception(id).await.unwrap().unwrap();
    assert_eq!(moved.starts_at, local(off, 11, 0));
    assert_eq!(moved.ends_at - moved.starts_at, 3_600, "its length kept");
    assert_eq!(moved.status, ReceptionStatus::Postponed);

    // Another district's coordinator may not cancel it.
    let id_other = app
        .db
        .store
        .create_user(&NewUser {
            email: "far@test.example".into(),
            name: "Far".into(),
            password_hash: adaldyq_web::auth::password::hash(PASSWORD),
            created_at: adaldyq_web::state::now(),
            is_demo: false,
        })
        .await
        .unwrap();
    let grant = Grant { role: Role::Coordinator, scope: Scope::Territory(OTHER_DISTRICT.into()) };
    app.db.store.add_grant(id_other, &grant, &Actor::system()).await.unwrap();
    let far = token_for(&app, "far@test.example").await;
    let (r, _) = call(&app, Method::POST, &path("/cancel"), Some(&far), Some(json!({ "reason": "Бөтен" })), &[]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    // Cancel: a reason is needed; then cancelled, and once only.
    let (r, v) = call(&app, Method::POST, &path("/cancel"), t, Some(json!({ "reason": "" })), &[]).await;
    assert_eq!((r.status, named(&v)), (StatusCode::UNPROCESSABLE_ENTITY, vec!["reason".to_owned()]));
    let (r, v) = call(&app, Method::POST, &path("/cancel"), t, Some(json!({ "reason": "Жол жабық" })), &[]).await;
    assert_eq!((r.status, v["status"].as_str()), (StatusCode::OK, Some("cancelled")), "{}", r.body);
    assert_eq!(app.db.store.reception(id).await.unwrap().unwrap().status, ReceptionStatus::Cancelled);
    let (r, _) = call(&app, Method::POST, &path("/cancel"), t, Some(json!({ "reason": "Жол жабық" })), &[]).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    let (r, _) =
        call(&app, Method::POST, "/api/v1/staff/receptions/999999/cancel", t, Some(json!({ "reason": "x" })), &[])
            .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

async fn planning_through_the_api(app: TestApp) {
    let p = programme(&app).await;
    let t = token_for(&app, &app.user(Role::Coordinator).await).await;
    let t = Some(t.as_str());
    let day = working_day(&app, 7);
    let plan = |date: String, start: &str| {
        json!({ "territory": RURAL, "host": format!("h:{}", p.host), "mode": "place", "address": "Аманөткел, мектеп",
                "date": date, "start": start, "end": "12:00", "slot_minutes": 30, "seats_per_slot": 2,
                "topics": "Жер\nСу", "languages": ["kk", "ru"] })
    };
    let (r, v) =
        call(&app, Method::POST, "/api/v1/staff/receptions", t, Some(plan(day.to_string(), "10:00")), &[]).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let id = v["id"].as_i64().unwrap();
    let stored = app.db.store.reception(id).await.unwrap().expect("planned");
    assert_eq!((stored.starts_at, stored.ends_at), (local(day, 10, 0), local(day, 12, 0)));
    assert_eq!((stored.territory_code.as_str(), stored.host_id), (RURAL, p.host));
    assert_eq!(stored.capacity.slot_minutes, 30);

    // The same host at an overlapping time: 409 at `host`, nothing planned.
    let (r, v) =
        call(&app, Method::POST, "/api/v1/staff/receptions", t, Some(plan(day.to_string(), "11:00")), &[]).await;
    assert_eq!((r.status, named(&v)), (StatusCode::CONFLICT, vec!["host".to_owned()]), "{}", r.body);
    // A day off, not confirmed: 409 at `date`.
    let calendar = app.state.calendar();
    let off = (8..40).map(in_days).find(|d| !calendar.is_working_day(*d)).unwrap();
    let (r, v) =
        call(&app, Method::POST, "/api/v1/staff/receptions", t, Some(plan(off.to_string(), "10:00")), &[]).await;
    assert_eq!((r.status, named(&v)), (StatusCode::CONFLICT, vec!["date".to_owned()]), "{}", r.body);
    // Fields at fault, each named, in Russian.
    let bad = json!({ "territory": "999999999", "host": "nobody", "mode": "boat", "date": "someday", "languages": [] });
    let (r, v) = call(&app, Method::POST, "/api/v1/staff/receptions", t, Some(bad), &[("accept-language", "ru")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let fields = named(&v);
    for f in ["territory", "host", "mode", "date", "languages"] {
        assert!(fields.contains(&f.to_owned()), "{f} named in {fields:?}");
    }
    assert!(v["errors"][0]["message"].as_str().unwrap().chars().any(|c| ('а'..='я').contains(&c)), "{v}");
    let ids: Vec<i64> = app
        .db
        .store
        .receptions(&adaldyq_store::ReceptionFilter { limit: 100, ..Default::default() })
        .await
        .unwrap()
        .iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(ids, vec![id], "only the first was planned");

    // A citizen may not plan.
    let citizen = app.sign_in(&app.user(Role::Citizen).await).await;
    let headers = [("cookie", citizen.cookie.as_str()), ("x-csrf-token", citizen.csrf.as_str())];
    let (r, _) =
        call(&app, Method::POST, "/api/v1/staff/receptions", None, Some(plan(day.to_string(), "14:00")), &headers)
            .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}
