// The zip streaming router: with the central directory read from the tail (as zipfile and as torch's miniz read
// it), one pass over the file parses each member's local header where a reader puts it, checks it against the
// directory, and routes the member's bytes (stored, deflated) to a nested file scanner. Readings that overlap are
// all scanned (RangeRouter), bytes no member covers are scanned as hidden data, and where the two readers would
// read different bytes for the same name the archive is reported as a differential.
import { finding } from '../../core/findings.js';
import type { Finding } from '../../core/findings.js';
import type { Ahead, FileContext, ScanOutcome, StreamScanner } from '../types.js';
import { u16le, u32le, utf8 } from '../bytes.js';
import { Feeder, type Parser } from '../feeder.js';
import { Inflater } from '../inflate.js';
import { Bzip2Decoder } from '../decode/bzip2.js';
import { crc32 } from '../decode/checksums.js';
import type { StreamDecoder } from '../decode/stream.js';
import { ZipLzmaDecoder } from '../decode/zip-lzma.js';
import { limitsOf, mergeOutcomes, type FileScanOptions, type NestedScan } from '../kit.js';
import { RangeRouter } from '../ranges.js';
import { aheadOf, NEED_ALL, SKIP_ALL, skipIn } from '../ahead.js';
import { isUnsafeMemberPath } from '../tar.js';
import { isLocalHeader, zipfileName, type CentralDirectory, type ZipEntry, type ZipView } from './central-directory.js';
import { detectZipLayout, minizLower, type ZipLayout } from './layout.js';

/** CRCs of tensor storage members are not recomputed above this size (cost; torch never checks them). */
const CRC_RAW_LIMIT = 1024 * 1024;
/** Compression methods read here (stored, deflate, bzip2, LZMA): their sizes and CRC-32 are checked. */
const DECODED_METHODS: ReadonlySet<number> = new Set([0, 8, 12, 14]);
/** Members inflating at the same time (overlapping readings); beyond it the archive fails closed. */
const MAX_ACTIVE = 64;

/** One physical reading: a local header offset, a size and a method, as one or both readers name it. */
interface Reading {
  key: string;
  offset: number;
  entry: ZipEntry;
  entries: ZipEntry[];
}

const readingKey = (e: ZipEntry): string => `${e.localOffset}:${e.compressedSize}:${e.uncompressedSize}:${e.method}:${e.flags & 1}`;

function describe(r: Reading | undefined): string {
  if (!r) return 'nothing';
  return `the member at offset ${r.offset} (${r.entry.compressedSize} bytes, method ${r.entry.method})`;
}

/** Where zipfile and torch would read different bytes for the same record, or only one of them reads it. */
function differentials(cd: CentralDirectory, layout: ZipLayout, readings: Map<string, Reading>): Finding[] {
  const out: Finding[] = [];
  const prefix = layout.torchPrefix;
  const py = cd.views.find((v) => v.reader === 'zipfile');
  const tv = cd.views.find((v) => v.reader === 'torch');
  if (prefix === undefined) return out;
  if (!tv) return out; // torch cannot open it: nothing for torch to disagree about
  if (!py) {
    const why = cd.failures.find((f) => f.reader === 'zipfile')?.reason ?? 'unreadable';
    out.push(finding('zip.differential', 'high', `Python's zipfile refuses this torch archive (${why}) while torch reads ${tv.entries.length} records: zipfile-based tools and scanners see nothing`, {
      help: 'Every member torch reads was scanned; a file only torch can open is built to evade inspection. Do not approve.' }));
    return out;
  }
  const key = (e: ZipEntry): Reading | undefined => readings.get(readingKey(e));
  const torchBy = new Map<string, Set<Reading>>();
  for (const e of tv.entries) {
    const l = minizLower(e.name);
    if (!l.startsWith(prefix)) continue;
    const set = torchBy.get(l) ?? new Set<Reading>();
    const r = key(e);
    if (r) set.add(r);
    torchBy.set(l, set);
  }
  const last = new Map<string, ZipEntry>();
  for (const e of py.entries) last.set(e.name, e);
  const pyBy = new Map<string, Set<Reading>>();
  for (const [name, e] of last) {
    const l = minizLower(name);
    if (!l.startsWith(prefix)) continue;
    const set = pyBy.get(l) ?? new Set<Reading>();
    const r = key(e);
    if (r) set.add(r);
    pyBy.set(l, set);
  }
  for (const l of new Set([...torchBy.keys(), ...pyBy.keys()])) {
    if (out.length >= 20) break;
    const t = [...(torchBy.get(l) ?? [])];
    const p = [...(pyBy.get(l) ?? [])];
    const record = l.slice(prefix.length);
    if (t.length === 0 || p.length === 0) {
      out.push(finding('zip.differential', 'high', `Record "${record}" is read by ${t.length === 0 ? "Python's zipfile only" : 'torch only'}: the two readers see different archives`, {
        evidence: `zipfile: ${p.map(describe).join(' / ') || 'nothing'}; torch: ${t.map(describe).join(' / ') || 'nothing'}`,
        help: 'Both readings were scanned. No writer produces this; it is built to show scanners one archive and loaders another. Do not approve.' }));
    } else if (t.length > 1 || p.length > 1 || t[0] !== p[0]) {
      out.push(finding('zip.differential', 'critical', `torch and Python's zipfile read different bytes for "${record}"${t.length > 1 ? ' (torch\'s case-insensitive lookup is ambiguous)' : ''}`, {
        evidence: `zipfile: ${p.map(describe).join(' / ')}; torch: ${t.map(describe).join(' / ')}`,
        help: 'Both readings were scanned. An archive whose loaders disagree about a record is built to deceive; do not approve.' }));
    }
  }
  return out;
}

