//! Password hashing with Argon2id (the `argon2` crate's defaults, OWASP's
//! minimum: 19 MiB, 2 passes). Hashing runs off the async workers.

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

pub fn hash(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .expect("Argon2id accepts any password of bounded length")
        .to_string()
}

pub fn verify(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
        .unwrap_or(false)
}

pub async fn hash_async(password: String) -> String {
    tokio::task::spawn_blocking(move || hash(&password)).await.expect("the hashing task")
}

/// Verifies against the stored hash, or against a fixed dummy when there is
/// no user, so that the time taken does not tell whether an account exists.
pub async fn verify_async(password: String, stored: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || match stored {
        Some(s) => verify(&password, &s),
        None => {
            verify(&password, DUMMY.as_str());
            false
        }
    })
    .await
    .unwrap_or(false)
}

static DUMMY: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| hash("not a real password"));

#[cfg(test)]
mod tests {
    #[test]
    fn a_hash_verifies_only_its_password() {
        let h = super::hash("құпия сөз ұзын");
        assert!(h.starts_with("$argon2id$"));
        assert!(super::verify("құпия сөз ұзын", &h));
        assert!(!super::verify("басқа сөз", &h));
        assert!(!super::verify("x", "not a hash"));
    }
}
