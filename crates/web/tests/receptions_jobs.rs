//! The receptions' periodic job (`receptions::reminders::run_once`) on both
//! backends: two runs at the same minute (on PostgreSQL, two servers with
//! stores of their own) write each reminder once, 24 hours and 2 hours
//! before; a seat a race left free goes to the first on the waiting list,
//! who is told so through the outbox.

mod support;

use adaldyq_domain::reception::{BookingStatus, ValidBooking};
use adaldyq_store::{BookingOutcome, Channel, NewBooking, Placement};
use adaldyq_web::receptions::reminders::{run_once, JobReport};
use adaldyq_web::AppState;
use support::receptions::{details, programme, reception, RURAL};
use support::{test_config, TestApp};

both_backends!(two_runs_at_once_write_each_reminder_once, a_freed_seat_promotes_the_first_waitlisted);

const HOUR: i64 = 3_600;

/// Another server on the same database: its own store on PostgreSQL; on
/// SQLite (one server per file) the same state, run concurrently.
async fn second_server(app: &TestApp) -> AppState {
    if app.db.backend == "sqlite" {
        return app.state.clone();
    }
    let store = adaldyq_store::open(&app.db.url).await.unwrap();
    AppState::new(store, test_config())
}

/// A reception ten days ahead at a whole hour: two slots of 30 minutes,
/// two seats each, a waiting list of two (the support's capacity).
async fn ahead(app: &TestApp) -> (i64, i64) {
    let p = programme(app).await;
    let starts_at = (adaldyq_web::state::now() + 10 * 86_400) / HOUR * HOUR;
    let id =
        reception(app, p.group, RURAL, p.host, starts_at, 60, details(adaldyq_domain::reception::Mode::Place)).await;
    (id, starts_at)
}

async fn book(app: &TestApp, reception_id: i64, i: usize) -> Placement {
    let new = NewBooking {
        reception_id,
        slot_id: None,
        booking: ValidBooking {
            name: format!("Тест адам {i}"),
            phone: Some(format!("+7701555{i:04}")),
            email: None,
            topic: "Жол".into(),
            priority: None,
        },
        manage_token_hash: format!("job-test-token-{i}").into_bytes(),
        idempotency_key: None,
        user_id: None,
        language: "kk".into(),
    };
    match app.db.store.book(&new, adaldyq_web::state::now()).await.unwrap() {
        BookingOutcome::Placed(p) => p,
        other => panic!("{}: {other:?}", app.db.backend),
    }
}

/// Pending notices of one kind, by booking.
async fn pending(app: &TestApp, kind: &str) -> Vec<i64> {
    let rows = app.db.store.outbox_pending(10_000).await.unwrap();
    let mut ids: Vec<i64> = rows.iter().filter(|r| r.kind == kind).filter_map(|r| r.booking_id).collect();
    ids.sort();
    ids
}

/// Two runs at `at` at once; what they did together.
async fn twice_at_once(app: &TestApp, other: &AppState, at: i64) -> JobReport {
    let (a, b) = tokio::join!(run_once(&app.state, at), run_once(other, at));
    let (a, b) = (a.unwrap(), b.unwrap());
    JobReport { reminders: a.reminders + b.reminders, promoted: a.promoted + b.promoted }
}

