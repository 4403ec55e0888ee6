// The schema library and the conventions every configuration schema follows (approved-models.yaml, the policy,
// the action inputs, the event payload).
//
// Why zod (v4, through `zod/mini`) rather than valibot:
// - Messages: both let a schema say its own message. zod's error functions see the offending input (to quote it)
//   and an unknown-key issue lists every unknown key of a mapping at once; valibot's strictObject stops at the
//   first one, and a file with two misspelt keys must name both, each with its did-you-mean.
// - Paths: both give a path per issue, which src/config/schema/located.ts maps back to the YAML node's line.
// - JSON Schema: zod generates draft 2020-12 natively (z.toJSONSchema) from the very objects that validate,
//   including bounds (minItems, maxLength), literals, unions and `.meta()` keywords; valibot needs a second
//   package that refuses or drops every custom check. The published schema/*.schema.json come from here.
// - Size: `zod/mini` is the tree-shakable build. With it, these schemas and the library add about 70 kB to each
//   bundle (dist/index.js 3.63 → 3.70 MB); the classic `zod` API would add 170–750 kB. Valibot would save perhaps
//   30 kB of that, under 1% of dist/.
// - zod also bounds arrays before parsing their items (a 10,001-entry list is refused without 10,001 item errors).
//
// Conventions. Every error a schema raises carries our own text, written with `say()` (or `SKIP` when an enclosing
// rule reports it), never zod's default message: located.ts decodes it into a LocatedError with the help text.
// Values reach the schemas as YAML's failsafe schema gives them: every scalar a string, an empty plain scalar
// (`key:` with nothing after it) null; numbers and booleans appear only in the JSON view editors see, which is
// what the generated JSON Schema describes.
// Every schema module imports `* as z from 'zod/mini'` itself: re-exporting the namespace from here would keep
// esbuild from tree-shaking it (the whole library, ~750 kB, would land in dist/).
import * as z from 'zod/mini';
import { quoteScalar } from '../yaml/strict.js';

/** What one schema error says. `aboutFile`: the message starts with the file's name (added when located). */
export interface Said {
  message: string;
  help?: string;
  aboutFile?: boolean;
}

// Issue messages are strings, so ours travel encoded behind a marker no message text contains (user text is always
// shown through printable(), which escapes control characters).
const MARK = '\u0000mg\u0000';

/** An issue message: `message`, with `help` (how to fix it). */
export function say(message: string, help?: string): string {
  return MARK + JSON.stringify(help ? { message, help } : { message });
}

/** An issue message that begins with the file's name: `${file}${rest}`. */
export function sayAboutFile(rest: string, help?: string): string {
  return MARK + JSON.stringify({ message: rest, aboutFile: true, ...(help ? { help } : {}) });
}

/** An unknown-keys message: one Said per key. */
export function sayPerKey(keys: readonly string[], each: (key: string) => Said): string {
  return MARK + JSON.stringify({ keys: Object.fromEntries(keys.map((k) => [k, each(k)])) });
}

/** The issue is real (the value is invalid) but an enclosing rule reports it with more context. */
export const SKIP = `${MARK}"skip"`;

export type Decoded = { kind: 'said'; said: Said } | { kind: 'perKey'; keys: Record<string, Said> } | { kind: 'skip' } | { kind: 'foreign'; message: string };

export function decodeMessage(message: string): Decoded {
  if (!message.startsWith(MARK)) return { kind: 'foreign', message };
  const body = JSON.parse(message.slice(MARK.length)) as unknown;
  if (body === 'skip') return { kind: 'skip' };
  if (isRecord(body) && isRecord(body.keys)) return { kind: 'perKey', keys: body.keys as Record<string, Said> };
  return { kind: 'said', said: body as Said };
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** How a value reads in a message: `'value'`, `nothing`, `a list`, `a mapping` (as describeNode says of nodes). */
export function describeValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return 'nothing';
  if (typeof v === 'string') return quoteScalar(v);
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return quoteScalar(String(v));
}

/**
 * The message of a list's size check. zod also runs length checks on text (it has a length too) after the list's
 * type check failed; that issue is already reported as "must be a list", so this one stays silent.
 */
export function onList(message: (list: unknown[]) => string): (iss: { input?: unknown }) => string {
  return (iss) => (Array.isArray(iss.input) ? message(iss.input) : SKIP);
}

/** A check that adds our own issue when `problem` returns one. */
export function rule<T>(problem: (value: T) => Said | null | undefined, path: PropertyKey[] = []): z.core.$ZodCheck<T> {
  return z.superRefine<T>((value, ctx) => {
    const p = problem(value);
    // A fresh path each time: zod prefixes issue paths in place as they travel up.
    if (p) ctx.addIssue({ code: 'custom', message: say(p.message, p.help), path: [...path], input: value });
  });
}

/**
 * A check on a mapping that runs even when its fields already failed (so a file with several mistakes gets them
 * all at once), and only on a mapping. It adds any number of issues, each at a path relative to the mapping.
 */
export function mappingRule<T>(
  problems: (value: Record<string, unknown>, add: (path: PropertyKey[], said: Said) => void) => void
): z.core.$ZodCheck<T> {
  return z.superRefine<T>(
    (value, ctx) => {
      problems(value as Record<string, unknown>, (path, said) => {
        ctx.addIssue({ code: 'custom', message: say(said.message, said.help), path: [...path], input: value });
      });
    },
    { when: (payload) => isRecord(payload.value) }
  );
}

/** Raw issue as an error function sees it (zod's type leaves `keys` on the unknown-keys variant only). */
export type RawIssue = z.core.$ZodRawIssue & { keys?: string[] };
