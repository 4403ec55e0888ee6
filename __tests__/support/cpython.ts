// CPython (stdlib only) as an oracle for tests: runs a short script under `python3` with JSON on stdin and returns
// its JSON on stdout. Scripts only parse and describe data (json, zipfile, tarfile, struct); nothing is executed
// from the inputs.
import { execFileSync } from 'node:child_process';

export function runPython<T>(script: string, input: unknown): T {
  const out = execFileSync('python3', ['-c', script], {
    input: JSON.stringify(input),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['pipe', 'pipe', 'pipe']
  });
  return JSON.parse(out) as T;
}

/** Bytes ⇄ latin-1 strings, the lossless way to move bytes through JSON to Python and back. */
export const toLatin1 = (b: Uint8Array): string => {
  let s = '';
  for (let i = 0; i < b.length; i += 4096) s += String.fromCharCode(...b.subarray(i, i + 4096));
  return s;
};
export const fromLatin1 = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);
