//! The transparency log's commands: `log verify` (the database, or a
//! remote server through its public endpoints), `receipt verify` and
//! `witness`.

use crate::config::Settings;
use crate::serve::open_store;
use adaldyq_tlog::leaf::Leaf;
use adaldyq_tlog::note::{open_checkpoint, LogKey, Opened, WitnessKey};
use adaldyq_tlog::{verify_consistency, verify_inclusion, Hash, Tree};
use anyhow::{anyhow, bail, Context};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use serde_json::{json, Value};
use std::path::Path;
use std::time::Duration;

/// A log server reached over HTTP.
struct Remote {
    base: String,
    agent: ureq::Agent,
}

impl Remote {
    fn new(url: &str) -> Remote {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(30)))
            .http_status_as_error(false)
            .build();
        Remote { base: url.trim_end_matches('/').to_owned(), agent: config.into() }
    }

    fn get(&self, path: &str) -> anyhow::Result<String> {
        let url = format!("{}{path}", self.base);
        let mut r = self.agent.get(&url).call().with_context(|| format!("GET {url}"))?;
        let status = r.status();
        let body = r.body_mut().read_to_string().with_context(|| format!("GET {url}"))?;
        if !status.is_success() {
            bail!("GET {url}: {status}: {}", body.chars().take(300).collect::<String>());
        }
        Ok(body)
    }

    fn get_json(&self, path: &str) -> anyhow::Result<Value> {
        let body = self.get(path)?;
        serde_json::from_str(&body).with_context(|| format!("{path}: not JSON"))
    }

    fn post_json(&self, path: &str, body: &Value) -> anyhow::Result<(u16, String)> {
        let url = format!("{}{path}", self.base);
        let mut r = self
            .agent
            .post(&url)
            .header("content-type", "application/json")
            .send(body.to_string())
            .with_context(|| format!("POST {url}"))?;
        let status = r.status().as_u16();
        Ok((status, r.body_mut().read_to_string().unwrap_or_default()))
    }

    fn key(&self) -> anyhow::Result<String> {
        Ok(self.get("/api/v1/log/key")?.trim().to_owned())
    }

    fn checkpoint(&self, key: &str) -> anyhow::Result<Opened> {
        let note = self.get("/api/v1/log/checkpoint")?;
        open_checkpoint(&note, key).map_err(|e| anyhow!("the log's latest checkpoint: {e}"))
    }

    fn consistency(&self, from: u64, to: u64) -> anyhow::Result<Vec<Hash>> {
        hashes(&self.get_json(&format!("/api/v1/log/consistency?from={from}&to={to}"))?["hashes"])
    }
}

fn hashes(v: &Value) -> anyhow::Result<Vec<Hash>> {
    v.as_array()
        .ok_or_else(|| anyhow!("a proof must be a list of hashes"))?
        .iter()
        .map(|h| {
            let bytes = B64.decode(h.as_str().unwrap_or_default()).map_err(|_| anyhow!("a hash is not base64"))?;
            Ok(Hash(bytes.try_into().map_err(|_| anyhow!("a hash is not 32 bytes"))?))
        })
        .collect()
}

/// Checks that the log grew from `old` to `new` without rewriting anything.
/// The outer error: the log could not be asked; the inner one: it answered,
/// and what it shows is inconsistent with what it showed before.
fn check_growth(remote: &Remote, old: (u64, Hash), new: &Opened) -> anyhow::Result<Result<(), String>> {
    let (size, root) = old;
    if new.size < size {
        return Ok(Err(format!("the log shrank: it showed {size} entries before and now shows {}", new.size)));
    }
    if new.size == size {
        if new.root != root {
            return Ok(Err(format!("the log shows two different trees of {size} entries: it was forked or rewritten")));
        }
        return Ok(Ok(()));
    }
    let proof = remote.consistency(size, new.size)?;
    Ok(verify_consistency(&root, size, &new.root, new.size, &proof).map_err(|_| {
        format!(
            "the log's tree of {} entries is not an extension of the one of {size} it showed before: it was forked or rewritten",
            new.size
        )
    }))
}

