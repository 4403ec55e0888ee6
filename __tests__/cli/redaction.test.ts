// The one redaction point (src/core/secrets.ts) and the sinks that go through it: the action's runner and the
// real CLI binary, whose output a Hub echoing the token must not be able to reach.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { redactingRunner, type Runner } from '../../src/action/runner.js';
import { forgetSecrets, redact, rememberSecret } from '../../src/core/secrets.js';

const HF = 'hf_abcdefghijklmnopqrstuvwxyz0123456789';
const GH = 'ghs_0123456789abcdefghijklmnopqrstuvwxyzAB';
const PEM = '-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg0123456789abcdef\n-----END PRIVATE KEY-----\n';

afterEach(() => forgetSecrets());

describe('redact', () => {
  test('remembered secrets are masked wherever they appear, also URL-encoded and line by line', () => {
    rememberSecret('s3cr3t-value/+x');
    rememberSecret(PEM);
    expect(redact('token=s3cr3t-value/+x;')).toBe('token=***;');
    expect(redact(`q=${encodeURIComponent('s3cr3t-value/+x')}`)).toBe('q=***');
    expect(redact('key line: MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg0123456789abcdef')).toBe('key line: ***');
  });

  test('token shapes are masked even when nobody registered them', () => {
    expect(redact(`Authorization: Bearer ${HF}`)).toBe('Authorization: Bearer ***');
    expect(redact(`x ${GH} y`)).toBe('x *** y');
    expect(redact(`before ${PEM}after`)).toBe('before ***\nafter');
  });

  test('short values are not treated as secrets (they would garble text)', () => {
    rememberSecret('abc');
    expect(redact('abc abc')).toBe('abc abc');
  });
});

test('the action runner redacts every text it is given', async () => {
  rememberSecret('ghp-like-secret-123456');
  const seen: string[] = [];
  const raw: Runner = {
    env: {},
    getInput: () => '',
    setOutput: (n, v) => void seen.push(`${n}=${v}`),
    setSecret: () => undefined,
    info: (m) => void seen.push(m),
    warning: (m, p) => void seen.push(m, p?.title ?? ''),
    error: (m, p) => void seen.push(m, p?.title ?? ''),
    notice: (m, p) => void seen.push(m, p?.title ?? ''),
    setFailed: (m) => void seen.push(m),
    writeSummary: async (md) => void seen.push(md),
    getIDToken: async () => ''
  };
  const r = redactingRunner(raw);
  const s = 'echo ghp-like-secret-123456 echo';
  r.info(s);
  r.warning(s, { file: 'f', startLine: 1, title: s });
  r.error(s);
  r.notice(s);
  r.setFailed(s);
  r.setOutput('o', s);
  await r.writeSummary(s);
  expect(seen.length).toBeGreaterThanOrEqual(8);
  for (const line of seen) expect(line).not.toContain('ghp-like-secret-123456');
});

describe('the CLI binary (dist/cli.js)', () => {
  let server: Server;
  let hubUrl: string;
  const nested = gzipSync(Buffer.concat([Buffer.alloc(30 * 1024 * 1024, 0x5b), Buffer.alloc(30 * 1024 * 1024, 0x5d)]), { level: 9 });
  beforeAll(async () => {
    // A Hub that echoes the request's Authorization header in its error, or answers with a nested-JSON gzip bomb.
    server = createServer((req, res) => {
      if (req.url?.includes('bomb')) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': nested.length });
        res.end(nested);
        return;
      }
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: `bad token: ${req.headers.authorization}` }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    hubUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  /** Runs the built CLI; reports its exit code, output and peak RSS (from a preload that prints it at exit). */
  function cli(args: string[], env: Record<string, string>): Promise<{ code: number; out: string; err: string; maxRssMb: number }> {
    // VmHWM, not resourceUsage().maxRSS: Linux carries ru_maxrss across fork+exec, so the latter reports the jest
    // worker's own peak; VmHWM belongs to this process's address space alone.
    const preload = `data:text/javascript,import{readFileSync}from'node:fs';process.on('exit',()=>process.stderr.write('MAXRSS '+(/VmHWM:\\s+(\\d+)/.exec(readFileSync('/proc/self/status','utf8'))?.[1]??'NaN')+'\\n'))`;
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', preload, 'dist/cli.js', ...args], { env: { PATH: process.env.PATH ?? '', ...env } });
      let out = '';
      let err = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      child.on('error', reject);
      child.on('close', (code) => {
        const m = /MAXRSS (\d+)/.exec(err);
        resolve({ code: code ?? -1, out, err, maxRssMb: m ? Number(m[1]) / 1024 : Number.NaN });
      });
    });
  }

  test('`fetch` never prints HF_TOKEN, though the Hub echoes it in its error', async () => {
    const token = 'hf_Zz9yXx8wWv7uUt6sSr5qQp4oOn3mM';
    const r = await cli(['fetch', `acme/tiny@${'a'.repeat(40)}`, '--hub-url', hubUrl], { HF_TOKEN: token });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bad token: Bearer \*\*\*/);
    expect(r.out + r.err).not.toContain(token);
    expect(r.out + r.err).not.toContain('Zz9yXx8wWv7uUt6sSr5qQp4oOn3mM');
  }, 30_000);

  test('`review` never prints HF_TOKEN in the comment or the log, though the Hub echoes it', async () => {
    const token = 'hf_Yy8xWw7vVu6tTs5rRq4pPo3nNm2lL';
    const dir = await mkdtemp(join(tmpdir(), 'mg-redact-'));
    try {
      await writeFile(join(dir, 'head.yaml'), `version: 1\nmodels:\n  - acme/tiny@${'b'.repeat(40)}\n`);
      for (const format of ['markdown', 'json', 'text']) {
        const r = await cli(['review', '--head', join(dir, 'head.yaml'), '--hub-url', hubUrl, '--format', format], { HF_TOKEN: token });
        // The Hub refused every request, so nothing was fully examined: exit 3 (README, exit codes), not 1.
        expect(r.code).toBe(3);
        expect(r.out).toMatch(/bad token: Bearer/);
        expect(r.out + r.err).not.toContain('Yy8xWw7vVu6tTs5rRq4pPo3nNm2lL');
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  test('`fetch` against a nested-JSON gzip bomb fails precisely and stays far under 200 MB RSS', async () => {
    const r = await cli(['fetch', `bomb/tiny@${'a'.repeat(40)}`, '--hub-url', hubUrl], {});
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/\[limit-exceeded\] .*nested deeper than 64 levels/);
    expect(r.maxRssMb).toBeLessThan(200);
    expect(r.maxRssMb).toBeGreaterThan(20); // the measurement itself worked
  }, 30_000);
});
