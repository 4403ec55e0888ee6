// The provenance decisions as pure functions: account age, history shape, popularity, access states, model card
// placeholders and copies, and the word shingles underneath. Table-driven; dates are fixed.
import fc from 'fast-check';
import type { Severity } from '../../../src/core/findings.js';
import type { Commit } from '../../../src/hub/types.js';
import { accessFindings } from '../../../src/checks/provenance/access.js';
import { accountFindings, type AccountFacts } from '../../../src/checks/provenance/account.js';
import { cardFindings, copiedCardFindings } from '../../../src/checks/provenance/card.js';
import {
  cardSimilarity, comparableWords, containment, jaccard, letterWords, proseOf, shingles, splitFrontMatter
} from '../../../src/checks/provenance/card-text.js';
import { historyFindings, type HistoryFacts } from '../../../src/checks/provenance/history.js';
import { popularityFindings } from '../../../src/checks/provenance/popularity.js';
import { count, daysBetween, instant, isoDay, span } from '../../../src/checks/provenance/time.js';
import { scanStates } from '../../../src/checks/hub-scan.js';

const T = (iso: string): number => Date.parse(iso);
const NOW = T('2026-05-14T09:00:00.000Z');
const severities = (fs: { check: string; severity: Severity }[]): string[] => fs.map((f) => `${f.check}:${f.severity}`);

describe('time helpers', () => {
  test.each([
    [3.9, '3 days'],
    [2, '2 days'],
    [1.47, '35 hours'],
    [1 / 24, '1 hour'],
    [0.5 / 24, '30 minutes'],
    [-2.5, '2 days']
  ])('span(%p) = %p', (days, text) => {
    expect(span(days)).toBe(text);
  });

  test('instants, days and formatting', () => {
    expect(instant(undefined)).toBeUndefined();
    expect(instant('not a date')).toBeUndefined();
    expect(instant('2026-05-10T03:12:00.000Z')).toBe(T('2026-05-10T03:12:00.000Z'));
    expect(daysBetween(T('2026-05-10T00:00:00Z'), T('2026-05-12T12:00:00Z'))).toBe(2.5);
    expect(isoDay(T('2026-05-10T23:59:59Z'))).toBe('2026-05-10');
    expect(count(244118)).toBe('244,118');
  });
});

describe('account age', () => {
  const base: AccountFacts = {
    name: 'Open-OSS',
    type: 'org',
    createdAt: T('2026-05-10T03:12:00.000Z'),
    createdAtSource: 'objectId',
    published: { at: T('2026-05-12T21:40:00.000Z'), from: 'repository createdAt' },
    repo: 'Open-OSS/privacy-filter',
    now: NOW,
    protectedNamespace: false,
    otherSignals: []
  };

  type Row = [label: string, change: Partial<AccountFacts>, expected: string[]];
  const rows: Row[] = [
    ['young org alone asks for review', {}, ['provenance.account-young:medium']],
    ['young org imitating a publisher blocks', { impersonates: 'openai/privacy-filter (repo-name shadowing)' }, ['provenance.account-young:high']],
    ['young org with two other signals blocks', { otherSignals: ['a single commit holding everything', 'popularity out of proportion to its age'] }, ['provenance.account-young:high']],
    ['young org with one other signal stays medium', { otherSignals: ['a placeholder model card'] }, ['provenance.account-young:medium']],
    ['account 29 days before the repo is young', { createdAt: T('2026-04-13T22:00:00.000Z') }, ['provenance.account-young:medium']],
    ['account 31 days before the repo is not', { createdAt: T('2026-04-11T00:00:00.000Z') }, []],
    ['old user account is quiet', { type: 'user', createdAt: T('2021-03-01T00:00:00Z'), createdAtSource: 'createdAt' }, []],
    ['young today with no publish date', { published: undefined, createdAt: T('2026-05-01T00:00:00Z') }, ['provenance.account-young:medium']],
    ['an account younger than its repository was handed the repo', { createdAt: T('2024-01-01T00:00:00Z'), published: { at: T('2022-08-01T00:00:00Z'), from: 'repository createdAt' } }, ['provenance.account-after-repo:low']],
    ['…and only a note for a protected publisher (google-bert was made in 2023)', { protectedNamespace: true, createdAt: T('2023-11-15T00:00:00Z'), published: { at: T('2022-03-02T23:29:04Z'), from: 'repository createdAt' } }, ['provenance.account-after-repo:info']],
    ['a trusted name re-registered days ago is still young', { protectedNamespace: true, createdAt: T('2026-05-12T00:00:00Z'), published: { at: T('2026-05-12T20:00:00Z'), from: 'repository createdAt' } }, ['provenance.account-young:medium']],
    // xai-org made its organisation the day before grok-1 (2024-03-17): a launch, two years before this review.
    ['a protected publisher\'s launch-day organisation, old today, is a note', { protectedNamespace: true, name: 'xai-org', repo: 'xai-org/grok-1', createdAt: T('2024-03-16T10:00:00Z'), published: { at: T('2024-03-17T12:00:00Z'), from: 'repository createdAt' } }, ['provenance.account-young:info']],
    ['…but the same launch shape on an unprotected name still asks for review', { name: 'xai-orgs', repo: 'xai-orgs/grok-1', createdAt: T('2024-03-16T10:00:00Z'), published: { at: T('2024-03-17T12:00:00Z'), from: 'repository createdAt' } }, ['provenance.account-young:medium']]
  ];
  test.each(rows)('%s', (_label, change, expected) => {
    const v = accountFindings({ ...base, ...change });
    expect(severities(v.findings)).toEqual(expected);
    expect(v.young).toBe(expected.some((e) => e.startsWith('provenance.account-young') && !e.endsWith(':info')));
  });

  test('says the numbers: creation day and the lead over the repository', () => {
    const [f] = accountFindings({ ...base, impersonates: 'openai/privacy-filter (repo-name shadowing)' }).findings;
    expect(f?.message).toContain('organisation Open-OSS created 2026-05-10, 2 days before the repo');
    expect(f?.message).toContain('openai/privacy-filter');
    expect(f?.evidence).toContain('_id timestamp');
    expect(f?.evidence).toContain('account age today 4 days');
  });
});

