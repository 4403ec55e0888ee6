// Bearer tokens for the gateway's clients, from a file or an environment variable: one per line, `NAME:TOKEN`
// (NAME is what access logs show) or a bare TOKEN (shown as `token-<line>`); `#` starts a comment. Only the
// tokens' sha256 digests are kept, and every check compares against every token in constant time, so neither the
// time taken nor a log line reveals a token.
import { createHash, timingSafeEqual } from 'node:crypto';

export interface ClientToken {
  name: string;
  digest: Buffer;
}

const digestOf = (t: string): Buffer => createHash('sha256').update(t, 'utf8').digest();

/** Parses a token list; throws with the line (never the token) on a malformed one. */
export function parseTokens(text: string, where: string): ClientToken[] {
  const out: ClientToken[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim() : `token-${i + 1}`;
    const token = colon > 0 ? line.slice(colon + 1).trim() : line;
    if (!/^[\x21-\x7e]{16,}$/.test(token)) throw new Error(`${where} line ${i + 1}: a token must be at least 16 printable ASCII characters without spaces`);
    if (!/^[\w.@-]{1,64}$/.test(name)) throw new Error(`${where} line ${i + 1}: a token name must be 1-64 letters, digits, '.', '@', '_' or '-'`);
    out.push({ name, digest: digestOf(token) });
  });
  if (out.length === 0) throw new Error(`${where} holds no token`);
  return out;
}

/** The name of the token an `Authorization: Bearer …` header carries, or undefined (missing or unknown). */
export function tokenHolder(tokens: readonly ClientToken[], header: string | undefined): string | undefined {
  const m = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  const given = digestOf(m?.[1] ?? '');
  let found: string | undefined;
  for (const t of tokens) if (timingSafeEqual(t.digest, given) && found === undefined) found = t.name;
  return m ? found : undefined;
}
