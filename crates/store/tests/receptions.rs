//! Receptions' conformance: every test runs against SQLite and PostgreSQL
//! (the `conformance!` macro). Capacity is the database's: the concurrency
//! tests race real tasks on the real pool.

use adaldyq_domain::appeal::{AppealChannel, AppealKind, AppealLanguage, EventKind, Status, ValidAppeal};
use adaldyq_domain::calendar::Calendar;
use adaldyq_domain::reception::{
    at_local, BookingStatus, Capacity, CoHost, Details, Mode, Priority, QuestionOutcome, ReceptionStatus, Refusal,
    ReminderKind, Rule, ValidBooking, Week,
};
use adaldyq_domain::territory::demo_territories;
use adaldyq_domain::Role;
use adaldyq_store::testing::TestDb;
use adaldyq_store::*;
use jiff::civil::{date, time, Weekday};

#[macro_use]
mod support;

conformance!(
    sixty_four_people_race_for_the_last_five_seats,
    the_same_key_books_once_and_a_person_holds_one_place,
    cancelling_by_token_gives_the_seat_to_the_first_waitlisted,
    a_reception_not_open_is_refused_with_a_reason,
    a_hosts_overlapping_receptions_are_refused_with_the_clash,
    a_schedule_flags_days_off_and_makes_the_other_dates,
    postponing_carries_bookings_over_and_raises_the_sequence,
    moving_a_booking_is_guarded_like_booking,
    the_day_queue_check_in_walk_in_no_show_and_held,
    the_record_links_appeals_and_the_summary_follows_them,
    public_reads_hold_no_online_link_and_no_personal_data,
    reminders_are_written_once_per_kind,
    a_seat_a_race_left_free_is_found_and_promoted,
    working_groups_cover_their_district,
);

/// A rural district of Aral district, and a village in it.
const OKRUG: &str = "433231000";
const VILLAGE: &str = "433231100";

/// 12 May 2026 (a Tuesday), 10:00 in Qyzylorda.
fn start() -> i64 {
    at_local(date(2026, 5, 12), time(10, 0, 0, 0))
}

/// A week before the start: booking is open (it opens 14 days before).
fn now() -> i64 {
    start() - 7 * 86_400
}

const HOUR: i64 = 3_600;

fn coordinator() -> Actor {
    Actor { role: Role::Coordinator.as_str().into(), user_id: None }
}

struct Fixture {
    group: i64,
    host: i64,
    other_host: i64,
}

async fn fixture(db: &TestDb) -> Fixture {
    db.store.upsert_territories(&demo_territories()).await.unwrap();
    let programme = db
        .store
        .create_programme(&NewProgramme {
            name_kk: "Ақмешіт — адалдық алаңы".into(),
            name_ru: "Акмешит — адалдық алаңы".into(),
            name_en: "Akmeshit — a square of integrity".into(),
            office_name_kk: "Адалдық алаңы".into(),
            office_name_ru: "Адалдық алаңы".into(),
            office_name_en: "Adaldyq alany".into(),
            office_address: "Қызылорда".into(),
            office_phone: "+77240000000".into(),
            office_email: "office@demo.example".into(),
            is_demo: true,
        })
        .await
        .unwrap();
    let group = db.store.create_working_group(&group_in(programme, OKRUG)).await.unwrap();
    let host = new_host(db, "Демо әкім").await;
    let other_host = new_host(db, "Демо басшы").await;
    Fixture { group, host, other_host }
}

fn group_in(programme_id: i64, territory: &str) -> NewWorkingGroup {
    NewWorkingGroup {
        programme_id,
        territory_code: territory.into(),
        name_kk: "Жұмыс тобы".into(),
        name_ru: "Рабочая группа".into(),
        name_en: "Working group".into(),
        address: "Ауыл әкімдігі".into(),
        phone: "+77240000001".into(),
        email: "group@demo.example".into(),
        is_demo: true,
    }
}

async fn new_host(db: &TestDb, name: &str) -> i64 {
    db.store
        .create_host(&NewHost {
            name: name.into(),
            position_kk: "Ауылдық округ әкімі".into(),
            position_ru: "Аким сельского округа".into(),
            position_en: "Akim of the rural district".into(),
            institution_id: None,
            institution_text: "Демо әкімдік".into(),
            is_demo: true,
        })
        .await
        .unwrap()
}

fn details(mode: Mode) -> Details {
    Details {
        mode,
        address: "Ақирек ауылы, мектеп".into(),
        online_link: (mode == Mode::Online).then(|| "https://meet.example/secret-room".into()),
        topics: "Жер, су, жол".into(),
        languages: vec![AppealLanguage::Kk, AppealLanguage::Ru],
        accessibility: "Пандус бар".into(),
        co_hosts: vec![CoHost {
            name: "Демо өкіл".into(),
            position: "Бас маман".into(),
            institution: "Сыбайлас жемқорлыққа қарсы агенттік".into(),
        }],
        opens_days_before: 14,
        closes_hours_before: 2,
    }
}

fn plan(f: &Fixture, host: i64, starts_at: i64, hours: i64, capacity: Capacity) -> NewReception {
    NewReception {
        group_id: f.group,
        territory_code: OKRUG.into(),
        host_id: host,
        starts_at,
        ends_at: starts_at + hours * HOUR,
        capacity,
        details: details(Mode::Place),
    }
}

async fn schedule(db: &TestDb, new: &NewReception) -> i64 {
    match db.store.schedule_reception(new, &coordinator(), now()).await.unwrap() {
        PlanOutcome::Done(id) => id,
        other => panic!("{}: expected a reception, got {other:?}", db.backend),
    }
}

fn capacity(slot_minutes: i64, seats_per_slot: i64, waitlist_size: i64) -> Capacity {
    Capacity { slot_minutes, seats_per_slot, waitlist_size }
}

fn person(i: usize) -> ValidBooking {
    ValidBooking {
        name: format!("Демо адам {i}"),
        phone: Some(format!("+7701{i:07}")),
        email: Some(format!("person{i}@demo.example")),
        topic: "Жер учаскесі".into(),
        priority: None,
    }
}

fn token(seed: &str) -> Vec<u8> {
    format!("token-hash-{seed}").into_bytes()
}

fn booking(reception_id: i64, who: ValidBooking, seed: &str) -> NewBooking {
    NewBooking {
        reception_id,
        slot_id: None,
        booking: who,
        manage_token_hash: token(seed),
        idempotency_key: Some(format!("key-{seed}")),
        user_id: None,
        language: "kk".into(),
    }
}

async fn placed(db: &TestDb, new: &NewBooking, at: i64) -> Placement {
    match db.store.book(new, at).await.unwrap() {
        BookingOutcome::Placed(p) => p,
        other => panic!("{}: expected a place, got {other:?}", db.backend),
    }
}

async fn taken(db: &TestDb, reception_id: i64) -> Vec<i64> {
    db.store.slots(reception_id).await.unwrap().iter().map(|s| s.taken).collect()
}

