// THE entry point for scanning one file's bytes (review pipeline, CLI, container members). It buffers a bounded
// head, sniffs it, then runs every interpretation the content claims (a polyglot gets all of them) over the
// rest of the stream in the same pass. Nothing throws out of it: failures become blocking findings.
import { finding } from '../core/findings.js';
import type { Finding } from '../core/findings.js';
import type { FileContext, ScanOutcome, StreamScanner } from './types.js';
import { concatBytes, evidenceBytes } from './bytes.js';
import { createDecompressScanner, unscannableCompression } from './compression.js';
import { FORMAT_PLUGINS } from './formats/index.js';
import { executableFinding, oleFinding } from './executables.js';
import { extensionMismatch } from './extensions.js';
import { createGgufScanner } from './gguf.js';
import { createLateHdf5Watcher, firstUnsniffedHdf5Offset } from './hdf5-late.js';
import { createKerasH5Scanner } from './keras.js';
import { BLOCKING, fixedScanner, guarded, limitsOf, mergeOutcomes, type FileScanOptions, type NestedScan } from './kit.js';
import { createNpyScanner } from './npy.js';
import { createPickleScanner, readsAsPickle } from './pickle/index.js';
import { pickleReachableByName } from './loaders.js';
import { createSafetensorsScanner } from './safetensors.js';
import { EXECUTABLE_FORMATS, type Format, HDF5_SNIFF_BYTES, type Sniffed, sniff, TEXT_FORMATS } from './sniff.js';
import { aheadOf, combineAhead, NEED_ALL } from './ahead.js';
import { createTarScanner } from './tar.js';
import { createJsonDocumentScanner } from './text.js';
import { readCentralDirectory, ZipDirectoryError } from './zip/central-directory.js';
import { createZipStreamScanner } from './zip/stream.js';

export const HEAD_BYTES = 64 * 1024;

/**
 * The seam for analyses outside the format scanners (the review's text capture for code and README checks):
 * called for every stream a loader could read — each file and each container member, whatever it sniffs as, since
 * sniffing must never remove an interpretation — with the formats sniffed; returns a scanner for the stream's
 * bytes, or undefined to leave it alone. Raw tensor storage is not offered: no loader reads it as a file.
 */
export type TextAnalyzer = (ctx: FileContext, formats: readonly Format[]) => StreamScanner | undefined;

export interface FileScannerOptions extends FileScanOptions {
  textAnalyzers?: readonly TextAnalyzer[];
}

/** Formats that are data only: recognised, nothing inside can run. */
const DATA_ONLY: ReadonlySet<Format> = new Set(['protobuf', 'image', 'tflite', 'empty']);
/** Signatures too weak to trust inside tensor storage, where any bytes may appear. */
const WEAK_IN_RAW: ReadonlySet<Format> = new Set(['zlib', 'lzma', 'protobuf', 'text', 'json', 'python', 'notebook', 'script', 'unknown-binary', 'tflite', 'pe']);

const NAME_HINTS: Readonly<Record<string, Format>> = { safetensors: 'safetensors', npy: 'numpy', gguf: 'gguf' };

