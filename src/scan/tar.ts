// tar read as CPython's tarfile reads it (Lib/tarfile.py 3.11: TarFile.next, TarInfo.fromtarfile, _proc_member,
// _proc_gnulong, _proc_sparse, _proc_pax, _apply_pax_info, _FileInFile): headers are walked in the stream, and the
// bytes tarfile.extractfile would return for each member (regular files, unknown type flags, GNU and pax sparse
// files rebuilt with their holes, pax `size` overrides that reach past the next header) are routed to a nested
// file scanner as they arrive. The walk goes on past the end-of-archive marker the way `ignore_zeros=True` does,
// so members only that mode reads are scanned and reported. Covers the legacy torch tar layout (sys_info, pickle,
// storages, tensors: all scanned). Anything tarfile reads that cannot be followed here fails closed.
import { finding } from '../core/findings.js';
import type { Finding } from '../core/findings.js';
import type { FileContext, ScanOutcome, StreamScanner } from './types.js';
import { Feeder, type Parser } from './feeder.js';
import { limitsOf, mergeOutcomes, type FileScanOptions, type NestedScan } from './kit.js';
import { RangeRouter, type RangeReader } from './ranges.js';
import { nti, nts, parseTarHeader, pyIntDecimal, type TarHeader } from './tar-header.js';
import { trimEndOf } from '../core/text.js';

export function isUnsafeMemberPath(name: string): boolean {
  const n = name.replace(/\\/g, '/');
  return n.startsWith('/') || /^[a-zA-Z]:/.test(n) || n.split('/').includes('..');
}

/** tarfile's SUPPORTED_TYPES and REGULAR_TYPES. */
const SUPPORTED = new Set(['0', '\0', '1', '2', '5', '6', '7', '3', '4', 'L', 'K', 'S']);
const REGULAR = new Set(['0', '\0', '7', 'S']);
/** Extended headers and GNU long names larger than this are not followed (tarfile reads them whole). */
const MAX_EXTENDED = 16 * 1024 * 1024;
/** Header chains (L, K, x in front of a member) longer than this are not followed. */
const MAX_CHAIN = 64;
const BLOCK = 512n;

const block = (n: bigint): bigint => {
  // tarfile's _block: divmod rounding up, also for negative counts.
  const q = n >= 0n ? n / BLOCK : -((-n + BLOCK - 1n) / BLOCK);
  const r = n - q * BLOCK;
  return (q + (r !== 0n ? 1n : 0n)) * BLOCK;
};

interface Member {
  name: string;
  type: string;
  size: bigint;
  linkname: string;
  offsetData: number;
  /** Where the walk reads the next header. */
  next: number;
  sparse?: [bigint, bigint][];
  pax: Map<string, string>;
}

class TarFailure extends Error {
  constructor(readonly check: string, message: string) {
    super(message);
  }
}

