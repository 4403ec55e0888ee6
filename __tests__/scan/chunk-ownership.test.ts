// Chunk ownership: a chunk passed to StreamScanner.push() is only valid during that call (the verified download
// reuses one read buffer). Every fixture is scanned twice — with fresh chunks, and with each piece copied into ONE
// reused buffer that is overwritten with garbage right after push() returns — and the outcomes must be equal.
// A scanner that keeps a view of a pushed chunk sees 0xA5 garbage later and answers differently.
import fc from 'fast-check';
import { runContentChecks } from '../../src/checks/content/index.js';
import { TextCapture } from '../../src/review/capture.js';
import { createFileScanner, type FileScannerOptions } from '../../src/scan/file-scanner.js';
import type { ScanOutcome } from '../../src/scan/types.js';
import { cat } from './support/fixtures.js';
import { CHUNK_FIXTURES as FIXTURES } from './support/chunk-corpus.js';
import { loadAnalyzers } from '../../src/checks/content/analyzers.js';

// The content checks below are called directly (synchronously): load the analyzers they reach first.
await loadAnalyzers();

const GARBAGE = 0xa5;
const CHUNKS = [1, 7, 4096, 65536];
const TAIL = 65558;

interface Run { outcome: ScanOutcome; texts?: string }

function scan(bytes: Uint8Array, path: string, chunk: number, borrowed: boolean, o: { tail?: boolean; analyzers?: boolean } = {}): Run {
  const capture = o.analyzers ? new TextCapture() : undefined;
  const opts: FileScannerOptions = capture ? { textAnalyzers: [capture.analyzer] } : {};
  const ctx = { path, size: bytes.length, ...(o.tail === false ? {} : { tail: bytes.slice(Math.max(0, bytes.length - TAIL)) }) };
  const s = createFileScanner(ctx, opts);
  const buf = new Uint8Array(chunk);
  for (let i = 0; i < bytes.length; i += chunk) {
    const piece = bytes.subarray(i, i + chunk);
    if (borrowed) {
      buf.set(piece);
      s.push(buf.subarray(0, piece.length));
      buf.fill(GARBAGE); // the download reads the next bytes into the same memory
    } else {
      s.push(piece.slice());
    }
  }
  const outcome = s.end();
  const run: Run = { outcome };
  if (capture) {
    const files = [{ path, size: bytes.length, formats: outcome.formats, complete: outcome.complete }];
    run.texts = JSON.stringify(runContentChecks({ files, text: (p) => capture.text(p) }));
  }
  return run;
}

describe('a pushed chunk is only valid during push(): scanning from one reused buffer gives the same outcome', () => {
  test('the fixtures are what they claim (the large ones reach past the 64 KiB head)', () => {
    const large = FIXTURES.filter(([, , b]) => b.length > 64 * 1024);
    expect(large.length).toBeGreaterThanOrEqual(20);
  });

  test('the payloads in the large fixtures are found (fresh chunks), so equal outcomes mean something', () => {
    const caught = FIXTURES.filter(([, path, b, o]) => b.length > 64 * 1024 &&
      scan(b, path, 65536, false, o ?? {}).outcome.findings.some((f) => f.severity === 'critical'));
    expect(caught.length).toBeGreaterThanOrEqual(18);
  });

  test.each(FIXTURES.map(([name, path, bytes, o]) => [name, path, bytes, o ?? {}] as const))('%s', (_name, path, bytes, o) => {
    for (const chunk of CHUNKS) {
      const fresh = scan(bytes, path, chunk, false, o);
      const borrowed = scan(bytes, path, chunk, true, o);
      expect({ chunk, ...borrowed }).toEqual({ chunk, ...fresh });
    }
  });

  test('mutated fixtures (flips, truncation, splices) at random chunk sizes', () => {
    const seeds = FIXTURES.filter(([, , b]) => b.length > 64 * 1024);
    fc.assert(fc.property(
      fc.constantFrom(...seeds),
      fc.array(fc.record({ at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }), kind: fc.constantFrom('flip', 'truncate', 'splice'), bytes: fc.uint8Array({ maxLength: 32 }) }), { minLength: 1, maxLength: 3 }),
      fc.integer({ min: 1, max: 70_000 }),
      ([, path, seed, o], muts, chunk) => {
        let b = seed;
        for (const m of muts) {
          const at = b.length ? m.at % b.length : 0;
          if (m.kind === 'flip') { b = b.slice(); b[at]! ^= 1 << m.bit; }
          else if (m.kind === 'truncate') b = b.subarray(0, at);
          else b = cat(b.subarray(0, at), m.bytes, b.subarray(at));
        }
        const step = Math.max(chunk, Math.ceil(b.length / 4000)); // keep each run fast
        expect(scan(b, path, step, true, o ?? {})).toEqual(scan(b, path, step, false, o ?? {}));
      }
    ), { numRuns: 60 });
  });
});