/// `adaldyq log verify`: the database (default) or a server (`--url`).
pub async fn log_verify(settings: &Settings, url: Option<&str>, key: Option<&str>) -> anyhow::Result<()> {
    match url {
        Some(url) => verify_remote(url, key),
        None => verify_local(settings, key).await,
    }
}

async fn verify_local(settings: &Settings, key: Option<&str>) -> anyhow::Result<()> {
    let vkey = match key {
        Some(k) => k.to_owned(),
        None => LogKey::load(&settings.data_dir.join("log.key"))
            .map_err(|e| anyhow!("{e} (or give the log's public key with --key)"))?
            .verifier_key()
            .to_owned(),
    };
    let store = open_store(settings).await?;
    let report = adaldyq_store::log::verify(store.as_ref(), &vkey).await;
    let files = match &report {
        Ok(_) => stored_files_match(store.as_ref(), &settings.data_dir).await,
        Err(_) => Ok((0, vec![])),
    };
    store.close().await;
    let mut report = report?;
    let (file_count, file_problems) = files?;
    report.problems.extend(file_problems);
    println!(
        "{} leaves, {} signed checkpoints, {} appeal events, {} changes of the calendar, routing and roles checked.",
        report.leaves, report.checkpoints, report.events, report.audits
    );
    println!(
        "{} appeals checked against the state their last logged event gives ({} predate logged states); \
         {file_count} stored files against their logged hashes.",
        report.appeals, report.unlogged_states
    );
    if report.newer > 0 {
        println!(
            "{} checkpoints and records were written while the check ran; the next check covers them.",
            report.newer
        );
    }
    if report.erased > 0 {
        println!(
            "{} events lost their content to a logged tombstone (hidden or erased); their leaves stand.",
            report.erased
        );
    }
    if report.ok() {
        println!("The log verifies: nothing was deleted, rewritten or reordered.");
        Ok(())
    } else {
        for p in &report.problems {
            println!("PROBLEM: {p}");
        }
        bail!("the log does not verify: {} problem(s)", report.problems.len())
    }
}

fn verify_remote(url: &str, key: Option<&str>) -> anyhow::Result<()> {
    let remote = Remote::new(url);
    let served = remote.key()?;
    let vkey = match key {
        Some(k) if k != served => bail!("the server's key {served} is not the one given ({k})"),
        Some(k) => k.to_owned(),
        None => {
            println!("Using the key the server gives: {served} (compare it with the one the operator published).");
            served
        }
    };
    let checkpoint = remote.checkpoint(&vkey)?;
    let mut tree = Tree::new();
    let mut start = 0;
    while start < checkpoint.size {
        let end = (start + 1000).min(checkpoint.size);
        let page = remote.get_json(&format!("/api/v1/log/leaves?start={start}&end={end}"))?;
        let leaves = page["leaves"].as_array().ok_or_else(|| anyhow!("leaves {start}..{end}: no list"))?;
        if leaves.len() as u64 != end - start {
            bail!("the server gave {} leaves for {start}..{end}", leaves.len());
        }
        for (i, l) in leaves.iter().enumerate() {
            let index = start + i as u64;
            if l["index"].as_u64() != Some(index) {
                bail!("leaf {index} is missing from the server's answer");
            }
            let data =
                B64.decode(l["data"].as_str().unwrap_or_default()).map_err(|_| anyhow!("leaf {index}: bad base64"))?;
            if Leaf::decode(&data).is_err() {
                bail!("leaf {index} is not a well-formed leaf");
            }
            tree.push(&data);
        }
        start = end;
    }
    if tree.root() != checkpoint.root {
        bail!("the leaves the server gives do not make the tree its checkpoint of size {} signs", checkpoint.size);
    }
    println!(
        "The log at {url} verifies: its {} leaves rebuild the tree its signed checkpoint names ({}).",
        checkpoint.size,
        B64.encode(checkpoint.root.0)
    );
    Ok(())
}