/// Notices claimed (and so read back) for one booking: (kind, channel, address, language).
async fn notices_of(db: &TestDb, booking_id: i64) -> Vec<(String, Channel, String, String)> {
    let all = db.store.claim_notices("test", &Channel::ALL, i64::MAX / 2, 60, 10_000).await.unwrap();
    let mut out: Vec<_> = all
        .into_iter()
        .filter(|n| n.booking_id == Some(booking_id))
        .map(|n| (n.kind, n.channel, n.address, n.language))
        .collect();
    out.sort_by(|a, b| (&a.0, a.1.as_str()).cmp(&(&b.0, b.1.as_str())));
    out
}

async fn pending_kinds(db: &TestDb, booking_id: i64) -> Vec<String> {
    let rows = db.store.outbox_pending(10_000).await.unwrap();
    rows.into_iter().filter(|r| r.booking_id == Some(booking_id)).map(|r| r.kind).collect()
}

async fn sixty_four_people_race_for_the_last_five_seats(db: &TestDb) {
    let f = fixture(db).await;
    // Two slots of five; five seats already taken; a waiting list of ten.
    let r = schedule(db, &plan(&f, f.host, start(), 1, capacity(30, 5, 10))).await;
    // The group's next reception, a week later, has free slots to offer.
    let later = schedule(db, &plan(&f, f.host, start() + 7 * 86_400, 1, capacity(30, 5, 0))).await;
    for i in 0..5 {
        let p = placed(db, &booking(r, person(1000 + i), &format!("early-{i}")), now()).await;
        assert_eq!(p.status, BookingStatus::Booked);
    }
    const PEOPLE: usize = 64;
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(PEOPLE));
    let tasks: Vec<_> = (0..PEOPLE)
        .map(|i| {
            let store = db.store.clone();
            let barrier = barrier.clone();
            let new = booking(r, person(i), &format!("race-{i}"));
            tokio::spawn(async move {
                barrier.wait().await;
                store.book(&new, now()).await
            })
        })
        .collect();
    let (mut booked, mut waitlisted, mut full, mut errors) = (0, 0, 0, Vec::new());
    for t in tasks {
        match t.await.unwrap() {
            Ok(BookingOutcome::Placed(p)) if p.status == BookingStatus::Booked => booked += 1,
            Ok(BookingOutcome::Placed(p)) if p.status == BookingStatus::Waitlisted => {
                assert_eq!(p.slot_starts_at, None);
                waitlisted += 1
            }
            Ok(BookingOutcome::Full { next }) => {
                assert!(!next.is_empty(), "{}: a full answer offers the next free slots", db.backend);
                assert!(next.iter().all(|s| s.reception_id == later && s.free > 0), "{next:?}");
                assert!(next.windows(2).all(|w| w[0].starts_at <= w[1].starts_at));
                full += 1
            }
            Ok(other) => errors.push(format!("{other:?}")),
            Err(e) => errors.push(e.to_string()),
        }
    }
    assert!(errors.is_empty(), "{}: {errors:?}", db.backend);
    assert_eq!((booked, waitlisted, full), (5, 10, 49), "{}", db.backend);
    assert_eq!(taken(db, r).await, vec![5, 5], "{}: no slot over its seats", db.backend);
    let rec = db.store.reception(r).await.unwrap().unwrap();
    assert_eq!((rec.seats, rec.seats_taken, rec.seats_left(), rec.waitlisted), (10, 10, 0, 10));
    let all = db.store.bookings(r).await.unwrap();
    assert_eq!(all.iter().filter(|b| b.status == BookingStatus::Booked).count(), 10);
    assert_eq!(all.iter().filter(|b| b.status == BookingStatus::Waitlisted).count(), 10);
    let mut codes: Vec<_> = all.iter().map(|b| b.code.clone()).collect();
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), 20, "every code is unique");
}

async fn the_same_key_books_once_and_a_person_holds_one_place(db: &TestDb) {
    let f = fixture(db).await;
    let r = schedule(db, &plan(&f, f.host, start(), 2, capacity(20, 3, 5))).await;
    let new = booking(r, person(1), "once");
    let first = placed(db, &new, now()).await;
    assert!(!first.duplicate);
    let again = placed(db, &new, now() + 5).await;
    assert_eq!((again.booking_id, &again.code, again.duplicate), (first.booking_id, &first.code, true));
    // The same key sent at the same moment: one booking, one code.
    let new = booking(r, person(2), "at-once");
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let (store, new) = (db.store.clone(), new.clone());
            tokio::spawn(async move { store.book(&new, now()).await.unwrap() })
        })
        .collect();
    let mut codes = Vec::new();
    for t in tasks {
        match t.await.unwrap() {
            BookingOutcome::Placed(p) => codes.push(p.code),
            other => panic!("{}: {other:?}", db.backend),
        }
    }
    codes.dedup();
    assert_eq!(codes.len(), 1, "{}: {codes:?}", db.backend);
    // A key used for someone else's booking never answers with it.
    let reused = NewBooking { booking: person(7), ..booking(r, person(2), "at-once") };
    assert_eq!(db.store.book(&reused, now()).await.unwrap(), BookingOutcome::Refused(Refusal::KeyReused));
    assert_eq!(db.store.bookings(r).await.unwrap().len(), 2);
    assert_eq!(taken(db, r).await.iter().sum::<i64>(), 2, "a repeat takes no seat");

    // One person, the phone written two ways, another key: refused.
    let mut written_otherwise = person(1);
    written_otherwise.phone = adaldyq_domain::appeal::normalise_phone("8 (701) 000-00-01");
    written_otherwise.email = None;
    assert_eq!(written_otherwise.phone.as_deref(), Some("+77010000001"));
    let outcome = db.store.book(&booking(r, written_otherwise, "second"), now()).await.unwrap();
    assert_eq!(outcome, BookingOutcome::Refused(Refusal::AlreadyBooked), "{}", db.backend);
    // By e-mail alone, in another case: the same person too.
    let by_mail = ValidBooking { phone: None, email: Some("only@demo.example".into()), ..person(3) };
    placed(db, &booking(r, by_mail.clone(), "mail-1"), now()).await;
    let upper = ValidBooking { email: Some("ONLY@demo.example".to_lowercase()), ..by_mail };
    let outcome = db.store.book(&booking(r, upper, "mail-2"), now()).await.unwrap();
    assert_eq!(outcome, BookingOutcome::Refused(Refusal::AlreadyBooked));
    // Two keys of one person at once: the index lets one through.
    let tasks: Vec<_> = (0..6)
        .map(|i| {
            let (store, new) = (db.store.clone(), booking(r, person(9), &format!("twin-{i}")));
            tokio::spawn(async move { store.book(&new, now()).await.unwrap() })
        })
        .collect();
    let mut placed_n = 0;
    for t in tasks {
        match t.await.unwrap() {
            BookingOutcome::Placed(_) => placed_n += 1,
            BookingOutcome::Refused(Refusal::AlreadyBooked) => {}
            other => panic!("{}: {other:?}", db.backend),
        }
    }
    assert_eq!(placed_n, 1, "{}", db.backend);
    // Once cancelled, the person may book again.
    let cancelled = db.store.cancel_booking(&token("once"), now() + 10).await.unwrap();
    assert!(matches!(cancelled, Some(CancelOutcome::Cancelled(_))));
    placed(db, &booking(r, person(1), "after-cancel"), now() + 20).await;
}

