//! Slowing down password guessing per account without telling whether the
//! account exists, and without letting a stranger lock its owner out.
//!
//! Failed attempts are counted per e-mail address typed (whether or not an
//! account has it) in memory, under a keyed hash: after a few in a window,
//! that address is throttled for the rest of the window, and every
//! throttled answer is the same. The owner still gets through from a
//! browser they signed in from before (a signed "known device" cookie,
//! counted on its own), or with the right password and the right
//! second-factor code together. Per client address, the route's rate
//! limit applies to every attempt alike.

use crate::middleware::locale::cookie;
use crate::state::WebConfig;
use axum::http::{HeaderMap, HeaderValue};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub const DEVICE_COOKIE: &str = "adaldyq_device";
/// A known device stays known for a year after its last sign-in.
const DEVICE_SECS: i64 = 365 * 24 * 3600;
/// Past this many tracked keys, expired ones are dropped.
const PRUNE_AT: usize = 10_000;

struct Strikes {
    count: u32,
    since: Instant,
}

/// Failed attempts per key (an e-mail address, a known device, an
/// account's second step), each counted over a window.
pub struct Throttle {
    strikes: Mutex<HashMap<[u8; 16], Strikes>>,
    key: Vec<u8>,
    after: u32,
    window: Duration,
}

/// What a failed-attempt count is kept for.
#[derive(Debug, Clone, Copy)]
pub enum Subject<'a> {
    /// The e-mail address typed, normalised; an unknown one counts alike.
    Email(&'a str),
    /// A known device's own nonce.
    Device(&'a str),
    /// The second step of an account whose password was accepted.
    Code(i64),
}

impl Throttle {
    pub fn new(config: &WebConfig) -> Throttle {
        Throttle {
            strikes: Mutex::new(HashMap::new()),
            key: config.secret_key.clone(),
            after: u32::try_from(config.sign_in_lock_after.max(1)).unwrap_or(u32::MAX),
            window: Duration::from_secs(u64::try_from(config.sign_in_lock_minutes.max(1)).unwrap_or(1) * 60),
        }
    }

    fn key_of(&self, subject: Subject<'_>) -> [u8; 16] {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).expect("HMAC takes any key length");
        match subject {
            Subject::Email(e) => {
                mac.update(b"throttle:email:");
                mac.update(e.as_bytes());
            }
            Subject::Device(d) => {
                mac.update(b"throttle:device:");
                mac.update(d.as_bytes());
            }
            Subject::Code(id) => {
                mac.update(b"throttle:code:");
                mac.update(&id.to_be_bytes());
            }
        }
        let mut key = [0u8; 16];
        key.copy_from_slice(&mac.finalize().into_bytes()[..16]);
        key
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<[u8; 16], Strikes>> {
        self.strikes.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// `Err(seconds)` while the subject is throttled.
    pub fn check(&self, subject: Subject<'_>) -> Result<(), u64> {
        let key = self.key_of(subject);
        let map = self.lock();
        match map.get(&key) {
            Some(s) if s.count >= self.after && s.since.elapsed() < self.window => {
                Err((self.window - s.since.elapsed()).as_secs() + 1)
            }
            _ => Ok(()),
        }
    }

    pub fn failed(&self, subject: Subject<'_>) {
        let key = self.key_of(subject);
        let mut map = self.lock();
        if map.len() >= PRUNE_AT {
            let window = self.window;
            map.retain(|_, s| s.since.elapsed() < window);
        }
        let s = map.entry(key).or_insert(Strikes { count: 0, since: Instant::now() });
        if s.since.elapsed() >= self.window {
            *s = Strikes { count: 0, since: Instant::now() };
        }
        s.count = s.count.saturating_add(1);
    }

    pub fn succeeded(&self, subject: Subject<'_>) {
        let key = self.key_of(subject);
        self.lock().remove(&key);
    }
}

/// A known device's cookie: a random nonce, when it was issued, and an HMAC
/// binding both to one account. No personal data: the account is only in
/// the MAC, which the server alone can make or check.
fn device_mac(key: &[u8], nonce: &str, issued: i64, user_id: i64) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(format!("device:{nonce}:{issued}:{user_id}").as_bytes());
    URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
}

/// The `Set-Cookie` that makes this browser a known device of the account.
pub fn device_cookie(config: &WebConfig, user_id: i64, now: i64) -> HeaderValue {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).expect("the OS random source");
    let nonce = URL_SAFE_NO_PAD.encode(bytes);
    let mac = device_mac(&config.secret_key, &nonce, now, user_id);
    let secure = if config.secure_cookies() { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{DEVICE_COOKIE}={nonce}.{now}.{mac}; Path=/; HttpOnly; SameSite=Strict; Max-Age={DEVICE_SECS}{secure}"
    ))
    .expect("base64url and digits are a valid header value")
}

/// The nonce of the request's known-device cookie, if the cookie is this
/// server's, for this account, and not expired.
pub fn known_device(config: &WebConfig, headers: &HeaderMap, user_id: i64, now: i64) -> Option<String> {
    let value = cookie(headers, DEVICE_COOKIE)?;
    let mut parts = value.splitn(3, '.');
    let (nonce, issued, mac) = (parts.next()?, parts.next()?, parts.next()?);
    let issued: i64 = issued.parse().ok()?;
    if now - issued > DEVICE_SECS || issued > now + 300 {
        return None;
    }
    let expected = device_mac(&config.secret_key, nonce, issued, user_id);
    crate::middleware::security::constant_eq(mac.as_bytes(), expected.as_bytes()).then(|| nonce.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> WebConfig {
        WebConfig { sign_in_lock_after: 3, sign_in_lock_minutes: 15, ..WebConfig::default() }
    }

    #[test]
    fn strikes_throttle_their_own_subject_only() {
        let t = Throttle::new(&config());
        for _ in 0..2 {
            t.failed(Subject::Email("a@x.kz"));
        }
        assert!(t.check(Subject::Email("a@x.kz")).is_ok(), "two of three");
        t.failed(Subject::Email("a@x.kz"));
        let wait = t.check(Subject::Email("a@x.kz")).unwrap_err();
        assert!((890..=901).contains(&wait), "{wait}");
        assert!(t.check(Subject::Email("b@x.kz")).is_ok());
        assert!(t.check(Subject::Device("a@x.kz")).is_ok(), "kinds do not mix");
        t.succeeded(Subject::Email("a@x.kz"));
        assert!(t.check(Subject::Email("a@x.kz")).is_ok());
    }

    #[test]
    fn a_device_cookie_is_known_only_for_its_account() {
        let c = config();
        let now = 1_790_000_000;
        let set = device_cookie(&c, 7, now);
        let pair = set.to_str().unwrap().split(';').next().unwrap().to_owned();
        let mut h = HeaderMap::new();
        h.insert(axum::http::header::COOKIE, pair.parse().unwrap());
        assert!(known_device(&c, &h, 7, now + 10).is_some());
        assert!(known_device(&c, &h, 8, now + 10).is_none(), "another account");
        assert!(known_device(&c, &h, 7, now + DEVICE_SECS + 1).is_none(), "expired");
        let other = WebConfig { secret_key: vec![9; 32], ..config() };
        assert!(known_device(&other, &h, 7, now).is_none(), "another server's key");
        let forged = pair.replace(&format!(".{now}."), &format!(".{}.", now + 1));
        h.insert(axum::http::header::COOKIE, forged.parse().unwrap());
        assert!(known_device(&c, &h, 7, now + 10).is_none(), "the date is signed too");
    }
}