/// The proof object of a receipt: a downloaded receipt (text with a proof
/// block) or the JSON itself.
fn read_receipt(path: &Path) -> anyhow::Result<Value> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let json = match text.split_once(adaldyq_web::appeals::proof::BEGIN) {
        Some((_, rest)) => rest.split(adaldyq_web::appeals::proof::END).next().unwrap_or_default(),
        None => &text,
    };
    let v: Value = serde_json::from_str(json.trim()).map_err(|_| anyhow!("{} holds no log proof", path.display()))?;
    Ok(if v.get("log").is_some() { v["log"].clone() } else { v })
}

/// `adaldyq receipt verify FILE --url URL`.
pub fn receipt_verify(file: &Path, url: &str) -> anyhow::Result<()> {
    let r = read_receipt(file)?;
    if r["pending"] == true {
        bail!("this receipt was saved before its checkpoint was signed: download it again to get the proof");
    }
    let number = r["appeal"].as_str().ok_or_else(|| anyhow!("the receipt names no appeal"))?;
    let index = r["leaf_index"].as_u64().ok_or_else(|| anyhow!("the receipt has no leaf index"))?;
    let vkey = r["log_key"].as_str().ok_or_else(|| anyhow!("the receipt has no log key"))?;
    let leaf =
        B64.decode(r["leaf"].as_str().unwrap_or_default()).map_err(|_| anyhow!("the receipt's leaf is not base64"))?;
    let decoded = Leaf::decode(&leaf).map_err(|e| anyhow!("the receipt's leaf: {e}"))?;
    if decoded.appeal.as_deref() != Some(number) || decoded.kind != "filed" {
        bail!("the receipt's leaf is not the filing of appeal {number}");
    }
    let old = open_checkpoint(r["checkpoint"].as_str().unwrap_or_default(), vkey)
        .map_err(|e| anyhow!("the receipt's checkpoint: {e}"))?;
    verify_inclusion(&old.root, old.size, index, &leaf, &hashes(&r["inclusion"])?).map_err(|_| {
        anyhow!("the receipt's inclusion proof does not verify: entry {index} is not in its checkpoint")
    })?;
    println!(
        "Appeal {number} is entry {index} of the checkpoint of size {} in the receipt (signature checked).",
        old.size
    );
    let remote = Remote::new(url);
    let served = remote.key()?;
    if served != vkey {
        bail!("the server at {url} signs with another key ({served}) than the receipt's ({vkey})");
    }
    let now = remote.checkpoint(vkey)?;
    check_growth(&remote, (old.size, old.root), &now)?.map_err(|m| anyhow!(m))?;
    println!(
        "The log at {url} now has {} entries and is consistent with the receipt's checkpoint: the appeal is still there.",
        now.size
    );
    Ok(())
}

/// What a witness remembers: the last checkpoint it cosigned.
fn read_state(path: &Path) -> anyhow::Result<Option<(String, u64, Hash)>> {
    match std::fs::read_to_string(path) {
        Ok(text) => {
            let v: Value = serde_json::from_str(&text).with_context(|| format!("{}", path.display()))?;
            let root = B64.decode(v["root"].as_str().unwrap_or_default()).map_err(|_| anyhow!("bad state file"))?;
            Ok(Some((
                v["log_key"].as_str().unwrap_or_default().to_owned(),
                v["size"].as_u64().unwrap_or(0),
                Hash(root.try_into().map_err(|_| anyhow!("bad state file"))?),
            )))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(anyhow!("{}: {e}", path.display())),
    }
}

fn write_state(path: &Path, key: &str, c: &Opened) -> anyhow::Result<()> {
    let tmp = path.with_extension("tmp");
    let v = json!({ "log_key": key, "size": c.size, "root": B64.encode(c.root.0) });
    std::fs::write(&tmp, v.to_string())?;
    std::fs::rename(&tmp, path)?;
    Ok(())
}

pub struct WitnessArgs<'a> {
    pub log: &'a str,
    pub name: &'a str,
    pub log_key: Option<&'a str>,
    pub once: bool,
    pub key_only: bool,
    pub interval: Duration,
}

/// Exit status of `witness --once` when the log is inconsistent.
pub const INCONSISTENT: u8 = 3;

