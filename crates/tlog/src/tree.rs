//! The Merkle tree (RFC 6962 / RFC 9162: SHA-256, leaf prefix 0x00, node
//! prefix 0x01) over `tlog_tiles`' stored-hash layout: every leaf adds the
//! hashes of the subtrees it completes, at `stored_hash_index(level, n)`.
//! The server keeps those hashes in its database and reads O(log n) of them
//! per proof ([`Lookup`]); verifiers keep them in memory ([`Tree`]).

use std::cell::RefCell;
use std::collections::HashMap;
pub use tlog_tiles::{record_hash, stored_hash_count, stored_hash_index, Hash, HashReader, EMPTY_HASH};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProofError {
    #[error("the index {index} is outside a tree of size {size}")]
    IndexOutOfRange { index: u64, size: u64 },
    #[error("the sizes {from} and {to} do not make a consistency proof")]
    BadSizes { from: u64, to: u64 },
    #[error("the proof does not verify")]
    Invalid,
    #[error("the tree's stored hashes are incomplete")]
    Missing,
}

fn from_tlog(e: tlog_tiles::Error) -> ProofError {
    match e {
        tlog_tiles::Error::IndexesNotInTree => ProofError::Missing,
        _ => ProofError::Invalid,
    }
}

/// RFC 6962 §2.1: the hash of a leaf, SHA-256(0x00 ‖ data).
pub fn leaf_hash(data: &[u8]) -> [u8; 32] {
    record_hash(data).0
}

/// An append-only tree held in memory (its stored hashes).
#[derive(Default, Clone)]
pub struct Tree {
    hashes: Vec<Hash>,
    size: u64,
}

impl HashReader for Tree {
    fn read_hashes(&self, indexes: &[u64]) -> Result<Vec<Hash>, tlog_tiles::Error> {
        indexes
            .iter()
            .map(|&i| self.hashes.get(i as usize).copied().ok_or(tlog_tiles::Error::IndexesNotInTree))
            .collect()
    }
}

impl Tree {
    pub fn new() -> Tree {
        Tree::default()
    }

    pub fn from_leaves<I: IntoIterator<Item = Vec<u8>>>(leaves: I) -> Tree {
        let mut t = Tree::new();
        for l in leaves {
            t.push(&l);
        }
        t
    }

    pub fn push(&mut self, leaf: &[u8]) {
        self.push_hash(record_hash(leaf));
    }

    pub fn push_hash(&mut self, h: Hash) {
        let new =
            tlog_tiles::stored_hashes_for_record_hash(self.size, h, self).expect("an in-memory tree has every hash");
        self.hashes.extend(new);
        self.size += 1;
    }

    pub fn size(&self) -> u64 {
        self.size
    }

    /// The stored hashes, in `stored_hash_index` order.
    pub fn stored(&self) -> &[Hash] {
        &self.hashes
    }

    pub fn root(&self) -> Hash {
        self.root_at(self.size).expect("the size is in range")
    }

    /// The root the tree had at `size` leaves.
    pub fn root_at(&self, size: u64) -> Option<Hash> {
        (size <= self.size).then(|| tlog_tiles::tree_hash(size, self).expect("an in-memory tree has every hash"))
    }

    pub fn inclusion_proof(&self, index: u64, size: u64) -> Result<Vec<Hash>, ProofError> {
        check_inclusion_args(index, size, self.size)?;
        tlog_tiles::prove_record(size, index, self).map_err(from_tlog)
    }

    pub fn consistency_proof(&self, from: u64, to: u64) -> Result<Vec<Hash>, ProofError> {
        check_consistency_args(from, to, self.size)?;
        tlog_tiles::prove_tree(to, from, self).map_err(from_tlog)
    }
}

/// 400-worthy arguments, named before any hash is read.
pub fn check_inclusion_args(index: u64, size: u64, tree_size: u64) -> Result<(), ProofError> {
    if index >= size || size > tree_size {
        return Err(ProofError::IndexOutOfRange { index, size });
    }
    Ok(())
}

pub fn check_consistency_args(from: u64, to: u64, tree_size: u64) -> Result<(), ProofError> {
    if from == 0 || from > to || to > tree_size {
        return Err(ProofError::BadSizes { from, to });
    }
    Ok(())
}

/// A reader over hashes fetched from elsewhere (a database): it answers
/// from what it has and notes what it lacked, so an async caller can fetch
/// those and run the same computation again (see [`Lookup::run`]).
#[derive(Default)]
pub struct Lookup {
    known: HashMap<u64, Hash>,
    missing: RefCell<Vec<u64>>,
}

impl HashReader for Lookup {
    fn read_hashes(&self, indexes: &[u64]) -> Result<Vec<Hash>, tlog_tiles::Error> {
        let mut out = Vec::with_capacity(indexes.len());
        let mut missing = self.missing.borrow_mut();
        for i in indexes {
            match self.known.get(i) {
                Some(h) => out.push(*h),
                None => missing.push(*i),
            }
        }
        if missing.is_empty() {
            Ok(out)
        } else {
            Err(tlog_tiles::Error::IndexesNotInTree)
        }
    }
}

impl Lookup {
    pub fn new() -> Lookup {
        Lookup::default()
    }

    pub fn add(&mut self, index: u64, hash: Hash) {
        self.known.insert(index, hash);
    }

