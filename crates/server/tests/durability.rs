//! Durability: concurrent filers, the server killed with SIGKILL mid-flight,
//! restarted; every receipt it acknowledged must be there with its events.
//! On SQLite (synchronous=FULL) and on PostgreSQL.

mod support;

use adaldyq_store::testing::Backend;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use support::{file, run, start};

async fn killed_mid_flight_loses_no_acknowledged_receipt(backend: Backend) {
    let Some(db) = backend.fresh().await else { return };
    db.store.close().await;
    let data = db.dir.path().join("data");
    let url =
        if db.backend == "sqlite" { format!("sqlite:{}", data.join("adaldyq.db").display()) } else { db.url.clone() };
    let (mut child, addr) = start(&data, &url, &[]);
    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    let mut filers = Vec::new();
    for t in 0..16 {
        let (addr, acknowledged) = (addr.clone(), acknowledged.clone());
        filers.push(std::thread::spawn(move || {
            for i in 0..200 {
                match file(&addr, t * 1000 + i) {
                    Some((n, _)) => acknowledged.lock().unwrap().push(n),
                    None => break, // the server is gone
                }
            }
        }));
    }
    // Let filings flow, then kill without warning.
    let deadline = Instant::now() + Duration::from_secs(30);
    while acknowledged.lock().unwrap().len() < 100 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().expect("SIGKILL");
    child.wait().unwrap();
    for f in filers {
        f.join().unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(acknowledged.len() >= 100, "filings were acknowledged before the kill: {}", acknowledged.len());

    // Restart on the same data; every acknowledged receipt is there.
    let (mut child, _) = start(&data, &url, &[]);
    let store = adaldyq_store::open(&url).await.unwrap();
    for number in &acknowledged {
        let a = store.appeal_by_number(number).await.unwrap();
        let a = a.unwrap_or_else(|| panic!("{}: the acknowledged receipt {number} is lost", db.backend));
        let events = store.appeal_events(a.id).await.unwrap();
        let kinds: Vec<_> = events.iter().map(|e| e.kind).collect();
        assert!(kinds.len() >= 2, "{number} has its filed and registered events: {kinds:?}");
        assert!(events.iter().all(|e| e.leaf_index.is_some()), "{number}: every event is in the log");
    }
    // The transparency log verifies after the crash (the restart signed a
    // checkpoint of everything that was committed).
    let dir = data.to_str().unwrap();
    let out = run(&["log", "verify", "--data-dir", dir, "--database-url", &url]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}: {said}{}", db.backend, String::from_utf8_lossy(&out.stderr));
    assert!(said.contains("The log verifies"), "{said}");
    // Numbers stay unique and the counter goes on after the crash.
    let mut unique = acknowledged.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), acknowledged.len(), "no number was given twice");
    store.close().await;
    child.kill().ok();
    child.wait().ok();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_survives_sigkill() {
    killed_mid_flight_loses_no_acknowledged_receipt(Backend::Sqlite).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_survives_sigkill() {
    killed_mid_flight_loses_no_acknowledged_receipt(Backend::Postgres).await
}
