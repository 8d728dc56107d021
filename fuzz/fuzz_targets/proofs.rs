//! The transparency log: leaf encoding, Merkle proofs, signed checkpoints
//! and witness cosignatures (`adaldyq_tlog`).
//! Properties: a leaf that decodes re-encodes to the same bytes, and a leaf
//! that encodes decodes to itself; verifying arbitrary proofs never panics;
//! a real inclusion or consistency proof of a tree built from fuzz leaves
//! verifies, and fails once one bit of it (or of the root, for an empty
//! proof) is flipped, or once it is cut short or extended; a checkpoint
//! signed with a fixed key opens to its size and root, and fails once a
//! byte of its text or a bit of its signature changes; opening arbitrary
//! text with that key never panics; cosignatures verify only for their text.
#![no_main]

use adaldyq_tlog::leaf::Leaf;
use adaldyq_tlog::note::{open_checkpoint, signature_lines, LogKey, WitnessKey, WitnessVerifier};
use adaldyq_tlog::tree::stored_hash_count;
use adaldyq_tlog::{verify_consistency, verify_inclusion, Hash, Tree};
use arbitrary::Arbitrary;
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

const ORIGIN: &str = "fuzz.example/log";
const WITNESS: &str = "witness.fuzz.example";

struct Keys {
    log: LogKey,
    witness: WitnessKey,
    witness_vkey: String,
}

/// Fixed keys, read through the project's own key-file parser.
fn keys() -> &'static Keys {
    static KEYS: OnceLock<Keys> = OnceLock::new();
    KEYS.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("adaldyq-fuzz-keys-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let skey = |name: &str, alg: u8, seed: u8| {
            let key = [&[alg][..], &[seed; 32][..]].concat();
            format!("PRIVATE+KEY+{name}+00000000+{}\n", B64.encode(key))
        };
        let (log_path, witness_path) = (dir.join("log.key"), dir.join("witness.key"));
        std::fs::write(&log_path, skey(ORIGIN, 0x01, 7)).unwrap();
        std::fs::write(&witness_path, skey(WITNESS, 0x04, 9)).unwrap();
        let log = LogKey::load(&log_path).expect("the fixed log key");
        let witness = WitnessKey::load_or_create(&witness_path, WITNESS).expect("the fixed witness key");
        let _ = std::fs::remove_dir_all(&dir);
        let witness_vkey = witness.verifier_key();
        Keys { log, witness, witness_vkey }
    })
}

