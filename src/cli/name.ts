// `model-gate name ORG/NAME [--format text|json] [--hub [URL]]`: check a model id for namespace impersonation and
// repo-name shadowing before opening a pull request. Offline by default; `--hub` also asks the Hub to confirm
// shadowing of repo names the built-in list does not know.
import { checkName, type HubLookup, type NameCheckResult } from '../checks/namespace/check.js';
import { CAPS, plain, safeJson } from '../report/escape.js';
import { type CliIO, type Command, UsageError } from './io.js';

export const USAGE = 'usage: model-gate name ORG/NAME [--format text|json] [--hub [URL]]';
const DEFAULT_HUB = 'https://huggingface.co';

interface NameArgs {
  id: string;
  format: 'text' | 'json';
  hub?: string;
}

export function parseNameArgs(args: readonly string[], env: CliIO['env']): NameArgs {
  let id: string | undefined;
  let format: NameArgs['format'] = 'text';
  let hub: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--format' || a.startsWith('--format=')) {
      const v = a.includes('=') ? a.slice('--format='.length) : args[++i];
      if (v !== 'text' && v !== 'json') throw new UsageError(`--format must be text or json, got '${v ?? ''}'\n${USAGE}`);
      format = v;
    } else if (a === '--json') {
      format = 'json';
    } else if (a === '--hub' || a.startsWith('--hub=')) {
      const next = args[i + 1];
      if (a.includes('=')) hub = a.slice('--hub='.length);
      else if (next !== undefined && /^https?:\/\//.test(next)) hub = args[++i];
      else hub = env.HF_ENDPOINT || DEFAULT_HUB;
    } else if (a.startsWith('-')) {
      throw new UsageError(`unknown option '${a}'\n${USAGE}`);
    } else if (id === undefined) {
      id = a;
    } else {
      throw new UsageError(`expected one ORG/NAME, got also '${a}'\n${USAGE}`);
    }
  }
  if (!id) throw new UsageError(`missing ORG/NAME\n${USAGE}`);
  if (!id.includes('/')) throw new UsageError(`'${id}' is not ORG/NAME\n${USAGE}`);
  return hub === undefined ? { id, format } : { id, format, hub };
}

/**
 * Asks `GET {hub}/api/models/{id}`: 200 → exists; 404 or 401 (the Hub answers 401 for repos that do not exist
 * when unauthenticated) → does not exist publicly; anything else, or no answer in 10 s → unknown.
 */
export function hubExists(hub: string, fetchFn: typeof fetch = fetch, timeoutMs = 10_000): HubLookup {
  const base = hub.replace(/\/+$/, '');
  return async (repoId) => {
    try {
      const res = await fetchFn(`${base}/api/models/${repoId.split('/').map(encodeURIComponent).join('/')}`, {
        method: 'GET', redirect: 'follow', signal: AbortSignal.timeout(timeoutMs)
      });
      await res.body?.cancel();
      if (res.status === 200) return true;
      if (res.status === 404 || res.status === 401) return false;
      return undefined;
    } catch {
      return undefined;
    }
  };
}

/** The verdict words every command and report uses (approved / needs-review / rejected). */
const VERDICT_WORD = { pass: 'approved', review: 'needs-review', block: 'rejected' } as const;

export function renderText(r: NameCheckResult): string {
  const head = `${plain(r.repo, CAPS.name)}: ${VERDICT_WORD[r.verdict]}` + (r.canonicalPublisher ? ` (${r.role} publisher ${plain(r.canonicalPublisher, CAPS.name)})` : '');
  const lines = [head];
  for (const f of r.findings) {
    lines.push(`  [${f.severity}] ${plain(f.check, 80)}: ${plain(f.message, CAPS.message)}`);
    if (f.evidence) lines.push(`      ${plain(f.evidence, CAPS.evidence)}`);
    if (f.help) lines.push(`      → ${plain(f.help, CAPS.help)}`);
  }
  return `${lines.join('\n')}\n`;
}

export const name: Command = async (args, io) => {
  const a = parseNameArgs(args, io.env);
  const r = await checkName(a.id, a.hub ? { hubLookup: hubExists(a.hub) } : {});
  if (a.format === 'json') {
    const out: Record<string, unknown> = { repo: r.repo, verdict: VERDICT_WORD[r.verdict] };
    if (r.canonicalPublisher) out.canonicalPublisher = r.canonicalPublisher;
    out.findings = r.findings;
    io.stdout(`${safeJson(out, 2)}\n`);
  } else {
    io.stdout(renderText(r));
  }
  return r.verdict === 'pass' ? 0 : 1;
};
