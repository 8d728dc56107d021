//! The notices' delivery queue, on both backends: one notice per recipient
//! and channel, claims under a lease that two workers never share, retries,
//! dead letters and an administrator's retry.

use adaldyq_domain::appeal::{AppealKind, AppealLanguage, Contact, EventKind, Status, ValidAppeal};
use adaldyq_domain::territory::demo_territories;
use adaldyq_domain::Role;
use adaldyq_store::testing::TestDb;
use adaldyq_store::*;
use std::collections::HashSet;

#[macro_use]
mod support;

conformance!(
    a_notice_is_queued_per_channel_and_never_for_an_anonymous_filer,
    two_claimers_never_get_the_same_notice,
    an_expired_lease_is_claimable_again,
    failures_back_off_then_dead_letter_and_an_administrator_retries,
    a_stale_worker_cannot_record_a_failure,
    erasing_an_appeal_forgets_its_notices_addresses,
);

const NOW: i64 = 1_790_000_000;
const BOTH: [Channel; 2] = [Channel::Email, Channel::Sms];

fn new_appeal(contact: Option<Contact>, language: AppealLanguage) -> NewAppeal {
    NewAppeal {
        appeal: ValidAppeal {
            kind: AppealKind::Complaint,
            category: None,
            territory: "433200000".into(),
            institution: None,
            subject: "Көше жарығы".into(),
            text: "Біздің көшеде жарық жоқ.".into(),
            language,
            contact,
        },
        region: "43".into(),
        year: 2026,
        received_at: NOW,
        registered_on: "2026-03-02".into(),
        due_on: "2026-03-27".into(),
        term_days: 15,
        secret_hash: Some(vec![7; 32]),
        client_token: None,
        salt: (0..16).collect(),
        routed_by_rule: None,
        attachments: vec![],
        actor_role: Role::Citizen,
        actor_user_id: None,
        origin: Default::default(),
    }
}

fn contact(email: Option<&str>, phone: Option<&str>) -> Option<Contact> {
    Some(Contact {
        name: "Азамат Серікұлы".into(),
        email: email.map(str::to_owned),
        phone: phone.map(str::to_owned),
        iin: None,
    })
}

async fn file(db: &TestDb, new: &NewAppeal) -> (i64, String) {
    db.store.upsert_territories(&demo_territories()).await.unwrap();
    match db.store.create_appeal(new).await.unwrap() {
        CreateOutcome::Created { id, number } => (id, number),
        other => panic!("{other:?}"),
    }
}

async fn a_notice_is_queued_per_channel_and_never_for_an_anonymous_filer(db: &TestDb) {
    let (_, number) =
        file(db, &new_appeal(contact(Some("a@example.kz"), Some("+77011234567")), AppealLanguage::Ru)).await;
    file(db, &new_appeal(None, AppealLanguage::Kk)).await;
    file(db, &new_appeal(contact(None, None), AppealLanguage::Kk)).await;
    assert_eq!(db.store.outbox_stats().await.unwrap().queued, 2, "e-mail and SMS of the named filer only");
    assert_eq!(
        db.store.outbox_pending(100).await.unwrap().len(),
        3,
        "one per event: the named filer's (two addresses, one notice), and the other two recorded with no one to tell"
    );

    let mut claimed = db.store.claim_notices("w1", &BOTH, NOW, 60, 10).await.unwrap();
    claimed.sort_by_key(|n| n.channel.as_str());
    assert_eq!(claimed.len(), 2, "the unsendable notices are never claimed");
    let (email, sms) = (&claimed[0], &claimed[1]);
    assert_eq!((email.channel, email.address.as_str()), (Channel::Email, "a@example.kz"));
    assert_eq!((sms.channel, sms.address.as_str()), (Channel::Sms, "+77011234567"));
    for n in &claimed {
        assert_eq!(n.kind, "registered");
        assert_eq!(n.language, "ru", "the appeal's language");
        assert_eq!(n.number.as_deref(), Some(number.as_str()));
        assert!(n.payload.contains("2026-03-27"), "the due date travels with the notice");
        assert_eq!(n.tries, 1);
        assert_eq!(n.message_id.len(), 32);
    }
    assert_ne!(email.message_id, sms.message_id);
    assert!(db.store.claim_notices("w2", &BOTH, NOW, 60, 10).await.unwrap().is_empty(), "both are leased");
    let only_sms = db.store.claim_notices("w3", &[Channel::Sms], NOW + 61, 60, 10).await.unwrap();
    assert_eq!(only_sms.len(), 1, "a worker claims only the channels it can send");
    assert_eq!(only_sms[0].channel, Channel::Sms);
    assert!(db.store.notice_sent(email.id, NOW + 1).await.unwrap());
    assert!(!db.store.notice_sent(email.id, NOW + 2).await.unwrap(), "recorded once");
    let stats = db.store.outbox_stats().await.unwrap();
    assert_eq!((stats.queued, stats.sent), (1, 1));
}

