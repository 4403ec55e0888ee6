// `model-gate serve`: argument parsing, printing the two URLs, serving, and a clean stop.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError, type CliIO } from '../../src/cli/io.js';
import { parseServeArgs, serveUntil } from '../../src/cli/serve.js';
import { buildStore } from '../../src/registry/store-builder.js';
import { SPEC } from './fixture.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mg-serve-'));
  await buildStore(dir, SPEC);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function io(env: Record<string, string> = {}): CliIO & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), env, cwd: dir };
}

test('arguments: --store is required and resolved against cwd; ports are checked; unknown flags refused', () => {
  expect(parseServeArgs(['--store', 'x', '--port=8080', '--cdn-port', '8081', '--host', '::1'], '/base')).toEqual({ store: '/base/x', host: '::1', port: 8080, cdnPort: 8081 });
  expect(() => parseServeArgs([], '/')).toThrow(UsageError);
  expect(() => parseServeArgs(['--store', 'x', '--port', 'http'], '/')).toThrow(/port number/);
  expect(() => parseServeArgs(['--store', 'x', '--port', '70000'], '/')).toThrow(/port number/);
  expect(() => parseServeArgs(['--store', 'x', '--verbose'], '/')).toThrow(/unknown argument '--verbose'/);
});

test('serves the store, prints both URLs, stops cleanly when signalled', async () => {
  const stop = new AbortController();
  const cli = io({ MODEL_GATE_SERVE_TOKEN: 'hf_cli_token' });
  const running = serveUntil(['--store', '.'], cli, stop.signal);
  while (cli.out.length === 0) await new Promise((r) => setTimeout(r, 10));
  const [hub, cdn] = /hub: (\S+)\ncdn: (\S+)\n/.exec(cli.out.join(''))?.slice(1) ?? [];
  expect(hub).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(cdn).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(cdn).not.toBe(hub);
  const info = await fetch(`${hub}/api/models/acme/secret-model?expand=private`, { headers: { Authorization: 'Bearer hf_cli_token' } });
  expect(await info.json()).toMatchObject({ private: true });
  stop.abort();
  await expect(running).resolves.toBe(0);
  await expect(fetch(`${hub}/api/models/acme/privacy-filter`)).rejects.toThrow();
});

test('a token that Hub clients would refuse, or a folder that is not a store, is an error', async () => {
  await expect(serveUntil(['--store', '.'], io({ MODEL_GATE_SERVE_TOKEN: 'secret' }), new AbortController().signal)).rejects.toThrow(/must start with 'hf_'/);
  await expect(serveUntil(['--store', tmpdir()], io(), new AbortController().signal)).rejects.toThrow(/store\.json/);
});
