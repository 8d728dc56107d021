//! The transparency log's public HTTP face: the latest signed checkpoint
//! (with witnesses' cosignatures), the log's key, the leaves, inclusion and
//! consistency proofs, and the door witnesses hand their cosignatures in by.

use crate::error::problem;
use crate::state::{now, AppState};
use adaldyq_store::log::{self, LogError};
use adaldyq_store::CosignatureRow;
use adaldyq_tlog::note::{open_checkpoint, WitnessVerifier};
use adaldyq_tlog::ProofError;
use axum::extract::{Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use serde::Deserialize;
use serde_json::json;

/// Most leaves one request may ask for.
pub const MAX_LEAVES: u64 = 1000;

fn text(body: String, cache: &'static str) -> Response {
    let mut r = body.into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
    r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    r
}

fn immutable(mut r: Response) -> Response {
    r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=31536000, immutable"));
    r
}

fn bad(detail: String) -> Response {
    problem(StatusCode::BAD_REQUEST, detail, json!({}))
}

fn failed(e: LogError) -> Response {
    match e {
        LogError::Proof(p @ (ProofError::IndexOutOfRange { .. } | ProofError::BadSizes { .. })) => bad(p.to_string()),
        other => {
            tracing::error!(error = %other, "the transparency log");
            problem(StatusCode::INTERNAL_SERVER_ERROR, "the log could not answer".into(), json!({}))
        }
    }
}

/// The latest checkpoint as a signed note, with the cosignatures stored for it.
pub async fn checkpoint_note(state: &AppState) -> adaldyq_store::Result<Option<(u64, String)>> {
    let Some(c) = state.store.latest_checkpoint().await? else { return Ok(None) };
    let mut note = c.note.clone();
    for s in state.store.cosignatures(c.size).await? {
        note.push_str(&s.line);
    }
    Ok(Some((c.size, note)))
}

pub async fn checkpoint(State(state): State<AppState>) -> Response {
    match checkpoint_note(&state).await {
        Ok(Some((_, note))) => text(note, "no-cache"),
        Ok(None) => problem(StatusCode::NOT_FOUND, "no checkpoint has been signed yet".into(), json!({})),
        Err(e) => failed(LogError::Store(e)),
    }
}

pub async fn key(State(state): State<AppState>) -> Response {
    text(format!("{}\n", state.config.log_key.verifier_key()), "public, max-age=3600")
}

/// A whole number as the document gives it: digits only (no sign, no
/// spaces), at most 2^63 - 1, the largest the store keeps.
fn number(q: &Option<String>, name: &str) -> Result<u64, String> {
    q.as_deref()
        .filter(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|v| v.parse::<i64>().ok())
        .map(|v| v as u64)
        .ok_or_else(|| format!("the parameter {name} is missing or not a whole number from 0 to 2^63 - 1"))
}

#[derive(Deserialize)]
pub struct LeavesQuery {
    start: Option<String>,
    end: Option<String>,
}

pub async fn leaves(State(state): State<AppState>, Query(q): Query<LeavesQuery>) -> Response {
    let (start, end) = match (number(&q.start, "start"), number(&q.end, "end")) {
        (Ok(s), Ok(e)) => (s, e),
        (Err(m), _) | (_, Err(m)) => return bad(m),
    };
    let size = match state.store.log_state().await {
        Ok(s) => s.integrated,
        Err(e) => return failed(e.into()),
    };
    if start >= end || end > size {
        return bad(format!("the range {start}..{end} is not within the log's {size} leaves (start < end ≤ size)"));
    }
    if end - start > MAX_LEAVES {
        return bad(format!("at most {MAX_LEAVES} leaves per request"));
    }
    match state.store.log_leaves(start, end).await {
        Ok(rows) => {
            let leaves: Vec<_> = rows
                .iter()
                .map(|(i, data)| {
                    json!({ "index": i, "data": B64.encode(data), "hash": B64.encode(adaldyq_tlog::tree::leaf_hash(data)) })
                })
                .collect();
            immutable(Json(json!({ "leaves": leaves })).into_response())
        }
        Err(e) => failed(e.into()),
    }
}

#[derive(Deserialize)]
pub struct InclusionQuery {
    index: Option<String>,
    size: Option<String>,
}

fn hashes(h: &[adaldyq_tlog::Hash]) -> Vec<String> {
    h.iter().map(|h| B64.encode(h.0)).collect()
}

pub async fn inclusion(State(state): State<AppState>, Query(q): Query<InclusionQuery>) -> Response {
    let (index, size) = match (number(&q.index, "index"), number(&q.size, "size")) {
        (Ok(i), Ok(s)) => (i, s),
        (Err(m), _) | (_, Err(m)) => return bad(m),
    };
    match log::inclusion(state.store.as_ref(), index, size).await {
        Ok(p) => immutable(Json(json!({ "index": index, "size": size, "hashes": hashes(&p) })).into_response()),
        Err(e) => failed(e),
    }
}

#[derive(Deserialize)]
pub struct ConsistencyQuery {
    from: Option<String>,
    to: Option<String>,
}

pub async fn consistency(State(state): State<AppState>, Query(q): Query<ConsistencyQuery>) -> Response {
    let (from, to) = match (number(&q.from, "from"), number(&q.to, "to")) {
        (Ok(f), Ok(t)) => (f, t),
        (Err(m), _) | (_, Err(m)) => return bad(m),
    };
    match log::consistency(state.store.as_ref(), from, to).await {
        Ok(p) => immutable(Json(json!({ "from": from, "to": to, "hashes": hashes(&p) })).into_response()),
        Err(e) => failed(e),
    }
}

#[derive(Deserialize)]
pub struct CosignatureInput {
    #[serde(default, deserialize_with = "crate::api::params::whole_u64")]
    size: u64,
    #[serde(default)]
    signature: String,
}

/// `POST /api/v1/log/cosignatures`: a witness the operator trusts hands in
/// its cosignature of a stored checkpoint. Checked before it is stored.
pub async fn cosign(State(state): State<AppState>, body: axum::body::Bytes) -> Response {
    let Ok(input) = serde_json::from_slice::<CosignatureInput>(&body) else {
        tracing::warn!("a malformed cosignature request was refused");
        return bad("the body must be JSON {\"size\": N, \"signature\": \"— name base64\\n\"}".into());
    };
    let checkpoint = match state.store.checkpoint(input.size).await {
        Ok(c) => c,
        Err(e) => return failed(e.into()),
    };
    let Some(checkpoint) = checkpoint else {
        return bad(format!("there is no checkpoint of size {}", input.size));
    };
    let text = match open_checkpoint(&checkpoint.note, state.config.log_key.verifier_key()) {
        Ok(o) => o.text,
        Err(e) => return failed(LogError::Note(e)),
    };
    let line = if input.signature.ends_with('\n') { input.signature.clone() } else { format!("{}\n", input.signature) };
    let witness = state.config.witnesses.iter().find_map(|vkey| {
        let v = WitnessVerifier::new(vkey).ok()?;
        v.verify_line(&text, &line).ok().map(|_| v.name().to_owned())
    });
    let Some(witness) = witness else {
        tracing::warn!(
            size = input.size,
            "a cosignature from no trusted witness, or not of this checkpoint, was refused"
        );
        return problem(
            StatusCode::FORBIDDEN,
            "the signature is not a cosignature of this checkpoint by a witness this log trusts".into(),
            json!({}),
        );
    };
    let row = CosignatureRow { size: input.size, witness, line, created_at: now() };
    match state.store.add_cosignature(&row).await {
        Ok(_) => (StatusCode::NO_CONTENT, "").into_response(),
        Err(e) => failed(e.into()),
    }
}