async fn cancelling_by_token_gives_the_seat_to_the_first_waitlisted(db: &TestDb) {
    let f = fixture(db).await;
    let r = schedule(db, &plan(&f, f.host, start(), 1, capacity(60, 1, 2))).await;
    let a = placed(db, &booking(r, person(1), "a"), now()).await;
    let b = placed(db, &booking(r, ValidBooking { email: None, ..person(2) }, "b"), now() + 1).await;
    let c = placed(db, &booking(r, person(3), "c"), now() + 2).await;
    assert_eq!(
        (a.status, b.status, c.status),
        (BookingStatus::Booked, BookingStatus::Waitlisted, BookingStatus::Waitlisted)
    );
    let before = db.store.bookings(r).await.unwrap();
    let notices_before = db.store.outbox_pending(10_000).await.unwrap().len();

    // A guessed token is the same as an unknown one, and changes nothing.
    assert_eq!(db.store.cancel_booking(&token("guess"), now() + 10).await.unwrap(), None);
    assert_eq!(db.store.move_booking(&token("guess"), 1, now() + 10).await.unwrap(), None);
    assert_eq!(db.store.booking_by_token(&token("guess")).await.unwrap(), None);
    assert_eq!(db.store.bookings(r).await.unwrap(), before);
    assert_eq!(db.store.outbox_pending(10_000).await.unwrap().len(), notices_before);

    let Some(CancelOutcome::Cancelled(gone)) = db.store.cancel_booking(&token("a"), now() + 10).await.unwrap() else {
        panic!("{}: the holder cancels", db.backend)
    };
    assert_eq!(gone.status, BookingStatus::Cancelled);
    let b_now = db.store.booking(b.booking_id).await.unwrap().unwrap();
    assert_eq!(b_now.status, BookingStatus::Booked, "{}: the first in line has the seat", db.backend);
    assert_eq!(b_now.slot_starts_at, Some(start()));
    assert_eq!(db.store.booking(c.booking_id).await.unwrap().unwrap().status, BookingStatus::Waitlisted);
    assert_eq!(taken(db, r).await, vec![1]);
    assert_eq!(db.store.reception(r).await.unwrap().unwrap().waitlisted, 1);
    // Each told in their own language, on the addresses they gave.
    assert_eq!(pending_kinds(db, b.booking_id).await, vec!["booking_confirmed", "waitlist_promoted"]);
    assert_eq!(
        pending_kinds(db, a.booking_id).await,
        vec!["booking_confirmed", "booking_confirmed", "booking_cancelled", "booking_cancelled"]
    );
    let told_b = notices_of(db, b.booking_id).await;
    assert_eq!(
        told_b,
        vec![
            ("booking_confirmed".into(), Channel::Sms, "+77010000002".into(), "kk".into()),
            ("waitlist_promoted".into(), Channel::Sms, "+77010000002".into(), "kk".into()),
        ]
    );
    // Cancelled once is cancelled: a second try is refused, nothing moves.
    let again = db.store.cancel_booking(&token("a"), now() + 20).await.unwrap();
    assert_eq!(again, Some(CancelOutcome::Refused(Refusal::NotActive)));
    // Someone on the waiting list may leave it too.
    let left = db.store.cancel_booking(&token("c"), now() + 30).await.unwrap();
    assert!(matches!(left, Some(CancelOutcome::Cancelled(_))));
    assert_eq!(db.store.reception(r).await.unwrap().unwrap().waitlisted, 0);
    assert_eq!(taken(db, r).await, vec![1], "leaving the waiting list frees no seat");
    // Not once the reception has started.
    assert_eq!(
        db.store.cancel_booking(&token("b"), start() + 1).await.unwrap(),
        Some(CancelOutcome::Refused(Refusal::Started))
    );
}

async fn a_reception_not_open_is_refused_with_a_reason(db: &TestDb) {
    let f = fixture(db).await;
    let r = schedule(db, &plan(&f, f.host, start(), 1, capacity(20, 3, 0))).await;
    let opens = start() - 14 * 86_400;
    let closes = start() - 2 * HOUR;
    let try_at = |at: i64, seed: &'static str| {
        let store = db.store.clone();
        async move { store.book(&booking(r, person(seed.len()), seed), at).await.unwrap() }
    };
    assert_eq!(try_at(opens - 1, "a").await, BookingOutcome::Refused(Refusal::NotYetOpen { opens_at: opens }));
    assert_eq!(try_at(closes, "bb").await, BookingOutcome::Refused(Refusal::Closed { closed_at: closes }));
    assert_eq!(try_at(start() + HOUR * 5, "ccc").await, BookingOutcome::Refused(Refusal::Started));
    let unknown = db.store.book(&booking(r + 1000, person(1), "x"), now()).await.unwrap();
    assert_eq!(unknown, BookingOutcome::Refused(Refusal::NotFound));
    let foreign_slot = NewBooking { slot_id: Some(987_654), ..booking(r, person(2), "slot") };
    assert_eq!(db.store.book(&foreign_slot, now()).await.unwrap(), BookingOutcome::Refused(Refusal::NoSuchSlot));
    assert!(db.store.bookings(r).await.unwrap().is_empty(), "{}: nothing was written", db.backend);
    assert!(db.store.reception(r).await.unwrap().unwrap().is_open(now()));

    let held = schedule(db, &plan(&f, f.host, start() + 86_400, 1, capacity(20, 3, 0))).await;
    assert!(db.store.hold_reception(held, true, &coordinator(), start() + 86_400 + 10).await.unwrap().is_ok());
    assert_eq!(
        db.store.book(&booking(held, person(3), "held"), now()).await.unwrap(),
        BookingOutcome::Refused(Refusal::Held)
    );
    // Two coordinators cancelling at once: one cancellation, one leaf.
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(8));
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let (store, barrier) = (db.store.clone(), barrier.clone());
            tokio::spawn(async move {
                barrier.wait().await;
                store.cancel_reception(r, "Әкім іссапарда", &coordinator(), now()).await.unwrap()
            })
        })
        .collect();
    let mut outcomes = Vec::new();
    for t in tasks {
        outcomes.push(t.await.unwrap());
    }
    assert_eq!(outcomes.iter().filter(|o| **o == PlanOutcome::Done(r)).count(), 1, "{}: {outcomes:?}", db.backend);
    assert!(outcomes.iter().all(|o| matches!(o, PlanOutcome::Done(_) | PlanOutcome::Refused(Refusal::Cancelled))));
    let leaves = db.store.logged_audits().await.unwrap();
    assert_eq!(leaves.iter().filter(|a| a.kind == "reception_cancelled").count(), 1);
    assert_eq!(
        db.store.book(&booking(r, person(4), "cancelled"), now()).await.unwrap(),
        BookingOutcome::Refused(Refusal::Cancelled)
    );
    let rec = db.store.reception(r).await.unwrap().unwrap();
    assert_eq!((rec.status, rec.status_reason.as_deref()), (ReceptionStatus::Cancelled, Some("Әкім іссапарда")));
    // Nothing changes a cancelled reception any more.
    assert_eq!(
        db.store.postpone_reception(r, start() + 2 * 86_400, "x", &coordinator(), now()).await.unwrap(),
        PlanOutcome::Refused(Refusal::Cancelled)
    );
    assert_eq!(db.store.hold_reception(r, true, &coordinator(), start() + 10).await.unwrap(), Err(Refusal::Cancelled));
}

