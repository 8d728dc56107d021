//! Booking a place at a reception and managing it with the manage link,
//! through the real router on both backends: the form's errors in Kazakh
//! with nothing typed lost, the same form sent twice booking once, full
//! with the next free slots, refusals of a cancelled or past reception,
//! one place per person, cancelling through the link promoting the
//! waiting list (with its notice), a guessed token answered as an unknown.

mod support;

use adaldyq_domain::reception::{BookingStatus, Capacity, Details, Mode};
use adaldyq_store::{Actor, Channel, NewHost, NewProgramme, NewReception, NewWorkingGroup, PlanOutcome};
use axum::http::StatusCode;
use support::{between, post, TestApp};

both_backends!(
    the_form_names_each_error_in_kazakh_and_keeps_what_was_typed,
    the_same_form_sent_twice_books_once_with_the_same_link,
    a_full_reception_offers_the_next_free_slots,
    a_cancelled_or_past_reception_is_refused_with_a_sentence,
    one_person_holds_one_place,
    cancelling_through_the_link_promotes_the_waiting_list_and_tells_them,
    a_guessed_token_is_answered_as_an_unknown_one,
    the_booked_people_s_notices_say_their_own_facts_in_their_language,
    the_booked_and_manage_pages_carry_the_check_in_qr_code,
);

const OKRUG: &str = "433231000";
const HOUR: i64 = 3_600;

struct Fixture {
    group: i64,
    host: i64,
}

async fn fixture(app: &TestApp) -> Fixture {
    let store = &app.db.store;
    let programme = store
        .create_programme(&NewProgramme {
            name_kk: "Бағдарлама".into(),
            name_ru: "Программа".into(),
            name_en: "Programme".into(),
            office_name_kk: "Кеңсе".into(),
            office_name_ru: "Офис".into(),
            office_name_en: "Office".into(),
            office_address: "Қызылорда".into(),
            office_phone: String::new(),
            office_email: "office@test.example".into(),
            is_demo: true,
        })
        .await
        .unwrap();
    let group = store
        .create_working_group(&NewWorkingGroup {
            programme_id: programme,
            territory_code: OKRUG.into(),
            name_kk: "Жұмыс тобы".into(),
            name_ru: "Рабочая группа".into(),
            name_en: "Working group".into(),
            address: "Ауыл".into(),
            phone: String::new(),
            email: "group@test.example".into(),
            is_demo: true,
        })
        .await
        .unwrap();
    let host = store
        .create_host(&NewHost {
            name: "Тест әкім".into(),
            position_kk: "Әкім".into(),
            position_ru: "Аким".into(),
            position_en: "Akim".into(),
            institution_id: None,
            institution_text: String::new(),
            is_demo: true,
        })
        .await
        .unwrap();
    Fixture { group, host }
}

/// A reception `days` ahead at a whole hour, with `slots` slots of one
/// hour, `seats` seats each and a waiting list of `waitlist`.
async fn reception(app: &TestApp, f: &Fixture, days: i64, slots: i64, seats: i64, waitlist: i64) -> i64 {
    let now = adaldyq_web::state::now();
    let starts_at = (now + days * 86_400) / HOUR * HOUR;
    let new = NewReception {
        group_id: f.group,
        territory_code: OKRUG.into(),
        host_id: f.host,
        starts_at,
        ends_at: starts_at + slots * HOUR,
        capacity: Capacity { slot_minutes: 60, seats_per_slot: seats, waitlist_size: waitlist },
        details: Details {
            mode: Mode::Place,
            address: "Ақирек ауылы, мектеп".into(),
            online_link: None,
            topics: "Жер".into(),
            languages: vec![],
            accessibility: String::new(),
            co_hosts: vec![],
            opens_days_before: 30,
            closes_hours_before: 2,
        },
    };
    match app.db.store.schedule_reception(&new, &Actor::system(), now).await.unwrap() {
        PlanOutcome::Done(id) => id,
        other => panic!("{other:?}"),
    }
}

fn person(token: &str, name: &str, phone: &str) -> Vec<(&'static str, String)> {
    vec![
        ("token", token.to_owned()),
        ("name", name.to_owned()),
        ("phone", phone.to_owned()),
        ("email", String::new()),
        ("topic", "Жер учаскесі".into()),
        ("priority", String::new()),
        ("slot", String::new()),
    ]
}

/// The manage link's token on an answer page.
fn manage_token(body: &str) -> String {
    between(body, "manage?t=", "\"").expect("a manage link").to_owned()
}

fn code(body: &str) -> String {
    between(body, "id=\"booking-code\">", "<").expect("a booking code").to_owned()
}

