//! Notices from the real binary to a real SMTP server (aiosmtpd, shared
//! with the web tests): the process killed with SIGKILL while the server
//! is receiving a batch, restarted on the same database: nothing is lost
//! and no notice arrives more than twice (one duplicate at most, with the
//! same Message-ID). And a relay that refuses the password: the log says
//! why, without the password or the recipient. SQLite and PostgreSQL.

#[path = "../../web/tests/support/smtp.rs"]
mod smtp;
mod support;

use adaldyq_store::testing::Backend;
use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};
use support::{file_named, start, start_logging};

const FILERS: usize = 12;

/// The database URL the binary gets, and its data folder.
fn place(db: &adaldyq_store::testing::TestDb) -> (PathBuf, String) {
    let data = db.dir.path().join("data");
    let url =
        if db.backend == "sqlite" { format!("sqlite:{}", data.join("adaldyq.db").display()) } else { db.url.clone() };
    (data, url)
}

/// Waits until `done` holds, or `secs` pass; whether it held.
fn wait_for(secs: u64, mut done: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + Duration::from_secs(secs);
    while Instant::now() < deadline {
        if done() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    done()
}

async fn killed_mid_batch_loses_no_notice_and_sends_none_thrice(backend: Backend) {
    let Some(db) = backend.fresh().await else { return };
    db.store.close().await;
    let (data, url) = place(&db);
    // Each message is recorded, then its 250 waits: a kill meanwhile leaves
    // a message delivered that the server never heard was accepted.
    let options = smtp::Options { delay_ms: 400, ..smtp::Options::default() };
    let Some(sink) = smtp::Sink::start_with(db.dir.path(), options) else { return };
    let smtp_url = sink.url();
    let args = [
        "--smtp-url",
        &smtp_url,
        "--mail-from",
        "noreply@adaldyq.test",
        "--notice-lease-secs",
        "2",
        "--notice-retry-secs",
        "1",
    ];
    let (mut child, addr) = start(&data, &url, &args);
    let addresses: Vec<String> = (0..FILERS).map(|i| format!("filer{i}@example.kz")).collect();
    for a in &addresses {
        file_named(&addr, a).unwrap_or_else(|| panic!("{}: filing for {a}", db.backend));
    }
    // Kill while the sink is receiving: a few notices in, most to come.
    assert!(wait_for(60, || sink.messages().len() >= 3), "{}: the worker started sending", db.backend);
    child.kill().expect("SIGKILL");
    child.wait().unwrap();
    let before = sink.messages().len();
    assert!(before < FILERS, "{}: killed mid-batch, {before} of {FILERS} had arrived", db.backend);

    // Restart on the same database: the dead worker's claims run out (two
    // seconds) and the new one sends what is left.
    let (mut child, _) = start(&data, &url, &args);
    let received = || {
        let mut to: HashMap<String, usize> = HashMap::new();
        for m in sink.messages() {
            for r in m["rcpt_tos"].as_array().unwrap() {
                *to.entry(r.as_str().unwrap().to_owned()).or_default() += 1;
            }
        }
        to
    };
    let all_arrived = wait_for(90, || addresses.iter().all(|a| received().contains_key(a)));
    // And the restarted server records them all sent (the last 250 comes
    // 400 ms after the message arrived).
    let store = adaldyq_store::open(&url).await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut stats = store.outbox_stats().await.unwrap();
    while (stats.sent, stats.queued) != (FILERS as i64, 0) && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(200)).await;
        stats = store.outbox_stats().await.unwrap();
    }
    store.close().await;
    child.kill().ok();
    child.wait().ok();
    let to = received();
    let missing: Vec<_> = addresses.iter().filter(|a| !to.contains_key(*a)).collect();
    assert!(all_arrived && missing.is_empty(), "{}: lost notices to {missing:?}", db.backend);
    let mut by_id: HashMap<String, (usize, Vec<String>)> = HashMap::new();
    for m in sink.messages() {
        let entry = by_id.entry(m["message_id"].as_str().unwrap().to_owned()).or_default();
        entry.0 += 1;
        entry.1.push(m["rcpt_tos"][0].as_str().unwrap().to_owned());
    }
    assert_eq!(by_id.len(), FILERS, "{}: one Message-ID per notice", db.backend);
    for (id, (n, rcpt)) in &by_id {
        assert!(*n <= 2, "{}: {id} arrived {n} times: more than one duplicate", db.backend);
        assert!(rcpt.iter().all(|r| r == &rcpt[0]), "{}: a duplicate goes to the same recipient", db.backend);
    }
    let duplicates = by_id.values().filter(|(n, _)| *n == 2).count();
    eprintln!("{}: {before} arrived before the kill, {duplicates} duplicate(s) after it", db.backend);
    assert_eq!((stats.sent, stats.queued, stats.dead), (FILERS as i64, 0, 0), "{}: all recorded sent", db.backend);
}

async fn a_refused_smtp_password_is_logged_without_it(backend: Backend) {
    let Some(db) = backend.fresh().await else { return };
    db.store.close().await;
    let (data, url) = place(&db);
    let options = smtp::Options {
        tls: smtp::Encryption::StartTls,
        auth: Some(("adaldyq-relay".into(), "the-right-one".into())),
        ..smtp::Options::default()
    };
    let Some(sink) = smtp::Sink::start_with(db.dir.path(), options) else { return };
    let wrong = "Wr0ng-relay-pa55";
    let smtp_url = sink.url_as("adaldyq-relay", wrong);
    let ca = sink.ca.display().to_string();
    let args = ["--smtp-url", &smtp_url, "--smtp-ca-file", &ca, "--mail-from", "noreply@adaldyq.test"];
    let log = db.dir.path().join("server.log");
    let (mut child, addr) = start_logging(&data, &url, &args, Some(&log));
    file_named(&addr, "private.filer@example.kz").expect("filing");
    let read = || std::fs::read_to_string(&log).unwrap_or_default();
    let logged = wait_for(60, || read().contains("a notice was not sent"));
    child.kill().ok();
    child.wait().ok();
    let text = read();
    assert!(logged, "{}: the failure is logged: {text}", db.backend);
    assert!(text.contains("535"), "{}: with the server's reply: {text}", db.backend);
    assert!(!text.contains(wrong), "{}: never the password: {text}", db.backend);
    assert!(!text.contains("private.filer"), "{}: nor the recipient: {text}", db.backend);
    assert!(sink.messages().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_killed_mid_batch_loses_no_notice() {
    killed_mid_batch_loses_no_notice_and_sends_none_thrice(Backend::Sqlite).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_killed_mid_batch_loses_no_notice() {
    killed_mid_batch_loses_no_notice_and_sends_none_thrice(Backend::Postgres).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_refused_password_is_logged_without_it() {
    a_refused_smtp_password_is_logged_without_it(Backend::Sqlite).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_refused_password_is_logged_without_it() {
    a_refused_smtp_password_is_logged_without_it(Backend::Postgres).await
}
