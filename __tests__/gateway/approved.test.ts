// The pure decision: which pin a request resolves to, which names count as lookalikes of an approved one.
import { ApprovedSet, requestHelp } from '../../src/gateway/approved.js';
import { decide } from '../../src/gateway/decision.js';

const PIN = '0123456789abcdef0123456789abcdef01234567';
const OTHER = 'fedcba9876543210fedcba9876543210fedcba98';
const set = new ApprovedSet([{ repo: 'meta-llama/Llama-3.1-8B', revision: PIN }, { repo: 'acme/bert-tiny', revision: OTHER }]);

test('every ref of an approved repository resolves to its pin; the id is case-insensitive as on the Hub', () => {
  for (const rev of ['main', 'refs/pr/3', 'v1.0', PIN, PIN.toUpperCase()]) {
    expect(decide(set, 'meta-llama/Llama-3.1-8B', rev)).toEqual({ ok: true, model: { repo: 'meta-llama/Llama-3.1-8B', revision: PIN } });
  }
  expect(decide(set, 'META-LLAMA/llama-3.1-8b', 'main')).toMatchObject({ ok: true });
  expect(decide(set, 'meta-llama/Llama-3.1-8B', OTHER)).toMatchObject({ ok: false, refusal: { status: 403, reason: 'unapproved-revision' } });
});

test.each([
  ['meta-Ilama/Llama-3.1-8B'], // lookalike characters
  ['meta_llama/Llama-3.1-8B'], // separators
  ['metallama/Llama-3.1-8B'],
  ['meta-llama/Lama-3.1-8B'], // one edit
  ['acme-ai/bert-tiny'], // same name, another owner
  ['acme/bert-tlny']
])('%s is refused as a lookalike of an approved name', (repo) => {
  expect(decide(set, repo, 'main')).toMatchObject({ ok: false, refusal: { reason: 'typosquat', code: 'ModelNotApproved' } });
});

test('an unrelated repository is refused with the PR that would approve it, naming the commit asked for', () => {
  expect(decide(set, 'google/gemma-2b', 'main')).toEqual({
    ok: false,
    refusal: { status: 403, code: 'ModelNotApproved', reason: 'not-approved', message: 'google/gemma-2b is not approved; to request it open a PR adding `google/gemma-2b@<40-hex commit sha>` to approved-models.yaml' }
  });
  expect(requestHelp('google/gemma-2b', OTHER)).toBe(`google/gemma-2b is not approved; to request it open a PR adding \`google/gemma-2b@${OTHER}\` to approved-models.yaml`);
});
