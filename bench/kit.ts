// What the benchmarks share: their `--name value` options and this process's counters from /proc.
import { readFileSync } from 'node:fs';

/** The value after `name` (e.g. `--runs`) on the command line, or `dflt`. */
export function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] !== undefined ? (process.argv[i + 1] as string) : dflt;
}

/** A number from /proc/self/status (VmHWM: peak RSS in KiB) or /proc/self/io (write_bytes). */
export function procField(file: 'status' | 'io', field: string): number {
  const m = new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(readFileSync(`/proc/self/${file}`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}