/** Feeds a nested scanner the bytes tarfile's _FileInFile returns: stored data, and zeros for sparse holes. */
function dataReader(size: number, sparse: [number, number][] | undefined, sink: (c: Uint8Array) => void, onEnd: (complete: boolean) => void): RangeReader & { stored: number } {
  // The map as _FileInFile builds it: holes as zeros, data segments read one after another from offset_data.
  const map: { data: boolean; len: number }[] = [];
  let stored = 0;
  if (!sparse) map.push({ data: true, len: size });
  else {
    let last = 0;
    for (const [off, len] of sparse) {
      if (off > last) map.push({ data: false, len: off - last });
      map.push({ data: true, len });
      stored += len;
      last = off + len;
    }
    if (last < size) map.push({ data: false, len: size - last });
  }
  if (!sparse) stored = size;
  let idx = 0;
  let left = map[0]?.len ?? 0;
  let produced = 0;
  const ZERO = new Uint8Array(64 * 1024);
  const holes = (): void => {
    while (idx < map.length && produced < size) {
      const seg = map[idx] as { data: boolean; len: number };
      if (seg.data && left > 0) return;
      if (!seg.data) {
        while (left > 0 && produced < size) {
          const n = Math.min(left, ZERO.length, size - produced);
          sink(ZERO.subarray(0, n));
          left -= n;
          produced += n;
        }
      }
      idx++;
      left = map[idx]?.len ?? 0;
    }
  };
  let ended = false;
  const reader = {
    stored,
    push(c: Uint8Array): number {
      holes();
      let used = 0;
      while (used < c.length && idx < map.length && produced < size) {
        const seg = map[idx] as { data: boolean; len: number };
        if (!seg.data) { holes(); continue; }
        const n = Math.min(left, c.length - used, size - produced);
        if (n > 0) sink(c.subarray(used, used + n));
        used += n;
        left -= n;
        produced += n;
        if (left === 0) { idx++; left = map[idx]?.len ?? 0; holes(); }
        if (n === 0) break;
      }
      if (produced >= size || idx >= map.length) {
        if (!ended) { ended = true; onEnd(true); }
        return used;
      }
      return used;
    },
    end(): void {
      if (ended) return;
      holes();
      ended = true;
      onEnd(produced >= size);
    }
  };
  if (size === 0 || (sparse && stored === 0)) {
    holes();
    ended = true;
    onEnd(true);
  }
  return reader;
}

