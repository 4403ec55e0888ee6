// Release gate: before a deployment ships, every model folder in it must be on the allowlist, pinned, and match
// bundles made by the sign workflow — model.sig over exactly these bytes and an approved vetting record naming that
// allowlist entry's repo and commit. The layout is the Hub's id as a path, `<models-dir>/<ORG>/<NAME>/`; anything
// else under the folder (a stray file, a link, a third level without an ORG/NAME parent) fails the gate, because
// a file nobody can attribute to an approved model is exactly what must not ship.
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseAllowlist } from '../config/allowlist/parse.js';
import { repoKey } from '../config/allowlist/diff.js';
import type { Entry } from '../core/review.js';
import { HEX40 } from '../hub/oid.js';
import type { AttestationsClientOptions } from './github-attestations.js';
import type { HashOptions } from './hash-dir.js';
import { MODEL_SIG_FILE, VETTING_FILE, signatureDir } from './sign-model.js';
import { verifyAttested } from './verify-attested.js';
import { fail, type VerifyFailure, type VerifyTrust } from './verify-signature.js';
import { verifyModel, type VerifyResult } from './verify.js';
import { readRecordFile } from './read-record.js';

export type SignatureSource = { kind: 'attestations'; github: AttestationsClientOptions } | { kind: 'folder'; dir: string };

export interface ReleaseGateOptions {
  modelsDir: string;
  allowlistText: string | null;
  allowlistPath: string;
  trust: VerifyTrust;
  source: SignatureSource;
  hash?: HashOptions;
  now?: Date;
}

export type GateProblem = 'not-a-model-folder' | 'not-on-allowlist' | 'not-pinned' | 'allowlist-invalid' | 'no-models' | VerifyFailure['reason'];

export interface GateModel {
  /** `ORG/NAME` as the folder names it. */
  folder: string;
  entry?: { repo: string; revision: string; line: number };
  ok: boolean;
  problem?: GateProblem;
  message: string;
  files?: number;
  root?: string;
}

export interface ReleaseGateResult {
  ok: boolean;
  models: GateModel[];
  /** Problems not tied to one model folder (the allowlist, stray files, an empty deployment). */
  problems: { problem: GateProblem; message: string }[];
}

interface Found {
  folders: string[];
  stray: string[];
}

/** `ORG/NAME` folders two levels down; everything else is stray. Links are never followed. */
async function findModelFolders(root: string): Promise<Found> {
  const out: Found = { folders: [], stray: [] };
  for (const org of await readdir(root, { withFileTypes: true })) {
    if (!org.isDirectory()) {
      out.stray.push(org.name);
      continue;
    }
    for (const name of await readdir(join(root, org.name), { withFileTypes: true })) {
      if (name.isDirectory()) out.folders.push(`${org.name}/${name.name}`);
      else out.stray.push(`${org.name}/${name.name}`);
    }
  }
  out.folders.sort();
  return out;
}


async function verifyOne(opts: ReleaseGateOptions, dir: string, entry: Entry): Promise<VerifyResult & { root?: string }> {
  const expect = { repo: entry.repo, commit: entry.revision };
  if (opts.source.kind === 'attestations') {
    return verifyAttested({ modelDir: dir, trust: opts.trust, github: opts.source.github, expect, requireVetting: true, ...(opts.hash ? { hash: opts.hash } : {}), ...(opts.now ? { now: opts.now } : {}) });
  }
  // The sign workflow's layout: <signatures>/<ORG>/<NAME>/<commit>/{model.sig, vetting.sigstore.json}.
  let sigDir: string;
  try {
    sigDir = signatureDir(opts.source.dir, entry.repo, entry.revision);
  } catch (e) {
    return fail('unsigned', (e as Error).message);
  }
  const bundle = await readRecordFile(join(sigDir, MODEL_SIG_FILE));
  const vettingBundle = await readRecordFile(join(sigDir, VETTING_FILE));
  if (bundle === undefined) return fail('unsigned', `no ${MODEL_SIG_FILE} in ${sigDir}`);
  if (vettingBundle === undefined) return fail('wrong-repo-or-commit', `no ${VETTING_FILE} in ${sigDir}: the approval of ${entry.repo}@${entry.revision} cannot be checked`);
  return verifyModel({ modelDir: dir, bundle, vettingBundle, expect, trust: opts.trust, ...(opts.hash ? { hash: opts.hash } : {}), ...(opts.now ? { now: opts.now } : {}) });
}

export async function releaseGate(opts: ReleaseGateOptions): Promise<ReleaseGateResult> {
  const result: ReleaseGateResult = { ok: false, models: [], problems: [] };
  const allowlist = parseAllowlist(opts.allowlistText, opts.allowlistPath);
  for (const e of allowlist.errors) result.problems.push({ problem: 'allowlist-invalid', message: `${e.file}:${e.line}: ${e.message}` });
  if (opts.allowlistText === null) result.problems.push({ problem: 'allowlist-invalid', message: `${opts.allowlistPath} does not exist` });

  let found: Found;
  try {
    const top = await lstat(opts.modelsDir);
    if (!top.isDirectory()) throw new Error('not a directory');
    found = await findModelFolders(opts.modelsDir);
  } catch (e) {
    result.problems.push({ problem: 'not-a-model-folder', message: `cannot read ${opts.modelsDir}: ${(e as Error).message}` });
    return result;
  }
  for (const s of found.stray) {
    result.problems.push({ problem: 'not-a-model-folder', message: `'${s}' is not inside an ORG/NAME model folder; nothing may ship that no approved model accounts for` });
  }
  if (found.folders.length === 0) result.problems.push({ problem: 'no-models', message: `no ORG/NAME model folders under ${opts.modelsDir}` });

  const byKey = new Map(allowlist.entries.map((e) => [repoKey(e.repo), e]));
  for (const folder of found.folders) {
    const entry = byKey.get(repoKey(folder));
    if (!entry) {
      result.models.push({ folder, ok: false, problem: 'not-on-allowlist', message: `${folder} is not on ${opts.allowlistPath}` });
      continue;
    }
    const pinned = { repo: entry.repo, revision: entry.revision, line: entry.line };
    if (!HEX40.test(entry.revision)) {
      result.models.push({ folder, entry: pinned, ok: false, problem: 'not-pinned', message: `${entry.repo} is listed at '${entry.revision}', not a 40-hex commit` });
      continue;
    }
    const r = await verifyOne(opts, join(opts.modelsDir, folder), entry);
    if (r.ok) {
      result.models.push({ folder, entry: pinned, ok: true, message: `verified ${r.files} files, ROOT ${r.root}, approved at ${entry.revision}`, files: r.files, root: r.root });
    } else {
      result.models.push({ folder, entry: pinned, ok: false, problem: r.reason, message: r.message, ...(r.root ? { root: r.root } : {}) });
    }
  }
  result.ok = result.problems.length === 0 && result.models.length > 0 && result.models.every((m) => m.ok);
  return result;
}
