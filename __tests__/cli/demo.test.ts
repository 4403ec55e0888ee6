// `model-gate demo` leaves a newcomer something to try: a short summary, the comment as markdown and as a page
// rendered the way GitHub renders it, the sample store on disk, and commands that work as printed. The test runs
// those commands itself (serve in-process on the ports it printed, then review, fetch and verify).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/run.js';
import { serveUntil } from '../../src/cli/serve.js';
import type { CliIO } from '../../src/cli/io.js';

function capture(cwd: string): CliIO & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, env: {}, cwd, out: () => out, err: () => err };
}

async function freePort(): Promise<number> {
  return new Promise((done) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}

/** Splits a printed command line into arguments (the demo prints no quoting). */
function argsOf(line: string): string[] {
  return line.replace(/#.*$/, '').trim().split(/\s+/).slice(1);
}

describe('model-gate demo', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mg-demo-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('summary, comment files, the store kept, and printed commands that work', async () => {
    const [port, cdnPort] = [await freePort(), await freePort()];
    const io = capture(dir);
    expect(await runCli(['demo', '--out', 'out', '--port', String(port), '--cdn-port', String(cdnPort)], io)).toBe(0);
    const out = io.out();
    // Short: the verdicts, the release step, where the files are, what to try. Not the 275-line comment.
    expect(out.split('\n').length).toBeLessThan(30);
    expect(out).toMatch(/the pull request check would FAIL/);
    expect(out).toMatch(/^ {2}rejected +Open-OSS\/privacy-filter /m);
    expect(out).toMatch(/^ {2}approved +openai\/privacy-filter /m);
    expect(out).toContain('out/comment.html');

    for (const f of ['comment.md', 'comment.html', 'store/store.json', 'base.yaml', 'head.yaml', 'signing-key.pub']) expect(existsSync(join(dir, 'out', f))).toBe(true);
    const md = readFileSync(join(dir, 'out', 'comment.md'), 'utf8');
    const html = readFileSync(join(dir, 'out', 'comment.html'), 'utf8');
    expect(md.startsWith('<!-- model-gate -->')).toBe(true);
    expect(html).toContain("Content-Security-Policy\" content=\"default-src 'none'");
    expect(html).toMatch(/<table>[\s\S]*Open-OSS\/privacy-filter/);
    expect(html).toContain('<details open>');
    expect(html).not.toMatch(/<script|\\`|[\u200B-\u200D\u2060\uFEFF]/);
    // No links to the demo's Hub, which is gone once the demo ends.
    expect(md).not.toMatch(/\]\(http:\/\/127\.0\.0\.1/);

    const commands = out.split('\n').filter((l) => l.startsWith('  model-gate '));
    expect(commands.map((l) => argsOf(l)[0])).toEqual(['serve', 'review', 'fetch', 'verify']);
    const [serveLine, reviewLine, fetchLine, verifyLine] = commands as [string, string, string, string];
    const stop = new AbortController();
    const serveIo = capture(dir);
    const serving = serveUntil(argsOf(serveLine).slice(1), serveIo, stop.signal);
    try {
      for (let i = 0; i < 100 && !serveIo.out().includes('cdn:'); i++) await new Promise((r) => setTimeout(r, 50));
      expect(serveIo.out()).toContain(`hub: http://127.0.0.1:${port}`);
      const review = capture(dir);
      expect(await runCli(argsOf(reviewLine), review)).toBe(1);
      expect(review.out()).toMatch(/3 rejected, 0 need review, 1 approved/);
      const fetched = capture(dir);
      expect(await runCli(argsOf(fetchLine), fetched)).toBe(0);
      const verified = capture(dir);
      expect(await runCli(argsOf(verifyLine), verified)).toBe(0);
      expect(verified.out()).toMatch(/^verified openai\/privacy-filter/);
    } finally {
      stop.abort();
      await serving;
    }
  }, 120_000);
});
