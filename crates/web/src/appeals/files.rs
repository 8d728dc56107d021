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
