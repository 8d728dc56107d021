//! Notices to people with an account, on both backends: staff told of an
//! appeal assigned or escalated to them (in their language, on their
//! channels, in the event's transaction), what a person switched off left
//! out (optional kinds only), an applicant's switch-off per appeal, and
//! the morning digest's lines and once-a-day claim.

use adaldyq_domain::appeal::{AppealKind, AppealLanguage, Contact, EventKind, Status, ValidAppeal};
use adaldyq_domain::territory::demo_territories;
use adaldyq_domain::{Grant, Role, Scope};
use adaldyq_store::testing::TestDb;
use adaldyq_store::*;

#[macro_use]
mod support;

conformance!(
    an_assigned_officer_is_told_in_their_language_on_their_channels,
    switched_off_optional_kinds_are_left_out_and_legal_ones_never,
    the_heads_of_the_body_are_told_of_an_escalation,
    an_applicant_without_an_account_switches_off_one_appeals_kind,
    a_profile_is_saved_whole_and_read_back,
    the_digest_lists_due_appeals_by_person_and_is_claimed_once_a_day,
    erasing_an_appeal_keeps_the_staff_notices_about_it,
);

const NOW: i64 = 1_790_000_000;
const BOTH: [Channel; 2] = [Channel::Email, Channel::Sms];

struct Body {
    institution: i64,
    head: i64,
    officer: i64,
}

async fn user(db: &TestDb, email: &str, grant: Option<Grant>) -> i64 {
    let id = db
        .store
        .create_user(&NewUser {
            email: email.into(),
            name: "Қызметкер".into(),
            password_hash: "x".into(),
            created_at: NOW,
            is_demo: false,
        })
        .await
        .unwrap();
    if let Some(g) = grant {
        db.store.add_grant(id, &g, &Actor::system()).await.unwrap();
    }
    id
}

/// The district's body with a head and an officer.
async fn body(db: &TestDb) -> Body {
    db.store.upsert_territories(&demo_territories()).await.unwrap();
    let institution = db
        .store
        .create_institution(&NewInstitution {
            territory_code: "433200000".into(),
            name_kk: "Мекеме".into(),
            name_ru: "Учреждение".into(),
            name_en: "Body".into(),
            is_demo: true,
        })
        .await
        .unwrap();
    let at = |role| Some(Grant { role, scope: Scope::Institution(institution) });
    let head = user(db, "head@akimat.kz", at(Role::Head)).await;
    let officer = user(db, "officer@akimat.kz", at(Role::Officer)).await;
    Body { institution, head, officer }
}

fn new_appeal(institution: i64, contact: Option<Contact>, filer: Option<i64>, due_on: &str) -> NewAppeal {
    NewAppeal {
        appeal: ValidAppeal {
            kind: AppealKind::Complaint,
            category: None,
            territory: "433200000".into(),
            institution: Some(institution),
            subject: "Көше жарығы".into(),
            text: "Біздің көшеде жарық жоқ.".into(),
            language: AppealLanguage::Kk,
            contact,
        },
        region: "43".into(),
        year: 2026,
        received_at: NOW,
        registered_on: "2026-03-02".into(),
        due_on: due_on.into(),
        term_days: 15,
        secret_hash: Some(vec![7; 32]),
        client_token: None,
        salt: (0..16).collect(),
        routed_by_rule: None,
        attachments: vec![],
        actor_role: Role::Citizen,
        actor_user_id: filer,
        origin: Default::default(),
    }
}

fn contact(email: &str, phone: &str) -> Option<Contact> {
    Some(Contact { name: "Азамат".into(), email: Some(email.into()), phone: Some(phone.into()), iin: None })
}

async fn file(db: &TestDb, new: &NewAppeal) -> i64 {
    match db.store.create_appeal(new).await.unwrap() {
        CreateOutcome::Created { id, .. } => id,
        other => panic!("{other:?}"),
    }
}

