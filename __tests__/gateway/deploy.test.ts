// Deployment: bearer tokens (never logged), TLS, health and Prometheus metrics, a stale allowlist refused, the
// allowlist from GitHub's default branch, graceful close, and the CLI (`serve --gateway`, `mirror`).
import { execFileSync } from 'node:child_process';
import { request as httpsRequest } from 'node:https';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { downloadFile } from '@huggingface/hub';
import type { CliIO } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run.js';
import { serveUntil } from '../../src/cli/serve.js';
import { githubSource } from '../../src/gateway/approval-state.js';
import { startGitHubServer } from '../support/github-server.js';
import { sha256, startTestGateway, startWorld, WEIGHTS, type World } from './fixture.js';

let w: World;
const repo = 'acme/tiny-tok';
beforeAll(async () => {
  w = await startWorld();
});
afterAll(async () => {
  await w.close();
});

function io(cwd: string, env: Record<string, string> = {}): CliIO & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), env, cwd };
}

test('bearer tokens: missing or wrong is 401 in the Hub shape, the holder is logged by name, the token never', async () => {
  const secret = 'hf_gateway_secret_for_alice_0123';
  const g = await startTestGateway(w, { tokens: (await import('../../src/gateway/tokens.js')).parseTokens(`# team tokens\nalice:${secret}\n`, 'tokens') });
  try {
    const url = `${g.gw.url}/${repo}/resolve/main/config.json`;
    const none = await fetch(url);
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: string }).error).toMatch(/needs an access token/);
    expect((await fetch(url, { headers: { Authorization: 'Bearer hf_gateway_secret_for_alice_0124' } })).status).toBe(401);
    const blob = await downloadFile({ repo, path: 'model.safetensors', hubUrl: g.gw.url, accessToken: secret });
    expect(sha256(Buffer.from(await blob!.arrayBuffer()))).toBe(sha256(WEIGHTS));
    const served = g.log.filter((l) => l['outcome'] === 'served');
    expect(served.length).toBeGreaterThan(0);
    expect(served.every((l) => l['who'] === 'alice')).toBe(true);
    expect(g.log.filter((l) => l['status'] === 401).map((l) => l['reason'])).toEqual(['unauthenticated', 'unauthenticated']);
    expect(JSON.stringify(g.log)).not.toContain(secret);
    expect(JSON.stringify(g.log)).not.toContain('hf_gateway_secret_for_alice_0124');
  } finally {
    await g.close();
  }
});

