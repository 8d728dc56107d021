//! A real SMTP server on loopback for the notice tests: aiosmtpd, run by
//! `scripts/smtp-sink.py` from a venv made once under target/smtp-sink/
//! (with trustme for the certificates of its TLS modes). Plain, STARTTLS
//! or implicit TLS, with or without AUTH, optionally slow; each message
//! it accepts is read back as JSON. Shared with the server crate's tests
//! (`#[path]`), which kill the real binary while it sends.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;

const AIOSMTPD: &str = "1.4.6";
const TRUSTME: &str = "1.2.1";

/// The venv's python, made once per test run; why not, if it cannot be.
pub fn python() -> Result<PathBuf, String> {
    static VENV: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    VENV.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let target = std::env::var("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|_| root.join("target"));
        let venv = target.join("smtp-sink").join(format!("venv-aiosmtpd-{AIOSMTPD}-trustme-{TRUSTME}"));
        let ready = |venv: &Path| {
            Command::new(venv.join("bin/python"))
                .args(["-c", "import aiosmtpd, trustme"])
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        };
        if ready(&venv) {
            return Ok(venv.join("bin/python"));
        }
        // Made aside and renamed, so that test binaries run side by side
        // never use a half-made venv (python finds its venv by pyvenv.cfg,
        // beside it, so a moved venv works).
        let making = target.join("smtp-sink").join(format!("making-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&making);
        let made = Command::new("python3").arg("-m").arg("venv").arg(&making).status();
        if !made.is_ok_and(|s| s.success()) {
            return Err("python3 cannot make a venv (Debian: apt-get install python3-venv)".into());
        }
        let pip = Command::new(making.join("bin/python"))
            .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check"])
            .arg(format!("aiosmtpd=={AIOSMTPD}"))
            .arg(format!("trustme=={TRUSTME}"))
            .status();
        if !pip.is_ok_and(|s| s.success()) || !ready(&making) {
            let _ = std::fs::remove_dir_all(&making);
            return Err(format!("pip could not install aiosmtpd {AIOSMTPD} and trustme {TRUSTME}"));
        }
        if std::fs::rename(&making, &venv).is_err() {
            let _ = std::fs::remove_dir_all(&making);
        }
        if ready(&venv) {
            Ok(venv.join("bin/python"))
        } else {
            Err(format!("the venv at {} does not work", venv.display()))
        }
    })
    .clone()
}

/// How the sink talks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Encryption {
    #[default]
    None,
    /// STARTTLS offered and required before MAIL.
    StartTls,
    /// TLS from the first byte (SMTPS).
    Implicit,
}

#[derive(Clone, Default)]
pub struct Options {
    /// Recipients refused at RCPT with 550.
    pub refuse: Vec<String>,
    pub tls: Encryption,
    /// AUTH required with this user and password.
    pub auth: Option<(String, String)>,
    /// Each DATA reply waits this long after the message is recorded.
    pub delay_ms: u64,
}

/// A running SMTP sink; killed when dropped.
pub struct Sink {
    child: Option<Child>,
    pub port: u16,
    dir: PathBuf,
    options: Options,
    /// With TLS: the PEM certificate of the CA that issued the sink's.
    pub ca: PathBuf,
}

impl Sink {
    /// A plain sink that refuses `refuse`.
    pub fn start(dir: &Path, refuse: &[&str]) -> Option<Sink> {
        Sink::start_with(dir, Options { refuse: refuse.iter().map(|s| s.to_string()).collect(), ..Options::default() })
    }

    /// Starts one on a free port, or says why it cannot (a failure under CI).
    pub fn start_with(dir: &Path, options: Options) -> Option<Sink> {
        let mut sink = Sink { child: None, port: 0, dir: dir.join("mail"), options, ca: dir.join("smtp-ca.pem") };
        match sink.up() {
            Ok(()) => Some(sink),
            Err(why) if std::env::var("CI").as_deref() == Ok("true") => panic!("the SMTP server cannot start: {why}"),
            Err(why) => {
                eprintln!("skipped: the SMTP server cannot start: {why}");
                None
            }
        }
    }

    /// Starts the server (again, on the same port once it had one).
    pub fn up(&mut self) -> Result<(), String> {
        let python = python()?;
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/smtp-sink.py");
        let mut cmd = Command::new(python);
        cmd.arg(script).arg("--port").arg(self.port.to_string()).arg("--dir").arg(&self.dir);
        for r in &self.options.refuse {
            cmd.arg("--refuse").arg(r);
        }
        match self.options.tls {
            Encryption::None => {}
            Encryption::StartTls => {
                cmd.args(["--tls", "starttls", "--ca-out"]).arg(&self.ca);
            }
            Encryption::Implicit => {
                cmd.args(["--tls", "implicit", "--ca-out"]).arg(&self.ca);
            }
        }
        if let Some((user, password)) = &self.options.auth {
            cmd.arg("--auth").arg(format!("{user}:{password}"));
        }
        if self.options.delay_ms > 0 {
            cmd.arg("--delay-ms").arg(self.options.delay_ms.to_string());
        }
        let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::inherit()).spawn().map_err(|e| e.to_string())?;
        let mut out = std::io::BufReader::new(child.stdout.take().expect("stdout"));
        let mut line = String::new();
        std::io::BufRead::read_line(&mut out, &mut line).map_err(|e| e.to_string())?;
        let port = line.trim().strip_prefix("listening ").and_then(|p| p.parse().ok());
        let Some(port) = port else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("the sink said {line:?}"));
        };
        self.port = port;
        self.child = Some(child);
        Ok(())
    }

    pub fn down(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// The plain URL, without TLS or AUTH.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// The URL for this sink's TLS mode, with `user:password@`.
    pub fn url_as(&self, user: &str, password: &str) -> String {
        let port = self.port;
        match self.options.tls {
            Encryption::None => format!("smtp://{user}:{password}@127.0.0.1:{port}"),
            Encryption::StartTls => format!("smtp://{user}:{password}@127.0.0.1:{port}?tls=required"),
            Encryption::Implicit => format!("smtps://{user}:{password}@127.0.0.1:{port}"),
        }
    }

    /// The messages received so far, oldest first.
    pub fn messages(&self) -> Vec<serde_json::Value> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&self.dir)
            .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        files.retain(|p| p.extension().is_some_and(|e| e == "json"));
        files.sort();
        files.iter().map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()).collect()
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        self.down();
    }
}
