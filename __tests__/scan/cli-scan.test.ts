import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scan } from '../../src/cli/scan.js';
import type { CliIO } from '../../src/cli/io.js';
import { UsageError } from '../../src/cli/io.js';
import type { FilesCheck } from '../../src/checks/types.js';
import { createReviewer } from '../../src/review/reviewer.js';
import { createFileScanner } from '../../src/scan/file-scanner.js';
import { benignPickle, enc, evilPickle, safetensors, torchZip } from './support/fixtures.js';
import { streamedTorchZip, streamParts } from './support/big-zip.js';
import { createWriteStream } from 'node:fs';

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'mg-scan-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const run = async (args: string[]): Promise<{ code: number; out: string; err: string }> => {
  let out = '';
  let err = '';
  const io: CliIO = { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, env: {}, cwd: dir };
  return { code: await scan(args, io), out, err };
};

const benignRepo = (): void => {
  writeFileSync(join(dir, 'model.safetensors'), safetensors({ w: { dtype: 'F16', shape: [2, 2], bytes: 8 } }));
  writeFileSync(join(dir, 'config.json'), '{"architectures": ["LlamaForCausalLM"]}');
  writeFileSync(join(dir, 'README.md'), '# A model\n');
  writeFileSync(join(dir, 'pytorch_model.bin'), torchZip());
};

describe('model-gate scan', () => {
  test('benign folder: exit 0, JSON shape, approved', async () => {
    benignRepo();
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    const r = await run(['.', '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.verdict).toBe('approved');
    const files = j.reviews[0].files;
    expect(files.map((f: { path: string }) => f.path)).toEqual(['README.md', 'config.json', 'model.safetensors', 'pytorch_model.bin']);
    expect(files.find((f: { path: string }) => f.path === 'pytorch_model.bin').formats).toEqual(['zip', 'pytorch-zip']);
    for (const f of files) {
      expect(Object.keys(f)).toEqual(expect.arrayContaining(['path', 'formats', 'findings']));
      for (const x of f.findings) expect(Object.keys(x)).toEqual(expect.arrayContaining(['severity', 'check', 'message']));
    }
    expect(j.reviews[0].findings).toContainEqual(expect.objectContaining({ check: 'scan.skipped', evidence: '.git' }));
  });

  test('malicious file: exit 1, rejected, offset in JSON, readable text report', async () => {
    benignRepo();
    writeFileSync(join(dir, 'tokenizer.model'), evilPickle());
    const j = await run(['.', '--format=json']);
    expect(j.code).toBe(1);
    const parsed = JSON.parse(j.out);
    expect(parsed.verdict).toBe('rejected');
    const bad = parsed.reviews[0].files.find((f: { path: string }) => f.path === 'tokenizer.model');
    expect(bad.formats).toEqual(['pickle']);
    expect(bad.findings.some((f: { severity: string; offset?: number }) => f.severity === 'critical' && typeof f.offset === 'number')).toBe(true);
    const t = await run([dir]);
    expect(t.code).toBe(1);
    expect(t.out).toMatch(/✗ tokenizer\.model {2}\[pickle\]/);
    expect(t.out).toMatch(/CRITICAL .*os\.system.*\n +pickle\.[\w.-]+ {2}tokenizer\.model {2}byte \d+ \(0x[0-9a-f]+\)/);
    expect(t.out).toMatch(/^REJECTED: 5 files, \d+ critical/m);
  });

  test('something not fully examined: exit 3 (distinct from usage errors, exit 2)', async () => {
    writeFileSync(join(dir, 'model.safetensors'), enc('version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 10\n'));
    writeFileSync(join(dir, 'x.bz2'), Uint8Array.from('BZh91AY&SY\0\0\0', (c) => c.charCodeAt(0)));
    const r = await run(['x.bz2', '--format', 'json']);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.out).reviews[0].files[0].complete).toBe(false);
  });

  test('SARIF 2.1.0: one rule per check, results with file locations', async () => {
    writeFileSync(join(dir, 'a.pkl'), evilPickle());
    writeFileSync(join(dir, 'b.pkl'), benignPickle());
    const r = await run(['a.pkl', 'b.pkl', '--format', 'sarif']);
    const s = JSON.parse(r.out);
    expect(s.version).toBe('2.1.0');
    const run0 = s.runs[0];
    const ids = run0.tool.driver.rules.map((x: { id: string }) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(run0.results.length).toBeGreaterThan(0);
    for (const res of run0.results) {
      expect(ids).toContain(res.ruleId);
      expect(run0.tool.driver.rules[res.ruleIndex].id).toBe(res.ruleId);
      expect(res.locations[0].physicalLocation.artifactLocation.uri).toBe('a.pkl');
    }
    expect(run0.results.some((x: { level: string }) => x.level === 'error')).toBe(true);
  });

  test('symlinks are reported, not followed', async () => {
    writeFileSync(join(dir, 'ok.json'), '{}');
    symlinkSync('/etc/passwd', join(dir, 'weights.bin'));
    const { review: report } = await createReviewer().reviewLocal({ paths: ['.'], cwd: dir });
    expect(report.files.map((f) => f.path)).toEqual(['ok.json']);
    expect(report.findings.filter((f) => f.severity !== 'info')).toEqual([expect.objectContaining({ check: 'file.symlink', severity: 'high', file: 'weights.bin' })]);
    expect(report.verdict).toBe('rejected');
  });

  test('repo checks receive every file result (the seam for repository-level checks)', async () => {
    benignRepo();
    const seen: string[] = [];
    const check: FilesCheck = { id: 'test.layout', needs: 'files', run: ({ files }) => { seen.push(...files.map((f) => f.path)); return [{ check: 'test.layout', severity: 'medium', message: 'mixed formats' }]; } };
    const { review: report } = await createReviewer({ checks: [check] }).reviewLocal({ paths: ['.'], cwd: dir });
    expect(seen).toHaveLength(4);
    expect(report.verdict).toBe('needs-review');
  });

  test('a big checkpoint with a central directory beyond 64 KiB is read with a second tail read', async () => {
    const { parts, size } = streamedTorchZip(3000, 64);
    const path = join(dir, 'big.pt');
    const ws = createWriteStream(path);
    for (const c of streamParts(parts)) ws.write(Buffer.from(c));
    await new Promise((res) => ws.end(res));
    const reviewer = createReviewer({ scanFile: (ctx, o) => createFileScanner(ctx, { ...o, limits: { zipBufferBytes: 1024 } }) }); // no buffering fallback
    const { review: report } = await reviewer.reviewLocal({ paths: ['big.pt'], cwd: dir });
    expect(report.files[0]?.formats).toEqual(['zip', 'pytorch-zip']);
    expect(report.files[0]?.size).toBe(size);
    expect(report.complete).toBe(true);
  });

  test('usage errors', async () => {
    await expect(run([])).rejects.toBeInstanceOf(UsageError);
    await expect(run(['x', '--format', 'xml'])).rejects.toBeInstanceOf(UsageError);
    await expect(run(['--bogus'])).rejects.toBeInstanceOf(UsageError);
  });

  test('a missing path is a precise error and exit 2', async () => {
    const r = await run(['nope.bin']);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/Cannot read nope\.bin: ENOENT\n +scan\.path-error {2}nope\.bin/);
  });
});