fn event(kind: EventKind, actor: Option<i64>, notice: bool, staff: Option<StaffNotice>) -> NewEvent {
    NewEvent {
        kind,
        at: NOW + 60,
        actor_role: if actor.is_some() { "head" } else { "system" }.into(),
        actor_user_id: actor,
        body: "{}".into(),
        internal: false,
        notice: notice.then(|| r#"{"number": "n"}"#.to_owned()),
        staff_notice: staff,
    }
}

fn to(kind: &str, to: StaffRecipients) -> Option<StaffNotice> {
    Some(StaffNotice { kind: kind.into(), to, payload: r#"{"due_on": "2026-03-27"}"#.into() })
}

/// An outbox row as read back: kind, channel, address, language, user id.
type Row = (String, Option<String>, Option<String>, String, Option<i64>);
/// The same without its kind.
type Sent = (Option<String>, Option<String>, String, Option<i64>);

/// Every outbox row.
async fn rows(db: &TestDb) -> Vec<Row> {
    let table = schema::table("outbox").unwrap();
    let col = |name: &str| table.columns.iter().position(|(c, _)| *c == name).unwrap();
    let text = |v: &CellValue| match v {
        CellValue::Text(s) => Some(s.clone()),
        _ => None,
    };
    let int = |v: &CellValue| match v {
        CellValue::Int(i) => Some(*i),
        _ => None,
    };
    db.store
        .dump_table(table)
        .await
        .unwrap()
        .iter()
        .map(|r| {
            (
                text(&r[col("kind")]).unwrap(),
                text(&r[col("channel")]),
                text(&r[col("address")]),
                text(&r[col("language")]).unwrap_or_default(),
                int(&r[col("user_id")]),
            )
        })
        .collect()
}

fn of_kind(all: &[Row], kind: &str) -> Vec<Sent> {
    all.iter().filter(|r| r.0 == kind).map(|r| (r.1.clone(), r.2.clone(), r.3.clone(), r.4)).collect()
}

fn some(s: &str) -> Option<String> {
    Some(s.to_owned())
}

async fn an_assigned_officer_is_told_in_their_language_on_their_channels(db: &TestDb) {
    let b = body(db).await;
    let profile = NoticeProfile { language: "ru".into(), phone: some("+77017654321"), switched_off: vec![] };
    assert!(db.store.save_notice_profile(b.officer, &profile).await.unwrap());
    let id = file(db, &new_appeal(b.institution, None, None, "2026-03-27")).await;
    let e = event(EventKind::Assigned, Some(b.head), false, to("assigned", StaffRecipients::User(b.officer)));
    assert!(db.store.assign_appeal(id, Status::Registered, Status::Assigned, b.officer, &e).await.unwrap());
    let all = rows(db).await;
    assert_eq!(
        of_kind(&all, "assigned"),
        [
            (some("email"), some("officer@akimat.kz"), "ru".into(), Some(b.officer)),
            (some("sms"), some("+77017654321"), "ru".into(), Some(b.officer)),
        ]
    );
    let claimed = db.store.claim_notices("w", &BOTH, NOW + 60, 60, 10).await.unwrap();
    assert_eq!(claimed.len(), 2, "the anonymous filing's notices are not sendable; the officer's are");
    assert!(claimed.iter().all(|n| n.user_id == Some(b.officer) && n.appeal_id == Some(id) && n.number.is_some()));

    // A head who takes an appeal themselves is not told of it.
    let other = file(db, &new_appeal(b.institution, None, None, "2026-03-27")).await;
    let e = event(EventKind::Assigned, Some(b.head), false, to("assigned", StaffRecipients::User(b.head)));
    assert!(db.store.assign_appeal(other, Status::Registered, Status::Assigned, b.head, &e).await.unwrap());
    assert_eq!(of_kind(&rows(db).await, "assigned").len(), 2, "nothing for the actor");
}

async fn switched_off_optional_kinds_are_left_out_and_legal_ones_never(db: &TestDb) {
    let b = body(db).await;
    let citizen = user(db, "filer@mail.kz", Some(Grant { role: Role::Citizen, scope: Scope::Own })).await;
    let off = vec![("assigned".to_owned(), Channel::Email), ("answered".to_owned(), Channel::Email)];
    db.store
        .save_notice_profile(
            b.officer,
            &NoticeProfile { language: "kk".into(), phone: some("+77017654321"), switched_off: off.clone() },
        )
        .await
        .unwrap();
    // The filer's account switched off the escalation by e-mail, and (in
    // vain) the answer by e-mail: an answer is a legal notice.
    let filer_off = vec![("escalated".to_owned(), Channel::Email), ("answered".to_owned(), Channel::Email)];
    db.store
        .save_notice_profile(citizen, &NoticeProfile { language: "kk".into(), phone: None, switched_off: filer_off })
        .await
        .unwrap();
    let id =
        file(db, &new_appeal(b.institution, contact("filer@mail.kz", "+77011234567"), Some(citizen), "2026-03-27"))
            .await;
    let e = event(EventKind::Assigned, Some(b.head), false, to("assigned", StaffRecipients::User(b.officer)));
    assert!(db.store.assign_appeal(id, Status::Registered, Status::Assigned, b.officer, &e).await.unwrap());
    let e = event(EventKind::Escalated, None, true, None);
    assert!(db.store.record_event(id, Status::Assigned, Status::Escalated, &e).await.unwrap());
    let e = event(EventKind::Answered, Some(b.officer), true, None);
    assert!(db.store.record_event(id, Status::Escalated, Status::Answered, &e).await.unwrap());
    let all = rows(db).await;
    assert_eq!(of_kind(&all, "assigned"), [(some("sms"), some("+77017654321"), "kk".into(), Some(b.officer))]);
    assert_eq!(
        of_kind(&all, "escalated"),
        [(some("sms"), some("+77011234567"), "kk".into(), Some(citizen))],
        "the filer's own preference, to the appeal's contact, in the appeal's language"
    );
    assert_eq!(of_kind(&all, "answered").len(), 2, "a legal notice goes on every channel");
    assert_eq!(of_kind(&all, "registered").len(), 2);

    // Every channel off: the notice is recorded, with nobody to send it to.
    let all_off = vec![("assigned".to_owned(), Channel::Email), ("assigned".to_owned(), Channel::Sms)];
    db.store
        .save_notice_profile(
            b.officer,
            &NoticeProfile { language: "kk".into(), phone: some("+77017654321"), switched_off: all_off },
        )
        .await
        .unwrap();
    let other = file(db, &new_appeal(b.institution, None, None, "2026-03-27")).await;
    let e = event(EventKind::Assigned, Some(b.head), false, to("assigned", StaffRecipients::User(b.officer)));
    assert!(db.store.assign_appeal(other, Status::Registered, Status::Assigned, b.officer, &e).await.unwrap());
    let assigned = of_kind(&rows(db).await, "assigned");
    assert_eq!(assigned.len(), 2);
    assert_eq!(assigned[1], (None, None, "kk".into(), Some(b.officer)));
}

async fn the_heads_of_the_body_are_told_of_an_escalation(db: &TestDb) {
    let b = body(db).await;
    let second =
        user(db, "deputy@akimat.kz", Some(Grant { role: Role::Head, scope: Scope::Institution(b.institution) })).await;
    let id = file(db, &new_appeal(b.institution, None, None, "2026-03-27")).await;
    let e = event(EventKind::Escalated, None, true, to("escalated_to_you", StaffRecipients::HeadsOfAppealBody));
    assert!(db.store.record_event(id, Status::Registered, Status::Escalated, &e).await.unwrap());
    let mut told: Vec<Option<i64>> = of_kind(&rows(db).await, "escalated_to_you").iter().map(|r| r.3).collect();
    told.sort();
    assert_eq!(told, [Some(b.head), Some(second)], "both heads, not the officer");

    // When a head moves it there, that head is not told.
    let id = file(db, &new_appeal(b.institution, None, None, "2026-03-27")).await;
    let e =
        event(EventKind::Escalated, Some(second), false, to("escalated_to_you", StaffRecipients::HeadsOfAppealBody));
    assert!(db.store.record_event(id, Status::Registered, Status::Escalated, &e).await.unwrap());
    let told: Vec<Option<i64>> = of_kind(&rows(db).await, "escalated_to_you").iter().map(|r| r.3).collect();
    assert_eq!(told.len(), 3);
    assert_eq!(told.iter().filter(|u| **u == Some(second)).count(), 1);
}

async fn an_applicant_without_an_account_switches_off_one_appeals_kind(db: &TestDb) {
    let b = body(db).await;
    let id = file(db, &new_appeal(b.institution, contact("a@mail.kz", "+77011234567"), None, "2026-03-27")).await;
    let kept = file(db, &new_appeal(b.institution, contact("a@mail.kz", "+77011234567"), None, "2026-03-27")).await;
    assert!(db.store.switch_off_for_appeal(id, "escalated", Channel::Email).await.unwrap());
    assert!(!db.store.switch_off_for_appeal(id, "escalated", Channel::Email).await.unwrap(), "off already");
    assert!(!db.store.switch_off_for_appeal(999_999, "escalated", Channel::Email).await.unwrap(), "no such appeal");
    assert_eq!(db.store.appeal_switched_off(id).await.unwrap(), [("escalated".to_owned(), Channel::Email)]);
    for appeal in [id, kept] {
        let e = event(EventKind::Escalated, None, true, None);
        assert!(db.store.record_event(appeal, Status::Registered, Status::Escalated, &e).await.unwrap());
    }
    let escalated = of_kind(&rows(db).await, "escalated");
    assert_eq!(escalated.len(), 3, "SMS for the one, both for the other: {escalated:?}");
    assert_eq!(escalated.iter().filter(|r| r.0.as_deref() == Some("email")).count(), 1);
    assert!(escalated.iter().all(|r| r.3.is_none()), "no account");
}

async fn a_profile_is_saved_whole_and_read_back(db: &TestDb) {
    let b = body(db).await;
    let fresh = db.store.notice_profile(b.officer).await.unwrap().unwrap();
    assert_eq!(fresh, NoticeProfile { language: "kk".into(), phone: None, switched_off: vec![] }, "kk by default");
    let user = db.store.user(b.officer).await.unwrap().unwrap();
    assert_eq!((user.language.as_str(), user.phone.as_deref()), ("kk", None));
    let p = NoticeProfile {
        language: "kk-latn".into(),
        phone: some("+77017654321"),
        switched_off: vec![("digest".into(), Channel::Email), ("digest".into(), Channel::Sms)],
    };
    assert!(db.store.save_notice_profile(b.officer, &p).await.unwrap());
    assert_eq!(db.store.notice_profile(b.officer).await.unwrap().unwrap(), p);
    let fewer =
        NoticeProfile { language: "en".into(), phone: None, switched_off: vec![("digest".into(), Channel::Sms)] };
    assert!(db.store.save_notice_profile(b.officer, &fewer).await.unwrap());
    assert_eq!(db.store.notice_profile(b.officer).await.unwrap().unwrap(), fewer, "replaced, not added to");
    assert!(db.store.switch_off_for_user(b.officer, "assigned", Channel::Email).await.unwrap());
    assert!(!db.store.switch_off_for_user(b.officer, "assigned", Channel::Email).await.unwrap());
    assert!(!db.store.switch_off_for_user(999_999, "assigned", Channel::Email).await.unwrap());
    let after = db.store.notice_profile(b.officer).await.unwrap().unwrap();
    assert_eq!(after.switched_off, [("assigned".to_owned(), Channel::Email), ("digest".to_owned(), Channel::Sms)]);
    assert!(db.store.notice_profile(999_999).await.unwrap().is_none());
    assert!(!db.store.save_notice_profile(999_999, &fewer).await.unwrap());
}

async fn the_digest_lists_due_appeals_by_person_and_is_claimed_once_a_day(db: &TestDb) {
    let b = body(db).await;
    let mine = file(db, &new_appeal(b.institution, None, None, "2026-03-05")).await;
    let overdue = file(db, &new_appeal(b.institution, None, None, "2026-03-02")).await;
    let unassigned = file(db, &new_appeal(b.institution, None, None, "2026-03-04")).await;
    let later = file(db, &new_appeal(b.institution, None, None, "2026-03-20")).await;
    let answered = file(db, &new_appeal(b.institution, None, None, "2026-03-03")).await;
    let waiting = file(db, &new_appeal(b.institution, None, None, "2026-03-03")).await;
    for id in [mine, overdue, later, answered, waiting] {
        let e = event(EventKind::Assigned, Some(b.head), false, None);
        assert!(db.store.assign_appeal(id, Status::Registered, Status::Assigned, b.officer, &e).await.unwrap());
    }
    let e = event(EventKind::Answered, Some(b.officer), false, None);
    assert!(db.store.record_event(answered, Status::Assigned, Status::Answered, &e).await.unwrap());
    let e = event(EventKind::ClarificationRequested, Some(b.officer), false, None);
    assert!(db.store.record_event(waiting, Status::Assigned, Status::AwaitingClarification, &e).await.unwrap());
    let lines = db.store.due_for_digest("2026-03-05", 100).await.unwrap();
    let got: Vec<(i64, i64, &str)> = lines.iter().map(|l| (l.user_id, l.appeal_id, l.due_on.as_str())).collect();
    let mut want =
        vec![(b.head, unassigned, "2026-03-04"), (b.officer, overdue, "2026-03-02"), (b.officer, mine, "2026-03-05")];
    want.sort_by_key(|w| (w.0, w.2));
    assert_eq!(got, want, "by person, soonest first; not the later, answered or waiting ones");
    assert!(lines.iter().all(|l| l.subject == "Көше жарығы" && l.number.starts_with("43-2026-")));

    let digests = vec![(b.officer, r#"{"total": 2}"#.to_owned()), (b.head, r#"{"total": 1}"#.to_owned())];
    assert!(db.store.enqueue_digests("2026-03-03", &digests, NOW).await.unwrap());
    assert!(!db.store.enqueue_digests("2026-03-03", &digests, NOW + 60).await.unwrap(), "the day is taken");
    assert_eq!(db.store.meta("digest:2026-03-03").await.unwrap().as_deref(), Some("2"));
    let digest = of_kind(&rows(db).await, "digest");
    assert_eq!(digest.len(), 2, "one each, by e-mail (no phones): {digest:?}");
    assert!(
        db.store.enqueue_digests("2026-03-04", &[], NOW).await.unwrap(),
        "a day with nobody to tell is claimed too"
    );
}

async fn erasing_an_appeal_keeps_the_staff_notices_about_it(db: &TestDb) {
    let b = body(db).await;
    let id = file(db, &new_appeal(b.institution, contact("filer@mail.kz", ""), None, "2026-03-27")).await;
    let e = event(EventKind::Assigned, Some(b.head), false, to("assigned", StaffRecipients::User(b.officer)));
    assert!(db.store.assign_appeal(id, Status::Registered, Status::Assigned, b.officer, &e).await.unwrap());
    let mut erase = event(EventKind::Erased, Some(b.head), false, None);
    erase.actor_role = "administrator".into();
    db.store.tombstone(id, &Tombstone::Erase, &erase).await.unwrap();
    let all = rows(db).await;
    assert_eq!(of_kind(&all, "registered")[0].1, None, "the filer's address is forgotten");
    assert_eq!(of_kind(&all, "assigned")[0].1.as_deref(), Some("officer@akimat.kz"), "the officer's is not theirs");
    let claimed = db.store.claim_notices("w", &BOTH, NOW + 60, 60, 10).await.unwrap();
    assert_eq!(claimed.iter().map(|n| n.kind.as_str()).collect::<Vec<_>>(), ["assigned"]);
}