test('TLS: served over HTTPS with the given certificate and key (a client trusting that certificate connects)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mg-tls-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1', '-subj', '/CN=gateway.test',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    const cert = await readFile(join(dir, 'cert.pem'), 'utf8');
    const g = await startTestGateway(w, { tls: { certPem: cert, keyPem: await readFile(join(dir, 'key.pem'), 'utf8') } });
    try {
      expect(g.gw.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const get = (ca?: string): Promise<{ status: number; body: Buffer }> =>
        new Promise((resolve, reject) => {
          const req = httpsRequest(`${g.gw.url}/${repo}/resolve/main/model.safetensors`, ca ? { ca } : {}, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
          });
          req.on('error', reject);
          req.end();
        });
      const ok = await get(cert);
      expect(ok.status).toBe(200);
      expect(sha256(ok.body)).toBe(sha256(WEIGHTS));
      await expect(get()).rejects.toThrow(/self-signed|self signed/);
    } finally {
      await g.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('health and metrics; a broken allowlist keeps the last good one until the maximum age, then everything is refused', async () => {
  let clock = Date.now();
  const listPath = join(w.root, 'stale-list.yaml');
  await writeFile(listPath, await readFile(w.allowlistPath, 'utf8'));
  const { fileSource } = await import('../../src/gateway/approval-state.js');
  const g = await startTestGateway(w, { allowlist: fileSource(listPath), maxStaleMs: 60_000, refreshIntervalMs: 3_600_000, now: () => clock });
  try {
    const health = await fetch(`${g.gw.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', entries: 3 });
    expect((await fetch(`${g.gw.url}/${repo}/resolve/main/config.json`)).status).toBe(200);
    await writeFile(listPath, 'version: 1\nmodels:\n  - acme/tiny-tok\n');
    expect(await g.gw.approval.refresh()).toBe(false);
    clock += 30_000;
    expect((await fetch(`${g.gw.url}/${repo}/resolve/main/config.json`)).status).toBe(200);
    clock += 31_000;
    const refused = await fetch(`${g.gw.url}/${repo}/resolve/main/config.json`);
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as { error: string }).error).toMatch(/allowlist is 61 s old, past its maximum age; nothing is served until it refreshes \(allowlist refresh from .* failed: .*has no pinned revision/);
    const sick = await fetch(`${g.gw.url}/healthz`);
    expect(sick.status).toBe(503);
    expect(await sick.json()).toMatchObject({ status: 'stale', ageSeconds: 61 });
    const metrics = await (await fetch(`${g.gw.url}/metrics`)).text();
    expect(metrics).toContain('# TYPE gateway_requests_total counter');
    expect(metrics).toMatch(/gateway_requests_total\{outcome="refused",reason="stale-allowlist"\} 1/);
    expect(metrics).toMatch(/gateway_requests_total\{outcome="served",reason="approved"\} 2/);
    expect(metrics).toMatch(/gateway_allowlist_refreshes_total\{result="failed"\} 1/);
    expect(metrics).toContain('gateway_allowlist_fresh 0');
    expect(metrics).toContain('gateway_allowlist_age_seconds 61');
    expect(g.log.some((l) => l['event'] === 'allowlist-refresh-failed')).toBe(true);
    await writeFile(listPath, await readFile(w.allowlistPath, 'utf8'));
    expect(await g.gw.approval.refresh()).toBe(true);
    expect((await fetch(`${g.gw.url}/${repo}/resolve/main/config.json`)).status).toBe(200);
  } finally {
    await g.close();
  }
});

test("the allowlist from the repository's default branch through the GitHub API", async () => {
  const gh = await startGitHubServer('acme', 'models');
  try {
    gh.state.defaultBranch = 'trunk';
    gh.state.files.set(`trunk:approved-models.yaml`, await readFile(w.allowlistPath, 'utf8'));
    gh.state.files.set(`main:approved-models.yaml`, 'version: 1\nmodels: []\n');
    const g = await startTestGateway(w, { allowlist: githubSource({ apiUrl: gh.url, repository: 'acme/models', token: 'ghs_x' }) });
    try {
      expect((await fetch(`${g.gw.url}/${repo}/resolve/main/config.json`)).status).toBe(200);
      expect(gh.state.requests.some((r) => r.path === '/repos/acme/models/contents/approved-models.yaml' && r.authorization === 'Bearer ghs_x')).toBe(true);
    } finally {
      await g.close();
    }
  } finally {
    await gh.close();
  }
});

test('graceful close: an answer in flight completes, new connections are refused', async () => {
  const g = await startTestGateway(w);
  const url = `${g.gw.url}/${repo}/resolve/main/model.safetensors`;
  const inflight = fetch(url).then(async (r) => sha256(Buffer.from(await r.arrayBuffer())));
  await new Promise((r) => setTimeout(r, 20));
  const closed = g.close();
  expect(await inflight).toBe(sha256(WEIGHTS));
  await closed;
  await expect(fetch(url)).rejects.toThrow();
});

test('CLI: mirror fills the store for the allowlist; serve --gateway serves from it without upstream', async () => {
  const cache = await mkdtemp(join(w.root, 'cli-cache-'));
  const trustArgs = ['--allowlist', w.allowlistPath, '--signatures', w.sigDir, '--public-key', join(w.root, 'key.pub'), '--cache', cache, '--upstream', w.registry.hubUrl, '--cdn-origin', w.registry.cdnUrl];
  await writeFile(join(w.root, 'key.pub'), w.publicKeyPem);
  const m = io(w.root);
  expect(await runCli(['mirror', ...trustArgs], m)).toBe(1);
  const out = m.out.join('');
  expect(out).toMatch(/mirrored acme\/tiny-tok@[0-9a-f]{40}: 6 fetched, 0 already stored, \d+ bytes/);
  expect(out).toMatch(/NOT mirrored acme\/unsigned-model@[0-9a-f]{40}: not served until signed/);
  expect(out).toMatch(/NOT mirrored acme\/swapped@[0-9a-f]{40}: .*signed manifest says/);
  const before = w.upstreamLog.filter((l) => l.startsWith('cdn GET')).length;
  const stop = new AbortController();
  const s = io(w.root, { MODEL_GATE_GATEWAY_TOKENS: 'bob:hf_bob_token_0123456789abcdef' });
  const running = serveUntil(['--gateway', ...trustArgs, '--port', '0'], s, stop.signal);
  while (!s.err.join('').includes('gateway: ')) await new Promise((r) => setTimeout(r, 10));
  const url = /gateway: (\S+)/.exec(s.err.join(''))![1]!;
  const blob = await downloadFile({ repo, path: 'model.safetensors', hubUrl: url, accessToken: 'hf_bob_token_0123456789abcdef' });
  expect(sha256(Buffer.from(await blob!.arrayBuffer()))).toBe(sha256(WEIGHTS));
  expect(w.upstreamLog.filter((l) => l.startsWith('cdn GET')).length).toBe(before);
  stop.abort();
  await expect(running).resolves.toBe(0);
  const lines = s.out.join('').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(lines.filter((l) => l['file'] === 'model.safetensors' && l['status'] === 200)).toEqual([expect.objectContaining({ who: 'bob', outcome: 'served', repo, commit: w.pins[repo], bytes: WEIGHTS.length })]);
});

test('an allowlist that cannot be read stops the start with why (not an empty list)', async () => {
  const { fileSource } = await import('../../src/gateway/approval-state.js');
  await expect(startTestGateway(w, { allowlist: fileSource(join(w.root, 'no-such.yaml')) })).rejects.toThrow(/allowlist refresh from .*no-such\.yaml failed: cannot read .*no-such\.yaml: ENOENT/);
  const gh = await startGitHubServer('acme', 'models');
  try {
    await expect(startTestGateway(w, { allowlist: githubSource({ apiUrl: gh.url, repository: 'acme/models' }) })).rejects.toThrow(/GitHub answered 404 .*private repository the token cannot read/);
  } finally {
    await gh.close();
  }
});
