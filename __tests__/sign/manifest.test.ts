// The pure parts: manifest ordering/ROOT/ignore rules, PAE, envelope parsing, vetting record and canonical JSON.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { envelopeFromJSON, envelopeToJSON, pae } from '../../src/sign/dsse.js';
import { type InTotoStatement, buildManifest, comparePathComponents, DEFAULT_IGNORE_PATHS, isIgnored, ManifestError, manifestStatement, parseModelSigningStatement, rootDigest, serializeStatement } from '../../src/sign/manifest.js';
import { defaultPolicy } from '../../src/config/policy/defaults.js';
import { canonicalJson, policyDigest, policySha256 } from '../../src/config/policy/digest.js';
import type { Policy } from '../../src/config/policy/schema.js';
import { parseVettingStatement, VETTING_PREDICATE_TYPE, vettingStatement } from '../../src/sign/vetting.js';
import { checkIdentity } from '../../src/sign/verify.js';
import { TOOL_VERSION } from '../../src/core/version.js';
import { approvedReview, COMMIT, sha256 } from './fixtures.js';

const d = (path: string, content = path) => ({ path, size: content.length, sha256: sha256(content) });

describe('manifest', () => {
  it('sorts by path components, not raw strings', () => {
    const m = buildManifest({ digests: [d('a-c'), d('a/b'), d('b'), d('a/b/c'), d('A'), d('a.txt')], modelName: 'm' });
    expect(m.resources.map((r) => r.name)).toEqual(['A', 'a/b', 'a/b/c', 'a-c', 'a.txt', 'b']);
    // Raw string order would put 'a-c' (0x2d) before 'a/b' (0x2f).
    expect(['a/b', 'a-c'].sort()).toEqual(['a-c', 'a/b']);
    expect(comparePathComponents('a/b', 'a-c')).toBeLessThan(0);
  });

  it('orders by code point like Python, also beyond the BMP', () => {
    // UTF-16 comparison would put U+1F600 (surrogates D83D..) before U+FF5E; code point order is the reverse.
    expect(comparePathComponents('\u{FF5E}', '\u{1F600}')).toBeLessThan(0);
  });

  it('ROOT is sha256 over the concatenated raw digest bytes, in manifest order', () => {
    const m = buildManifest({ digests: [d('b'), d('a')], modelName: 'm' });
    const expected = createHash('sha256').update(Buffer.from(sha256('a'), 'hex')).update(Buffer.from(sha256('b'), 'hex')).digest('hex');
    expect(m.root).toBe(expected);
    expect(rootDigest([])).toBe(sha256(''));
  });

  it('drops default and caller ignore paths, including .gitattributes and whole ignored folders', () => {
    const m = buildManifest({ digests: [d('.gitattributes'), d('.git/HEAD'), d('.cache/huggingface/x'), d('.cache/other'), d('logs/run.txt'), d('logsX'), d('w.bin')], modelName: 'm', ignorePaths: ['logs'] });
    expect(m.resources.map((r) => r.name)).toEqual(['.cache/other', 'logsX', 'w.bin']);
    expect(m.ignorePaths).toEqual([...DEFAULT_IGNORE_PATHS, 'logs']);
    expect(isIgnored('logs', ['logs'])).toBe(true);
    expect(isIgnored('logsX/a', ['logs'])).toBe(false);
  });

  it('refuses bad paths, bad digests and duplicates', () => {
    for (const path of ['/abs', '../up', 'a//b', 'a/./b', '', 'a\\b', 'x/..']) expect(() => buildManifest({ digests: [d(path, 'x')], modelName: 'm' })).toThrow(/clean relative/);
    expect(() => buildManifest({ digests: [{ path: 'a', size: 1, sha256: 'ABC' }], modelName: 'm' })).toThrow(/no valid sha256/);
    expect(() => buildManifest({ digests: [d('a'), d('a')], modelName: 'm' })).toThrow(/twice/);
    expect(() => buildManifest({ digests: [], modelName: '' })).toThrow(/name/);
  });

  it('round-trips through the statement JSON, in the key order model_signing writes', () => {
    const m = buildManifest({ digests: [d('w.bin'), d('config.json')], modelName: 'acme/m' });
    const bytes = serializeStatement(manifestStatement(m));
    const json = JSON.parse(bytes.toString('utf8')) as { predicate: { serialization: object; resources: object[] } };
    expect(Object.keys(json)).toEqual(['_type', 'subject', 'predicateType', 'predicate']);
    expect(Object.keys(json.predicate.serialization)).toEqual(['method', 'hash_type', 'allow_symlinks', 'ignore_paths']);
    expect(Object.keys(json.predicate.resources[0]!)).toEqual(['name', 'algorithm', 'digest']);
    const parsed = parseModelSigningStatement(bytes);
    expect(parsed).toEqual({ modelName: 'acme/m', subjectRoot: m.root, computedRoot: m.root, resources: m.resources, ignorePaths: m.ignorePaths, allowSymlinks: false });
  });

  it('property: any permutation of the input gives the same manifest and ROOT', () => {
    const name = fc.stringMatching(/^[a-z0-9._-]{1,6}$/).filter((s) => s !== '.' && s !== '..');
    const path = fc.array(name, { minLength: 1, maxLength: 3 }).map((p) => p.join('/'));
    fc.assert(
      fc.property(fc.uniqueArray(path, { minLength: 1, maxLength: 12 }), fc.integer(), (paths, seed) => {
        // A path may not also be a folder of another path on disk; drop prefixes to keep inputs realistic.
        const files = paths.filter((p) => !paths.some((q) => q !== p && q.startsWith(`${p}/`)));
        const digests = files.map((p) => d(p));
        const shuffled = [...digests].sort((a, b) => ((sha256(a.path + seed) < sha256(b.path + seed)) ? -1 : 1));
        const a = buildManifest({ digests, modelName: 'm', ignorePaths: [] });
        const b = buildManifest({ digests: shuffled, modelName: 'm' });
        expect(b).toEqual(a);
        for (let i = 1; i < a.resources.length; i++) expect(comparePathComponents(a.resources[i - 1]!.name, a.resources[i]!.name)).toBeLessThan(0);
      })
    );
  });

  it('parse rejects what cannot be checked fully, as malformed or unsupported', () => {
    const m = buildManifest({ digests: [d('a')], modelName: 'm' });
    const stmt = manifestStatement(m) as InTotoStatement<{ serialization: object; resources: object[] }>;
    const parse = (o: unknown) => () => parseModelSigningStatement(Buffer.from(JSON.stringify(o)));
    const kind = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return e instanceof ManifestError ? e.kind : 'other';
      }
      return 'none';
    };
    expect(kind(() => parseModelSigningStatement(Buffer.from('nope')))).toBe('malformed');
    expect(kind(parse({ ...stmt, predicateType: 'https://slsa.dev/provenance/v1' }))).toBe('unsupported');
    expect(kind(parse({ ...stmt, predicate: { ...stmt.predicate, serialization: { ...stmt.predicate.serialization, method: 'shards' } } }))).toBe('unsupported');
    expect(kind(parse({ ...stmt, predicate: { ...stmt.predicate, resources: [{ name: '../etc/passwd', algorithm: 'sha256', digest: sha256('x') }] } }))).toBe('malformed');
    expect(kind(parse({ ...stmt, predicate: { ...stmt.predicate, resources: [{ name: 'a', algorithm: 'blake2', digest: sha256('x') }] } }))).toBe('unsupported');
    expect(kind(parse({ ...stmt, subject: [] }))).toBe('malformed');
    expect(kind(parse(stmt))).toBe('none');
  });
});

