// Shared test helpers: scan bytes in chunks and look findings up.
import { createPickleScanner, type PickleScanOptions } from '../../../src/scan/pickle/index.js';
import type { ScanOutcome } from '../../../src/scan/types.js';
import { verdictOf, type Finding } from '../../../src/core/findings.js';

export function scan(bytes: Uint8Array, opts: Partial<PickleScanOptions> = {}, chunk = 1 << 20): ScanOutcome {
  const s = createPickleScanner({ path: 'model.bin', ...opts });
  for (let i = 0; i < bytes.length; i += chunk) s.push(bytes.subarray(i, Math.min(bytes.length, i + chunk)));
  return s.end();
}

export const checks = (o: ScanOutcome): string[] => [...new Set(o.findings.map((f) => f.check))].sort();
export const find = (o: ScanOutcome, check: string): Finding | undefined => o.findings.find((f) => f.check === check);
export const verdict = (o: ScanOutcome) => verdictOf(o.findings);
export interface G { module: string; name: string; tier: string; offset: number; opcode: string; count: number }
export const globalsOf = (o: ScanOutcome): G[] => (o.details?.globals ?? []) as G[];
export const names = (o: ScanOutcome): string[] => globalsOf(o).map((g) => `${g.module}.${g.name}`).sort();
