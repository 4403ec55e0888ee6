// Dates as the provenance findings say them: whole days between two instants, ISO days, readable spans.

const DAY_MS = 24 * 60 * 60 * 1000;

/** Milliseconds since the epoch for an ISO string, or undefined when it is absent or not a date. */
export function instant(iso: string | undefined): number | undefined {
  if (iso === undefined) return undefined;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : undefined;
}

/** Fractional days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: number, to: number): number {
  return (to - from) / DAY_MS;
}

/** `2026-05-10` for an instant. */
export function isoDay(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

/** "2 days", "36 hours", "1 hour", "40 minutes": whole units, rounded down, hours below two days. */
export function span(days: number): string {
  const d = Math.abs(days);
  if (d >= 2) {
    const n = Math.floor(d);
    return `${n} day${n === 1 ? '' : 's'}`;
  }
  const hours = Math.floor(d * 24);
  if (hours >= 1) return `${hours} hour${hours === 1 ? '' : 's'}`;
  const minutes = Math.floor(d * 24 * 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/** 244118 → "244,118". */
export function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
