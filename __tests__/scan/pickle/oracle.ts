// Runs __tests__/scan/pickle/oracle.py under the stdlib python3 (CPython's own unpicklers) on pickles a test built.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./oracle.py', import.meta.url));

function run<T>(mode: string, cases: Uint8Array[]): T {
  const input = JSON.stringify({ mode, cases: cases.map((c) => Buffer.from(c).toString('hex')) });
  return JSON.parse(execFileSync('python3', [SCRIPT], { input, encoding: 'utf8', maxBuffer: 1 << 26 })) as T;
}

export interface TextResult { ok: boolean; value?: string; type?: string; error?: string }

/** One opcode line each: what pickle.loads (C) and pickle._loads (Python) make of it. */
export function cpythonText(cases: Uint8Array[]): { c: TextResult; py: TextResult }[] {
  return run('text', cases);
}

export interface LoadRun { globals: string[]; end?: number; error?: string }

/** Repeated Unpickler(f).load() over each stream: C on io.BytesIO and on a buffered file, Python on io.BytesIO. */
export function cpythonGlobals(cases: Uint8Array[]): { c_bytesio: LoadRun[]; c_file: LoadRun[]; py_bytesio: LoadRun[] }[] {
  return run('globals', cases);
}
