//! The `adaldyq` binary end to end: real processes, real HTTP on loopback,
//! a real SQLite file and (when configured) a real PostgreSQL schema.

use adaldyq_store::testing::{Backend, TempDir};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_adaldyq");

fn adaldyq(data: &Path) -> Command {
    let mut c = Command::new(BIN);
    c.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("ADALDYQ_DATA_DIR", data)
        .env("ADALDYQ_LOG", "warn");
    c
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("run adaldyq")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Starts the server on a free port; returns the child, its URL and what it
/// printed before listening.
fn start(data: &Path) -> (Child, String, String) {
    start_with(adaldyq(data))
}

fn start_with(mut cmd: Command) -> (Child, String, String) {
    let mut child = cmd
        .args(["--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the server");
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut printed = String::new();
    let mut url = String::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        let mut line = String::new();
        if out.read_line(&mut line).unwrap() == 0 {
            break;
        }
        printed.push_str(&line);
        if let Some(rest) = line.strip_prefix("Adaldyq is running at ") {
            url = rest.trim().trim_end_matches('/').to_owned();
        }
        if !url.is_empty() && line.trim().is_empty() {
            break;
        }
        if !url.is_empty() && printed.lines().count() >= 10 {
            break;
        }
    }
    assert!(!url.is_empty(), "the server printed its URL: {printed}");
    // keep draining stdout so the child never blocks on a full pipe
    std::thread::spawn(move || {
        let mut sink = String::new();
        let _ = out.read_to_string(&mut sink);
    });
    (child, url, printed)
}

/// A plain HTTP/1.1 GET; returns the status and the body.
fn get(url: &str, path: &str) -> (u16, String) {
    let host = url.trim_start_matches("http://");
    let mut s = TcpStream::connect(host).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).unwrap();
    let status = raw.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    (status, raw.split_once("\r\n\r\n").map(|(_, b)| b.to_owned()).unwrap_or_default())
}