async fn the_form_names_each_error_in_kazakh_and_keeps_what_was_typed(app: TestApp) {
    let f = fixture(&app).await;
    let r = reception(&app, &f, 5, 2, 2, 0).await;
    let form = app.get(&format!("/kk/receptions/{r}/book"), None).await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    assert!(form.body.contains("Ақирек ауылы, мектеп") && form.body.contains("name=\"token\""));
    let mut fields = person("0123456789abcdef0123", "", "");
    fields[4].1 = "Су құбыры жөнделмеген".into();
    fields[3].1 = "not-an-email".into();
    let sent = post(&app, &format!("/kk/receptions/{r}/book"), &fields).await;
    assert_eq!(sent.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", sent.body);
    let summary = between(&sent.body, "class=\"error-summary\"", "</div>").expect("a summary");
    assert!(summary.contains("Аты-жөніңізді жазыңыз"), "{summary}");
    assert!(summary.contains("Электрондық поштаны name@example.kz түрінде жазыңыз"), "{summary}");
    assert!(sent.body.contains("id=\"name-error\""), "a message at the field");
    assert!(sent.body.contains("value=\"Су құбыры жөнделмеген\""), "the topic typed is kept");
    assert!(sent.body.contains("value=\"0123456789abcdef0123\""), "the form's token is kept");
    assert!(!sent.body.contains("Enter your name") && !summary.contains("Enter"), "no English on a Kazakh page");
    assert!(app.db.store.bookings(r).await.unwrap().is_empty(), "nothing booked");
}

async fn the_same_form_sent_twice_books_once_with_the_same_link(app: TestApp) {
    let f = fixture(&app).await;
    let r = reception(&app, &f, 5, 2, 2, 0).await;
    let fields = person("aaaaaaaaaaaaaaaaaaaaaaaa", "Айжан", "+7 701 234 56 78");
    let first = post(&app, &format!("/kk/receptions/{r}/book"), &fields).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    let again = post(&app, &format!("/kk/receptions/{r}/book"), &fields).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    assert_eq!(code(&first.body), code(&again.body));
    assert_eq!(manage_token(&first.body), manage_token(&again.body), "the same link both times");
    assert!(again.body.contains("Бұл нысан бұрын жіберілген"), "said to be the same booking");
    assert_eq!(app.db.store.bookings(r).await.unwrap().len(), 1, "{}", app.db.backend);
    assert!(first.body.contains("Ақирек ауылы, мектеп"), "the place");
    // The link to keep is shown as a whole address (a path alone is no use outside the site).
    let shown = between(&first.body, "id=\"manage-link\"", "</a>").expect("the manage link");
    let text = shown.rsplit('>').next().unwrap_or_default();
    assert!(text.starts_with("http://") && text.contains("/kk/receptions/manage?t="), "{shown}");
}

async fn a_full_reception_offers_the_next_free_slots(app: TestApp) {
    let f = fixture(&app).await;
    let r = reception(&app, &f, 5, 1, 1, 0).await;
    let later = reception(&app, &f, 8, 2, 1, 0).await;
    let one =
        post(&app, &format!("/en/receptions/{r}/book"), &person("bbbbbbbbbbbbbbbbbbbb", "A", "+77012345671")).await;
    assert_eq!(one.status, StatusCode::OK);
    let two =
        post(&app, &format!("/en/receptions/{r}/book"), &person("cccccccccccccccccccc", "B", "+77012345672")).await;
    assert_eq!(two.status, StatusCode::CONFLICT, "{}", two.body);
    assert!(two.body.contains("Every place is taken"));
    assert!(
        two.body.contains(&format!("/en/receptions/{later}/book?slot=")),
        "the group's next reception: {}",
        two.body
    );
}

async fn a_cancelled_or_past_reception_is_refused_with_a_sentence(app: TestApp) {
    let f = fixture(&app).await;
    let r = reception(&app, &f, 5, 1, 1, 0).await;
    let now = adaldyq_web::state::now();
    app.db.store.cancel_reception(r, "Әкім іссапарда", &Actor::system(), now).await.unwrap();
    let form = app.get(&format!("/kk/receptions/{r}/book"), None).await;
    assert_eq!(form.status, StatusCode::CONFLICT);
    assert!(form.body.contains("Бұл қабылдаудың күші жойылды.") && !form.body.contains("name=\"token\""));
    let sent =
        post(&app, &format!("/ru/receptions/{r}/book"), &person("dddddddddddddddddddd", "A", "+77012345671")).await;
    assert_eq!(sent.status, StatusCode::CONFLICT);
    assert!(sent.body.contains("Этот приём отменён."));
    // A reception starting within the hours booking closes before.
    let soon = reception(&app, &f, 0, 1, 1, 0).await;
    let late = app.get(&format!("/en/receptions/{soon}/book"), None).await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    assert!(late.body.contains("Booking closed on") || late.body.contains("has started"), "{}", late.body);
    assert_eq!(app.get("/en/receptions/999999/book", None).await.status, StatusCode::NOT_FOUND);
}

async fn one_person_holds_one_place(app: TestApp) {
    let f = fixture(&app).await;
    let r = reception(&app, &f, 5, 2, 2, 0).await;
    let one =
        post(&app, &format!("/kk/receptions/{r}/book"), &person("eeeeeeeeeeeeeeeeeeee", "A", "+77012345671")).await;
    assert_eq!(one.status, StatusCode::OK);
    // The same phone written another way, another form.
    let two =
        post(&app, &format!("/kk/receptions/{r}/book"), &person("ffffffffffffffffffff", "A", "8 701 234 56 71")).await;
    assert_eq!(two.status, StatusCode::CONFLICT, "{}", two.body);
    assert!(two.body.contains("жазылып қойғансыз") && two.body.contains("value=\"A\""));
    assert_eq!(app.db.store.bookings(r).await.unwrap().len(), 1);
}

async fn cancelling_through_the_link_promotes_the_waiting_list_and_tells_them(app: TestApp) {
    let f = fixture(&app).await;
    let r = reception(&app, &f, 5, 1, 1, 1).await;
    let mut first = person("1111111111111111111111", "A", "");
    first[3].1 = "a@test.example".into();
    let a = post(&app, &format!("/en/receptions/{r}/book"), &first).await;
    assert_eq!(a.status, StatusCode::OK);
    let mut second = person("2222222222222222222222", "B", "");
    second[3].1 = "b@test.example".into();
    let b = post(&app, &format!("/en/receptions/{r}/book"), &second).await;
    assert!(b.body.contains("You are on the waiting list"), "{}", b.body);
    let token = manage_token(&a.body);
    let page = app.get(&format!("/en/receptions/manage?t={token}"), None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&code(&a.body)) && page.body.contains("Cancel the booking"));
    let done = post(&app, "/en/receptions/manage", &[("t", token.clone()), ("action", "cancel".into())]).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert!(done.body.contains("Your booking is cancelled") && !done.body.contains("Cancel the booking"));
    let all = app.db.store.bookings(r).await.unwrap();
    let b_booking = all.iter().find(|x| x.name == "B").unwrap();
    assert_eq!(b_booking.status, BookingStatus::Booked, "{}", app.db.backend);
    let notices = app.db.store.claim_notices("test", &Channel::ALL, i64::MAX / 2, 60, 1000).await.unwrap();
    assert!(
        notices.iter().any(|n| n.booking_id == Some(b_booking.id) && n.kind == "waitlist_promoted"),
        "{:?}",
        notices.iter().map(|n| n.kind.clone()).collect::<Vec<_>>()
    );
    // Cancelling again changes nothing and says so.
    let again = post(&app, "/en/receptions/manage", &[("t", token), ("action", "cancel".into())]).await;
    assert!(again.body.contains("Cancelled") && !again.body.contains("Your booking is cancelled"), "{}", again.body);
}

