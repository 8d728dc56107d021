//! The day of a reception, as its coordinator runs it through the real
//! router on both backends: check-in by code on the day page and by the
//! booking's QR address (GET shows, POST checks in, a wrong code refused,
//! a signed-out reader sent to sign in and back), walk-ins, received,
//! no-shows, whether the host came, "held"; the record: a question
//! answered on the spot, and one taken as an appeal whose receipt tracks;
//! a coordinator of another district refused on every route.

mod support;

use adaldyq_domain::appeal::{AppealChannel, EventKind};
use adaldyq_domain::reception::{BookingStatus, Capacity, QuestionOutcome, ReceptionStatus, ValidBooking};
use adaldyq_domain::{Grant, Role, Scope};
use adaldyq_store::{Actor, BookingOutcome, NewBooking, NewReception, NewUser, PlanOutcome};
use axum::http::{header, StatusCode};
use support::receptions::{details, programme, RURAL};
use support::{Reply, Session, TestApp, OTHER_DISTRICT, PASSWORD};

both_backends!(
    check_in_by_code_and_by_the_qr_address,
    a_signed_out_reader_of_the_qr_address_signs_in_and_comes_back,
    walk_ins_received_no_shows_the_host_and_held,
    a_question_answered_on_the_spot_is_recorded,
    a_question_taken_as_an_appeal_gives_a_receipt_that_tracks,
    a_coordinator_of_another_district_is_refused_everywhere,
    the_day_page_speaks_kazakh_and_a_reception_not_started_is_not_held,
);

const HOUR: i64 = 3_600;

struct Day {
    id: i64,
    /// (booking id, code) of Айжан (veteran), Болат, Сәуле.
    people: Vec<(i64, String)>,
    coordinator: Session,
}

/// A reception in the test district that started half an hour ago (planned
/// two days before), three people booked the day before, and its
/// coordinator signed in.
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
        details: details(adaldyq_domain::reception::Mode::Place),
    };
    let PlanOutcome::Done(id) = app.db.store.schedule_reception(&new, &Actor::system(), now - 48 * HOUR).await.unwrap()
    else {
        panic!("not scheduled")
    };
    let mut people = Vec::new();
    let persons = [
        ("Айжан Сапарова", Some("+77011110001"), None, Some(adaldyq_domain::reception::Priority::Veteran)),
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
    let coordinator = app.sign_in(&app.user(Role::Coordinator).await).await;
    Day { id, people, coordinator }
}

fn path(d: &Day, rest: &str) -> String {
    format!("/en/staff/receptions/{}{rest}", d.id)
}

/// The confirmation cookie a redirect set.
fn flash_of(r: &Reply) -> String {
    r.headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("adaldyq_flash="))
        .map(|v| v.split(';').next().unwrap_or("").to_owned())
        .unwrap_or_default()
}

/// Follows an action's redirect to the day page, with its confirmation.
async fn after(app: &TestApp, d: &Day, r: &Reply) -> String {
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), path(d, "/day"));
    let with_flash = Session { cookie: format!("{}; {}", d.coordinator.cookie, flash_of(r)), ..d.coordinator.clone() };
    let page = app.get(&path(d, "/day"), Some(&with_flash)).await;
    assert_eq!(page.status, StatusCode::OK);
    page.body
}

async fn status_of(app: &TestApp, booking: i64) -> BookingStatus {
    app.db.store.booking(booking).await.unwrap().unwrap().status
}

