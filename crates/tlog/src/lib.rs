//! The transparency log's Merkle math (RFC 6962 / RFC 9162: SHA-256, leaf
//! prefix 0x00, node prefix 0x01), as a thin layer over `ct-merkle`: build a
//! tree from leaves, give roots, inclusion and consistency proofs, and check
//! them. Persistence, checkpoints and signatures build on this (issue 4).

use ct_merkle::mem_backed_tree::MemoryBackedTree;
use ct_merkle::{ConsistencyProof, InclusionProof, RootHash};
use sha2_011::{Digest, Sha256};

/// A SHA-256 hash.
pub type Hash = [u8; 32];

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProofError {
    #[error("the index {index} is outside a tree of size {size}")]
    IndexOutOfRange { index: u64, size: u64 },
    #[error("the sizes {from} and {to} do not make a consistency proof")]
    BadSizes { from: u64, to: u64 },
    #[error("the proof does not verify")]
    Invalid,
}

/// RFC 6962 §2.1: the hash of a leaf is SHA-256(0x00 ‖ data).
pub fn leaf_hash(data: &[u8]) -> Hash {
    let mut h = Sha256::new();
    h.update([0u8]);
    h.update(data);
    h.finalize().into()
}

/// The root of the empty tree: SHA-256 of nothing.
pub fn empty_root() -> Hash {
    Sha256::digest([]).into()
}

/// An append-only tree of leaves kept in memory.
#[derive(Default)]
pub struct Tree {
    inner: MemoryBackedTree<Sha256, Vec<u8>>,
}

fn to_hash(root: &RootHash<Sha256>) -> Hash {
    let mut out = [0u8; 32];
    out.copy_from_slice(root.as_bytes());
    out
}

fn chunks(bytes: &[u8]) -> Vec<Hash> {
    bytes
        .chunks(32)
        .map(|c| {
            let mut h = [0u8; 32];
            h.copy_from_slice(c);
            h
        })
        .collect()
}

impl Tree {
    pub fn new() -> Tree {
        Tree::default()
    }

    pub fn from_leaves<I: IntoIterator<Item = Vec<u8>>>(leaves: I) -> Tree {
        let mut t = Tree::new();
        for l in leaves {
            t.push(l);
        }
        t
    }

    pub fn push(&mut self, leaf: Vec<u8>) {
        self.inner.push(leaf);
    }

    pub fn size(&self) -> u64 {
        self.inner.len()
    }

    /// The root of the whole tree.
    pub fn root(&self) -> Hash {
        if self.size() == 0 {
            empty_root()
        } else {
            to_hash(&self.inner.root())
        }
    }

    /// The root the tree had at `size` leaves.
    pub fn root_at(&self, size: u64) -> Option<Hash> {
        (size <= self.size()).then(|| self.prefix(size).root())
    }

    fn prefix(&self, size: u64) -> Tree {
        Tree::from_leaves(self.inner.items().iter().take(size as usize).cloned())
    }

    /// The audit path for leaf `index` in the tree of `size` leaves.
    pub fn inclusion_proof(&self, index: u64, size: u64) -> Result<Vec<Hash>, ProofError> {
        if index >= size || size > self.size() {
            return Err(ProofError::IndexOutOfRange { index, size });
        }
        let tree = if size == self.size() { None } else { Some(self.prefix(size)) };
        let inner = tree.as_ref().map(|t| &t.inner).unwrap_or(&self.inner);
        Ok(chunks(inner.prove_inclusion(index as usize).as_bytes()))
    }

    /// The proof that the tree of `from` leaves is a prefix of the tree of
    /// `to` leaves.
    pub fn consistency_proof(&self, from: u64, to: u64) -> Result<Vec<Hash>, ProofError> {
        if from == 0 || from > to || to > self.size() {
            return Err(ProofError::BadSizes { from, to });
        }
        let tree = if to == self.size() { None } else { Some(self.prefix(to)) };
        let inner = tree.as_ref().map(|t| &t.inner).unwrap_or(&self.inner);
        Ok(chunks(inner.prove_consistency((to - from) as usize).as_bytes()))
    }
}

/// Checks that `leaf` is at `index` in the tree of `size` leaves with `root`.
pub fn verify_inclusion(root: &Hash, size: u64, index: u64, leaf: &[u8], proof: &[Hash]) -> Result<(), ProofError> {
    if index >= size {
        return Err(ProofError::IndexOutOfRange { index, size });
    }
    let root = RootHash::<Sha256>::new((*root).into(), size);
    let proof = InclusionProof::<Sha256>::from_bytes(proof.concat());
    root.verify_inclusion(&leaf, index, &proof).map_err(|_| ProofError::Invalid)
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
    let old = RootHash::<Sha256>::new((*old_root).into(), old_size);
    let new = RootHash::<Sha256>::new((*new_root).into(), new_size);
    let proof = ConsistencyProof::<Sha256>::try_from_bytes(proof.concat()).map_err(|_| ProofError::Invalid)?;
    new.verify_consistency(&old, &proof).map_err(|_| ProofError::Invalid)
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
        h.iter().map(|b| format!("{b:02x}")).collect()
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
        assert_eq!(leaf_hash(&[]), tree.root_at(1).unwrap(), "a one-leaf tree's root is its leaf hash");
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
            forged[0] ^= 1;
            prop_assert!(verify_consistency(&forged, from, &root, size, &c).is_err());
        }
    }
}