async fn two_claimers_never_get_the_same_notice(db: &TestDb) {
    for k in 0..40 {
        let email = format!("filer{k}@example.kz");
        file(db, &new_appeal(contact(Some(&email), None), AppealLanguage::Kk)).await;
    }
    let mut tasks = Vec::new();
    for w in 0..4 {
        let store = db.store.clone();
        tasks.push(tokio::spawn(async move {
            let mut got = Vec::new();
            loop {
                let batch = store.claim_notices(&format!("worker-{w}"), &BOTH, NOW, 300, 3).await.unwrap();
                if batch.is_empty() {
                    break got;
                }
                got.extend(batch.into_iter().map(|n| n.id));
            }
        }));
    }
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap());
    }
    let distinct: HashSet<i64> = all.iter().copied().collect();
    assert_eq!(all.len(), distinct.len(), "{}: a notice was claimed twice", db.backend);
    assert_eq!(distinct.len(), 40, "every notice was claimed");
}

async fn an_expired_lease_is_claimable_again(db: &TestDb) {
    file(db, &new_appeal(contact(Some("a@example.kz"), None), AppealLanguage::Kk)).await;
    let first = db.store.claim_notices("stopped", &BOTH, NOW, 30, 10).await.unwrap();
    assert_eq!(first.len(), 1);
    assert!(db.store.claim_notices("other", &BOTH, NOW + 29, 30, 10).await.unwrap().is_empty(), "still leased");
    let again = db.store.claim_notices("other", &BOTH, NOW + 30, 30, 10).await.unwrap();
    assert_eq!(again.len(), 1, "the lease ran out: another worker takes it");
    assert_eq!(again[0].id, first[0].id);
    assert_eq!(again[0].message_id, first[0].message_id, "the same Message-ID, so a duplicate can be recognised");
    assert_eq!(again[0].tries, 2, "the stopped worker's try counts");
}

