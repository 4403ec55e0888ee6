// The CLI behaves like the tools around it: help on -h/--help for every command (exit 0), --version, a suggestion
// for a typo, no stack trace for a user's mistake, distinct exit codes, one set of verdict words. Driven through the
// same dispatcher as dist/cli.js, with captured streams.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/run.js';
import { EXIT, didYouMean } from '../../src/cli/conventions.js';
import { TOOL_VERSION } from '../../src/core/version.js';

const COMMANDS = ['serve', 'fetch', 'name', 'verify', 'release-gate', 'sign', 'review', 'scan', 'audit', 'demo'];

async function cli(args: string[], cwd = process.cwd()): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, env: {}, cwd });
  return { code, out, err };
}

describe('model-gate CLI conventions', () => {
  test.each(COMMANDS.flatMap((c) => [[c, '--help'], [c, '-h']]))('%s %s prints its usage on stdout and exits 0', async (cmd, flag) => {
    const r = await cli([cmd, flag]);
    expect(r).toEqual(expect.objectContaining({ code: EXIT.ok, err: '' }));
    expect(r.out).toMatch(new RegExp(`^usage: model-gate ${cmd}\\b`));
  });

  test('--version, -V and help', async () => {
    expect(await cli(['--version'])).toEqual({ code: 0, out: `${TOOL_VERSION}\n`, err: '' });
    expect((await cli(['-V'])).out).toBe(`${TOOL_VERSION}\n`);
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('exit codes: 0 nothing blocks · 1 findings block · 2 usage error · 3 not fully examined · 4 the tool failed');
  });

  test('a typo in a command or an option gets a suggestion and exit 2', async () => {
    const cmd = await cli(['reviw']);
    expect(cmd.code).toBe(EXIT.usage);
    expect(cmd.err).toContain("unknown command 'reviw' — did you mean 'review'?");
    const opt = await cli(['scan', 'x', '--formt', 'json']);
    expect(opt.code).toBe(EXIT.usage);
    expect(opt.err).toContain('did you mean --format?');
    const parsed = await cli(['review', '--hub-ulr', 'x']);
    expect(parsed.err).toContain('did you mean --hub-url?');
    expect(didYouMean('--zzzzzz', ['--format'])).toBeUndefined();
  });

  test('serve --store /missing: a plain message, exit 2, no stack trace', async () => {
    const r = await cli(['serve', '--store', '/definitely/missing/store']);
    expect(r.code).toBe(EXIT.usage);
    expect(r.err).toContain('cannot read --store /definitely/missing/store: no store.json there (ENOENT)');
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  test('verify --signature with a typo says it cannot read the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mg-cli-'));
    try {
      mkdirSync(join(dir, 'model'));
      writeFileSync(join(dir, 'model', 'config.json'), '{}');
      const { publicKey } = await import('node:crypto').then((c) => c.generateKeyPairSync('ec', { namedCurve: 'P-256' }));
      writeFileSync(join(dir, 'key.pub'), publicKey.export({ type: 'spki', format: 'pem' }));
      const r = await cli(['verify', 'model', '--signature', 'modle.sig', '--public-key', 'key.pub'], dir);
      expect(r.code).toBe(EXIT.findings);
      expect(r.err).toContain('cannot read signature modle.sig: no such file');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('exit codes are distinct: usage 2, not fully examined 3', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mg-cli-'));
    try {
      // A bzip2 header with nothing after it cannot be decompressed: not fully examined.
      writeFileSync(join(dir, 'x.bz2'), Uint8Array.from('BZh91AY&SY\0\0\0', (c) => c.charCodeAt(0)));
      expect((await cli(['scan', 'x.bz2'], dir)).code).toBe(EXIT.incomplete);
      expect((await cli(['scan'], dir)).code).toBe(EXIT.usage);
      expect(new Set(Object.values(EXIT)).size).toBe(Object.values(EXIT).length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('one vocabulary for verdicts: name speaks approved / needs-review / rejected', async () => {
    const rejected = await cli(['name', 'gooogle/gemma-2-2b']);
    expect(rejected.out).toMatch(/^gooogle\/gemma-2-2b: rejected\n/);
    const json = await cli(['name', 'OpenAI/privacy-filter', '--format', 'json']);
    expect(JSON.parse(json.out).verdict).toBe('approved');
  });
});

describe('progress', () => {
  test('review prints progress on stderr only on a terminal or with --progress', async () => {
    const { buildStore } = await import('../../src/registry/store-builder.js');
    const { startRegistry } = await import('../../src/registry/server.js');
    const { sampleAllowlists, sampleStoreSpec } = await import('../../src/registry/samples/index.js');
    const dir = mkdtempSync(join(tmpdir(), 'mg-progress-'));
    const built = await buildStore(join(dir, 'store'), sampleStoreSpec());
    const server = await startRegistry({ storeDir: join(dir, 'store') });
    try {
      const { head } = sampleAllowlists(built);
      writeFileSync(join(dir, 'head.yaml'), head.split('\n').slice(0, 4).join('\n') + '\n');
      const args = ['review', '--head', 'head.yaml', '--hub-url', server.hubUrl, '--cdn-origin', server.cdnUrl, '--format', 'json'];
      const quiet = await cli(args, dir);
      expect(quiet.err).toBe('');
      const loud = await cli([...args, '--progress'], dir);
      expect(loud.err.length).toBeGreaterThan(0);
      expect(loud.out).toBe(quiet.out.replace(/"generatedAt": "[^"]+"/, loud.out.match(/"generatedAt": "[^"]+"/)?.[0] ?? ''));
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('advice a user can follow', () => {
  test('an unknown CDN origin names the option that allows it, not an internal setting', async () => {
    const { buildStore } = await import('../../src/registry/store-builder.js');
    const { startRegistry } = await import('../../src/registry/server.js');
    const { sampleAllowlists, sampleStoreSpec } = await import('../../src/registry/samples/index.js');
    const dir = mkdtempSync(join(tmpdir(), 'mg-cdn-'));
    const built = await buildStore(join(dir, 'store'), sampleStoreSpec());
    const server = await startRegistry({ storeDir: join(dir, 'store') });
    try {
      const pin = sampleAllowlists(built).head.match(/openai\/privacy-filter@[0-9a-f]{40}/)?.[0] as string;
      const r = await cli(['fetch', pin, '--hub-url', server.hubUrl], dir);
      expect(r.code).toBe(1);
      expect(r.out).toContain(`--cdn-origin ${server.cdnUrl}`);
      expect(r.out).toContain('cdn-origins input');
      expect(r.out).not.toContain('allowedCdnOrigins');
      // Following the advice works.
      expect((await cli(['fetch', pin, '--hub-url', server.hubUrl, '--cdn-origin', server.cdnUrl], dir)).code).toBe(0);
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
