// One progress line per file read: what finished, how much of the entry is done, the rate so far and the time left
// at that rate. Pure apart from the clock passed in; the CLI prints the lines on stderr when it is a terminal.

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

export function formatBytes(n: number): string {
  let v = n;
  let u = 0;
  while (v >= 1024 && u < UNITS.length - 1) { v /= 1024; u++; }
  return `${u === 0 ? v : v.toFixed(1)} ${UNITS[u]}`;
}

function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '?';
  if (s < 90) return `${Math.round(s)} s`;
  if (s < 5400) return `${Math.round(s / 60)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}

/** A tracker for one entry's files: `done(path, size, ok)` gives the line to print. */
export function progressTracker(label: string, totalBytes: number, now: () => number): (path: string, size: number, outcome: string) => string {
  const start = now();
  let bytes = 0;
  return (path, size, outcome) => {
    bytes += size;
    const seconds = Math.max((now() - start) / 1000, 1e-3);
    const rate = bytes / seconds;
    const left = Math.max(totalBytes - bytes, 0);
    return `${label}: ${path} ${outcome} (${formatBytes(size)}; ${formatBytes(bytes)} of ${formatBytes(totalBytes)}, ${formatBytes(rate)}/s, ${left === 0 ? 'done' : `about ${formatSeconds(left / rate)} left`})`;
  };
}
