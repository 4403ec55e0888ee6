// HDF5 superblocks past the sniffed head. The HDF5 library (H5FD_locate_signature, which h5py and Keras' .h5 loader
// use) looks for the superblock signature at offset 0 and then at every 512·2^k up to the end of the file, so a file
// whose first megabyte is something else (a safetensors header and tensor data, padding, a pickle) still opens as
// HDF5 from the later offset, with everything after it: a Keras config with a Lambda layer included. Sniffing sees
// only the head; this watches the rest of the stream for the same offsets and, from a signature on, reads the bytes
// as the Keras HDF5 scanner does.
import { finding } from '../core/findings.js';
import type { Finding } from '../core/findings.js';
import { aheadOf, skipIn } from './ahead.js';
import { createKerasH5Scanner } from './keras.js';
import type { FileScanOptions } from './kit.js';
import type { FileContext, ScanOutcome, StreamScanner } from './types.js';

const SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * Watches offsets `from`, 2·from, 4·from … (each a 512·2^k) for the HDF5 signature; `from` is the first such
 * offset sniffing did not look at. Chunking-invariant: a signature split across pushes is matched.
 */
export function createLateHdf5Watcher(ctx: FileContext, opts: FileScanOptions, from: number): StreamScanner {
  const base = opts.baseOffset ?? 0;
  let next = from;
  let at = 0; // stream offset of the chunk being pushed
  let matched = 0; // signature bytes matched at `next`
  let found: number | undefined;
  let inner: StreamScanner | undefined;
  return {
    push(chunk) {
      const end = at + chunk.length;
      if (found === undefined) {
        while (next < end) {
          const i = next + matched - at;
          if (i >= chunk.length) break;
          if (chunk[i] !== SIGNATURE[matched]) {
            matched = 0;
            next *= 2;
            continue;
          }
          matched++;
          if (matched === SIGNATURE.length) {
            found = next;
            inner = createKerasH5Scanner({ path: `${ctx.path}#hdf5@${next}` }, { ...opts, baseOffset: base + next });
            // A signature split across pushes began in an earlier chunk: those bytes are the signature's own.
            if (next < at) {
              inner.push(Uint8Array.from(SIGNATURE.slice(0, at - next)));
              inner.push(chunk);
            } else inner.push(chunk.subarray(next - at));
            break;
          }
        }
      } else inner?.push(chunk);
      at = end;
    },
    // Before a signature is found only the bytes at the candidate offsets are looked at.
    ahead() {
      if (found !== undefined) return aheadOf(inner);
      const want = next + matched;
      return want > at ? { skip: want - at, see: 0 } : { skip: 0, see: SIGNATURE.length - matched };
    },
    skip(n) {
      if (found !== undefined) skipIn(inner, n);
      else if (at + n > next + matched) throw new Error('hdf5 watcher: skip() past a candidate offset');
      at += n;
    },
    end(): ScanOutcome {
      if (found === undefined || !inner) return { formats: [], findings: [], complete: true };
      const o = inner.end();
      const own: Finding = finding('hdf5.late-superblock', 'high',
        `An HDF5 superblock starts at byte ${found}: h5py and Keras open this file as HDF5 from there, whatever the bytes before it are`, {
          file: ctx.path, offset: base + found,
          help: 'A model file is one format. The HDF5 content was examined (its findings follow), but a file that is something else for its first bytes and HDF5 further on is built to be read two ways; do not approve it.'
        });
      return { formats: ['hdf5'], findings: [own, ...o.findings], complete: o.complete, ...(o.details ? { details: o.details } : {}) };
    }
  };
}

/** The first 512·2^k offset at or past `headLength` (sniffing checked every smaller one). */
export function firstUnsniffedHdf5Offset(headLength: number): number {
  let off = 512;
  while (off + SIGNATURE.length <= headLength) off *= 2;
  return off;
}
