// The transparency log checked from outside: verifier/rfc9162.mjs (written
// from RFC 9162 and the C2SP texts, sharing nothing with the server) checks
// the checkpoint signature, rebuilds the tree from the public leaves, and
// checks the inclusion and consistency proofs a running server gives, on
// SQLite and PostgreSQL.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { freshPostgres, startServer, within } from './harness.mjs';
import { merkleRoot, openCheckpoint, verifyConsistency, verifyInclusion } from './verifier/rfc9162.mjs';

const b = (hex) => Buffer.from(hex, 'hex');
const b64 = (s) => Buffer.from(s, 'base64');

describe('the independent verifier itself', () => {
  // RFC 6962's reference leaves and proofs (as used by transparency-dev).
  const leaves = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(b);
  test('reproduces the reference roots and proofs', () => {
    assert.equal(merkleRoot(leaves).toString('hex'), '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328');
    assert.equal(merkleRoot(leaves.slice(0, 5)).toString('hex'), '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4');
    const root8 = merkleRoot(leaves);
    const path = [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ].map(b);
    assert.ok(verifyInclusion(5, 8, leaves[5], path, root8));
    assert.ok(!verifyInclusion(4, 8, leaves[5], path, root8));
    assert.ok(!verifyInclusion(5, 8, leaves[4], path, root8));
    const consistency = [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ].map(b);
    const root2 = merkleRoot(leaves.slice(0, 2));
    const root5 = merkleRoot(leaves.slice(0, 5));
    assert.ok(verifyConsistency(2, 5, consistency, root2, root5));
    assert.ok(!verifyConsistency(2, 5, consistency, root5, root2));
    assert.ok(!verifyConsistency(3, 5, consistency, root2, root5));
  });
});

const backends = [{ name: 'sqlite' }];
if (process.env.ADALDYQ_TEST_POSTGRES_URL) backends.push({ name: 'postgres', url: process.env.ADALDYQ_TEST_POSTGRES_URL });

for (const backend of backends) {
  describe(`a running server's log, checked independently, on ${backend.name}`, { timeout: 5 * 60_000 }, () => {
    let server;
    let database;
    before(
      async () => {
        if (backend.url) database = freshPostgres(backend.url);
        server = await startServer({ databaseUrl: database?.url });
      },
      { timeout: 150_000 },
    );
    after(async () => {
      await server?.stop();
      database?.drop();
    });

    const get = async (path) => {
      const r = await fetch(`${server.base}${path}`);
      return { status: r.status, text: await r.text() };
    };
    const json = async (path) => {
      const r = await get(path);
      assert.equal(r.status, 200, `${path}: ${r.text}`);
      return JSON.parse(r.text);
    };
    const file = async (i) => {
      const r = await fetch(`${server.base}/api/v1/appeals`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          kind: 'complaint', territory: '433200000', subject: `verifier ${i}`, text: 'Жол жөнделмеген', language: 'kk', anonymous: true,
        }),
      });
      assert.equal(r.status, 201);
      return r.json();
    };
    /** The next signed checkpoint with more than `size` leaves (the server signs every second). */
    const checkpointAbove = async (vkey, size) =>
      within(20_000, `a checkpoint above ${size}`, (async () => {
        for (;;) {
          const r = await get('/api/v1/log/checkpoint');
          if (r.status === 200) {
            const c = openCheckpoint(r.text, vkey);
            if (c.size > size) return c;
          }
          await new Promise((res) => setTimeout(res, 200));
        }
      })());

    test('the checkpoint, the leaves and every proof verify; forgeries do not', async () => {
      const vkey = (await get('/api/v1/log/key')).text.trim();
      const first = await checkpointAbove(vkey, 0);
      const receipt = await file(1);
      const mid = await checkpointAbove(vkey, first.size);
      await file(2);
      const last = await checkpointAbove(vkey, mid.size);

      // The signature is the log's; another text under it is not.
      const signatures = (await get('/api/v1/log/checkpoint')).text.split('\n\n')[1];
      const moved = `${last.origin}\n${last.size + 1}\n${last.root.toString('base64')}\n\n${signatures}`;
      assert.throws(() => openCheckpoint(moved, vkey), /does not verify/);

      // The public leaves rebuild the signed root.
      const { leaves } = await json(`/api/v1/log/leaves?start=0&end=${last.size}`);
      assert.equal(leaves.length, last.size);
      const data = leaves.map((l, i) => {
        assert.equal(l.index, i);
        return b64(l.data);
      });
      assert.ok(merkleRoot(data).equals(last.root), 'the leaves make the signed tree');
      assert.ok(merkleRoot(data.slice(0, mid.size)).equals(mid.root), 'and the earlier one');
      assert.ok(data.every((d) => !d.toString('utf8').includes('Жол')), 'no text of an appeal in a leaf');

      // Inclusion of every leaf.
      for (let i = 0; i < last.size; i++) {
        const p = await json(`/api/v1/log/inclusion?index=${i}&size=${last.size}`);
        const path = p.hashes.map(b64);
        assert.ok(verifyInclusion(i, last.size, data[i], path, last.root), `leaf ${i}`);
        if (path.length) {
          const forged = path.map((h) => Buffer.from(h));
          forged[0][0] ^= 1;
          assert.ok(!verifyInclusion(i, last.size, data[i], forged, last.root), `forged path for leaf ${i}`);
        }
      }
      // The receipt's appeal: its "filed" leaf is in the tree.
      const filed = data.findIndex((d) => d.toString().includes(`kind filed\nappeal ${receipt.number}\n`));
      assert.ok(filed >= 0, 'the filed leaf of the appeal is in the log');

      // Consistency between the three checkpoints.
      for (const [a, z] of [[first, mid], [mid, last], [first, last]]) {
        const c = await json(`/api/v1/log/consistency?from=${a.size}&to=${z.size}`);
        const path = c.hashes.map(b64);
        assert.ok(verifyConsistency(a.size, z.size, path, a.root, z.root), `${a.size} → ${z.size}`);
        const otherRoot = Buffer.from(a.root);
        otherRoot[31] ^= 1;
        assert.ok(!verifyConsistency(a.size, z.size, path, otherRoot, z.root), `a rewritten ${a.size}-tree is caught`);
      }

      // Out of range: 400 with the reason.
      const bad = await get(`/api/v1/log/inclusion?index=${last.size}&size=${last.size}`);
      assert.equal(bad.status, 400);
      assert.match(JSON.parse(bad.text).detail, /outside a tree/);
    });
  });
}