async fn a_hosts_overlapping_receptions_are_refused_with_the_clash(db: &TestDb) {
    let f = fixture(db).await;
    let first = schedule(db, &plan(&f, f.host, start(), 2, capacity(20, 3, 0))).await;
    let overlapping = plan(&f, f.host, start() + HOUR, 2, capacity(20, 3, 0));
    let outcome = db.store.schedule_reception(&overlapping, &coordinator(), now()).await.unwrap();
    assert_eq!(
        outcome,
        PlanOutcome::HostBusy(Clash { reception_id: first, starts_at: start(), ends_at: start() + 2 * HOUR }),
        "{}",
        db.backend
    );
    assert_eq!(db.store.receptions(&ReceptionFilter::default()).await.unwrap().len(), 1, "nothing was made");
    // Back to back is no clash; another host at the same time is none either.
    let after = schedule(db, &plan(&f, f.host, start() + 2 * HOUR, 1, capacity(20, 3, 0))).await;
    let other = schedule(db, &plan(&f, f.other_host, start() + HOUR, 2, capacity(20, 3, 0))).await;
    // Giving the other reception to the busy host is refused the same way.
    let changed = db.store.update_reception(other, f.host, &details(Mode::Place), &coordinator(), now()).await.unwrap();
    assert_eq!(
        changed,
        PlanOutcome::HostBusy(Clash { reception_id: first, starts_at: start(), ends_at: start() + 2 * HOUR })
    );
    // So is postponing into a clash.
    let moved = db.store.postpone_reception(after, start() + HOUR, "x", &coordinator(), now()).await.unwrap();
    assert!(matches!(moved, PlanOutcome::HostBusy(c) if c.reception_id == first));
    // Two coordinators planning the same host at once: one wins.
    let tasks: Vec<_> = (0..6)
        .map(|i| {
            let store = db.store.clone();
            let new = plan(&f, f.other_host, start() + 10 * 86_400 + i * 600, 1, capacity(20, 3, 0));
            tokio::spawn(async move { store.schedule_reception(&new, &coordinator(), now()).await.unwrap() })
        })
        .collect();
    let mut done = 0;
    for t in tasks {
        if matches!(t.await.unwrap(), PlanOutcome::Done(_)) {
            done += 1;
        }
    }
    assert_eq!(done, 1, "{}: overlapping plans of one host raced", db.backend);
    // A cancelled reception frees its time.
    db.store.cancel_reception(first, "Ауыстырылды", &coordinator(), now()).await.unwrap();
    schedule(db, &plan(&f, f.host, start(), 2, capacity(20, 3, 0))).await;
}

async fn a_schedule_flags_days_off_and_makes_the_other_dates(db: &TestDb) {
    let f = fixture(db).await;
    let new = NewSchedule {
        group_id: f.group,
        territory_code: VILLAGE.into(),
        host_id: f.host,
        rule: Rule { weekday: Weekday::Monday, week: Week::Every },
        start: time(10, 0, 0, 0),
        end: time(13, 0, 0, 0),
        capacity: capacity(30, 4, 3),
        details: details(Mode::FieldVisit),
    };
    let s = db.store.create_schedule(&new, &coordinator(), now()).await.unwrap();
    assert_eq!(db.store.schedule(s).await.unwrap().unwrap().rule, new.rule);
    // The host is busy on 30 March already.
    let busy_at = at_local(date(2026, 3, 30), time(12, 0, 0, 0));
    let busy = schedule(db, &plan(&f, f.host, busy_at, 2, capacity(20, 3, 0))).await;
    let calendar = Calendar::kazakhstan();
    let (from, to) = (date(2026, 3, 1), date(2026, 3, 31));
    let report = db.store.generate_receptions(s, from, to, &calendar, &coordinator(), now()).await.unwrap();
    // Mondays of March 2026: 2, 9 (8 March carried over), 16, 23 (Nauryz), 30.
    let created: Vec<_> = report.created.iter().map(|(d, _)| *d).collect();
    assert_eq!(created, vec![date(2026, 3, 2), date(2026, 3, 16)], "{}", db.backend);
    let flagged: Vec<_> = report.flagged.iter().map(|o| o.date).collect();
    assert_eq!(flagged, vec![date(2026, 3, 9), date(2026, 3, 23)]);
    assert!(report.flagged.iter().all(|o| o.day_off.is_some_and(|d| d.reason.is_some())));
    assert_eq!(report.clashes.len(), 1);
    assert_eq!((report.clashes[0].0, report.clashes[0].1.reception_id), (date(2026, 3, 30), busy));
    // Made at 10:00 local time (05:00 UTC), on the village, with the schedule's terms.
    let (_, id) = report.created[0];
    let r = db.store.reception(id).await.unwrap().unwrap();
    assert_eq!(r.starts_at, at_local(date(2026, 3, 2), time(10, 0, 0, 0)));
    assert_eq!(jiff::Timestamp::from_second(r.starts_at).unwrap().to_string(), "2026-03-02T05:00:00Z");
    assert_eq!((r.territory_code.as_str(), r.mode, r.schedule_id), (VILLAGE, Mode::FieldVisit, Some(s)));
    assert_eq!(db.store.slots(id).await.unwrap().len(), 6);
    // A second run makes nothing twice.
    let again = db.store.generate_receptions(s, from, to, &calendar, &coordinator(), now()).await.unwrap();
    assert!(again.created.is_empty());
    assert_eq!(again.existing, vec![date(2026, 3, 2), date(2026, 3, 16)]);
    // Each reception made is in the log.
    let audits = db.store.logged_audits().await.unwrap();
    assert_eq!(audits.iter().filter(|a| a.kind == "reception_scheduled").count(), 3, "two made and the busy one");
    assert_eq!(audits.iter().filter(|a| a.kind == "reception_schedule_created").count(), 1);
    // An inactive schedule makes nothing.
    assert!(db.store.set_schedule_active(s, false, &coordinator(), now()).await.unwrap());
    assert!(db.store.generate_receptions(s, from, to, &calendar, &coordinator(), now()).await.is_err());
}

