// Every place a loader takes a chat template from, read the way the loader reads it: GGUF metadata keys
// (llama.cpp, llama-cpp-python), and the configuration documents and files transformers loads with Python's json
// (a string, a list of {name, template}, a {name: template} object; chat_template.json, processor configs,
// chat_template.jinja, additional_chat_templates/). Documents Python's json accepts beyond RFC 8259 included.
import { readFileSync } from 'node:fs';
import { createFileScanner } from '../../src/scan/file-scanner.js';
import type { ScanOutcome } from '../../src/scan/types.js';
import { verdictOf } from '../../src/core/findings.js';
import { checks, enc, gguf, scanBytes } from './support/fixtures.js';
import { findingsFor } from '../checks/content/repo.js';

const EVIL = "{{ cycler.__init__.__globals__.os.popen('id').read() }}";
const BENIGN = "{% for m in messages %}{{ '<|' + m['role'] + '|>\\n' + m['content'] + eos_token }}{% endfor %}";
const POC = readFileSync('__tests__/fixtures/templates/attacks/cve-2024-34359-llama-cpp-python-poc.jinja', 'utf8');
const injection = (o: { findings: { check: string; severity: string }[] }): boolean => o.findings.some((f) => f.check === 'template.injection' && f.severity === 'critical');
const json = (v: unknown): Uint8Array => enc(JSON.stringify(v));

describe('GGUF chat templates', () => {
  test('CVE-2024-34359 (GHSA-56xg-wfcc-g829): the published llama-cpp-python template is critical, at its offset, in any chunking', () => {
    const g = gguf([['general.architecture', 'str', 'llama'], ['tokenizer.chat_template', 'str', POC]], 2);
    for (const chunk of [1, 7, 4096]) {
      const o = scanBytes(g, 'model.Q4_K_M.gguf', { chunk });
      const f = o.findings.find((x) => x.check === 'template.injection');
      expect(f?.severity).toBe('critical');
      expect(f?.help).toMatch(/CVE-2024-34359/);
      expect(f?.offset).toBe(Buffer.from(g).indexOf(Buffer.from(POC)) - 8); // the string's length field
    }
  });

  test('named templates (tokenizer.chat_template.<name>) are read too', () => {
    const o = scanBytes(gguf([['tokenizer.chat_template', 'str', BENIGN], ['tokenizer.chat_template.tool_use', 'str', EVIL]]), 'm.gguf');
    expect(injection(o)).toBe(true);
  });

  test('a template the parser cannot read leaves the file unexamined', () => {
    const o = scanBytes(gguf([['tokenizer.chat_template', 'str', '{% raw %}{{ x }}{% endraw %}']]), 'm.gguf');
    expect(checks(o)).toContain('template.unparsed');
    expect(o.complete).toBe(false);
  });
});

describe('tokenizer and processor configurations', () => {
  test.each([
    ['string', (t: string) => ({ chat_template: t })],
    ['list of {name, template}', (t: string) => ({ chat_template: [{ name: 'default', template: BENIGN }, { name: 'tool_use', template: t }] })],
    ['{name: template} object', (t: string) => ({ chat_template: { default: BENIGN, rag: t } })]
  ])('chat_template as a %s', (_form, doc) => {
    expect(injection(scanBytes(json(doc(EVIL)), 'tokenizer_config.json'))).toBe(true);
    const o = scanBytes(json(doc(BENIGN)), 'tokenizer_config.json');
    expect(verdictOf(o.findings)).toBe('approved');
    expect(o.complete).toBe(true);
  });

  test.each(['processor_config.json', 'preprocessor_config.json', 'chat_template.json'])('%s carries templates the same way', (name) => {
    expect(injection(scanBytes(json({ chat_template: EVIL }), name))).toBe(true);
  });

  test('the special tokens the configuration defines are the values the template sees', () => {
    expect(injection(scanBytes(json({ eos_token: '__class__', chat_template: '{{ messages[eos_token] }}' }), 'tokenizer_config.json'))).toBe(true);
    expect(injection(scanBytes(json({ bos_token: { content: '__globals__', __type: 'AddedToken' }, chat_template: '{{ lipsum|attr(bos_token) }}' }), 'tokenizer_config.json'))).toBe(true);
    expect(verdictOf(scanBytes(json({ eos_token: '</s>', chat_template: '{{ messages[eos_token] }}' }), 'tokenizer_config.json').findings)).toBe('approved');
  });

  test('a key spelled with escapes (chat\\u005ftemplate) is the same key to json.loads', () => {
    expect(injection(scanBytes(enc(`{"chat\\u005ftemplate": ${JSON.stringify(EVIL)}}`), 'tokenizer_config.json'))).toBe(true);
  });
});

