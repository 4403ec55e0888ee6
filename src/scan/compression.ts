// Compression wrappers (threats.md §4): gzip, zlib and joblib's `ZF` format are inflated in the stream, bz2, xz,
// .lzma, lz4 frames and zstd frames decoded (src/scan/decode/), and the output is scanned as a file of its own,
// with limits on size, ratio and nesting depth. 7z fails closed.
import { finding } from '../core/findings.js';
import type { Finding } from '../core/findings.js';
import { u32le } from './bytes.js';
import type { FileContext, ScanOutcome, StreamScanner } from './types.js';
import { Feeder, type Need, type Parser } from './feeder.js';
import { Inflater } from './inflate.js';
import { fixedScanner, limitsOf, type FileScanOptions, type NestedScan } from './kit.js';
import { Bzip2Decoder } from './decode/bzip2.js';
import { crc32 } from './decode/checksums.js';
import { Lz4Decoder } from './decode/lz4.js';
import type { StreamDecoder } from './decode/stream.js';
import { XzDecoder } from './decode/xz.js';
import { ZstdDecoder } from './decode/zstd.js';

export type Wrapper = 'gzip' | 'zlib' | 'joblib-zf' | 'bz2' | 'xz' | 'lzma' | 'lz4' | 'zstd';

const SUFFIX: Readonly<Record<Wrapper, string>> = {
  gzip: 'gunzip', zlib: 'inflate', 'joblib-zf': 'zf', bz2: 'bunzip2', xz: 'unxz', lzma: 'unlzma', lz4: 'unlz4', zstd: 'unzstd'
};

/** What the loader uses to read each format (named in findings). */
const LOADER: Readonly<Record<string, string>> = {
  bz2: "Python's bz2", xz: "Python's lzma", lzma: "Python's lzma", lz4: 'lz4.frame', zstd: 'zstandard'
};

function decoderFor(kind: Wrapper, emit: (c: Uint8Array) => boolean): StreamDecoder | undefined {
  switch (kind) {
    case 'bz2': return new Bzip2Decoder(emit);
    // lzma.LZMAFile's FORMAT_AUTO reads both, stream after stream, whichever the file starts with.
    case 'xz': case 'lzma': return new XzDecoder(emit);
    case 'lz4': return new Lz4Decoder(emit);
    case 'zstd': return new ZstdDecoder(emit);
    default: return undefined;
  }
}

/** What to run to get at the content, per format (the loaders that write these: joblib, pandas, tarfile). */
const UNPACK: Readonly<Record<string, string>> = {
  bz2: '`bzip2 -dk FILE` (or Python `bz2.open`)', xz: '`xz -dk FILE` (or Python `lzma.open`)', lzma: '`xz --format=lzma -dk FILE` (or Python `lzma.open(format=lzma.FORMAT_ALONE)`)',
  lz4: '`lz4 -d FILE` (or Python `lz4.frame.open`)', zstd: '`zstd -d FILE` (or Python `zstandard.open`)', '7z': '`7z x FILE`'
};

export function unscannableCompression(format: string, path: string): StreamScanner {
  return fixedScanner({
    formats: [format],
    findings: [finding('compression.unscannable', 'high', `${format} compression cannot be decompressed here yet, so its content was not examined (joblib.load / pandas.read_pickle would unpickle it)`, {
      file: path, offset: 0,
      help: `Ask the publisher for an uncompressed (or gzip/zlib) file, or decompress it with ${UNPACK[format] ?? 'its tool'} on an isolated machine and scan the result with \`model-gate scan\`; until then it may hide a pickle and is not approved.`
    })],
    complete: false
  });
}