async fn postponing_carries_bookings_over_and_raises_the_sequence(db: &TestDb) {
    let f = fixture(db).await;
    let r = schedule(db, &plan(&f, f.host, start(), 1, capacity(20, 1, 2))).await;
    // Three slots of one seat, and two on the waiting list.
    let a = placed(db, &booking(r, person(1), "a"), now()).await;
    let b = placed(db, &booking(r, person(2), "b"), now()).await;
    let c = placed(db, &booking(r, person(3), "c"), now()).await;
    let w = placed(db, &booking(r, person(4), "w"), now()).await;
    let w2 = placed(db, &booking(r, person(5), "w2"), now()).await;
    assert_eq!(
        (c.status, w.status, w2.status),
        (BookingStatus::Booked, BookingStatus::Waitlisted, BookingStatus::Waitlisted)
    );
    assert!(matches!(db.store.book(&booking(r, person(6), "w3"), now()).await.unwrap(), BookingOutcome::Full { .. }));
    // A reminder already written is due again at the new time.
    assert!(db.store.queue_reminder(a.booking_id, ReminderKind::DayBefore, start() - 20 * HOUR).await.unwrap());
    let before = db.store.reception(r).await.unwrap().unwrap();
    // By one slot's length: each slot lands where the next one was.
    let new_start = start() + 20 * 60;
    let outcome = db.store.postpone_reception(r, new_start, "Жол жабық", &coordinator(), now()).await.unwrap();
    assert_eq!(outcome, PlanOutcome::Done(r), "{}", db.backend);
    let after = db.store.reception(r).await.unwrap().unwrap();
    assert_eq!(
        (after.status, after.starts_at, after.ends_at),
        (ReceptionStatus::Postponed, new_start, new_start + HOUR)
    );
    assert_eq!((after.postponed_from, after.status_reason.as_deref()), (Some(start()), Some("Жол жабық")));
    assert_eq!(after.sequence, before.sequence + 1);
    let starts: Vec<i64> = db.store.slots(r).await.unwrap().iter().map(|s| s.starts_at).collect();
    assert_eq!(starts, vec![new_start, new_start + 1200, new_start + 2400]);
    // The bookings stay, in the same slots at their new times.
    let a_now = db.store.booking(a.booking_id).await.unwrap().unwrap();
    assert_eq!((a_now.status, a_now.slot_starts_at), (BookingStatus::Booked, Some(new_start)));
    let b_now = db.store.booking(b.booking_id).await.unwrap().unwrap();
    assert_eq!(b_now.slot_starts_at, Some(new_start + 1200));
    assert_eq!(db.store.booking(w.booking_id).await.unwrap().unwrap().status, BookingStatus::Waitlisted);
    for id in [a.booking_id, b.booking_id, w.booking_id] {
        assert!(pending_kinds(db, id).await.contains(&"reception_postponed".to_owned()), "{}: {id}", db.backend);
    }
    assert!(db.store.queue_reminder(a.booking_id, ReminderKind::DayBefore, new_start - 20 * HOUR).await.unwrap());
    // Still bookable at its new time; the change is a leaf.
    assert!(after.is_open(now()));
    let audits = db.store.logged_audits().await.unwrap();
    let postponed = audits.iter().find(|x| x.kind == "reception_postponed").expect("a leaf");
    assert!(postponed.leaf_index.is_some() && postponed.body.contains("Жол жабық"));
    // A change of place raises the sequence again.
    let changed = db.store.update_reception(r, f.host, &details(Mode::Place), &coordinator(), now()).await.unwrap();
    assert_eq!(changed, PlanOutcome::Done(r));
    assert_eq!(db.store.reception(r).await.unwrap().unwrap().sequence, before.sequence + 2);
    // Postponing into the past is an error, not a change.
    assert!(db.store.postpone_reception(r, now() - 1, "x", &coordinator(), now()).await.is_err());
}

async fn moving_a_booking_is_guarded_like_booking(db: &TestDb) {
    let f = fixture(db).await;
    let r = schedule(db, &plan(&f, f.host, start(), 1, capacity(30, 1, 0))).await;
    let slots = db.store.slots(r).await.unwrap();
    let a = placed(db, &booking(r, person(1), "a"), now()).await;
    assert_eq!(a.slot_starts_at, Some(slots[0].starts_at));
    let b = placed(db, &booking(r, person(2), "b"), now()).await;
    assert_eq!(b.slot_starts_at, Some(slots[1].starts_at));
    // The other slot is taken: full, with nothing else to offer here.
    let full = db.store.move_booking(&token("a"), slots[1].id, now()).await.unwrap();
    assert_eq!(full, Some(MoveOutcome::Full { next: vec![] }), "{}", db.backend);
    db.store.cancel_booking(&token("b"), now()).await.unwrap();
    let Some(MoveOutcome::Moved(moved)) = db.store.move_booking(&token("a"), slots[1].id, now()).await.unwrap() else {
        panic!("{}: the freed slot takes the move", db.backend)
    };
    assert_eq!(moved.slot_starts_at, Some(slots[1].starts_at));
    assert_eq!(taken(db, r).await, vec![0, 1], "{}", db.backend);
    assert!(pending_kinds(db, a.booking_id).await.contains(&"booking_moved".to_owned()));
    // A slot of another reception is no slot of this one.
    let other = schedule(db, &plan(&f, f.host, start() + 86_400, 1, capacity(30, 1, 0))).await;
    let foreign = db.store.slots(other).await.unwrap()[0].id;
    assert_eq!(
        db.store.move_booking(&token("a"), foreign, now()).await.unwrap(),
        Some(MoveOutcome::Refused(Refusal::NoSuchSlot))
    );
    // Choosing a full slot at booking time offers the free ones.
    let chose_full = NewBooking { slot_id: Some(slots[1].id), ..booking(r, person(3), "c") };
    let BookingOutcome::Full { next } = db.store.book(&chose_full, now()).await.unwrap() else {
        panic!("{}: the chosen slot is full", db.backend)
    };
    assert_eq!(next.first().map(|s| s.slot_id), Some(slots[0].id));
}