describe('DSSE', () => {
  it('PAE matches the DSSE spec example and counts bytes, not characters', () => {
    expect(pae('http://example.com/HelloWorld', Buffer.from('hello world')).toString()).toBe('DSSEv1 29 http://example.com/HelloWorld 11 hello world');
    expect(pae('t', Buffer.from('é')).toString()).toBe('DSSEv1 1 t 2 é');
  });

  it('envelopes round-trip, base64url is accepted, junk is refused', () => {
    const env = { payloadType: 'application/vnd.in-toto+json', payload: Buffer.from('{}'), signatures: [{ sig: Buffer.from([1, 2, 250]), keyid: '' }] };
    expect(envelopeFromJSON(envelopeToJSON(env))).toEqual(env);
    expect(envelopeFromJSON({ ...envelopeToJSON(env), signatures: [{ sig: Buffer.from([1, 2, 250]).toString('base64url') }] }).signatures[0]!.sig).toEqual(Buffer.from([1, 2, 250]));
    expect(() => envelopeFromJSON({ payloadType: 'x', payload: '!!', signatures: [] })).toThrow(/base64/);
    expect(() => envelopeFromJSON({ payload: '', signatures: [] })).toThrow(/payloadType/);
    expect(() => envelopeFromJSON(null)).toThrow(/not an object/);
  });
});

