// Pure pieces of the registry: git object ids, ObjectIds, Range parsing, content generation, card parsing,
// CDN URL signing, names.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { cardDataOf, configOf } from '../../src/registry/card.js';
import { cdnSigner } from '../../src/registry/cdn-url.js';
import { GENERATE_BLOCK, generateContent } from '../../src/registry/generate.js';
import { commitSha, treeOids } from '../../src/registry/git-objects.js';
import { checkRepoId } from '../../src/core/ids.js';
import { unsafePathReason } from '../../src/core/paths.js';
import { isValidName, isValidRepoId } from '../../src/registry/names.js';
import { objectIdTime } from '../../src/hub/shapes/index.js';
import { objectIdFor } from '../../src/registry/object-id.js';
import { parseRange } from '../../src/registry/range.js';

describe('git objects (values checked against git 2.x)', () => {
  const files = [
    { path: 'README.md', gitOid: '45b983be36b73c0788dc9cbcb76cbb80fc7bb057' },
    { path: 'a-b.txt', gitOid: 'c1b0730e0133447badcfd47fd144e254807b06e1' },
    { path: 'scripts/data/vocab.txt', gitOid: 'de980441c3ab03a8c07dda1ad27b8a11f39deb1e' },
    { path: 'scripts/preprocess.py', gitOid: '11b15b1a4584b08fa423a57964bdbf018b0da0d5' }
  ];

  test('tree oids of the root and every folder equal git write-tree', () => {
    const oids = treeOids(files);
    expect(oids.get('')).toBe('8c8a6b54e8fb54e0b852aa30bb04228032eb18c0');
    expect(oids.get('scripts')).toBe('328f78e85ac6d62adaa3a68e7edbf575478cdabc');
    expect(oids.get('scripts/data')).toBe('487a3a1e732fdbe3f6cedd0d01fad074452921c6');
    expect(treeOids([]).get('')).toBe('4b825dc642cb6eb9a060e54bf8d69288fbee4904');
  });

  test('commit sha equals git commit for the same tree, author and date', () => {
    const sha = commitSha({ tree: '8c8a6b54e8fb54e0b852aa30bb04228032eb18c0', authors: ['alice'], date: '2023-06-01T00:00:00Z', title: 'initial commit', message: '' });
    expect(sha).toBe('f3d3a17b3e67c4afa7b1637bd891fdd0daafdd28');
    expect(commitSha({ tree: '8c8a6b54e8fb54e0b852aa30bb04228032eb18c0', parent: sha, authors: ['alice'], date: '2023-06-01T00:00:00Z', title: 'initial commit', message: '' })).not.toBe(sha);
  });
});

describe('ObjectId', () => {
  test('first 4 bytes are the creation second; the rest is stable per seed', () => {
    const id = objectIdFor('2023-05-01T10:20:30.999Z', 'account:acme');
    expect(id).toMatch(/^[0-9a-f]{24}$/);
    expect(objectIdTime(id)).toBe('2023-05-01T10:20:30.000Z');
    expect(objectIdFor('2023-05-01T10:20:30Z', 'account:acme')).toBe(id);
    expect(objectIdFor('2023-05-01T10:20:30Z', 'account:other')).not.toBe(id);
    expect(() => objectIdFor('yesterday', 'x')).toThrow(/not an ISO date/);
  });
});

describe('Range', () => {
  test('forms and refusals', () => {
    expect(parseRange(undefined, 10)).toEqual({ kind: 'full' });
    expect(parseRange('bytes=0-0', 10)).toEqual({ kind: 'partial', start: 0, end: 0 });
    expect(parseRange('bytes=3-', 10)).toEqual({ kind: 'partial', start: 3, end: 9 });
    expect(parseRange('bytes=-4', 10)).toEqual({ kind: 'partial', start: 6, end: 9 });
    expect(parseRange('bytes=-40', 10)).toEqual({ kind: 'partial', start: 0, end: 9 });
    expect(parseRange('bytes=8-99', 10)).toEqual({ kind: 'partial', start: 8, end: 9 });
    for (const bad of ['bytes=10-', 'bytes=5-4', 'bytes=-0', 'bytes=-', 'items=0-1', 'bytes=0-1,2-3', 'bytes=1e3-']) {
      expect([bad, parseRange(bad, 10).kind]).toEqual([bad, 'unsatisfiable']);
    }
    expect(parseRange('bytes=0-0', 0)).toEqual({ kind: 'full' });
  });

  test('any satisfiable range lies inside the file', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), fc.string(), (size, tail) => {
        const r = parseRange(`bytes=${tail}`, size);
        if (r.kind === 'partial') return r.start >= 0 && r.start <= r.end && r.end < size;
        return true;
      })
    );
  });
});

