//! The conformance suite: every test here runs unchanged against SQLite and
//! PostgreSQL (the `conformance!` macro makes one test per backend).

use adaldyq_domain::territory::{demo_territories, parse_kato_csv, Territory};
use adaldyq_domain::{Grant, Role, Scope};
use adaldyq_store::schema::TABLES;
use adaldyq_store::testing::{Backend, TestDb};
use adaldyq_store::*;

macro_rules! conformance {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test] async fn $name() {
                let db = adaldyq_store::testing::Backend::Sqlite.fresh().await.unwrap();
                super::$name(&db).await
            })*
        }
        mod postgres {
            $(#[tokio::test] async fn $name() {
                if let Some(db) = adaldyq_store::testing::Backend::Postgres.fresh().await {
                    super::$name(&db).await
                }
            })*
        }
    };
}

conformance!(
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
    db.store.add_grant(id, &coord).await.unwrap();
    db.store.add_grant(id, &coord).await.unwrap();
    let admin = Grant { role: Role::Administrator, scope: Scope::All };
    db.store.add_grant(id, &admin).await.unwrap();
    assert_eq!(db.store.grants(id).await.unwrap(), vec![coord.clone(), admin.clone()]);
    let misfit = Grant { role: Role::Officer, scope: Scope::Territory("431000000".into()) };
    assert!(matches!(db.store.add_grant(id, &misfit).await, Err(StoreError::Invalid(_))));
    let unknown = Grant { role: Role::Monitor, scope: Scope::Territory("000000009".into()) };
    assert!(matches!(db.store.add_grant(id, &unknown).await, Err(StoreError::NotFound(_))));
    let other_scope = Grant { role: Role::Coordinator, scope: Scope::Territory("430000000".into()) };
    assert!(!db.store.remove_grant(id, &other_scope).await.unwrap());
    assert!(db.store.remove_grant(id, &coord).await.unwrap());
    assert_eq!(db.store.grants(id).await.unwrap(), vec![admin]);
}

async fn role_policies_upsert(db: &TestDb) {
    assert!(db.store.role_policies().await.unwrap().is_empty());
    db.store.set_role_policy(Role::Inspector, true).await.unwrap();
    db.store.set_role_policy(Role::Officer, true).await.unwrap();
    db.store.set_role_policy(Role::Officer, false).await.unwrap();
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
    db.store.add_grant(id, &Grant { role: Role::Officer, scope: Scope::Institution(inst) }).await.unwrap();
    db.store.add_grant(id, &Grant { role: Role::Administrator, scope: Scope::All }).await.unwrap();
    db.store.set_role_policy(Role::Head, true).await.unwrap();
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
}

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
        assert_eq!(n as usize, demo_territories().len() + 7, "every row of every table");
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
    }
}

async fn import_refuses_a_database_with_data(db: &TestDb) {
    fill(db).await;
    let dump = export_bytes(db.store.as_ref()).await;
    let err = export::import(db.store.as_ref(), &mut &dump[..]).await.unwrap_err();
    assert!(err.to_string().contains("not empty"), "{err}");
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
