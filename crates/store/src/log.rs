//! The transparency log's side of the store that does not depend on the
//! backend: what a leaf says about an event (one function, used when the
//! event is written and again by `log verify`).

use adaldyq_tlog::leaf::{content_hash, Leaf};

/// What an appeal looks like after an event: everything about it that the
/// platform acts on (where it stands, who has it, until when, its files). Each
/// event stores this and its leaf commits to it, so the appeal's current row
/// is a function of its logged events: `log verify` recomputes it from the
/// last event and names every difference. Serialised in field order, so one
/// state has one byte string.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AppealState {
    pub status: String,
    pub institution: Option<i64>,
    pub assignee: Option<i64>,
    pub category: Option<i64>,
    pub term_days: i64,
    pub due_on: String,
    /// (row id, SHA-256 of the stored bytes) of every attached file, by id.
    pub files: Vec<(i64, String)>,
}

impl AppealState {
    pub fn encode(&self) -> String {
        serde_json::to_string(self).expect("plain fields serialise")
    }

    pub fn decode(s: &str) -> Option<AppealState> {
        serde_json::from_str(s).ok()
    }

    /// Each field where `self` (the database) departs from `logged` (what the
    /// last event says), in words: "due_on is 2026-05-01, the log says 2026-04-20".
    pub fn differences(&self, logged: &AppealState) -> Vec<String> {
        fn opt(v: Option<i64>) -> String {
            v.map_or_else(|| "none".to_owned(), |v| v.to_string())
        }
        let mut out = Vec::new();
        let mut cmp = |name: &str, db: String, log: String| {
            if db != log {
                out.push(format!("{name} is {db}, the log says {log}"));
            }
        };
        cmp("status", self.status.clone(), logged.status.clone());
        cmp("institution", opt(self.institution), opt(logged.institution));
        cmp("assignee", opt(self.assignee), opt(logged.assignee));
        cmp("category", opt(self.category), opt(logged.category));
        cmp("term_days", self.term_days.to_string(), logged.term_days.to_string());
        cmp("due_on", self.due_on.clone(), logged.due_on.clone());
        let db: std::collections::BTreeMap<i64, &str> = self.files.iter().map(|(i, h)| (*i, h.as_str())).collect();
        let log: std::collections::BTreeMap<i64, &str> = logged.files.iter().map(|(i, h)| (*i, h.as_str())).collect();
        for (id, hash) in &log {
            match db.get(id) {
                None => out.push(format!("file {id} is missing, the log has it ({hash})")),
                Some(h) if h != hash => out.push(format!("file {id} has the hash {h}, the log says {hash}")),
                Some(_) => {}
            }
        }
        for (id, hash) in &db {
            if !log.contains_key(id) {
                out.push(format!("file {id} ({hash}) is not in the log"));
            }
        }
        out
    }
}

/// An appeal event as its leaf sees it.
#[derive(Debug, Clone, Copy)]
pub struct EventRecord<'a> {
    pub kind: &'a str,
    pub number: &'a str,
    pub at: i64,
    pub role: &'a str,
    /// The body (institution) holding the appeal when the event happened.
    pub institution: Option<i64>,
    pub salt: &'a [u8],
    pub body: &'a str,
    /// The subject and text, for the "filed" event.
    pub filed: Option<(&'a str, &'a str)>,
    /// The appeal's state after the event (encoded [`AppealState`]); `None`
    /// for events written before states were logged.
    pub state: Option<&'a str>,
    /// The acting user (committed to by the salted hash, never shown).
    pub actor_user_id: Option<i64>,
    /// A corruption report: its leaves show the time to the hour only.
    pub corruption_report: bool,
}

/// The bytes an appeal event's leaf commits to. Events with a state commit
/// to the exact time, the body, the filed text, the acting user and the
/// state; older ones to the body (and the filed text) only.
pub fn event_content(e: &EventRecord<'_>) -> Vec<u8> {
    let v = match (e.state, e.filed) {
        (Some(state), filed) => serde_json::json!({
            "v": 2,
            "at": e.at,
            "body": e.body,
            "filed": filed.map(|(s, t)| [s, t]),
            "actor": e.actor_user_id,
            "state": state,
        }),
        (None, Some((subject, text))) => serde_json::json!([e.body, subject, text]),
        (None, None) => serde_json::json!([e.body]),
    };
    serde_json::to_vec(&v).expect("strings serialise")
}

