// Findings of one pickle scan, de-duplicated: one finding per distinct thing (a global, an error), with a count,
// so a million-entry pickle cannot produce a million findings.
import type { Finding } from '../../core/findings.js';
import { TORCH_1_13_WEIGHTS_ONLY_GLOBALS, TORCH_1_13_WEIGHTS_ONLY_OPCODES } from '../../config/security/globals/index.js';

interface Entry { f: Finding; count: number }

export class FindingSet {
  private readonly entries = new Map<string, Entry>();
  private dropped = 0;

  constructor(private readonly max = 2000) {}

  /** Adds `f` under `key`, or counts another occurrence of the finding already there. */
  add(key: string, f: Finding): void {
    const e = this.entries.get(key);
    if (e) { e.count++; return; }
    if (this.entries.size >= this.max) { this.dropped++; return; }
    this.entries.set(key, { f, count: 1 });
  }

  /** Counts another occurrence of an existing finding; nothing when there is none under `key`. */
  bump(key: string): void {
    const e = this.entries.get(key);
    if (e) e.count++;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** Replaces the finding under `key`, keeping its count; nothing when there is none. */
  replace(key: string, f: Finding): void {
    const e = this.entries.get(key);
    if (e) e.f = f;
  }

  /** Appends `suffix` to the message of the finding under `key` (which reading of the bytes found it). */
  relabel(key: string, suffix: string): void {
    const e = this.entries.get(key);
    if (e) e.f = { ...e.f, message: `${e.f.message}${suffix}` };
  }

  /** Every finding under its key, for merging what another reading of the same bytes found. */
  keyed(): [string, Finding][] {
    return [...this.entries].map(([k, e]) => [k, e.f]);
  }

  list(): Finding[] {
    const out: Finding[] = [];
    for (const { f, count } of this.entries.values()) {
      out.push(count > 1 ? { ...f, message: `${f.message} (${count} times; first shown)` } : f);
    }
    if (this.dropped > 0) {
      out.push({
        check: 'pickle.limit', severity: 'high', message: `${this.dropped} more distinct findings were not listed`,
        help: 'The pickle produced more distinct findings than a report can hold; treat it as hostile.'
      });
    }
    return out;
  }
}

// ───────────────────────────── the weights_only statement ─────────────────────────────

/** What the VM found that decides torch.load(weights_only=True). */
export interface WeightsOnlyEvidence {
  /** The VM's verdict, which models PyTorch 2.6.0's rules (WEIGHTS_ONLY_GLOBALS is 2.6.0's allowlist). */
  verdict: { loads: boolean; blockedBy?: string; offset?: number };
  /** Globals the weights_only region imports, with the opcode that imported them. */
  globals: readonly { module: string; name: string; opcode: string }[];
  /** Names of the opcodes in the weights_only region, when the VM reports them. */
  opcodes?: readonly string[];
  /** Callables the region calls (REDUCE/NEWOBJ targets), when the VM reports them. */
  callTargets?: readonly string[];
}

export type VersionVerdict = { torch: string; loads: true } | { torch: string; loads: false; because: string } | { torch: string; loads: 'not determined'; because: string };

// Callables whose results torch 1.13's BUILD accepts (Tensor, Parameter, OrderedDict).
const BUILDS_OK_1_13 = (g: string): boolean => g === 'collections.OrderedDict' || g === 'torch.nn.parameter.Parameter' ||
  g === 'torch.Tensor' || g.startsWith('torch._utils._rebuild_') || /^torch\.(cuda\.)?(sparse\.)?[A-Za-z0-9]+Tensor$/.test(g);

/**
 * Whether torch.load(weights_only=True) of each modelled release reads the region: 2.6.0 (the VM's verdict) and
 * 1.13.1, derived from 2.6.0's and the differences between the two unpicklers (1.13 has a narrower allowlist, no
 * BINFLOAT, NEWOBJ only for Parameter, BUILD only on Tensor, Parameter and OrderedDict). 1.13.1 is only said to load
 * when the evidence shows every one of those; otherwise it refuses, or is "not determined".
 */
export function weightsOnlyVersions(ev: WeightsOnlyEvidence): [VersionVerdict, VersionVerdict] {
  const v26: VersionVerdict = ev.verdict.loads ? { torch: '2.6.0', loads: true } : { torch: '2.6.0', loads: false, because: ev.verdict.blockedBy ?? 'the pickle does not parse' };
  const refuse = (because: string): VersionVerdict => ({ torch: '1.13.1', loads: false, because });
  for (const g of ev.globals) {
    const full = `${g.module}.${g.name}`;
    if (g.opcode !== 'GLOBAL') return [v26, refuse(`${g.opcode} ${full}: 1.13 reads imports only from GLOBAL`)];
    if (!TORCH_1_13_WEIGHTS_ONLY_GLOBALS.has(full)) return [v26, refuse(`GLOBAL ${full} is not in its allowlist`)];
  }
  if (ev.opcodes) {
    const bad = ev.opcodes.find((o) => !TORCH_1_13_WEIGHTS_ONLY_OPCODES.includes(o));
    if (bad) return [v26, refuse(`${bad} opcode`)];
  }
  const undetermined = (because: string): VersionVerdict => ({ torch: '1.13.1', loads: 'not determined', because });
  if (!ev.verdict.loads) return [v26, undetermined(`2.6.0 refuses it (${v26.loads === false ? v26.because : ''}) and the scan does not replay 1.13's rules past that`)];
  if (!ev.opcodes) return [v26, undetermined('1.13 also refuses pickled floats (BINFLOAT), NEWOBJ other than Parameter and BUILD other than on tensors and OrderedDict, which this scan did not record')];
  if (ev.opcodes.includes('NEWOBJ')) return [v26, undetermined('1.13 calls NEWOBJ only on Parameter and the target was not recorded')];
  if (ev.opcodes.includes('BUILD') && !(ev.callTargets && ev.callTargets.every(BUILDS_OK_1_13))) {
    return [v26, undetermined('1.13 runs BUILD only on tensors, Parameter and OrderedDict and the targets were not all recorded')];
  }
  return [v26, { torch: '1.13.1', loads: true }];
}

const phrase = (v: VersionVerdict): string => v.loads === true ? `PyTorch ${v.torch} loads it`
  : v.loads === false ? `PyTorch ${v.torch} refuses it (${v.because})` : `PyTorch ${v.torch}: not determined (${v.because})`;

/**
 * The info finding that states what torch.load(weights_only=True) does with a torch checkpoint's pickle, naming the
 * releases it models. `what` names the region (`data.pkl`, `this legacy torch file`).
 */
export function weightsOnlyFinding(path: string, what: string, ev: WeightsOnlyEvidence): Finding {
  const [v26, v113] = weightsOnlyVersions(ev);
  const head = v26.loads === true
    ? `${what} loads with torch.load(weights_only=True) under PyTorch 2.6.0's rules (the default since 2.6)`
    : `${what} would not load with torch.load(weights_only=True) under PyTorch 2.6.0's rules: ${v26.loads === false ? v26.because : ''}`;
  return {
    check: 'pickle.weights-only', severity: 'info', file: path,
    message: `${head}; ${phrase(v113)}`,
    ...(ev.verdict.offset !== undefined ? { offset: ev.verdict.offset } : {}),
    evidence: `modelled on torch/_weights_only_unpickler.py of PyTorch 2.6.0 and 1.13.1`,
    help: 'Other PyTorch releases have other allowlists; a load is only claimed for the releases named.'
  };
}