function extensionOf(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/**
 * The pickle VM on a stream sniffing did not call a pickle. What CPython's unpickler would do with these bytes
 * decides whether the outcome counts: nothing is reported when it would fail before anything takes effect.
 * - reached by a loader's conventional name (`.bin`, `.pt`, `.pkl` …): counts as soon as the bytes import,
 *   extend or call anything (an import alone runs the module's top-level code);
 * - otherwise: counts when the bytes are a complete pickle that imports something, or call an import before
 *   failing (then pickle.load has run code whatever follows) — a text file whose first lines happen to parse as a
 *   GLOBAL does not.
 */
function pickleProbe(vm: StreamScanner, reach: 'name' | 'content'): StreamScanner {
  return {
    push: (chunk) => vm.push(chunk),
    ahead: () => aheadOf(vm),
    skip: (n) => vm.skip?.(n),
    end(): ScanOutcome {
      const o = vm.end();
      const d = o.details ?? {};
      const imports = Array.isArray(d.globals) ? d.globals.length : 0;
      const calls = typeof d.calls === 'number' ? d.calls : 0;
      const pickles = typeof d.pickles === 'number' ? d.pickles : 0;
      // Persistent ids and extension codes do nothing under pickle.load (no persistent_load, an empty copyreg
      // registry: it raises); torch's legacy reader, which answers persistent ids, is sniffed as a pickle anyway.
      const effects = imports > 0 || calls > 0;
      const counts = reach === 'name' ? effects : effects && (calls > 0 || (pickles > 0 && imports > 0));
      if (counts) return o;
      if (imports === 0) return { formats: [], findings: [], complete: true };
      // An import the bytes would make before failing, in a file no loader picks by name: pickle.load would import
      // the module (running its top-level code) and stop. Said, so a reviewer who finds an instruction that
      // unpickles this file knows; only a dangerous name asks for review.
      const findings = o.findings
        .filter((f) => f.check.startsWith('pickle.global.') || f.check === 'pickle.dunder')
        .map((f): Finding => ({
          ...f,
          check: 'pickle.stray-import',
          severity: f.severity === 'critical' ? 'medium' : 'info',
          message: `If unpickled, these bytes import ${f.message.replace(/^Pickle imports /, '')} — then the unpickler fails`,
          help: 'No loader reads this file as a pickle by its name. Check that nothing in the repository (README, scripts) passes it to pickle.load, torch.load or joblib.load.'
        }));
      return { formats: [], findings, complete: true };
    }
  };
}

export function createFileScanner(ctx: FileContext, opts: FileScannerOptions = {}): StreamScanner {
  const limits = limitsOf(opts);
  const nested: NestedScan = (c, o) => createFileScanner(c, { ...o, ...(opts.textAnalyzers ? { textAnalyzers: opts.textAnalyzers } : {}) });
  const headParts: Uint8Array[] = [];
  let headLen = 0;
  let total = 0;
  let scanners: { name: string; scanner: StreamScanner }[] | undefined;
  let sniffed: Sniffed | undefined;
  let formats: string[] = [];
  const own: Finding[] = [];
  let ownComplete = true;

  // `whole`: the head, when one pushed chunk held all of it (no copy: scanners copy what they keep of any chunk).
  const decide = (atEof: boolean, whole?: Uint8Array): void => {
    const head = whole ?? concatBytes(headParts, headLen);
    headParts.length = 0;
    const size = ctx.size ?? (atEof ? headLen : undefined);
    const tail = ctx.tail ?? (atEof ? head : undefined);
    // Size unknown (a decompressed stream) and the head is full: more bytes follow, so the head is not the end.
    sniffed = sniff(head, size, tail, !atEof && size === undefined);
    let fmts = sniffed.formats;
    if (opts.rawData) {
      fmts = fmts.filter((f) => !WEAK_IN_RAW.has(f) || (f === 'pe' && sniffed?.peConfirmed));
      if (fmts.length === 0) fmts = ['raw-data' as Format];
    }
    // The name is only a hint, but when the content claims nothing stronger, let the format the name promises
    // explain precisely why the bytes are not that format (a .safetensors whose header length is absurd).
    // The pickle VM decides what a sniffer's walk cannot (joblib's raw arrays inside the stream): binary content it
    // reads as a pickle from the start is one.
    if (!opts.rawData && fmts.includes('unknown-binary') && readsAsPickle(head, atEof)) fmts = fmts.map((f) => (f === 'unknown-binary' ? 'pickle' : f));
    const hinted = NAME_HINTS[extensionOf(ctx.path)];
    if (hinted && !opts.rawData && fmts.every((f) => f === 'unknown-binary' || TEXT_FORMATS.has(f))) fmts = [hinted];
    // Format plugins add what they recognise; a stream one of them reads is no longer "unknown".
    const claimed = opts.rawData ? [] : FORMAT_PLUGINS.filter((p) => !fmts.includes(p.format as Format) &&
      p.claims(head, { ...ctx, ...(size !== undefined ? { size } : {}), ...(tail ? { tail } : {}) }));
    if (claimed.length > 0) fmts = fmts.filter((f) => f !== 'unknown-binary');
    formats = [...fmts, ...claimed.map((p) => p.format)];
    scanners = [];
    const strong = [
      ...fmts.filter((f) => !TEXT_FORMATS.has(f) && !DATA_ONLY.has(f) && f !== 'unknown-binary' && (f as string) !== 'raw-data'),
      ...claimed.filter((p) => !p.dataOnly).map((p) => p.format)
    ];
    if (strong.length >= 2) {
      own.push(finding('file.polyglot', 'high', `Content is several formats at once (${strong.join(', ')}): different tools will read different things`, {
        file: ctx.path, offset: opts.baseOffset ?? 0, evidence: evidenceBytes(head.subarray(0, 24)),
        help: 'Legitimate model files are one format. Every interpretation was scanned; reject unless the extra format is explained.'
      }));
    }
    if (!opts.rawData && (opts.depth ?? 0) === 0) {
      const mismatch = extensionMismatch(ctx.path, formats);
      if (mismatch) {
        own.push(finding('file.extension-mismatch', mismatch.severity,
          `Named .${mismatch.extension} but the content is ${fmts.join(' + ')} (expected ${mismatch.expected.join(' or ')})`, {
            file: ctx.path, offset: 0, evidence: evidenceBytes(head.subarray(0, 24)),
            help: 'Loaders pick a parser by content or by a different name than reviewers expect; judge the file by what it is.'
          }));
      }
    }
    for (const f of fmts) {
      const s = interpretation(f, head);
      if (s) scanners.push({ name: f, scanner: guarded(ctx.path, f, s) });
    }
    for (const plugin of claimed) {
      scanners.push({ name: plugin.format, scanner: guarded(ctx.path, plugin.format, plugin.create(ctx, opts, nested)) });
    }
    // The pickle VM reads every stream from its start, as pickle.load would, whatever sniffing said: a pickle
    // behind a GIF header, a printable protocol-0 pickle, a checkpoint whose first bytes look like text.
    if (!opts.rawData && !fmts.includes('pickle')) {
      const reach = pickleReachableByName(ctx.path) ? 'name' : 'content';
      scanners.push({ name: 'pickle', scanner: guarded(ctx.path, 'pickle', pickleProbe(pickleScanner(), reach)) });
    }
    // HDF5 opens from a superblock at any 512·2^k offset: sniffing saw those within the head, this watches the rest.
    if (!opts.rawData && !fmts.includes('hdf5')) {
      scanners.push({ name: 'hdf5-late', scanner: guarded(ctx.path, 'hdf5', createLateHdf5Watcher(ctx, opts, firstUnsniffedHdf5Offset(Math.min(head.length, HDF5_SNIFF_BYTES)))) });
    }
    if (!opts.rawData && opts.textAnalyzers) {
      for (const a of opts.textAnalyzers) {
        const s = a(ctx, fmts);
        if (s) scanners.push({ name: 'text-analyzer', scanner: guarded(ctx.path, 'text analyzer', s) });
      }
    }
    for (const { scanner } of scanners) scanner.push(head);
  };

  const pickleScanner = (): StreamScanner => createPickleScanner({
    path: ctx.path, baseOffset: opts.baseOffset ?? 0, mode: 'auto', depth: opts.depth ?? 0,
    ...(opts.torchDataPkl ? { torchDataPkl: true } : {}), ...(opts.torchScript ? { torchScript: true } : {}), ...(opts.allow ? { allow: opts.allow } : {})
  });

  const interpretation = (f: Format, head: Uint8Array): StreamScanner | undefined => {
    const o: FileScanOptions = { ...opts };
    if (EXECUTABLE_FORMATS.has(f)) return fixedScanner({ formats: [f], findings: [executableFinding(f, head, ctx.path)], complete: true });
    switch (f) {
      case 'ole': return fixedScanner({ formats: [f], findings: [oleFinding(ctx.path)], complete: true });
      case 'zip': return zipInterpretation();
      case 'pickle': return pickleScanner();
      case 'numpy': return createNpyScanner(ctx, o, nested);
      case 'tar': return createTarScanner(ctx, o, nested);
      case 'gzip': case 'zlib': case 'joblib-zf': case 'bz2': case 'xz': case 'lzma': case 'lz4': case 'zstd':
        return createDecompressScanner(f, ctx, o, nested);
      case '7z': return unscannableCompression(f, ctx.path);
      case 'hdf5': return createKerasH5Scanner(ctx, o);
      case 'safetensors': return createSafetensorsScanner(ctx, o, nested);
      case 'gguf': return createGgufScanner(ctx, o);
      case 'json': case 'notebook': return f === 'json' ? createJsonDocumentScanner(ctx, o) : undefined;
      case 'unknown-binary': return fixedScanner({ formats: [f], findings: [finding('file.unknown-binary', 'high',
        'Binary content that no scanner recognises: it was not examined', {
          file: ctx.path, offset: opts.baseOffset ?? 0, evidence: evidenceBytes(head.subarray(0, 24)),
          help: 'Find out what this file is and what loads it; unknown binaries are not approved.'
        })], complete: true });
      default: return undefined;
    }
  };

  const zipInterpretation = (): StreamScanner => {
    const tail = ctx.tail;
    const size = ctx.size;
    if (tail && size !== undefined) {
      try {
        const cd = readCentralDirectory(tail, size, ctx.path, limits.maxMembers);
        return createZipStreamScanner(ctx, cd, opts, nested);
      } catch (err) {
        if (err instanceof ZipDirectoryError && err.needTail === undefined) return zipFailure(`Unreadable zip central directory: ${err.message}`, 'zip.invalid');
        if (!(err instanceof ZipDirectoryError)) throw err;
        // The tail was too short: fall through to buffering when the file is small enough.
        if (size > limits.zipBufferBytes) {
          return zipFailure(`The zip central directory is not within the ${tail.length} tail bytes provided (${err.message}); fetch at least the last ${err.needTail} bytes first`, 'zip.needs-tail');
        }
      }
    }
    if (size !== undefined && size > limits.zipBufferBytes) {
      return zipFailure('A zip needs its central directory (the file tail) before its bytes stream; none was provided', 'zip.needs-tail');
    }
    return bufferedZip();
  };

  const zipFailure = (message: string, check: string): StreamScanner => fixedScanner({
    formats: ['zip'], complete: false,
    findings: [finding(check, 'high', message, { file: ctx.path, help: 'The archive members were not examined; do not approve it.' })]
  });

  /** Small zips without a tail (nested ones, callers without Range support): buffer, then scan from memory. */
  const bufferedZip = (): StreamScanner => {
    const parts: Uint8Array[] = [];
    let n = 0;
    let over = false;
    return {
      push(c) {
        if (over) return;
        n += c.length;
        if (n > limits.zipBufferBytes) {
          over = true;
          parts.length = 0;
          return;
        }
        parts.push(c.slice());
      },
      end() {
        if (over) return zipFailure(`A zip larger than ${limits.zipBufferBytes} bytes arrived without its tail; provide the tail to scan it`, 'zip.needs-tail').end();
        const all = concatBytes(parts, n);
        let cd;
        try {
          cd = readCentralDirectory(all.subarray(Math.max(0, n - 65557 - 1024 * 1024 * 16)), n, ctx.path, limits.maxMembers);
        } catch (err) {
          if (!(err instanceof ZipDirectoryError)) throw err;
          try {
            cd = readCentralDirectory(all, n, ctx.path, limits.maxMembers);
          } catch (err2) {
            if (!(err2 instanceof ZipDirectoryError)) throw err2;
            return zipFailure(`Unreadable zip central directory: ${err2.message}`, 'zip.invalid').end();
          }
        }
        const z = createZipStreamScanner(ctx, cd, opts, nested);
        z.push(all);
        return z.end();
      }
    };
  };

  const pushAll = (chunk: Uint8Array): void => {
    for (const { scanner } of scanners ?? []) scanner.push(chunk);
  };

  return {
    // Until the head is sniffed every byte of it is needed; then the bytes ahead are needed by whichever
    // interpretation needs them (an unknown one needs all), and passed by only when none does.
    ahead() {
      if (!scanners) return headLen < HEAD_BYTES ? { skip: 0, see: HEAD_BYTES - headLen } : NEED_ALL;
      return combineAhead(scanners.map(({ scanner }) => aheadOf(scanner)));
    },
    skip(n) {
      if (!scanners) throw new Error('skip() before the head was sniffed');
      total += n;
      for (const { scanner } of scanners) scanner.skip?.(n);
    },
    push(chunk) {
      if (chunk.length === 0) return;
      total += chunk.length;
      if (scanners) {
        pushAll(chunk);
        return;
      }
      // The head is exactly the first HEAD_BYTES (or the whole file, if smaller) however the bytes are chunked:
      // sniffing and every scanner's first view of the stream must not depend on where a push ended.
      const take = Math.min(chunk.length, HEAD_BYTES - headLen);
      if (headLen === 0 && take === HEAD_BYTES) {
        headLen = take;
        decide(false, chunk.subarray(0, take));
      } else {
        headParts.push(chunk.slice(0, take));
        headLen += take;
        if (headLen < HEAD_BYTES) return;
        decide(false);
      }
      if (take < chunk.length) pushAll(chunk.subarray(take));
    },
    end() {
      try {
        if (!scanners) decide(true);
      } catch (err) {
        own.push(finding('scan.internal-error', 'high', `Sniffing failed: ${err instanceof Error ? err.message : String(err)}`, { file: ctx.path }));
        ownComplete = false;
        scanners = [];
      }
      const outcomes = (scanners ?? []).map(({ scanner }) => scanner.end());
      const merged = mergeOutcomes(outcomes);
      // A scanner may also refute a sniffed guess (text that starts like JSON but does not parse).
      const refuted = new Set(Array.isArray(merged.details?.notFormats) ? (merged.details.notFormats as string[]) : []);
      const out: ScanOutcome = {
        formats: formats.filter((f) => !refuted.has(f)),
        findings: [...own, ...merged.findings],
        complete: ownComplete && merged.complete,
        details: { ...(merged.details ?? {}), bytes: total }
      };
      // Scanners may refine a sniffed format (zip → zip + pytorch-zip); keep sniff order, then their additions.
      for (const f of merged.formats) if (!out.formats.includes(f)) out.formats.push(f);
      if (ctx.size !== undefined && total !== ctx.size) {
        out.complete = false;
        out.findings.unshift(finding('file.size-mismatch', 'high', `Expected ${ctx.size} bytes but ${total} arrived`, { file: ctx.path, offset: (opts.baseOffset ?? 0) + total }));
      }
      for (const f of out.findings) if (f.file === undefined) f.file = ctx.path;
      if (!out.complete && !out.findings.some((f) => BLOCKING.has(f.severity))) {
        out.findings.push(finding('scan.incomplete', 'high', 'The file was not fully examined', { file: ctx.path }));
      }
      return out;
    }
  };
}