describe('history shape', () => {
  const commit = (id: string, date: string, title = 'Upload folder'): Commit => ({ id, title, date, authors: [{ user: 'dev' }] });
  const SHA = 'a'.repeat(40);
  const base: HistoryFacts = {
    repo: 'x/y',
    sha: SHA,
    commits: [commit(SHA, '2026-05-12T21:40:00Z', 'initial commit')],
    total: 1,
    complete: true,
    fileCount: 7,
    repoCreatedAt: T('2026-05-12T21:40:00Z'),
    now: NOW
  };
  type Row = [label: string, change: Partial<HistoryFacts>, expected: string[]];
  const rows: Row[] = [
    ['one commit holding everything', {}, ['provenance.single-commit:medium']],
    ['one commit with one file is not a shape', { fileCount: 1 }, []],
    ['two commits', { commits: [commit(SHA, '2026-05-12T22:00:00Z'), commit('b'.repeat(40), '2026-05-12T21:40:00Z', 'initial commit')], total: 2 }, []],
    ['total from the header wins over a partial page', { commits: [commit(SHA, '2026-05-12T22:00:00Z')], total: 120, complete: false }, []],
    ['history not starting at the pin cannot be trusted', { commits: [commit('c'.repeat(40), '2026-05-12T22:00:00Z')] }, ['provenance.history-inconsistent:high']],
    ['empty history cannot be trusted', { commits: [], total: 0 }, ['provenance.history-inconsistent:high']],
    [
      'a pinned commit pushed yesterday into a two-year-old repository',
      { commits: [commit(SHA, '2026-05-13T10:00:00Z', 'Update tokenizer'), commit('d'.repeat(40), '2024-04-01T00:00:00Z')], total: 40, complete: false, repoCreatedAt: T('2024-04-01T00:00:00Z') },
      ['provenance.commit-recent:low']
    ],
    [
      'a commit two weeks old is not recent',
      { commits: [commit(SHA, '2026-04-30T10:00:00Z'), commit('d'.repeat(40), '2024-04-01T00:00:00Z')], total: 40, complete: false, repoCreatedAt: T('2024-04-01T00:00:00Z') },
      []
    ],
    ['commits dated before the repository existed', { commits: [commit(SHA, '2025-01-01T00:00:00Z'), commit('e'.repeat(40), '2024-12-01T00:00:00Z')], total: 2, repoCreatedAt: T('2026-05-12T00:00:00Z') }, ['provenance.commit-backdated:low']],
    ['old histories predate the Hub recording createdAt: fine', { commits: [commit(SHA, '2019-06-01T00:00:00Z'), commit('e'.repeat(40), '2018-11-14T00:00:00Z')], total: 2, repoCreatedAt: T('2022-03-02T23:29:04Z') }, []],
    ['a commit dated in the future', { commits: [commit(SHA, '2027-01-01T00:00:00Z'), commit('e'.repeat(40), '2026-05-12T21:40:00Z')], total: 2 }, ['provenance.commit-dated-future:low']]
  ];
  test.each(rows)('%s', (_label, change, expected) => {
    const v = historyFindings({ ...base, ...change });
    expect(severities(v.findings)).toEqual(expected);
  });

  test('the single-commit finding names the commit and the file count; the first commit date is returned', () => {
    const v = historyFindings(base);
    expect(v.singleCommit).toBe(true);
    expect(v.firstCommitAt).toBe(T('2026-05-12T21:40:00Z'));
    expect(v.findings[0]?.message).toBe('the whole repository (7 files) arrived in a single commit, "initial commit" on 2026-05-12: there is no history to review');
    expect(historyFindings({ ...base, complete: false, total: 3 }).firstCommitAt).toBeUndefined();
  });
});

