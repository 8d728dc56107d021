//! The transparency log end to end, with real processes on loopback: a
//! witness cosigns a growing log and refuses a forked one; `log verify`
//! (database and remote) and `receipt verify` accept the real thing and
//! name what is wrong with a tampered one.

mod support;

use adaldyq_store::testing::Backend;
use std::path::Path;
use std::time::{Duration, Instant};
use support::{file, http, run, start};

/// Waits until the server has signed a checkpoint of at least `size` leaves.
fn checkpoint_at_least(addr: &str, size: u64) -> u64 {
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if let Some((200, note)) = http(addr, "GET", "/api/v1/log/checkpoint", &[], "") {
            let n: u64 = note.lines().nth(1).and_then(|l| l.parse().ok()).unwrap_or(0);
            if n >= size {
                return n;
            }
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("no checkpoint of {size} leaves was signed");
}

/// Waits until a signed checkpoint covers the filing `number` (holds its
/// leaf, whose index its status answer gives), then gives its size. Reading
/// the size after filing and waiting for one more leaf raced: a checkpoint
/// signed in between already held the filing, and no further leaf came.
fn until_logged(addr: &str, number: &str, secret: &str) -> u64 {
    let deadline = Instant::now() + Duration::from_secs(20);
    let auth = format!("Receipt {secret}");
    while Instant::now() < deadline {
        let path = format!("/api/v1/appeals/{number}");
        if let Some((200, body)) = http(addr, "GET", &path, &[("Authorization", auth.as_str())], "") {
            let v: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
            if let Some(index) = v["log"]["leaf_index"].as_u64() {
                return checkpoint_at_least(addr, index + 1);
            }
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("no signed checkpoint covers {number}");
}

fn witness(dir: &Path, log: &str) -> (i32, String) {
    let out = run(&[
        "witness",
        "--log",
        &format!("http://{log}"),
        "--name",
        "witness.test",
        "--once",
        "--data-dir",
        dir.to_str().unwrap(),
    ]);
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.code().unwrap_or(-1), text)
}

fn url_of(db: &adaldyq_store::testing::TestDb, data: &Path) -> String {
    if db.backend == "sqlite" {
        format!("sqlite:{}", data.join("adaldyq.db").display())
    } else {
        db.url.clone()
    }
}

async fn a_witness_cosigns_a_growing_log_and_refuses_a_forked_one(backend: Backend) {
    let Some(db) = backend.fresh().await else { return };
    db.store.close().await;
    let data = db.dir.path().join("data");
    let wdir = db.dir.path().join("witness");
    // The witness's key first, so the log can be told to trust it.
    let out = run(&[
        "witness",
        "--log",
        "http://127.0.0.1:9",
        "--name",
        "witness.test",
        "--key-only",
        "--data-dir",
        wdir.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let wkey = stdout.trim().strip_prefix("Witness key: ").unwrap().to_owned();
    let url = url_of(&db, &data);
    let (mut log, addr) = start(&data, &url, &["--witness-key", &wkey]);
    let (n1, s1) = file(&addr, 1).unwrap();
    let first = until_logged(&addr, &n1, &s1);
    let (code, said) = witness(&wdir, &addr);
    assert_eq!(code, 0, "{said}");
    assert!(said.contains("Cosigned the checkpoint"), "{said}");
    let (_, note) = http(&addr, "GET", "/api/v1/log/checkpoint", &[], "").unwrap();
    assert!(note.contains("\n— witness.test "), "the log shows the cosignature: {note}");
    let (_, page) = http(&addr, "GET", "/en/transparency", &[], "").unwrap();
    assert!(page.contains("<code>witness.test</code>"), "{page}");
    // The log grows; the witness checks consistency and cosigns again.
    let (n2, s2) = file(&addr, 2).unwrap();
    let second = until_logged(&addr, &n2, &s2);
    assert!(second > first, "the log grew: {first} → {second}");
    let (code, said) = witness(&wdir, &addr);
    assert_eq!(code, 0, "{said}");
    assert!(said.contains(&format!("size {second}")), "{said}");

    // `log verify` against the database and against the server.
    let dir = data.to_str().unwrap();
    let out = run(&["log", "verify", "--data-dir", dir, "--database-url", &url]);
    assert!(out.status.success(), "{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    let out = run(&["log", "verify", "--url", &format!("http://{addr}")]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && said.contains("verifies"), "{said}{}", String::from_utf8_lossy(&out.stderr));

    // A forked log: another database signed with the same key, grown past
    // what the witness saw. The witness refuses, loudly.
    let fork_data = db.dir.path().join("fork");
    std::fs::create_dir_all(&fork_data).unwrap();
    std::fs::copy(data.join("log.key"), fork_data.join("log.key")).unwrap();
    let fork_url = if db.backend == "sqlite" {
        format!("sqlite:{}", fork_data.join("adaldyq.db").display())
    } else {
        let Some(other) = Backend::Postgres.fresh().await else { return };
        other.store.close().await;
        let u = other.url.clone();
        std::mem::forget(other); // keep its schema for the fork's lifetime
        u
    };
    let (mut fork, fork_addr) = start(&fork_data, &fork_url, &[]);
    for i in 0..8 {
        file(&fork_addr, 100 + i).unwrap();
    }
    checkpoint_at_least(&fork_addr, second + 1);
    let (code, said) = witness(&wdir, &fork_addr);
    assert_eq!(code, 3, "{said}");
    assert!(said.contains("ALERT") && said.contains("inconsistent") && said.contains("forked or rewritten"), "{said}");
    let (_, note) = http(&fork_addr, "GET", "/api/v1/log/checkpoint", &[], "").unwrap();
    assert!(!note.contains("witness.test"), "no cosignature went to the fork");
    // A log that is not there, or serves junk instead of a checkpoint: the
    // witness says so and exits cleanly, cosigning nothing.
    let (code, said) = witness(&wdir, "127.0.0.1:9");
    assert_eq!(code, 1, "{said}");
    let junk = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let junk_addr = junk.local_addr().unwrap().to_string();
    std::thread::spawn(move || {
        use std::io::{Read, Write};
        for mut s in junk.incoming().flatten().take(4) {
            let mut buf = [0u8; 2048];
            let _ = s.read(&mut buf);
            let body = "adaldyq.local/log\nnot a size\n\n— nobody AAAA\n";
            let _ = write!(s, "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len());
        }
    });
    let (code, said) = witness(&wdir, &junk_addr);
    assert_eq!(code, 3, "{said}");
    assert!(said.contains("malformed or not signed"), "{said}");
    fork.kill().ok();
    fork.wait().ok();
    log.kill().ok();
    log.wait().ok();
}

async fn receipts_verify_against_the_live_log_and_tampering_is_named(backend: Backend) {
    let Some(db) = backend.fresh().await else { return };
    db.store.close().await;
    let data = db.dir.path().join("data");
    let url = url_of(&db, &data);
    let (mut server, addr) = start(&data, &url, &[]);
    let (number, secret) = file(&addr, 1).unwrap();
    until_logged(&addr, &number, &secret);
    // The downloaded receipt (text with its proof block).
    let form = format!("number={number}&secret={secret}");
    let (status, receipt) = http(
        &addr,
        "POST",
        "/en/appeals/receipt",
        &[("Content-Type", "application/x-www-form-urlencoded"), ("Origin", &format!("http://{addr}"))],
        &form,
    )
    .unwrap();
    assert_eq!(status, 200, "{receipt}");
    assert!(receipt.contains("BEGIN ADALDYQ LOG PROOF"), "{receipt}");
    let path = db.dir.path().join("receipt.txt");
    std::fs::write(&path, &receipt).unwrap();
    // The log grows after the receipt was saved: still consistent.
    let (n2, s2) = file(&addr, 2).unwrap();
    until_logged(&addr, &n2, &s2);
    let out = run(&["receipt", "verify", path.to_str().unwrap(), "--url", &format!("http://{addr}")]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{said}{}", String::from_utf8_lossy(&out.stderr));
    assert!(said.contains(&number) && said.contains("consistent"), "{said}");
    // A receipt whose entry number was changed does not verify.
    let json_start = receipt.find("{\"appeal\"").unwrap();
    let v: serde_json::Value = serde_json::from_str(receipt[json_start..].lines().next().unwrap()).unwrap();
    let mut forged = v.clone();
    forged["leaf_index"] = serde_json::json!(v["leaf_index"].as_u64().unwrap() + 1);
    let forged_path = db.dir.path().join("forged.json");
    std::fs::write(&forged_path, forged.to_string()).unwrap();
    let out = run(&["receipt", "verify", forged_path.to_str().unwrap(), "--url", &format!("http://{addr}")]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("inclusion proof does not verify"));
    // Erasure on request: a tombstone with its reason; the log still verifies.
    server.kill().ok();
    server.wait().ok();
    let dir = data.to_str().unwrap();
    let out = run(&["appeal", "erase", &number, "--reason", "", "--data-dir", dir, "--database-url", &url]);
    assert!(!out.status.success(), "a reason is required");
    let out =
        run(&["appeal", "erase", &number, "--reason", "the filer asked", "--data-dir", dir, "--database-url", &url]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = run(&["log", "verify", "--data-dir", dir, "--database-url", &url]);
    assert!(out.status.success(), "{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    // Tampering with the database is named by `log verify`.
    let store = adaldyq_store::open(&url).await.unwrap();
    let a = store.appeal_by_number(&number).await.unwrap().unwrap();
    store.close().await;
    let sql = format!("UPDATE appeal_events SET actor_role = 'administrator' WHERE appeal_id = {}", a.id);
    adaldyq_store::testing::raw_sql(&url, &sql).await;
    let out = run(&["log", "verify", "--data-dir", data.to_str().unwrap(), "--database-url", &url]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "{said}");
    assert!(said.contains(&format!("of appeal {number} differs from its leaf")) && said.contains("role"), "{said}");
    // So is an appeal moved to another day behind the log's back.
    let sql = format!("UPDATE appeals SET due_on = '2031-01-01' WHERE id = {}", a.id);
    adaldyq_store::testing::raw_sql(&url, &sql).await;
    let out = run(&["log", "verify", "--data-dir", data.to_str().unwrap(), "--database-url", &url]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "{said}");
    assert!(said.contains(&format!("appeal {number}: due_on is 2031-01-01, the log says")), "{said}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_witness_and_fork() {
    a_witness_cosigns_a_growing_log_and_refuses_a_forked_one(Backend::Sqlite).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_witness_and_fork() {
    a_witness_cosigns_a_growing_log_and_refuses_a_forked_one(Backend::Postgres).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_receipts_and_tampering() {
    receipts_verify_against_the_live_log_and_tampering_is_named(Backend::Sqlite).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_receipts_and_tampering() {
    receipts_verify_against_the_live_log_and_tampering_is_named(Backend::Postgres).await
}
