// The pickle scanner: a StreamScanner over the symbolic VM (vm.ts) with the global policy (../globals).
import type { ScanOutcome, StreamScanner } from '../types.js';
import { NEED_ALL, SKIP_ALL } from '../ahead.js';
import { weightsOnlyFinding } from './report.js';
import { DEFAULT_PICKLE_LIMITS, type GlobalRecord, type PickleLimits, type PickleMode, PickleVM } from './vm.js';

export { DEFAULT_PICKLE_LIMITS, type GlobalRecord, type PickleLimits, type PickleMode, type WeightsOnlyVerdict } from './vm.js';

export interface PickleScanOptions {
  /** Repository path, for findings. */
  path: string;
  /** Offset of byte 0 of this stream within the file (pickles inside zips). */
  baseOffset?: number;
  /**
   * auto: pickle.load's reading, plus joblib.load's wherever it differs (a NumpyArrayWrapper's BUILD), and legacy
   * torch (the magic-number pickle) detected by content; plain: pickle.load's only; joblib: joblib.load's only.
   */
  mode?: PickleMode;
  /** This is a torch zip's data.pkl: report whether it loads under weights_only=True. */
  torchDataPkl?: boolean;
  /** A pickle TorchScript's loader reads: `__torch__.*` globals are the archive's own TorchScript classes. */
  torchScript?: boolean;
  /** Extra `module.name` globals the team's policy allows (review and unknown tiers promoted; never dangerous). */
  allow?: string[];
  /** Nesting depth of this stream (pickles inside literals count up to limits.maxDepth). */
  depth?: number;
  limits?: Partial<PickleLimits>;
}

/**
 * Scans pickle bytes pushed in order. `end()` gives findings de-duplicated per distinct global or problem, with
 * `details` = { globals, calls, callTargets, pickles, opcodes, weightsOnly? }. Any parse error or limit hit makes
 * the outcome incomplete and adds a blocking finding; what was found before it is still reported.
 */
export function createPickleScanner(opts: PickleScanOptions): StreamScanner {
  const vm = new PickleVM({
    path: opts.path,
    baseOffset: opts.baseOffset ?? 0,
    mode: opts.mode ?? 'auto',
    torchDataPkl: opts.torchDataPkl ?? false,
    torchScript: opts.torchScript ?? false,
    allow: new Set(opts.allow ?? []),
    depth: opts.depth ?? 0,
    limits: { ...DEFAULT_PICKLE_LIMITS, ...(opts.limits ?? {}) }
  });
  let outcome: ScanOutcome | undefined;
  return {
    push(chunk: Uint8Array): void {
      if (outcome) throw new Error(`pickle scanner for ${opts.path}: push() after end()`);
      vm.push(chunk);
    },
    // Once every reading has stopped (a parse error, a zip's bytes read as opcodes) the rest is only counted.
    ahead: () => (!outcome && vm.idle() ? SKIP_ALL : NEED_ALL),
    skip(n: number): void {
      vm.skip(n);
    },
    end(): ScanOutcome {
      if (outcome) return outcome;
      vm.finish();
      const findings = vm.outcomeFindings();
      const wo = vm.weightsOnly();
      if (wo) {
        const details = vm.details() as { globals?: GlobalRecord[] };
        findings.push(weightsOnlyFinding(opts.path, opts.torchDataPkl ? 'data.pkl' : 'this legacy torch file', { verdict: wo, globals: (details.globals ?? []).filter((g) => !g.nested) }));
      }
      outcome = { formats: [...vm.formats], findings, complete: vm.complete, details: vm.details() };
      return outcome;
    }
  };
}

/**
 * Whether a stream's head reads as a pickle, by the VM itself: it parses to the end of the head (or to the end of
 * the data), or it imported or called something before it failed. Bytes the C unpickler rejects before doing
 * anything are not a pickle to any loader. joblib's raw arrays, which defeat a sniffer's walk, are read here as
 * joblib reads them.
 */
export function readsAsPickle(head: Uint8Array, atEof: boolean): boolean {
  const vm = new PickleVM({
    path: '', baseOffset: 0, mode: 'auto', torchDataPkl: false, torchScript: false, allow: new Set(), depth: 0, limits: DEFAULT_PICKLE_LIMITS
  });
  vm.push(head);
  if (atEof) vm.finish();
  return vm.readAsPickle();
}
