//! The conformance suite: every test here runs unchanged against SQLite and
//! PostgreSQL (the `conformance!` macro makes one test per backend). The
//! runtime is multi-threaded so that the concurrency tests really race.

use adaldyq_domain::appeal::{AppealKind, AppealLanguage, Contact, EventKind, Status, ValidAppeal};
use adaldyq_domain::territory::{demo_territories, parse_kato_csv, Territory};
use adaldyq_domain::{Grant, Role, Scope};
use adaldyq_store::schema::TABLES;
use adaldyq_store::testing::{Backend, TestDb};
use adaldyq_store::*;

#[macro_use]
mod support;

conformance!(
    tombstones_erase_content_and_the_log_still_verifies,
    the_appeals_state_is_what_its_logged_events_say,
    a_calendar_change_is_an_event_of_each_moved_appeal,
    corruption_reports_show_the_hour_only_in_the_log,
    every_change_is_a_leaf_and_the_log_verifies,
    a_busy_second_is_integrated_in_one_round,
    a_check_of_a_live_log_finds_no_problem,
    deleting_an_appeal_is_detected,
    editing_an_event_is_detected,
    reordering_events_is_detected,
    dropping_or_rewriting_a_leaf_is_detected,
    a_checkpoint_signed_by_another_key_is_detected,
    full_text_search_finds_word_forms_in_kazakh_and_russian,
    routing_picks_the_nearest_rule_and_the_category_first,
    schema_matches_the_table_list,
    territories_load_update_and_answer_by_subtree,
    institutions_hang_on_the_tree,
    users_are_unique_by_email,
    failed_sign_ins_lock_the_account,
    a_totp_step_is_spent_once,
    grants_are_scoped_and_checked,
    role_policies_upsert,
    sessions_expire_and_end,
    meta_is_claimed_once,
    export_and_import_round_trip,
    import_refuses_a_database_with_data,
    import_of_a_broken_file_changes_nothing,
    import_reports_text_with_control_characters_and_loads_nothing,
    export_names_text_with_control_characters,
    filing_numbers_receipts_and_records_events,
    a_resubmitted_form_files_nothing_twice,
    sixty_four_concurrent_filers_all_get_distinct_numbers,
    events_move_the_status_only_from_the_expected_one,
    the_inbox_is_scoped_filtered_and_paged,
    the_inbox_pages_by_due_date_and_counts,
    the_calendar_is_replaced_whole,
);

const NOW: i64 = 1_790_000_000;

async fn load_demo_tree(db: &TestDb) {
    db.store.upsert_territories(&demo_territories()).await.unwrap();
}

fn new_user(email: &str) -> NewUser {
    NewUser {
        email: email.into(),
        name: "Demo User".into(),
        password_hash: "$argon2id$fake".into(),
        created_at: NOW,
        is_demo: true,
    }
}

async fn schema_matches_the_table_list(db: &TestDb) {
    let mut actual = db.store.introspect().await.unwrap();
    actual.sort();
    let mut expected: Vec<(String, Vec<String>)> =
        TABLES.iter().map(|t| (t.name.to_owned(), t.columns.iter().map(|(c, _)| (*c).to_owned()).collect())).collect();
    expected.sort();
    assert_eq!(actual, expected, "{}: the migrations and schema::TABLES disagree", db.backend);
}

async fn territories_load_update_and_answer_by_subtree(db: &TestDb) {
    let rows = demo_territories();
    let first = db.store.upsert_territories(&rows).await.unwrap();
    assert_eq!(first, ImportReport { added: rows.len() as u64, updated: 0 });
    let again = db.store.upsert_territories(&rows).await.unwrap();
    assert_eq!(again, ImportReport { added: 0, updated: rows.len() as u64 });
    let all = db.store.territories().await.unwrap();
    assert_eq!(all.len(), rows.len());
    let okrug = db.store.territory("431033000").await.unwrap().unwrap();
    assert_eq!(okrug.path, vec!["430000000", "431000000", "431033000"]);
    assert_eq!(okrug.name_kk, "Ақжарма а.о.");
    assert!(db.store.territory("999999999").await.unwrap().is_none());

    let renamed = vec![Territory {
        name_ru: "Акжарма (переименован)".into(), ..rows_by_code(&rows, "431033000")
    }];
    db.store.upsert_territories(&renamed).await.unwrap();
    assert_eq!(db.store.territory("431033000").await.unwrap().unwrap().name_ru, "Акжарма (переименован)");

    db.store.set_routable("431000000", false).await.unwrap();
    assert!(!db.store.territory("431033100").await.unwrap().unwrap().routable);
    assert!(db.store.territory("430000000").await.unwrap().unwrap().routable);

    // A unit moved under another parent takes its subtree along.
    let child = db.store.territory("431033100").await.unwrap().unwrap();
    assert_eq!(child.path, vec!["430000000", "431000000", "431033000", "431033100"]);
    let moved = vec![Territory { parent_code: Some("433200000".into()), ..rows_by_code(&rows, "431033000") }];
    db.store.upsert_territories(&moved).await.unwrap();
    let child = db.store.territory("431033100").await.unwrap().unwrap();
    assert_eq!(child.path, vec!["430000000", "433200000", "431033000", "431033100"], "{}", db.backend);
    // A unit cannot hang under its own descendant (no loop through the database).
    let looped = vec![Territory { parent_code: Some("431033100".into()), ..rows_by_code(&rows, "433200000") }];
    assert!(
        matches!(db.store.upsert_territories(&looped).await, Err(StoreError::TerritoryLoop(c)) if c == "433200000")
    );
    assert_eq!(db.store.territory("433200000").await.unwrap().unwrap().path, vec!["430000000", "433200000"]);
}

fn rows_by_code(rows: &[Territory], code: &str) -> Territory {
    rows.iter().find(|t| t.code == code).unwrap().clone()
}

async fn institutions_hang_on_the_tree(db: &TestDb) {
    load_demo_tree(db).await;
    let new = |code: &str| NewInstitution {
        territory_code: code.into(),
        name_kk: "Демо мекеме".into(),
        name_ru: "Демо учреждение".into(),
        name_en: "Demo institution".into(),
        is_demo: true,
    };
    let a = db.store.create_institution(&new("431033000")).await.unwrap();
    let b = db.store.create_institution(&new("431000000")).await.unwrap();
    assert_ne!(a, b);
    let under_city: Vec<i64> = db.store.institutions(Some("431000000")).await.unwrap().iter().map(|i| i.id).collect();
    assert_eq!(under_city, vec![a, b]);
    let under_okrug: Vec<i64> = db.store.institutions(Some("431033000")).await.unwrap().iter().map(|i| i.id).collect();
    assert_eq!(under_okrug, vec![a]);
    assert_eq!(db.store.institutions(None).await.unwrap().len(), 2);
    assert_eq!(db.store.institution(a).await.unwrap().unwrap().name_en, "Demo institution");
    let missing = db.store.create_institution(&new("000000001")).await;
    assert!(missing.is_err(), "an institution on an unknown territory is refused");
}

async fn users_are_unique_by_email(db: &TestDb) {
    let id = db.store.create_user(&new_user("a@demo.example")).await.unwrap();
    let again = db.store.create_user(&new_user("a@demo.example")).await;
    assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");
    let u = db.store.user_by_email("a@demo.example").await.unwrap().unwrap();
    assert_eq!(u.id, id);
    assert!(!u.totp_enabled);
    db.store.set_password(id, "$argon2id$other").await.unwrap();
    assert_eq!(db.store.user(id).await.unwrap().unwrap().password_hash, "$argon2id$other");
    assert!(matches!(db.store.set_password(id + 100, "x").await, Err(StoreError::NotFound(_))));
    assert_eq!(db.store.users().await.unwrap().len(), 1);
}

async fn failed_sign_ins_lock_the_account(db: &TestDb) {
    let id = db.store.create_user(&new_user("b@demo.example")).await.unwrap();
    for n in 1..=4 {
        let s = db.store.record_failed_sign_in(id, NOW, 5, 900).await.unwrap();
        assert_eq!(s, SignInFailures { count: n, locked_until: None });
    }
    let s = db.store.record_failed_sign_in(id, NOW, 5, 900).await.unwrap();
    assert_eq!(s, SignInFailures { count: 5, locked_until: Some(NOW + 900) });
    db.store.clear_failed_sign_ins(id).await.unwrap();
    let u = db.store.user(id).await.unwrap().unwrap();
    assert_eq!((u.failed_sign_ins, u.locked_until), (0, None));
}

async fn a_totp_step_is_spent_once(db: &TestDb) {
    let id = db.store.create_user(&new_user("c@demo.example")).await.unwrap();
    db.store.set_totp(id, Some("JBSWY3DPEHPK3PXP"), true).await.unwrap();
    assert!(db.store.user(id).await.unwrap().unwrap().totp_enabled);
    assert!(db.store.spend_totp_step(id, 100).await.unwrap());
    assert!(!db.store.spend_totp_step(id, 100).await.unwrap(), "a replayed step is refused");
    assert!(!db.store.spend_totp_step(id, 99).await.unwrap(), "an older step is refused");
    assert!(db.store.spend_totp_step(id, 101).await.unwrap());
    db.store.set_totp(id, None, true).await.unwrap();
    let u = db.store.user(id).await.unwrap().unwrap();
    assert!(!u.totp_enabled && u.totp_secret.is_none(), "no secret, no second factor");
}