async fn a_guessed_token_is_answered_as_an_unknown_one(app: TestApp) {
    let f = fixture(&app).await;
    let r = reception(&app, &f, 5, 1, 1, 0).await;
    let a =
        post(&app, &format!("/kk/receptions/{r}/book"), &person("3333333333333333333333", "A", "+77012345671")).await;
    let real = manage_token(&a.body);
    let guessed: String = real.chars().rev().collect();
    let unknown = app.get(&format!("/kk/receptions/manage?t={guessed}"), None).await;
    let malformed = app.get("/kk/receptions/manage?t=abc", None).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!((unknown.status, &unknown.body), (malformed.status, &malformed.body), "the same answer");
    let act = post(&app, "/kk/receptions/manage", &[("t", guessed), ("action", "cancel".into())]).await;
    assert_eq!((act.status, &act.body), (malformed.status, &malformed.body));
    assert_eq!(app.db.store.bookings(r).await.unwrap()[0].status, BookingStatus::Booked, "nothing changed");
}

async fn the_booked_people_s_notices_say_their_own_facts_in_their_language(app: TestApp) {
    let f = fixture(&app).await;
    let r = reception(&app, &f, 5, 1, 1, 1).await;
    let host = app.db.store.host(f.host).await.unwrap().unwrap().name;
    let mut first = person("4444444444444444444444", "A", "");
    first[3].1 = "a@test.example".into();
    let a = post(&app, &format!("/ru/receptions/{r}/book"), &first).await;
    let mut second = person("5555555555555555555555", "B", "");
    second[3].1 = "b@test.example".into();
    let b = post(&app, &format!("/kk/receptions/{r}/book"), &second).await;
    let (a_code, b_code, token) = (code(&a.body), code(&b.body), manage_token(&a.body));
    let done = post(&app, "/ru/receptions/manage", &[("t", token.clone()), ("action", "cancel".into())]).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    let notices = app.db.store.claim_notices("test", &Channel::ALL, i64::MAX / 2, 60, 1000).await.unwrap();
    let mut seen = Vec::new();
    for n in notices.iter().filter(|n| n.booking_id.is_some()) {
        let m = adaldyq_web::notices::text::render(&app.state, n).await.unwrap();
        let all = format!("{}\n{}\n{}\n{}", m.subject, m.text, m.html, m.sms);
        assert!(!all.contains('⟦') && !all.contains(&token), "{}: {all}", n.kind);
        assert!(m.unsubscribe.is_none(), "a booking's notice is a service message");
        let (code, words) = match (n.kind.as_str(), n.address.as_str()) {
            ("booking_confirmed", "a@test.example") => (&a_code, "Вы записаны на приём"),
            ("booking_confirmed", _) => (&b_code, "күту тізіміндесіз"),
            ("booking_cancelled", _) => (&a_code, "отменена"),
            ("waitlist_promoted", _) => (&b_code, "Орын босады"),
            (other, _) => panic!("an unexpected notice {other}"),
        };
        assert!(m.subject.contains(code.as_str()) && m.text.contains(words), "{}: {}", n.kind, m.text);
        assert!(m.text.contains(&host), "who receives: {}", m.text);
        if n.kind != "booking_cancelled" {
            assert!(m.text.contains("Ақирек ауылы, мектеп"), "where: {}", m.text);
        }
        seen.push(n.kind.clone());
    }
    seen.sort();
    assert_eq!(seen, ["booking_cancelled", "booking_confirmed", "booking_confirmed", "waitlist_promoted"]);
}