async fn check_in_by_code_and_by_the_qr_address(app: TestApp) {
    let d = day(&app).await;
    let s = Some(&d.coordinator);
    let page = app.get(&path(&d, "/day"), s).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    for (_, code) in &d.people {
        assert!(page.body.contains(code.as_str()), "the queue lists {code}");
    }
    assert!(page.body.contains("Айжан Сапарова") && page.body.contains("Priority: Veteran"));
    assert_eq!(page.body.matches("<h1").count(), 1);

    // By code on the day page, typed in lower case.
    let (aizhan, code) = &d.people[0];
    let r = app.post_form(&path(&d, "/day/check-in"), &[("code", &code.to_lowercase())], s).await;
    let shown = after(&app, &d, &r).await;
    assert!(shown.contains(&format!("{code} is checked in.")), "{shown}");
    assert_eq!(status_of(&app, *aizhan).await, BookingStatus::CheckedIn);

    // A wrong code: refused, said so, what was typed kept.
    let r = app.post_form(&path(&d, "/day/check-in"), &[("code", "ZZZ-9999")], s).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("No booking of this reception has the code ZZZ-9999"), "{}", r.body);
    assert!(r.body.contains("value=\"ZZZ-9999\""));
    assert!(r.body.contains("<title>Error:"));

    // The QR address: GET shows the booking and changes nothing.
    let (bolat, code) = &d.people[1];
    let qr = path(&d, &format!("/check-in?code={code}"));
    let shown = app.get(&qr, s).await;
    assert_eq!(shown.status, StatusCode::OK, "{}", shown.body);
    assert!(shown.body.contains("Болат Жақсылықов") && shown.body.contains("Check this person in"));
    assert_eq!(status_of(&app, *bolat).await, BookingStatus::Booked, "a GET changes nothing");
    let r = app.post_form(&path(&d, "/check-in"), &[("code", code)], s).await;
    let shown = after(&app, &d, &r).await;
    assert!(shown.contains(&format!("{code} is checked in.")));
    assert_eq!(status_of(&app, *bolat).await, BookingStatus::CheckedIn);
    // Scanned again: already in, nothing changes.
    let r = app.post_form(&path(&d, "/check-in"), &[("code", code)], s).await;
    assert!(after(&app, &d, &r).await.contains("was already checked in"));

    // A wrong code at the QR address: said so, in the reader's language.
    let wrong = app.get(&path(&d, "/check-in?code=KKKKKKK"), s).await;
    assert_eq!(wrong.status, StatusCode::NOT_FOUND);
    assert!(wrong.body.contains("No booking of this reception has the code KKKKKKK"), "{}", wrong.body);
    let ru = app.get(&format!("/ru/staff/receptions/{}/check-in?code=KKKKKKK", d.id), s).await;
    assert!(ru.body.contains("У этого приёма нет записи с кодом KKKKKKK"), "{}", ru.body);
    let r = app.post_form(&path(&d, "/check-in"), &[("code", "KKKKKKK")], s).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(status_of(&app, d.people[2].0).await, BookingStatus::Booked);
}

async fn a_signed_out_reader_of_the_qr_address_signs_in_and_comes_back(app: TestApp) {
    let d = day(&app).await;
    let code = &d.people[2].1;
    let qr = path(&d, &format!("/check-in?code={code}"));
    let r = app.get(&qr, None).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let to = r.location().to_owned();
    assert!(to.starts_with("/en/sign-in?next="), "{to}");
    let next: Vec<(String, String)> = serde_urlencoded::from_str(to.split_once('?').unwrap().1).unwrap();
    assert_eq!(next[0].1, qr);
    let email = app.user(Role::Coordinator).await;
    let signed = app.post_form("/en/sign-in", &[("email", &email), ("password", PASSWORD), ("next", &qr)], None).await;
    assert_eq!(signed.status, StatusCode::SEE_OTHER);
    assert_eq!(signed.location(), qr, "back to the QR address after signing in");
}

