//! The confirmation after a rating or a dispute (Post/Redirect/Get). The
//! POST answers 303 to `/{lang}/track?done=TOKEN`, a GET page that a reload
//! or the back button can show again without sending the form twice.
//!
//! The secret never goes into that address (addresses end up in history,
//! proxies and logs). TOKEN carries only what was done, the receipt number
//! and when, under an HMAC with the server's key, and is honoured for 15
//! minutes: it lets nobody act on the appeal and shows nothing of its text,
//! only the confirmation (and after a dispute the body that now handles it
//! and the new due date). To see the whole appeal again the applicant types
//! the secret into the track form shown under the confirmation. No cookie
//! is set, so anonymous filers stay without one, and no server state is
//! kept, so it works the same behind several app servers.

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// How long a confirmation address is honoured, in seconds.
pub const VALID_FOR: i64 = 15 * 60;

/// What the applicant did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Done {
    Rated,
    Disputed,
}

impl Done {
    fn as_str(self) -> &'static str {
        match self {
            Done::Rated => "rated",
            Done::Disputed => "disputed",
        }
    }

    fn parse(s: &str) -> Option<Done> {
        [Done::Rated, Done::Disputed].into_iter().find(|d| d.as_str() == s)
    }
}

fn mac(key: &[u8], payload: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(b"track-done:");
    mac.update(payload.as_bytes());
    mac.finalize().into_bytes()[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// `rated.43-2026-000123.1767225600.<128-bit MAC in hex>`
pub fn token(key: &[u8], done: Done, number: &str, at: i64) -> String {
    let payload = format!("{}.{number}.{at}", done.as_str());
    let m = mac(key, &payload);
    format!("{payload}.{m}")
}

/// What a token says, if it is ours, unaltered and not older than
/// [`VALID_FOR`] at `now`.
pub fn read(key: &[u8], token: &str, now: i64) -> Option<(Done, String)> {
    let (payload, m) = token.rsplit_once('.')?;
    let expected = mac(key, payload);
    if !crate::middleware::security::constant_eq(expected.as_bytes(), m.as_bytes()) {
        return None;
    }
    let mut parts = payload.split('.');
    let (done, number, at) = (parts.next()?, parts.next()?, parts.next()?);
    let at: i64 = at.parse().ok()?;
    ((0..=VALID_FOR).contains(&(now - at)) && parts.next().is_none())
        .then_some(())
        .and_then(|_| Some((Done::parse(done)?, number.to_owned())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_read_back_only_unaltered_and_in_time() {
        let t = token(b"key", Done::Disputed, "43-2026-000123", 1_000);
        assert_eq!(read(b"key", &t, 1_000 + VALID_FOR), Some((Done::Disputed, "43-2026-000123".to_owned())));
        assert_eq!(read(b"key", &t, 1_001 + VALID_FOR), None, "too old");
        assert_eq!(read(b"key", &t, 999), None, "from the future");
        assert_eq!(read(b"other", &t, 1_000), None, "another server's key");
        assert_eq!(read(b"key", &t.replace("000123", "000124"), 1_000), None, "another appeal");
        assert_eq!(read(b"key", &t.replace("disputed", "rated"), 1_000), None);
        assert_eq!(read(b"key", "nonsense", 1_000), None);
    }
}
