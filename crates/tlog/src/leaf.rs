//! A leaf: the canonical, versioned encoding of one logged event.
//!
//! ```text
//! adaldyq-leaf/1
//! kind answered
//! appeal 43-2026-000123
//! time 1774000000
//! role executor
//! body 17
//! content <base64 of SHA-256(salt ‖ content)>
//! ```
//!
//! Seven lines, each ending in `\n`, in this order; `-` where a field does
//! not apply (a calendar change names no appeal). The acting role, never the
//! person; the body (institution) by its id. The content is committed to by
//! a salted hash: the salt is kept with the appeal, so nobody can confirm a
//! guessed text from the public leaf, while the database can be checked
//! against it. Decoding is strict: only the bytes `encode` would give.

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use sha2::{Digest, Sha256};

pub const VERSION: &str = "adaldyq-leaf/1";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leaf {
    pub kind: String,
    pub appeal: Option<String>,
    /// Unix seconds.
    pub at: i64,
    pub role: String,
    pub body: Option<i64>,
    pub content: [u8; 32],
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LeafError {
    #[error("not an adaldyq-leaf/1 encoding")]
    Malformed,
    #[error("the field {0} holds characters a leaf cannot carry")]
    BadField(&'static str),
}

/// SHA-256(salt ‖ content): what a leaf carries for an event's content.
pub fn content_hash(salt: &[u8], content: &[u8]) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(salt);
    h.update(content);
    h.finalize().into()
}

fn token_ok(s: &str) -> bool {
    !s.is_empty() && s.len() <= 64 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"_-:.".contains(&b)) && s != "-"
}

impl Leaf {
    pub fn encode(&self) -> Result<Vec<u8>, LeafError> {
        if !token_ok(&self.kind) {
            return Err(LeafError::BadField("kind"));
        }
        if !token_ok(&self.role) {
            return Err(LeafError::BadField("role"));
        }
        if let Some(a) = &self.appeal {
            if !token_ok(a) {
                return Err(LeafError::BadField("appeal"));
            }
        }
        let appeal = self.appeal.as_deref().unwrap_or("-");
        let body = self.body.map(|b| b.to_string()).unwrap_or_else(|| "-".into());
        Ok(format!(
            "{VERSION}\nkind {}\nappeal {appeal}\ntime {}\nrole {}\nbody {body}\ncontent {}\n",
            self.kind,
            self.at,
            self.role,
            B64.encode(self.content)
        )
        .into_bytes())
    }

    pub fn decode(bytes: &[u8]) -> Result<Leaf, LeafError> {
        let text = std::str::from_utf8(bytes).map_err(|_| LeafError::Malformed)?;
        let lines: Vec<&str> = text.strip_suffix('\n').ok_or(LeafError::Malformed)?.split('\n').collect();
        let [version, kind, appeal, time, role, body, content] = lines[..] else {
            return Err(LeafError::Malformed);
        };
        if version != VERSION {
            return Err(LeafError::Malformed);
        }
        fn get<'a>(line: &'a str, name: &str) -> Result<&'a str, LeafError> {
            line.strip_prefix(name).and_then(|r| r.strip_prefix(' ')).ok_or(LeafError::Malformed)
        }
        let appeal = match get(appeal, "appeal")? {
            "-" => None,
            a => Some(a.to_owned()),
        };
        let body = match get(body, "body")? {
            "-" => None,
            b => Some(b.parse().map_err(|_| LeafError::Malformed)?),
        };
        let content: [u8; 32] = B64
            .decode(get(content, "content")?)
            .map_err(|_| LeafError::Malformed)?
            .try_into()
            .map_err(|_| LeafError::Malformed)?;
        let leaf = Leaf {
            kind: get(kind, "kind")?.to_owned(),
            appeal,
            at: get(time, "time")?.parse().map_err(|_| LeafError::Malformed)?,
            role: get(role, "role")?.to_owned(),
            body,
            content,
        };
        // Strict: one event, one byte string.
        if leaf.encode()? != bytes {
            return Err(LeafError::Malformed);
        }
        Ok(leaf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sample() -> Leaf {
        Leaf {
            kind: "answered".into(),
            appeal: Some("43-2026-000123".into()),
            at: 1_774_000_000,
            role: "executor".into(),
            body: Some(17),
            content: content_hash(b"salt", b"text"),
        }
    }

    #[test]
    fn encodes_the_documented_lines() {
        let bytes = sample().encode().unwrap();
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(text.starts_with("adaldyq-leaf/1\nkind answered\nappeal 43-2026-000123\ntime 1774000000\n"));
        assert!(text.contains("\nrole executor\nbody 17\ncontent "));
        assert_eq!(Leaf::decode(&bytes).unwrap(), sample());
        let audit = Leaf { appeal: None, body: None, kind: "calendar_changed".into(), ..sample() };
        let text = String::from_utf8(audit.encode().unwrap()).unwrap();
        assert!(text.contains("\nappeal -\n") && text.contains("\nbody -\n"));
    }

    #[test]
    fn refuses_what_is_not_canonical() {
        let good = String::from_utf8(sample().encode().unwrap()).unwrap();
        for bad in [
            good.replace("adaldyq-leaf/1", "adaldyq-leaf/2"),
            good.replace("time 1774000000", "time 01774000000"),
            good.replace("body 17", "body  17"),
            good.trim_end().to_owned(),
            format!("{good}extra\n"),
        ] {
            assert!(Leaf::decode(bad.as_bytes()).is_err(), "{bad:?}");
        }
        let spaced = Leaf { role: "head of body".into(), ..sample() };
        assert_eq!(spaced.encode(), Err(LeafError::BadField("role")));
        let newline = Leaf { appeal: Some("1\nkind x".into()), ..sample() };
        assert_eq!(newline.encode(), Err(LeafError::BadField("appeal")));
    }

    #[test]
    fn the_salt_changes_the_content_hash() {
        assert_ne!(content_hash(b"a", b"text"), content_hash(b"b", b"text"));
        assert_ne!(content_hash(b"a", b"text"), content_hash(b"a", b"texT"));
    }

    proptest! {
        #[test]
        fn any_leaf_round_trips(kind in "[a-z_]{1,20}", at in any::<i64>(), body in proptest::option::of(any::<i64>()), c in any::<[u8; 32]>()) {
            let leaf = Leaf { kind, appeal: Some("43-2026-000001".into()), at, role: "citizen".into(), body, content: c };
            prop_assert_eq!(Leaf::decode(&leaf.encode().unwrap()).unwrap(), leaf);
        }

        #[test]
        fn decoding_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            let _ = Leaf::decode(&bytes);
        }
    }
}
