//! Attached files, content-addressed on local disk: `attachments/ab/abcd…`
//! under the data folder, named by their SHA-256. The same file sent twice
//! is kept once; a file is written whole (temporary file, fsync, rename)
//! before the appeal that names it is committed.

use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

pub fn path_of(data_dir: &Path, sha256: &str) -> Option<PathBuf> {
    let valid = sha256.len() == 64 && sha256.bytes().all(|b| b.is_ascii_hexdigit());
    valid.then(|| data_dir.join("attachments").join(&sha256[..2]).join(sha256))
}

/// Stores the bytes and returns their SHA-256 (hex).
pub async fn save(data_dir: &Path, bytes: &[u8]) -> std::io::Result<String> {
    let sha: String = Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect();
    let path = path_of(data_dir, &sha).expect("a fresh digest is valid");
    if tokio::fs::try_exists(&path).await.unwrap_or(false) {
        return Ok(sha);
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
    Ok(sha)
}

/// An attached file as a download (never shown inline), named as the
/// filer named it (RFC 6266 `filename*` for non-ASCII names).
pub async fn send(
    data_dir: &Path,
    file: &adaldyq_store::Attachment,
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
    let ascii: String = file.name.bytes().map(|b| if plain(b) { b as char } else { '_' }).collect();
    let encoded: String =
        file.name.bytes().map(|b| if plain(b) { (b as char).to_string() } else { format!("%{b:02X}") }).collect();
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(r)
}

/// Stores checked uploads and describes them for the store.
pub(crate) async fn store_uploads(
    data_dir: &Path,
    uploads: &[super::new::Upload],
    limits: &adaldyq_domain::attachment::AttachmentLimits,
) -> Result<Vec<adaldyq_store::NewAttachment>, crate::error::AppError> {
    let mut out = Vec::new();
    for u in uploads {
        let media_type = adaldyq_domain::attachment::check(&u.bytes, limits).unwrap_or("application/octet-stream");
        let sha256 = save(data_dir, &u.bytes).await.map_err(|e| crate::error::AppError::Internal(e.to_string()))?;
        out.push(adaldyq_store::NewAttachment {
            sha256,
            name: u.name.clone(),
            media_type: media_type.to_owned(),
            size: u.bytes.len() as i64,
        });
    }
    Ok(out)
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
        let a = super::save(&dir, b"%PDF-1.7 one").await.unwrap();
        let b = super::save(&dir, b"%PDF-1.7 one").await.unwrap();
        assert_eq!(a, b);
        assert_eq!(super::read(&dir, &a).await.unwrap(), b"%PDF-1.7 one");
        assert!(super::path_of(&dir, "../../etc/passwd").is_none(), "only digests name files");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