/// `adaldyq witness`: polls the log, checks each new checkpoint against the
/// last it cosigned, cosigns consistent ones and refuses the others loudly.
pub fn witness(data_dir: &Path, a: &WitnessArgs) -> anyhow::Result<u8> {
    let key = WitnessKey::load_or_create(&data_dir.join("witness.key"), a.name)
        .map_err(|e| anyhow!("the witness key: {e}"))?;
    println!("Witness key: {}", key.verifier_key());
    if a.key_only {
        return Ok(0);
    }
    let state_path = data_dir.join("witness-state.json");
    let remote = Remote::new(a.log);
    loop {
        let status = match witness_round(&remote, &key, &state_path, a.log_key) {
            Ok(msg) => {
                println!("{msg}");
                0
            }
            Err(Round::Inconsistent(msg)) => {
                eprintln!("ALERT: the log at {} is inconsistent: {msg}. Not cosigned.", a.log);
                tracing::error!(log = a.log, problem = %msg, "the log is inconsistent: refused to cosign");
                INCONSISTENT
            }
            Err(Round::Failed(e)) => {
                eprintln!("the witness could not check the log at {}: {e:#}", a.log);
                tracing::warn!(log = a.log, error = %e, "a witness round failed");
                1
            }
        };
        if a.once {
            return Ok(status);
        }
        std::thread::sleep(a.interval);
    }
}

enum Round {
    Inconsistent(String),
    Failed(anyhow::Error),
}

impl From<anyhow::Error> for Round {
    fn from(e: anyhow::Error) -> Round {
        Round::Failed(e)
    }
}

fn witness_round(remote: &Remote, key: &WitnessKey, state: &Path, pinned: Option<&str>) -> Result<String, Round> {
    let last = read_state(state)?;
    let log_key = match (pinned, &last) {
        (Some(k), _) => k.to_owned(),
        (None, Some((k, _, _))) => k.clone(),
        (None, None) => remote.key()?,
    };
    let note = remote.get("/api/v1/log/checkpoint")?;
    let c = open_checkpoint(&note, &log_key)
        .map_err(|e| Round::Inconsistent(format!("its checkpoint is malformed or not signed by its key ({e})")))?;
    if let Some((_, size, root)) = last {
        check_growth(remote, (size, root), &c)?.map_err(Round::Inconsistent)?;
        if c.size == size {
            return Ok(format!("No new checkpoint (size {size})."));
        }
    }
    let time = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let line = key.cosign(&c.text, time);
    write_state(state, &log_key, &c)?;
    let (status, body) = remote.post_json("/api/v1/log/cosignatures", &json!({ "size": c.size, "signature": line }))?;
    if status == 204 {
        Ok(format!("Cosigned the checkpoint of size {}.", c.size))
    } else {
        Ok(format!(
            "Checked the checkpoint of size {}; the log did not take the cosignature ({status}: {}). \
             Its operator must add this witness's key.",
            c.size,
            body.chars().take(200).collect::<String>()
        ))
    }
}

/// The attached files on disk are the bytes their rows' hashes name (the
/// rows themselves are checked against the log by `verify`).
async fn stored_files_match(
    store: &dyn adaldyq_store::Store,
    data_dir: &std::path::Path,
) -> anyhow::Result<(usize, Vec<String>)> {
    use sha2::{Digest, Sha256};
    let (mut count, mut problems, mut after) = (0usize, Vec::new(), 0i64);
    loop {
        let page = store.appeal_states(after, 5_000).await?;
        let Some(last) = page.last() else { break };
        after = last.appeal_id;
        for a in &page {
            for (id, sha) in &a.current.files {
                count += 1;
                let path = adaldyq_web::appeals::files::path_of(data_dir, sha);
                match path.map(std::fs::read) {
                    Some(Ok(bytes)) => {
                        let got: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
                        if &got != sha {
                            problems.push(format!(
                                "appeal {}: the stored file {id} is not the bytes its hash names",
                                a.number
                            ));
                        }
                    }
                    _ => problems.push(format!("appeal {}: the stored file {id} ({sha}) is missing", a.number)),
                }
            }
        }
    }
    Ok((count, problems))
}