fn terminate(mut child: Child) -> std::process::ExitStatus {
    let ok = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(ok.success());
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        assert!(Instant::now() < deadline, "the server stops on SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn first_start_creates_the_database_and_the_demo_then_reuses_them() {
    let dir = TempDir::new();
    let data = dir.path().join("data");
    let (child, url, printed) = start(&data);
    assert!(printed.contains("demo"), "{printed}");
    for role in
        ["administrator", "officer", "head", "coordinator", "monitor", "inspector", "commission_secretary", "citizen"]
    {
        assert!(printed.contains(role), "the {role} account is printed: {printed}");
    }
    assert!(data.join("adaldyq.db").exists(), "the SQLite file is in the data folder");
    let (status, body) = get(&url, "/kk/");
    assert_eq!(status, 200);
    assert!(body.contains("<html lang=\"kk\">"));
    assert_eq!(get(&url, "/readyz").0, 200);
    let (_, territories) = get(&url, "/api/v1/territories");
    assert!(territories.contains("Арал ауданы"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for f in ["secret.key", "demo-accounts.txt"] {
            let mode = std::fs::metadata(data.join(f)).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{f} is private");
        }
    }
    assert!(terminate(child).success(), "a clean exit on SIGTERM");

    // The second start reuses everything and loads nothing twice.
    let (child, url, printed) = start(&data);
    assert!(printed.contains("Demo accounts (from"), "{printed}");
    assert_eq!(get(&url, "/healthz").0, 200);
    assert!(terminate(child).success());
    let users = run(adaldyq(&data).args(["user", "list"]));
    assert!(users.status.success(), "{}", text(&users.stderr));
    assert_eq!(text(&users.stdout).lines().count(), 8, "one account per role, once");
}

#[test]
fn help_lists_the_commands_and_settings() {
    let out = run(Command::new(BIN).arg("--help"));
    let help = text(&out.stdout);
    for word in [
        "serve",
        "migrate",
        "demo",
        "user",
        "export",
        "import",
        "import-territories",
        "--listen",
        "--data-dir",
        "--database-url",
        "--config",
        "ADALDYQ_LISTEN",
        "ADALDYQ_DATA_DIR",
        "--trusted-proxy-hops",
        "ADALDYQ_TRUSTED_PROXY_HOPS",
        "--metrics-token",
        "ADALDYQ_METRICS_TOKEN",
    ] {
        assert!(help.contains(word), "--help mentions {word}: {help}");
    }
    let user = text(&run(Command::new(BIN).args(["user", "--help"])).stdout);
    for word in ["add", "list", "passwd", "role"] {
        assert!(user.contains(word), "{user}");
    }
}

#[test]
fn users_are_managed_from_the_command_line() {
    let dir = TempDir::new();
    let data = dir.path().join("data");
    assert!(run(adaldyq(&data).args(["--demo", "false", "migrate"])).status.success());
    let add = run(adaldyq(&data)
        .args(["user", "add", "Head@Test.example", "--name", "Test Head", "--role", "administrator@all"])
        .env("ADALDYQ_PASSWORD", "long enough password"));
    assert!(add.status.success(), "{}", text(&add.stderr));
    let again = run(adaldyq(&data)
        .args(["user", "add", "head@test.example", "--name", "X"])
        .env("ADALDYQ_PASSWORD", "long enough password"));
    assert!(!again.status.success() && text(&again.stderr).contains("exists"));
    let short = run(adaldyq(&data).args(["user", "passwd", "head@test.example"]).env("ADALDYQ_PASSWORD", "short"));
    assert!(!short.status.success(), "a short password is refused");
    let bad = run(adaldyq(&data).args(["user", "role", "head@test.example", "officer@territory:430000000"]));
    assert!(!bad.status.success() && text(&bad.stderr).contains("does not fit"));
    let list = text(&run(adaldyq(&data).args(["user", "list"])).stdout);
    assert!(list.contains("head@test.example") && list.contains("administrator@all"), "{list}");
}

#[test]
fn bad_territory_files_are_refused_whole() {
    let dir = TempDir::new();
    let data = dir.path().join("data");
    assert!(run(adaldyq(&data).arg("demo")).status.success());
    let file = dir.path().join("bad.csv");
    std::fs::write(&file, "code,parent_code,level,kind,name_kk,name_ru\n433299000,433200000,3,rural_okrug,А,Б\n433299100,,4,settlement,А,Б\n").unwrap();
    let out = run(adaldyq(&data).arg("import-territories").arg(&file));
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("bad.csv:3:"), "{}", text(&out.stderr));
    let export = dir.path().join("after.jsonl");
    run(adaldyq(&data).arg("export").arg(&export));
    assert!(!std::fs::read_to_string(&export).unwrap().contains("433299000"), "nothing was loaded");
    std::fs::write(&file, "code,parent_code,level,kind,name_kk,name_ru\n433299000,433200000,3,rural_okrug,А,Б\n")
        .unwrap();
    let out = run(adaldyq(&data).arg("import-territories").arg(&file));
    assert!(out.status.success() && text(&out.stdout).contains("1 added"), "{}", text(&out.stdout));
}

#[tokio::test]
async fn an_installation_moves_between_backends_and_back() {
    let dir = TempDir::new();
    let data = dir.path().join("data");
    assert!(run(adaldyq(&data).arg("demo")).status.success());
    let first = dir.path().join("first.jsonl");
    assert!(run(adaldyq(&data).arg("export").arg(&first)).status.success());
    let original = std::fs::read_to_string(&first).unwrap();
    assert!(original.lines().count() > 500, "territories, institutions, users, grants");

    let mut current = first.clone();
    // SQLite → PostgreSQL (when configured) → SQLite, each time comparing.
    let targets: Vec<Backend> = vec![Backend::Postgres, Backend::Sqlite];
    for (i, backend) in targets.into_iter().enumerate() {
        let Some(db) = backend.fresh().await else {
            continue;
        };
        db.store.close().await;
        let imported = run(adaldyq(&data).args(["--database-url", &db.url, "import"]).arg(&current));
        assert!(imported.status.success(), "{}: {}", db.backend, text(&imported.stderr));
        let next = dir.path().join(format!("copy{i}.jsonl"));
        let exported = run(adaldyq(&data).args(["--database-url", &db.url, "export"]).arg(&next));
        assert!(exported.status.success(), "{}", text(&exported.stderr));
        assert_eq!(std::fs::read_to_string(&next).unwrap(), original, "the data survived the move to {}", db.backend);
        // Importing twice is refused: the target already has data.
        let again = run(adaldyq(&data).args(["--database-url", &db.url, "import"]).arg(&current));
        assert!(!again.status.success() && text(&again.stderr).contains("not empty"));
        current = next;
    }
}

#[tokio::test]
async fn the_platform_runs_on_postgresql() {
    let Some(db) = Backend::Postgres.fresh().await else {
        return;
    };
    db.store.close().await;
    let data = db.dir.path().join("data");
    let mut child_cmd = adaldyq(&data);
    child_cmd.env("ADALDYQ_DATABASE_URL", &db.url);
    let (child, url, printed) = start_with(child_cmd);
    assert!(printed.contains("administrator"), "{printed}");
    assert_eq!(get(&url, "/readyz").0, 200);
    let (status, body) = get(&url, "/ru/");
    assert_eq!(status, 200);
    assert!(body.contains("<html lang=\"ru\">"));
    assert!(get(&url, "/api/v1/territories").1.contains("Аральский район"));
    assert!(terminate(child).success());
    assert!(!data.join("adaldyq.db").exists(), "no SQLite file when PostgreSQL is used");
    let users = run(adaldyq(&data).args(["--database-url", &db.url, "user", "list"]));
    assert_eq!(text(&users.stdout).lines().count(), 8, "the demo users are in PostgreSQL");
}

#[test]
fn logs_can_be_json_and_carry_no_secrets() {
    let dir = TempDir::new();
    let data = dir.path().join("data");
    let mut child = adaldyq(&data)
        .args(["--listen", "127.0.0.1:0", "--log-json", "true"])
        .env("ADALDYQ_LOG", "info")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut listening = None;
    let mut seen = String::new();
    for _ in 0..50 {
        let mut line = String::new();
        if err.read_line(&mut line).unwrap() == 0 {
            break;
        }
        seen.push_str(&line);
        let parsed: serde_json::Value = serde_json::from_str(&line).unwrap_or_else(|e| panic!("{e}: {line}"));
        if parsed["fields"]["message"] == "adaldyq is listening" {
            listening = Some(parsed);
            break;
        }
    }
    let listening = listening.unwrap_or_else(|| panic!("no start-up line: {seen}"));
    assert_eq!(listening["fields"]["backend"], "sqlite");
    let accounts = std::fs::read_to_string(data.join("demo-accounts.txt")).unwrap();
    for word in accounts.split_whitespace().filter(|w| w.contains('-') && w.len() == 19) {
        assert!(!seen.contains(word), "a demo password appears in the logs");
    }
    assert!(terminate(child).success());
}

/// SIGTERM lets a request in flight finish: a filing whose body is still
/// arriving when the signal comes is answered (201) before the process
/// exits cleanly.
#[test]
fn sigterm_lets_requests_in_flight_finish() {
    let dir = TempDir::new();
    let data = dir.path().join("data");
    let (child, url, _) = start(&data);
    let host = url.trim_start_matches("http://").to_owned();
    let body = r#"{"kind":"complaint","territory":"433200000","subject":"in flight","text":"t","language":"kk","anonymous":true}"#;
    let mut s = TcpStream::connect(&host).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    write!(
        s,
        "POST /api/v1/appeals HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{}",
        body.len(),
        &body[..10]
    )
    .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let pid = child.id();
    assert!(Command::new("kill").args(["-TERM", &pid.to_string()]).status().unwrap().success());
    std::thread::sleep(Duration::from_millis(300));
    s.write_all(&body.as_bytes()[10..]).unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).unwrap();
    assert!(raw.starts_with("HTTP/1.1 201"), "the request in flight was answered: {raw}");
    let mut child = child;
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(st) = child.try_wait().unwrap() {
            break st;
        }
        assert!(Instant::now() < deadline, "the server stops after the request");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "a clean exit");
    let dump = run(adaldyq(&data).args(["export", "-"]));
    assert!(text(&dump.stdout).contains("in flight"), "the answered filing is stored");
}

