//! The transparency-log proof of an appeal: the leaf of its "filed" event,
//! the latest signed checkpoint and the inclusion proof that links them. The
//! receipt, the track page and the API carry the same object, and
//! `adaldyq receipt verify` reads it back.

use crate::state::AppState;
use adaldyq_domain::appeal::EventKind;
use adaldyq_store::AppealEvent;
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use serde_json::{json, Value};

/// Marks the machine-readable proof inside a downloaded receipt.
pub const BEGIN: &str = "-----BEGIN ADALDYQ LOG PROOF-----";
pub const END: &str = "-----END ADALDYQ LOG PROOF-----";

pub enum Proof {
    /// The leaf is written; the next checkpoint (within a second) covers it.
    Pending {
        index: u64,
    },
    Ready {
        index: u64,
        leaf: Vec<u8>,
        size: u64,
        checkpoint: String,
        hashes: Vec<[u8; 32]>,
    },
}

impl Proof {
    pub fn index(&self) -> u64 {
        match self {
            Proof::Pending { index } | Proof::Ready { index, .. } => *index,
        }
    }

    /// The leaf's hash as the tree holds it (RFC 9162: SHA-256 of 0x00 and
    /// the leaf), in hex; empty while pending.
    pub fn leaf_hash_hex(&self) -> String {
        use sha2::{Digest, Sha256};
        match self {
            Proof::Pending { .. } => String::new(),
            Proof::Ready { leaf, .. } => hex(&Sha256::new().chain_update([0u8]).chain_update(leaf).finalize()),
        }
    }

    pub fn json(&self, number: &str, key: &str) -> Value {
        match self {
            Proof::Pending { index } => json!({ "appeal": number, "leaf_index": index, "pending": true }),
            Proof::Ready { index, leaf, size, checkpoint, hashes } => json!({
                "appeal": number,
                "leaf_index": index,
                "leaf": B64.encode(leaf),
                "size": size,
                "checkpoint": checkpoint,
                "inclusion": hashes.iter().map(|h| B64.encode(h)).collect::<Vec<_>>(),
                "log_key": key,
            }),
        }
    }
}

/// The proof of the appeal whose events these are; `None` for an appeal
/// filed before the log existed.
pub async fn of_events(state: &AppState, events: &[AppealEvent]) -> anyhow::Result<Option<Proof>> {
    let Some(index) = events.iter().find(|e| e.kind == EventKind::Filed).and_then(|e| e.leaf_index) else {
        return Ok(None);
    };
    let index = index as u64;
    let Some(c) = state.store.latest_checkpoint().await? else { return Ok(Some(Proof::Pending { index })) };
    if c.size <= index {
        return Ok(Some(Proof::Pending { index }));
    }
    let leaf = state.store.log_leaves(index, index + 1).await?.pop().map(|(_, d)| d).unwrap_or_default();
    let hashes = adaldyq_store::log::inclusion(state.store.as_ref(), index, c.size).await?;
    Ok(Some(Proof::Ready {
        index,
        leaf,
        size: c.size,
        checkpoint: c.note,
        hashes: hashes.iter().map(|h| h.0).collect(),
    }))
}

/// Bytes in lower-case hex, for the technical detail a person may copy.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
