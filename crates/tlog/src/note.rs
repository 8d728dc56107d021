//! Signed checkpoints (C2SP tlog-checkpoint in a C2SP signed note, signed
//! with ed25519) and witness cosignatures (C2SP tlog-cosignature,
//! `cosignature/v1`, key type 0x04).

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use ed25519_dalek::{Signer as _, SigningKey, Verifier as _, VerifyingKey};
use signed_note::{Note, Signer, StandardSigner, StandardVerifier, Verifier, VerifierList};
use std::path::Path;
pub use tlog_tiles::Checkpoint;
use tlog_tiles::Hash;

const ALG_ED25519: u8 = 0x01;
const ALG_COSIGNATURE_V1: u8 = 0x04;

#[derive(Debug, thiserror::Error)]
pub enum NoteError {
    #[error("the key file {0} cannot be read or written: {1}")]
    KeyFile(String, std::io::Error),
    #[error("the key is malformed")]
    BadKey,
    #[error("the note is malformed")]
    Malformed,
    #[error("the note is not signed by {0}")]
    NotSigned(String),
    #[error("a signature by {0} does not verify")]
    BadSignature(String),
    #[error("the checkpoint text is malformed")]
    BadCheckpoint,
}

fn random_seed() -> [u8; 32] {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).expect("the operating system's random source");
    seed
}

fn skey_text(name: &str, alg: u8, signing: &SigningKey) -> String {
    let public = [&[alg][..], signing.verifying_key().as_bytes()].concat();
    let private = [&[alg][..], signing.as_bytes()].concat();
    format!("PRIVATE+KEY+{name}+{:08x}+{}", signed_note::key_id(name, &public), B64.encode(private))
}

fn parse_skey(text: &str, want_alg: u8) -> Result<(String, SigningKey), NoteError> {
    let mut parts = text.trim().splitn(5, '+');
    let (Some("PRIVATE"), Some("KEY"), Some(name), Some(_id), Some(key)) =
        (parts.next(), parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(NoteError::BadKey);
    };
    let key = B64.decode(key).map_err(|_| NoteError::BadKey)?;
    let [alg, seed @ ..] = &key[..] else { return Err(NoteError::BadKey) };
    let seed: [u8; 32] = seed.try_into().map_err(|_| NoteError::BadKey)?;
    if *alg != want_alg || !signed_note::is_key_name_valid(name) {
        return Err(NoteError::BadKey);
    }
    Ok((name.to_owned(), SigningKey::from_bytes(&seed)))
}

/// Reads the private key at `path`, or makes one named `name` and writes it
/// with mode 0600 when the file does not exist.
fn load_or_create(path: &Path, name: &str, alg: u8) -> Result<(String, SigningKey), NoteError> {
    let fail = |e| NoteError::KeyFile(path.display().to_string(), e);
    match std::fs::read_to_string(path) {
        Ok(text) => parse_skey(&text, alg),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if !signed_note::is_key_name_valid(name) {
                return Err(NoteError::BadKey);
            }
            let key = SigningKey::from_bytes(&random_seed());
            let text = skey_text(name, alg, &key);
            write_private(path, text.as_bytes()).map_err(fail)?;
            Ok((name.to_owned(), key))
        }
        Err(e) => Err(fail(e)),
    }
}

fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut f = options.open(path)?;
    f.write_all(bytes)?;
    f.write_all(b"\n")?;
    f.sync_all()
}

/// The vkey form `<name>+<hex key id>+<base64(alg ‖ public key)>`.
fn vkey(name: &str, alg: u8, key: &VerifyingKey) -> String {
    let public = [&[alg][..], key.as_bytes()].concat();
    format!("{name}+{:08x}+{}", signed_note::key_id(name, &public), B64.encode(public))
}

/// The log's signing key; its name is the log's origin.
pub struct LogKey {
    signer: StandardSigner,
    vkey: String,
}