async fn grants_are_scoped_and_checked(db: &TestDb) {
    load_demo_tree(db).await;
    let id = db.store.create_user(&new_user("d@demo.example")).await.unwrap();
    let coord = Grant { role: Role::Coordinator, scope: Scope::Territory("431000000".into()) };
    db.store.add_grant(id, &coord, &adaldyq_store::Actor::system()).await.unwrap();
    db.store.add_grant(id, &coord, &adaldyq_store::Actor::system()).await.unwrap();
    let admin = Grant { role: Role::Administrator, scope: Scope::All };
    db.store.add_grant(id, &admin, &adaldyq_store::Actor::system()).await.unwrap();
    assert_eq!(db.store.grants(id).await.unwrap(), vec![coord.clone(), admin.clone()]);
    let misfit = Grant { role: Role::Officer, scope: Scope::Territory("431000000".into()) };
    assert!(matches!(
        db.store.add_grant(id, &misfit, &adaldyq_store::Actor::system()).await,
        Err(StoreError::Invalid(_))
    ));
    let unknown = Grant { role: Role::Monitor, scope: Scope::Territory("000000009".into()) };
    assert!(matches!(
        db.store.add_grant(id, &unknown, &adaldyq_store::Actor::system()).await,
        Err(StoreError::NotFound(_))
    ));
    let other_scope = Grant { role: Role::Coordinator, scope: Scope::Territory("430000000".into()) };
    assert!(!db.store.remove_grant(id, &other_scope, &adaldyq_store::Actor::system()).await.unwrap());
    assert!(db.store.remove_grant(id, &coord, &adaldyq_store::Actor::system()).await.unwrap());
    assert_eq!(db.store.grants(id).await.unwrap(), vec![admin]);
}

async fn role_policies_upsert(db: &TestDb) {
    assert!(db.store.role_policies().await.unwrap().is_empty());
    db.store.set_role_policy(Role::Inspector, true, &Actor::system()).await.unwrap();
    db.store.set_role_policy(Role::Officer, true, &Actor::system()).await.unwrap();
    db.store.set_role_policy(Role::Officer, false, &Actor::system()).await.unwrap();
    let mut p = db.store.role_policies().await.unwrap();
    p.sort_by_key(|p| p.role);
    assert_eq!(
        p,
        vec![
            RolePolicy { role: Role::Officer, require_second_factor: false },
            RolePolicy { role: Role::Inspector, require_second_factor: true },
        ]
    );
}

async fn sessions_expire_and_end(db: &TestDb) {
    let id = db.store.create_user(&new_user("e@demo.example")).await.unwrap();
    let s = |h: u8, exp: i64| NewSession {
        token_hash: vec![h; 32],
        user_id: id,
        created_at: NOW,
        expires_at: exp,
        second_factor_pending: true,
    };
    db.store.create_session(&s(1, NOW + 100)).await.unwrap();
    db.store.create_session(&s(2, NOW + 100)).await.unwrap();
    db.store.create_session(&s(3, NOW + 10)).await.unwrap();
    let live = db.store.session(&[1; 32], NOW).await.unwrap().unwrap();
    assert!(live.second_factor_pending);
    db.store.complete_second_factor(&[1; 32]).await.unwrap();
    assert!(!db.store.session(&[1; 32], NOW).await.unwrap().unwrap().second_factor_pending);
    assert!(db.store.session(&[3; 32], NOW + 10).await.unwrap().is_none(), "expired");
    db.store.touch_session(&[3; 32], NOW + 5, NOW + 50).await.unwrap();
    assert!(db.store.session(&[3; 32], NOW + 10).await.unwrap().is_some(), "touched sessions live on");
    assert_eq!(db.store.purge_expired_sessions(NOW + 60).await.unwrap(), 1);
    assert_eq!(db.store.delete_other_sessions(id, &[1; 32]).await.unwrap(), 1);
    assert!(db.store.session(&[2; 32], NOW).await.unwrap().is_none());
    db.store.delete_session(&[1; 32]).await.unwrap();
    assert!(db.store.session(&[1; 32], NOW).await.unwrap().is_none());
}

async fn meta_is_claimed_once(db: &TestDb) {
    assert_eq!(db.store.meta("demo").await.unwrap(), None);
    assert!(db.store.claim_meta("demo", "v1").await.unwrap());
    assert!(!db.store.claim_meta("demo", "v2").await.unwrap());
    assert_eq!(db.store.meta("demo").await.unwrap().as_deref(), Some("v1"));
}

/// Fills every table, so that the round trip covers every column type.
async fn fill(db: &TestDb) {
    load_demo_tree(db).await;
    db.store.set_routable("431900000", false).await.ok();
    let inst = db
        .store
        .create_institution(&NewInstitution {
            territory_code: "431000000".into(),
            name_kk: "Демо «ақпарат» бөлімі".into(),
            name_ru: "Демо отдел".into(),
            name_en: "Demo department".into(),
            is_demo: true,
        })
        .await
        .unwrap();
    let id = db.store.create_user(&new_user("f@demo.example")).await.unwrap();
    db.store.set_totp(id, Some("JBSWY3DPEHPK3PXP"), true).await.unwrap();
    db.store.spend_totp_step(id, 7).await.unwrap();
    db.store
        .add_grant(id, &Grant { role: Role::Officer, scope: Scope::Institution(inst) }, &adaldyq_store::Actor::system())
        .await
        .unwrap();
    db.store
        .add_grant(id, &Grant { role: Role::Administrator, scope: Scope::All }, &adaldyq_store::Actor::system())
        .await
        .unwrap();
    db.store.set_role_policy(Role::Head, true, &Actor::system()).await.unwrap();
    db.store
        .create_session(&NewSession {
            token_hash: (0..32).collect(),
            user_id: id,
            created_at: NOW,
            expires_at: NOW + 3600,
            second_factor_pending: false,
        })
        .await
        .unwrap();
    db.store.claim_meta("demo_loaded", "1").await.unwrap();
    // Appeals: a counter, an appeal with its contact, three events (the last
    // an internal note by the user) and one receipt notice in the outbox.
    let mut appeal = new_appeal("431000000", Some(inst), false, Some("fill-form-token"));
    appeal.secret_hash = Some((100..132).collect());
    let (appeal_id, _) = file(db, &appeal).await;
    let note = NewEvent {
        kind: EventKind::NoteAdded,
        at: NOW + 60,
        actor_role: Role::Officer.as_str().into(),
        actor_user_id: Some(id),
        body: r#"{"note":"Ескерту: «тексеру»"}"#.into(),
        internal: true,
        notice: None,
        staff_notice: None,
    };
    assert!(db.store.record_event(appeal_id, Status::Registered, Status::Registered, &note).await.unwrap());
    db.store
        .replace_calendar(&[
            CalendarRow { day: "2026-03-23".into(), working: false, reason: "Наурыз мейрамы".into() },
            CalendarRow {
                day: "2026-03-28".into(), working: true, reason: "Перенос рабочего дня".into()
            },
        ])
        .await
        .unwrap();
}

/// The rows `fill` writes besides the territories: meta 1, institutions 1,
/// users 1, grants 2, role_policies 1, sessions 1; appeal_counters 1,
/// appeals 1, appeal_contacts 1, appeal_events 3, outbox 2 (the receipt
/// notice by e-mail and by SMS), calendar_exceptions 2; and in the transparency log: audit_events 4 (two
/// grants, the role policy, the calendar), log_state 1, log_leaves 7 (3
/// events, 4 audits).
const FILLED_ROWS: usize = 7 + 10 + 12;

async fn export_bytes(store: &dyn Store) -> Vec<u8> {
    let mut out = Vec::new();
    export::export(store, &mut out).await.unwrap();
    out
}

async fn export_and_import_round_trip(db: &TestDb) {
    fill(db).await;
    let original = export_bytes(db.store.as_ref()).await;
    // Into a fresh database of each backend, and back out again.
    for target in [Backend::Sqlite, Backend::Postgres] {
        let Some(other) = target.fresh().await else {
            continue;
        };
        let n = export::import(other.store.as_ref(), &mut &original[..]).await.unwrap();
        assert_eq!(n as usize, demo_territories().len() + FILLED_ROWS, "every row of every table");
        let copy = export_bytes(other.store.as_ref()).await;
        assert_eq!(
            String::from_utf8(copy).unwrap(),
            String::from_utf8(original.clone()).unwrap(),
            "{} → {} changed the data",
            db.backend,
            other.backend
        );
        // The copy keeps working: new ids do not collide with imported ones.
        let next = other.store.create_user(&new_user("g@demo.example")).await.unwrap();
        assert!(next > 1, "the id sequence moved past the imported ids");
        // The receipt counter came along, and the appeal, event and outbox
        // ids go on after the imported ones.
        let (appeal_id, number) = file(&other, &new_appeal("431000000", None, true, None)).await;
        assert_eq!(number, "43-2026-000002", "{} → {}", db.backend, other.backend);
        assert!(appeal_id > 1, "the appeal id sequence moved on");
        let events = other.store.appeal_events(appeal_id).await.unwrap();
        assert_eq!(events.len(), 2);
        assert!(events[0].id > 3, "the event id sequence moved on");
        let outbox = other.store.outbox_pending(10).await.unwrap();
        assert_eq!(outbox.len(), 2);
        assert!(outbox[1].id > outbox[0].id);
        assert_eq!(other.store.calendar().await.unwrap(), db.store.calendar().await.unwrap());
    }
}

async fn import_refuses_a_database_with_data(db: &TestDb) {
    fill(db).await;
    let dump = export_bytes(db.store.as_ref()).await;
    let err = export::import(db.store.as_ref(), &mut &dump[..]).await.unwrap_err();
    assert!(err.to_string().contains("not empty"), "{err}");
}

