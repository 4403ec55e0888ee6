// Chat templates judged on a syntax tree. Oracles: the corpus is real templates (the end-to-end tests of
// @huggingface/jinja, chujiezheng/chat_templates: scripts/fixtures/chat-templates.mjs) and published attack shapes
// (attacks/expected.json names what each closes); oracle.json is what Python's Jinja2 (the renderer transformers and
// llama-cpp-python use) makes of every one of them (scripts/fixtures/chat-templates-oracle.py: Environment.parse
// only). No template is rendered here or there.
import { readdirSync, readFileSync } from 'node:fs';
import { analyzeChatTemplate } from '../../src/analyze/template.js';
import { parseTemplate, walk, type FilterExpression, type Identifier, type JNode, type Literal, type MemberExpression, type SetStatement } from '../../src/analyze/jinja/ast.js';
import { filterParts } from '../../src/analyze/jinja/fold.js';
import { verdictOf } from '../../src/core/findings.js';

const DIR = '__tests__/fixtures/templates';
const read = (f: string): string => readFileSync(`${DIR}/${f}`, 'utf8');
interface Facts { parses: boolean; error?: string; attrs?: string[]; items?: string[]; filters?: string[]; tests?: string[]; names?: string[] }
const oracle = JSON.parse(read('oracle.json')) as { jinja2: string; templates: Record<string, Facts> };
const expected = JSON.parse(read('attacks/expected.json')) as Record<string, { check: string; severity: string; closes: string }>;
const jinjaFiles = (sub: string): string[] => readdirSync(`${DIR}/${sub}`).filter((f) => f.endsWith('.jinja')).sort();

const analyze = (t: string) => analyzeChatTemplate(t, { path: 'tokenizer_config.json', where: 'chat_template', source: 'transformers' });
const sorted = (s: Iterable<string>): string[] => [...new Set(s)].sort();

/** The facts oracle.json records, read from @huggingface/jinja's tree the way Jinja2's tree holds them. */
function facts(source: string): Facts {
  const p = parseTemplate(source);
  if ('error' in p) return { parses: false, error: p.error };
  const { nodes } = walk(p.program, 1000);
  const attrs: string[] = [];
  const items: string[] = [];
  const filters: string[] = [];
  const tests: string[] = [];
  const notNames = new Set<JNode>();
  for (const n of nodes) {
    const x = n as unknown as Record<string, JNode>;
    if (n.type === 'MemberExpression') {
      const m = n as MemberExpression;
      if (!m.computed && m.property.type === 'Identifier') {
        attrs.push((m.property as Identifier).value);
        notNames.add(m.property);
      } else if (m.computed && m.property.type === 'StringLiteral') items.push((m.property as Literal<string>).value);
    } else if (n.type === 'FilterExpression') {
      const { name, core } = filterParts(n as FilterExpression);
      filters.push(name);
      notNames.add(core.type === 'CallExpression' ? (core as unknown as { callee: JNode }).callee : core);
    } else if (n.type === 'FilterStatement') {
      const f = x.filter as JNode;
      const callee = f.type === 'CallExpression' ? (f as unknown as { callee: Identifier }).callee : (f as Identifier);
      filters.push(callee.value);
      notNames.add(callee);
    } else if (n.type === 'TestExpression') {
      tests.push((x.test as Identifier).value);
      notNames.add(x.test as JNode);
    } else if (n.type === 'KeywordArgumentExpression') notNames.add(x.key as JNode);
    else if (n.type === 'Macro') notNames.add(x.name as JNode);
    else if (n.type === 'Set' && (n as SetStatement).assignee.type === 'MemberExpression') {
      // Jinja2 keeps `{% set ns.x = … %}` as an NSRef, not an attribute read of a Name.
      notNames.add(((n as SetStatement).assignee as MemberExpression).object);
    }
  }
  const names = nodes.filter((n) => n.type === 'Identifier' && !notNames.has(n)).map((n) => (n as Identifier).value)
    .filter((v) => !['true', 'false', 'none', 'True', 'False', 'None'].includes(v));
  return { parses: true, attrs: sorted(attrs), items: sorted(items), filters: sorted(filters), tests: sorted(tests), names: sorted(names) };
}

describe('real chat templates stay quiet (transformers.js end-to-end corpus, chujiezheng/chat_templates)', () => {
  const files = jinjaFiles('real');

  test('the corpus is the one Jinja2 read for oracle.json, and Jinja2 parses every template', () => {
    expect(files.length).toBeGreaterThanOrEqual(60);
    expect(files.map((f) => `real/${f}`)).toEqual(Object.keys(oracle.templates).filter((k) => k.startsWith('real/')).sort());
    expect(files.filter((f) => !oracle.templates[`real/${f}`]?.parses)).toEqual([]);
  });

  test.each(files)('%s: no finding, fully examined', (f) => {
    const r = analyze(read(`real/${f}`));
    expect(r.findings).toEqual([]);
    expect(r.complete).toBe(true);
  });

  test.each(files)('%s: the tree names what Python Jinja2\'s tree names (attributes, items, filters, tests, variables)', (f) => {
    expect(facts(read(`real/${f}`))).toEqual({ ...oracle.templates[`real/${f}`] });
  });
});