async fn two_runs_at_once_write_each_reminder_once(app: TestApp) {
    let (r, starts_at) = ahead(&app).await;
    let mut booked: Vec<i64> = Vec::new();
    for i in 0..4 {
        let p = book(&app, r, i).await;
        assert_eq!(p.status, BookingStatus::Booked);
        booked.push(p.booking_id);
    }
    let waiting = book(&app, r, 9).await;
    assert_eq!(waiting.status, BookingStatus::Waitlisted);
    booked.sort();
    let other = second_server(&app).await;

    // Nothing is due two days before.
    assert_eq!(twice_at_once(&app, &other, starts_at - 48 * HOUR).await, JobReport::default());
    // The second slot starts 30 minutes later: its people are due later.
    let day_before = starts_at + 30 * 60 - 24 * HOUR;
    let done = twice_at_once(&app, &other, day_before).await;
    assert_eq!(done.reminders, 4, "{}: {done:?}", app.db.backend);
    assert_eq!(pending(&app, "reminder_24h").await, booked, "{}: each once, none to the waiting list", app.db.backend);
    // Run again: nothing more.
    assert_eq!(twice_at_once(&app, &other, day_before + 60).await.reminders, 0);
    assert_eq!(pending(&app, "reminder_24h").await.len(), 4);

    let hours_before = starts_at + 30 * 60 - 2 * HOUR;
    for _ in 0..2 {
        twice_at_once(&app, &other, hours_before).await;
    }
    assert_eq!(pending(&app, "reminder_2h").await, booked, "{}", app.db.backend);
    assert_eq!(pending(&app, "reminder_24h").await.len(), 4, "the day-before reminder is not sent again");
    // The text says the person's own code.
    let notices = app.db.store.claim_notices("test", &[Channel::Sms], i64::MAX / 2, 60, 1000).await.unwrap();
    let first = app.db.store.booking(booked[0]).await.unwrap().unwrap();
    let reminder = notices.iter().find(|n| n.kind == "reminder_2h" && n.booking_id == Some(first.id)).unwrap();
    let text = adaldyq_web::notices::text::render(&app.state, reminder).await.unwrap();
    assert!(text.sms.contains(&first.code), "{}", text.sms);
}

async fn a_freed_seat_promotes_the_first_waitlisted(app: TestApp) {
    let (r, starts_at) = ahead(&app).await;
    let mut booked = Vec::new();
    for i in 0..4 {
        booked.push(book(&app, r, i).await);
    }
    let first = book(&app, r, 10).await;
    let second = book(&app, r, 11).await;
    assert_eq!((first.status, second.status), (BookingStatus::Waitlisted, BookingStatus::Waitlisted));
    let other = second_server(&app).await;
    let now = adaldyq_web::state::now();
    // Full: the job moves nobody.
    assert_eq!(twice_at_once(&app, &other, now).await.promoted, 0);

    // What a cancellation racing a booking leaves: the seat free, people
    // waiting (the store's own cancel would have promoted at once).
    let sql = format!(
        "UPDATE reception_bookings SET status = 'cancelled' WHERE id = {id}; \
         UPDATE reception_slots SET taken = taken - 1 WHERE id = (SELECT slot_id FROM reception_bookings WHERE id = {id});",
        id = booked[3].booking_id
    );
    adaldyq_store::testing::raw_sql(&app.db.url, &sql).await;
    let done = twice_at_once(&app, &other, now).await;
    assert_eq!(done.promoted, 1, "{}: {done:?}", app.db.backend);
    let promoted = app.db.store.booking(first.booking_id).await.unwrap().unwrap();
    assert_eq!(promoted.status, BookingStatus::Booked, "{}: the first in line", app.db.backend);
    assert_eq!(promoted.slot_starts_at, Some(starts_at + 30 * 60), "the freed seat's slot");
    assert_eq!(app.db.store.booking(second.booking_id).await.unwrap().unwrap().status, BookingStatus::Waitlisted);
    let slots = app.db.store.slots(r).await.unwrap();
    assert_eq!(slots.iter().map(|s| s.taken).collect::<Vec<_>>(), vec![2, 2], "no seat over");
    assert_eq!(pending(&app, "waitlist_promoted").await, vec![first.booking_id], "{}", app.db.backend);
    let notices = app.db.store.claim_notices("test", &[Channel::Sms], i64::MAX / 2, 60, 1000).await.unwrap();
    let told = notices.iter().find(|n| n.kind == "waitlist_promoted").unwrap();
    let text = adaldyq_web::notices::text::render(&app.state, told).await.unwrap();
    assert!(text.sms.contains(&promoted.code), "{}", text.sms);
    // Once full again, later runs move nobody.
    assert_eq!(twice_at_once(&app, &other, now + 60).await.promoted, 0);
}
