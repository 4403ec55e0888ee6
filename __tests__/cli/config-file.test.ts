// Configuration files named on the command line: refused by what the path is, before a byte is read, with a
// usage error (exit 2, a message), never a stack trace or a hang.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfigFile } from '../../src/cli/config-file.js';
import { UsageError, type CliIO } from '../../src/cli/io.js';
import { review } from '../../src/cli/review.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mg-config-file-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const LIMIT = 1024 * 1024;

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error('expected a UsageError');
}

test('a 600 MB sparse file is refused by its size, before it is read', async () => {
  const path = join(dir, 'huge.yaml');
  const fh = await open(path, 'w');
  await fh.truncate(600 * 1024 * 1024);
  await fh.close();
  const before = process.memoryUsage().rss;
  const t0 = performance.now();
  const message = await refusal(readConfigFile(path, '--head allowlist', LIMIT));
  expect(performance.now() - t0).toBeLessThan(500);
  expect(process.memoryUsage().rss - before).toBeLessThan(50 * 1024 * 1024);
  expect(message).toBe(`--head allowlist ${path} is 629145600 bytes, over the 1048576-byte limit for this file; an allowlist or policy that large is refused; check the path`);
});

test('a directory is refused', async () => {
  const path = join(dir, 'a-dir');
  await mkdir(path);
  expect(await refusal(readConfigFile(path, '--head allowlist', LIMIT))).toMatch(/a-dir is a directory; give the path of the YAML file itself/);
});

test('a FIFO is refused without blocking on it', async () => {
  const path = join(dir, 'fifo.yaml');
  execFileSync('mkfifo', [path]);
  const t0 = performance.now();
  expect(await refusal(readConfigFile(path, '--head allowlist', LIMIT))).toMatch(/fifo\.yaml is a FIFO \(named pipe\)/);
  expect(performance.now() - t0).toBeLessThan(500);
});

test('a missing file is null (no entries); a small regular file is read', async () => {
  expect(await readConfigFile(join(dir, 'absent.yaml'), 'x', LIMIT)).toBeNull();
  await writeFile(join(dir, 'ok.yaml'), 'version: 1\n');
  expect(await readConfigFile(join(dir, 'ok.yaml'), 'x', LIMIT)).toBe('version: 1\n');
});

test('`review --head DIR` and `--policy FIFO` are usage errors naming the path, not stack traces', async () => {
  const io: CliIO = { stdout: () => undefined, stderr: () => undefined, env: {}, cwd: dir };
  await expect(review(['--head', join(dir, 'a-dir'), '--hub-url', 'http://127.0.0.1:1'], io)).rejects.toThrow(/--head allowlist .*a-dir is a directory/);
  await writeFile(join(dir, 'head.yaml'), 'version: 1\nmodels: []\n');
  await expect(review(['--head', join(dir, 'head.yaml'), '--policy', join(dir, 'fifo.yaml'), '--hub-url', 'http://127.0.0.1:1'], io)).rejects.toThrow(
    /--policy .*fifo\.yaml is a FIFO/
  );
});