async fn the_day_queue_check_in_walk_in_no_show_and_held(db: &TestDb) {
    let f = fixture(db).await;
    let key = adaldyq_tlog::note::LogKey::generate("adaldyq.test/log").unwrap();
    let r = schedule(db, &plan(&f, f.host, start(), 1, capacity(30, 3, 0))).await;
    let first = placed(db, &booking(r, person(1), "first"), now()).await;
    let veteran = ValidBooking { priority: Some(Priority::Veteran), ..person(2) };
    let v = placed(db, &booking(r, veteran, "veteran"), now() + 10).await;
    let chosen = NewBooking { slot_id: Some(db.store.slots(r).await.unwrap()[1].id), ..booking(r, person(3), "late") };
    let late = placed(db, &chosen, now() + 5).await;
    let gone = placed(db, &booking(r, person(4), "gone"), now() + 20).await;
    // On the day, a walk-in in the first slot.
    let walker = ValidBooking { phone: None, email: None, topic: String::new(), ..person(5) };
    let walk = db.store.walk_in(r, &walker, "ru", start() + 60).await.unwrap().unwrap();
    assert!(walk.walk_in && walk.status == BookingStatus::CheckedIn);
    assert_eq!(walk.slot_starts_at, Some(start()));
    assert_eq!(taken(db, r).await, vec![3, 1], "a walk-in takes no seat");
    // Someone already booked is checked in, not walked in.
    assert_eq!(db.store.walk_in(r, &person(1), "kk", start()).await.unwrap(), Err(Refusal::AlreadyBooked));
    // The queue: slot by slot, priority first within a slot, then booking order.
    let codes: Vec<String> = db.store.queue(r).await.unwrap().iter().map(|b| b.code.clone()).collect();
    assert_eq!(
        codes,
        vec![v.code.clone(), first.code.clone(), gone.code.clone(), walk.code.clone(), late.code.clone()]
    );
    // Check-in by code as typed: lower case, a dash.
    let typed = format!("{}-{}", &first.code[..3], &first.code[3..]).to_lowercase();
    assert!(
        matches!(db.store.check_in(r, &typed, start()).await.unwrap(), CheckIn::CheckedIn(b) if b.id == first.booking_id)
    );
    assert!(matches!(db.store.check_in(r, &first.code, start()).await.unwrap(), CheckIn::Already(_)));
    assert_eq!(db.store.check_in(r, "ZZZZZZZ", start()).await.unwrap(), CheckIn::Unknown);
    assert_eq!(db.store.check_in(r + 1, &first.code, start()).await.unwrap(), CheckIn::Unknown, "another reception's");
    // Received, no-show; marking held before the start is refused.
    assert!(db.store.mark_received(first.booking_id, start() + 300).await.unwrap());
    assert!(db.store.mark_no_show(gone.booking_id, start() + 600).await.unwrap());
    assert!(!db.store.mark_no_show(gone.booking_id, start() + 601).await.unwrap(), "once");
    let q = NewQuestion {
        booking_id: walk.id,
        text: "Су құбыры".into(),
        outcome: QuestionOutcome::AnsweredOnTheSpot,
        answer: "Маусымда".into(),
    };
    assert!(db.store.add_question(&q, start() + 700).await.unwrap().is_ok());
    assert_eq!(
        db.store.add_question(&NewQuestion { booking_id: gone.booking_id, ..q.clone() }, start()).await.unwrap(),
        Err(Refusal::NotActive),
        "a no-show raised nothing"
    );
    assert!(db.store.set_host_attended(r, false, start()).await.unwrap());
    assert_eq!(db.store.hold_reception(r, false, &coordinator(), start() - 1).await.unwrap(), Err(Refusal::NotStarted));
    let summary = db.store.hold_reception(r, false, &coordinator(), start() + HOUR).await.unwrap().unwrap();
    assert_eq!(
        summary,
        HeldSummary {
            booked: 4,
            received: 2,
            walk_ins: 1,
            no_shows: 3,
            questions: 1,
            answered_on_the_spot: 1,
            taken_as_appeals: 0,
            host_attended: false,
        },
        "{}: the veteran and the late one never came",
        db.backend
    );
    let held = db.store.reception(r).await.unwrap().unwrap();
    assert_eq!((held.status, held.host_attended), (ReceptionStatus::Held, Some(false)));
    assert_eq!(db.store.hold_reception(r, true, &coordinator(), start() + HOUR).await.unwrap(), Err(Refusal::Held));
    // The held leaf carries the counts, no name; the log verifies.
    let audits = db.store.logged_audits().await.unwrap();
    let leaf = audits.iter().find(|a| a.kind == "reception_held").expect("the held leaf");
    assert!(leaf.body.contains("\"no_shows\":3") && leaf.body.contains("\"host_attended\":false"), "{}", leaf.body);
    assert!(leaf.leaf_index.is_some());
    log::integrate(db.store.as_ref(), &key, start() + 2 * HOUR).await.unwrap().expect("a checkpoint");
    let report = log::verify(db.store.as_ref(), key.verifier_key()).await.unwrap();
    assert_eq!(report.problems, Vec::<String>::new(), "{}", db.backend);
    let state = db.store.log_state().await.unwrap();
    for (_, data) in db.store.log_leaves(0, state.size).await.unwrap() {
        let text = String::from_utf8(data).unwrap();
        assert!(!text.contains("Демо") && !text.contains("+7701"), "{text}");
    }
    assert!(
        audits.iter().all(|a| !a.body.contains("Демо адам") && !a.body.contains("+7701")),
        "bookings are not logged"
    );
}

async fn the_record_links_appeals_and_the_summary_follows_them(db: &TestDb) {
    let f = fixture(db).await;
    let r = schedule(db, &plan(&f, f.host, start(), 1, capacity(30, 3, 0))).await;
    let p = placed(db, &booking(r, person(1), "p"), now()).await;
    assert!(matches!(db.store.check_in(r, &p.code, start()).await.unwrap(), CheckIn::CheckedIn(_)));
    let taken_q = NewQuestion {
        booking_id: p.booking_id,
        text: "Жер учаскесі берілмей жатыр".into(),
        outcome: QuestionOutcome::TakenAsAppeal,
        answer: String::new(),
    };
    let q1 = db.store.add_question(&taken_q, start() + 60).await.unwrap().unwrap();
    let q2 = db
        .store
        .add_question(&NewQuestion { text: "Екінші".into(), ..taken_q.clone() }, start() + 70)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(db.store.booking(p.booking_id).await.unwrap().unwrap().status, BookingStatus::Received);
    // The web files each as an appeal of channel `reception`, then links it.
    let file = |n: u8| NewAppeal {
        appeal: ValidAppeal {
            kind: AppealKind::Complaint,
            category: None,
            territory: OKRUG.into(),
            institution: None,
            subject: "Жер".into(),
            text: "Жер учаскесі берілмей жатыр".into(),
            language: AppealLanguage::Kk,
            contact: None,
        },
        region: "43".into(),
        year: 2026,
        received_at: start() + 60,
        registered_on: "2026-05-12".into(),
        due_on: "2026-06-02".into(),
        term_days: 15,
        secret_hash: None,
        client_token: Some(format!("reception-question-{n}")),
        salt: vec![n; 16],
        routed_by_rule: None,
        attachments: vec![],
        actor_role: Role::Coordinator,
        actor_user_id: None,
        origin: AppealOrigin { channel: AppealChannel::Reception, reception_id: Some(r) },
    };
    let mut appeals = Vec::new();
    for (q, n) in [(q1, 1), (q2, 2)] {
        let CreateOutcome::Created { id, number } = db.store.create_appeal(&file(n)).await.unwrap() else { panic!() };
        assert!(db.store.link_question_appeal(q, id).await.unwrap());
        assert!(!db.store.link_question_appeal(q, id).await.unwrap(), "linked once");
        let a = db.store.appeal_by_number(&number).await.unwrap().unwrap();
        assert_eq!((a.channel, a.reception_id), (AppealChannel::Reception, Some(r)), "{}", db.backend);
        appeals.push(id);
    }
    let filed = db.store.appeal_events(appeals[0]).await.unwrap();
    assert!(
        filed[0].kind == EventKind::Filed && filed[0].body.contains("\"channel\":\"reception\""),
        "{}",
        filed[0].body
    );
    let spot = NewQuestion { outcome: QuestionOutcome::AnsweredOnTheSpot, answer: "Иә".into(), ..taken_q.clone() };
    let q3 = db.store.add_question(&spot, start() + 80).await.unwrap().unwrap();
    assert!(!db.store.link_question_appeal(q3, appeals[0]).await.unwrap(), "answered on the spot: no appeal");
    let record = db.store.questions(r).await.unwrap();
    assert_eq!(record.iter().map(|q| q.appeal_id).collect::<Vec<_>>(), vec![Some(appeals[0]), Some(appeals[1]), None]);
    db.store.hold_reception(r, true, &coordinator(), start() + HOUR).await.unwrap().unwrap();

    let summary_at = |at: i64| {
        let store = db.store.clone();
        async move { store.public_summary(r, at).await.unwrap().unwrap() }
    };
    let s = summary_at(start() + 2 * HOUR).await;
    assert_eq!((s.people_received, s.questions, s.answered_on_the_spot, s.appeals), (1, 3, 1, 2));
    assert_eq!((s.answered_in_time, s.answered_late, s.overdue, s.pending), (0, 0, 0, 2));
    assert_eq!((s.host.id, s.host_attended, s.status), (f.host, Some(true), ReceptionStatus::Held));
    // One answered before its due date; the other not, and the date passes.
    let answer = NewEvent {
        kind: EventKind::Answered,
        at: at_local(date(2026, 5, 20), time(11, 0, 0, 0)),
        actor_role: "officer".into(),
        actor_user_id: None,
        body: "{}".into(),
        internal: false,
        notice: None,
        staff_notice: None,
    };
    assert!(db.store.record_event(appeals[0], Status::Registered, Status::Answered, &answer).await.unwrap());
    let later = summary_at(at_local(date(2026, 6, 3), time(9, 0, 0, 0))).await;
    assert_eq!(
        (later.answered_in_time, later.answered_late, later.overdue, later.pending),
        (1, 0, 1, 0),
        "{}",
        db.backend
    );
    assert!(db
        .store
        .record_event(
            appeals[1],
            Status::Registered,
            Status::Answered,
            &NewEvent { at: at_local(date(2026, 6, 3), time(10, 0, 0, 0)), ..answer }
        )
        .await
        .unwrap());
    let last = summary_at(at_local(date(2026, 6, 4), time(9, 0, 0, 0))).await;
    assert_eq!((last.answered_in_time, last.answered_late, last.overdue), (1, 1, 0));
    let json = serde_json::to_string(&last).unwrap();
    assert!(!json.contains("Демо адам") && !json.contains("+7701") && !json.contains("Жер учаскесі"), "{json}");
}