describe('generated content', () => {
  const collect = (size: number, seed?: number): Buffer => Buffer.concat([...generateContent(size, seed)]);

  test('exact size, chunks ≤ 1 MiB, deterministic per seed, different across seeds and blocks', () => {
    const size = 2 * GENERATE_BLOCK + 5;
    const chunks = [...generateContent(size, 3)];
    expect(chunks.map((c) => c.byteLength)).toEqual([GENERATE_BLOCK, GENERATE_BLOCK, 5]);
    const a = collect(size, 3);
    expect(a.byteLength).toBe(size);
    expect(createHash('sha256').update(a).digest('hex')).toBe(createHash('sha256').update(collect(size, 3)).digest('hex'));
    expect(a.equals(collect(size, 4))).toBe(false);
    expect(a.subarray(0, GENERATE_BLOCK).equals(a.subarray(GENERATE_BLOCK, 2 * GENERATE_BLOCK))).toBe(false);
    expect(collect(0).byteLength).toBe(0);
    expect(() => collect(-1)).toThrow();
  });
});

describe('model card and config', () => {
  test('front matter parsed with every scalar a string; no front matter or broken YAML → undefined', () => {
    expect(cardDataOf('---\nlicense: mit\nyear: 2024\ntags:\n- a\n---\n# hi')).toEqual({ license: 'mit', year: '2024', tags: ['a'] });
    expect(cardDataOf('# no front matter')).toBeUndefined();
    expect(cardDataOf('---\n: : [\n---\n')).toBeUndefined();
    expect(cardDataOf('---\n- a list\n---\n')).toBeUndefined();
  });

  test('config summary keeps the keys the Hub reports, adds tokenizer_config, ignores broken JSON', () => {
    expect(configOf('{"model_type":"bert","auto_map":{"AutoModel":"m.M"},"vocab_size":3}', '{"chat_template":"{{x}}","model_max_length":5}')).toEqual({
      model_type: 'bert',
      auto_map: { AutoModel: 'm.M' },
      tokenizer_config: { chat_template: '{{x}}' }
    });
    expect(configOf('{broken', undefined)).toBeUndefined();
    expect(configOf('[1]', undefined)).toBeUndefined();
    expect(configOf(undefined, '{}')).toBeUndefined();
  });
});

describe('CDN URL signing', () => {
  const key = Buffer.alloc(32, 7);
  const sha = 'a'.repeat(64);
  const signer = cdnSigner('http://127.0.0.1:9', key, 60);

  test('round trip, then expiry, tampering and a different key all fail', () => {
    const url = new URL(signer.sign(sha, 'model.safetensors', 1000));
    expect(signer.verify(url, 1000)).toMatchObject({ ok: true, sha256: sha });
    expect(signer.verify(url, 1061)).toEqual({ ok: false, reason: 'Request has expired' });
    const moved = new URL(url);
    moved.pathname = `/repos/bb/bb/${'b'.repeat(64)}`;
    expect(signer.verify(moved, 1000).ok).toBe(false);
    expect(cdnSigner('http://127.0.0.1:9', Buffer.alloc(32, 8)).verify(url, 1000).ok).toBe(false);
  });
});

describe('names', () => {
  test('Hub name rules and unsafe paths', () => {
    expect(isValidRepoId('Open-OSS/privacy-filter')).toBe(true);
    for (const bad of ['a', 'a/b/c', 'a--b/c', 'a/b..c', '-a/b', 'a/b-', 'а/b', `${'x'.repeat(97)}/b`]) expect([bad, isValidRepoId(bad)]).toEqual([bad, false]);
    expect(isValidName('x'.repeat(96))).toBe(true);
    // The registry serves exactly the ids the client and the allowlist accept.
    expect(isValidRepoId('_acme/m_')).toBe(true);
    for (const id of ['_acme/m_', 'acme/m.git', 'acme/m.', 'acme/a--b']) expect([id, isValidRepoId(id)]).toEqual([id, checkRepoId(id) === null]);
    expect(unsafePathReason('scripts/preprocess.py')).toBeUndefined();
    for (const bad of ['', '/etc/passwd', 'a/../b', './a', 'a//b', 'a\\b', 'a\0b', '.git/config', 'a/']) expect([bad, unsafePathReason(bad)]).toEqual([bad, expect.any(String)]);
  });
});