/** Wraps `inner`'s bytes through a decompressor; the decompressed stream is scanned by a nested file scanner. */
export function createDecompressScanner(kind: Wrapper, ctx: FileContext, opts: FileScanOptions, nested: NestedScan): StreamScanner {
  const limits = limitsOf(opts);
  const depth = opts.depth ?? 0;
  const base = opts.baseOffset ?? 0;
  const findings: Finding[] = [];
  let complete = true;
  let stopped = false;
  let consumed = 0;
  let produced = 0;
  let members = 0;
  let crc = 0;
  const suffix = SUFFIX[kind];
  const inner = depth + 1 > limits.maxDepth ? undefined : nested({ path: `${ctx.path}#${suffix}` }, { ...opts, depth: depth + 1, baseOffset: 0, rawData: false });
  if (!inner) {
    complete = false;
    findings.push(finding('compression.depth', 'high', `Compressed content nested deeper than ${limits.maxDepth} levels was not examined`, { file: ctx.path, offset: base }));
  }
  const block = (check: string, message: string): void => {
    if (stopped) return;
    stopped = true;
    complete = false;
    findings.push(finding(check, 'high', message, { file: ctx.path, offset: base, help: 'Decompression stopped here: the rest of the content is unexamined. Treat it as a compression bomb or a hidden payload.' }));
  };
  const sink = (chunk: Uint8Array): void => {
    if (stopped) return;
    produced += chunk.length;
    if (produced > limits.maxDecompressedBytes) return block('compression.limit', `Decompressed size passed ${limits.maxDecompressedBytes} bytes`);
    if (produced > limits.ratioMinBytes && produced > consumed * limits.maxRatio) {
      return block('compression.bomb', `Compression ratio passed ${limits.maxRatio}:1 (${produced} bytes out of ${consumed})`);
    }
    if (kind === 'gzip') crc = crc32(chunk, crc);
    inner?.push(chunk);
  };
  const bad = (message: string, offset: number): void => {
    if (stopped) return;
    stopped = true;
    complete = false;
    findings.push(finding('compression.invalid', 'high', `Corrupt ${kind} stream: ${message}`, { file: ctx.path, offset: base + offset,
      help: 'The decompressed content could not be fully read, so it was not examined.' }));
  };

  function* inflateRest(inf: Inflater): Generator<Need, Uint8Array | undefined, Uint8Array | undefined> {
    // Feeds bytes to the inflater until its stream ends; returns the bytes that followed it.
    yield { rest: (c) => { if (!inf.done && !inf.error) inf.push(c); else if (c.length) inf.trailing.push(c.slice()); } };
    inf.end();
    if (inf.error) {
      bad(inf.error, feeder.offset);
      return undefined;
    }
    const n = inf.trailing.reduce((s, t) => s + t.length, 0);
    const out = new Uint8Array(n);
    let o = 0;
    for (const t of inf.trailing) { out.set(t, o); o += t.length; }
    return out;
  }

  function* parse(): Parser {
    if (kind === 'gzip') {
      // RFC 1952; several members may follow each other.
      const h = yield { read: 10 };
      if (!h || h[0] !== 0x1f || h[1] !== 0x8b) return bad('bad header', 0);
      if (h[2] !== 8) return bad(`compression method ${h[2]} is not deflate`, 2);
      const flags = h[3] as number;
      if (flags & 0xe0) return bad('reserved flag bits set', 3);
      if (flags & 4) {
        const x = yield { read: 2 };
        if (!x) return bad('truncated header', 10);
        const r = yield { pipe: (x[0] as number) | ((x[1] as number) << 8) };
        if (!r) return bad('truncated header', 12);
      }
      for (const bit of [8, 16]) {
        if (!(flags & bit)) continue;
        for (let guard = 0; ; guard++) {
          const c = yield { read: 1 };
          if (!c) return bad('truncated header', feeder.offset);
          if (c[0] === 0) break;
          if (guard > 65536) return bad('header name or comment too long', feeder.offset);
        }
      }
      if (flags & 2) {
        const r = yield { read: 2 };
        if (!r) return bad('truncated header', feeder.offset);
      }
    } else if (kind === 'zlib') {
      const h = yield { read: 2 };
      if (!h) return bad('truncated header', 0);
      if (h[1] !== undefined && h[1] & 0x20) return bad('preset dictionary required', 1);
    } else {
      // joblib: b'ZF' + hex(length) left-justified to 19 characters, then an optional space, then zlib data.
      const h = yield { read: 21 };
      if (!h) return bad('truncated ZF header', 0);
      const len = new TextDecoder().decode(h.subarray(2)).trim();
      if (!/^0x[0-9a-fA-F]+L?$/.test(len)) return bad(`ZF length field ${JSON.stringify(len)} is not hex`, 2);
      const next = yield { read: 1 };
      if (!next) return bad('truncated after ZF header', 21);
      const z = next[0] === 0x20 ? yield { read: 2 } : Uint8Array.of(next[0] as number, ...(((yield { read: 1 }) ?? new Uint8Array(0))));
      if (!z || z.length < 2) return bad('truncated zlib header', 22);
    }
    const inf = new Inflater(sink);
    members++;
    const after = yield* inflateRest(inf);
    if (!after) return;
    const trailerLen = kind === 'gzip' ? 8 : 4;
    if (after.length < trailerLen) return bad('missing trailer', feeder.offset);
    if (kind === 'gzip') {
      const want = u32le(after, 0);
      const isize = u32le(after, 4);
      if (want !== crc || isize !== produced % 2 ** 32) {
        findings.push(finding('compression.crc-mismatch', 'high', `gzip trailer does not match the content (CRC-32 ${crc.toString(16)} vs ${want.toString(16)}, size ${produced} vs ${isize}): corrupted or tampered`, { file: ctx.path }));
      }
    }
    const extra = after.subarray(trailerLen);
    if (extra.length > 0 && !extra.every((b) => b === 0)) {
      findings.push(finding('compression.trailing-bytes', 'high', `${extra.length} bytes follow the ${kind} stream (not decompressed by loaders, may hide a payload)`, { file: ctx.path, offset: base + consumed - extra.length }));
      if (kind === 'gzip' && extra[0] === 0x1f && extra[1] === 0x8b) {
        findings.pop();
        findings.push(finding('compression.multi-member', 'medium', 'Several gzip members follow each other; only the first was examined', { file: ctx.path }));
        complete = false;
        findings.push(finding('compression.unexamined', 'high', 'A second gzip member was not decompressed', { file: ctx.path, offset: base + consumed - extra.length }));
      }
    }
  }

  const decoder = decoderFor(kind, (c) => { sink(c); return !stopped; });
  const feeder = new Feeder(parse());
  const finishDecoder = (d: StreamDecoder): void => {
    if (!stopped) d.end();
    members = d.streams;
    const f = d.failure;
    if (f && !stopped) {
      stopped = true;
      complete = false;
      findings.push(finding(f.check, 'high', `${f.message} (${LOADER[kind] ?? kind} would raise here)`, { file: ctx.path, offset: base + f.offset,
        help: f.check === 'compression.window' || f.check === 'compression.unsupported'
          ? `Decompress it with ${UNPACK[kind] ?? 'its tool'} on an isolated machine and scan the result with \`model-gate scan\`; until then its content is not examined and it is not approved.`
          : 'The decompressed content could not be fully read (corrupt, truncated or tampered), so it was not examined beyond this point.' }));
    }
    const t = d.trailing;
    if (t && !f) {
      findings.push(finding('compression.trailing-bytes', 'high', `${t.bytes} bytes follow the last ${kind} stream; ${LOADER[kind] ?? 'the loader'} stops before them, other tools may not`, {
        file: ctx.path, offset: base + t.offset, help: 'They were not decompressed or examined. Ask the publisher for a file without them.' }));
    }
  };
  return {
    push(chunk) {
      consumed += chunk.length;
      if (stopped) return;
      if (decoder) decoder.push(chunk); else feeder.push(chunk);
    },
    end() {
      if (decoder) finishDecoder(decoder);
      else if (!stopped) feeder.end();
      const formats: string[] = [kind];
      const outcome: ScanOutcome = { formats, findings, complete, details: { [`${kind}Out`]: produced, members } };
      if (inner) {
        const o = inner.end();
        if (!stopped || o.findings.length) findings.push(...o.findings);
        if (!o.complete) outcome.complete = false;
        for (const f of o.formats) if (!formats.includes(f)) formats.push(f);
        outcome.details = { ...outcome.details, ...(o.details ?? {}) };
      }
      return outcome;
    }
  };
}