describe('vetting record', () => {
  it('carries ids, redirects, findings, verdict, policy digest, tool version and PR URL over the same subject', () => {
    const review = approvedReview({ canonicalId: 'acme-labs/bert-tiny', redirects: [{ from: 'acme/bert-tiny', to: 'acme-labs/bert-tiny', status: 307 }] });
    const policy: Policy = { ...defaultPolicy(), trustedPublishers: ['acme'], failOn: 'low' };
    const s = vettingStatement(review, { name: 'acme/bert-tiny', root: 'f'.repeat(64) }, { policy, prUrl: 'https://github.com/acme/models/pull/7', repoCreatedAt: '2024-01-01T00:00:00Z', hubScan: { scansDone: true, files: [{ path: 'model.safetensors', status: 'safe' }] }, reviewedAt: '2026-05-01T00:00:00Z' });
    expect(s.predicateType).toBe(VETTING_PREDICATE_TYPE);
    expect(s.subject).toEqual([{ name: 'acme/bert-tiny', digest: { sha256: 'f'.repeat(64) } }]);
    expect(s.predicate).toEqual(
      expect.objectContaining({
        tool: { name: 'model-gate', version: TOOL_VERSION },
        requestedId: 'acme/bert-tiny',
        canonicalId: 'acme-labs/bert-tiny',
        commit: COMMIT,
        repoId: review.repoId,
        authorId: review.authorId,
        createdAt: { repo: '2024-01-01T00:00:00Z', author: null, commit: null },
        redirects: review.redirects,
        verdict: 'approved',
        findings: review.findings,
        policyDigest: { sha256: policySha256(policy) },
        prUrl: 'https://github.com/acme/models/pull/7',
        hubScan: { scansDone: true, files: [{ path: 'model.safetensors', status: 'safe' }] }
      })
    );
    const parsed = parseVettingStatement(serializeStatement(s));
    expect(parsed).toEqual(expect.objectContaining({ root: 'f'.repeat(64), requestedId: 'acme/bert-tiny', canonicalId: 'acme-labs/bert-tiny', commit: COMMIT, verdict: 'approved' }));
    expect(() => vettingStatement(approvedReview({ commit: undefined }), { name: 'x', root: 'f'.repeat(64) })).toThrow(/no resolved commit/);
  });

  it('policy digest is over canonical JSON: key order does not matter, values do', () => {
    expect(canonicalJson({ b: [1, { d: true, c: null }], a: 'x', u: undefined })).toBe('{"a":"x","b":[1,{"c":null,"d":true}]}');
    const policy = defaultPolicy();
    const reordered = Object.fromEntries(Object.entries(policy).reverse()) as unknown as Policy;
    expect(policySha256(reordered)).toBe(policySha256(policy));
    expect(policySha256({ ...policy, maxFileSize: 1 })).not.toBe(policySha256(policy));
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/non-finite/);
  });

  it('records the policy module digest: same rules, same digest, whatever the concurrency or file layout', () => {
    const review = approvedReview();
    const recorded = (policy: Policy): unknown => vettingStatement(review, { name: 'm', root: 'f'.repeat(64) }, { policy, reviewedAt: '2026-05-01T00:00:00Z' }).predicate.policyDigest;
    const exception = { repo: 'acme/m', checks: ['b.c', 'a.*'], reason: 'ok', expires: '2026-12-31' };
    const a: Policy = { ...defaultPolicy(), exceptions: [{ ...exception, line: 3 }] };
    const b: Policy = { ...a, concurrency: 9, exceptions: [{ ...exception, checks: ['a.*', 'b.c'], line: 12 }], trustedPublishers: [...a.trustedPublishers].reverse() };
    expect(recorded(a)).toEqual({ sha256: policyDigest(a).slice('sha256:'.length) });
    expect(recorded(b)).toEqual(recorded(a));
    expect(recorded({ ...a, failOn: 'medium' })).not.toEqual(recorded(a));
  });
});

describe('identity and ref matching', () => {
  const wf = 'https://github.com/acme/models/.github/workflows/gate.yml';
  it('judges base identity as wrong-signer and the ref as wrong-ref', () => {
    expect(checkIdentity(`${wf}@refs/heads/main`, `${wf}@refs/heads/main`)).toBeUndefined();
    expect(checkIdentity(`${wf}@refs/heads/main`, wf)).toBeUndefined();
    expect(checkIdentity(`${wf}@refs/heads/dev`, wf)?.reason).toBe('wrong-ref');
    expect(checkIdentity(`${wf}@refs/heads/dev`, wf, 'refs/heads/dev')).toBeUndefined();
    expect(checkIdentity(`${wf}@refs/pull/1/merge`, `${wf}@refs/heads/main`)?.reason).toBe('wrong-ref');
    expect(checkIdentity(`${wf}x@refs/heads/main`, wf)?.reason).toBe('wrong-signer');
    expect(checkIdentity('alice@example.com', 'alice@example.com')).toBeUndefined();
    expect(checkIdentity('alice@example.com', 'alice@example.com', 'refs/heads/main')?.reason).toBe('wrong-ref');
    expect(() => checkIdentity(wf, `${wf}@refs/heads/main`, 'refs/heads/dev')).toThrow(/also given/);
  });
});
