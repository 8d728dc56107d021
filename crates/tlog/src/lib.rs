//! Adaldyq's transparency log, the parts that need no database: the leaf
//! encoding ([`leaf`]), the Merkle tree and its proofs ([`tree`]), signed
//! checkpoints and witness cosignatures ([`note`]).

pub mod leaf;
pub mod note;
pub mod tree;

pub use tree::{verify_consistency, verify_inclusion, Hash, ProofError, Tree};