/// Seconds a corruption report's public leaf time is rounded down to: an
/// institution must not match a report against its own network logs.
pub const CORRUPTION_TIME_GRAIN: i64 = 3600;

/// The time a leaf shows for an event.
pub fn public_time(e: &EventRecord<'_>) -> i64 {
    if e.corruption_report && e.state.is_some() {
        e.at - e.at.rem_euclid(CORRUPTION_TIME_GRAIN)
    } else {
        e.at
    }
}

/// The leaf of an appeal event.
pub fn event_leaf(e: &EventRecord<'_>) -> Leaf {
    Leaf {
        kind: e.kind.to_owned(),
        appeal: Some(e.number.to_owned()),
        at: public_time(e),
        role: e.role.to_owned(),
        body: e.institution,
        content: content_hash(e.salt, &event_content(e)),
    }
}

/// The leaf of a change to the calendar, routing or roles.
pub fn audit_leaf(kind: &str, at: i64, role: &str, salt: &[u8], body: &str) -> Leaf {
    Leaf {
        kind: kind.to_owned(),
        appeal: None,
        at,
        role: role.to_owned(),
        body: None,
        content: content_hash(salt, &serde_json::to_vec(&serde_json::json!([body])).expect("strings serialise")),
    }
}

/// A fresh 16-byte salt.
pub fn new_salt() -> Vec<u8> {
    let mut s = vec![0u8; 16];
    getrandom::fill(&mut s).expect("the operating system's random source");
    s
}

pub(crate) fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

use crate::{CheckpointRow, Integration, LogStore, Store, StoreError};
use adaldyq_tlog::note::{open_checkpoint, LogKey, NoteError};
use adaldyq_tlog::tree::{
    check_consistency_args, check_inclusion_args, stored_hash_index, Hash, Lookup, ProofError, Tree,
};
use std::collections::{HashMap, HashSet};

