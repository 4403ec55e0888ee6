// The world the audit tests share: the Hub at approval time (every repository reviewed and signed in key mode) and
// the same Hub months later, with every event an approval must survive or report.
import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { defaultPolicy } from '../../src/config/policy/defaults.js';
import { HubClient } from '../../src/hub/client.js';
import { safetensorsBytes } from '../../src/registry/samples/bytes.js';
import { startRegistry } from '../../src/registry/server.js';
import type { CommitSpec, RepoSpec, StoreSpec } from '../../src/registry/spec.js';
import { buildStore, type BuiltStore } from '../../src/registry/store-builder.js';
import { createReviewer } from '../../src/review/reviewer.js';
import { signApprovedReviews } from '../../src/sign/sign-reviews.js';

const WEIGHTS = safetensorsBytes({ w: { dtype: 'F32', shape: [4, 4] } }, { format: 'pt' });
const CARD = (who: string): string => `---\nlicense: apache-2.0\n---\n\n# ner-small\n\nA named-entity tagger for support tickets, trained by ${who} on 40,000 labelled tickets in English and Spanish. It tags people, products, order numbers and dates; evaluation and limits are described below.\n`;
const history = (org: string, date = '2022-03-01'): CommitSpec[] => [
  { title: 'initial commit', date: `${date}T00:00:00.000Z`, authors: [org], files: { '.gitattributes': '*.safetensors filter=lfs diff=lfs merge=lfs -text\n' } },
  { title: 'Upload model', date: `${date}T06:00:00.000Z`, authors: [org], files: { 'README.md': CARD(org), 'model.safetensors': WEIGHTS, 'config.json': '{"model_type":"bert"}' } }
];
export const ORGS = ['steady-lab', 'gone-lab', 'helpdesk-ai', 'rename-old', 'rewrite-lab', 'private-lab', 'gated-lab', 'disabled-lab', 'flag-lab', 'newer-lab', 'unsigned-lab'];
const repo = (org: string, extra: Partial<RepoSpec> = {}): RepoSpec => ({ id: `${org}/ner-small`, createdAt: '2022-03-01T00:00:00.000Z', commits: history(org), ...extra });

/** The Hub at approval time. */
export const BEFORE: StoreSpec = {
  accounts: [...ORGS, 'rename-new'].map((name) => ({ name, type: 'org' as const, createdAt: '2021-01-01T00:00:00.000Z' })),
  repos: ORGS.map((o) => repo(o))
};

/** The Hub months later. */
export const AFTER: StoreSpec = {
  accounts: [
    ...ORGS.filter((o) => o !== 'gone-lab' && o !== 'helpdesk-ai').map((name) => ({ name, type: 'org' as const, createdAt: '2021-01-01T00:00:00.000Z' })),
    { name: 'rename-new', type: 'org', createdAt: '2021-01-01T00:00:00.000Z' },
    // helpdesk-ai was deleted; someone registered the name again and pushed a repository of the same name.
    { name: 'helpdesk-ai', type: 'org', createdAt: '2026-04-01T00:00:00.000Z' }
  ],
  repos: [
    repo('steady-lab'),
    { ...repo('helpdesk-ai'), createdAt: '2026-04-02T00:00:00.000Z', commits: history('helpdesk-ai', '2026-04-02') },
    { ...repo('rename-new'), createdAs: 'rename-old/ner-small', commits: history('rename-old') },
    { ...repo('rewrite-lab'), commits: history('rewrite-lab', '2023-01-01') },
    repo('private-lab', { private: true }),
    repo('gated-lab', { gated: 'manual' }),
    repo('disabled-lab', { disabled: true }),
    repo('flag-lab', { commits: [history('flag-lab')[0]!, { ...history('flag-lab')[1]!, files: { ...history('flag-lab')[1]!.files, 'model.safetensors': { content: WEIGHTS, lfs: true, scan: { status: 'unsafe' } } } }] }),
    repo('newer-lab', { commits: [...history('newer-lab'), { title: 'Update README', date: '2024-02-01T00:00:00.000Z', authors: ['newer-lab'], files: { 'README.md': `${CARD('newer-lab')}\nv2\n` } }] }),
    repo('unsigned-lab')
  ],
  redirects: [{ from: 'rename-old/ner-small', to: 'rename-new/ner-small' }]
};


export interface AuditWorld {
  before: BuiltStore;
  /** approved-models.yaml text: every repository of ORGS pinned at its approved commit. */
  allowlist: string;
  /** The signer's public key (PEM); the records are in `${dir}/signatures`, the later Hub's store in `${dir}/after`. */
  publicPem: string;
}

/** Reviews and signs every entry (but unsigned-lab's) against the Hub as it was, then builds the later Hub. */
export async function approveThenChange(dir: string): Promise<AuditWorld> {
  const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const before = await buildStore(join(dir, 'before'), BEFORE);
  const allowlist = `version: 1\nmodels:\n${ORGS.map((o) => `  - repo: ${o}/ner-small\n    revision: ${before.repos[`${o}/ner-small`]!.shas[1]}\n`).join('')}`;
  const reg = await startRegistry({ storeDir: join(dir, 'before') });
  const hub = new HubClient({ hubUrl: reg.hubUrl, allowedCdnOrigins: [reg.cdnUrl], env: {}, maxRetries: 0 });
  try {
    const { reviews } = await createReviewer({ hub, now: () => new Date('2024-01-01T00:00:00Z') }).reviewChange({
      allowlistPath: 'approved-models.yaml', baseText: 'version: 1\nmodels: []\n', headText: allowlist, policyText: null, policySource: 'defaults'
    });
    const verdicts = reviews.map((r) => `${r.entry.repo} ${r.verdict}`);
    if (verdicts.join() !== ORGS.map((o) => `${o}/ner-small approved`).join()) throw new Error(`the approval-time reviews are not all approved: ${verdicts.join(', ')}`);
    await signApprovedReviews(reviews.filter((r) => r.entry.repo !== 'unsigned-lab/ner-small'), {
      mode: { kind: 'key', privateKeyPem: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
      outDir: join(dir, 'signatures'),
      policy: defaultPolicy()
    });
  } finally {
    await hub.close();
    await reg.close();
  }
  await buildStore(join(dir, 'after'), AFTER);
  return { before, allowlist, publicPem: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}
