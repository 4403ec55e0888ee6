// Shared vocabulary of the format scanners: limits, options, the nested-scan seam and outcome helpers.
import type { Finding, Severity } from '../core/findings.js';
import { finding } from '../core/findings.js';
import type { FileContext, ScanOutcome, StreamScanner } from './types.js';
import { aheadOf, SKIP_ALL } from './ahead.js';

export interface ScanLimits {
  /** Largest output any one decompression may produce. */
  maxDecompressedBytes: number;
  /** Largest output/input ratio of a decompression, checked once output passes `ratioMinBytes`. */
  maxRatio: number;
  ratioMinBytes: number;
  /** How deep containers and compression wrappers may nest. */
  maxDepth: number;
  /** Most members a zip or tar may hold. */
  maxMembers: number;
  /** Largest header/config kept in memory to parse (safetensors allows 100,000,000 by spec). */
  maxHeaderBytes: number;
  /** Largest JSON/text document parsed whole (configs, notebooks, tokenizer configs). */
  maxJsonBytes: number;
  /** A zip that arrives without its tail (nested zips, callers that sent none) is buffered up to this size. */
  zipBufferBytes: number;
}

export const DEFAULT_LIMITS: ScanLimits = {
  maxDecompressedBytes: 8 * 1024 ** 3,
  maxRatio: 200,
  ratioMinBytes: 16 * 1024 * 1024,
  maxDepth: 3,
  maxMembers: 100_000,
  maxHeaderBytes: 100_000_000,
  maxJsonBytes: 16 * 1024 * 1024,
  zipBufferBytes: 64 * 1024 * 1024
};

export interface FileScanOptions {
  /** Extra `module.name` globals the policy allows in pickles. */
  allow?: string[];
  limits?: Partial<ScanLimits>;
  /** Container/compression nesting depth of this file (0 = a file on disk or on the Hub). */
  depth?: number;
  /** Added to finding offsets, so offsets in stored zip members point into the outer file. */
  baseOffset?: number;
  /** The container says this is tensor storage: raw bytes are expected and only strong signatures count. */
  rawData?: boolean;
  /** A torch checkpoint's `data.pkl`: the pickle scanner applies torch's rules. */
  torchDataPkl?: boolean;
  /** A pickle TorchScript's own loader reads (data.pkl, constants.pkl, .debug_pkl of a torch.jit.save archive). */
  torchScript?: boolean;
}

/** How a container or wrapper asks for a member to be scanned like a file of its own. */
export type NestedScan = (ctx: FileContext, opts: FileScanOptions) => StreamScanner;

export function limitsOf(opts?: { limits?: Partial<ScanLimits> }): ScanLimits {
  return { ...DEFAULT_LIMITS, ...(opts?.limits ?? {}) };
}


export const BLOCKING: ReadonlySet<Severity> = new Set(['critical', 'high']);

/** Merges several interpretations of the same bytes into one outcome (formats in order, deduplicated). */
export function mergeOutcomes(outcomes: readonly ScanOutcome[]): ScanOutcome {
  const formats: string[] = [];
  const findings: Finding[] = [];
  let complete = true;
  let details: Record<string, unknown> | undefined;
  for (const o of outcomes) {
    for (const f of o.formats) if (!formats.includes(f)) formats.push(f);
    findings.push(...o.findings);
    complete &&= o.complete;
    if (o.details) {
      // `notFormats` (formats a scanner refutes) is a list every interpretation adds to; other details are keyed.
      const refuted = [...(Array.isArray(details?.notFormats) ? details.notFormats : []), ...(Array.isArray(o.details.notFormats) ? o.details.notFormats : [])];
      details = { ...(details ?? {}), ...o.details, ...(refuted.length > 0 ? { notFormats: [...new Set(refuted)] } : {}) };
    }
  }
  const out: ScanOutcome = { formats, findings, complete };
  if (details) out.details = details;
  return out;
}

/**
 * A scanner that already knows its outcome (executables, unscannable compression): bytes are counted, not kept.
 */
export function fixedScanner(outcome: ScanOutcome): StreamScanner {
  return { push: () => undefined, end: () => outcome, ahead: () => SKIP_ALL, skip: () => undefined };
}

/** Guards a scanner so that an exception inside it becomes a blocking finding instead of a crash. */
export function guarded(path: string, name: string, inner: StreamScanner): StreamScanner {
  let failure: unknown;
  const fail = (err: unknown): ScanOutcome => ({
    formats: [],
    findings: [finding('scan.internal-error', 'high',
      `The ${name} scanner failed on this file, so it was not fully examined: ${err instanceof Error ? err.message : String(err)}`,
      { file: path, help: 'Report this to the Model Gate maintainers with the file; treat the file as unreviewed.' })],
    complete: false
  });
  return {
    push(chunk) {
      if (failure !== undefined) return;
      try {
        inner.push(chunk);
      } catch (err) {
        failure = err;
      }
    },
    // A failed scanner ignores what follows; one that cannot tell needs every byte (aheadOf).
    ahead() {
      if (failure !== undefined) return SKIP_ALL;
      try {
        return aheadOf(inner);
      } catch (err) {
        failure = err;
        return SKIP_ALL;
      }
    },
    skip(n) {
      if (failure !== undefined) return;
      try {
        inner.skip?.(n);
      } catch (err) {
        failure = err;
      }
    },
    end() {
      if (failure !== undefined) return fail(failure);
      try {
        return inner.end();
      } catch (err) {
        return fail(err);
      }
    }
  };
}