/// The check-in QR code: the staff check-in page's absolute address with the
/// booking's code, as the receipt's QR is made (compared with a fresh
/// rendering of the expected address: the encoding is deterministic).
async fn the_booked_and_manage_pages_carry_the_check_in_qr_code(app: TestApp) {
    let f = fixture(&app).await;
    let r = reception(&app, &f, 5, 1, 1, 1).await;
    let qr_of = |lang: &str, code: &str| {
        let url = format!("http://localhost/{lang}/staff/receptions/{r}/check-in?code={code}");
        adaldyq_web::auth::totp::qr_svg(&url).expect("a QR code")
    };
    let a =
        post(&app, &format!("/kk/receptions/{r}/book"), &person("6666666666666666666666", "A", "+77012340001")).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let a_code = code(&a.body);
    assert!(a.body.contains("id=\"check-in-qr\"") && a.body.contains("<svg"), "{}", a.body);
    assert!(a.body.contains(&qr_of("kk", &a_code)), "{}: the QR holds the check-in address", app.db.backend);
    let caption = between(&a.body, "<figcaption>", "</figcaption>").expect("a caption");
    assert!(caption.starts_with("Мұны қабылдауда көрсетіңіз") && caption.contains(&a_code), "{caption}");
    // The manage page, in English, carries it too, with the English page's address.
    let token = manage_token(&a.body);
    let page = app.get(&format!("/en/receptions/manage?t={token}"), None).await;
    assert!(page.body.contains(&qr_of("en", &a_code)), "{}", page.body);
    assert!(page.body.contains("Show this at the reception"));
    // Someone on the waiting list cannot be checked in: no code to show…
    let b =
        post(&app, &format!("/kk/receptions/{r}/book"), &person("7777777777777777777777", "B", "+77012340002")).await;
    assert!(b.body.contains("id=\"booking-code\"") && !b.body.contains("check-in-qr"), "{}", b.body);
    let b_token = manage_token(&b.body);
    assert!(!app.get(&format!("/kk/receptions/manage?t={b_token}"), None).await.body.contains("check-in-qr"));
    // …until they have the seat; the cancelled booking's page has none.
    let done = post(&app, "/kk/receptions/manage", &[("t", token.clone()), ("action", "cancel".into())]).await;
    assert!(!done.body.contains("check-in-qr"), "{}", done.body);
    let promoted = app.get(&format!("/kk/receptions/manage?t={b_token}"), None).await;
    assert!(promoted.body.contains(&qr_of("kk", &code(&b.body))), "{}: {}", app.db.backend, promoted.body);
}
