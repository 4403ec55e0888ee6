// Files written by the real libraries (__tests__/fixtures/real/, from scripts/fixtures/real-files.py), each with the
// verdict a security reviewer gives it in manifest.json. Every file is examined as a review examines it. Where
// Model Gate does not yet give the reviewer's verdict, mismatches.json records what it gives instead (and
// mismatches.md says why, for the scanner work): every file is held to exactly that, so a file that matches can
// never regress, and a fix shows up as a change to re-record with `./run ts scripts/fixtures/real-mismatches.ts`.
// No scanner may crash on any file, and no outcome may depend on how the bytes are chunked.
import type { Verdict } from '../../src/core/findings.js';
import {
  contextOf, crashes, decidingFindings, examineReal, loadKnownMismatches, loadManifest, outcomeKey, readFixture, sha256, type ManifestFile
} from '../../scripts/fixtures/real-verdicts.js';

const manifest = loadManifest();
const known = new Map(loadKnownMismatches().map((k) => [k.path, k]));
const VERDICTS: readonly Verdict[] = ['approved', 'needs-review', 'rejected'];
const RERUN = 'then run `./run ts scripts/fixtures/real-mismatches.ts` and commit mismatches.json/.md';

describe('the real-file corpus', () => {
  test('is the one the manifest lists, byte for byte', () => {
    expect(manifest.files.length).toBeGreaterThanOrEqual(110);
    expect(new Set(manifest.files.map((f) => f.path)).size).toBe(manifest.files.length);
    for (const f of manifest.files) {
      const bytes = readFixture(f);
      expect({ path: f.path, size: bytes.length, sha256: sha256(bytes) }).toEqual({ path: f.path, size: f.size, sha256: f.sha256 });
      expect(VERDICTS).toContain(f.verdict);
    }
  });

  test('records mismatches only for files it lists, with the reviewer\'s verdict as expected', () => {
    const byPath = new Map(manifest.files.map((f) => [f.path, f]));
    for (const k of known.values()) {
      expect({ path: k.path, listed: byPath.has(k.path), expected: byPath.get(k.path)?.verdict }).toEqual({ path: k.path, listed: true, expected: k.expected });
      expect(k.got).not.toBe(k.expected);
    }
  });

  test('is benign: no file is one a reviewer rejects', () => {
    expect(manifest.files.filter((f) => f.verdict === 'rejected').map((f) => f.path)).toEqual([]);
  });
});

const byLibrary = new Map<string, ManifestFile[]>();
for (const f of manifest.files) byLibrary.set(f.library, [...(byLibrary.get(f.library) ?? []), f]);

describe.each([...byLibrary.keys()].sort())('real files written by %s', (library) => {
  test.each((byLibrary.get(library) ?? []).map((f) => [f.path, f] as const))('%s', async (_path, file) => {
    const bytes = readFixture(file);
    const context = contextOf(manifest, file);
    const whole = await examineReal(file.path, bytes, Infinity, context);
    expect(crashes(whole)).toEqual([]);

    const k = known.get(file.path);
    const want = k ? k.got : file.verdict;
    if (whole.verdict !== want) {
      const why = decidingFindings(whole).slice(0, 5).map((f) => `${f.severity} ${f.check}: ${f.message}`).join('\n  ');
      throw new Error(k && whole.verdict === file.verdict
        ? `${file.path} now gets the reviewer's verdict (${file.verdict}), not the recorded mismatch (${k.got}): ${RERUN}`
        : `${file.path}: got ${whole.verdict}, recorded ${want} (reviewer: ${file.verdict})${why ? `\n  ${why}` : ''}\nIf the change is intended, ${RERUN}`);
    }

    for (const chunk of [1, 7]) {
      const pieces = await examineReal(file.path, bytes, chunk, context);
      expect(crashes(pieces)).toEqual([]);
      expect({ chunk, outcome: outcomeKey(pieces) }).toEqual({ chunk, outcome: outcomeKey(whole) });
    }
  });
});