describe("documents Python's json accepts and RFC 8259 does not (the differential campaign's json classes)", () => {
  test.each([
    ['Infinity (reproducer json_mg_text_json.bin)', '{"":Infinity,"chat_template":"{{__globals__}}"}'],
    ['NaN', `{"model_max_length": NaN, "chat_template": ${JSON.stringify(EVIL)}}`],
    ['-Infinity', `{"x": -Infinity, "chat_template": ${JSON.stringify(EVIL)}}`],
    ['a lone surrogate escape', `{"pad": "\\ud800", "chat_template": ${JSON.stringify(EVIL)}}`],
    ['a 2,000-digit integer', `{"n": ${'9'.repeat(2000)}, "chat_template": ${JSON.stringify(EVIL)}}`],
    ['nesting 900 deep', `{"chat_template": ${JSON.stringify(EVIL)}, "x": ${'['.repeat(900)}${']'.repeat(900)}}`],
    ['the dict form (reproducer json_mg_json_json.bin)', '{"chat_template":{"":"{{__globals__}}"}}'],
    ['a duplicate key: Python keeps the last', `{"chat_template": "{{ messages }}", "chat_template": ${JSON.stringify(EVIL)}}`]
  ])('%s', (_name, text) => {
    const o = scanBytes(enc(text), 'tokenizer_config.json');
    expect(injection(o)).toBe(true);
    expect(o.formats).toContain('json');
  });

  // The JSON reader is iterative (src/analyze/json.ts): any nesting is followed, so the template beside 1,500 nested
  // arrays is examined (CPython's json would stop at its recursion limit and transformers would load nothing).
  test('a document nested past Python\'s recursion limit is still read to its chat_template', () => {
    const deep = `${'['.repeat(1500)}${']'.repeat(1500)}`;
    const evil = scanBytes(enc(`{"x": ${deep}, "chat_template": ${JSON.stringify(EVIL)}}`), 'tokenizer_config.json');
    expect(checks(evil).some((c) => c.startsWith('template.'))).toBe(true);
    const benign = scanBytes(enc(`{"chat_template": ${JSON.stringify(BENIGN)}, "x": ${deep}}`), 'tokenizer_config.json');
    expect(benign.complete).toBe(true);
    expect(checks(benign).filter((c) => c.startsWith('template.'))).toEqual([]);
  });

  test('what Python rejects too stays plain text (a trailing comma)', () => {
    const o = scanBytes(enc(`{"chat_template": ${JSON.stringify(EVIL)},}`), 'tokenizer_config.json');
    expect(o.formats).toEqual(['text']);
  });
});

describe('documents too large to parse', () => {
  const scanLimited = (bytes: Uint8Array): ScanOutcome => {
    const s = createFileScanner({ path: 'tokenizer_config.json', size: bytes.length }, { limits: { maxJsonBytes: 1024 } });
    for (let i = 0; i < bytes.length; i += 100) s.push(bytes.slice(i, i + 100));
    return s.end();
  };
  const pad = 'x'.repeat(4000);

  test('fail closed when they name chat_template, raw or spelled with \\u escapes, across chunk boundaries', () => {
    for (const key of ['chat_template', 'chat\\u005ftemplate', '\\u0063hat_template', 'chat_templat\\u0065']) {
      const o = scanLimited(enc(`{"pad": "${pad}", "${key}": "x"}`));
      expect(checks(o)).toContain('template.too-large');
      expect(o.complete).toBe(false);
    }
  });

  test('pass when they cannot hold one (a large vocabulary)', () => {
    const o = scanLimited(enc(`{"pad": "${pad}", "vocab": {"\\u0120the": 1, "\\u00e9": 2}}`));
    expect(o.findings).toEqual([]);
    expect(o.complete).toBe(true);
  });
});

describe('template files transformers loads (chat_template.jinja, additional_chat_templates/)', () => {
  test('the }}-split bypass: a }} inside a string literal no longer ends the code', () => {
    const t = "{{ '}}' ~ ''.__class__.__mro__[1].__subclasses__() }}";
    expect(injection({ findings: findingsFor({ 'chat_template.jinja': t }) })).toBe(true);
    expect(injection({ findings: findingsFor({ 'additional_chat_templates/tool_use.jinja': t }) })).toBe(true);
  });

  test('a template file too large to keep is not examined and says so', () => {
    const big = `{# ${'x'.repeat(1024 * 1024)} #}${BENIGN}`;
    const f = findingsFor({ 'chat_template.jinja': big }).find((x) => x.check === 'template.too-large');
    expect(f?.severity).toBe('high');
  });
});