/// A file such as an older SQLite installation could write: PostgreSQL
/// cannot store its NUL, so every such cell is named and nothing loads.
async fn import_reports_text_with_control_characters_and_loads_nothing(db: &TestDb) {
    let file = "{\"format\":\"adaldyq-export\",\"version\":1,\"tables\":[\"meta\"]}\n\
                {\"t\":\"meta\",\"r\":[\"fine\",\"line one\\nline two\"]}\n\
                {\"t\":\"meta\",\"r\":[\"bad\",\"a\\u0000b\"]}\n\
                {\"t\":\"meta\",\"r\":[\"worse\",\"\\u001b[31m\"]}\n";
    let err = export::import(db.store.as_ref(), &mut file.as_bytes()).await.unwrap_err();
    let err = err.to_string();
    assert!(err.contains("nothing was imported"), "{err}");
    assert!(err.contains("line 3: meta row 2 (bad), column value"), "{err}");
    assert!(err.contains("line 4: meta row 3 (worse), column value"), "{err}");
    assert!(!err.contains("fine"), "{err}");
    let meta = TABLES.iter().find(|t| t.name == "meta").unwrap();
    assert!(db.store.dump_table(meta).await.unwrap().is_empty(), "nothing was loaded");
}

/// SQLite stores a NUL that PostgreSQL refuses; the platform's inputs refuse
/// it, and an export of a database that holds one (from before) fails,
/// naming the cell, rather than write a file that cannot be imported.
async fn export_names_text_with_control_characters(db: &TestDb) {
    db.store.upsert_territories(&demo_territories()).await.unwrap();
    let new = NewInstitution {
        territory_code: "431000000".into(),
        name_kk: "Мекеме\u{0}".into(),
        name_ru: "Учреждение".into(),
        name_en: "Body".into(),
        is_demo: false,
    };
    let Ok(id) = db.store.create_institution(&new).await else {
        assert_eq!(db.backend, "postgres", "only PostgreSQL refuses NUL itself");
        return;
    };
    let mut out = Vec::new();
    let err = export::export(db.store.as_ref(), &mut out).await.unwrap_err().to_string();
    assert!(err.contains(&format!("institutions row 1 (id {id}), column name_kk")), "{err}");
}

async fn import_of_a_broken_file_changes_nothing(db: &TestDb) {
    let source = Backend::Sqlite.fresh().await.unwrap();
    fill(&source).await;
    let dump = String::from_utf8(export_bytes(source.store.as_ref()).await).unwrap();
    // A valid start, then a row that does not fit its table.
    let broken = format!("{}{{\"t\":\"users\",\"r\":[\"not a number\"]}}\n", dump);
    assert!(export::import(db.store.as_ref(), &mut broken.as_bytes()).await.is_err());
    assert!(db.store.territories().await.unwrap().is_empty(), "nothing was loaded");
    let unknown = format!("{}{{\"t\":\"nope\",\"r\":[]}}\n", dump);
    let err = export::import(db.store.as_ref(), &mut unknown.as_bytes()).await.unwrap_err();
    assert!(err.to_string().contains("unknown table nope"), "{err}");
    let err = export::import(db.store.as_ref(), &mut &b"{\"format\":\"x\"}\n"[..]).await.unwrap_err();
    assert!(err.to_string().contains("line 1"), "{err}");
    assert!(db.store.users().await.unwrap().is_empty());
    // the parse helper stays usable on the same data afterwards
    assert!(parse_kato_csv(adaldyq_domain::territory::KYZYLORDA_KATO_CSV, &|_| None).is_ok());
}

#[tokio::test]
async fn sqlite_is_durable_and_checks_references() {
    let dir = adaldyq_store::testing::TempDir::new();
    let store = adaldyq_store::sqlite::SqliteStore::open(&dir.path().join("x.db")).await.unwrap();
    let (journal, sync, fk) = store.pragmas().await.unwrap();
    assert_eq!(journal, "wal");
    assert_eq!(sync, 2, "synchronous=FULL");
    assert!(fk, "foreign keys on");
}

// ---------------------------------------------------------------------
// Appeals and the calendar.

/// A checked appeal in Kyzylorda region, filed online on 2 March 2026.
fn new_appeal(territory: &str, institution: Option<i64>, anonymous: bool, token: Option<&str>) -> NewAppeal {
    NewAppeal {
        appeal: ValidAppeal {
            kind: AppealKind::Complaint,
            category: None,
            territory: territory.into(),
            institution,
            subject: "Көше жарығы".into(),
            text: "Біздің көшеде екі айдан бері жарық жоқ, кешке жүру қауіпті.".into(),
            language: AppealLanguage::Kk,
            contact: (!anonymous).then(demo_contact),
        },
        region: "43".into(),
        year: 2026,
        received_at: NOW,
        registered_on: "2026-03-02".into(),
        due_on: "2026-03-27".into(),
        term_days: 15,
        secret_hash: None,
        client_token: token.map(str::to_owned),
        salt: (0..16).collect(),
        routed_by_rule: None,
        attachments: vec![],
        actor_role: Role::Citizen,
        actor_user_id: None,
        origin: Default::default(),
    }
}

fn demo_contact() -> Contact {
    Contact {
        name: "Азамат Серікұлы".into(),
        email: Some("azamat@demo.example".into()),
        phone: Some("+77011234567".into()),
        iin: Some("900101300017".into()),
    }
}

/// Files an appeal that must be new; its id and receipt number.
async fn file(db: &TestDb, new: &NewAppeal) -> (i64, String) {
    match db.store.create_appeal(new).await.unwrap() {
        CreateOutcome::Created { id, number } => (id, number),
        other => panic!("{}: expected a new appeal, got {other:?}", db.backend),
    }
}

async fn demo_institution(db: &TestDb, territory: &str) -> i64 {
    db.store
        .create_institution(&NewInstitution {
            territory_code: territory.into(),
            name_kk: "Демо әкімдік".into(),
            name_ru: "Демо акимат".into(),
            name_en: "Demo akimat".into(),
            is_demo: true,
        })
        .await
        .unwrap()
}

fn ids(appeals: &[Appeal]) -> Vec<i64> {
    appeals.iter().map(|a| a.id).collect()
}

async fn filing_numbers_receipts_and_records_events(db: &TestDb) {
    load_demo_tree(db).await;
    let inst = demo_institution(db, "433200000").await;
    let mut named = new_appeal("433220100", Some(inst), false, Some("form-a"));
    named.secret_hash = Some(vec![0xAB; 32]);
    let anonymous = new_appeal("433200000", None, true, None);

    let (named_id, named_no) = file(db, &named).await;
    let (anon_id, anon_no) = file(db, &anonymous).await;
    assert_eq!(named_no, "43-2026-000001");
    assert_eq!(anon_no, "43-2026-000002");
    assert_ne!(named_id, anon_id);

    let a = db.store.appeal_by_number(&named_no).await.unwrap().unwrap();
    assert_eq!(a.id, named_id);
    assert_eq!(a.number, named_no);
    assert_eq!(a.kind, AppealKind::Complaint);
    assert_eq!(a.territory_code, "433220100");
    assert_eq!(a.institution_id, Some(inst));
    assert_eq!(a.subject, named.appeal.subject);
    assert_eq!(a.body, named.appeal.text);
    assert_eq!(a.language, AppealLanguage::Kk);
    assert!(!a.anonymous);
    assert_eq!(a.status, Status::Registered);
    assert_eq!(a.received_at, NOW);
    assert_eq!(a.updated_at, NOW);
    assert_eq!(a.registered_on, "2026-03-02");
    assert_eq!(a.due_on, "2026-03-27");
    assert_eq!(a.term_days, 15);
    assert_eq!(a.secret_hash, Some(vec![0xAB; 32]));

    let b = db.store.appeal_by_number(&anon_no).await.unwrap().unwrap();
    assert_eq!(b.id, anon_id);
    assert!(b.anonymous);
    assert_eq!(b.institution_id, None);
    assert_eq!(b.secret_hash, None);
    assert_eq!(b.status, Status::Registered);
    assert!(db.store.appeal_by_number("43-2026-000003").await.unwrap().is_none());
    assert_eq!(db.store.appeal_by_id(named_id).await.unwrap().map(|x| x.number), Some(named_no.clone()));
    assert_eq!(db.store.appeal_by_id(anon_id).await.unwrap(), Some(b.clone()));
    assert!(db.store.appeal_by_id(anon_id.max(named_id) + 1).await.unwrap().is_none());

    assert_eq!(db.store.appeal_contact(named_id).await.unwrap(), Some(demo_contact()));
    assert_eq!(db.store.appeal_contact(anon_id).await.unwrap(), None);

    for (id, number) in [(named_id, &named_no), (anon_id, &anon_no)] {
        let events = db.store.appeal_events(id).await.unwrap();
        let kinds: Vec<_> = events.iter().map(|e| e.kind).collect();
        assert_eq!(kinds, vec![EventKind::Filed, EventKind::Registered]);
        let roles: Vec<_> = events.iter().map(|e| e.actor_role.as_str()).collect();
        assert_eq!(roles, vec!["citizen", "system"]);
        assert!(events[0].id < events[1].id);
        assert!(events.iter().all(|e| e.at == NOW && !e.internal && e.actor_user_id.is_none()));
        let registered: serde_json::Value = serde_json::from_str(&events[1].body).unwrap();
        assert_eq!(registered["number"], number.as_str());
        assert_eq!(registered["due_on"], "2026-03-27");
    }

    let outbox = db.store.outbox_pending(10).await.unwrap();
    assert_eq!(outbox.len(), 2, "one receipt notice per appeal");
    for (row, (id, number)) in outbox.iter().zip([(named_id, &named_no), (anon_id, &anon_no)]) {
        assert_eq!(row.appeal_id, Some(id));
        assert_eq!(row.kind, "registered");
        assert_eq!(row.created_at, NOW);
        assert!(row.payload.contains(number.as_str()), "{}", row.payload);
    }
    assert_eq!(db.store.outbox_pending(1).await.unwrap().len(), 1);

    // Another year or region counts on its own.
    let next_year = NewAppeal { year: 2027, ..new_appeal("433200000", None, true, None) };
    assert_eq!(file(db, &next_year).await.1, "43-2027-000001");
    let other_region = NewAppeal { region: "11".into(), ..new_appeal("433200000", None, true, None) };
    assert_eq!(file(db, &other_region).await.1, "11-2026-000001");
    assert_eq!(file(db, &new_appeal("433200000", None, true, None)).await.1, "43-2026-000003");
    assert_eq!(file(db, &next_year).await.1, "43-2027-000002");
}

