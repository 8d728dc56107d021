// An independent verifier of Adaldyq's transparency log, written from
// RFC 9162 (§2.1: hashing, §2.1.3.2: inclusion, §2.1.4.2: consistency) and
// the C2SP signed-note / tlog-checkpoint texts alone. It shares no code with
// the server (which is Rust over tlog_tiles): only Node's own crypto.

import { createHash, createPublicKey, verify as edVerify } from 'node:crypto';

const sha256 = (...parts) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

/** RFC 9162 §2.1.1: the hash of a leaf. */
export const leafHash = (data) => sha256(Buffer.from([0]), data);
/** RFC 9162 §2.1.1: the hash of an interior node. */
export const nodeHash = (left, right) => sha256(Buffer.from([1]), left, right);

/** RFC 9162 §2.1.1: MTH(D[n]) of a list of leaves, recursively. */
export function merkleRoot(leaves) {
  const n = leaves.length;
  if (n === 0) return sha256(Buffer.alloc(0));
  if (n === 1) return leafHash(leaves[0]);
  let k = 1;
  while (k * 2 < n) k *= 2;
  return nodeHash(merkleRoot(leaves.slice(0, k)), merkleRoot(leaves.slice(k)));
}

/** RFC 9162 §2.1.3.2: does `proof` put the leaf at `index` in the tree (`size`, `root`)? */
export function verifyInclusion(index, size, leaf, proof, root) {
  if (index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leafHash(leaf);
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}

/** RFC 9162 §2.1.4.2: is the tree (`size1`, `root1`) a prefix of (`size2`, `root2`)? */
export function verifyConsistency(size1, size2, proof, root1, root2) {
  if (size1 > size2) return false;
  if (size1 === size2) return proof.length === 0 && root1.equals(root2);
  if (size1 === 0) return false;
  let path = proof.slice();
  // 2. If first is an exact power of 2, prepend first_hash to the path.
  if (Number.isInteger(Math.log2(size1))) path = [root1, ...path];
  if (path.length === 0) return false;
  let fn = size1 - 1;
  let sn = size2 - 1;
  // 4. If LSB(fn) is set, right-shift both until it is not.
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return fr.equals(root1) && sr.equals(root2) && sn === 0;
}

// ------------------------------------------------------- signed notes

const SPKI_ED25519 = Buffer.from('302a300506032b6570032100', 'hex');

/** A C2SP verifier key `<name>+<hex id>+<base64(0x01 ‖ key)>`. */
export function parseVerifierKey(vkey) {
  const [name, id, ...rest] = vkey.trim().split('+');
  const b64 = rest.join('+'); // base64 has '+' of its own
  const raw = Buffer.from(b64, 'base64');
  if (raw.length !== 33 || raw[0] !== 0x01) throw new Error('not an Ed25519 verifier key');
  const expectedId = sha256(Buffer.from(`${name}\n`), raw).subarray(0, 4).toString('hex');
  if (expectedId !== id) throw new Error(`the key id ${id} is not the hash of the key (${expectedId})`);
  const key = createPublicKey({ key: Buffer.concat([SPKI_ED25519, raw.subarray(1)]), format: 'der', type: 'spki' });
  return { name, id, key };
}

/**
 * Opens a signed checkpoint: checks the log's Ed25519 signature line over
 * the note text and parses origin, size and root. Throws on any problem.
 */
export function openCheckpoint(note, vkey) {
  const { name, id, key } = parseVerifierKey(vkey);
  const cut = note.indexOf('\n\n');
  if (cut < 0) throw new Error('a signed note has a blank line before its signatures');
  const text = note.slice(0, cut + 1);
  const sigs = note.slice(cut + 2).split('\n').filter((l) => l.length);
  let verified = false;
  for (const line of sigs) {
    const m = /^\u2014 (\S+) (\S+)$/.exec(line);
    if (!m) throw new Error(`malformed signature line: ${line}`);
    if (m[1] !== name) continue; // someone else's (a witness)
    const sig = Buffer.from(m[2], 'base64');
    if (sig.subarray(0, 4).toString('hex') !== id) continue;
    if (!edVerify(null, Buffer.from(text, 'utf8'), key, sig.subarray(4))) throw new Error('the log signature does not verify');
    verified = true;
  }
  if (!verified) throw new Error(`no signature by ${name}`);
  const [origin, size, root, ...rest] = text.split('\n');
  if (origin !== name) throw new Error('the origin is not the key name');
  if (!/^(0|[1-9][0-9]*)$/.test(size)) throw new Error('bad tree size');
  if (rest.some((l) => l === undefined)) throw new Error('bad checkpoint');
  const rootBytes = Buffer.from(root, 'base64');
  if (rootBytes.length !== 32) throw new Error('bad root hash');
  return { origin, size: Number(size), root: rootBytes, text };
}