async fn failures_back_off_then_dead_letter_and_an_administrator_retries(db: &TestDb) {
    let (_, number) = file(db, &new_appeal(contact(Some("refused@example.kz"), None), AppealLanguage::En)).await;
    let n = db.store.claim_notices("w", &BOTH, NOW, 60, 10).await.unwrap().remove(0);
    assert!(db.store.notice_failed(n.id, "w", "550 no such user", Some(NOW + 100), NOW).await.unwrap());
    assert!(db.store.claim_notices("w", &BOTH, NOW + 99, 60, 10).await.unwrap().is_empty(), "not before its time");
    let stats = db.store.outbox_stats().await.unwrap();
    assert_eq!((stats.queued, stats.failing, stats.dead), (1, 1, 0));
    let problems = db.store.notice_problems(10).await.unwrap();
    assert_eq!(problems.len(), 1);
    assert_eq!((problems[0].last_error.as_str(), problems[0].dead_at), ("550 no such user", None));

    let n = db.store.claim_notices("w", &BOTH, NOW + 100, 60, 10).await.unwrap().remove(0);
    assert_eq!(n.tries, 2);
    assert!(db.store.notice_failed(n.id, "w", "550 no such user", None, NOW + 101).await.unwrap());
    assert!(db.store.claim_notices("w", &BOTH, NOW + 10_000, 60, 10).await.unwrap().is_empty(), "dead letters rest");
    let stats = db.store.outbox_stats().await.unwrap();
    assert_eq!((stats.queued, stats.failing, stats.dead), (0, 0, 1));
    let problems = db.store.notice_problems(10).await.unwrap();
    assert_eq!(problems[0].dead_at, Some(NOW + 101));
    assert_eq!(problems[0].number.as_deref(), Some(number.as_str()));
    assert_eq!((problems[0].channel, problems[0].address.as_str()), (Channel::Email, "refused@example.kz"));

    assert!(db.store.retry_notice(n.id, NOW + 200).await.unwrap());
    let n = db.store.claim_notices("w", &BOTH, NOW + 200, 60, 10).await.unwrap().remove(0);
    assert_eq!(n.tries, 1, "an administrator's retry counts the tries afresh");
    assert!(db.store.notice_sent(n.id, NOW + 201).await.unwrap());
    assert!(!db.store.retry_notice(n.id, NOW + 300).await.unwrap(), "a sent notice is not sent again");
    assert!(db.store.notice_problems(10).await.unwrap().is_empty());
}

async fn a_stale_worker_cannot_record_a_failure(db: &TestDb) {
    file(db, &new_appeal(contact(Some("a@example.kz"), None), AppealLanguage::Kk)).await;
    let n = db.store.claim_notices("slow", &BOTH, NOW, 10, 10).await.unwrap().remove(0);
    let again = db.store.claim_notices("fast", &BOTH, NOW + 10, 10, 10).await.unwrap();
    assert_eq!(again.len(), 1);
    assert!(!db.store.notice_failed(n.id, "slow", "timeout", None, NOW + 11).await.unwrap(), "not its notice now");
    assert!(db.store.notice_sent(n.id, NOW + 12).await.unwrap());
    assert_eq!(db.store.outbox_stats().await.unwrap().dead, 0);
}

async fn erasing_an_appeal_forgets_its_notices_addresses(db: &TestDb) {
    let (id, number) =
        file(db, &new_appeal(contact(Some("a@example.kz"), Some("+77011234567")), AppealLanguage::Kk)).await;
    let sent = db.store.claim_notices("w", &[Channel::Email], NOW, 60, 10).await.unwrap().remove(0);
    db.store.notice_sent(sent.id, NOW).await.unwrap();
    let a = db.store.appeal_by_number(&number).await.unwrap().unwrap();
    assert_eq!(a.status, Status::Registered);
    let tomb = NewEvent {
        kind: EventKind::Erased,
        at: NOW + 5,
        actor_role: "administrator".into(),
        actor_user_id: None,
        body: "{}".into(),
        internal: false,
        notice: None,
        staff_notice: None,
    };
    db.store.tombstone(id, &Tombstone::Erase, &tomb).await.unwrap();
    assert!(db.store.claim_notices("w", &BOTH, NOW + 10, 60, 10).await.unwrap().is_empty(), "nothing left to send");
    let problems = db.store.notice_problems(10).await.unwrap();
    assert_eq!(problems.len(), 1, "the unsent SMS is given up on");
    assert!(problems[0].address.is_empty() && problems[0].last_error == "erased");
    assert!(!db.store.retry_notice(problems[0].id, NOW + 20).await.unwrap(), "with no address, no retry");
    let table = adaldyq_store::schema::TABLES.iter().find(|t| t.name == "outbox").unwrap();
    let rows = db.store.dump_table(table).await.unwrap();
    assert!(!format!("{rows:?}").contains("example.kz") && !format!("{rows:?}").contains("701123"), "{rows:?}");
}