async fn a_resubmitted_form_files_nothing_twice(db: &TestDb) {
    load_demo_tree(db).await;
    let form = new_appeal("433200000", None, false, Some("form-once"));
    let (id, number) = file(db, &form).await;
    assert_eq!(number, "43-2026-000001");
    let again = db.store.create_appeal(&form).await.unwrap();
    assert_eq!(again, CreateOutcome::Duplicate { number: number.clone() });
    // The token decides, not the content.
    let edited = NewAppeal {
        appeal: ValidAppeal { subject: "Басқа тақырып".into(), ..form.appeal.clone() },
        ..form.clone()
    };
    assert_eq!(db.store.create_appeal(&edited).await.unwrap(), CreateOutcome::Duplicate { number: number.clone() });
    let everything = InboxFilter { territories: vec!["430000000".into()], limit: 200, ..Default::default() };
    assert_eq!(ids(&db.store.inbox(&everything).await.unwrap()), vec![id]);
    assert_eq!(db.store.appeal_events(id).await.unwrap().len(), 2);
    assert_eq!(db.store.outbox_pending(10).await.unwrap().len(), 1);

    // The same form sent eight times at once still files once, and the
    // submissions that lost the race report the winner's number.
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(8));
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let store = db.store.clone();
            let barrier = barrier.clone();
            let new = new_appeal("434000000", None, true, Some("form-raced"));
            tokio::spawn(async move {
                barrier.wait().await;
                store.create_appeal(&new).await
            })
        })
        .collect();
    let mut created = Vec::new();
    let mut duplicates = Vec::new();
    for t in tasks {
        match t.await.unwrap() {
            Ok(CreateOutcome::Created { number, .. }) => created.push(number),
            Ok(CreateOutcome::Duplicate { number }) => duplicates.push(number),
            Err(e) => panic!("{}: a raced resubmission failed: {e}", db.backend),
        }
    }
    assert_eq!(created, vec!["43-2026-000002".to_owned()], "{}", db.backend);
    assert_eq!(duplicates, vec![created[0].clone(); 7]);
    assert_eq!(db.store.inbox(&everything).await.unwrap().len(), 2);
    assert_eq!(db.store.outbox_pending(10).await.unwrap().len(), 2);
    // No number was spent on the duplicates.
    assert_eq!(file(db, &new_appeal("433200000", None, true, None)).await.1, "43-2026-000003");
}

async fn sixty_four_concurrent_filers_all_get_distinct_numbers(db: &TestDb) {
    load_demo_tree(db).await;
    const FILERS: usize = 64;
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(FILERS));
    let tasks: Vec<_> = (0..FILERS)
        .map(|i| {
            let store = db.store.clone();
            let barrier = barrier.clone();
            let new = new_appeal("433200000", None, i % 2 == 0, Some(&format!("form-{i}")));
            tokio::spawn(async move {
                barrier.wait().await;
                store.create_appeal(&new).await
            })
        })
        .collect();
    let mut numbers = Vec::new();
    let mut errors = Vec::new();
    for t in tasks {
        match t.await.unwrap() {
            Ok(CreateOutcome::Created { number, .. }) => numbers.push(number),
            Ok(other) => errors.push(format!("{other:?}")),
            Err(e) => errors.push(e.to_string()),
        }
    }
    assert!(errors.is_empty(), "{}: {} of {FILERS} filings lost: {errors:?}", db.backend, errors.len());
    numbers.sort();
    let expected: Vec<String> = (1..=FILERS as i64).map(|n| format!("43-2026-{n:06}")).collect();
    assert_eq!(numbers, expected, "{}", db.backend);
    let everything = InboxFilter { territories: vec!["433200000".into()], limit: 200, ..Default::default() };
    assert_eq!(db.store.inbox(&everything).await.unwrap().len(), FILERS);
    assert_eq!(db.store.outbox_pending(200).await.unwrap().len(), FILERS);
    assert_eq!(file(db, &new_appeal("433200000", None, true, None)).await.1, "43-2026-000065");
}