    /// Runs `f`; `Ok(Err(indexes))` when it needs hashes not yet added.
    pub fn run<T>(
        &self,
        f: impl Fn(&Lookup) -> Result<T, tlog_tiles::Error>,
    ) -> Result<Result<T, Vec<u64>>, ProofError> {
        self.missing.borrow_mut().clear();
        match f(self) {
            Ok(v) => Ok(Ok(v)),
            Err(tlog_tiles::Error::IndexesNotInTree) if !self.missing.borrow().is_empty() => {
                let mut m = self.missing.borrow().clone();
                m.sort_unstable();
                m.dedup();
                Ok(Err(m))
            }
            Err(e) => Err(from_tlog(e)),
        }
    }
}

/// Checks that `leaf` is at `index` in the tree of `size` leaves with `root`.
pub fn verify_inclusion(root: &Hash, size: u64, index: u64, leaf: &[u8], proof: &[Hash]) -> Result<(), ProofError> {
    if index >= size {
        return Err(ProofError::IndexOutOfRange { index, size });
    }
    tlog_tiles::check_record(&proof.to_vec(), size, *root, index, record_hash(leaf)).map_err(|_| ProofError::Invalid)
}

/// Checks that the tree (`old_size`, `old_root`) is a prefix of (`new_size`, `new_root`).
pub fn verify_consistency(
    old_root: &Hash,
    old_size: u64,
    new_root: &Hash,
    new_size: u64,
    proof: &[Hash],
) -> Result<(), ProofError> {
    if old_size == 0 || old_size > new_size {
        return Err(ProofError::BadSizes { from: old_size, to: new_size });
    }
    tlog_tiles::check_tree(&proof.to_vec(), new_size, *new_root, old_size, *old_root).map_err(|_| ProofError::Invalid)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The leaves of RFC 6962's reference tests (as used by transparency-dev).
    fn vector_leaves() -> Vec<Vec<u8>> {
        ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"]
            .iter()
            .map(|h| (0..h.len()).step_by(2).map(|i| u8::from_str_radix(&h[i..i + 2], 16).unwrap()).collect())
            .collect()
    }

    fn hex(h: &Hash) -> String {
        h.0.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn roots_match_the_reference_vectors() {
        let expected = [
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
        ];
        let tree = Tree::from_leaves(vector_leaves());
        for (i, want) in expected.iter().enumerate() {
            assert_eq!(hex(&tree.root_at(i as u64 + 1).unwrap()), *want, "size {}", i + 1);
        }
        assert_eq!(hex(&Tree::new().root()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assert_eq!(leaf_hash(&[]), tree.root_at(1).unwrap().0, "a one-leaf tree's root is its leaf hash");
    }

    #[test]
    fn proofs_match_the_reference_vectors() {
        let tree = Tree::from_leaves(vector_leaves());
        let p = tree.inclusion_proof(5, 8).unwrap();
        let want = [
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ];
        assert_eq!(p.iter().map(hex).collect::<Vec<_>>(), want);
        let c = tree.consistency_proof(2, 5).unwrap();
        let want = [
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ];
        assert_eq!(c.iter().map(hex).collect::<Vec<_>>(), want);
        assert!(matches!(tree.inclusion_proof(8, 8), Err(ProofError::IndexOutOfRange { .. })));
        assert!(matches!(tree.consistency_proof(0, 3), Err(ProofError::BadSizes { .. })));
        assert!(matches!(tree.consistency_proof(3, 9), Err(ProofError::BadSizes { .. })));
    }

    #[test]
    fn a_lookup_asks_for_what_it_lacks_and_then_agrees_with_the_tree() {
        let tree = Tree::from_leaves(vector_leaves());
        let mut lookup = Lookup::new();
        let mut rounds = 0;
        let proof = loop {
            rounds += 1;
            match lookup.run(|r| tlog_tiles::prove_record(7, 3, r)).unwrap() {
                Ok(p) => break p,
                Err(need) => {
                    assert!(!need.is_empty());
                    for i in need {
                        lookup.add(i, tree.stored()[i as usize]);
                    }
                }
            }
        };
        assert_eq!(rounds, 2);
        assert_eq!(proof, tree.inclusion_proof(3, 7).unwrap());
    }

    proptest! {
        #[test]
        fn proofs_verify_and_tampering_is_caught(
            leaves in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..16), 1..40),
            a in any::<prop::sample::Index>(),
            b in any::<prop::sample::Index>(),
        ) {
            let tree = Tree::from_leaves(leaves.clone());
            let size = tree.size();
            let index = a.index(leaves.len()) as u64;
            let root = tree.root();
            let proof = tree.inclusion_proof(index, size).unwrap();
            prop_assert!(verify_inclusion(&root, size, index, &leaves[index as usize], &proof).is_ok());
            let mut other = leaves[index as usize].clone();
            other.push(1);
            prop_assert!(verify_inclusion(&root, size, index, &other, &proof).is_err());
            let from = b.index(leaves.len()) as u64 + 1;
            let old = tree.root_at(from).unwrap();
            let c = tree.consistency_proof(from, size).unwrap();
            prop_assert!(verify_consistency(&old, from, &root, size, &c).is_ok());
            let mut forged = old;
            forged.0[0] ^= 1;
            prop_assert!(verify_consistency(&forged, from, &root, size, &c).is_err());
        }
    }
}