/// One HTTP/1.1 request with a body; the whole raw answer.
fn send(url: &str, method: &str, path: &str, content_type: &str, body: &str) -> String {
    let host = url.trim_start_matches("http://");
    let mut s = TcpStream::connect(host).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).unwrap();
    raw
}

/// An anonymous filing through the page's form, with one PDF attached.
/// A one-page PDF with a correct cross-reference table (uploads are parsed
/// and cleaned, so a fragment of one is refused).
fn one_page_pdf() -> String {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ];
    let mut pdf = String::from("%PDF-1.7\n");
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.push_str(&format!("{} 0 obj\n{o}\nendobj\n", i + 1));
    }
    let xref = pdf.len();
    pdf.push_str(&format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1));
    for o in offsets {
        pdf.push_str(&format!("{o:010} 00000 n \n"));
    }
    pdf.push_str(&format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1));
    pdf
}

fn file_with_attachment(url: &str) -> String {
    let b = "adaldyq-cli-boundary";
    let mut body = String::new();
    for (k, v) in [
        ("token", "cli-1"),
        ("kind", "complaint"),
        ("territory", "433200000"),
        ("institution", ""),
        ("subject", "Құжат"),
        ("text", "Құжат қоса беріледі"),
        ("language", "kk"),
        ("anonymous", "yes"),
    ] {
        body.push_str(&format!("--{b}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"));
    }
    body.push_str(&format!(
        "--{b}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"act.pdf\"\r\nContent-Type: application/pdf\r\n\r\n{}\r\n--{b}--\r\n",
        one_page_pdf()
    ));
    send(url, "POST", "/kk/appeals/new", &format!("multipart/form-data; boundary={b}"), &body)
}