async fn public_reads_hold_no_online_link_and_no_personal_data(db: &TestDb) {
    let f = fixture(db).await;
    let online = NewReception { details: details(Mode::Online), ..plan(&f, f.host, start(), 1, capacity(60, 1, 1)) };
    let r = schedule(db, &online).await;
    let seated = placed(db, &booking(r, person(1), "seated"), now()).await;
    let waiting = placed(db, &booking(r, person(2), "waiting"), now()).await;
    assert_eq!(waiting.status, BookingStatus::Waitlisted);
    let one = db.store.reception(r).await.unwrap().unwrap();
    assert!(one.has_online_link);
    let list = db
        .store
        .receptions(&ReceptionFilter { territory: Some("433200000".into()), ..Default::default() })
        .await
        .unwrap();
    assert_eq!(list.len(), 1);
    let summary = db.store.public_summary(r, now()).await.unwrap().unwrap();
    for json in [
        serde_json::to_string(&one).unwrap(),
        serde_json::to_string(&list).unwrap(),
        serde_json::to_string(&summary).unwrap(),
    ] {
        assert!(!json.contains("secret-room"), "{}: {json}", db.backend);
        assert!(!json.contains("Демо адам") && !json.contains("+7701") && !json.contains("@demo.example"), "{json}");
        assert!(!json.contains("veteran"), "{json}");
    }
    // The link is for the holder of a seat only.
    assert_eq!(
        db.store.online_link(&token("seated")).await.unwrap().as_deref(),
        Some("https://meet.example/secret-room")
    );
    assert_eq!(db.store.online_link(&token("waiting")).await.unwrap(), None);
    assert_eq!(db.store.online_link(&token("guess")).await.unwrap(), None);
    // And it is in the seated person's notice, not the waiting one's.
    let pending = db.store.outbox_pending(100).await.unwrap();
    let payload = |id| pending.iter().find(|o| o.booking_id == Some(id)).map(|o| o.payload.clone()).unwrap();
    assert!(payload(seated.booking_id).contains("secret-room"));
    assert!(!payload(waiting.booking_id).contains("secret-room"));
    // The coordinator's form reads it back.
    let d = db.store.reception_details(r).await.unwrap().unwrap();
    assert_eq!(d.online_link.as_deref(), Some("https://meet.example/secret-room"));
    // Members' contacts are public only where they agreed.
    for (name, agreed) in [("Демо мүше 1", true), ("Демо мүше 2", false)] {
        db.store
            .add_member(&NewMember {
                group_id: f.group,
                name: name.into(),
                position_kk: "Мүше".into(),
                position_ru: "Член".into(),
                position_en: "Member".into(),
                institution_id: None,
                institution_text: "Демо мектеп".into(),
                phone: Some("+77015550000".into()),
                email: Some("member@demo.example".into()),
                contact_public: agreed,
                is_demo: true,
            })
            .await
            .unwrap();
    }
    let public = db.store.public_members(f.group).await.unwrap();
    assert_eq!(public.iter().map(|m| m.phone.is_some()).collect::<Vec<_>>(), vec![true, false]);
    assert_eq!(public.iter().map(|m| m.email.is_some()).collect::<Vec<_>>(), vec![true, false]);
    assert!(db.store.members(f.group).await.unwrap().iter().all(|m| m.phone.is_some()), "staff see both");
    // Filters: by host, by date range, by status.
    let by_host = ReceptionFilter { host_id: Some(f.other_host), ..Default::default() };
    assert!(db.store.receptions(&by_host).await.unwrap().is_empty());
    let before = ReceptionFilter { to: Some(start()), ..Default::default() };
    assert!(db.store.receptions(&before).await.unwrap().is_empty());
    let planned =
        ReceptionFilter { statuses: vec![ReceptionStatus::Planned], from: Some(start()), ..Default::default() };
    assert_eq!(db.store.receptions(&planned).await.unwrap().len(), 1);
    let elsewhere = ReceptionFilter { territory: Some("433400000".into()), ..Default::default() };
    assert!(db.store.receptions(&elsewhere).await.unwrap().is_empty());
}

