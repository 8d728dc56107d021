//! Attached files, content-addressed on local disk: `attachments/ab/abcd…`
//! under the data folder, named by their SHA-256. Every upload is checked
//! and cleaned of its hidden data first ([`prepare`], [`super::scrub`]);
//! only the clean bytes are written, and no original is kept, for any
//! kind of appeal (a corruption report's original would be one leak away
//! from the institution it is about). The same file sent twice is kept
//! once; a file is written whole (temporary file, fsync, rename) only once
//! the form is valid, before the appeal that names it is committed, and is
//! removed again if filing then fails ([`forget`]).

use super::new::Upload;
use crate::i18n::Tr;
use adaldyq_domain::attachment::{check, AttachmentLimits, AttachmentProblem};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

pub fn path_of(data_dir: &Path, sha256: &str) -> Option<PathBuf> {
    let valid = sha256.len() == 64 && sha256.bytes().all(|b| b.is_ascii_hexdigit());
    valid.then(|| data_dir.join("attachments").join(&sha256[..2]).join(sha256))
}

/// Stores the bytes and returns their SHA-256 (hex), and whether this call
/// wrote them (false: the same content was there already).
pub async fn save(data_dir: &Path, bytes: &[u8]) -> std::io::Result<(String, bool)> {
    let sha: String = Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect();
    let path = path_of(data_dir, &sha).expect("a fresh digest is valid");
    if tokio::fs::try_exists(&path).await.unwrap_or(false) {
        return Ok((sha, false));
    }
    let dir = path.parent().expect("a path under attachments/");
    tokio::fs::create_dir_all(dir).await?;
    let mut suffix = [0u8; 8];
    getrandom::fill(&mut suffix).map_err(|e| std::io::Error::other(e.to_string()))?;
    let tmp = dir.join(format!(".{sha}.{}", suffix.iter().map(|b| format!("{b:02x}")).collect::<String>()));
    let bytes = bytes.to_vec();
    let (tmp2, path2) = (tmp.clone(), path.clone());
    tokio::task::spawn_blocking(move || -> std::io::Result<()> {
        use std::io::Write;
        let mut f = std::fs::File::create(&tmp2)?;
        f.write_all(&bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp2, &path2)
    })
    .await
    .map_err(std::io::Error::other)??;
    Ok((sha, true))
}

/// An attached file as a download (never shown inline), under `name`: the
/// filer's own name, or the neutral one for whoever may not know the filer
/// (RFC 6266 `filename*` for non-ASCII names).
pub async fn send(
    data_dir: &Path,
    file: &adaldyq_store::Attachment,
    name: &str,
) -> Result<axum::response::Response, crate::error::AppError> {
    use axum::http::{header, HeaderValue};
    use axum::response::IntoResponse;
    let bytes = read(data_dir, &file.sha256)
        .await
        .map_err(|e| crate::error::AppError::Internal(format!("attachment {}: {e}", file.id)))?;
    let mut r = bytes.into_response();
    let h = r.headers_mut();
    let media = HeaderValue::from_str(&file.media_type).unwrap_or(HeaderValue::from_static("application/octet-stream"));
    h.insert(header::CONTENT_TYPE, media);
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    let plain = |c: u8| c.is_ascii_alphanumeric() || b".-_".contains(&c);
    let ascii: String = name.bytes().map(|b| if plain(b) { b as char } else { '_' }).collect();
    let encoded: String =
        name.bytes().map(|b| if plain(b) { (b as char).to_string() } else { format!("%{b:02X}") }).collect();
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(r)
}

/// A file checked and cleaned, not yet written.
pub(crate) struct Clean {
    pub(crate) name: String,
    pub(crate) media_type: &'static str,
    pub(crate) bytes: Vec<u8>,
}

