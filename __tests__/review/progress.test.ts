// Progress lines (issue 12: "downloads show no progress"): per file, the entry's bytes done of its total, the rate
// so far and the time left at that rate; the clock is passed in, so the figures are exact here.
import { formatBytes, progressTracker } from '../../src/review/progress.js';

describe('progress', () => {
  test('bytes, rate and time left from the clock', () => {
    let t = 0;
    const line = progressTracker('acme/m', 3 * 1024 ** 3, () => t);
    t = 10_000;
    expect(line('model-00001.safetensors', 1024 ** 3, 'verified')).toBe('acme/m: model-00001.safetensors verified (1.0 GiB; 1.0 GiB of 3.0 GiB, 102.4 MiB/s, about 20 s left)');
    t = 40_000;
    expect(line('model-00002.safetensors', 2 * 1024 ** 3, 'failed (hub.download.sha256-mismatch)'))
      .toBe('acme/m: model-00002.safetensors failed (hub.download.sha256-mismatch) (2.0 GiB; 3.0 GiB of 3.0 GiB, 76.8 MiB/s, done)');
  });
  test('units', () => {
    expect([0, 1023, 1024, 1536 * 1024, 5 * 1024 ** 4].map(formatBytes)).toEqual(['0 B', '1023 B', '1.0 KiB', '1.5 MiB', '5.0 TiB']);
  });
});
