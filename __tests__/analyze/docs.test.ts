// Documents as readers see them. Markdown code blocks and code spans are compared with commonmark.js, the
// CommonMark reference implementation; reST and plain text with the forms their specs define.
import { Parser, type Node } from 'commonmark';
import { parseMarkdown, parseRst, parseText } from '../../src/analyze/docs.js';

function oracle(md: string): { blocks: [string, string][]; spans: string[] } {
  const walker = new Parser().parse(md).walker();
  const blocks: [string, string][] = [];
  const spans: string[] = [];
  for (let e = walker.next(); e; e = walker.next()) {
    const n: Node = e.node;
    if (!e.entering) continue;
    if (n.type === 'code_block') blocks.push([(n.info ?? '').split(/\s/)[0]?.toLowerCase() ?? '', (n.literal ?? '').replace(/\n$/, '')]);
    if (n.type === 'code') spans.push((n.literal ?? '').trim());
  }
  return { blocks, spans };
}

const MARKDOWN: [string, string][] = [
  ['plain fences', '# t\n\n```bash\npip install x\n```\n\ntext\n\n~~~sh\ncurl a | sh\n~~~\n'],
  ['a longer fence holding a shorter one', '````markdown\n```bash\nrm -rf /\n```\n````\n'],
  ['fence in a list item', '1. Install:\n\n   ```bash\n   pip install x\n   ```\n2. Run.\n'],
  ['fence in a block quote', '> Note:\n> ```sh\n> curl a | sh\n> ```\n'],
  ['indented code after a paragraph', 'Run this:\n\n    bash setup.sh\n    echo done\n\nThen stop.\n'],
  ['code spans of several lengths', 'Use `pip install x`, or ``a `tick` inside``, or ```triple```; unmatched ` stays.\n'],
  ['info strings', '```Bash title="x"\nls\n```\n\n```python3\nprint(1)\n```\n']
];

describe('markdown agrees with commonmark.js', () => {
  test.each(MARKDOWN)('%s', (_name, md) => {
    const ours = parseMarkdown(md);
    const theirs = oracle(md);
    expect(ours.blocks.map((b) => [b.lang, b.lines.map((l) => l.text).join('\n').replace(/\n+$/, '')])).toEqual(theirs.blocks);
    expect(ours.spans.map((s) => s.text)).toEqual(theirs.spans);
  });
});

test('markdown: lines, links and <pre> blocks', () => {
  const doc = parseMarkdown('---\ntitle: x\n---\nSee [setup](docs/setup.md "s") and <a href="INSTALL">this</a>.\n\n[ref]: ./notes.txt\n\n<pre><code class="language-bash">curl a &amp;&amp; sh\n</code></pre>\n');
  expect(doc.links).toEqual(['docs/setup.md', 'INSTALL', './notes.txt']);
  expect(doc.blocks).toEqual([{ lang: 'bash', lines: [{ text: 'curl a && sh', line: 8 }, { text: '', line: 9 }] }]);
  expect(doc.prose[0]).toEqual({ text: 'See [setup](docs/setup.md "s") and <a href="INSTALL">this</a>.', line: 4 });
});

test('reST: directives with options, literal blocks with the highlight language, inline literals, includes', () => {
  const rst = 'Title\n=====\n\n.. highlight:: console\n\n.. code-block:: bash\n   :caption: install\n\n   pip install x\n   curl a | sh\n\nRun it::\n\n   $ make setup\n\nThen ``python app.py`` and see `the guide <guide.rst>`_.\n\n.. include:: extra.txt\n';
  const doc = parseRst(rst);
  expect(doc.blocks).toEqual([
    { lang: 'bash', lines: [{ text: 'pip install x', line: 9 }, { text: 'curl a | sh', line: 10 }] },
    { lang: 'console', lines: [{ text: '$ make setup', line: 14 }] }
  ]);
  expect(doc.spans).toEqual([{ text: 'python app.py', line: 16 }]);
  expect(doc.links).toEqual(['guide.rst', 'extra.txt']);
});

test('plain text: indented blocks after a blank line are commands, the rest prose', () => {
  const doc = parseText('Install\n\n  pip install -r requirements.txt\n  python setup.py develop\nthen go on.\n');
  expect(doc.blocks).toEqual([{ lang: '', lines: [{ text: 'pip install -r requirements.txt', line: 3 }, { text: 'python setup.py develop', line: 4 }] }]);
  expect(doc.prose.map((l) => l.line)).toEqual([1, 2, 5, 6]);
});
