import fc from 'fast-check';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { codeBlock, codeCell, codeSpan, escapeHtml, escapeInline, escapeProse, plain, sanitize } from '../../src/report/escape.js';

// GitHub's renderer (CommonMark + GFM, raw HTML passed through to be judged here).
function toHtml(md: string): string {
  return micromark(md, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });
}

function decode(html: string): string {
  return html.replace(/&amp;|&lt;|&gt;|&quot;|&#39;/g, (m) => ({ '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" })[m] ?? m);
}

// What GitHub's autolinker and its mention/reference filters act on; they skip code, so none may stay outside it.
const LINKED = /[@#]|:\/\/|www\.|GH-\d|(?:javascript|data|vbscript|mailto|xmpp|file)\s*:/i;

/** The text a reader sees outside code elements, and the whole text, for inline markdown `md` in a paragraph. */
function shownInline(md: string): { outsideCode: string; text: string; tags: string[] } {
  const html = toHtml(`a ${md} b`).trim();
  const tags = [...html.matchAll(/<\/?([a-z0-9]+)[^>]*>/gi)].map((m) => (m[1] as string).toLowerCase());
  const outsideCode = decode(html.replace(/<code>[^<]*<\/code>/g, ' ').replace(/<[^>]+>/g, ''));
  const text = decode(html.replace(/<[^>]+>/g, ''));
  return { outsideCode, text: text.slice(2, -2), tags };
}

const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;
const INVISIBLE_ANY = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;
const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '[click](https://evil)',
  '![x](https://evil/p.png)',
  '@org/team',
  '@user',
  '@',
  '#',
  'A',
  '7',
  '-',
  ':',
  '/',
  '.',
  '#123',
  'GH-42',
  '</details>',
  '<details open>',
  '`',
  '```',
  '|',
  '\\',
  '*',
  '_',
  '~~',
  '$x$',
  '&lt;',
  '&#64;',
  'https://evil.example',
  'http://x',
  'ftp://x',
  'www.evil.com',
  'a@b.co',
  'javascript:alert(1)',
  '\u202E',
  '\u2066',
  '\u200B',
  '\u200D',
  '\uFEFF',
  '\u0000',
  '\u001b[31m',
  '\r\n',
  '\n',
  '\t',
  '\uD800',
  '\uDC00',
  '\u{E0041}',
  '1. ',
  '- ',
  '# ',
  '> ',
  '=',
  ' ',
  'x',
  'é',
  '👩‍💻'
];
const hostile = fc.oneof(fc.string({ unit: fc.constantFrom(...HOSTILE), maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 60 }));

describe('sanitize', () => {
  it('shows bidi, zero-width and control characters as escapes', () => {
    expect(sanitize('a\u202Eb\u200Bc\u0007d\u2066', { max: 100 })).toBe('a\\u{202E}b\\u{200B}c\\u{0007}d\\u{2066}');
    expect(sanitize('\u001b[2J', { max: 100 })).toBe('\\u{001B}[2J');
  });

  it('flattens line breaks unless multiline, and folds CRLF', () => {
    expect(sanitize('a\r\nb\rc\nd\te', { max: 100 })).toBe('a b c d e');
    expect(sanitize('a\r\nb\rc\nd\te', { max: 100, multiline: true })).toBe('a\nb\nc\nd\te');
  });

  it('escapes lone surrogates but keeps astral characters whole', () => {
    expect(sanitize('\uD800x\uDC00', { max: 100 })).toBe('\\u{D800}x\\u{DC00}');
    expect(sanitize('🤗', { max: 100 })).toBe('🤗');
  });

  it('truncates with an ellipsis, never splitting a character or an escape', () => {
    expect(sanitize('abcdef', { max: 6 })).toBe('abcdef');
    expect(sanitize('abcdefg', { max: 6 })).toBe('abcde…');
    expect(sanitize('ab\u202Ecdef', { max: 6 })).toBe('ab…');
    expect(sanitize('a🤗🤗🤗', { max: 5 })).toBe('a🤗…');
  });

  it('property: result fits max, has no invisible characters, and is a prefix when not truncated', () => {
    fc.assert(
      fc.property(hostile, fc.integer({ min: 1, max: 80 }), fc.boolean(), (s, max, multiline) => {
        const out = sanitize(s, { max, multiline });
        expect(out.length).toBeLessThanOrEqual(max);
        for (const ch of out) {
          if (multiline && (ch === '\n' || ch === '\t')) continue;
          expect(INVISIBLE.test(ch)).toBe(false);
        }
      })
    );
  });
});

describe('escapeInline', () => {
  it('neutralises HTML, links, images, mentions, refs and URLs', () => {
    const out = escapeInline('<img src=x onerror=alert(1)> [click](https://evil) @org/team #123 www.evil.com');
    expect(out).not.toContain('<');
    expect(toHtml(out)).not.toMatch(/<a |<img/);
    expect(out).toContain('&lt;img');
    // Mentions, refs and URLs are code (GitHub links nothing inside code), with nothing invisible inserted.
    expect(out).toContain('`@org/team`');
    expect(escapeInline('@Org-1 @1 @_x')).toBe('`@Org-1` `@1` `@_x`');
    expect(out).toContain('`#123`');
    expect(out).toContain('`[click](https://evil)`');
    expect(out).toContain('`www.evil.com`');
    expect(out).not.toMatch(/[\u200B-\u200D\u2060\uFEFF]/);
    const shown = shownInline(out);
    expect(shown.tags.filter((t) => t !== 'p' && t !== 'code')).toEqual([]);
    expect(shown.text).toBe('<img src=x onerror=alert(1)> [click](https://evil) @org/team #123 www.evil.com');
  });

  it('escapes table pipes and flattens newlines so a cell cannot split or end', () => {
    const out = escapeInline('a|b\n| --- |\nc');
    expect(out).toBe('a\\|b \\| --- \\| c');
  });

  it('escapes line-start constructs', () => {
    expect(escapeInline('1. item')).toBe('1\\. item');
    expect(escapeInline('- item')).toBe('\\- item');
    expect(escapeInline('# title')).toBe('`#` title');
    expect(escapeInline('> quote')).toBe('&gt; quote');
  });

  it('escapes math delimiters and emphasis', () => {
    expect(escapeInline('$\\color{red}{OK}$ *a* _b_ ~~c~~')).toBe('\\$\\\\color\\{red\\}\\{OK\\}\\$ \\*a\\* \\_b\\_ \\~\\~c\\~\\~');
  });

  it('caps length', () => {
    const out = escapeInline('x'.repeat(1000), 50);
    expect(out).toBe(`${'x'.repeat(49)}…`);
  });

  it('property: renders exactly the sanitized text, as text and code only, and GitHub links nothing in it', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const out = escapeInline(s, 500);
        expect(out).not.toMatch(/[\n\r]/);
        expect(INVISIBLE_ANY.test(out)).toBe(false);
        const shown = shownInline(out);
        expect(shown.tags.filter((t) => t !== 'p' && t !== 'code')).toEqual([]);
        expect(shown.text).toBe(sanitize(s, { max: 500 }));
        // GitHub's text filters run on what is shown outside code: no mention, ref, scheme URL or www. host there.
        expect(shown.outsideCode).not.toMatch(LINKED);
        expect(shown.text).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
      }),
      { numRuns: 2000 }
    );
  });
});

