//! Durability: concurrent filers, the server killed with SIGKILL mid-flight,
//! restarted; every receipt it acknowledged must be there with its events.
//! On SQLite (synchronous=FULL) and on PostgreSQL.

use adaldyq_store::testing::Backend;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_adaldyq");

fn start(data: &Path, url: &str) -> (Child, String) {
    let mut child = Command::new(BIN)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("ADALDYQ_LOG", "error")
        .args(["--listen", "127.0.0.1:0", "--filings-per-minute", "100000", "--database-url", url])
        .arg("--data-dir")
        .arg(data)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the server");
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut addr = String::new();
    while Instant::now() < deadline {
        let mut line = String::new();
        if out.read_line(&mut line).unwrap() == 0 {
            break;
        }
        if let Some(rest) = line.strip_prefix("Adaldyq is running at http://") {
            addr = rest.trim().trim_end_matches('/').to_owned();
            break;
        }
    }
    assert!(!addr.is_empty(), "the server started");
    std::thread::spawn(move || {
        let mut sink = String::new();
        let _ = out.read_to_string(&mut sink);
    });
    (child, addr)
}

/// Files one appeal; the receipt number if the server acknowledged it.
fn file(addr: &str, i: usize) -> Option<String> {
    let body = format!(
        r#"{{"kind":"complaint","territory":"433200000","subject":"durability {i}","text":"t","language":"kk","anonymous":true}}"#
    );
    let mut s = TcpStream::connect(addr).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    write!(
        s,
        "POST /api/v1/appeals HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .ok()?;
    let mut raw = String::new();
    s.read_to_string(&mut raw).ok()?;
    if !raw.starts_with("HTTP/1.1 201") {
        return None;
    }
    let json = raw.split_once("\r\n\r\n")?.1;
    let v: serde_json::Value = serde_json::from_str(json).ok()?;
    v["number"].as_str().map(str::to_owned)
}

async fn killed_mid_flight_loses_no_acknowledged_receipt(backend: Backend) {
    let Some(db) = backend.fresh().await else { return };
    db.store.close().await;
    let data = db.dir.path().join("data");
    let url =
        if db.backend == "sqlite" { format!("sqlite:{}", data.join("adaldyq.db").display()) } else { db.url.clone() };
    let (mut child, addr) = start(&data, &url);
    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    let mut filers = Vec::new();
    for t in 0..16 {
        let (addr, acknowledged) = (addr.clone(), acknowledged.clone());
        filers.push(std::thread::spawn(move || {
            for i in 0..200 {
                match file(&addr, t * 1000 + i) {
                    Some(n) => acknowledged.lock().unwrap().push(n),
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
    let (mut child, _) = start(&data, &url);
    let store = adaldyq_store::open(&url).await.unwrap();
    for number in &acknowledged {
        let a = store.appeal_by_number(number).await.unwrap();
        let a = a.unwrap_or_else(|| panic!("{}: the acknowledged receipt {number} is lost", db.backend));
        let kinds: Vec<_> = store.appeal_events(a.id).await.unwrap().iter().map(|e| e.kind).collect();
        assert!(kinds.len() >= 2, "{number} has its filed and registered events: {kinds:?}");
    }
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