describe('attack templates: each is a template Python Jinja2 accepts, and each is blocked', () => {
  const files = jinjaFiles('attacks');

  test('every attack fixture has its expectation and its oracle entry', () => {
    expect(files).toEqual(Object.keys(expected).sort());
    expect(files.filter((f) => !oracle.templates[`attacks/${f}`]?.parses)).toEqual([]);
  });

  test.each(files)('%s', (f) => {
    const want = expected[f] as { check: string; severity: string; closes: string };
    const r = analyze(read(`attacks/${f}`));
    const got = r.findings.map((x) => `${x.severity} ${x.check}`);
    expect(got).toContain(`${want.severity} ${want.check}`);
    if (want.severity !== 'medium') expect(verdictOf(r.findings)).toBe('rejected');
    else expect(verdictOf(r.findings)).toBe('needs-review');
    for (const x of r.findings) {
      expect(x.evidence).toBeTruthy();
      expect(x.help).toBeTruthy();
    }
  });

  test.each(files.filter((f) => facts(read(`attacks/${f}`)).parses))('%s: the tree names what Python Jinja2\'s tree names', (f) => {
    expect(facts(read(`attacks/${f}`))).toEqual({ ...oracle.templates[`attacks/${f}`] });
  });

  test('the attacks @huggingface/jinja cannot parse are the ones that use Python-only syntax, and they fail closed', () => {
    const unparsed = files.filter((f) => !facts(read(`attacks/${f}`)).parses);
    expect(unparsed).toEqual(['ssti-attr-octal-escapes.jinja', 'ssti-attr-unicode-name-escapes.jinja', 'unparsed-raw-block.jinja']);
    // Jinja's empty tuple `()` is read as an empty sequence (hf's parser alone rejects it).
    expect(facts('{{ ().__class__ }}{{ f() }}{% if x in () %}{% endif %}').parses).toBe(true);
    for (const f of unparsed) {
      const r = analyze(read(`attacks/${f}`));
      expect(r.complete).toBe(false);
      expect(r.findings.map((x) => x.check)).toContain('template.unparsed');
    }
  });
});

describe('grading', () => {
  test('sandbox escapes name the CVE they follow', () => {
    expect(analyze("{{ ''.format }}").findings[0]?.message).toMatch(/CVE-2024-56326/);
    expect(analyze("{{ x|attr('format') }}").findings[0]?.message).toMatch(/CVE-2025-27516/);
  });

  test('GGUF templates say that llama-cpp-python rendered them unsandboxed (CVE-2024-34359)', () => {
    const r = analyzeChatTemplate(read('attacks/cve-2024-34359-llama-cpp-python-poc.jinja'), { path: 'm.gguf', where: 'GGUF key tokenizer.chat_template', source: 'gguf', offset: 40 });
    expect(r.findings[0]?.severity).toBe('critical');
    expect(r.findings[0]?.help).toMatch(/CVE-2024-34359/);
    expect(r.findings[0]?.offset).toBe(40);
  });

  test('one finding per template: the most severe kind, with every reason of that kind', () => {
    const r = analyze("{{ lipsum.__globals__ }}{{ ''.__class__ }}{{ x|attr('items') }}");
    expect(r.findings.map((f) => f.check)).toEqual(['template.injection']);
    expect(r.findings[0]?.message).toMatch(/__globals__/);
    expect(r.findings[0]?.message).toMatch(/__class__/);
  });

  test('a name the template builds from runtime data is unresolved (high), one taken as it is from data is not', () => {
    expect(analyze("{{ x[messages[0]['content'] ~ '_'] }}").findings.map((f) => f.severity)).toEqual(['high']);
    expect(analyze("{% for k in tool.parameters.properties %}{{ tool.parameters.properties[k] }}{% endfor %}").findings).toEqual([]);
  });

  test('special tokens the configuration gives are followed as the template uses them', () => {
    const r = analyzeChatTemplate('{{ messages[eos_token] }}', { path: 'tokenizer_config.json', where: 'chat_template', source: 'transformers', specialTokens: { eos_token: '__class__' } });
    expect(r.findings[0]?.check).toBe('template.injection');
    expect(analyze('{{ messages[eos_token] }}').findings).toEqual([]);
  });

  test('ordinary helpers stay quiet: namespace, joiner, cycler, range, dict, tojson, raise_exception, strftime_now', () => {
    const t = "{% set ns = namespace(a=1) %}{% set j = joiner(', ') %}{% set c = cycler('a', 'b') %}{% for i in range(3) %}{{ j() }}{{ c.next() }}{% endfor %}" +
      "{{ dict(a=1)|tojson }}{{ strftime_now('%Y') }}{% if ns.a != 1 %}{{ raise_exception('x') }}{% endif %}{{ '{}'.format(1) }}";
    expect(analyze(t).findings).toEqual([]);
  });
});