async fn walk_ins_received_no_shows_the_host_and_held(app: TestApp) {
    let d = day(&app).await;
    let s = Some(&d.coordinator);
    // A walk-in without a name: refused at the field, the rest kept.
    let r =
        app.post_form(&path(&d, "/day/walk-in"), &[("name", " "), ("phone", "87015550000"), ("topic", "Жол")], s).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("href=\"#name\"") && r.body.contains("value=\"87015550000\""), "{}", r.body);
    let r =
        app.post_form(&path(&d, "/day/walk-in"), &[("name", "Дәулет Қожа"), ("phone", ""), ("topic", "Жол")], s).await;
    let shown = after(&app, &d, &r).await;
    assert!(shown.contains("The walk-in was added to the queue with the code"), "{shown}");
    assert!(shown.contains("Дәулет Қожа") && shown.contains(">walk-in<"));
    let queue = app.db.store.queue(d.id).await.unwrap();
    let walk_in = queue.iter().find(|b| b.walk_in).expect("the walk-in is in the queue");
    assert_eq!((walk_in.name.as_str(), walk_in.status), ("Дәулет Қожа", BookingStatus::CheckedIn));
    // Someone booked cannot walk in again by the same phone.
    let r = app.post_form(&path(&d, "/day/walk-in"), &[("name", "Болат"), ("phone", "+77011110002")], s).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.body.contains("already has a booking"));

    let (aizhan, code) = &d.people[0];
    let r = app.post_form(&path(&d, "/day/received"), &[("booking", &aizhan.to_string())], s).await;
    assert!(after(&app, &d, &r).await.contains(&format!("{code} is marked as received.")));
    assert_eq!(status_of(&app, *aizhan).await, BookingStatus::Received);
    let (bolat, code) = &d.people[1];
    let r = app.post_form(&path(&d, "/day/no-show"), &[("booking", &bolat.to_string())], s).await;
    assert!(after(&app, &d, &r).await.contains(&format!("{code} is marked as not come.")));
    assert_eq!(status_of(&app, *bolat).await, BookingStatus::NoShow);
    // Received cannot become a no-show.
    let r = app.post_form(&path(&d, "/day/no-show"), &[("booking", &aizhan.to_string())], s).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(status_of(&app, *aizhan).await, BookingStatus::Received);
    // A booking of no such reception: not found.
    let r = app.post_form(&path(&d, "/day/received"), &[("booking", "999999")], s).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    let r = app.post_form(&path(&d, "/day/host"), &[("attended", "maybe")], s).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = app.post_form(&path(&d, "/day/host"), &[("attended", "no")], s).await;
    assert!(after(&app, &d, &r).await.contains("Recorded: the host did not come."));
    assert_eq!(app.db.store.reception(d.id).await.unwrap().unwrap().host_attended, Some(false));
    let r = app.post_form(&path(&d, "/day/host"), &[("attended", "yes")], s).await;
    assert!(after(&app, &d, &r).await.contains("The host came."));
    assert_eq!(app.db.store.reception(d.id).await.unwrap().unwrap().host_attended, Some(true));

    let r = app.post_form(&path(&d, "/day/held"), &[], s).await;
    let shown = after(&app, &d, &r).await;
    assert!(shown.contains("The reception is marked as held"), "{shown}");
    assert!(shown.contains("This reception has taken place.") && !shown.contains("day/walk-in"));
    let held = app.db.store.reception(d.id).await.unwrap().unwrap();
    assert_eq!((held.status, held.host_attended), (ReceptionStatus::Held, Some(true)));
    assert_eq!(status_of(&app, d.people[2].0).await, BookingStatus::NoShow, "never came");
    // The day is over: nothing more is done.
    let r = app.post_form(&path(&d, "/day/walk-in"), &[("name", "Кеш қалған")], s).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(app.db.store.queue(d.id).await.unwrap().len(), 4);
}

async fn a_question_answered_on_the_spot_is_recorded(app: TestApp) {
    let d = day(&app).await;
    let s = Some(&d.coordinator);
    let (aizhan, code) = &d.people[0];
    // Not come yet: no question.
    let early = app.get(&path(&d, &format!("/questions?booking={aizhan}")), s).await;
    assert_eq!(early.status, StatusCode::CONFLICT);
    app.post_form(&path(&d, "/day/check-in"), &[("code", code)], s).await;
    let form = app.get(&path(&d, &format!("/questions?booking={aizhan}")), s).await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    assert!(form.body.contains("Айжан Сапарова") && form.body.contains("Answered on the spot"));

    let q = "Балабақшаға кезек қалай тексеріледі?";
    let b = aizhan.to_string();
    let fields = [("booking", b.as_str()), ("text", q), ("outcome", "answered_on_the_spot"), ("answer", "")];
    let r = app.post_form(&path(&d, "/questions"), &fields, s).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Write the short answer given on the spot.") && r.body.contains(q), "{}", r.body);
    assert!(app.db.store.questions(d.id).await.unwrap().is_empty());

    let answer = "Кезек нөмірін egov.kz порталынан көруге болады";
    let fields = [("booking", b.as_str()), ("text", q), ("outcome", "answered_on_the_spot"), ("answer", answer)];
    let r = app.post_form(&path(&d, "/questions"), &fields, s).await;
    let shown = after(&app, &d, &r).await;
    assert!(shown.contains(&format!("The question of {code} and its answer are recorded.")));
    assert!(shown.contains(q) && shown.contains(answer), "the record lists it: {shown}");
    let questions = app.db.store.questions(d.id).await.unwrap();
    assert_eq!(questions.len(), 1);
    assert_eq!((questions[0].outcome, questions[0].answer.as_str()), (QuestionOutcome::AnsweredOnTheSpot, answer));
    assert_eq!(questions[0].appeal_id, None);
    assert_eq!(status_of(&app, *aizhan).await, BookingStatus::Received);
}