#[derive(Arbitrary, Debug)]
enum Input<'a> {
    LeafBytes(&'a [u8]),
    LeafFields { kind: String, appeal: Option<String>, at: i64, role: String, body: Option<i64>, content: [u8; 32] },
    Verify {
        root: [u8; 32],
        old_root: [u8; 32],
        size: u64,
        old_size: u64,
        index: u64,
        leaf: &'a [u8],
        proof: Vec<[u8; 32]>,
    },
    Tree { leaves: Vec<&'a [u8]>, index: u16, from: u16, to: u16, flip: u16, bit: u8 },
    Open(&'a str),
    Signed { size: u64, root: [u8; 32], flip: u16, xor: u8, extra: &'a str },
    Cosign { text: &'a str, time: u64, line: &'a str, vkey: &'a str },
}

fn hashes(proof: &[[u8; 32]]) -> Vec<Hash> {
    proof.iter().map(|h| Hash(*h)).collect()
}

/// `proof` with bit `bit` of byte `at` (modulo its length) flipped.
fn flipped(proof: &[Hash], at: usize, bit: u8) -> Vec<Hash> {
    let mut p = proof.to_vec();
    let at = at % (p.len() * 32);
    p[at / 32].0[at % 32] ^= 1 << (bit % 8);
    p
}

fn flip_hash(h: &Hash, at: usize, bit: u8) -> Hash {
    let mut h = *h;
    h.0[at % 32] ^= 1 << (bit % 8);
    h
}

fn tree(leaves: &[&[u8]], index: u16, from: u16, to: u16, flip: u16, bit: u8) {
    let leaves: Vec<Vec<u8>> = leaves.iter().take(128).map(|l| l.to_vec()).collect();
    if leaves.is_empty() {
        return;
    }
    let tree = Tree::from_leaves(leaves.clone());
    let n = tree.size();
    assert_eq!(n, leaves.len() as u64);
    assert_eq!(tree.stored().len() as u64, stored_hash_count(n), "stored hash count");
    let size = u64::from(to) % n + 1;
    let index = u64::from(index) % size;
    let from = u64::from(from) % size + 1;
    let (flip, bit) = (usize::from(flip), bit);

    // Inclusion of leaf `index` in the tree of `size` leaves.
    let root = tree.root_at(size).unwrap();
    let small = Tree::from_leaves(leaves[..size as usize].to_vec());
    assert_eq!(small.root(), root, "root_at({size}) is not the root of the first {size} leaves");
    let leaf = &leaves[index as usize];
    let proof = tree.inclusion_proof(index, size).expect("a proof for a leaf in the tree");
    assert_eq!(verify_inclusion(&root, size, index, leaf, &proof), Ok(()), "a real inclusion proof fails");
    if proof.is_empty() {
        let bad = flip_hash(&root, flip, bit);
        assert!(verify_inclusion(&bad, size, index, leaf, &proof).is_err(), "a flipped root verifies");
    } else {
        let bad = flipped(&proof, flip, bit);
        assert!(verify_inclusion(&root, size, index, leaf, &bad).is_err(), "a flipped inclusion proof verifies");
        assert!(verify_inclusion(&root, size, index, leaf, &proof[1..]).is_err(), "a short proof verifies");
    }
    let mut longer = proof.clone();
    longer.push(root);
    assert!(verify_inclusion(&root, size, index, leaf, &longer).is_err(), "an extended proof verifies");
    let mut other = leaf.clone();
    other.push(1);
    assert!(verify_inclusion(&root, size, index, &other, &proof).is_err(), "another leaf verifies");
    assert!(verify_inclusion(&root, size, size, leaf, &proof).is_err(), "an index past the end verifies");
    assert!(tree.inclusion_proof(size, size).is_err() && tree.inclusion_proof(0, n + 1).is_err());

    // Consistency of the tree of `from` leaves with the tree of `size`.
    let old = tree.root_at(from).unwrap();
    let proof = tree.consistency_proof(from, size).expect("a consistency proof within the tree");
    assert_eq!(verify_consistency(&old, from, &root, size, &proof), Ok(()), "a real consistency proof fails");
    if proof.is_empty() {
        let bad = flip_hash(&old, flip, bit);
        assert!(verify_consistency(&bad, from, &root, size, &proof).is_err(), "a flipped old root verifies");
    } else {
        let bad = flipped(&proof, flip, bit);
        assert!(verify_consistency(&old, from, &root, size, &bad).is_err(), "a flipped consistency proof verifies");
        assert!(verify_consistency(&old, from, &root, size, &proof[1..]).is_err(), "a short proof verifies");
    }
    let mut longer = proof.clone();
    longer.push(root);
    assert!(verify_consistency(&old, from, &root, size, &longer).is_err(), "an extended proof verifies");
    let bad_new = flip_hash(&root, flip, bit);
    assert!(verify_consistency(&old, from, &bad_new, size, &proof).is_err(), "a flipped new root verifies");
    assert!(tree.consistency_proof(0, size).is_err() && tree.consistency_proof(from, n + 1).is_err());
}

fn signed(size: u64, root: [u8; 32], flip: u16, xor: u8, extra: &str) {
    let k = keys();
    let root = Hash(root);
    let note = k.log.sign(size, &root).expect("signing a checkpoint");
    let opened = open_checkpoint(&note, k.log.verifier_key()).expect("a checkpoint signed with the key opens");
    assert_eq!((opened.origin.as_str(), opened.size, opened.root), (ORIGIN, size, root));
    assert!(note.starts_with(&opened.text), "the opened text is not the note's text");

    // One byte of the signed text changed.
    let text_len = opened.text.len();
    let xor = xor.max(1);
    let mut bytes = note.clone().into_bytes();
    bytes[usize::from(flip) % text_len] ^= xor;
    if let Ok(edited) = String::from_utf8(bytes) {
        assert!(open_checkpoint(&edited, k.log.verifier_key()).is_err(), "an edited checkpoint opens: {edited:?}");
    }

    // One bit of the signature (or of its key id) changed.
    let lines = signature_lines(&note);
    assert_eq!(lines.len(), 1, "{note:?}");
    let prefix = format!("— {ORIGIN} ");
    let b64 = lines[0].strip_prefix(&prefix).unwrap().trim_end();
    let mut sig = B64.decode(b64).unwrap();
    let at = usize::from(flip) % sig.len();
    sig[at] ^= 1 << (xor % 8);
    let forged = format!("{}\n{prefix}{}\n", opened.text, B64.encode(&sig));
    assert!(open_checkpoint(&forged, k.log.verifier_key()).is_err(), "a flipped signature opens");

    // A witness's cosignature does not stop the log's key opening it.
    let line = k.witness.cosign(&opened.text, size);
    let cosigned = format!("{note}{line}");
    let again = open_checkpoint(&cosigned, k.log.verifier_key()).expect("a cosigned checkpoint opens");
    assert_eq!((again.size, again.root), (size, root));
    assert_eq!(signature_lines(&cosigned).len(), 2);
    let verifier = WitnessVerifier::new(&k.witness_vkey).unwrap();
    assert_eq!(verifier.verify_line(&opened.text, &line).ok(), Some(size));

    // Anything else appended: it may be refused, but must not change the content.
    if let Ok(o) = open_checkpoint(&format!("{note}{extra}"), k.log.verifier_key()) {
        assert_eq!((o.size, o.root, o.text), (size, root, opened.text));
    }
}

fn cosign(text: &str, time: u64, line: &str, vkey: &str) {
    let k = keys();
    let verifier = WitnessVerifier::new(&k.witness_vkey).unwrap();
    let real = k.witness.cosign(text, time);
    assert_eq!(verifier.verify_line(text, &real).ok(), Some(time), "a cosignature does not verify");
    assert!(verifier.verify_line(&format!("{text}x"), &real).is_err(), "a cosignature verifies other text");
    if let Ok(t) = verifier.verify_line(text, line) {
        // Only the witness can sign; a fuzzer could at most replay `real`.
        assert!(line.trim_end_matches('\n') == real.trim_end_matches('\n') && t == time, "forged {line:?}");
    }
    if let Ok(v) = WitnessVerifier::new(vkey) {
        let _ = v.verify_line(text, line);
    }
    let _ = signature_lines(line);
}

fuzz_target!(|input: Input| {
    match input {
        Input::LeafBytes(bytes) => {
            if let Ok(leaf) = Leaf::decode(bytes) {
                assert_eq!(leaf.encode().as_deref(), Ok(bytes), "decode accepted non-canonical bytes");
            }
        }
        Input::LeafFields { kind, appeal, at, role, body, content } => {
            let leaf = Leaf { kind, appeal, at, role, body, content };
            if let Ok(bytes) = leaf.encode() {
                assert_eq!(Leaf::decode(&bytes).as_ref(), Ok(&leaf), "an encoded leaf does not decode to itself");
            }
        }
        Input::Verify { root, old_root, size, old_size, index, leaf, proof } => {
            let proof = hashes(&proof);
            let _ = verify_inclusion(&Hash(root), size, index, leaf, &proof);
            let _ = verify_consistency(&Hash(old_root), old_size, &Hash(root), size, &proof);
            // Sizes near the top of u64, where arithmetic would overflow.
            let _ = verify_inclusion(&Hash(root), u64::MAX - (size % 4), u64::MAX - 1 - (index % 4), leaf, &proof);
            let _ = verify_consistency(&Hash(old_root), u64::MAX - (old_size % 8), &Hash(root), u64::MAX, &proof);
        }
        Input::Tree { leaves, index, from, to, flip, bit } => tree(&leaves, index, from, to, flip, bit),
        Input::Open(text) => {
            if let Ok(o) = open_checkpoint(text, keys().log.verifier_key()) {
                // Nobody but the fixed key signs: only a real checkpoint opens.
                assert_eq!(o.origin, ORIGIN);
            }
        }
        Input::Signed { size, root, flip, xor, extra } => signed(size, root, flip, xor, extra),
        Input::Cosign { text, time, line, vkey } => cosign(text, time, line, vkey),
    }
});
