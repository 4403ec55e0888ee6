// The zip streaming router: with the central directory known from the tail, one pass over the file parses each
// local header as it arrives, checks it against the directory, and routes the member's bytes (stored directly,
// deflated through the inflater) to a nested file scanner. Bytes that belong to no member are scanned too.
import { finding } from '../../core/findings.js';
import { crc32 } from 'node:zlib';
import type { Finding } from '../../core/findings.js';
import type { FileContext, ScanOutcome, StreamScanner } from '../types.js';
import { u16le, u32le, utf8 } from '../bytes.js';
import { Feeder, type Parser } from '../feeder.js';
import { Inflater } from '../inflate.js';
import { limitsOf, mergeOutcomes, type FileScanOptions, type NestedScan } from '../kit.js';
import { isUnsafeMemberPath } from '../tar.js';
import type { CentralDirectory, ZipEntry } from './central-directory.js';
import { detectZipLayout } from './layout.js';

/** CRCs of tensor storage members are not recomputed above this size (cost; torch never checks them). */
const CRC_RAW_LIMIT = 1024 * 1024;

export function createZipStreamScanner(ctx: FileContext, cd: CentralDirectory, opts: FileScanOptions, nested: NestedScan): StreamScanner {
  const limits = limitsOf(opts);
  const base = opts.baseOffset ?? 0;
  const depth = opts.depth ?? 0;
  const findings: Finding[] = [...cd.findings];
  const outcomes: ScanOutcome[] = [];
  const memberFormats: { name: string; formats: string[] }[] = [];
  let complete = true;
  const names = cd.entries.map((e) => e.name);
  const layout = detectZipLayout(names);
  const add = (check: string, severity: Finding['severity'], message: string, offset?: number, extra: Partial<Finding> = {}): void => {
    findings.push(finding(check, severity, message, { file: ctx.path, ...(offset !== undefined ? { offset: base + offset } : {}), ...extra }));
  };
  const unexamined = (check: string, message: string, offset?: number): void => {
    complete = false;
    add(check, 'high', message, offset, { help: 'Part of the archive was not examined; do not approve it.' });
  };

  // Entry-table checks that need no bytes.
  const seenNames = new Map<string, number>();
  for (const e of cd.entries) {
    const norm = e.name.replace(/\\/g, '/');
    if (seenNames.has(norm)) add('zip.duplicate-name', 'high', `Member "${e.name}" appears more than once: loaders pick one copy, scanners may read the other`);
    seenNames.set(norm, e.index);
    if (isUnsafeMemberPath(e.name)) add('zip.path-traversal', 'high', `Member "${e.name}" would be extracted outside the target folder`, e.localOffset);
    if (e.flags & 1) add('zip.encrypted-flag', 'high', `Member "${e.name}" is flagged encrypted; torch ignores the flag and loads it anyway (a trick to make scanners skip it)`, e.localOffset);
  }
  if (layout.formats.includes('torchscript')) {
    add('zip.torchscript', 'medium', 'TorchScript archive: torch.jit.load runs the TorchScript program in code/ (review it)');
  }

  const order = [...cd.entries].sort((a, b) => a.localOffset - b.localOffset || a.index - b.index);
  let gapScanner: StreamScanner | undefined;
  let gapFrom = 0;
  let gapLen = 0;

  const closeGap = (): void => {
    if (!gapScanner) return;
    const o = gapScanner.end();
    gapScanner = undefined;
    outcomes.push(o);
    memberFormats.push({ name: `(bytes ${gapFrom}..${gapFrom + gapLen})`, formats: o.formats });
  };
  const gapSink = (kind: 'prepended' | 'between' | 'before-directory', from: number) => (chunk: Uint8Array): void => {
    if (!gapScanner) {
      gapFrom = from;
      gapLen = 0;
      if (kind === 'prepended') add('zip.prepended-data', 'high', 'Data before the first member: the file is also something else (polyglot)', 0);
      else add('zip.hidden-data', 'high', `Bytes at ${from} belong to no member (${kind === 'between' ? 'between members' : 'before the central directory'}): hidden data`, from);
      gapScanner = depth + 1 > limits.maxDepth ? undefined : nested({ path: `${ctx.path}#${from}` }, { ...opts, depth: depth + 1, baseOffset: base + from, rawData: false });
    }
    gapLen += chunk.length;
    gapScanner?.push(chunk);
  };

  const at = (): number => feeder.offset;

  function* member(e: ZipEntry): Parser {
    const hAt = at();
    const h = yield { read: 30 };
    if (!h) return unexamined('zip.truncated', `The file ends before member "${e.name}"`, hAt);
    if (u32le(h, 0) !== 0x04034b50) {
      return unexamined('zip.bad-local-header', `No local header where the directory puts "${e.name}"`, hAt);
    }
    const lflags = u16le(h, 6);
    const lmethod = u16le(h, 8);
    const nlen = u16le(h, 26);
    const xlen = u16le(h, 28);
    const nx = yield { read: nlen + xlen };
    if (!nx) return unexamined('zip.truncated', `The file ends inside the local header of "${e.name}"`, hAt);
    const lname = nx.subarray(0, nlen);
    const same = lname.length === e.nameBytes.length && lname.every((c, i) => c === e.nameBytes[i]);
    if (!same) {
      add('zip.name-mismatch', 'high', `Local header names "${utf8(lname)}" where the central directory says "${e.name}": tools disagree on what this member is`, hAt);
    }
    if (lmethod !== e.method) add('zip.method-mismatch', 'high', `Local and central headers of "${e.name}" disagree on the compression method (${lmethod} vs ${e.method})`, hAt);
    if ((lflags & 1) !== (e.flags & 1)) add('zip.encrypted-flag', 'high', `Local and central headers of "${e.name}" disagree on the encryption flag`, hAt);
    const dataAt = at();
    const role = layout.role(e.name);
    const raw = role === 'storage';
    const scanner = depth + 1 > limits.maxDepth ? undefined : nested(
      { path: `${ctx.path}!/${e.name}`, size: e.uncompressedSize },
      { ...opts, depth: depth + 1, baseOffset: e.method === 0 ? base + dataAt : 0, rawData: raw, torchDataPkl: role === 'data.pkl' });
    if (!scanner) unexamined('zip.depth', `Member "${e.name}" is nested deeper than ${limits.maxDepth} levels and was not examined`, hAt);
    const doCrc = !raw || e.uncompressedSize <= CRC_RAW_LIMIT;
    let crc = 0;
    let usize = 0;
    const out = (c: Uint8Array): void => {
      if (doCrc) crc = crc32(c, crc);
      usize += c.length;
      scanner?.push(c);
    };
    let piped: Uint8Array | undefined;
    if (e.method === 0) {
      piped = yield { pipe: e.compressedSize, to: out };
    } else if (e.method === 8) {
      const inf = new Inflater(out);
      piped = yield { pipe: e.compressedSize, to: (c) => inf.push(c) };
      if (piped) {
        inf.end();
        if (inf.error) unexamined('zip.bad-deflate', `Member "${e.name}" does not inflate: ${inf.error}`, dataAt);
        else if (inf.trailing.some((t) => t.length > 0)) add('zip.hidden-data', 'high', `Member "${e.name}" has bytes after its deflate stream`, dataAt);
      }
    } else {
      unexamined('zip.unsupported-method', `Member "${e.name}" uses compression method ${e.method}, which cannot be decompressed here`, dataAt);
      piped = yield { pipe: e.compressedSize };
    }
    if (scanner) {
      const o = scanner.end();
      outcomes.push(o);
      memberFormats.push({ name: e.name, formats: o.formats });
    }
    if (!piped) return unexamined('zip.truncated', `The file ends inside member "${e.name}"`, dataAt);
    if (e.method === 0 || e.method === 8) {
      if (usize !== e.uncompressedSize) add('zip.size-mismatch', 'high', `Member "${e.name}" holds ${usize} bytes but the directory says ${e.uncompressedSize}`, dataAt);
      else if (doCrc && crc !== e.crc) {
        add('zip.crc-mismatch', 'high', `Member "${e.name}" CRC-32 is ${crc.toString(16).padStart(8, '0')}, the directory says ${e.crc.toString(16).padStart(8, '0')} (torch loads it anyway; other tools refuse)`, dataAt);
      }
    }
  }

  function* walk(): Parser {
    let coveredTo = 0; // end of the last member's data
    let lastHadDescriptor = false;
    for (const e of order) {
      if (e.localOffset < coveredTo) {
        unexamined('zip.overlap', `Member "${e.name}" at ${e.localOffset} overlaps the previous member (ends at ${coveredTo}): its bytes were not scanned separately`, e.localOffset);
        continue;
      }
      const gap = e.localOffset - at();
      if (gap > 0) {
        // A data descriptor (12–24 bytes) legitimately follows members written with flag bit 3.
        const descriptor = lastHadDescriptor && gap <= 24;
        const r = yield { pipe: gap, to: descriptor ? undefined : gapSink(at() === 0 ? 'prepended' : 'between', at()) };
        closeGap();
        if (!r) return unexamined('zip.truncated', `The file ends before member "${e.name}"`, at());
      }
      yield* member(e);
      coveredTo = at();
      lastHadDescriptor = (e.flags & 8) !== 0;
      if (feeder.finished) return;
    }
    const toCd = cd.cdOffset - at();
    if (toCd > 0) {
      const descriptor = lastHadDescriptor && toCd <= 24;
      const r = yield { pipe: toCd, to: descriptor ? undefined : gapSink(order.length === 0 ? 'prepended' : 'before-directory', at()) };
      closeGap();
      if (!r) return unexamined('zip.truncated', 'The file ends before the central directory', at());
    }
    // Central directory and end records were read from the tail already; bytes after them were reported there.
    yield { rest: () => undefined };
  }

  const feeder: Feeder = new Feeder(walk());
  return {
    push: (c) => feeder.push(c),
    end() {
      feeder.end();
      closeGap();
      const merged = mergeOutcomes(outcomes);
      return {
        formats: layout.formats,
        findings: [...findings, ...merged.findings],
        complete: complete && merged.complete,
        details: { ...(merged.details ?? {}), zipEntries: cd.entries.length, zip64: cd.zip64, members: memberFormats.slice(0, 1000) }
      };
    }
  };
}