#[derive(Debug, thiserror::Error)]
pub enum LogError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Proof(#[from] ProofError),
    #[error(transparent)]
    Note(#[from] NoteError),
}

/// Leaves a checkpointer round takes at most (memory stays bounded).
const ROUND: u64 = 50_000;

/// Runs a tree computation over the database's stored hashes, fetching what
/// it asks for until it has all (a few rounds: one per `read_hashes`).
pub async fn with_hashes<T>(
    store: &dyn LogStore,
    lookup: &mut Lookup,
    f: impl Fn(&Lookup) -> Result<T, tlog_tiles::Error>,
) -> Result<T, LogError> {
    for _ in 0..8 {
        match lookup.run(&f)? {
            Ok(v) => return Ok(v),
            Err(need) => {
                let got = store.log_hashes(&need).await?;
                if got.len() != need.len() {
                    return Err(ProofError::Missing.into());
                }
                for (i, h) in got {
                    lookup.add(i, to_hash(&h)?);
                }
            }
        }
    }
    Err(ProofError::Missing.into())
}

fn to_hash(bytes: &[u8]) -> Result<Hash, LogError> {
    Ok(Hash(bytes.try_into().map_err(|_| ProofError::Missing)?))
}

/// One round of the checkpointer: puts the new leaves into the tree and
/// signs a checkpoint of it. `None` when there was nothing new.
pub async fn integrate(store: &dyn Store, key: &LogKey, now: i64) -> Result<Option<CheckpointRow>, LogError> {
    let state = store.log_state().await?;
    if state.size == state.integrated {
        return Ok(None);
    }
    let from = state.integrated;
    let to = state.size.min(from + ROUND);
    let leaves = store.log_leaves(from, to).await?;
    if leaves.len() as u64 != to - from || leaves.iter().enumerate().any(|(i, (idx, _))| *idx != from + i as u64) {
        return Err(StoreError::Invalid(format!("the leaves {from}..{to} are not all there")).into());
    }
    let mut lookup = Lookup::new();
    let mut hashes = Vec::new();
    for (n, data) in &leaves {
        let h = tlog_tiles::record_hash(data);
        let new = with_hashes(store, &mut lookup, |r| tlog_tiles::stored_hashes_for_record_hash(*n, h, r)).await?;
        let first = stored_hash_index(0, *n);
        for (k, h) in new.into_iter().enumerate() {
            lookup.add(first + k as u64, h);
            hashes.push((first + k as u64, h.0));
        }
    }
    let root = with_hashes(store, &mut lookup, |r| tlog_tiles::tree_hash(to, r)).await?;
    let note = key.sign(to, &root)?;
    let checkpoint = CheckpointRow { size: to, root: root.0.to_vec(), note, created_at: now };
    let round = Integration { from, to, hashes, checkpoint: checkpoint.clone() };
    Ok(store.log_integrate(&round).await?.then_some(checkpoint))
}

/// The audit path of leaf `index` in the tree of `size` leaves.
pub async fn inclusion(store: &dyn Store, index: u64, size: u64) -> Result<Vec<Hash>, LogError> {
    let state = store.log_state().await?;
    check_inclusion_args(index, size, state.integrated)?;
    with_hashes(store, &mut Lookup::new(), |r| tlog_tiles::prove_record(size, index, r)).await
}

/// The proof that the tree of `from` leaves is a prefix of that of `to`.
pub async fn consistency(store: &dyn Store, from: u64, to: u64) -> Result<Vec<Hash>, LogError> {
    let state = store.log_state().await?;
    check_consistency_args(from, to, state.integrated)?;
    with_hashes(store, &mut Lookup::new(), |r| tlog_tiles::prove_tree(to, from, r)).await
}

/// What `log verify` found.
#[derive(Debug, Default)]
pub struct Report {
    pub leaves: u64,
    pub checkpoints: usize,
    pub events: usize,
    pub audits: usize,
    /// Events whose content a tombstone erased (their leaves still stand).
    pub erased: usize,
    /// Appeals checked against the state their last event logged.
    pub appeals: usize,
    /// Appeals whose last event predates logged states (nothing to compare).
    pub unlogged_states: usize,
    /// Checkpoints and records that a running server wrote after the check
    /// read the leaves: they point into the log as it stands at the end of
    /// the check, and the next check covers them.
    pub newer: usize,
    pub problems: Vec<String>,
}

impl Report {
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }
}

fn describe(leaf: &Leaf, other: &Leaf) -> String {
    let mut what = Vec::new();
    if leaf.kind != other.kind {
        what.push(format!("kind {} ≠ {}", other.kind, leaf.kind));
    }
    if leaf.appeal != other.appeal {
        what.push("appeal".to_owned());
    }
    if leaf.at != other.at {
        what.push(format!("time {} ≠ {}", other.at, leaf.at));
    }
    if leaf.role != other.role {
        what.push(format!("role {} ≠ {}", other.role, leaf.role));
    }
    if leaf.body != other.body {
        what.push("body".to_owned());
    }
    if leaf.content != other.content {
        what.push("content".to_owned());
    }
    what.join(", ")
}