async fn a_question_taken_as_an_appeal_gives_a_receipt_that_tracks(app: TestApp) {
    let d = day(&app).await;
    let s = Some(&d.coordinator);
    let (saule, code) = &d.people[2];
    app.post_form(&path(&d, "/day/check-in"), &[("code", code)], s).await;
    let q = "Ауылдағы көше жарығы үш айдан бері жанбайды";
    let b = saule.to_string();
    // Taken as an appeal without a kind: refused, kept.
    let fields = [("booking", b.as_str()), ("text", q), ("outcome", "taken_as_appeal"), ("kind", "nonsense")];
    let r = app.post_form(&path(&d, "/questions"), &fields, s).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Choose the kind of appeal.") && r.body.contains(q));

    let fields = [("booking", b.as_str()), ("text", q), ("outcome", "taken_as_appeal"), ("kind", "complaint")];
    let r = app.post_form(&path(&d, "/questions"), &fields, s).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let (number, secret) = support::receipt(&r.body);
    assert!(r.body.contains("<svg") && r.body.contains("Back to the reception day"), "a QR and the way back");
    assert!(!r.body.contains("/my/appeals"), "not the coordinator's own appeal");
    assert_eq!(r.headers.get(header::CACHE_CONTROL).unwrap(), "no-store");

    // The same form sent again: one question, one appeal, no new secret.
    let again = app.post_form(&path(&d, "/questions"), &fields, s).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    assert!(again.body.contains(&number) && !again.body.contains(&secret), "{}", again.body);
    assert!(again.body.contains("This form was already sent"));

    // The receipt's number and secret open the tracking page.
    let tracked = app.post_form("/en/track", &[("number", &number), ("secret", &secret)], None).await;
    assert_eq!(tracked.status, StatusCode::OK, "{}", tracked.body);
    assert!(tracked.body.contains(&number) && tracked.body.contains(q), "{}", tracked.body);

    // The appeal: in the person's name, from this reception, with its events.
    let appeal = app.db.store.appeal_by_number(&number).await.unwrap().expect("the appeal exists");
    assert_eq!((appeal.channel, appeal.reception_id), (AppealChannel::Reception, Some(d.id)));
    assert_eq!(appeal.territory_code, RURAL);
    assert!(!appeal.anonymous);
    let contact = app.db.store.appeal_contact(appeal.id).await.unwrap().unwrap();
    assert_eq!((contact.name.as_str(), contact.email.as_deref()), ("Сәуле Нұрланова", Some("saule@test.example")));
    let events = app.db.store.appeal_events(appeal.id).await.unwrap();
    assert!(events.iter().any(|e| e.kind == EventKind::Filed), "{events:?}");
    assert!(events.iter().all(|e| e.body.contains("\"channel\":\"reception\"") || e.kind != EventKind::Filed));
    let questions = app.db.store.questions(d.id).await.unwrap();
    assert_eq!(questions.len(), 1);
    assert_eq!((questions[0].outcome, questions[0].appeal_id), (QuestionOutcome::TakenAsAppeal, Some(appeal.id)));
    let from_here = app.db.store.public_summary(d.id, adaldyq_web::state::now()).await.unwrap().unwrap();
    assert_eq!(from_here.appeals, 1, "filed once");
    // The day page lists it with the appeal's number.
    let page = app.get(&path(&d, "/day"), s).await;
    assert!(page.body.contains(q) && page.body.contains(&number), "{}", page.body);
    // So does the reception's page, to its coordinator only.
    let public = format!("/en/receptions/{}", d.id);
    let page = app.get(&public, s).await;
    assert!(page.body.contains(q) && page.body.contains("Сәуле Нұрланова") && page.body.contains(&number));
    assert!(page.body.contains(&format!("href=\"{}\"", path(&d, "/day"))), "the way to the day page");
    let anonymous = app.get(&public, None).await;
    assert_eq!(anonymous.status, StatusCode::OK);
    assert!(!anonymous.body.contains(q) && !anonymous.body.contains("Сәуле") && !anonymous.body.contains("/day\""));
}