impl LogKey {
    pub fn load_or_create(path: &Path, origin: &str) -> Result<LogKey, NoteError> {
        let (name, key) = load_or_create(path, origin, ALG_ED25519)?;
        let vkey = vkey(&name, ALG_ED25519, &key.verifying_key());
        let signer = StandardSigner::new(&skey_text(&name, ALG_ED25519, &key)).map_err(|_| NoteError::BadKey)?;
        Ok(LogKey { signer, vkey })
    }

    /// Reads an existing key (for `log verify`: never makes one).
    pub fn load(path: &Path) -> Result<LogKey, NoteError> {
        let text = std::fs::read_to_string(path).map_err(|e| NoteError::KeyFile(path.display().to_string(), e))?;
        let (name, key) = parse_skey(&text, ALG_ED25519)?;
        let signer = StandardSigner::new(&skey_text(&name, ALG_ED25519, &key)).map_err(|_| NoteError::BadKey)?;
        Ok(LogKey { vkey: vkey(&name, ALG_ED25519, &key.verifying_key()), signer })
    }

    /// A key made in memory (tests, forked-log simulations).
    pub fn generate(origin: &str) -> Result<LogKey, NoteError> {
        let key = SigningKey::from_bytes(&random_seed());
        let signer = StandardSigner::new(&skey_text(origin, ALG_ED25519, &key)).map_err(|_| NoteError::BadKey)?;
        Ok(LogKey { vkey: vkey(origin, ALG_ED25519, &key.verifying_key()), signer })
    }

    pub fn origin(&self) -> &str {
        self.signer.name()
    }

    /// The C2SP verifier key, `<origin>+<key id>+<base64(0x01 ‖ key)>`.
    pub fn verifier_key(&self) -> &str {
        &self.vkey
    }

    /// The signed note of the checkpoint (origin, size, root).
    pub fn sign(&self, size: u64, root: &Hash) -> Result<String, NoteError> {
        let cp = Checkpoint::new(self.origin(), size, *root, "").map_err(|_| NoteError::BadCheckpoint)?;
        let mut note = Note::new(&cp.to_bytes(), &[]).map_err(|_| NoteError::Malformed)?;
        note.add_sigs(&[&self.signer]).map_err(|_| NoteError::Malformed)?;
        String::from_utf8(note.to_bytes()).map_err(|_| NoteError::Malformed)
    }
}

/// A checkpoint whose log signature verified, with the lines of the other
/// signatures on it (cosignatures) left for the caller.
#[derive(Debug, Clone)]
pub struct Opened {
    pub origin: String,
    pub size: u64,
    pub root: Hash,
    /// The note's text (what was signed).
    pub text: String,
}

fn split_note(note: &str) -> Result<Note, NoteError> {
    Note::from_bytes(note.as_bytes()).map_err(|_| NoteError::Malformed)
}

/// Verifies a signed checkpoint with the log's verifier key and parses it.
/// The checkpoint's origin must be the key's name.
pub fn open_checkpoint(note: &str, log_vkey: &str) -> Result<Opened, NoteError> {
    let verifier = StandardVerifier::new(log_vkey).map_err(|_| NoteError::BadKey)?;
    let name = verifier.name().to_owned();
    let parsed = split_note(note)?;
    match parsed.verify(&VerifierList::new(vec![Box::new(verifier)])) {
        Ok(_) => {}
        Err(signed_note::NoteError::UnverifiedNote) => return Err(NoteError::NotSigned(name)),
        Err(signed_note::NoteError::InvalidSignature { name, .. }) => return Err(NoteError::BadSignature(name)),
        Err(_) => return Err(NoteError::Malformed),
    }
    let cp = Checkpoint::from_bytes(parsed.text()).map_err(|_| NoteError::BadCheckpoint)?;
    if cp.origin() != name {
        return Err(NoteError::NotSigned(name));
    }
    Ok(Opened {
        origin: cp.origin().to_owned(),
        size: cp.size(),
        root: *cp.hash(),
        text: String::from_utf8(parsed.text().to_vec()).map_err(|_| NoteError::Malformed)?,
    })
}

