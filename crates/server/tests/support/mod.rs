//! Start the real binary on loopback and talk HTTP/1.1 to it.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_adaldyq");

/// Starts `adaldyq` on a free port; the child and its address.
pub fn start(data: &Path, url: &str, extra: &[&str]) -> (Child, String) {
    start_logging(data, url, extra, None)
}

/// Starts `adaldyq`, its warnings and errors written to `log` if given.
pub fn start_logging(data: &Path, url: &str, extra: &[&str], log: Option<&Path>) -> (Child, String) {
    let stderr = match log {
        Some(path) => Stdio::from(std::fs::File::create(path).expect("the log file")),
        None => Stdio::null(),
    };
    let mut child = Command::new(BIN)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("ADALDYQ_LOG", if log.is_some() { "warn" } else { "error" })
        .args(["--listen", "127.0.0.1:0", "--filings-per-minute", "100000", "--database-url", url])
        .arg("--data-dir")
        .arg(data)
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(stderr)
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

/// Runs a CLI command of the binary.
pub fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("ADALDYQ_LOG", "error")
        .args(args)
        .output()
        .expect("run adaldyq")
}

/// One request; the status and body, or `None` when the server is gone.
pub fn http(addr: &str, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> Option<(u16, String)> {
    let mut s = TcpStream::connect(addr).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    let mut req =
        format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    req.push_str(body);
    s.write_all(req.as_bytes()).ok()?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).ok()?;
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let status = raw.get(9..12)?.parse().ok()?;
    let (head, body) = raw.split_once("\r\n\r\n")?;
    let body =
        if head.to_ascii_lowercase().contains("transfer-encoding: chunked") { unchunk(body) } else { body.to_owned() };
    Some((status, body))
}

fn unchunk(mut s: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = s.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 {
            break;
        }
        out.push_str(&rest[..n]);
        s = &rest[n + 2..];
    }
    out
}

/// Files a named appeal with an e-mail address through the API; its number.
pub fn file_named(addr: &str, email: &str) -> Option<String> {
    let body = serde_json::json!({
        "kind": "complaint", "territory": "433200000", "subject": "notice", "text": "t", "language": "en",
        "anonymous": false, "contact": { "name": "Filer", "email": email }
    });
    let (status, body) =
        http(addr, "POST", "/api/v1/appeals", &[("Content-Type", "application/json")], &body.to_string())?;
    if status != 201 {
        return None;
    }
    let v: serde_json::Value = serde_json::from_str(&body).ok()?;
    Some(v["number"].as_str()?.to_owned())
}

/// Files an anonymous appeal through the API; its number and secret.
pub fn file(addr: &str, i: usize) -> Option<(String, String)> {
    let body = format!(
        r#"{{"kind":"complaint","territory":"433200000","subject":"durability {i}","text":"t","language":"kk","anonymous":true}}"#
    );
    let (status, body) = http(addr, "POST", "/api/v1/appeals", &[("Content-Type", "application/json")], &body)?;
    if status != 201 {
        return None;
    }
    let v: serde_json::Value = serde_json::from_str(&body).ok()?;
    Some((v["number"].as_str()?.to_owned(), v["secret"].as_str()?.to_owned()))
}
