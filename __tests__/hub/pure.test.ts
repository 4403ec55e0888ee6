// The pure pieces of the Hub client: endpoint choice, URL redaction, server wait headers, input and path checks,
// shape validation and the CDN origin policy.
import { pickHubUrl, normalizeHubUrl, PUBLIC_HUB_URL } from '../../src/hub/endpoint.js';
import { HubError, redactUrl } from '../../src/hub/errors.js';
import { serverWaitMs } from '../../src/hub/http.js';
import { assertRepoId, assertRevision } from '../../src/hub/client.js';
import { objectIdTime, parseModelInfo, parseTreeItem } from '../../src/hub/shapes/index.js';
import { checkRepoId } from '../../src/core/ids.js';
import { unsafePathReason } from '../../src/core/paths.js';
import { cdnAllowed } from '../../src/hub/download.js';
import { copyPathFor } from '../../src/hub/fetch-repo.js';
import { proxyFor, proxySettings } from '../../src/hub/proxy.js';
import { ShapeError } from '../../src/hub/shapes/check.js';

const SHA = 'a'.repeat(40);

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof HubError) return err.code;
    throw err;
  }
  return undefined;
}

describe('pickHubUrl', () => {
  test('explicit input beats HF_ENDPOINT, which beats the public Hub', () => {
    expect(pickHubUrl('https://hub.example:8443/', { HF_ENDPOINT: 'https://mirror.example' })).toBe('https://hub.example:8443');
    expect(pickHubUrl(undefined, { HF_ENDPOINT: 'https://mirror.example' })).toBe('https://mirror.example');
    expect(pickHubUrl('', { HF_ENDPOINT: ' ' })).toBe(PUBLIC_HUB_URL);
    expect(pickHubUrl(undefined, {})).toBe('https://huggingface.co');
  });

  test.each([
    ['ftp://hub.example', /http or https/],
    ['https://user:pw@hub.example', /credentials/],
    ['https://hub.example/api', /path/],
    ['https://hub.example/?token=hf_x', /path, query/],
    ['not a url', /not a URL/]
  ])('rejects %s', (raw, message) => {
    expect(() => normalizeHubUrl(raw, 'HF_ENDPOINT')).toThrow(message);
    expect(codeOf(() => normalizeHubUrl(raw))).toBe('invalid-hub-url');
  });

  test('never echoes a query that may carry a token', () => {
    expect(() => normalizeHubUrl('https://hub.example/?token=hf_secret')).not.toThrow(/hf_secret/);
  });
});

describe('redactUrl', () => {
  test('removes userinfo and credential-bearing query parameters, keeps the rest', () => {
    const r = redactUrl('https://u:p@cdn.example/x?X-Amz-Signature=abc&Expires=1&Signature=zz&token=hf_1&cursor=keep&p=2#frag');
    expect(r).toBe('https://cdn.example/x?cursor=keep&p=2');
  });
});