/// The message a cosignature/v1 signs: a header with the time, then the
/// checkpoint text.
fn cosigned_message(time: u64, checkpoint_text: &[u8]) -> Vec<u8> {
    let mut m = format!("cosignature/v1\ntime {time}\n").into_bytes();
    m.extend_from_slice(checkpoint_text);
    m
}

/// A witness's key: cosigns checkpoints (cosignature/v1).
pub struct WitnessKey {
    name: String,
    key: SigningKey,
    id: u32,
}

impl WitnessKey {
    pub fn load_or_create(path: &Path, name: &str) -> Result<WitnessKey, NoteError> {
        let (name, key) = load_or_create(path, name, ALG_COSIGNATURE_V1)?;
        Ok(WitnessKey::from_parts(name, key))
    }

    pub fn generate(name: &str) -> Result<WitnessKey, NoteError> {
        if !signed_note::is_key_name_valid(name) {
            return Err(NoteError::BadKey);
        }
        Ok(WitnessKey::from_parts(name.to_owned(), SigningKey::from_bytes(&random_seed())))
    }

    fn from_parts(name: String, key: SigningKey) -> WitnessKey {
        let public = [&[ALG_COSIGNATURE_V1][..], key.verifying_key().as_bytes()].concat();
        let id = signed_note::key_id(&name, &public);
        WitnessKey { name, key, id }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn verifier_key(&self) -> String {
        vkey(&self.name, ALG_COSIGNATURE_V1, &self.key.verifying_key())
    }

    /// The signature line (`— <name> <base64>\n`) cosigning `checkpoint_text` at `time`.
    pub fn cosign(&self, checkpoint_text: &str, time: u64) -> String {
        let sig = self.key.sign(&cosigned_message(time, checkpoint_text.as_bytes()));
        let mut bytes = self.id.to_be_bytes().to_vec();
        bytes.extend_from_slice(&time.to_be_bytes());
        bytes.extend_from_slice(&sig.to_bytes());
        format!("— {} {}\n", self.name, B64.encode(bytes))
    }
}

/// A witness's public key, to check its cosignatures.
pub struct WitnessVerifier {
    name: String,
    id: u32,
    key: VerifyingKey,
}

impl WitnessVerifier {
    pub fn new(vkey: &str) -> Result<WitnessVerifier, NoteError> {
        let mut parts = vkey.trim().splitn(3, '+');
        let (Some(name), Some(id), Some(key)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(NoteError::BadKey);
        };
        let public = B64.decode(key).map_err(|_| NoteError::BadKey)?;
        let id = u32::from_str_radix(id, 16).map_err(|_| NoteError::BadKey)?;
        let [ALG_COSIGNATURE_V1, raw @ ..] = &public[..] else { return Err(NoteError::BadKey) };
        let raw: [u8; 32] = raw.try_into().map_err(|_| NoteError::BadKey)?;
        if id != signed_note::key_id(name, &public) || !signed_note::is_key_name_valid(name) {
            return Err(NoteError::BadKey);
        }
        let key = VerifyingKey::from_bytes(&raw).map_err(|_| NoteError::BadKey)?;
        Ok(WitnessVerifier { name: name.to_owned(), id, key })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// Checks one signature line against the checkpoint text; the time it
    /// carries when it verifies.
    pub fn verify_line(&self, checkpoint_text: &str, line: &str) -> Result<u64, NoteError> {
        let bad = || NoteError::BadSignature(self.name.clone());
        let rest = line.trim_end_matches('\n').strip_prefix("— ").ok_or(NoteError::Malformed)?;
        let (name, b64) = rest.split_once(' ').ok_or(NoteError::Malformed)?;
        if name != self.name {
            return Err(NoteError::NotSigned(self.name.clone()));
        }
        let bytes = B64.decode(b64).map_err(|_| NoteError::Malformed)?;
        if bytes.len() != 4 + 8 + 64 || bytes[..4] != self.id.to_be_bytes() {
            return Err(bad());
        }
        let time = u64::from_be_bytes(bytes[4..12].try_into().expect("8 bytes"));
        let sig = ed25519_dalek::Signature::from_slice(&bytes[12..]).map_err(|_| bad())?;
        self.key.verify(&cosigned_message(time, checkpoint_text.as_bytes()), &sig).map_err(|_| bad())?;
        Ok(time)
    }
}

/// The signature lines of a note (each with its `\n`).
pub fn signature_lines(note: &str) -> Vec<String> {
    match note.split_once("\n\n") {
        Some((_, sigs)) => sigs.lines().filter(|l| !l.is_empty()).map(|l| format!("{l}\n")).collect(),
        None => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir(tag: &str) -> std::path::PathBuf {
        let d = std::env::temp_dir().join(format!("adaldyq-tlog-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        d
    }

    #[test]
    fn a_key_is_made_once_private_and_reused() {
        let d = dir("key");
        let path = d.join("log.key");
        let a = LogKey::load_or_create(&path, "adaldyq.test/log").unwrap();
        let b = LogKey::load_or_create(&path, "ignored-after-first-start").unwrap();
        assert_eq!(a.verifier_key(), b.verifier_key());
        assert!(a.verifier_key().starts_with("adaldyq.test/log+"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
        // The vkey is the one signed_note itself would derive.
        assert!(StandardVerifier::new(a.verifier_key()).is_ok());
        let _ = std::fs::remove_dir_all(d);
    }

    #[test]
    fn checkpoints_sign_and_open_and_other_keys_are_refused() {
        let key = LogKey::generate("adaldyq.test/log").unwrap();
        let root = Hash([7u8; 32]);
        let note = key.sign(42, &root).unwrap();
        assert!(note.starts_with("adaldyq.test/log\n42\n"), "{note}");
        assert!(note.contains("\n\n— adaldyq.test/log "));
        let opened = open_checkpoint(&note, key.verifier_key()).unwrap();
        assert_eq!((opened.size, opened.root), (42, root));
        let other = LogKey::generate("adaldyq.test/log").unwrap();
        let forged = other.sign(42, &root).unwrap();
        assert!(matches!(open_checkpoint(&forged, key.verifier_key()), Err(NoteError::NotSigned(_))));
        let edited = note.replacen("\n42\n", "\n43\n", 1);
        assert!(matches!(open_checkpoint(&edited, key.verifier_key()), Err(NoteError::BadSignature(_))));
        assert!(open_checkpoint("garbage", key.verifier_key()).is_err());
    }

    #[test]
    fn cosignatures_verify_only_for_their_text_and_key() {
        let log = LogKey::generate("adaldyq.test/log").unwrap();
        let note = log.sign(3, &Hash([1u8; 32])).unwrap();
        let text = open_checkpoint(&note, log.verifier_key()).unwrap().text;
        let w = WitnessKey::generate("witness.test").unwrap();
        let line = w.cosign(&text, 1_800_000_000);
        let v = WitnessVerifier::new(&w.verifier_key()).unwrap();
        assert_eq!(v.verify_line(&text, &line).unwrap(), 1_800_000_000);
        assert!(v.verify_line(&text.replace("\n3\n", "\n4\n"), &line).is_err());
        let stranger = WitnessKey::generate("witness.test").unwrap();
        assert!(v.verify_line(&text, &stranger.cosign(&text, 1)).is_err());
        // A cosigned note still opens with the log's key.
        let cosigned = format!("{note}{line}");
        assert!(open_checkpoint(&cosigned, log.verifier_key()).is_ok());
        assert_eq!(signature_lines(&cosigned).len(), 2);
    }
}