/// Every file in the data folder is its owner's only: the database, its
/// WAL, the keys and an attached file 0600, the folders 0700; and an older
/// installation's 0644/0755 leftovers are tightened on start.
#[cfg(unix)]
#[test]
fn data_files_are_private_to_their_owner() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new();
    let data = dir.path().join("data");
    std::fs::create_dir_all(data.join("attachments").join("zz")).unwrap();
    std::fs::write(data.join("attachments").join("zz").join("old"), b"left from before").unwrap();
    for (path, mode) in [(data.clone(), 0o755), (data.join("attachments"), 0o755), (data.join("attachments/zz"), 0o755)]
    {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    }
    std::fs::set_permissions(data.join("attachments/zz/old"), std::fs::Permissions::from_mode(0o644)).unwrap();
    let (child, url, _) = start(&data);
    let raw = file_with_attachment(&url);
    assert!(raw.starts_with("HTTP/1.1 201"), "filed with its file: {}", &raw[..raw.len().min(300)]);
    let mut seen = Vec::new();
    let mut stack = vec![data.clone()];
    while let Some(p) = stack.pop() {
        let meta = std::fs::symlink_metadata(&p).unwrap();
        let mode = meta.permissions().mode() & 0o777;
        if meta.is_dir() {
            assert_eq!(mode, 0o700, "{}", p.display());
            stack.extend(std::fs::read_dir(&p).unwrap().map(|e| e.unwrap().path()));
        } else {
            assert_eq!(mode, 0o600, "{}", p.display());
        }
        seen.push(p.strip_prefix(&data).unwrap().to_string_lossy().into_owned());
    }
    for name in ["adaldyq.db", "adaldyq.db-wal", "secret.key", "log.key", "attachments/zz/old"] {
        assert!(seen.iter().any(|s| s == name), "{name} was checked: {seen:?}");
    }
    let files = seen.iter().filter(|s| s.starts_with("attachments/") && *s != "attachments/zz/old").count();
    assert!(files >= 2, "the attached file and its folder were checked: {seen:?}");
    assert!(terminate(child).success());
}

/// With every log level on, an anonymous filer's address and port reach no
/// log line (axum logs each connection's peer at trace level).
#[test]
fn trace_logs_carry_no_client_address() {
    let dir = TempDir::new();
    let data = dir.path().join("data");
    let log = dir.path().join("stderr.log");
    let mut cmd = adaldyq(&data);
    cmd.env("ADALDYQ_LOG", "trace").stderr(std::fs::File::create(&log).unwrap());
    let mut child = cmd.args(["--listen", "127.0.0.1:0"]).stdout(Stdio::piped()).spawn().unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut url = String::new();
    while url.is_empty() {
        let mut line = String::new();
        assert!(out.read_line(&mut line).unwrap() > 0, "the server printed its URL");
        if let Some(rest) = line.strip_prefix("Adaldyq is running at ") {
            url = rest.trim().trim_end_matches('/').to_owned();
        }
    }
    std::thread::spawn(move || {
        let mut sink = String::new();
        let _ = out.read_to_string(&mut sink);
    });
    let body =
        r#"{"kind":"complaint","territory":"433200000","subject":"s","text":"t","language":"kk","anonymous":true}"#;
    let raw = send(&url, "POST", "/api/v1/appeals", "application/json", body);
    assert!(raw.starts_with("HTTP/1.1 201"), "{raw}");
    assert_eq!(get(&url, "/kk/").0, 200);
    assert!(terminate(child).success());
    let logged = std::fs::read_to_string(&log).unwrap();
    assert!(logged.lines().count() > 20, "trace logging was on: {logged}");
    let listen_port = url.rsplit(':').next().unwrap().to_owned();
    for (at, _) in logged.match_indices("127.0.0.1:") {
        let port: String = logged[at + 10..].chars().take_while(|c| c.is_ascii_digit()).collect();
        assert!(port.is_empty() || port == listen_port, "a client's address and port in the logs: {}", {
            let line_start = logged[..at].rfind('\n').map_or(0, |i| i + 1);
            logged[line_start..].lines().next().unwrap_or("")
        });
    }
}