/// Checks every file against the limits and cleans it of its hidden data
/// ([`super::scrub`]); nothing is written. Every refusal names its file,
/// under the form's `files` field.
pub(crate) async fn prepare(
    tr: Tr,
    uploads: &[Upload],
    limits: &AttachmentLimits,
) -> Result<Vec<Clean>, Vec<(String, String)>> {
    let mut errors = Vec::new();
    if uploads.len() > limits.max_count {
        errors.push(("files".to_owned(), tr.count("file-too-many", limits.max_count as i64)));
    }
    let mut checked = Vec::new();
    for u in uploads {
        match check(&u.bytes, limits) {
            Ok(media_type) => checked.push((u.name.clone(), media_type, u.bytes.clone())),
            Err(problem) => errors.push(("files".to_owned(), problem_text(tr, &u.name, problem, limits))),
        }
    }
    // Past the count nothing is cleaned (that is CPU spent for nothing);
    // otherwise every file is, so that all refusals come back at once.
    if uploads.len() > limits.max_count {
        return Err(errors);
    }
    // Decoding and encoding photos is CPU work: off the async runtime.
    let cleaned = tokio::task::spawn_blocking(move || {
        checked
            .into_iter()
            .map(|(name, media_type, bytes)| {
                let clean = super::scrub::scrub(media_type, &bytes);
                (name, media_type, clean)
            })
            .collect::<Vec<_>>()
    })
    .await
    // Only a runtime shutting down gets here (`scrub` catches panics).
    .map_err(|_| vec![("files".to_owned(), tr.t("files-again"))])?;
    let mut out = Vec::new();
    for (name, media_type, clean) in cleaned {
        match clean {
            Ok(bytes) => out.push(Clean { name, media_type, bytes }),
            Err(_) => errors.push(("files".to_owned(), problem_text(tr, &name, AttachmentProblem::Unreadable, limits))),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

fn problem_text(tr: Tr, name: &str, problem: AttachmentProblem, limits: &AttachmentLimits) -> String {
    let name = ("name", name.to_owned());
    match problem {
        AttachmentProblem::TooLarge => {
            tr.with("file-too-large", &[name, ("max", (limits.max_bytes / (1024 * 1024)).to_string())])
        }
        AttachmentProblem::Empty => tr.with("file-empty", &[name]),
        AttachmentProblem::Forbidden => tr.with("file-forbidden", &[name]),
        AttachmentProblem::Heif => tr.with("file-heif", &[name]),
        AttachmentProblem::LegacyOffice => tr.with("file-legacy-office", &[name]),
        AttachmentProblem::Unreadable => tr.with("file-unreadable", &[name]),
    }
}

/// What [`store`] wrote: the rows to record, and the files this request
/// wrote itself (to remove if the rows are not recorded after all).
pub(crate) struct Stored {
    pub(crate) attachments: Vec<adaldyq_store::NewAttachment>,
    written: Vec<String>,
}

/// Writes cleaned files and describes them for the store.
pub(crate) async fn store(data_dir: &Path, files: &[Clean]) -> Result<Stored, crate::error::AppError> {
    let mut stored = Stored { attachments: Vec::new(), written: Vec::new() };
    for f in files {
        let (sha256, wrote) =
            save(data_dir, &f.bytes).await.map_err(|e| crate::error::AppError::Internal(e.to_string()))?;
        if wrote {
            stored.written.push(sha256.clone());
        }
        stored.attachments.push(adaldyq_store::NewAttachment {
            sha256,
            name: f.name.clone(),
            media_type: f.media_type.to_owned(),
            size: f.bytes.len() as i64,
        });
    }
    Ok(stored)
}

/// Filing or adding failed after the files were written: removes the ones
/// this request wrote that no attachment row refers to, so a refused form
/// leaves nothing on disk.
pub(crate) async fn forget(state: &crate::state::AppState, stored: &Stored) {
    for sha in &stored.written {
        match state.store.attachment_refs(sha).await {
            Ok(0) => {
                if let Some(path) = path_of(&state.config.data_dir, sha) {
                    if let Err(e) = tokio::fs::remove_file(&path).await {
                        tracing::warn!(error = %e, "removing a file whose filing failed");
                    }
                }
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "counting a file's references"),
        }
    }
}

/// The name `file` is shown and sent under: its own, or for a reader who
/// may not know the filer `file-N.ext`, N its place among `all` (the
/// appeal's files in order).
pub fn shown_name(file: &adaldyq_store::Attachment, all: &[adaldyq_store::Attachment], neutral: bool) -> String {
    if !neutral {
        return file.name.clone();
    }
    let position = all.iter().position(|f| f.id == file.id).map_or(0, |i| i + 1);
    adaldyq_domain::attachment::neutral_name(position, &file.media_type)
}

pub async fn read(data_dir: &Path, sha256: &str) -> std::io::Result<Vec<u8>> {
    let path = path_of(data_dir, sha256).ok_or_else(|| std::io::Error::other("not a digest"))?;
    tokio::fs::read(path).await
}

#[cfg(test)]
mod tests {
    #[tokio::test]
    async fn files_are_stored_once_by_content() {
        let dir = std::env::temp_dir().join(format!("adaldyq-files-{}", std::process::id()));
        let (a, wrote) = super::save(&dir, b"%PDF-1.7 one").await.unwrap();
        let (b, again) = super::save(&dir, b"%PDF-1.7 one").await.unwrap();
        assert_eq!(a, b);
        assert!(wrote && !again, "the second save finds it there");
        assert_eq!(super::read(&dir, &a).await.unwrap(), b"%PDF-1.7 one");
        assert!(super::path_of(&dir, "../../etc/passwd").is_none(), "only digests name files");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