fn answer(at: i64) -> NewEvent {
    NewEvent {
        kind: EventKind::Answered,
        at,
        actor_role: Role::Officer.as_str().into(),
        actor_user_id: None,
        body: r#"{"text":"Жарық шамдары ауыстырылды."}"#.into(),
        internal: false,
        notice: Some(r#"{"event":"answered"}"#.into()),
        staff_notice: None,
    }
}

async fn events_move_the_status_only_from_the_expected_one(db: &TestDb) {
    load_demo_tree(db).await;
    let (id, number) = file(db, &new_appeal("433200000", None, false, None)).await;
    let (other_id, other_number) = file(db, &new_appeal("433200000", None, true, None)).await;

    assert!(db.store.record_event(id, Status::Registered, Status::Answered, &answer(NOW + 100)).await.unwrap());
    let a = db.store.appeal_by_number(&number).await.unwrap().unwrap();
    assert_eq!((a.status, a.updated_at), (Status::Answered, NOW + 100));
    let events = db.store.appeal_events(id).await.unwrap();
    let kinds: Vec<_> = events.iter().map(|e| e.kind).collect();
    assert_eq!(kinds, vec![EventKind::Filed, EventKind::Registered, EventKind::Answered]);
    let last = events.last().unwrap();
    assert_eq!(
        (last.at, last.actor_role.as_str(), last.body.as_str()),
        (NOW + 100, "officer", answer(0).body.as_str())
    );
    let outbox = db.store.outbox_pending(10).await.unwrap();
    assert_eq!(outbox.len(), 3);
    let notice = outbox.last().unwrap();
    assert_eq!(notice.appeal_id, Some(id));
    assert_eq!(notice.kind, "answered");
    assert_eq!(notice.payload, r#"{"event":"answered"}"#);
    assert_eq!(notice.created_at, NOW + 100);

    // A second officer answering from the same page finds it moved.
    assert!(!db.store.record_event(id, Status::Registered, Status::Answered, &answer(NOW + 200)).await.unwrap());
    assert_eq!(db.store.appeal_events(id).await.unwrap().len(), 3);
    assert_eq!(db.store.outbox_pending(10).await.unwrap().len(), 3);
    let a = db.store.appeal_by_number(&number).await.unwrap().unwrap();
    assert_eq!((a.status, a.updated_at), (Status::Answered, NOW + 100));

    // An unknown appeal moves nowhere; the other appeal was not touched.
    assert!(!db.store.record_event(other_id + 1000, Status::Registered, Status::Answered, &answer(NOW)).await.unwrap());
    let other = db.store.appeal_by_number(&other_number).await.unwrap().unwrap();
    assert_eq!(other.status, Status::Registered);
    assert_eq!(db.store.appeal_events(other_id).await.unwrap().len(), 2);

    // An internal note keeps the status and tells the applicant nothing.
    let note = NewEvent {
        kind: EventKind::NoteAdded,
        at: NOW + 300,
        actor_role: Role::Officer.as_str().into(),
        actor_user_id: None,
        body: r#"{"note":"ішкі"}"#.into(),
        internal: true,
        notice: None,
        staff_notice: None,
    };
    assert!(db.store.record_event(id, Status::Answered, Status::Answered, &note).await.unwrap());
    let events = db.store.appeal_events(id).await.unwrap();
    assert_eq!(events.len(), 4);
    assert!(events[3].internal && events[3].kind == EventKind::NoteAdded);
    assert_eq!(db.store.outbox_pending(10).await.unwrap().len(), 3);
    assert_eq!(db.store.appeal_by_number(&number).await.unwrap().unwrap().status, Status::Answered);
}

async fn the_inbox_is_scoped_filtered_and_paged(db: &TestDb) {
    load_demo_tree(db).await;
    let aral = demo_institution(db, "433200000").await;
    let zhanakorgan = demo_institution(db, "434000000").await;
    let due = |territory: &str, inst: Option<i64>, due_on: &str| NewAppeal {
        due_on: due_on.into(),
        ..new_appeal(territory, inst, true, None)
    };
    // Aral district, Zhanakorgan district, a rural okrug of each, then a
    // settlement below the Aral okrug without an institution.
    let (x1, _) = file(db, &due("433200000", Some(aral), "2026-03-27")).await;
    let (y1, _) = file(db, &due("434000000", Some(zhanakorgan), "2026-03-27")).await;
    let (x2, _) = file(db, &due("433231000", Some(aral), "2026-04-10")).await;
    let (y2, _) = file(db, &due("434030000", Some(zhanakorgan), "2026-03-27")).await;
    let (x3, _) = file(db, &due("433231100", None, "2026-03-20")).await;

    let inbox = |f: InboxFilter| async move { ids(&db.store.inbox(&InboxFilter { limit: 50, ..f }).await.unwrap()) };
    let institutions = |v: Vec<i64>| InboxFilter { institutions: v, ..Default::default() };
    let territories =
        |v: &[&str]| InboxFilter { territories: v.iter().map(|s| (*s).to_owned()).collect(), ..Default::default() };
    let none: Vec<i64> = Vec::new();

    assert_eq!(inbox(institutions(vec![aral])).await, vec![x2, x1]);
    assert_eq!(inbox(institutions(vec![zhanakorgan])).await, vec![y2, y1]);
    assert_eq!(inbox(institutions(vec![aral, zhanakorgan])).await, vec![y2, x2, y1, x1]);
    assert_eq!(inbox(territories(&["433200000"])).await, vec![x3, x2, x1]);
    assert_eq!(inbox(territories(&["433231000"])).await, vec![x3, x2]);
    assert_eq!(inbox(territories(&["433231100"])).await, vec![x3]);
    assert_eq!(inbox(territories(&["434000000"])).await, vec![y2, y1]);
    assert_eq!(inbox(territories(&["430000000"])).await, vec![x3, y2, x2, y1, x1]);
    // A sibling okrug and an unknown code see nothing.
    assert_eq!(inbox(territories(&["433232000"])).await, none);
    assert_eq!(inbox(territories(&["999999999"])).await, none);
    // Several grants add up.
    let both =
        InboxFilter { institutions: vec![zhanakorgan], territories: vec!["433231000".into()], ..Default::default() };
    assert_eq!(inbox(both).await, vec![x3, y2, x2, y1]);
    // Narrowed to a subtree ("territory" filter): what is both in scope
    // and under it; a unit outside the scope or unknown narrows to nothing.
    let within = |scope: &[&str], w: &str| InboxFilter { within: Some(w.into()), ..territories(scope) };
    assert_eq!(inbox(within(&["430000000"], "433231000")).await, vec![x3, x2]);
    assert_eq!(inbox(within(&["430000000"], "434000000")).await, vec![y2, y1]);
    assert_eq!(inbox(within(&["433200000"], "433231100")).await, vec![x3]);
    assert_eq!(inbox(within(&["433200000"], "434000000")).await, none);
    assert_eq!(inbox(within(&["430000000"], "999999999")).await, none);
    let narrowed = InboxFilter { within: Some("434030000".into()), ..institutions(vec![zhanakorgan]) };
    assert_eq!(inbox(narrowed).await, vec![y2]);
    // No scope, no appeals, whatever the other filters say.
    assert_eq!(inbox(InboxFilter::default()).await, none);
    let unscoped =
        InboxFilter { status: Some(Status::Registered), due_by: Some("2099-12-31".into()), ..Default::default() };
    assert_eq!(inbox(unscoped).await, none);

    assert!(db.store.record_event(x1, Status::Registered, Status::Answered, &answer(NOW + 10)).await.unwrap());
    let region = || territories(&["430000000"]);
    assert_eq!(inbox(InboxFilter { status: Some(Status::Registered), ..region() }).await, vec![x3, y2, x2, y1]);
    assert_eq!(inbox(InboxFilter { status: Some(Status::Answered), ..region() }).await, vec![x1]);
    assert_eq!(inbox(InboxFilter { status: Some(Status::Answered), ..institutions(vec![zhanakorgan]) }).await, none);
    // Due by a date: open appeals due on or before it (x1 is answered, x2
    // is due later).
    assert_eq!(inbox(InboxFilter { due_by: Some("2026-03-27".into()), ..region() }).await, vec![x3, y2, y1]);
    assert_eq!(inbox(InboxFilter { due_by: Some("2026-03-26".into()), ..region() }).await, vec![x3]);
    assert_eq!(inbox(InboxFilter { due_by: Some("2026-12-31".into()), ..region() }).await, vec![x3, y2, x2, y1]);

    // Keyset paging: two at a time, no overlap, no gap.
    let mut pages = Vec::new();
    let mut before_id = None;
    loop {
        let page = db.store.inbox(&InboxFilter { before_id, limit: 2, ..region() }).await.unwrap();
        assert!(page.len() <= 2);
        let Some(last) = page.last() else { break };
        before_id = Some(last.id);
        pages.push(ids(&page));
        assert!(pages.len() <= 3, "paging does not end: {pages:?}");
    }
    assert_eq!(pages, vec![vec![x3, y2], vec![x2, y1], vec![x1]]);
    // Paging combines with the filters.
    let due_page = InboxFilter { before_id: Some(y2), due_by: Some("2026-03-27".into()), ..region() };
    assert_eq!(inbox(due_page).await, vec![y1]);
    assert_eq!(inbox(InboxFilter { before_id: Some(x2), ..institutions(vec![aral]) }).await, vec![x1]);

    // Kind and language (a proposal filed last).
    let mut proposal = due("433231000", Some(aral), "2026-04-10");
    proposal.appeal.kind = AppealKind::Proposal;
    proposal.appeal.language = AppealLanguage::Ru;
    let (p1, _) = file(db, &proposal).await;
    let kind = |k: AppealKind, l: Option<AppealLanguage>| InboxFilter { kind: Some(k), language: l, ..region() };
    assert_eq!(inbox(kind(AppealKind::Proposal, None)).await, vec![p1]);
    assert_eq!(inbox(kind(AppealKind::Proposal, Some(AppealLanguage::Ru))).await, vec![p1]);
    assert_eq!(inbox(kind(AppealKind::Proposal, Some(AppealLanguage::Kk))).await, none);
    assert_eq!(inbox(kind(AppealKind::Complaint, Some(AppealLanguage::Kk))).await, vec![x3, y2, x2, y1, x1]);
    assert_eq!(inbox(InboxFilter { kind: Some(AppealKind::Proposal), ..territories(&["434000000"]) }).await, none);
    // Due within a window: open appeals due between two dates.
    let window = InboxFilter { due_from: Some("2026-03-21".into()), due_by: Some("2026-03-31".into()), ..region() };
    assert_eq!(inbox(window).await, vec![y2, y1]);
}

async fn the_inbox_pages_by_due_date_and_counts(db: &TestDb) {
    load_demo_tree(db).await;
    let aral = demo_institution(db, "433200000").await;
    let zhanakorgan = demo_institution(db, "434000000").await;
    let due = |territory: &str, inst: Option<i64>, due_on: &str| NewAppeal {
        due_on: due_on.into(),
        ..new_appeal(territory, inst, true, None)
    };
    let (x1, _) = file(db, &due("433200000", Some(aral), "2026-03-27")).await;
    let (y1, _) = file(db, &due("434000000", Some(zhanakorgan), "2026-03-27")).await;
    let (x2, _) = file(db, &due("433231000", Some(aral), "2026-04-10")).await;
    let (y2, _) = file(db, &due("434030000", Some(zhanakorgan), "2026-03-27")).await;
    let (x3, _) = file(db, &due("433231100", None, "2026-03-20")).await;
    assert!(db.store.record_event(x1, Status::Registered, Status::Answered, &answer(NOW + 10)).await.unwrap());

    let region = |open_only: bool| InboxFilter {
        territories: vec!["430000000".into()],
        order: InboxOrder::Due,
        open_only,
        limit: 50,
        ..Default::default()
    };
    let inbox = |f: InboxFilter| async move { ids(&db.store.inbox(&f).await.unwrap()) };
    // Soonest due first; on the same day, first filed first.
    assert_eq!(inbox(region(false)).await, vec![x3, x1, y1, y2, x2]);
    // Only those still waiting for an answer.
    assert_eq!(inbox(region(true)).await, vec![x3, y1, y2, x2]);
    let aral_open = InboxFilter { institutions: vec![aral], territories: vec![], ..region(true) };
    assert_eq!(inbox(aral_open.clone()).await, vec![x2]);

    // Keyset paging by (due date, id): no overlap, no gap.
    let mut pages = Vec::new();
    let mut after_due = None;
    loop {
        let page =
            db.store.inbox(&InboxFilter { after_due: after_due.clone(), limit: 2, ..region(true) }).await.unwrap();
        let Some(last) = page.last() else { break };
        after_due = Some((last.due_on.clone(), last.id));
        pages.push(ids(&page));
        assert!(pages.len() <= 3, "paging does not end: {pages:?}");
    }
    assert_eq!(pages, vec![vec![x3, y1], vec![y2, x2]]);

    // The count is of the whole filter, whatever page is asked, up to a cap.
    let count = |f: InboxFilter, cap: i64| async move { db.store.inbox_count(&f, cap).await.unwrap() };
    assert_eq!(count(region(true), 10_000).await, 4);
    assert_eq!(count(InboxFilter { after_due: Some(("2026-03-27".into(), y2)), ..region(true) }, 10_000).await, 4);
    assert_eq!(count(region(false), 10_000).await, 5);
    assert_eq!(count(region(true), 3).await, 3, "counting stops at the cap");
    assert_eq!(count(aral_open, 10_000).await, 1);
    assert_eq!(count(InboxFilter { due_by: Some("2026-03-27".into()), ..region(false) }, 10_000).await, 3);
    assert_eq!(count(InboxFilter { status: Some(Status::Answered), ..region(false) }, 10_000).await, 1);
    assert_eq!(count(InboxFilter { order: InboxOrder::Due, ..Default::default() }, 10_000).await, 0, "no scope");
}

async fn the_calendar_is_replaced_whole(db: &TestDb) {
    let row = |day: &str, working: bool, reason: &str| CalendarRow { day: day.into(), working, reason: reason.into() };
    assert!(db.store.calendar().await.unwrap().is_empty());
    let first = vec![
        row("2026-03-23", false, "Наурыз"),
        row("2026-01-01", false, "Жаңа жыл"),
        row("2026-03-21", false, "Наурыз"),
    ];
    db.store.replace_calendar(&first).await.unwrap();
    let days: Vec<String> = db.store.calendar().await.unwrap().into_iter().map(|r| r.day).collect();
    assert_eq!(days, vec!["2026-01-01", "2026-03-21", "2026-03-23"]);

    let second = vec![row("2026-05-09", false, "Жеңіс күні"), row("2026-03-21", true, "Перенос: рабочая суббота")];
    db.store.replace_calendar(&second).await.unwrap();
    let expected = vec![second[1].clone(), second[0].clone()];
    assert_eq!(db.store.calendar().await.unwrap(), expected);

    // A calendar with a repeated day is refused and the old one stays.
    let broken = vec![row("2026-07-06", false, "Астана күні"), row("2026-07-06", false, "Астана күні")];
    assert!(db.store.replace_calendar(&broken).await.is_err());
    assert_eq!(db.store.calendar().await.unwrap(), expected);

    db.store.replace_calendar(&[]).await.unwrap();
    assert!(db.store.calendar().await.unwrap().is_empty());
}

async fn routing_picks_the_nearest_rule_and_the_category_first(db: &TestDb) {
    load_demo_tree(db).await;
    let inst = |name: &str, code: &str| NewInstitution {
        territory_code: code.into(),
        name_kk: name.into(),
        name_ru: name.into(),
        name_en: name.into(),
        is_demo: true,
    };
    let district_default = db.store.create_institution(&inst("district", "433200000")).await.unwrap();
    let okrug_default = db.store.create_institution(&inst("okrug", "433233000")).await.unwrap();
    let roads = db.store.create_institution(&inst("roads", "433200000")).await.unwrap();
    let cat = db
        .store
        .create_category(
            &NewCategory {
                kind: adaldyq_domain::appeal::AppealKind::Complaint,
                name_kk: "Жол".into(),
                name_ru: "Дороги".into(),
                name_en: "Roads".into(),
            },
            &adaldyq_store::Actor::system(),
        )
        .await
        .unwrap();
    let path = |codes: &[&str]| codes.iter().map(|c| c.to_string()).collect::<Vec<_>>();
    let okrug = path(&["430000000", "433200000", "433233000"]);
    let other_okrug = path(&["430000000", "433200000", "433235000"]);
    assert_eq!(db.store.route(None, &okrug).await.unwrap(), None, "no rules, no route");
    db.store.create_rule(None, "433200000", district_default, &adaldyq_store::Actor::system()).await.unwrap();
    db.store.create_rule(Some(cat), "433200000", roads, &adaldyq_store::Actor::system()).await.unwrap();
    let okrug_rule =
        db.store.create_rule(None, "433233000", okrug_default, &adaldyq_store::Actor::system()).await.unwrap();
    let to = |r: Option<RoutingRule>| r.map(|r| r.institution_id);
    assert_eq!(to(db.store.route(None, &okrug).await.unwrap()), Some(okrug_default), "the nearest territory wins");
    assert_eq!(
        to(db.store.route(Some(cat), &okrug).await.unwrap()),
        Some(okrug_default),
        "even over a category higher up"
    );
    assert_eq!(
        to(db.store.route(Some(cat), &other_okrug).await.unwrap()),
        Some(roads),
        "the category before the default"
    );
    assert_eq!(to(db.store.route(None, &other_okrug).await.unwrap()), Some(district_default));
    assert!(db.store.delete_rule(okrug_rule, &adaldyq_store::Actor::system()).await.unwrap());
    assert_eq!(to(db.store.route(Some(cat), &okrug).await.unwrap()), Some(roads));
    assert!(matches!(
        db.store.create_rule(None, "000000000", roads, &adaldyq_store::Actor::system()).await,
        Err(StoreError::NotFound(_))
    ));
    assert!(db.store.set_category_active(cat, false, &adaldyq_store::Actor::system()).await.unwrap());
    assert!(!db.store.category(cat).await.unwrap().unwrap().active);
    assert_eq!(db.store.categories().await.unwrap().len(), 1);
}

async fn full_text_search_finds_word_forms_in_kazakh_and_russian(db: &TestDb) {
    load_demo_tree(db).await;
    let mut numbers = Vec::new();
    for (subject, text) in [
        ("Жолдар бұзылған", "Ауылдағы жолдың жағдайы нашар"),
        ("Ремонт дороги", "Дороги в селе разбиты"),
        ("Су жоқ", "Үш күн бойы ауыз су берілмеді"),
    ] {
        let mut new = new_appeal("433200000", None, true, None);
        new.appeal.subject = subject.into();
        new.appeal.text = text.into();
        let CreateOutcome::Created { number, .. } = db.store.create_appeal(&new).await.unwrap() else { panic!() };
        numbers.push(number);
    }
    let search = |q: &str| {
        let filter = InboxFilter {
            territories: vec!["430000000".into()],
            text: adaldyq_domain::search::query_terms(q),
            limit: 50,
            ..Default::default()
        };
        let store = db.store.clone();
        async move { store.inbox(&filter).await.unwrap().into_iter().map(|a| a.number).collect::<Vec<_>>() }
    };
    assert_eq!(search("жол").await, vec![numbers[0].clone()], "Kazakh: жол finds жолдар, жолдың");
    assert_eq!(search("дорога").await, vec![numbers[1].clone()], "Russian: дорога finds дороги");
    assert_eq!(search("ауыз су").await, vec![numbers[2].clone()], "every word must occur");
    assert!(search("ауыз жол").await.is_empty());
    assert_eq!(search("").await.len(), 3, "no query, no filter");
    assert!(search("\"') OR 1=1 --").await.is_empty(), "query syntax is quoted, never injected (and no error)");
}

// ---- The transparency log ----

/// Runs SQL behind the store's back, as someone with database access would.
async fn tamper(db: &TestDb, sql: &str) {
    adaldyq_store::testing::raw_sql(&db.url, sql).await
}

/// Two appeals with a few events each, a grant, the calendar; all
/// integrated into a signed checkpoint. The key and the appeals' ids.
async fn logged(db: &TestDb) -> (adaldyq_tlog::note::LogKey, i64, i64) {
    fill(db).await;
    let key = adaldyq_tlog::note::LogKey::generate("adaldyq.test/log").unwrap();
    let (a, _) = file(db, &new_appeal("431000000", None, true, None)).await;
    let (b, _) = file(db, &new_appeal("431000000", None, false, None)).await;
    for (id, at) in [(a, NOW + 100), (b, NOW + 200), (a, NOW + 300)] {
        let e = NewEvent {
            kind: EventKind::NoteAdded,
            at,
            actor_role: Role::Officer.as_str().into(),
            actor_user_id: None,
            body: format!(r#"{{"note":"note at {at}"}}"#),
            internal: true,
            notice: None,
            staff_notice: None,
        };
        assert!(db.store.record_event(id, Status::Registered, Status::Registered, &e).await.unwrap());
    }
    let c = log::integrate(db.store.as_ref(), &key, NOW + 400).await.unwrap().expect("a checkpoint");
    assert_eq!(c.size, db.store.log_state().await.unwrap().size);
    (key, a, b)
}

async fn problems(db: &TestDb, key: &adaldyq_tlog::note::LogKey) -> Vec<String> {
    log::verify(db.store.as_ref(), key.verifier_key()).await.unwrap().problems
}

fn named(problems: &[String], needle: &str) -> bool {
    problems.iter().any(|p| p.contains(needle))
}

/// Hundreds of filings between two checkpoints: their stored hashes are
/// written many to a statement, and the signed root is the one a tree
/// built in memory from the same leaves has.
async fn a_busy_second_is_integrated_in_one_round(db: &TestDb) {
    let (key, _, _) = logged(db).await;
    for i in 0..300 {
        file(db, &new_appeal("431000000", None, i % 2 == 0, None)).await;
    }
    let state = db.store.log_state().await.unwrap();
    let before = db.store.latest_checkpoint().await.unwrap().unwrap();
    assert!(state.size - before.size >= 600, "two leaves a filing");
    let c = log::integrate(db.store.as_ref(), &key, NOW + 900).await.unwrap().expect("a checkpoint");
    assert_eq!(c.size, state.size);
    let leaves: Vec<Vec<u8>> = db.store.log_leaves(0, state.size).await.unwrap().into_iter().map(|(_, d)| d).collect();
    let tree = adaldyq_tlog::Tree::from_leaves(leaves);
    assert_eq!(c.root, tree.root().0.to_vec());
    // Every stored hash is there, and right.
    let all: Vec<u64> = (0..tree.stored().len() as u64).collect();
    let stored = db.store.log_hashes(&all).await.unwrap();
    assert_eq!(stored.len(), tree.stored().len());
    for (k, h) in stored {
        assert_eq!(h, tree.stored()[k as usize].0.to_vec(), "stored hash {k}");
    }
    assert_eq!(problems(db, &key).await, Vec::<String>::new());
}

/// `log verify` run against a server that goes on filing and signing:
/// what is written after the check read the leaves is left to the next
/// check, not reported as missing (CI once saw "event … points to leaf 499,
/// which is not in the log" while the restarted server escalated an
/// appeal); what points past the log's end at the close of the check is
/// still a problem.
async fn a_check_of_a_live_log_finds_no_problem(db: &TestDb) {
    let (key, a, _) = logged(db).await;
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let (store, stop) = (db.store.clone(), stop.clone());
        tokio::spawn(async move {
            let mut filed = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let new = new_appeal("431000000", None, filed % 2 == 0, None);
                store.create_appeal(&new).await.unwrap();
                filed += 1;
                tokio::task::yield_now().await;
            }
            filed
        })
    };
    let mut newer = 0;
    for round in 0..12 {
        let report = log::verify(db.store.as_ref(), key.verifier_key()).await.unwrap();
        assert_eq!(report.problems, Vec::<String>::new(), "{}: round {round}", db.backend);
        newer += report.newer;
        log::integrate(db.store.as_ref(), &key, NOW + 1000 + round).await.unwrap();
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let filed = writer.await.unwrap();
    assert!(filed > 0, "appeals were filed while the checks ran");
    // Quiet again: nothing is newer than the check.
    let quiet = log::verify(db.store.as_ref(), key.verifier_key()).await.unwrap();
    assert_eq!((quiet.problems.len(), quiet.newer), (0, 0), "{quiet:?} after {newer} newer records");
    // An event that points past the end of the log is still named.
    let size = db.store.log_state().await.unwrap().size;
    let last = db.store.appeal_events(a).await.unwrap().last().unwrap().id;
    tamper(db, &format!("UPDATE appeal_events SET leaf_index = {} WHERE id = {last}", size + 5)).await;
    let found = problems(db, &key).await;
    assert!(named(&found, &format!("points to leaf {}, which is not in the log", size + 5)), "{found:?}");
}

async fn every_change_is_a_leaf_and_the_log_verifies(db: &TestDb) {
    use adaldyq_tlog::{verify_consistency, verify_inclusion};
    let (key, a, _) = logged(db).await;
    let state = db.store.log_state().await.unwrap();
    let audits = db.store.logged_audits().await.unwrap();
    assert_eq!(audits.len(), 4, "two grants, the role policy and the calendar are in the log");
    assert!(audits.iter().all(|x| x.leaf_index.is_some()));
    let events = db.store.appeal_events(a).await.unwrap();
    assert_eq!(events.len(), 4, "filed, registered and two notes");
    assert_eq!(state.integrated, state.size);
    // No personal data in any leaf: the contact's name and the text are not there.
    for (_, data) in db.store.log_leaves(0, state.size).await.unwrap() {
        let text = String::from_utf8(data).unwrap();
        assert!(text.starts_with("adaldyq-leaf/1\n"), "{text}");
        assert!(!text.contains("Демо") && !text.contains("note at"), "{text}");
    }
    let first = db.store.latest_checkpoint().await.unwrap().unwrap();
    let opened = adaldyq_tlog::note::open_checkpoint(&first.note, key.verifier_key()).unwrap();
    // Every leaf's inclusion proof checks against the signed root.
    let leaves = db.store.log_leaves(0, state.size).await.unwrap();
    for (i, data) in &leaves {
        let proof = log::inclusion(db.store.as_ref(), *i, first.size).await.unwrap();
        verify_inclusion(&opened.root, first.size, *i, data, &proof).unwrap();
        assert!(verify_inclusion(&opened.root, first.size, *i, b"forged", &proof).is_err());
    }
    // More events, a second checkpoint, consistent with the first.
    let e = NewEvent {
        kind: EventKind::NoteAdded,
        at: NOW + 500,
        actor_role: "officer".into(),
        actor_user_id: None,
        body: "{}".into(),
        internal: true,
        notice: None,
        staff_notice: None,
    };
    assert!(db.store.record_event(a, Status::Registered, Status::Registered, &e).await.unwrap());
    assert!(log::integrate(db.store.as_ref(), &key, NOW + 501).await.unwrap().is_some());
    assert!(log::integrate(db.store.as_ref(), &key, NOW + 502).await.unwrap().is_none(), "nothing new, no checkpoint");
    let second = db.store.latest_checkpoint().await.unwrap().unwrap();
    assert_eq!(second.size, first.size + 1);
    let proof = log::consistency(db.store.as_ref(), first.size, second.size).await.unwrap();
    let new_root = adaldyq_tlog::Hash(second.root.clone().try_into().unwrap());
    verify_consistency(&opened.root, first.size, &new_root, second.size, &proof).unwrap();
    // Proofs out of range are refused with the reason.
    assert!(log::inclusion(db.store.as_ref(), second.size, second.size).await.is_err());
    assert!(log::consistency(db.store.as_ref(), 0, second.size).await.is_err());
    assert!(log::consistency(db.store.as_ref(), 1, second.size + 1).await.is_err());
    assert_eq!(problems(db, &key).await, Vec::<String>::new());
}

async fn deleting_an_appeal_is_detected(db: &TestDb) {
    let (key, _, b) = logged(db).await;
    tamper(
        db,
        &format!(
            "DELETE FROM appeal_events WHERE appeal_id = {b}; DELETE FROM outbox WHERE appeal_id = {b}; \
             DELETE FROM appeal_contacts WHERE appeal_id = {b}; DELETE FROM appeals WHERE id = {b};"
        ),
    )
    .await;
    let p = problems(db, &key).await;
    assert!(named(&p, "which is not in the database: it was deleted"), "{p:?}");
}

async fn editing_an_event_is_detected(db: &TestDb) {
    let (key, a, _) = logged(db).await;
    let id = db.store.appeal_events(a).await.unwrap()[2].id;
    tamper(db, &format!(r#"UPDATE appeal_events SET body = '{{"note":"rewritten"}}' WHERE id = {id}"#)).await;
    let p = problems(db, &key).await;
    assert!(named(&p, &format!("event {id} (note_added)")) && named(&p, "content"), "{p:?}");
    // Rewriting the appeal's text is caught by its "filed" leaf.
    tamper(db, &format!("UPDATE appeals SET body = 'another text' WHERE id = {a}")).await;
    let p = problems(db, &key).await;
    assert!(named(&p, "(filed)"), "{p:?}");
}

async fn reordering_events_is_detected(db: &TestDb) {
    let (key, a, _) = logged(db).await;
    let events = db.store.appeal_events(a).await.unwrap();
    let (x, y) = (events[1].id, events[3].id);
    tamper(
        db,
        &format!(
            "UPDATE appeal_events SET at = {} WHERE id = {x}; UPDATE appeal_events SET at = {} WHERE id = {y};",
            events[3].at, events[1].at
        ),
    )
    .await;
    let p = problems(db, &key).await;
    assert!(named(&p, &format!("event {x}")) && named(&p, &format!("event {y}")) && named(&p, "time"), "{p:?}");
}

async fn dropping_or_rewriting_a_leaf_is_detected(db: &TestDb) {
    let (key, _, _) = logged(db).await;
    tamper(db, "DELETE FROM log_leaves WHERE idx = 4").await;
    let p = problems(db, &key).await;
    assert!(named(&p, "leaf 4 is missing"), "{p:?}");
    assert!(named(&p, "does not match the leaves"), "{p:?}");
}

async fn a_checkpoint_signed_by_another_key_is_detected(db: &TestDb) {
    let (key, _, _) = logged(db).await;
    let c = db.store.latest_checkpoint().await.unwrap().unwrap();
    let impostor = adaldyq_tlog::note::LogKey::generate("adaldyq.test/log").unwrap();
    let forged = impostor.sign(c.size, &adaldyq_tlog::Hash(c.root.clone().try_into().unwrap())).unwrap();
    tamper(db, &format!("UPDATE log_checkpoints SET note = '{forged}' WHERE size = {}", c.size)).await;
    let p = problems(db, &key).await;
    assert!(
        named(&p, &format!("the checkpoint of size {}: the note is not signed by adaldyq.test/log", c.size)),
        "{p:?}"
    );
}

async fn tombstones_erase_content_and_the_log_still_verifies(db: &TestDb) {
    let (key, a, b) = logged(db).await;
    // Files on the named appeal `b`: one of them is deleted when its
    // retention ends, then everything is erased on the filer's request.
    let files = |name: &str| NewAttachment {
        sha256: format!("{:0>64}", name.len()),
        name: name.into(),
        media_type: "application/pdf".into(),
        size: 10,
    };
    let e = NewEvent {
        kind: EventKind::InformationAdded,
        at: NOW + 600,
        actor_role: "citizen".into(),
        actor_user_id: None,
        body: r#"{"text":"my phone is +7 701 000 00 00"}"#.into(),
        internal: false,
        notice: None,
        staff_notice: None,
    };
    assert!(db
        .store
        .record_event_with_files(b, Status::Registered, Status::Registered, &e, &[files("a.pdf"), files("bb.pdf")])
        .await
        .unwrap());
    let ids: Vec<i64> = db.store.attachments(b).await.unwrap().iter().map(|f| f.id).collect();
    let tomb = |kind: EventKind, reason: &str| NewEvent {
        kind,
        at: NOW + 700,
        actor_role: "administrator".into(),
        actor_user_id: None,
        body: serde_json::json!({ "reason": reason }).to_string(),
        internal: false,
        notice: None,
        staff_notice: None,
    };
    let gone = db
        .store
        .tombstone(
            b,
            &Tombstone::DeleteAttachments(vec![ids[0]]),
            &tomb(EventKind::AttachmentsDeleted, "retention over"),
        )
        .await
        .unwrap();
    assert_eq!(gone.len(), 1);
    assert_eq!(db.store.attachments(b).await.unwrap().len(), 1);
    let gone = db.store.tombstone(b, &Tombstone::Erase, &tomb(EventKind::Erased, "the filer asked")).await.unwrap();
    assert_eq!(gone.len(), 1, "the other file went with the erasure");
    assert_eq!(db.store.attachment_refs(&gone[0]).await.unwrap(), 0);
    let number = db.store.logged_events(0, 1000).await.unwrap().into_iter().rev().find(|x| x.kind == "erased").unwrap();
    assert!(number.subject.is_empty() && number.text.is_empty(), "the subject and text are blanked");
    assert!(db.store.appeal_contact(b).await.unwrap().is_none(), "the contact is erased");
    let events = db.store.appeal_events(b).await.unwrap();
    assert!(events.iter().all(|e| !e.body.contains("+7 701")), "{events:?}");
    let last = events.last().unwrap();
    assert_eq!(last.kind, EventKind::Erased);
    assert!(
        last.body.contains("the filer asked") && last.leaf_index.is_some(),
        "the tombstone is logged with its reason"
    );
    // The leaves stay valid: the log verifies, and says content was erased.
    log::integrate(db.store.as_ref(), &key, NOW + 800).await.unwrap();
    let report = log::verify(db.store.as_ref(), key.verifier_key()).await.unwrap();
    assert_eq!(report.problems, Vec::<String>::new());
    assert!(report.erased >= 2, "the filing and the added information lost their content: {}", report.erased);
    // Hiding works the same way on the anonymous appeal.
    db.store.tombstone(a, &Tombstone::Hide, &tomb(EventKind::Hidden, "abusive")).await.unwrap();
    assert_eq!(problems(db, &key).await, Vec::<String>::new());
    // An erasure does not excuse other edits: the time of an event still counts.
    let id = events[1].id;
    tamper(db, &format!("UPDATE appeal_events SET at = at + 1 WHERE id = {id}")).await;
    let p = problems(db, &key).await;
    assert!(named(&p, &format!("event {id}")) && named(&p, "time"), "{p:?}");
}

/// The appeal's row is what its last logged event says: changing its status,
/// institution, assignee, term or due date, an event's acting user, or a
/// file's row behind the store's back is named by `log verify`.
async fn the_appeals_state_is_what_its_logged_events_say(db: &TestDb) {
    let (key, a, _) = logged(db).await;
    let officer = db.store.create_user(&new_user("officer@demo.example")).await.unwrap();
    let other = demo_institution(db, "431000000").await;
    let file = |n: u8| NewAttachment {
        sha256: format!("{n:02x}").repeat(32),
        name: format!("photo-{n}.jpg"),
        media_type: "image/jpeg".into(),
        size: 10,
    };
    let e = NewEvent {
        kind: EventKind::InformationAdded,
        at: NOW + 600,
        actor_role: "citizen".into(),
        actor_user_id: None,
        body: "{}".into(),
        internal: false,
        notice: None,
        staff_notice: None,
    };
    assert!(db
        .store
        .record_event_with_files(a, Status::Registered, Status::Registered, &e, &[file(1), file(2)])
        .await
        .unwrap());
    let assigned = NewEvent {
        kind: EventKind::Assigned,
        at: NOW + 700,
        actor_role: "head".into(),
        actor_user_id: Some(officer),
        body: serde_json::json!({ "assignee": officer }).to_string(),
        internal: false,
        notice: None,
        staff_notice: None,
    };
    assert!(db.store.assign_appeal(a, Status::Registered, Status::Assigned, officer, &assigned).await.unwrap());
    let report = log::verify(db.store.as_ref(), key.verifier_key()).await.unwrap();
    assert_eq!(report.problems, Vec::<String>::new());
    assert!(report.appeals >= 2 && report.unlogged_states == 0, "{report:?}");
    let files = db.store.attachments(a).await.unwrap();
    let last_event = db.store.appeal_events(a).await.unwrap().last().unwrap().id;
    let number =
        db.store.logged_events(0, 10_000).await.unwrap().into_iter().find(|x| x.event_id == last_event).unwrap().number;
    // Each edit alone, named with its field, then undone.
    let edits: Vec<(String, String, String)> = vec![
        (
            format!("UPDATE appeals SET due_on = '2026-12-31' WHERE id = {a}"),
            "due_on is 2026-12-31, the log says 2026-03-27".into(),
            format!("UPDATE appeals SET due_on = '2026-03-27' WHERE id = {a}"),
        ),
        (
            format!("UPDATE appeals SET institution_id = {other} WHERE id = {a}"),
            format!("institution is {other}, the log says none"),
            format!("UPDATE appeals SET institution_id = NULL WHERE id = {a}"),
        ),
        (
            format!("UPDATE appeals SET status = 'closed' WHERE id = {a}"),
            "status is closed, the log says assigned".into(),
            format!("UPDATE appeals SET status = 'assigned' WHERE id = {a}"),
        ),
        (
            format!("UPDATE appeals SET assignee_id = NULL WHERE id = {a}"),
            format!("assignee is none, the log says {officer}"),
            format!("UPDATE appeals SET assignee_id = {officer} WHERE id = {a}"),
        ),
        (
            format!("UPDATE appeals SET term_days = 40 WHERE id = {a}"),
            "term_days is 40, the log says 15".into(),
            format!("UPDATE appeals SET term_days = 15 WHERE id = {a}"),
        ),
        (
            format!("DELETE FROM attachments WHERE id = {}", files[0].id),
            format!("file {} is missing", files[0].id),
            format!(
                "INSERT INTO attachments (id, appeal_id, sha256, name, media_type, size, created_at) \
                 VALUES ({}, {a}, '{}', 'photo-1.jpg', 'image/jpeg', 10, {})",
                files[0].id, files[0].sha256, files[0].created_at
            ),
        ),
        (
            format!("UPDATE attachments SET sha256 = '{}' WHERE id = {}", "ff".repeat(32), files[1].id),
            format!("file {} has the hash {}", files[1].id, "ff".repeat(32)),
            format!("UPDATE attachments SET sha256 = '{}' WHERE id = {}", files[1].sha256, files[1].id),
        ),
        (
            format!("UPDATE appeal_events SET actor_user_id = NULL WHERE id = {last_event}"),
            format!("event {last_event} (assigned) of appeal {number} differs from its leaf"),
            format!("UPDATE appeal_events SET actor_user_id = {officer} WHERE id = {last_event}"),
        ),
    ];
    for (edit, named_as, undo) in edits {
        tamper(db, &edit).await;
        let p = problems(db, &key).await;
        assert!(named(&p, &named_as), "{edit}: {p:?}");
        tamper(db, &undo).await;
        assert_eq!(problems(db, &key).await, Vec::<String>::new(), "after undoing {edit}");
    }
    // The logged state itself cannot be rewritten to match an edit.
    tamper(db, &format!("UPDATE appeals SET due_on = '2026-12-31' WHERE id = {a}")).await;
    tamper(
        db,
        &format!("UPDATE appeal_events SET state = REPLACE(state, '2026-03-27', '2026-12-31') WHERE id = {last_event}"),
    )
    .await;
    let p = problems(db, &key).await;
    assert!(named(&p, &format!("event {last_event} (assigned)")) && named(&p, "content"), "{p:?}");
}

/// A new calendar that moves an open due date writes an event on that
/// appeal, so its state still follows from its events.
async fn a_calendar_change_is_an_event_of_each_moved_appeal(db: &TestDb) {
    let (key, a, b) = logged(db).await;
    let audit = AuditEntry {
        at: NOW + 900,
        actor_user_id: None,
        kind: "calendar_changed".into(),
        body: "{}".into(),
        actor_role: "administrator".into(),
    };
    let rows = db.store.calendar().await.unwrap();
    db.store.apply_calendar_change(&rows, &[(a, "2026-03-30".into()), (b, "2026-03-27".into())], &audit).await.unwrap();
    let events = db.store.appeal_events(a).await.unwrap();
    let last = events.last().unwrap();
    assert_eq!(last.kind, EventKind::TermRecomputed);
    assert!(last.body.contains("2026-03-27") && last.body.contains("2026-03-30"), "{}", last.body);
    assert!(last.leaf_index.is_some());
    let b_events = db.store.appeal_events(b).await.unwrap();
    assert_ne!(b_events.last().unwrap().kind, EventKind::TermRecomputed, "b's due date did not move");
    assert_eq!(problems(db, &key).await, Vec::<String>::new());
    // The moved appeal's applicant is told the new date; b's is told nothing.
    let moved: Vec<_> =
        db.store.outbox_pending(100).await.unwrap().into_iter().filter(|o| o.kind == "term_recomputed").collect();
    assert_eq!(moved.len(), 1, "{moved:?}");
    assert_eq!(moved[0].appeal_id, Some(a));
    assert!(moved[0].payload.contains("\"due_on\":\"2026-03-30\""), "{}", moved[0].payload);
}

/// A corruption report's leaves show the hour, not the second; its events
/// keep the exact time, which the leaf still commits to.
async fn corruption_reports_show_the_hour_only_in_the_log(db: &TestDb) {
    let (key, _, _) = logged(db).await;
    let mut report = new_appeal("431000000", None, true, None);
    report.appeal.kind = AppealKind::CorruptionReport;
    report.received_at = NOW + 1234;
    let (id, number) = file(db, &report).await;
    let complaint = new_appeal("431000000", None, true, None);
    let (cid, _) = file(db, &NewAppeal { received_at: NOW + 1234, ..complaint }).await;
    let leaf_of = |idx: i64| async move {
        let data = db.store.log_leaves(idx as u64, idx as u64 + 1).await.unwrap().remove(0).1;
        adaldyq_tlog::leaf::Leaf::decode(&data).unwrap()
    };
    for e in db.store.appeal_events(id).await.unwrap() {
        assert_eq!(e.at, NOW + 1234, "the event keeps the exact time");
        let leaf = leaf_of(e.leaf_index.unwrap()).await;
        assert_eq!(leaf.at % 3600, 0, "{number}: {leaf:?}");
        assert!(leaf.at <= e.at && e.at - leaf.at < 3600);
    }
    for e in db.store.appeal_events(cid).await.unwrap() {
        assert_eq!(leaf_of(e.leaf_index.unwrap()).await.at, NOW + 1234, "other appeals keep the second");
    }
    assert_eq!(problems(db, &key).await, Vec::<String>::new());
    // Moving a report's event within its hour is still caught (the content commits to the second).
    let first = db.store.appeal_events(id).await.unwrap()[0].id;
    tamper(db, &format!("UPDATE appeal_events SET at = at + 1 WHERE id = {first}")).await;
    let p = problems(db, &key).await;
    assert!(named(&p, &format!("event {first} (filed)")), "{p:?}");
}