/// A NUL that an older SQLite installation stored cannot go to PostgreSQL:
/// `export` refuses, naming the cell and leaving no file that looks whole,
/// and `import` of such a file names it and loads nothing.
#[tokio::test]
async fn text_with_control_characters_is_named_by_export_and_import() {
    let dir = TempDir::new();
    let data = dir.path().join("data");
    let db = Backend::Sqlite.fresh().await.unwrap();
    db.store.upsert_territories(&adaldyq_domain::territory::demo_territories()).await.unwrap();
    let new = adaldyq_store::NewInstitution {
        territory_code: "431000000".into(),
        name_kk: "Мекеме\u{0}".into(),
        name_ru: "Учреждение".into(),
        name_en: "Body".into(),
        is_demo: false,
    };
    let id = db.store.create_institution(&new).await.unwrap();
    db.store.close().await;
    let out = dir.path().join("out.jsonl");
    let exported = run(adaldyq(&data).args(["--database-url", &db.url, "export"]).arg(&out));
    assert!(!exported.status.success());
    let stderr = text(&exported.stderr);
    assert!(stderr.contains(&format!("institutions row 1 (id {id}), column name_kk")), "{stderr}");
    assert!(!out.exists() && !dir.path().join("out.jsonl.partial").exists(), "no file that looks whole");

    let file = dir.path().join("nul.jsonl");
    std::fs::write(
        &file,
        "{\"format\":\"adaldyq-export\",\"version\":1,\"tables\":[\"meta\"]}\n{\"t\":\"meta\",\"r\":[\"k\",\"a\\u0000b\"]}\n",
    )
    .unwrap();
    let Some(target) = Backend::Postgres.fresh().await.or(Backend::Sqlite.fresh().await) else { return };
    target.store.close().await;
    let imported = run(adaldyq(&data).args(["--database-url", &target.url, "import"]).arg(&file));
    assert!(!imported.status.success());
    let stderr = text(&imported.stderr);
    assert!(
        stderr.contains("nothing was imported") && stderr.contains("line 2: meta row 1 (k), column value"),
        "{stderr}"
    );
}

/// The demo's programme: a working group in each unit of the rural level
/// (141 rural districts and 3 settlement administrations, as the 2021
/// article counts), with two or three made-up members, on both backends;
/// loading the demo again adds nothing.
#[tokio::test]
async fn the_demo_has_a_working_group_in_each_of_the_144_rural_districts() {
    use adaldyq_domain::territory::TerritoryKind;
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let Some(db) = backend.fresh().await else { continue };
        let data = db.dir.path().join("data");
        for _ in 0..2 {
            let out = run(adaldyq(&data).args(["--database-url", &db.url, "demo"]));
            assert!(out.status.success(), "{}", text(&out.stderr));
        }
        let programmes = db.store.programmes().await.unwrap();
        assert_eq!(programmes.len(), 1, "{}", db.backend);
        assert_eq!(programmes[0].name_ru, "Акмешит — адалдық алаңы");
        assert!(programmes[0].is_demo);
        let groups = db.store.working_groups(None).await.unwrap();
        assert_eq!(groups.len(), 144, "{}", db.backend);
        let mut members = 0;
        for g in &groups {
            let t = db.store.territory(&g.territory_code).await.unwrap().unwrap();
            assert!(matches!(t.kind, TerritoryKind::RuralOkrug | TerritoryKind::SettlementAdmin), "{}", t.code);
            assert!(g.is_demo && g.name_ru.contains(&t.name_ru), "{}", g.name_ru);
            let list = db.store.members(g.id).await.unwrap();
            assert!((2..=3).contains(&list.len()), "{}: {} members", g.territory_code, list.len());
            assert!(list.iter().all(|m| m.is_demo && !m.position_ru.is_empty() && !m.position_en.is_empty()));
            assert!(list[0].institution_id.is_some(), "the akim works for the unit's akim's office");
            members += list.len();
            let shown = db.store.public_members(g.id).await.unwrap();
            assert_eq!(
                shown.iter().filter(|m| m.email.is_some()).count(),
                list.iter().filter(|m| m.contact_public).count()
            );
        }
        assert_eq!(members, 144 * 2 + 72);
    }
}

