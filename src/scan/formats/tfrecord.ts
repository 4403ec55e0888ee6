// TFRecord files, TensorBoard event files (events.out.tfevents.*) among them: each record is a u64 length, the
// masked CRC-32C of those 8 bytes, the data, and the masked CRC-32C of the data (tensorflow/core/lib/io/record_reader
// and tensorboard's record reader check both). Recognised by the first header's checksum, which random bytes match
// once in 2^32. Data only: readers parse each record as an Event or Example proto and run nothing. Every record's
// framing and checksums are verified as the bytes stream; nothing is kept but the first record's head.
import { finding, type Finding } from '../../core/findings.js';
import { u32le, u64le } from '../bytes.js';
import { Feeder, type Parser } from '../feeder.js';
import type { FileContext, StreamScanner } from '../types.js';
import type { FileScanOptions } from '../kit.js';
import { crc32c, maskCrc } from './crc32c.js';
import type { FormatPlugin } from './plugin.js';

const EVENT_HEAD = 4096;

/** The `file_version` of an Event proto (field 3), when the record's first bytes hold it. */
function eventFileVersion(b: Uint8Array): string | undefined {
  let i = 0;
  const varint = (): number | undefined => {
    let v = 0;
    let mul = 1;
    for (let k = 0; k < 10 && i < b.length; k++) {
      const c = b[i++] as number;
      v += (c & 0x7f) * mul;
      mul *= 128;
      if ((c & 0x80) === 0) return v;
    }
    return undefined;
  };
  while (i < b.length) {
    const key = varint();
    if (key === undefined) return undefined;
    const wire = key % 8;
    const field = Math.floor(key / 8);
    if (wire === 0) { if (varint() === undefined) return undefined; }
    else if (wire === 1) i += 8;
    else if (wire === 5) i += 4;
    else if (wire === 2) {
      const n = varint();
      if (n === undefined || i + n > b.length) return undefined;
      if (field === 3) return new TextDecoder('utf-8', { fatal: false }).decode(b.subarray(i, i + n));
      i += n;
    } else return undefined;
  }
  return undefined;
}

export function createTfRecordScanner(ctx: FileContext, opts: FileScanOptions): StreamScanner {
  const base = opts.baseOffset ?? 0;
  const findings: Finding[] = [];
  let complete = true;
  let records = 0;
  let fileVersion: string | undefined;
  let total = 0;
  const invalid = (message: string, offset: number): void => {
    complete = false;
    findings.push(finding('tfrecord.invalid', 'high', `Not a valid TFRecord file: ${message}`, {
      file: ctx.path, offset: base + offset,
      help: 'TensorFlow and TensorBoard refuse a record whose checksum does not match, so these bytes are not what they claim; do not approve the file.'
    }));
  };

  function* parse(): Parser {
    for (;;) {
      const at = feeder.offset;
      const h = yield { read: 12 };
      if (!h) return;
      const len = u64le(h, 0);
      if (maskCrc(crc32c(h.subarray(0, 8))) !== u32le(h, 8)) return invalid(`record #${records} has a length checksum that does not match`, at);
      if (len > BigInt(Number.MAX_SAFE_INTEGER)) return invalid(`record #${records} claims ${len} bytes`, at);
      const n = Number(len);
      let crc = 0;
      let kept = 0;
      const first = records === 0 ? new Uint8Array(Math.min(n, EVENT_HEAD)) : undefined;
      const r = yield {
        pipe: n,
        to: (c) => {
          crc = crc32c(c, crc);
          if (first && kept < first.length) {
            const k = Math.min(c.length, first.length - kept);
            first.set(c.subarray(0, k), kept);
            kept += k;
          }
        }
      };
      const f = r ? yield { read: 4 } : undefined;
      if (!r || !f) {
        findings.push(finding('tfrecord.truncated', 'low', `The last record (#${records}) is cut short: ${n} bytes announced at offset ${at}, the file ends first`, {
          file: ctx.path, offset: base + at,
          help: 'Readers stop at a cut record (a file copied while it was being written looks like this). Nothing after it is read by them.'
        }));
        return;
      }
      if (maskCrc(crc) !== u32le(f, 0)) return invalid(`record #${records} has a data checksum that does not match`, at + 12 + n);
      if (first) fileVersion = eventFileVersion(first);
      records++;
    }
  }
  const feeder: Feeder = new Feeder(parse());
  return {
    push(c) {
      total += c.length;
      feeder.push(c);
    },
    end() {
      feeder.end();
      if (complete && feeder.offset < total && !findings.some((f) => f.check === 'tfrecord.truncated')) {
        findings.push(finding('tfrecord.truncated', 'low', `${total - feeder.offset} bytes after the last record are too short to be a record header`, {
          file: ctx.path, offset: base + feeder.offset,
          help: 'Readers stop there (a file copied while it was being written looks like this).'
        }));
      }
      const events = fileVersion?.startsWith('brain.Event:') === true;
      return {
        formats: events ? ['tfrecord', 'tensorboard-events'] : ['tfrecord'],
        findings, complete,
        details: { tfrecord: { records, ...(fileVersion !== undefined ? { fileVersion: fileVersion.slice(0, 64) } : {}) } }
      };
    }
  };
}

/** The first record header's length checksum matches (and its length fits the file, when the size is known). */
export function looksLikeTfRecord(head: Uint8Array, size?: number): boolean {
  if (head.length < 12) return false;
  if (maskCrc(crc32c(head.subarray(0, 8))) !== u32le(head, 8)) return false;
  return size === undefined || u64le(head, 0) + 16n <= BigInt(size);
}

export const tfrecordPlugin: FormatPlugin = {
  format: 'tfrecord',
  claims: (head, ctx) => looksLikeTfRecord(head, ctx.size),
  create: (ctx, opts) => createTfRecordScanner(ctx, opts),
  dataOnly: true
};
