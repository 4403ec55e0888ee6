// tar (ustar, GNU, pax): headers are walked in the stream and each member's bytes go to a nested file scanner
// as they arrive. Covers the legacy torch tar layout (sys_info, pickle, storages, tensors: all scanned).
import { finding } from '../core/findings.js';
import type { Finding } from '../core/findings.js';
import type { FileContext, ScanOutcome, StreamScanner } from './types.js';
import { latin1, utf8 } from './bytes.js';
import { Feeder, type Parser } from './feeder.js';
import { limitsOf, mergeOutcomes, type FileScanOptions, type NestedScan } from './kit.js';
import { parseOctal } from './sniff.js';

function field(h: Uint8Array, at: number, len: number): string {
  const b = h.subarray(at, at + len);
  const z = b.indexOf(0);
  return latin1(z >= 0 ? b.subarray(0, z) : b);
}

function sizeField(h: Uint8Array): number | undefined {
  const f = h.subarray(124, 136);
  if (((f[0] as number) & 0x80) !== 0) {
    // GNU base-256: big-endian magnitude in the remaining bits.
    let v = (f[0] as number) & 0x7f;
    for (let i = 1; i < 12; i++) v = v * 256 + (f[i] as number);
    return Number.isSafeInteger(v) ? v : undefined;
  }
  return parseOctal(f) ?? (f.every((c) => c === 0 || c === 0x20) ? 0 : undefined);
}

export function isUnsafeMemberPath(name: string): boolean {
  const n = name.replace(/\\/g, '/');
  return n.startsWith('/') || /^[a-zA-Z]:/.test(n) || n.split('/').includes('..');
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
  const block = (check: string, message: string, offset: number): void => {
    complete = false;
    findings.push(finding(check, 'high', message, { file: ctx.path, offset: base + offset, help: 'The archive was not fully examined; do not approve it.' }));
  };
  const at = (): number => feeder.offset;

  function* parse(): Parser {
    let longName: string | undefined;
    let paxPath: string | undefined;
    for (;;) {
      const hAt = at();
      const h = yield { read: 512 };
      if (!h) return block('tar.truncated', 'Archive ends inside a header (no end-of-archive marker)', hAt);
      if (h.every((c) => c === 0)) {
        // End of archive; what follows should be zero padding.
        yield { rest: (c) => {
          if (!c.every((x) => x === 0) && !findings.some((f) => f.check === 'tar.trailing-bytes')) {
            findings.push(finding('tar.trailing-bytes', 'high', 'Data follows the end-of-archive marker (hidden from tar readers)', { file: ctx.path, offset: base + at() }));
          }
        } };
        return;
      }
      const stored = parseOctal(h.subarray(148, 156));
      let sum = 0;
      for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : (h[i] as number);
      if (stored !== sum) return block('tar.invalid', `Header checksum mismatch at ${hAt}`, hAt);
      const size = sizeField(h);
      if (size === undefined) return block('tar.invalid', `Unreadable member size at ${hAt}`, hAt);
      const type = String.fromCharCode(h[156] as number);
      const prefix = latin1(h.subarray(257, 262)) === 'ustar' ? field(h, 345, 155) : '';
      let name = longName ?? paxPath ?? (prefix ? `${prefix}/${field(h, 0, 100)}` : field(h, 0, 100));
      const padded = Math.ceil(size / 512) * 512;
      if (type === 'L' || type === 'x' || type === 'K') {
        if (size > 1024 * 1024) return block('tar.invalid', `Extended header of ${size} bytes`, hAt);
        const body = yield { read: padded };
        if (!body) return block('tar.truncated', 'Archive ends inside an extended header', hAt);
        const text = body.subarray(0, size);
        if (type === 'L') longName = field(text, 0, size);
        else if (type === 'x') {
          const m = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(utf8(text));
          if (m) paxPath = m[1];
        }
        continue;
      }
      longName = undefined;
      paxPath = undefined;
      if (type === 'g') {
        const r = yield { pipe: padded };
        if (!r) return block('tar.truncated', 'Archive ends inside a global header', hAt);
        continue;
      }
      if (isUnsafeMemberPath(name)) {
        findings.push(finding('tar.path-traversal', 'high', `Member "${name}" would be written outside the extraction folder`, { file: ctx.path, offset: base + hAt }));
      }
      if (type === '1' || type === '2') {
        findings.push(finding('tar.link', 'medium', `Member "${name}" is a ${type === '2' ? 'symbolic' : 'hard'} link to "${field(h, 157, 100)}"`, { file: ctx.path, offset: base + hAt }));
      }
      if (members.length >= limits.maxMembers) return block('tar.limit', `More than ${limits.maxMembers} members`, hAt);
      members.push(name);
      const regular = type === '0' || type === '\0' || type === '7';
      if (regular && size > 0) {
        name = name.replace(/^\.\//, '');
        const dataAt = at();
        const scanner = depth + 1 > limits.maxDepth ? undefined :
          nested({ path: `${ctx.path}!/${name}`, size }, { ...opts, depth: depth + 1, baseOffset: base + dataAt, rawData: false });
        if (!scanner) block('tar.depth', `Member "${name}" nested deeper than ${limits.maxDepth} levels was not examined`, hAt);
        const r = yield { pipe: size, to: (c) => scanner?.push(c) };
        if (scanner) {
          const o = scanner.end();
          outcomes.push(o);
          memberFormats.push({ name, formats: o.formats });
        }
        if (!r) return block('tar.truncated', `Archive ends inside member "${name}"`, dataAt);
        const pad = yield { pipe: padded - size };
        if (!pad) return block('tar.truncated', 'Archive ends inside padding', at());
      } else {
        const r = yield { pipe: padded };
        if (!r) return block('tar.truncated', `Archive ends inside member "${name}"`, at());
      }
    }
  }

  const feeder: Feeder = new Feeder(parse());
  return {
    push: (c) => feeder.push(c),
    end() {
      feeder.end();
      const merged = mergeOutcomes(outcomes);
      const formats = ['tar'];
      if (members.some((m) => /(^|\/)(sys_info|pickle|storages|tensors)$/.test(m)) && members.some((m) => /(^|\/)pickle$/.test(m))) formats.push('pytorch-legacy-tar');
      return { formats, findings: [...findings, ...merged.findings], complete: complete && merged.complete,
        details: { tarMembers: members.length, memberFormats: memberFormats.slice(0, 1000) } };
    }
  };
}