export function createZipStreamScanner(ctx: FileContext, cd: CentralDirectory, opts: FileScanOptions, nested: NestedScan): StreamScanner {
  const limits = limitsOf(opts);
  const base = opts.baseOffset ?? 0;
  const depth = opts.depth ?? 0;
  // Findings and nested outcomes are kept with the place in the archive they belong to (offset, then the reading's
  // index) and put in that order at the end: members and hidden-data gaps finish at moments that depend on where the
  // pushes end (a gap is closed by the next gap or the end), and the outcome must not.
  let order: [number, number] = [-Infinity, 0];
  const findings: { at: [number, number]; f: Finding }[] = cd.findings.map((f) => ({ at: order, f }));
  const outcomes: { at: [number, number]; o: ScanOutcome }[] = [];
  const memberFormats: { at: [number, number]; m: { name: string; formats: string[] } }[] = [];
  const inOrder = <T>(xs: { at: [number, number] }[], get: (x: never) => T): T[] =>
    [...xs].sort((a, b) => a.at[0] - b.at[0] || a.at[1] - b.at[1]).map((x) => get(x as never));
  let complete = true;
  const tv: ZipView | undefined = cd.views.find((v) => v.reader === 'torch');
  const names = [...new Set(cd.entries.map((e) => e.name))];
  const layout = detectZipLayout(names, tv?.entries[0]?.name);
  const add = (check: string, severity: Finding['severity'], message: string, offset?: number, extra: Partial<Finding> = {}): void => {
    findings.push({ at: order, f: finding(check, severity, message, { file: ctx.path, ...(offset !== undefined ? { offset: base + offset } : {}), ...extra }) });
  };
  const unexamined = (check: string, message: string, offset?: number): void => {
    complete = false;
    add(check, 'high', message, offset, { help: 'Part of the archive was not examined; do not approve it.' });
  };

  // Physical readings: the union of both readers' entries.
  const readings = new Map<string, Reading>();
  for (const e of cd.entries) {
    const k = readingKey(e);
    const r = readings.get(k);
    if (r) r.entries.push(e);
    else readings.set(k, { key: k, offset: e.localOffset, entry: e, entries: [e] });
  }

  // Entry-table checks that need no bytes.
  for (const v of cd.views) {
    const seen = new Set<string>();
    for (const e of v.entries) {
      const norm = e.name.replace(/\\/g, '/');
      if (seen.has(norm)) add('zip.duplicate-name', 'high', `Member "${e.name}" appears more than once: loaders pick one copy, scanners may read the other`);
      seen.add(norm);
    }
  }
  const reported = new Set<string>();
  for (const e of cd.entries) {
    if (reported.has(e.name)) continue;
    reported.add(e.name);
    if (isUnsafeMemberPath(e.name)) add('zip.path-traversal', 'high', `Member "${e.name}" would be extracted outside the target folder`, e.localOffset);
    if (e.flags & 1) add('zip.encrypted-flag', 'high', `Member "${e.name}" is flagged encrypted: zipfile and torch refuse it, other tools may read it anyway (a trick to make scanners skip it)`, e.localOffset);
  }
  if (layout.formats.includes('torchscript')) {
    add('zip.torchscript', 'medium', 'TorchScript archive: torch.jit.load runs the TorchScript program in code/ (review it)');
  }
  const diffs = differentials(cd, layout, readings);

  let totalOut = 0;
  let gapScanner: StreamScanner | undefined;
  let gapFrom = -1;
  let gapEnd = -1;
  let gapLen = 0;
  let gapOrder: [number, number] = [0, -1];
  /** [start, end) of every member as read, for the overlap and end-record checks. */
  const spans: [number, number, string][] = [];

  const closeGap = (): void => {
    if (!gapScanner) return;
    const o = gapScanner.end();
    gapScanner = undefined;
    outcomes.push({ at: gapOrder, o });
    memberFormats.push({ at: gapOrder, m: { name: `(bytes ${gapFrom}..${gapFrom + gapLen})`, formats: o.formats } });
  };
  const uncovered = (part: Uint8Array, at: number): void => {
    const end = Math.min(at + part.length, cd.cdOffset);
    if (end <= at) return;
    const from = at;
    const slice = part.subarray(from - at, end - at);
    if (!gapScanner || from !== gapEnd) {
      closeGap();
      order = gapOrder = [from, -1];
      gapFrom = from;
      gapLen = 0;
      if (from === 0) add('zip.prepended-data', 'high', 'Data before the first member: the file is also something else (polyglot)', 0);
      else add('zip.hidden-data', 'high', `Bytes at ${from} belong to no member: hidden data`, from);
      gapScanner = depth + 1 > limits.maxDepth ? undefined : nested({ path: `${ctx.path}#${from}` }, { ...opts, depth: depth + 1, baseOffset: base + from, rawData: false });
      if (!gapScanner) unexamined('zip.depth', `Hidden bytes at ${from} are nested deeper than ${limits.maxDepth} levels and were not examined`, from);
    }
    gapLen += slice.length;
    gapEnd = from + slice.length;
    gapScanner?.push(slice);
  };

  /** A nested scanner for one reading's output, with its name(s) and role. */
  const memberScanner = (r: Reading, dataAt: number, suffix = ''): StreamScanner | undefined => {
    if (depth + 1 > limits.maxDepth) return undefined;
    const roles = r.entries.map((e) => layout.role(e.name));
    const name = r.entries.map((e) => e.name).filter((n, i, a) => a.indexOf(n) === i).join('" = "');
    return nested({ path: `${ctx.path}!/${name}${suffix}`, ...(suffix ? {} : { size: r.entry.uncompressedSize }) },
      { ...opts, depth: depth + 1, baseOffset: r.entry.method === 0 && !suffix ? base + dataAt : 0, rawData: roles.every((x) => x === 'storage'), torchDataPkl: roles.includes('data.pkl'), torchScript: roles.includes('torchscript-pickle') });
  };

  function* member(r: Reading): Parser {
    const e = r.entry;
    const label = r.entries.map((x) => x.name).filter((n, i, a) => a.indexOf(n) === i).join('" = "');
    const hAt = r.offset;
    const h = yield { read: 30 };
    if (!h) return unexamined('zip.truncated', `The file ends before member "${label}"`, hAt);
    if (u32le(h, 0) !== 0x04034b50) return unexamined('zip.bad-local-header', `No local header where the directory puts "${label}"`, hAt);
    const lflags = u16le(h, 6);
    const lmethod = u16le(h, 8);
    const lcrc = u32le(h, 14);
    const lcsize = u32le(h, 18);
    const lusize = u32le(h, 22);
    const nlen = u16le(h, 26);
    const xlen = u16le(h, 28);
    const nx = yield { read: nlen + xlen };
    if (!nx) return unexamined('zip.truncated', `The file ends inside the local header of "${label}"`, hAt);
    const lname = nx.subarray(0, nlen);
    let localZip64 = false;
    for (let x = nlen; x + 4 <= nlen + xlen;) {
      if (u16le(nx, x) === 1) localZip64 = true;
      x += 4 + u16le(nx, x + 2);
    }
    for (const ce of r.entries) {
      const same = lname.length === ce.nameBytes.length && lname.every((c, i) => c === ce.nameBytes[i]);
      if (same) continue;
      let pyRefuses = false;
      if (ce.reader === 'zipfile') {
        try {
          pyRefuses = zipfileName(lname, lflags) !== ce.origName;
        } catch {
          pyRefuses = true;
        }
      }
      add('zip.name-mismatch', 'high', `Local header names "${utf8(lname)}" where the central directory says "${ce.name}"${pyRefuses ? ' (zipfile refuses it, torch reads it)' : ''}: tools disagree on what this member is`, hAt);
      break;
    }
    if (lmethod !== e.method) add('zip.method-mismatch', 'high', `Local and central headers of "${label}" disagree on the compression method (${lmethod} vs ${e.method})`, hAt);
    if ((lflags & 1) !== (e.flags & 1)) add('zip.encrypted-flag', 'high', `Local and central headers of "${label}" disagree on the encryption flag`, hAt);
    if (!(lflags & 8) && !(e.flags & 8) && (lcrc !== e.crc || (lcsize !== e.compressedSize && lcsize !== 0xffffffff) || (lusize !== e.uncompressedSize && lusize !== 0xffffffff))) {
      add('zip.size-mismatch', 'high', `Local and central headers of "${label}" disagree on its CRC or sizes: streaming readers read other bytes than zipfile and torch`, hAt,
        { evidence: `local crc ${lcrc.toString(16)} ${lcsize}/${lusize}, central crc ${e.crc.toString(16)} ${e.compressedSize}/${e.uncompressedSize}` });
    }
    const dataAt = hAt + 30 + nlen + xlen;
    const scanner = memberScanner(r, dataAt);
    if (!scanner) unexamined('zip.depth', `Member "${label}" is nested deeper than ${limits.maxDepth} levels and was not examined`, hAt);
    const raw = r.entries.every((x) => layout.role(x.name) === 'storage');
    const doCrc = !raw || e.uncompressedSize <= CRC_RAW_LIMIT;
    let crc = 0;
    let usize = 0;
    let consumed = 0;
    let stopped = false;
    let past: StreamScanner | undefined;
    // zipfile hands out at most the directory's uncompressed size; bytes past it are scanned as a stream of their own.
    const out = (c: Uint8Array): void => {
      if (stopped) return;
      totalOut += c.length;
      if (totalOut > limits.maxDecompressedBytes) {
        stopped = true;
        return unexamined('compression.limit', `The archive's members decompress to more than ${limits.maxDecompressedBytes} bytes: the rest was not examined`, dataAt);
      }
      if (e.method !== 0 && usize + c.length > limits.ratioMinBytes && usize + c.length > consumed * limits.maxRatio) {
        stopped = true;
        return unexamined('compression.bomb', `Member "${label}" passed a ${limits.maxRatio}:1 compression ratio (${usize + c.length} bytes out of ${consumed})`, dataAt);
      }
      const within = Math.max(0, Math.min(c.length, e.uncompressedSize - usize));
      if (within > 0) {
        const part = within === c.length ? c : c.subarray(0, within);
        if (doCrc) crc = crc32(part, crc);
        scanner?.push(part);
      }
      if (within < c.length) {
        if (!past && depth + 1 <= limits.maxDepth) past = memberScanner(r, dataAt, '#past-declared-size');
        past?.push(c.subarray(within));
      }
      usize += c.length;
    };
    // Stored bytes that no reader looks at (a torch storage past its sniffed head, whose CRC is not computed) may
    // pass by unread: the same accounting as out(), without the bytes.
    const storedAhead = (): Ahead => {
      if (stopped) return SKIP_ALL;
      const within = e.uncompressedSize - usize;
      if (doCrc || within <= 0) return NEED_ALL;
      const a = aheadOf(scanner);
      return a.skip > 0 ? { skip: Math.min(a.skip, within), see: 0 } : a;
    };
    const storedSkip = (n: number): void => {
      consumed += n;
      if (stopped) return;
      totalOut += n;
      if (totalOut > limits.maxDecompressedBytes) {
        stopped = true;
        return unexamined('compression.limit', `The archive's members decompress to more than ${limits.maxDecompressedBytes} bytes: the rest was not examined`, dataAt);
      }
      skipIn(scanner, n);
      usize += n;
    };
    let piped: Uint8Array | undefined;
    if (e.method === 0) {
      piped = yield { pipe: e.compressedSize, to: (c) => { consumed += c.length; out(c); }, ahead: storedAhead, skip: storedSkip };
    } else if (e.method === 8) {
      const inf = new Inflater(out);
      piped = yield { pipe: e.compressedSize, to: (c) => { consumed += c.length; if (!stopped) inf.push(c); } };
      if (piped && !stopped) {
        inf.end();
        if (inf.error) unexamined('zip.bad-deflate', `Member "${label}" does not inflate: ${inf.error}`, dataAt);
        else if (inf.trailing.some((t) => t.length > 0)) add('zip.hidden-data', 'high', `Member "${label}" has bytes after its deflate stream`, dataAt);
      }
    } else if (e.method === 12 || e.method === 14) {
      // bzip2 and LZMA members: zipfile (so np.load) reads them, torch's reader refuses them; decoded as zipfile does.
      const dec: StreamDecoder = e.method === 12 ? new Bzip2Decoder((c) => { out(c); return !stopped; }) : new ZipLzmaDecoder((c) => { out(c); return !stopped; });
      piped = yield { pipe: e.compressedSize, to: (c) => { consumed += c.length; if (!stopped) dec.push(c); } };
      if (piped && !stopped) {
        dec.end();
        const kind = e.method === 12 ? 'bzip2' : 'LZMA';
        if (dec.failure) unexamined('zip.bad-compression', `Member "${label}" does not decompress (${kind}): ${dec.failure.message}`, dataAt);
        else if (dec.trailing) add('zip.hidden-data', 'high', `Member "${label}" has ${dec.trailing.bytes} bytes after its ${kind} stream`, dataAt);
      }
    } else {
      unexamined('zip.unsupported-method', `Member "${label}" uses compression method ${e.method}, which cannot be decompressed here`, dataAt);
      piped = yield { pipe: e.compressedSize };
    }
    if (scanner) {
      const o = scanner.end();
      outcomes.push({ at: order, o });
      memberFormats.push({ at: order, m: { name: label, formats: o.formats } });
    }
    if (past) {
      const o = past.end();
      outcomes.push({ at: order, o });
    }
    const dataEnd = dataAt + e.compressedSize;
    spans.push([hAt, dataEnd, label]);
    if (!piped) return unexamined('zip.truncated', `The file ends inside member "${label}"`, dataAt);
    if (DECODED_METHODS.has(e.method) && !stopped) {
      if (usize !== e.uncompressedSize) {
        add('zip.size-mismatch', 'high', `Member "${label}" holds ${usize} bytes but the directory says ${e.uncompressedSize}: zipfile reads ${Math.min(usize, e.uncompressedSize)}, torch refuses it`, dataAt);
      } else if (doCrc && crc !== e.crc) {
        add('zip.crc-mismatch', 'high', `Member "${label}" CRC-32 is ${crc.toString(16).padStart(8, '0')}, the directory says ${e.crc.toString(16).padStart(8, '0')} (torch loads it anyway; other tools refuse)`, dataAt);
      }
    }
    if (lflags & 8) {
      // The data descriptor: optional signature, CRC-32, then 4- or 8-byte sizes (8 when the local header has zip64).
      const first = yield { read: 4 };
      if (!first) return;
      const signed = u32le(first, 0) === 0x08074b50;
      const rest = yield { read: (signed ? 4 : 0) + (localZip64 ? 16 : 8) };
      if (!rest) return;
      const dcrc = signed ? u32le(rest, 0) : u32le(first, 0);
      const o = signed ? 4 : 0;
      const dcs = localZip64 ? Number(BigInt(u32le(rest, o)) | (BigInt(u32le(rest, o + 4)) << 32n)) : u32le(rest, o);
      const dus = localZip64 ? Number(BigInt(u32le(rest, o + 8)) | (BigInt(u32le(rest, o + 12)) << 32n)) : u32le(rest, o + 4);
      if (dcrc !== e.crc || dcs !== e.compressedSize || dus !== e.uncompressedSize) {
        add('zip.descriptor-mismatch', 'high', `The data descriptor of "${label}" disagrees with the central directory: streaming readers see other sizes`, dataEnd);
      }
    }
  }

  const router = new RangeRouter(MAX_ACTIVE);
  const sorted = [...readings.values()].sort((a, b) => a.offset - b.offset);
  sorted.forEach((r, index) => {
    if (r.offset < 0) {
      unexamined('zip.invalid-offsets', `The directory puts "${r.entry.name}" before the start of the file`);
      return;
    }
    const at: [number, number] = [r.offset, index];
    const f = new Feeder(member(r));
    router.add(r.offset, {
      push(c) {
        const before = f.trailingBytes;
        order = at;
        f.push(c);
        return c.length - (f.trailingBytes - before);
      },
      end() {
        order = at;
        f.end();
      },
      ahead() {
        order = at;
        return f.ahead();
      },
      skip(n) {
        order = at;
        f.skip(n);
      }
    });
  });

  let firstBytes: Uint8Array | undefined;
  let seen = 0;
  return {
    // Members' bytes are needed as their readings need them; bytes no member covers are hidden data (scanned)
    // before the central directory and ignored from it on (it was read from the tail).
    ahead() {
      if (seen < 4) return { skip: 0, see: 4 - seen };
      const a = router.ahead();
      if (a) return a;
      const until = router.nextStart() - router.pos;
      if (router.pos >= cd.cdOffset) return { skip: until, see: 0 };
      return { skip: 0, see: Math.min(until, cd.cdOffset - router.pos) };
    },
    skip(n) {
      seen += n;
      router.skip(n);
    },
    push(c) {
      if (c.length === 0) return;
      if (firstBytes === undefined || firstBytes.length < 4) {
        firstBytes = new Uint8Array([...(firstBytes ?? []), ...c.subarray(0, 4 - (firstBytes?.length ?? 0))]);
      }
      seen += c.length;
      router.push(c, uncovered, (start) => { order = [start, -2]; unexamined('zip.overlap', `Too many members overlap at ${start}: not all were examined`, start); });
    },
    end() {
      const { notStarted } = router.end();
      for (const at of notStarted) {
        order = [at, -3];
        unexamined('zip.truncated', `The file ends before the member at ${at}`, at);
      }
      closeGap();
      order = [Infinity, 0];
      // Overlapping members (each was scanned; writers never produce them).
      spans.sort((a, b) => a[0] - b[0]);
      let reach = -1;
      let reachName = '';
      for (const [s, en, name] of spans) {
        if (s < reach) {
          add('zip.overlap', 'high', `Member "${name}" at ${s} overlaps "${reachName}" (which runs to ${reach}): both were scanned, but no writer produces this (zip bomb or disguise)`, s);
          break;
        }
        if (en > reach) { reach = en; reachName = name; }
      }
      // Other end records outside any member: a tool that picks another one reads another archive.
      for (const p of cd.otherEocds) {
        if (!spans.some(([s, en]) => p >= s && p < en)) {
          add('zip.multiple-end-records', 'high', `Another end-of-central-directory record at ${p}: tools that pick it read a different archive`, p);
          break;
        }
      }
      // Only torch reads zips from their start: when the file does not begin with a local header, torch.load takes
      // the legacy path and the zipfile reading is the only one.
      if (firstBytes && isLocalHeader(firstBytes) && seen >= 4) findings.push(...diffs.map((d) => ({ at: order, f: { ...d, file: ctx.path } })));
      const merged = mergeOutcomes(inOrder(outcomes, (x: { o: ScanOutcome }) => x.o));
      return {
        formats: layout.formats,
        findings: [...inOrder(findings, (x: { f: Finding }) => x.f), ...merged.findings],
        complete: complete && merged.complete,
        details: { ...(merged.details ?? {}), zipEntries: readings.size, zip64: cd.zip64, members: inOrder(memberFormats, (x: { m: { name: string; formats: string[] } }) => x.m).slice(0, 1000) }
      };
    }
  };
}