export function createTarScanner(ctx: FileContext, opts: FileScanOptions, nested: NestedScan): StreamScanner {
  const limits = limitsOf(opts);
  const base = opts.baseOffset ?? 0;
  const depth = opts.depth ?? 0;
  const findings: Finding[] = [];
  const outcomes: ScanOutcome[] = [];
  const members: string[] = [];
  const memberFormats: { name: string; formats: string[] }[] = [];
  let complete = true;
  const fail = (check: string, message: string, offset: number): void => {
    complete = false;
    findings.push(finding(check, 'high', message, { file: ctx.path, offset: base + offset, help: 'The archive was not fully examined; do not approve it.' }));
  };
  const note = (check: string, severity: Finding['severity'], message: string, offset: number): void => {
    if (findings.some((f) => f.check === check && f.offset === base + offset)) return;
    findings.push(finding(check, severity, message, { file: ctx.path, offset: base + offset }));
  };
  const router = new RangeRouter(64);
  let totalOut = 0;
  const at = (): number => feeder.offset;

  /** Global pax headers (tarfile.pax_headers), in insertion order like a Python dict. */
  const globalPax = new Map<string, string>();

  const applyPax = (m: { name: string; size: bigint; linkname: string }, pax: Map<string, string>): void => {
    for (const [k, v] of pax) {
      if (k === 'GNU.sparse.name') m.name = v;
      else if (k === 'GNU.sparse.size' || k === 'GNU.sparse.realsize') {
        const n = pyIntDecimal(v);
        if (n === undefined) throw new TarFailure('tar.invalid', `pax ${k}=${JSON.stringify(v)} makes tarfile raise ValueError`);
        m.size = n;
      } else if (k === 'size') m.size = pyIntDecimal(v) ?? 0n;
      else if (k === 'path') m.name = trimEndOf(v, '/');
      else if (k === 'linkpath') m.linkname = v;
    }
  };

  /** _proc_pax: the records of one extended header into `pax`. */
  const parsePax = (buf: Uint8Array, pax: Map<string, string>, hAt: number): void => {
    const dec = new TextDecoder('utf-8', { fatal: false });
    let pos = 0;
    for (;;) {
      // re.match(br"(\d+) ([^=]+)=", buf, pos)
      let i = pos;
      while (i < buf.length && (buf[i] as number) >= 0x30 && (buf[i] as number) <= 0x39) i++;
      if (i === pos || buf[i] !== 0x20) break;
      const eq = buf.indexOf(0x3d, i + 1);
      if (eq <= i + 1) break;
      const length = Number(dec.decode(buf.subarray(pos, i)));
      if (length === 0) throw new TarFailure('invalid', `pax record of length 0 at ${hAt}`);
      const keyword = dec.decode(buf.subarray(i + 1, eq));
      const value = dec.decode(buf.subarray(eq + 1, Math.max(eq + 1, pos + length - 1)));
      pax.set(keyword, value);
      pos += length;
    }
  };

  /**
   * TarInfo.fromtarfile from the header just read: follows L/K/x/g/X/S chains like tarfile and returns the member
   * it yields. Throws TarFailure('invalid') where tarfile raises InvalidHeaderError for this header, and
   * TarFailure('subsequent') where a later header of the chain fails (tarfile: ReadError).
   */
  function* fromtarfile(buf: Uint8Array, hAt: number, chain: number): Generator<{ read: number }, Member | 'eof', Uint8Array | undefined> {
    const r = parseTarHeader(buf);
    if (r.kind === 'eof') return 'eof';
    if (r.kind === 'invalid') throw new TarFailure('invalid', r.reason);
    const h: TarHeader = r.h;
    if (chain > MAX_CHAIN) throw new TarFailure('tar.invalid', `More than ${MAX_CHAIN} extended headers in a row at ${hAt}`);
    const readBlock = function* (n: bigint, what: string): Generator<{ read: number }, Uint8Array, Uint8Array | undefined> {
      if (n < 0n) throw new TarFailure('tar.invalid', `${what} at ${hAt} has a negative size`);
      if (n > BigInt(MAX_EXTENDED)) throw new TarFailure('tar.invalid', `${what} at ${hAt} is ${n} bytes, larger than ${MAX_EXTENDED}`);
      const got = yield { read: Number(n) };
      if (!got) throw new TarFailure('tar.truncated', `Archive ends inside ${what} at ${hAt}`);
      return got;
    };
    const nextHeader = function* (): Generator<{ read: number }, Member, Uint8Array | undefined> {
      const nAt = at();
      const nb = yield { read: 512 };
      if (!nb) throw new TarFailure('tar.truncated', `Archive ends where the header after ${hAt} should be`);
      try {
        const m = yield* fromtarfile(nb, nAt, chain + 1);
        if (m === 'eof') throw new TarFailure('subsequent', 'end of file header');
        return m;
      } catch (e) {
        if (e instanceof TarFailure && (e.check === 'invalid' || e.check === 'subsequent')) {
          throw new TarFailure('subsequent', `the header after the extended header at ${hAt} is invalid (${e.message}): tarfile raises ReadError`);
        }
        throw e;
      }
    };
    if (h.type === 'L' || h.type === 'K') {
      const data = yield* readBlock(block(h.size), 'a GNU long name');
      const next = yield* nextHeader();
      if (h.type === 'L') next.name = nts(data);
      else next.linkname = nts(data);
      if (next.type === '5') next.name = next.name.replace(/\/$/, '');
      return next;
    }
    if (h.type === 'S' && h.sparse) {
      const structs = [...h.sparse.structs];
      let ext = h.sparse.extended;
      while (ext) {
        const b = yield { read: 512 };
        if (!b) throw new TarFailure('tar.truncated', `Archive ends inside the sparse map of ${hAt}`);
        for (let i = 0, pos = 0; i < 21; i++, pos += 24) {
          const o = nti(b.subarray(pos, pos + 12));
          const n = nti(b.subarray(pos + 12, pos + 24));
          if (o === undefined || n === undefined) throw new TarFailure('tar.invalid', `Unreadable sparse map entry after ${hAt}: tarfile raises here`);
          if (o !== 0n && n !== 0n) structs.push([o, n]);
        }
        ext = b[504] !== 0;
      }
      const offsetData = at();
      const m: Member = { name: h.name, type: 'S', size: h.sparse.origsize, linkname: h.linkname, offsetData, next: 0, sparse: structs, pax: new Map(globalPax) };
      const nxt = BigInt(offsetData) + block(h.size);
      if (nxt < BigInt(offsetData)) throw new TarFailure('tar.invalid', `Member at ${hAt} has a negative size`);
      m.next = Number(nxt);
      return m;
    }
    if (h.type === 'x' || h.type === 'g' || h.type === 'X') {
      const buf2 = yield* readBlock(block(h.size), 'a pax header');
      const pax = h.type === 'g' ? globalPax : new Map(globalPax);
      parsePax(buf2.subarray(0, Math.min(buf2.length, Number(h.size < 0n ? 0n : h.size))), pax, hAt);
      const next = yield* nextHeader();
      // GNU sparse in pax form.
      if (pax.has('GNU.sparse.map')) {
        const nums = (pax.get('GNU.sparse.map') as string).split(',').map((x) => pyIntDecimal(x));
        if (nums.some((x) => x === undefined)) throw new TarFailure('tar.invalid', `Unreadable GNU.sparse.map at ${hAt}: tarfile raises ValueError`);
        next.sparse = [];
        for (let i = 0; i + 1 < nums.length; i += 2) next.sparse.push([nums[i] as bigint, nums[i + 1] as bigint]);
      } else if (pax.has('GNU.sparse.size')) {
        const text = new TextDecoder('latin1').decode(buf2);
        const offs = [...text.matchAll(/(?<!\d)\d+ GNU\.sparse\.offset=(\d+)\n/g)].map((x) => BigInt(x[1] as string));
        const nbs = [...text.matchAll(/(?<!\d)\d+ GNU\.sparse\.numbytes=(\d+)\n/g)].map((x) => BigInt(x[1] as string));
        next.sparse = offs.slice(0, Math.min(offs.length, nbs.length)).map((o, i) => [o, nbs[i] as bigint]);
      } else if (pax.get('GNU.sparse.major') === '1' && pax.get('GNU.sparse.minor') === '0') {
        // The map is in the data area, one decimal number a line, in whole blocks.
        let text = '';
        const nums: bigint[] = [];
        let fields: bigint | undefined;
        for (let guard = 0; guard < 4096; guard++) {
          const b = yield { read: 512 };
          if (!b) throw new TarFailure('tar.truncated', `Archive ends inside the sparse map after ${hAt}`);
          text += new TextDecoder('latin1').decode(b);
          const lines = text.split('\n');
          text = lines.pop() as string;
          for (const l of lines) {
            const v = pyIntDecimal(l);
            if (v === undefined) throw new TarFailure('tar.invalid', `Unreadable sparse map line after ${hAt}: tarfile raises ValueError`);
            if (fields === undefined) fields = v;
            else nums.push(v);
          }
          if (fields !== undefined && BigInt(nums.length) >= fields * 2n) break;
        }
        if (fields === undefined || BigInt(nums.length) < fields * 2n) throw new TarFailure('tar.invalid', `Sparse map after ${hAt} too long to follow`);
        next.sparse = [];
        for (let i = 0; i + 1 < Number(fields) * 2; i += 2) next.sparse.push([nums[i] as bigint, nums[i + 1] as bigint]);
        next.offsetData = at();
      }
      if (h.type === 'x' || h.type === 'X') {
        applyPax(next, pax);
        next.pax = pax;
        if (pax.has('size')) {
          const readsData = REGULAR.has(next.type) || !SUPPORTED.has(next.type);
          next.next = Number(BigInt(next.offsetData) + (readsData ? block(next.size) : 0n));
        }
      }
      return next;
    }
    // _proc_builtin: the data is skipped only for regular and unknown types; then global pax applies.
    const offsetData = at();
    const readsData = REGULAR.has(h.type) || !SUPPORTED.has(h.type);
    const m: Member = { name: h.name, type: h.type, size: h.size, linkname: h.linkname, offsetData, next: 0, pax: new Map(globalPax) };
    const nxt = BigInt(offsetData) + (readsData ? block(h.size) : 0n);
    if (nxt < BigInt(hAt) + 512n) throw new TarFailure('tar.invalid', `Member at ${hAt} has a negative size: tarfile loops on it`);
    m.next = Number(nxt);
    applyPax(m, globalPax);
    if (m.type === '5') m.name = trimEndOf(m.name, '/');
    if (!readsData && h.size > 0n) {
      note('tar.nonregular-size', 'high', `Member "${m.name}" (type ${JSON.stringify(h.type)}) declares ${h.size} bytes that tarfile does not skip: tarfile reads them as headers, other tar readers skip them`, hAt);
    }
    return m;
  }

  /** Routes one member's data (what extractfile returns) to a nested scanner. */
  const readMember = (m: Member, hidden: boolean): void => {
    const readsData = REGULAR.has(m.type) || !SUPPORTED.has(m.type);
    if (!readsData) return;
    const size = m.size;
    if (size <= 0n) return;
    if (size > BigInt(limits.maxDecompressedBytes)) return fail('tar.limit', `Member "${m.name}" is ${size} bytes, past the ${limits.maxDecompressedBytes}-byte limit`, m.offsetData);
    let sparse: [number, number][] | undefined;
    if (m.sparse) {
      sparse = [];
      let last = 0n;
      for (const [o, n] of m.sparse) {
        if (n === 0n) continue; // tarfile maps it to nothing
        if (o < last || n < 0n || o + n > size) return fail('tar.sparse', `Member "${m.name}" has a sparse map tarfile reads out of order or past its size: not followed`, m.offsetData);
        sparse.push([Number(o), Number(n)]);
        last = o + n;
      }
    }
    totalOut += Number(size);
    if (totalOut > limits.maxDecompressedBytes) return fail('tar.limit', `The archive's members add up to more than ${limits.maxDecompressedBytes} bytes`, m.offsetData);
    const name = m.name.replace(/^\.\//, '');
    const scanner = depth + 1 > limits.maxDepth ? undefined :
      nested({ path: `${ctx.path}!/${name}`, size: Number(size) }, { ...opts, depth: depth + 1, baseOffset: sparse ? 0 : base + m.offsetData, rawData: false });
    if (!scanner) return fail('tar.depth', `Member "${name}" nested deeper than ${limits.maxDepth} levels was not examined`, m.offsetData);
    const reader = dataReader(Number(size), sparse, (c) => scanner.push(c), (ok) => {
      const o = scanner.end();
      outcomes.push(o);
      memberFormats.push({ name, formats: o.formats });
      if (!ok) fail('tar.truncated', `Archive ends inside member "${name}"`, m.offsetData);
    });
    if (hidden) note('tar.hidden-member', 'high', `Member "${name}" lies after the end-of-archive marker: only readers with ignore_zeros=True (and tools that skip bad blocks) extract it`, m.offsetData);
    if (reader.stored > 0 && !router.add(m.offsetData, reader)) fail('tar.limit', `Too many overlapping members at ${m.offsetData}`, m.offsetData);
  };

  function* walk(): Parser {
    let offset = 0;
    /** Set once tarfile (default options) would have stopped: what follows is read only with ignore_zeros. */
    let stoppedAt: number | undefined;
    let trailing = false;
    for (;;) {
      if (offset > at()) {
        const r = yield { pipe: offset - at() };
        if (!r) {
          if (stoppedAt === undefined) fail('tar.truncated', 'Archive ends inside a member (no end-of-archive marker)', at());
          return;
        }
      } else if (offset < at()) {
        return fail('tar.invalid', `The next header at ${offset} lies before bytes already read (${at()}): not followed`, offset);
      }
      const hAt = at();
      const h = yield { read: 512 };
      if (!h) {
        if (stoppedAt === undefined && hAt === 0) fail('tar.invalid', 'Empty or truncated tar', 0);
        else if (stoppedAt === undefined) fail('tar.truncated', 'Archive ends inside a header (no end-of-archive marker)', hAt);
        return;
      }
      let m: Member | 'eof';
      try {
        m = yield* fromtarfile(h, hAt, 0);
      } catch (e) {
        if (!(e instanceof TarFailure)) throw e;
        if (e.check === 'invalid') {
          if (hAt === 0 && stoppedAt === undefined) {
            // tarfile.open refuses it, unless ignore_zeros=True, which skips the block and reads on.
            stoppedAt = 0;
            trailing = true;
            fail('tar.invalid', `The first header is invalid (${e.message}): tarfile refuses the archive unless ignore_zeros=True, which reads what follows (scanned)`, 0);
          }
          if (stoppedAt === undefined) {
            // Before any end marker: tarfile silently ends the archive here, GNU tar skips the block and goes on.
            stoppedAt = hAt;
            trailing = true;
            fail('tar.invalid', `Header at ${hAt} is invalid (${e.message}): tarfile ends the archive there, other readers skip it and go on; what follows was scanned as those readers see it`, hAt);
          }
          if (!h.every((c) => c === 0) && !trailing) {
            trailing = true;
            note('tar.trailing-bytes', 'high', `Data follows the end of the archive at ${hAt} (tarfile stops at an invalid header; hidden from tar readers)`, hAt);
          }
          offset = hAt + 512;
          if (at() > offset) return fail('tar.invalid', `An invalid extended header at ${hAt}: the blocks after it were not followed`, hAt);
          continue;
        }
        if (e.check === 'subsequent') return fail('tar.invalid', e.message, hAt);
        return fail(e.check, e.message, hAt);
      }
      if (m === 'eof') {
        if (stoppedAt === undefined) stoppedAt = hAt;
        offset = hAt + 512;
        continue;
      }
      if (members.length >= limits.maxMembers) return fail('tar.limit', `More than ${limits.maxMembers} members`, hAt);
      members.push(m.name);
      if (isUnsafeMemberPath(m.name)) note('tar.path-traversal', 'high', `Member "${m.name}" would be written outside the extraction folder`, hAt);
      if (m.type === '1' || m.type === '2') note('tar.link', 'medium', `Member "${m.name}" is a ${m.type === '2' ? 'symbolic' : 'hard'} link to "${m.linkname}"`, hAt);
      if (!SUPPORTED.has(m.type)) note('tar.unknown-type', 'medium', `Member "${m.name}" has type flag ${JSON.stringify(m.type)}: tarfile treats it as a regular file (scanned), other tools skip it`, hAt);
      const dataEnd = BigInt(m.offsetData) + (m.sparse ? m.sparse.reduce((s, [, n]) => s + n, 0n) : m.size);
      if (m.next < dataEnd && (REGULAR.has(m.type) || !SUPPORTED.has(m.type)) && m.size > 0n) {
        note('tar.size-override', 'high', `Member "${m.name}" is read as ${m.size} bytes, past where the next header is (${m.next}): a pax size or sparse map makes readers disagree`, hAt);
      }
      readMember(m, stoppedAt !== undefined);
      offset = m.next;
    }
  }

  const feeder: Feeder = new Feeder(walk());
  return {
    push(c) {
      feeder.push(c);
      router.push(c);
    },
    end() {
      feeder.end();
      router.end();
      const merged = mergeOutcomes(outcomes);
      const formats = ['tar'];
      if (members.some((m) => /(^|\/)(sys_info|pickle|storages|tensors)$/.test(m)) && members.some((m) => /(^|\/)pickle$/.test(m))) formats.push('pytorch-legacy-tar');
      return { formats, findings: [...findings, ...merged.findings], complete: complete && merged.complete,
        details: { tarMembers: members.length, memberFormats: memberFormats.slice(0, 1000) } };
    }
  };
}
