// The review comment as a web page, rendered the way GitHub renders a comment: CommonMark + GFM (micromark, which
// follows cmark-gfm's spec), raw HTML of our own markup (<details>, <summary>, <br>) passed through. Every string
// from a repository was already escaped by the markdown renderer; the page also forbids scripts, frames and remote
// loads with a Content-Security-Policy, so even an escaping mistake could not run or fetch anything.
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';

/** Markdown → HTML as GitHub would render it (before GitHub's own sanitiser, which only removes more). */
export function markdownToHtml(markdown: string): string {
  return micromark(markdown, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });
}

const STYLE = `
body { margin: 0; background: #f6f8fa; font: 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; color: #1f2328; }
.comment { max-width: 900px; margin: 24px auto; background: #fff; border: 1px solid #d1d9e0; border-radius: 6px; }
.comment-header { padding: 8px 16px; background: #f6f8fa; border-bottom: 1px solid #d1d9e0; border-radius: 6px 6px 0 0; color: #59636e; }
.markdown-body { padding: 16px; }
.markdown-body h2 { font-size: 1.5em; border-bottom: 1px solid #d1d9e0; padding-bottom: .3em; margin-top: 0; }
.markdown-body h3 { font-size: 1.25em; } .markdown-body h4 { font-size: 1em; }
.markdown-body table { border-collapse: collapse; display: block; overflow: auto; margin: 0 0 16px; }
.markdown-body th, .markdown-body td { border: 1px solid #d1d9e0; padding: 6px 13px; vertical-align: top; }
.markdown-body tr:nth-child(2n) { background: #f6f8fa; }
.markdown-body code { background: #818b981f; border-radius: 6px; padding: .2em .4em; font: 85% ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.markdown-body pre { background: #f6f8fa; border-radius: 6px; padding: 16px; overflow: auto; }
.markdown-body pre code { background: none; padding: 0; font-size: 85%; }
.markdown-body blockquote { margin: 0 0 16px; padding: 0 1em; color: #59636e; border-left: .25em solid #d1d9e0; }
.markdown-body details { margin: 0 0 16px; } .markdown-body summary { cursor: pointer; }
.markdown-body hr { border: 0; height: .25em; background: #d1d9e0; }
`;

/** A standalone page showing `markdown` as a GitHub comment by `author`. */
export function commentPage(markdown: string, title: string, author = 'model-gate[bot]'): string {
  const esc = (t: string): string => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<div class="comment">
<div class="comment-header"><b>${esc(author)}</b> commented</div>
<article class="markdown-body">
${markdownToHtml(markdown)}
</article>
</div>
</body>
</html>
`;
}