/// The demo's receptions: a month of past ones across several districts
/// (held with their record, questions taken as appeals filed with channel
/// `reception` and registered at the reception's time; one cancelled with
/// its reason; one whose host did not come) and a month of planned ones
/// open for booking now, the coordinator's district among them; loading
/// the demo again adds nothing. Both backends.
#[tokio::test]
async fn the_demo_has_a_month_of_receptions_either_side_of_today() {
    use adaldyq_domain::reception::{booking_window, is_open, ReceptionStatus};
    use adaldyq_store::ReceptionFilter;
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let Some(db) = backend.fresh().await else { continue };
        let data = db.dir.path().join("data");
        let started = std::time::Instant::now();
        for _ in 0..2 {
            let out = run(adaldyq(&data).args(["--database-url", &db.url, "demo"]));
            assert!(out.status.success(), "{}", text(&out.stderr));
        }
        assert!(started.elapsed() < Duration::from_secs(60), "the demo loads in seconds");
        let now = adaldyq_web::state::now();
        let all = db.store.receptions(&ReceptionFilter::default()).await.unwrap();
        let past: Vec<_> = all.iter().filter(|r| r.starts_at < now).collect();
        let planned: Vec<_> = all.iter().filter(|r| r.starts_at > now).collect();
        assert!(
            past.len() >= 10 && planned.len() >= 10,
            "{}: {} past, {} planned",
            db.backend,
            past.len(),
            planned.len()
        );
        assert!(all.iter().all(|r| (r.starts_at - now).abs() <= 31 * 86_400), "within a month");
        let districts: std::collections::BTreeSet<_> = all.iter().map(|r| &r.territory_code[..4]).collect();
        assert!(districts.len() >= 5, "{districts:?}");
        let cancelled: Vec<_> = past.iter().filter(|r| r.status == ReceptionStatus::Cancelled).collect();
        assert_eq!(cancelled.len(), 1, "{}", db.backend);
        assert!(cancelled[0].status_reason.as_deref().is_some_and(|s| !s.is_empty()));
        let held: Vec<_> = past.iter().filter(|r| r.status == ReceptionStatus::Held).collect();
        assert_eq!(held.len(), past.len() - 1, "every other past one was held");
        assert_eq!(held.iter().filter(|r| r.host_attended == Some(false)).count(), 1, "one host did not come");
        let (mut appeals, mut on_the_spot) = (0, 0);
        for r in &held {
            let s = db.store.public_summary(r.id, now).await.unwrap().unwrap();
            if r.host_attended == Some(true) {
                assert!(s.people_received >= 2 && s.questions >= 2, "{}: {s:?}", r.id);
            }
            appeals += s.appeals;
            on_the_spot += s.answered_on_the_spot;
            for q in db.store.questions(r.id).await.unwrap() {
                let Some(id) = q.appeal_id else { continue };
                let events = db.store.appeal_events(id).await.unwrap();
                let filed = events.first().expect("filed with its event");
                assert!(filed.body.contains("\"channel\":\"reception\""), "{}", filed.body);
                assert!(filed.at >= r.starts_at && filed.at < r.ends_at, "registered at the reception's time");
            }
        }
        assert!(appeals >= 5 && on_the_spot >= 5, "{appeals} appeals, {on_the_spot} answered on the spot");
        assert!(planned.iter().all(|r| r.status == ReceptionStatus::Planned));
        let open = |r: &&&adaldyq_store::Reception| {
            is_open(r.status, r.starts_at, booking_window(r.starts_at, r.opens_days_before, r.closes_hours_before), now)
        };
        assert!(planned.iter().filter(open).count() >= planned.len() - 1, "open for booking");
        assert!(planned.iter().any(|r| r.territory_code.starts_with("4332")), "the coordinator's district");
    }
}
