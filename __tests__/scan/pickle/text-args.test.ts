// The text opcodes' arguments (protocol 0) parsed exactly as CPython's two unpicklers parse them: the C one behind
// pickle.load and torch.load, and the pure-Python one joblib.load uses. CPython itself (oracle.py) is the answer.
import { floatArg, intArg, longArg, memoKeyArg, stringArg, unicodeArg } from '../../../src/scan/pickle/text-args.js';
import { cpythonText } from './oracle.js';

const latin = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const digits = (n: number, d = '9'): string => d.repeat(n);

const INTS = [
  '0', '1', '00', '01', ' 0', '+1', '-0', '\t1', '\x0b1', '\x0c1', '\r1', '1\r', '1 ', ' 1 ', '10', '010', '0o10', '0x1f', '0X1F', '0x', '0x_1',
  '0b101', '0b', '1_000', '1__0', '_1', '1_', '00', '000', '0_0', '-', '+', '', '\0', '1\0x', '0\0', '12\0 34', 'abc', '1e3', '1.0', '9223372036854775807',
  '9223372036854775808', '-9223372036854775808', '-9223372036854775809', digits(4300), digits(4301), `0x${'f'.repeat(5000)}`, '1_0\0', '٣', '\xa01'
];
const LONGS = ['12L', '12 L', '12', 'L', '0L', '-5L', '0x10L', '5\0z', '5L\0', '12l', '1_0L', ' 7L', digits(4301) + 'L', '010L', '00L'];
const FLOATS = [
  '1.0', ' 1.0', '1.0 ', '1_0.5', '1e400', '-1e400', '1e-400', 'inf', '-inf', 'Infinity', 'infinit', 'nan', '-nan', 'NaN', '.5', '5.', '1e5', '1E+5',
  '0x10', '1.0\0zz', '1e', '.', '', '\0', '1.5j', '1__0.5', '_1.0', '1.0_', '\xa01.0', '1.0\r', '1,5', '+.5e-3', digits(400) + '.0'
];
const MEMO = ['0', '007', ' 3', '3 ', '1_0', '-1', '0x1', '3\0z', '', '9223372036854775808', '+2'];
const STRINGS = [`'a'`, `"a"`, `'a"`, `'`, `''`, `'\\x41'`, `'\\x4'`, `'\\q'`, `'\\777'`, `'\\0'`, `'\\12a'`, `'a\\'`, `'\\n\\t'`, `"it's"`, `'\xe9'`];
const UNICODES = ['abc', '\\u0041', '\\U0001F600', '\\u00', '\\U00110000', '\\\\u0041', '\\\\\\u0041', 'a\\b', '\xe9', '\\N{DASH}', '\\'];

interface Case { op: string; arg: string; mine: (py: boolean) => string | null }

const show = (v: unknown): string => (typeof v === 'bigint' ? v.toString() : typeof v === 'boolean' ? (v ? 'True' : 'False') : String(v));

const cases: Case[] = [
  ...INTS.map((arg) => ({ op: 'I', arg, mine: (py: boolean) => { const v = intArg(arg, py); return v === null ? null : show(v); } })),
  ...LONGS.map((arg) => ({ op: 'L', arg, mine: (py: boolean) => { const v = longArg(arg, py); return v === null ? null : show(v); } })),
  ...FLOATS.map((arg) => ({ op: 'F', arg, mine: (py: boolean) => (floatArg(arg, py) ? 'float' : null) })),
  ...STRINGS.map((arg) => ({ op: 'S', arg, mine: () => stringArg(arg) })),
  ...UNICODES.map((arg) => ({ op: 'V', arg, mine: () => unicodeArg(arg) }))
];

test('INT, LONG, FLOAT, STRING and UNICODE arguments: accepted, refused and valued as CPython does', () => {
  const oracle = cpythonText(cases.map((c) => latin(c.op + c.arg)));
  const diffs: string[] = [];
  cases.forEach((c, i) => {
    const o = oracle[i] as (typeof oracle)[number];
    for (const py of [false, true]) {
      const want = py ? o.py : o.c;
      const got = c.mine(py);
      // STRING's value is checked for acceptance only where CPython's ASCII decoding refuses non-ASCII bytes.
      const wantOk = want.ok || (c.op === 'S' && want.error === 'UnicodeDecodeError');
      if ((got !== null) !== wantOk) diffs.push(`${py ? 'py' : 'C'} ${c.op}${JSON.stringify(c.arg).slice(0, 40)}: CPython ${want.ok ? `reads ${want.value?.slice(0, 30)}` : `raises ${want.error}`}, we ${got === null ? 'refuse' : `read ${got.slice(0, 30)}`}`);
      else if (got !== null && want.ok && (c.op === 'I' || c.op === 'L')) {
        const value = want.value?.startsWith('0x') ? BigInt(want.value).toString() : want.value;
        if (got !== value) diffs.push(`${py ? 'py' : 'C'} ${c.op}${JSON.stringify(c.arg).slice(0, 40)}: CPython ${want.value?.slice(0, 30)}, we ${got.slice(0, 30)}`);
      } else if (got !== null && want.ok && c.op === 'V') {
        if (JSON.stringify(got) !== JSON.stringify(JSON.parse(want.value?.startsWith("'") || want.value?.startsWith('"') ? pyStr(want.value) : '""'))) diffs.push(`V${JSON.stringify(c.arg)}: value ${want.value} vs ${JSON.stringify(got)}`);
      }
    }
  });
  expect(diffs).toEqual([]);
});

test('GET/PUT keys: base 10 as CPython reads them', () => {
  // PUT the top of the stack under the key, then GET it back: both succeed only if both read the same key.
  const lines = MEMO.map((k) => latin(`N` + `p${k}\ng${k}`));
  const oracle = cpythonText(lines);
  const diffs: string[] = [];
  MEMO.forEach((k, i) => {
    for (const py of [false, true]) {
      const want = (py ? oracle[i]?.py : oracle[i]?.c) as { ok: boolean; error?: string };
      const got = memoKeyArg(k, py);
      const ok = got !== null && got >= 0;
      if (ok !== want.ok) diffs.push(`${py ? 'py' : 'C'} ${JSON.stringify(k)}: CPython ${want.ok ? 'reads it' : `raises ${want.error}`}, we ${ok ? `read ${got}` : 'refuse'}`);
    }
  });
  expect(diffs).toEqual([]);
});

/** A Python repr of a str, as JSON text (enough for the escapes repr uses here). */
function pyStr(r: string): string {
  const body = r.slice(1, -1).replace(/\\x([0-9a-f]{2})/g, '\\u00$1').replace(/\\U([0-9a-f]{8})/g, (_m, h: string) => {
    const cp = parseInt(h, 16);
    return JSON.stringify(String.fromCodePoint(cp)).slice(1, -1);
  }).replace(/\\'/g, "'").replace(/"/g, '\\"');
  return `"${body}"`;
}
