// The held-out incident corpus (issue 11, second corpus), reviewed end to end exactly as the first
// (incident-corpus.test.ts): one registry serves every repository of __tests__/fixtures/incident2 (malicious variants
// whose shapes the first corpus lacks, legitimate controls shaped like other real popular repositories, and the first
// corpus's originals the shadows copy); each entry is reviewed as its own pull request through createReviewer({ hub })
// over HTTP, with a base allowlist holding the earlier pin for re-pins; the verdict is compared with its author's.
//
// Written by reading src/ after the first corpus was fully caught, without changing any check: it measures how far
// the rules generalise. Every entry must get its expected verdict, except those listed in fixtures/incident2/open.json
// (today's mismatches, each with its family and root cause, file and function). The list is asserted exactly: a new
// mismatch fails, and so does a listed entry that starts matching ("remove it from open.json"), so it only shrinks.
// API calls per entry are counted as in the first corpus's test.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding } from '../../src/core/findings.js';
import { HubClient } from '../../src/hub/client.js';
import type { FetchLike } from '../../src/hub/http.js';
import { startRegistry, type RunningRegistry } from '../../src/registry/server.js';
import { buildStore, type BuiltStore } from '../../src/registry/store-builder.js';
import type { FullReview } from '../../src/review/pipeline.js';
import { createReviewer } from '../../src/review/reviewer.js';
import {
  allowlists, type CorpusEntry, earlierApprovals, earlierVetting, type EarlierApproval, FAMILIES, type Family, idsFile, incidentCorpus2, NOW, type Verdict
} from '../fixtures/incident2/corpus.js';
import { fetch as undiciFetch } from 'undici';

const TOKEN = 'hf_incident_corpus_token';
const CONCURRENCY = 8;
/** The Hub's quotas per 5-minute window for an anonymous client (hub-api.md; the registry's rate-limit.ts defaults). */
const HUB_API_QUOTA = 500;
const HUB_RESOLVER_QUOTA = 3000;
/** The yardstick: a pull request adding this many entries stays within the quota. */
const PR_ENTRIES = 100;

interface OpenItem {
  family: Family;
  expected: Verdict;
  /** The verdict when the entry was listed (information; not asserted, so partial progress needs no edit). */
  today: Verdict;
  rootCause: string;
}

interface OpenFile {
  entries: Record<string, OpenItem>;
  /** The most Hub API calls one entry needs, while 100 such entries do not fit the quota. */
  hubApiCallsPerEntry?: { max: number; rootCause: string };
}

/** What the tests need of a review (kept small: full reviews would hold every file report). */
interface Outcome {
  entry: CorpusEntry;
  review: Pick<FullReview, 'verdict' | 'complete' | 'commit' | 'repoId' | 'authorId'> & { files: number; findings: string };
  calls: { api: number; resolvers: number; cdn: number };
}

const corpus = incidentCorpus2();
let dir: string;
let built: BuiltStore;
let before: BuiltStore;
let earlier: Map<string, EarlierApproval>;
let registry: RunningRegistry;
let openFile: OpenFile;
let open: Record<string, OpenItem>;
const outcomes: Outcome[] = [];

const worst = (fs: readonly Finding[]): string =>
  fs.filter((f) => f.severity !== 'info' && f.severity !== 'low').map((f) => `${f.check}:${f.severity}`).sort().join(', ') || '-';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mg-incident-corpus2-'));
  [built, before] = await Promise.all([buildStore(join(dir, 'now'), corpus.store), buildStore(join(dir, 'before'), corpus.before)]);
  earlier = earlierApprovals(before, corpus.entries);
  openFile = JSON.parse(await readFile(new URL('../fixtures/incident2/open.json', import.meta.url), 'utf8')) as OpenFile;
  open = openFile.entries;
  registry = await startRegistry({ storeDir: join(dir, 'now'), token: TOKEN, rateLimit: { api: 1_000_000, resolvers: 1_000_000 } });
  const hubHost = new URL(registry.hubUrl).host;

  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < corpus.entries.length) {
      const i = next++;
      const entry = corpus.entries[i]!;
      const repo = built.repos[entry.repo]!;
      const revision = entry.branch ? repo.branches[entry.branch]! : repo.branches.main!;
      const texts = allowlists(entry, revision, earlier.get(entry.repo));
      const calls = { api: 0, resolvers: 0, cdn: 0 };
      const counting: FetchLike = (url, init) => {
        const u = new URL(url);
        if (u.host !== hubHost) calls.cdn++;
        else if (u.pathname.startsWith('/api/')) calls.api++;
        else calls.resolvers++;
        return undiciFetch(url, init as Parameters<typeof undiciFetch>[1]) as unknown as Promise<Response>;
      };
      const hub = new HubClient({
        hubUrl: registry.hubUrl, token: TOKEN, allowedCdnOrigins: [registry.cdnUrl], fetch: counting, env: {}, maxRetries: 0, sleep: async () => undefined
      });
      try {
        // Family 6: the earlier ids live in the base branch (vetting record or ids file); ChangeInput has no field
        // for them yet, so today only the base allowlist's earlier pin reaches the review.
        const { reviews } = await createReviewer({ hub, now: () => new Date(NOW) }).reviewChange({
          allowlistPath: 'approved-models.yaml', baseText: texts.base, headText: texts.head, policyText: null, policySource: 'defaults'
        });
        if (reviews.length !== 1) throw new Error(`${entry.repo}: the PR reviewed ${reviews.length} entries, expected 1`);
        const r = reviews[0]!;
        outcomes[i] = {
          entry, calls,
          review: { verdict: r.verdict, complete: r.complete, commit: r.commit, repoId: r.repoId, authorId: r.authorId, files: r.files.length, findings: worst(r.findings) }
        };
      } finally {
        await hub.close();
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}, 120_000);

