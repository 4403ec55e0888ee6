// Findings of one pickle scan, de-duplicated: one finding per distinct thing (a global, an error), with a count,
// so a million-entry pickle cannot produce a million findings.
import type { Finding } from '../../core/findings.js';

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
