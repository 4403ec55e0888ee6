// The Unicode-property patterns that guard output (terminal, JSON) and pickle module paths are built only when a
// text is not printable ASCII (building them loads ICU's tables at every start of a scan). The ASCII fast paths
// must answer exactly as the patterns they stand in front of: held here against those patterns, as they were
// written before the fast paths, on random strings mixing printable ASCII, controls, C1, format characters,
// separators, lone surrogates and letters, marks and digits from other scripts.
import { terminalSafe } from '../../src/cli/io.js';
import { safeJson, sanitize } from '../../src/report/escape.js';
import { isModulePath } from '../../src/scan/pickle/vm.js';

const MODULE_PATH = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*(?:\.[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*)*$/u;
const TERMINAL_UNSAFE = /\u001b\[[0-9;]*m|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;
const JSON_UNSAFE = /[\x7f-\x9f\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;
const NEEDS_WORK = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;

const POOL = [
  'a', 'Z', '_', '.', '0', '9', ' ', '~', '[', 'm', ';', '\x1b', '\t', '\n', '\r', '\x00', '\x7f', '\x85', '\x9f',
  '\u00e9', '\u0663', '\u0301', '\u0903', '\u2160', '\u203f', '\u200b', '\u202e', '\u2028', '\u2029', '\ufeff',
  '\ud800', '\udc00', '\u{1d400}', '\u{e0041}', '\u4e2d', '\u00a0'
];

function randomStrings(n: number, seed: number): string[] {
  let x = seed;
  const next = (): number => {
    x = (x * 1103515245 + 12345) >>> 0;
    return x;
  };
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const len = next() % 12;
    // Half of them printable ASCII only, the fast path's side.
    const ascii = next() % 2 === 0;
    let s = '';
    for (let k = 0; k < len; k++) {
      const pool = ascii ? POOL.slice(0, 10) : POOL;
      s += pool[next() % pool.length];
    }
    out.push(s);
  }
  return out;
}

const STRINGS = [...randomStrings(20_000, 7), 'torch._utils', 'os.system', 'a..b', '.a', 'a.', '_', '9a', 'collections.OrderedDict',
  '\u00e9t\u00e9.module', 'a\u0301b', '\u2160x', 'x\u203fy', 'x\u200by', ''];

test('pickle module paths: the ASCII pattern and the Unicode one answer as the Unicode pattern alone', () => {
  const differ = STRINGS.filter((s) => isModulePath(s) !== MODULE_PATH.test(s));
  expect(differ).toEqual([]);
  // Both sides were exercised.
  expect(STRINGS.filter((s) => isModulePath(s)).length).toBeGreaterThan(100);
  expect(STRINGS.filter((s) => isModulePath(s) && /[^\0-\x7f]/.test(s)).length).toBeGreaterThanOrEqual(4);
});

test('terminalSafe and safeJson change exactly what the Unicode patterns match', () => {
  const shown = (m: string): string => (m.length > 1 && m.charCodeAt(0) === 0x1b ? m : `\\u{${(m.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}}`);
  const json = (v: unknown): string => JSON.stringify(v).replace(JSON_UNSAFE, (ch) =>
    Array.from({ length: ch.length }, (_, i) => `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`).join(''));
  expect(STRINGS.filter((s) => terminalSafe(s) !== s.replace(TERMINAL_UNSAFE, shown))).toEqual([]);
  expect(STRINGS.filter((s) => safeJson({ s }) !== json({ s }))).toEqual([]);
});

test('sanitize leaves alone exactly the texts the Unicode pattern finds nothing in', () => {
  const long = 1000;
  for (const s of STRINGS) {
    const out = sanitize(s, { max: long });
    if (!NEEDS_WORK.test(s)) expect(out).toBe(s);
    else expect(out).not.toBe(s);
  }
});