describe('serverWaitMs', () => {
  const h = (o: Record<string, string>) => new Headers(o);
  test('Retry-After in seconds and as an HTTP date', () => {
    expect(serverWaitMs(h({ 'retry-after': '7' }), 0)).toBe(7000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(serverWaitMs(h({ 'retry-after': 'Thu, 01 Jan 2026 00:00:30 GMT' }), now)).toBe(30_000);
    expect(serverWaitMs(h({ 'retry-after': 'Thu, 01 Jan 2026 00:00:00 GMT' }), now + 5000)).toBe(0);
  });
  test('RateLimit only when nothing remains, in both spellings', () => {
    expect(serverWaitMs(h({ ratelimit: '"api";r=0;t=295' }), 0)).toBe(295_000);
    expect(serverWaitMs(h({ ratelimit: '"api";r=499;t=295' }), 0)).toBeUndefined();
    expect(serverWaitMs(h({ ratelimit: 'limit=100, remaining=0, reset=50' }), 0)).toBe(50_000);
  });
  test('the longest of several waits wins; garbage is ignored', () => {
    expect(serverWaitMs(h({ 'retry-after': '3', ratelimit: '"api";r=0;t=9' }), 0)).toBe(9000);
    expect(serverWaitMs(h({ 'retry-after': 'soon' }), 0)).toBeUndefined();
  });
});

describe('input checks before any request', () => {
  test.each([
    ['main', /branch or tag/],
    ['a1b2c3d', /short sha/],
    ['A'.repeat(40), /lowercase/],
    ['refs/pr/1', /branch or tag/],
    [`${SHA}0`, /40-hex/]
  ])('revision %s is refused', (rev, why) => {
    expect(() => assertRevision(rev)).toThrow(why);
    expect(codeOf(() => assertRevision(rev))).toBe('invalid-revision');
  });
  test('a full sha passes', () => expect(codeOf(() => assertRevision(SHA))).toBeUndefined());
  test.each(['gpt2', 'a/b/c', '../etc', 'org/..', 'org/na me', '/org/name', 'org/'])('repo id %s is refused', (id) => {
    expect(codeOf(() => assertRepoId(id))).toBe('invalid-repo-id');
  });
  test('a normal id passes', () => expect(codeOf(() => assertRepoId('Open-OSS/privacy_filter.v2'))).toBeUndefined());
  // The Hub's own rules (huggingface_hub validate_repo_id), the same ones the allowlist applies.
  test.each([
    ['org/name-', false],
    ['org/name.', false],
    ['org/a--b', false],
    ['org/model.git', false],
    ['_org/_name_', true]
  ])('repo id %s: valid %s, as the allowlist judges it', (id, valid) => {
    expect(codeOf(() => assertRepoId(id))).toBe(valid ? undefined : 'invalid-repo-id');
    expect(checkRepoId(id) === null).toBe(valid);
  });
});

describe('tree paths', () => {
  test.each([
    ['../evil', "'..'"],
    ['a/../../b', "'..'"],
    ['/etc/passwd', 'absolute'],
    ['a\\b', 'backslash'],
    ['a\0b', 'NUL'],
    ['a//b', 'empty segment'],
    ['./a', "'.'"],
    ['C:/x', 'drive'],
    ['.git/hooks/post-checkout', '.git'],
    ['', 'empty']
  ])('%j is unsafe', (path, why) => {
    expect(unsafePathReason(path)).toContain(why);
  });
  test('ordinary nested paths are fine', () => {
    expect(unsafePathReason('onnx/model.onnx_data')).toBeUndefined();
    expect(unsafePathReason('.gitattributes')).toBeUndefined();
  });
  test('copy paths cannot leave the output folder', () => {
    expect(copyPathFor('/tmp/out', 'a/b.txt')).toBe('/tmp/out/a/b.txt');
    expect(() => copyPathFor('/tmp/out', '../x')).toThrow(/outside/);
  });
});

describe('shape validation', () => {
  const file = { type: 'file', path: 'a.bin', oid: 'b'.repeat(40), size: 10, lfs: { oid: 'c'.repeat(64), size: 10, pointerSize: 128 } };
  test('a valid LFS item', () => {
    expect(parseTreeItem(file, 't')).toEqual(file);
  });
  test.each([
    [{ ...file, oid: 'xyz' }, 't.oid'],
    [{ ...file, size: -1 }, 't.size'],
    [{ ...file, size: 2 ** 53 }, 't.size'],
    [{ ...file, lfs: { ...file.lfs, oid: 'c'.repeat(40) } }, 't.lfs.oid'],
    [{ ...file, lfs: { ...file.lfs, size: 11 } }, 't.lfs.size'],
    [{ ...file, type: 'symlink' }, 't.type'],
    [{ ...file, path: '../x' }, 't.path']
  ])('rejects a bad field (%#)', (item, where) => {
    expect(() => parseTreeItem(item, 't')).toThrow(ShapeError);
    expect(() => parseTreeItem(item, 't')).toThrow(where);
  });
  test('model info needs an ObjectId, an id and a full sha', () => {
    expect(() => parseModelInfo({ _id: 'zz', id: 'a/b', sha: SHA })).toThrow('_id');
    expect(() => parseModelInfo({ _id: '0'.repeat(24), id: 'a/b', sha: 'main' })).toThrow('sha');
    expect(() => parseModelInfo({ _id: '0'.repeat(24), id: 'a/b', sha: SHA, gated: 'yes' })).toThrow('gated');
    expect(parseModelInfo({ _id: '0'.repeat(24), id: 'a/b', sha: SHA, extra: 1 }).id).toBe('a/b');
  });
  test('ObjectId time is its first four bytes', () => {
    expect(objectIdTime('6455fcd92803288089fd61b6')).toBe('2023-05-06T07:08:09.000Z');
  });
});

describe('CDN origin policy', () => {
  test('the public Hub allows its https CDNs only', () => {
    expect(cdnAllowed('https://huggingface.co', 'https://cdn-lfs.hf.co', undefined)).toBe(true);
    expect(cdnAllowed('https://huggingface.co', 'https://cas-bridge.xethub.hf.co', undefined)).toBe(true);
    expect(cdnAllowed('https://huggingface.co', 'http://cdn-lfs.hf.co', undefined)).toBe(false);
    expect(cdnAllowed('https://huggingface.co', 'https://evil-hf.co', undefined)).toBe(false);
    expect(cdnAllowed('https://huggingface.co', 'https://huggingface.co.evil.example', undefined)).toBe(false);
  });
  test('other Hubs allow only the listed origins', () => {
    expect(cdnAllowed('http://127.0.0.1:1', 'http://127.0.0.1:2', undefined)).toBe(false);
    expect(cdnAllowed('http://127.0.0.1:1', 'http://127.0.0.1:2', ['http://127.0.0.1:2/'])).toBe(true);
    expect(cdnAllowed('https://huggingface.co', 'https://cdn-lfs.hf.co', ['https://mirror.example'])).toBe(false);
  });
});

describe('proxy variables (read as undici reads them; routing itself is checked against undici in proxy.test.ts)', () => {
  test('lower case before upper case; a set-but-empty lower-case variable turns the upper-case one off', () => {
    expect(proxySettings({ https_proxy: 'http://a:1', HTTPS_PROXY: 'http://b:2' }).httpsProxy).toBe('http://a:1');
    expect(proxySettings({ https_proxy: '', HTTPS_PROXY: 'http://b:2' }).httpsProxy).toBeUndefined();
    expect(proxySettings({ no_proxy: 'a', NO_PROXY: 'b' }).noProxy).toBe('a');
  });
  test('https falls back to HTTP_PROXY; http never uses HTTPS_PROXY', () => {
    const s = proxySettings({ HTTP_PROXY: 'http://p:3128' });
    expect(proxyFor('https://huggingface.co/api', s)).toBe('http://p:3128');
    expect(s.httpsSource).toBe('HTTP_PROXY');
    expect(proxyFor('http://mirror.internal/api', proxySettings({ HTTPS_PROXY: 'http://p:3128' }))).toBeUndefined();
  });
  test('scheme-less values mean http://; nothing set means direct', () => {
    expect(proxySettings({ HTTPS_PROXY: 'proxy.corp:3128' }).httpsProxy).toBe('http://proxy.corp:3128');
    expect(proxyFor('https://huggingface.co/api', proxySettings({}))).toBeUndefined();
  });
  test('NO_PROXY domains match the domain and its subdomains; *.domain only subdomains', () => {
    const s = (no: string) => proxySettings({ HTTPS_PROXY: 'http://p:1', NO_PROXY: no });
    expect(proxyFor('https://huggingface.co/x', s('huggingface.co'))).toBeUndefined();
    expect(proxyFor('https://cdn-lfs.huggingface.co/x', s('.huggingface.co'))).toBeUndefined();
    expect(proxyFor('https://huggingface.co/x', s('*.huggingface.co'))).toBe('http://p:1');
    expect(proxyFor('https://nothuggingface.co/x', s('huggingface.co'))).toBe('http://p:1');
    expect(proxyFor('https://huggingface.co/x', s('huggingface.co:8443'))).toBe('http://p:1');
    expect(proxyFor('https://huggingface.co/x', s('huggingface.co:443'))).toBeUndefined();
  });
});