afterAll(async () => {
  await registry?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const key = (e: CorpusEntry): string => e.repo;
const matches = (o: Outcome): boolean => o.review.verdict === o.entry.expected;

describe('the corpus', () => {
  test('has ≥ 40 malicious variants in all eight families and ≥ 20 controls', () => {
    const malicious = corpus.entries.filter((e) => e.kind === 'malicious');
    const controls = corpus.entries.filter((e) => e.kind === 'control');
    expect(malicious.length).toBeGreaterThanOrEqual(40);
    expect(controls.length).toBeGreaterThanOrEqual(20);
    expect([...new Set(malicious.map((e) => e.family))].sort()).toEqual(Object.keys(FAMILIES).sort());
    expect(malicious.every((e) => e.expected === 'rejected')).toBe(true);
    expect(controls.every((e) => e.expected !== 'rejected')).toBe(true);
    expect(new Set(corpus.entries.map(key)).size).toBe(corpus.entries.length);
  });

  test('every review was complete and pinned the commit the PR asked for', () => {
    expect(outcomes.filter(Boolean)).toHaveLength(corpus.entries.length);
    for (const o of outcomes) {
      const repo = built.repos[o.entry.repo]!;
      expect({ repo: o.entry.repo, commit: o.review.commit, complete: o.review.complete })
        .toEqual({ repo: o.entry.repo, commit: o.entry.branch ? repo.branches[o.entry.branch] : repo.branches.main, complete: true });
    }
  });

  test('family 6: the earlier approvals recorded other repository and author ids exactly where the namespace changed hands', () => {
    const rePins = outcomes.filter((o) => o.entry.rePin);
    expect(rePins.length).toBeGreaterThanOrEqual(2);
    const ids = JSON.parse(idsFile(earlier.values())) as { models: Record<string, EarlierApproval> };
    for (const o of rePins) {
      const a = earlier.get(o.entry.repo)!;
      const vetting = earlierVetting(before, a).predicate;
      // The two records a check may read agree with each other …
      expect({ repoId: vetting.repoId, authorId: vetting.authorId, commit: vetting.commit }).toEqual({ repoId: a.repoId, authorId: a.authorId, commit: a.revision });
      expect(ids.models[o.entry.repo.toLowerCase()]?.repoId).toBe(a.repoId);
      // … and with what the Hub answers today only when the owner never changed.
      const same = o.review.repoId === a.repoId && o.review.authorId === a.authorId;
      expect({ repo: o.entry.repo, sameIdentity: same }).toEqual({ repo: o.entry.repo, sameIdentity: o.entry.kind === 'control' });
    }
  });
});

describe('verdicts against the corpus', () => {
  test('open.json lists corpus entries with their family and expected verdict', () => {
    const byKey = new Map(corpus.entries.map((e) => [key(e), e]));
    for (const [k, item] of Object.entries(open)) {
      const e = byKey.get(k);
      expect({ entry: k, known: e !== undefined }).toEqual({ entry: k, known: true });
      expect({ entry: k, family: item.family, expected: item.expected }).toEqual({ entry: k, family: e?.family, expected: e?.expected });
      expect(item.rootCause.length).toBeGreaterThan(20);
    }
  });

  test('every entry gets the verdict its author wrote, except exactly those listed in open.json', () => {
    const unexpected: string[] = [];
    const fixed: string[] = [];
    for (const o of outcomes) {
      const listed = key(o.entry) in open;
      if (!matches(o) && !listed) {
        unexpected.push(`${o.entry.repo} [${o.entry.family} ${o.entry.kind}] expected ${o.entry.expected}, got ${o.review.verdict} (${o.review.findings}); ${o.entry.kind === 'malicious' ? 'should be caught by' : 'at risk from'}: ${o.entry.catchBy}`);
      }
      if (matches(o) && listed) fixed.push(`${o.entry.repo} [${o.entry.family}] now gets ${o.review.verdict}: remove it from open.json`);
    }
    expect({ unexpected, fixed }).toEqual({ unexpected: [], fixed: [] });
  });

  test('counts per family (printed)', () => {
    const rows: string[] = [];
    const fams = Object.keys(FAMILIES) as Family[];
    const pad = (s: string | number, n: number): string => String(s).padEnd(n);
    rows.push(`${pad('family', 7)}${pad('malicious', 10)}${pad('rejected', 9)}${pad('review', 7)}${pad('approved', 9)}${pad('controls', 9)}${pad('as written', 11)}what`);
    for (const f of fams) {
      const mal = outcomes.filter((o) => o.entry.family === f && o.entry.kind === 'malicious');
      const ctl = outcomes.filter((o) => o.entry.family === f && o.entry.kind === 'control');
      const n = (v: Verdict): number => mal.filter((o) => o.review.verdict === v).length;
      rows.push(`${pad(f, 7)}${pad(mal.length, 10)}${pad(n('rejected'), 9)}${pad(n('needs-review'), 7)}${pad(n('approved'), 9)}${pad(ctl.length, 9)}${pad(ctl.filter(matches).length, 11)}${FAMILIES[f]}`);
    }
    const mal = outcomes.filter((o) => o.entry.kind === 'malicious');
    const ctl = outcomes.filter((o) => o.entry.kind === 'control');
    rows.push(`${pad('all', 7)}${pad(mal.length, 10)}${pad(mal.filter(matches).length, 9)}${pad(mal.filter((o) => o.review.verdict === 'needs-review').length, 7)}${pad(mal.filter((o) => o.review.verdict === 'approved').length, 9)}${pad(ctl.length, 9)}${pad(ctl.filter(matches).length, 11)}`);
    console.log(`incident corpus 2 (held out): ${outcomes.length} entries, ${Object.keys(open).length} open\n${rows.join('\n')}`);
    expect(mal.filter(matches).length + ctl.filter(matches).length + Object.keys(open).length).toBe(outcomes.length);
  });
});

describe('Hub API calls', () => {
  test('per entry, counted at each review\'s Hub client; 100 entries fit the Hub quota or the excess is recorded in open.json (printed)', () => {
    const api = outcomes.map((o) => o.calls.api).sort((a, b) => a - b);
    expect(api.every((n) => n > 0)).toBe(true);
    const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
    const mean = sum(api) / api.length;
    const p95 = api[Math.floor(api.length * 0.95)]!;
    const max = api[api.length - 1]!;
    const resolvers = outcomes.map((o) => o.calls.resolvers);
    const costly = [...outcomes].sort((a, b) => b.calls.api - a.calls.api).slice(0, 3).map((o) => `${o.entry.repo} ${o.calls.api}`);
    console.log(`Hub API calls per entry: mean ${mean.toFixed(1)}, p95 ${p95}, max ${max}; resolve/raw per entry: mean ${(sum(resolvers) / resolvers.length).toFixed(1)}, max ${Math.max(...resolvers)}; ` +
      `CDN per entry: mean ${(sum(outcomes.map((o) => o.calls.cdn)) / outcomes.length).toFixed(1)}\n` +
      `a PR of ${PR_ENTRIES} entries like the costliest: ${max * PR_ENTRIES} API calls (quota ${HUB_API_QUOTA} per 5 minutes: ${(max * PR_ENTRIES / HUB_API_QUOTA).toFixed(1)} windows); costliest: ${costly.join(', ')}`);
    // File downloads (resolve/raw) have their own, larger quota: 100 entries fit it today.
    expect(Math.max(...resolvers) * PR_ENTRIES).toBeLessThanOrEqual(HUB_RESOLVER_QUOTA);
    const recorded = openFile.hubApiCallsPerEntry;
    if (max * PR_ENTRIES <= HUB_API_QUOTA) {
      expect({ max, recorded: recorded === undefined ? 'absent' : 'fits the quota now: remove hubApiCallsPerEntry from open.json' }).toEqual({ max, recorded: 'absent' });
    } else {
      // Above the quota it may only come down: more calls than recorded is a regression (if the new calls are needed,
      // record the new count in open.json with the reason).
      expect({ max, withinRecorded: recorded !== undefined && max <= recorded.max }).toEqual({ max, withinRecorded: true });
    }
  });
});