describe('escapeProse', () => {
  it('renders the backtick-quoted parts of a message as code, not as literal backticks', () => {
    const out = escapeProse('README.md tells users to run `python scripts/preprocess.py --setup` first');
    expect(toHtml(out)).toBe('<p>README.md tells users to run <code>python scripts/preprocess.py --setup</code> first</p>');
  });

  it('a copyable command with a URL is one code span holding exactly the command', () => {
    const out = escapeProse('run `git ls-remote https://huggingface.co/org/name` to compare');
    expect(toHtml(out)).toBe('<p>run <code>git ls-remote https://huggingface.co/org/name</code> to compare</p>');
  });

  it('property: as text and code only, GitHub links nothing, and nothing invisible is added', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const out = escapeProse(s, 500);
        expect(out).not.toMatch(/[\n\r]/);
        expect(INVISIBLE_ANY.test(out)).toBe(false);
        const shown = shownInline(out);
        expect(shown.tags.filter((t) => t !== 'p' && t !== 'code')).toEqual([]);
        expect(shown.outsideCode).not.toMatch(LINKED);
      }),
      { numRuns: 2000 }
    );
  });
});

describe('escapeHtml', () => {
  it('uses entities only (no backslashes) for raw HTML blocks, and code for what GitHub would link', () => {
    expect(escapeHtml('</summary><b>x</b> "q" \'s\' @me')).toBe('&lt;/summary&gt;&lt;b&gt;x&lt;/b&gt; &quot;q&quot; &#39;s&#39; <code>@me</code>');
  });

  it('property: no tag, attribute or mention can form', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const out = escapeHtml(s, 300);
        expect(out.replace(/<\/?code>/g, '')).not.toMatch(/[<>"'\n]/);
        expect(out.replace(/&(amp|lt|gt|quot|#39);/g, '')).not.toContain('&');
        expect(INVISIBLE_ANY.test(out)).toBe(false);
        const outside = decode(out.replace(/<code>[^<]*<\/code>/g, ' '));
        expect(outside).not.toMatch(LINKED);
        expect(decode(out.replace(/<\/?code>/g, ''))).toBe(sanitize(s, { max: 300 }));
      })
    );
  });
});

describe('codeSpan', () => {
  it('uses a fence longer than any backtick run and pads edge backticks', () => {
    expect(codeSpan('a')).toBe('`a`');
    expect(codeSpan('a`b')).toBe('``a`b``');
    expect(codeSpan('`x``')).toBe('``` `x`` ```');
    expect(codeSpan('')).toBe('*(empty)*');
  });

  it('property: the content never contains a run as long as the fence', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const out = codeSpan(s, 200);
        if (out === '*(empty)*') return;
        const fence = /^`+/.exec(out)?.[0] ?? '';
        const inner = out.slice(fence.length, out.length - fence.length);
        expect(out.endsWith(fence)).toBe(true);
        expect(inner.includes(fence)).toBe(false);
        expect(inner).not.toMatch(/\n/);
      })
    );
  });
});

describe('codeCell', () => {
  it('keeps a pipe from splitting a table cell', () => {
    expect(codeCell('a|b')).toBe('<code>a\\|b</code>');
  });
});

describe('codeBlock', () => {
  it('keeps lines, and a closing fence inside cannot end the block', () => {
    const out = codeBlock('line1\n```\n</details>\n````');
    expect(out.split('\n')[0]).toBe('`````');
    expect(out.split('\n').at(-1)).toBe('`````');
    expect(out).toContain('</details>');
  });

  it('property: exactly two fence lines, no invisible characters but newlines and tabs', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const out = codeBlock(s, 400);
        const lines = out.split('\n');
        const fence = lines[0] as string;
        expect(fence).toMatch(/^`{3,}$/);
        expect(lines.at(-1)).toBe(fence);
        const body = lines.slice(1, -1).join('\n');
        expect(body.includes(fence)).toBe(false);
        for (const ch of body) if (ch !== '\n' && ch !== '\t') expect(INVISIBLE.test(ch)).toBe(false);
      })
    );
  });
});

describe('plain', () => {
  it('keeps text as is but shows terminal escapes', () => {
    expect(plain('model <b> @x \u001b]8;;https://evil\u0007')).toBe('model <b> @x \\u{001B}]8;;https://evil\\u{0007}');
  });
});