async fn reminders_are_written_once_per_kind(db: &TestDb) {
    let f = fixture(db).await;
    let r = schedule(db, &plan(&f, f.host, start(), 1, capacity(60, 2, 2))).await;
    let early = placed(db, &booking(r, person(1), "early"), now()).await;
    let waiting_too = placed(db, &booking(r, person(2), "other"), now()).await;
    placed(db, &booking(r, person(3), "waiting"), now()).await;
    let due = |at: i64| {
        let store = db.store.clone();
        async move { store.due_reminders(at, 100).await.unwrap() }
    };
    assert!(due(start() - 25 * HOUR).await.is_empty());
    let day = due(start() - 24 * HOUR).await;
    let ids: Vec<_> = day.iter().map(|d| (d.booking_id, d.kind)).collect();
    assert_eq!(
        ids,
        vec![(early.booking_id, ReminderKind::DayBefore), (waiting_too.booking_id, ReminderKind::DayBefore)]
    );
    assert!(db.store.queue_reminder(early.booking_id, ReminderKind::DayBefore, start() - 24 * HOUR).await.unwrap());
    assert!(!db.store.queue_reminder(early.booking_id, ReminderKind::DayBefore, start() - 23 * HOUR).await.unwrap());
    let left: Vec<_> = due(start() - 23 * HOUR).await.iter().map(|d| d.booking_id).collect();
    assert_eq!(left, vec![waiting_too.booking_id], "{}", db.backend);
    // Two hours before: the short reminder, to everyone booked.
    let soon: Vec<_> = due(start() - 2 * HOUR).await.iter().map(|d| (d.booking_id, d.kind)).collect();
    assert_eq!(
        soon,
        vec![(early.booking_id, ReminderKind::HoursBefore), (waiting_too.booking_id, ReminderKind::HoursBefore)]
    );
    assert!(db.store.queue_reminder(early.booking_id, ReminderKind::HoursBefore, start() - 2 * HOUR).await.unwrap());
    assert_eq!(
        pending_kinds(db, early.booking_id).await.iter().filter(|k| k.starts_with("reminder_")).count(),
        4,
        "two kinds, e-mail and SMS"
    );
    // Someone who booked an hour before gets no day-before reminder.
    let late = placed(db, &booking(r, person(4), "late"), start() - 3 * HOUR).await;
    assert_eq!(late.status, BookingStatus::Waitlisted, "the seats are taken");
    db.store.cancel_booking(&token("other"), start() - 3 * HOUR + 1).await.unwrap();
    let kinds: Vec<_> =
        due(start() - 2 * HOUR).await.iter().filter(|d| d.booking_id == late.booking_id).map(|d| d.kind).collect();
    assert!(kinds.is_empty(), "{}: still waiting: {kinds:?}", db.backend);
    assert!(due(start()).await.is_empty(), "started: nothing more");
}

/// A cancellation that did not yet see a booking's commit to the waiting
/// list frees its seat with someone waiting: the job's query finds that
/// reception (and no other), and promoting fills the seat.
async fn a_seat_a_race_left_free_is_found_and_promoted(db: &TestDb) {
    let f = fixture(db).await;
    let r = schedule(db, &plan(&f, f.host, start(), 1, capacity(60, 1, 2))).await;
    // Another reception with free seats but nobody waiting.
    let quiet = schedule(db, &plan(&f, f.host, start() + 2 * 86_400, 1, capacity(60, 2, 2))).await;
    placed(db, &booking(quiet, person(9), "quiet"), now()).await;
    let a = placed(db, &booking(r, person(1), "a"), now()).await;
    let b = placed(db, &booking(r, person(2), "b"), now() + 1).await;
    let c = placed(db, &booking(r, person(3), "c"), now() + 2).await;
    assert_eq!((b.status, c.status), (BookingStatus::Waitlisted, BookingStatus::Waitlisted));
    assert!(db.store.waitlists_to_promote(now(), 100).await.unwrap().is_empty(), "{}: full", db.backend);
    // What the race leaves: `a` cancelled, its seat free, two waiting.
    let sql = format!(
        "UPDATE reception_bookings SET status = 'cancelled' WHERE id = {}; \
         UPDATE reception_slots SET taken = taken - 1 WHERE reception_id = {r};",
        a.booking_id
    );
    adaldyq_store::testing::raw_sql(&db.url, &sql).await;
    assert_eq!(db.store.waitlists_to_promote(now(), 100).await.unwrap(), vec![r], "{}", db.backend);
    assert!(db.store.waitlists_to_promote(start(), 100).await.unwrap().is_empty(), "started: not offered");
    assert_eq!(db.store.promote_waitlist(r, now() + 10).await.unwrap(), 1, "{}", db.backend);
    assert_eq!(db.store.booking(b.booking_id).await.unwrap().unwrap().status, BookingStatus::Booked);
    assert_eq!(db.store.booking(c.booking_id).await.unwrap().unwrap().status, BookingStatus::Waitlisted);
    assert_eq!(taken(db, r).await, vec![1]);
    let told = pending_kinds(db, b.booking_id).await;
    assert_eq!(told.iter().filter(|k| *k == "waitlist_promoted").count(), 2, "e-mail and SMS: {told:?}");
    assert!(db.store.waitlists_to_promote(now() + 10, 100).await.unwrap().is_empty(), "{}", db.backend);
}

async fn working_groups_cover_their_district(db: &TestDb) {
    let f = fixture(db).await;
    let g = db.store.working_group(f.group).await.unwrap().unwrap();
    assert_eq!(db.store.working_group_for(VILLAGE).await.unwrap().map(|x| x.id), Some(f.group));
    assert_eq!(db.store.working_group_for(OKRUG).await.unwrap().map(|x| x.id), Some(f.group));
    assert_eq!(db.store.working_group_for("433232100").await.unwrap(), None, "another district's village");
    assert!(matches!(
        db.store.create_working_group(&group_in(g.programme_id, OKRUG)).await,
        Err(StoreError::Conflict(_))
    ));
    let second = db.store.create_working_group(&group_in(g.programme_id, "433232000")).await.unwrap();
    let aral: Vec<_> = db.store.working_groups(Some("433200000")).await.unwrap().iter().map(|x| x.id).collect();
    assert_eq!(aral, vec![f.group, second]);
    assert!(db.store.working_groups(Some("431000000")).await.unwrap().is_empty());
    let renamed = NewWorkingGroup { phone: "+77249999999".into(), ..group_in(g.programme_id, OKRUG) };
    assert!(db.store.update_working_group(f.group, &renamed).await.unwrap());
    assert_eq!(db.store.working_group(f.group).await.unwrap().unwrap().phone, "+77249999999");
    // A reception is placed in its group's district only.
    let elsewhere =
        NewReception { territory_code: "433232100".into(), ..plan(&f, f.host, start(), 1, capacity(30, 2, 0)) };
    assert!(matches!(
        db.store.schedule_reception(&elsewhere, &coordinator(), now()).await,
        Err(StoreError::Invalid(_))
    ));
    // A whole structure loads in one transaction, all or nothing.
    let member = |name: &str| NewMember {
        group_id: 0,
        name: name.into(),
        position_kk: "Хатшы".into(),
        position_ru: "Секретарь".into(),
        position_en: "Secretary".into(),
        institution_id: None,
        institution_text: String::new(),
        phone: None,
        email: None,
        contact_public: false,
        is_demo: true,
    };
    let clashing = vec![
        (group_in(g.programme_id, "433233000"), vec![member("Демо 1")]),
        (group_in(g.programme_id, OKRUG), vec![member("Демо 2")]),
    ];
    assert!(db.store.load_working_groups(&clashing).await.is_err());
    assert_eq!(db.store.working_group_for("433233000").await.unwrap(), None, "{}: nothing half-loaded", db.backend);
    let ids = db.store.load_working_groups(&clashing[..1]).await.unwrap();
    let members = db.store.members(ids[0]).await.unwrap();
    assert_eq!((members.len(), members[0].group_id, members[0].position_ru.as_str()), (1, ids[0], "Секретарь"));
    assert_eq!(db.store.hosts(None).await.unwrap().len(), 2);
    assert_eq!(db.store.programmes().await.unwrap()[0].name_en, "Akmeshit — a square of integrity");
}