async fn a_coordinator_of_another_district_is_refused_everywhere(app: TestApp) {
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
    let other = app.sign_in("elsewhere@test.example").await;
    let (booking, code) = (d.people[0].0.to_string(), d.people[0].1.clone());
    for rest in ["/day".to_owned(), format!("/check-in?code={code}"), format!("/questions?booking={booking}")] {
        let r = app.get(&path(&d, &rest), Some(&other)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "GET {rest}");
    }
    let posts: [(&str, Vec<(&str, &str)>); 8] = [
        ("/day/check-in", vec![("code", &code)]),
        ("/day/walk-in", vec![("name", "Бөтен")]),
        ("/day/received", vec![("booking", &booking)]),
        ("/day/no-show", vec![("booking", &booking)]),
        ("/day/host", vec![("attended", "no")]),
        ("/day/held", vec![]),
        ("/check-in", vec![("code", &code)]),
        (
            "/questions",
            vec![("booking", &booking), ("text", "?"), ("outcome", "taken_as_appeal"), ("kind", "complaint")],
        ),
    ];
    for (rest, fields) in posts {
        let r = app.post_form(&path(&d, rest), &fields, Some(&other)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "POST {rest}");
    }
    // Nothing changed.
    let r = app.db.store.reception(d.id).await.unwrap().unwrap();
    assert_eq!((r.status, r.host_attended), (ReceptionStatus::Planned, None));
    let queue = app.db.store.queue(d.id).await.unwrap();
    assert_eq!(queue.len(), 3);
    assert!(queue.iter().all(|b| b.status == BookingStatus::Booked));
    assert!(app.db.store.questions(d.id).await.unwrap().is_empty());
    // The reception's public page shows them no record and no day page.
    let public = app.get(&format!("/en/receptions/{}", d.id), Some(&other)).await;
    assert_eq!(public.status, StatusCode::OK);
    assert!(!public.body.contains(&path(&d, "/day")) && !public.body.contains("The record"));
    // The coordinator of the district may.
    assert_eq!(app.get(&path(&d, "/day"), Some(&d.coordinator)).await.status, StatusCode::OK);
}

async fn the_day_page_speaks_kazakh_and_a_reception_not_started_is_not_held(app: TestApp) {
    let d = day(&app).await;
    let s = Some(&d.coordinator);
    let kk = app.get(&format!("/kk/staff/receptions/{}/day", d.id), s).await;
    assert_eq!(kk.status, StatusCode::OK);
    for words in ["Қабылдау күні", "Жазылу коды бойынша келгенін белгілеу", "Жазылмай келген адамды қосу", "Кезек"]
    {
        assert!(kk.body.contains(words), "{words}");
    }
    assert!(!kk.body.contains("Check in by booking code") && !kk.body.contains("Add a walk-in"));
    assert!(kk.body.contains("Басымдық: Ардагер"), "priority shown to staff");

    // A reception of tomorrow cannot be marked held.
    let p = app.db.store.working_groups(None).await.unwrap();
    let group = p.iter().find(|g| g.territory_code == RURAL).unwrap().id;
    let host = app.db.store.reception(d.id).await.unwrap().unwrap().host_id;
    let starts = support::receptions::local(support::receptions::in_days(1), 10, 0);
    let tomorrow = support::receptions::reception(
        &app,
        group,
        RURAL,
        host,
        starts + 3 * HOUR,
        60,
        details(adaldyq_domain::reception::Mode::Place),
    )
    .await;
    let r = app.post_form(&format!("/en/staff/receptions/{tomorrow}/day/held"), &[], s).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.body.contains("The reception has not started yet."), "{}", r.body);
    let still = app.db.store.reception(tomorrow).await.unwrap().unwrap();
    assert_eq!(still.status, ReceptionStatus::Planned);
}