describe('popularity never lowers, only raises', () => {
  type Row = [label: string, downloads: number, likes: number, created: string, protectedNs: boolean, flagged: boolean];
  const rows: Row[] = [
    ['the incident: 244k downloads in 36 hours', 244_118, 1207, '2026-05-12T21:40:00Z', false, true],
    ['likes alone out of proportion', 50, 400, '2026-05-10T00:00:00Z', false, true],
    ['a new repo with ordinary numbers', 2_300, 12, '2026-05-04T00:00:00Z', false, false],
    ['10k downloads over 25 days is ~400/day', 10_000, 20, '2026-04-19T00:00:00Z', false, false],
    ['an old repo: the Hub count covers 30 days, nothing to compare', 900_000, 5000, '2024-01-01T00:00:00Z', false, false],
    ['a protected publisher\'s new release drawing a crowd', 1_500_000, 3000, '2026-05-11T00:00:00Z', true, false],
    ['just under both bars', 9_999, 99, '2026-05-13T12:00:00Z', false, false]
  ];
  test.each(rows)('%s', (_label, downloads, likes, created, protectedNamespace, flagged) => {
    const v = popularityFindings({ repo: 'x/y', downloads, likes, repoCreatedAt: T(created), now: NOW, protectedNamespace });
    expect(v.inflated).toBe(flagged);
    expect(severities(v.findings)).toEqual(flagged ? ['provenance.popularity:medium'] : []);
  });

  test('the message says the numbers and that popularity is attacker-controlled', () => {
    const [f] = popularityFindings({ repo: 'x/y', downloads: 244_118, likes: 1207, repoCreatedAt: T('2026-05-12T21:40:00Z'), now: NOW, protectedNamespace: false }).findings;
    expect(f?.message).toBe("244,118 downloads and 1,207 likes within 35 hours of the repository's creation (2026-05-12): popularity is attacker-controlled and says nothing about safety");
  });

  test('no creation date, no judgement', () => {
    expect(popularityFindings({ repo: 'x/y', downloads: 1e7, now: NOW, protectedNamespace: false }).findings).toEqual([]);
  });
});

describe('access states', () => {
  test.each([
    [{ disabled: true }, ['provenance.disabled:high']],
    [{ private: true }, ['provenance.private:low']],
    [{ gated: 'manual' as const }, ['provenance.gated:info']],
    [{ gated: 'auto' as const, private: true }, ['provenance.private:low', 'provenance.gated:info']],
    [{ gated: false as const, private: false, disabled: false }, []]
  ])('%p', (info, expected) => {
    expect(severities(accessFindings('x/y', info))).toEqual(expected);
  });
});

