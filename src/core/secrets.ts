// The one redaction point. Every secret the process learns (Hub token, GitHub token, signing key material) is
// remembered here the moment it is read, and every output path — CLI stdout/stderr, the action's log lines,
// annotations, summary, outputs, report files and the pull-request comment, and every HubError message — passes
// its text through `redact`. Text from anywhere (a Hub error body echoing the request's token, a stack trace) is
// covered, because redaction happens where text leaves the process, not where it is produced.

const MIN_SECRET = 6;
const MASK = '***';

/** Token shapes redacted even when nobody registered them: HF tokens, GitHub tokens, PEM private keys. */
const SHAPES: RegExp[] = [
  /\bhf_[A-Za-z0-9]{20,}\b/g,
  /\bapi_org_[A-Za-z0-9]{20,}\b/g,
  /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{30,}\b/g,
  /\bgithub_pat_[A-Za-z0-9_]{40,}\b/g,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g
];

const known = new Set<string>();
let pattern: RegExp | undefined;

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Remembers a secret for the rest of the process. Multi-line values (PEM keys) are remembered line by line too,
 * so a key quoted partially is still hidden. Values shorter than 6 characters are ignored: masking them would
 * garble ordinary text and they are not credentials.
 */
export function rememberSecret(value: string | undefined): void {
  if (!value) return;
  const parts = [value.trim(), ...value.split(/\r?\n/).map((l) => l.trim())];
  let changed = false;
  for (const p of parts) {
    if (p.length < MIN_SECRET || /^-----(BEGIN|END) /.test(p) || known.has(p)) continue;
    known.add(p);
    // The form a URL or a form body would carry it in, too.
    const encoded = encodeURIComponent(p);
    if (encoded !== p) known.add(encoded);
    changed = true;
  }
  if (changed) {
    // Longest first, so a value that contains another is masked whole.
    const alternatives = [...known].sort((a, b) => b.length - a.length).map(escape);
    pattern = new RegExp(alternatives.join('|'), 'g');
  }
}

/** `text` with every remembered secret and every known token shape replaced by `***`. */
export function redact(text: string): string {
  let out = pattern ? text.replace(pattern, MASK) : text;
  for (const shape of SHAPES) out = out.replace(shape, MASK);
  return out;
}

/** Whether `text` still holds a remembered secret (for assertions and last-line checks). */
export function holdsSecret(text: string): boolean {
  return redact(text) !== text;
}

/** Forgets every remembered secret (tests that model separate processes). */
export function forgetSecrets(): void {
  known.clear();
  pattern = undefined;
}