/// Rebuilds the tree from the database's leaves and checks every stored
/// checkpoint (signature, root, consistency), the stored tree hashes, and
/// that every appeal event and audited change is the leaf it points to.
pub async fn verify(store: &dyn Store, log_vkey: &str) -> Result<Report, LogError> {
    let mut report = Report::default();
    let state = store.log_state().await?;
    // The leaves, in order, without gaps.
    let mut tree = Tree::new();
    let mut leaves: Vec<Vec<u8>> = Vec::new();
    let mut next = 0u64;
    while next < state.size {
        // Only up to the size read above: a live server appends meanwhile.
        let page = store.log_leaves(next, (next + 10_000).min(state.size)).await?;
        if page.is_empty() {
            report.problems.push(format!("leaves {next}..{} are missing", state.size));
            break;
        }
        for (idx, data) in page {
            if idx != next {
                report
                    .problems
                    .push(format!("leaf {next} is missing: the leaves jump from {} to {idx}", next as i64 - 1));
                next = idx;
            }
            tree.push(&data);
            leaves.push(data);
            next += 1;
        }
        if next > state.size {
            break;
        }
    }
    report.leaves = leaves.len() as u64;
    if leaves.len() as u64 != state.size {
        report.problems.push(format!("the log says it has {} leaves, the database holds {}", state.size, leaves.len()));
    }
    // Checkpoints: signed by the log's key, and the root of the leaves.
    let checkpoints = store.checkpoints().await?;
    report.checkpoints = checkpoints.len();
    // What points past the leaves read (a live server goes on appending):
    // judged at the end against the log's size then.
    let mut late_checkpoints: Vec<u64> = Vec::new();
    let mut late_records: Vec<(String, i64)> = Vec::new();
    for c in &checkpoints {
        match open_checkpoint(&c.note, log_vkey) {
            Err(e) => report.problems.push(format!("the checkpoint of size {}: {e}", c.size)),
            Ok(opened) => {
                if opened.size != c.size || opened.root.0[..] != c.root[..] {
                    report.problems.push(format!("the checkpoint of size {} does not say what its row says", c.size));
                }
                match tree.root_at(opened.size) {
                    None if opened.size > state.size => late_checkpoints.push(opened.size),
                    None => report.problems.push(format!(
                        "the checkpoint of size {} is larger than the log ({} leaves): leaves were dropped",
                        opened.size,
                        tree.size()
                    )),
                    Some(root) if root != opened.root => report.problems.push(format!(
                        "the checkpoint of size {} does not match the leaves: they were rewritten, reordered or dropped",
                        opened.size
                    )),
                    Some(_) => {}
                }
            }
        }
    }
    // The stored tree hashes are the ones the leaves give.
    let stored_count = tlog_tiles::stored_hash_count(state.integrated.min(tree.size()));
    let mut start = 0u64;
    while start < stored_count {
        let end = (start + 5_000).min(stored_count);
        let want: Vec<u64> = (start..end).collect();
        let got: HashMap<u64, Vec<u8>> = store.log_hashes(&want).await?.into_iter().collect();
        for i in want {
            match got.get(&i) {
                Some(h) if h[..] == tree.stored()[i as usize].0[..] => {}
                _ => {
                    report.problems.push(format!("the stored tree hash {i} does not match the leaves"));
                    break;
                }
            }
        }
        start = end;
    }
    // Every event is the leaf it points to; every appeal leaf has its event.
    let decoded: Vec<Option<Leaf>> = leaves.iter().map(|d| Leaf::decode(d).ok()).collect();
    for (i, l) in decoded.iter().enumerate() {
        if l.is_none() {
            report.problems.push(format!("leaf {i} is not a well-formed leaf"));
        }
    }
    let mut claimed: HashSet<u64> = HashSet::new();
    let tombstones: HashMap<String, i64> = store.tombstones().await?.into_iter().collect();
    let mut after = 0i64;
    loop {
        let events = store.logged_events(after, 5_000).await?;
        let Some(last) = events.last() else { break };
        after = last.event_id;
        for e in &events {
            report.events += 1;
            let what = format!("event {} ({}) of appeal {}", e.event_id, e.kind, e.number);
            let Some(idx) = e.leaf_index else {
                report.problems.push(format!("{what} is not in the log"));
                continue;
            };
            let mut want = event_leaf(&EventRecord {
                kind: &e.kind,
                number: &e.number,
                at: e.at,
                role: &e.actor_role,
                institution: e.institution_id,
                salt: &e.salt,
                body: &e.body,
                filed: (e.kind == "filed").then_some((e.subject.as_str(), e.text.as_str())),
                state: e.state.as_deref(),
                actor_user_id: e.actor_user_id,
                corruption_report: e.corruption_report,
            });
            // Content a later tombstone erased: the leaf keeps what it was.
            let erased = tombstones.get(&e.number).is_some_and(|t| e.event_id < *t);
            if idx as u64 >= state.size {
                late_records.push((what, idx));
                continue;
            }
            match decoded.get(idx as usize) {
                None => report.problems.push(format!("{what} points to leaf {idx}, which is not in the log")),
                Some(None) => {}
                Some(Some(leaf)) if erased && leaf.content != want.content => {
                    report.erased += 1;
                    want.content = leaf.content;
                    if *leaf != want {
                        report.problems.push(format!("{what} differs from its leaf {idx}: {}", describe(leaf, &want)))
                    }
                }
                Some(Some(leaf)) if *leaf != want => {
                    report.problems.push(format!("{what} differs from its leaf {idx}: {}", describe(leaf, &want)))
                }
                Some(Some(_)) => {}
            }
            if !claimed.insert(idx as u64) {
                report.problems.push(format!("{what} points to leaf {idx}, which another event also claims"));
            }
        }
    }
    for a in store.logged_audits().await? {
        report.audits += 1;
        let what = format!("the {} change {}", a.kind, a.id);
        let (Some(idx), Some(salt)) = (a.leaf_index, a.salt.as_ref()) else {
            report.problems.push(format!("{what} is not in the log"));
            continue;
        };
        let want = audit_leaf(&a.kind, a.at, &a.actor_role, salt, &a.body);
        if idx as u64 >= state.size {
            late_records.push((what, idx));
            continue;
        }
        match decoded.get(idx as usize) {
            None => report.problems.push(format!("{what} points to leaf {idx}, which is not in the log")),
            Some(Some(leaf)) if *leaf != want => {
                report.problems.push(format!("{what} differs from its leaf {idx}: {}", describe(leaf, &want)))
            }
            _ => {}
        }
        if !claimed.insert(idx as u64) {
            report.problems.push(format!("{what} points to leaf {idx}, which another record also claims"));
        }
    }
    // Every appeal stands where its last logged event left it.
    let mut after = 0i64;
    loop {
        let page = store.appeal_states(after, 5_000).await?;
        let Some(last) = page.last() else { break };
        after = last.appeal_id;
        for a in &page {
            report.appeals += 1;
            let Some(logged) = &a.logged else {
                report.unlogged_states += 1;
                continue;
            };
            match AppealState::decode(logged) {
                None => report.problems.push(format!("appeal {}: its last event's state is unreadable", a.number)),
                Some(logged) => {
                    for d in a.current.differences(&logged) {
                        report.problems.push(format!("appeal {}: {d} (its last event)", a.number));
                    }
                }
            }
        }
    }
    let numbers: HashSet<String> = store.appeal_numbers().await?.into_iter().collect();
    for (i, l) in decoded.iter().enumerate() {
        let Some(l) = l else { continue };
        if claimed.contains(&(i as u64)) {
            continue;
        }
        match &l.appeal {
            Some(n) if !numbers.contains(n) => report
                .problems
                .push(format!("leaf {i} ({}) names appeal {n}, which is not in the database: it was deleted", l.kind)),
            Some(n) => report.problems.push(format!("leaf {i} ({}, appeal {n}) has no event in the database", l.kind)),
            None => report.problems.push(format!("leaf {i} ({}) has no record in the database", l.kind)),
        }
    }
    // What was written while the check ran must be in the log as it stands
    // now; anything beyond it is missing, as on a quiet log.
    if !late_checkpoints.is_empty() || !late_records.is_empty() {
        let size = store.log_state().await?.size;
        for c in late_checkpoints {
            if c <= size {
                report.newer += 1;
            } else {
                report.problems.push(format!(
                    "the checkpoint of size {c} is larger than the log ({size} leaves): leaves were dropped"
                ));
            }
        }
        for (what, idx) in late_records {
            if (idx as u64) < size {
                report.newer += 1;
            } else {
                report.problems.push(format!("{what} points to leaf {idx}, which is not in the log"));
            }
        }
    }
    Ok(report)
}