describe('model card text', () => {
  test('front matter, prose and words', () => {
    expect(splitFrontMatter('---\nlicense: mit\n---\n# Title\n')).toEqual({ body: '# Title\n', frontMatter: 'license: mit' });
    expect(splitFrontMatter('# no front matter').frontMatter).toBeUndefined();
    const prose = proseOf('Real words here.\n<!-- hidden comment -->\n```python\nimport torch\n```\nSee [docs](https://x.invalid/a) and `code` <b>bold</b> https://y.invalid/z\n~~~\nunclosed fence swallows the rest');
    expect(letterWords(prose)).toEqual(['Real', 'words', 'here', 'See', 'docs', 'and', 'bold']);
    expect(comparableWords('---\ntags: [a]\n---\nHello, World 2!')).toEqual(['hello', 'world', '2']);
  });

  test('shingles, Jaccard and containment', () => {
    const w = 'a b c d e f g'.split(' ');
    expect([...shingles(w, 5)]).toEqual(['a b c d e', 'b c d e f', 'c d e f g']);
    expect(shingles(['a', 'b'], 5).size).toBe(0);
    const a = new Set(['1', '2', '3', '4']);
    const b = new Set(['3', '4', '5', '6']);
    expect(jaccard(a, b)).toBeCloseTo(2 / 6);
    expect(jaccard(new Set(), new Set())).toBe(0);
    expect(containment(new Set(['3', '4']), b)).toBe(1);
    expect(containment(new Set(), b)).toBe(0);
  });

  const LEGIT = `---
license: apache-2.0
---
# privacy-filter

A small token-classification model that finds personal data (names, e-mail addresses, phone numbers, postal
addresses) in text so it can be redacted before logging or training. It was trained on a mix of synthetic and
licensed support transcripts and evaluated on a held-out set of real, consented conversations.

\`\`\`python
pii = pipeline("token-classification", model="openai/privacy-filter")
\`\`\`
`;
  test('a copy that renames self-references and adds a section is still a copy', () => {
    const copy = LEGIT.replace('openai/privacy-filter', 'Open-OSS/privacy-filter') + '\n## Quickstart\n\nRun the setup step once before first use.\n';
    const raw = cardSimilarity(copy, LEGIT);
    const s = cardSimilarity(copy, LEGIT, { candidate: 'Open-OSS/privacy-filter', original: 'openai/privacy-filter' });
    expect(s.jaccard).toBeGreaterThan(raw.jaccard);
    expect(s.containment).toBe(1);
    const v = copiedCardFindings({ repo: 'Open-OSS/privacy-filter', path: 'README.md', original: 'openai/privacy-filter', originalCard: LEGIT, card: copy, blocking: true });
    expect(v.copied).toBe(true);
    expect(v.findings[0]?.severity).toBe('high');
    expect(v.findings[0]?.message).toMatch(/^the model card is copied from openai\/privacy-filter \(Jaccard 0\.\d\d over 5-word shingles, 100% of the original's shingles present\)$/);
    expect(copiedCardFindings({ repo: 'jdoe/privacy-filter', path: 'README.md', original: 'openai/privacy-filter', originalCard: LEGIT, card: copy, blocking: false }).findings[0]?.severity).toBe('medium');
  });

  test('an independent card on the same topic is not a copy', () => {
    const own = `# privacy-filter\n\nOur redaction model tags people, e-mails and phone numbers in chat logs. We fine-tuned a small encoder on ` +
      `our own annotated tickets; expect lower recall on addresses. Licensed MIT, trained in March, maintained by the data team.\n`;
    const v = copiedCardFindings({ repo: 'jdoe/privacy-filter', path: 'README.md', original: 'openai/privacy-filter', originalCard: LEGIT, card: own, blocking: true });
    expect(v.copied).toBe(false);
    expect(v.similarity.jaccard).toBeLessThan(0.1);
    expect(v.findings).toEqual([]);
  });

  test('an original too short to compare is never called copied', () => {
    const v = copiedCardFindings({ repo: 'a/b', path: 'README.md', original: 'c/b', originalCard: '# b\n\nA model.\n', card: '# b\n\nA model.\n', blocking: true });
    expect(v.copied).toBe(false);
  });

  const TEMPLATE = `---
library_name: transformers
tags: []
---

# Model Card for Model ID

<!-- Provide a quick summary of what the model is/does. -->

## Model Details

### Model Description

<!-- Provide a longer summary of what this model is. -->

This is the model card of a 🤗 transformers model that has been pushed on the Hub. This model card has been automatically generated.

- **Developed by:** [More Information Needed]
- **Funded by [optional]:** [More Information Needed]
- **Shared by [optional]:** [More Information Needed]
- **Model type:** [More Information Needed]
- **Language(s) (NLP):** [More Information Needed]
- **License:** [More Information Needed]
- **Finetuned from model [optional]:** [More Information Needed]

## Uses

### Direct Use

[More Information Needed]

### Downstream Use [optional]

[More Information Needed]

### Out-of-Scope Use

[More Information Needed]

## Bias, Risks, and Limitations

[More Information Needed]
`;
  type Row = [label: string, text: string | undefined, expected: string[]];
  const rows: Row[] = [
    ['no README at all', undefined, ['provenance.card-missing:medium']],
    ['front matter only', '---\nlicense: mit\n---\n', ['provenance.card-placeholder:medium']],
    ['a title and one line', '# my-model\n\nA model.\n', ['provenance.card-placeholder:medium']],
    ['the Hub\'s unfilled template', TEMPLATE, ['provenance.card-placeholder:medium']],
    ['the template line shown as text', `# m\n\nProvide a quick summary of what the model is/does.\n\n${'Plenty of other words here. '.repeat(10)}`, ['provenance.card-placeholder:medium']],
    ['a real card', LEGIT, []],
    ['a real card that kept the template comments', `<!-- Provide a quick summary of what the model is/does. -->\n${LEGIT.split('---\n')[2]}`, []],
    ['a short card of a derived model that names its base', '---\nbase_model: meta-llama/Llama-3.2-3B-Instruct\n---\n# Llama-3.2-3B-Instruct-4bit\n\nThe model was converted to MLX format from meta-llama/Llama-3.2-3B-Instruct using mlx-lm.\n', []],
    ['code only is not a card', '# x\n\n```python\nfrom transformers import AutoModel\nm = AutoModel.from_pretrained("x/y")\nprint(m)\n```\n', ['provenance.card-placeholder:medium']],
    ['a usage card: one sentence of what it is and the code to run it (generated MLX card)', '---\nlibrary_name: mlx\n---\n\n# mlx-community/whisper-large-v3-turbo\nThis model was converted to MLX format from large-v3-turbo.\n\n## Use with mlx\n```bash\npip install mlx-whisper\n```\n\n```python\nimport mlx_whisper\n\nresult = mlx_whisper.transcribe(\n    "FILE_NAME",\n    path_or_hf_repo="mlx-community/whisper-large-v3-turbo",\n)\n```\n', []],
    ['the same usage code under a title alone is still a placeholder', '# whisper-large-v3-turbo\n\n```bash\npip install mlx-whisper\n```\n\n```python\nimport mlx_whisper\n\nresult = mlx_whisper.transcribe(\n    "FILE_NAME",\n    path_or_hf_repo="mlx-community/whisper-large-v3-turbo",\n)\n```\n', ['provenance.card-placeholder:medium']],
    ['a sentence with two lines of code is still a placeholder', '# my-model\n\nThis model was converted to MLX format from the original.\n\n```bash\npip install x\npython run.py\n```\n', ['provenance.card-placeholder:medium']]
  ];
  test.each(rows)('%s', (_label, text, expected) => {
    const input = text === undefined ? { kind: 'missing' as const } : { kind: 'text' as const, path: 'README.md', text };
    const v = cardFindings('x/y', input);
    expect(severities(v.findings)).toEqual(expected);
    expect(v.placeholder).toBe(expected.length > 0);
  });

  test('the unfilled template says why, and a card that was not read is a note', () => {
    expect(cardFindings('x/y', { kind: 'text', path: 'README.md', text: TEMPLATE }).findings[0]?.message).toContain('11 sections still say "[More Information Needed]"');
    let filled = 0;
    const partly = TEMPLATE.split('## Uses')[0]!.replace(/\[More Information Needed\]/g, (m) => (filled++ < 3 ? 'filled in by hand' : m));
    expect(cardFindings('x/y', { kind: 'text', path: 'README.md', text: partly }).findings[0]?.message).toContain('automatically generated card');
    const notRead = cardFindings('x/y', { kind: 'not-read', path: 'README.md', size: 5_000_000 });
    expect(severities(notRead.findings)).toEqual(['provenance.card-not-read:info']);
    expect(notRead.placeholder).toBe(false);
  });
});

describe('hub scan states', () => {
  test('counts how far the Hub scanners got', () => {
    expect(scanStates([{ securityFileStatus: { status: 'safe' } }, {}, { securityFileStatus: { status: 'queued' } }, { securityFileStatus: { status: 'queued' } }])).toBe('2 queued, 1 safe, 1 without status');
    expect(scanStates([])).toBe('no files');
  });
});

describe('popularity is monotone: more downloads or likes never remove a finding', () => {
  test('property', () => {
    const facts = fc.record({
      downloads: fc.nat({ max: 5_000_000 }),
      likes: fc.nat({ max: 50_000 }),
      extraDownloads: fc.nat({ max: 5_000_000 }),
      extraLikes: fc.nat({ max: 50_000 }),
      ageHours: fc.integer({ min: 0, max: 24 * 60 }),
      protectedNamespace: fc.boolean()
    });
    fc.assert(
      fc.property(facts, (f) => {
        const at = (downloads: number, likes: number) =>
          popularityFindings({ repo: 'x/y', downloads, likes, repoCreatedAt: NOW - f.ageHours * 3_600_000, now: NOW, protectedNamespace: f.protectedNamespace });
        const before = at(f.downloads, f.likes);
        const after = at(f.downloads + f.extraDownloads, f.likes + f.extraLikes);
        return !before.inflated || after.inflated;
      }),
      { numRuns: 500 }
    );
  });
});
