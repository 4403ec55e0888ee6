import { diffAllowlists, entriesToReview } from '../../../src/config/allowlist/diff.js';
import { parseAllowlist } from '../../../src/config/allowlist/parse.js';
import type { Entry } from '../../../src/core/review.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);

function entries(...items: string[]): Entry[] {
  const r = parseAllowlist(['version: 1', 'models:', ...items.map((i) => `  - ${i}`)].join('\n'), 'approved-models.yaml');
  expect(r.errors).toEqual([]);
  return r.entries;
}

describe('diffAllowlists', () => {
  it('first PR: no base file means every entry is added', () => {
    const head = entries(`org/a@${A}`, `org/b@${B}`);
    const d = diffAllowlists(null, head);
    expect(d).toEqual({ added: head, changed: [], removed: [], unchanged: [] });
    expect(entriesToReview(d)).toEqual(head);
  });

  it('an empty base file is the same as none', () => {
    const head = entries(`org/a@${A}`);
    expect(diffAllowlists([], head).added).toEqual(head);
  });

  it('entries added and removed in the same PR', () => {
    const base = entries(`org/keep@${A}`, `org/gone@${B}`);
    const head = entries(`org/keep@${A}`, `org/new@${C}`);
    const d = diffAllowlists(base, head);
    expect(d.added.map((e) => e.repo)).toEqual(['org/new']);
    expect(d.removed.map((e) => e.repo)).toEqual(['org/gone']);
    expect(d.unchanged.map((e) => e.repo)).toEqual(['org/keep']);
    expect(d.changed).toEqual([]);
    expect(entriesToReview(d).map((e) => e.repo)).toEqual(['org/new']);
  });

  it('a revision change is changed and the head entry is reviewed', () => {
    const d = diffAllowlists(entries(`org/a@${A}`), entries(`org/a@${B}`));
    expect(d.changed).toEqual([{ from: expect.objectContaining({ revision: A }), to: expect.objectContaining({ revision: B }), kinds: ['revision'] }]);
    expect(entriesToReview(d)).toEqual([expect.objectContaining({ repo: 'org/a', revision: B })]);
  });

  it('a case-only change is the same repository: flagged as changed, not added and removed', () => {
    const d = diffAllowlists(entries(`org/model@${A}`), entries(`Org/Model@${A}`));
    expect(d.added).toEqual([]);
    expect(d.removed).toEqual([]);
    expect(d.changed.map((c) => [c.from.repo, c.to.repo, c.kinds])).toEqual([['org/model', 'Org/Model', ['case']]]);
  });

  it('a files change is reviewed; file order is not a change', () => {
    const base = entries(`{repo: org/a, revision: '${A}', files: ['*.json', '*.safetensors']}`, `{repo: org/b, revision: '${A}', files: ['x.bin']}`, `org/c@${A}`);
    const head = entries(`{repo: org/a, revision: '${A}', files: ['*.safetensors', '*.json']}`, `{repo: org/b, revision: '${A}', files: ['y.bin']}`, `{repo: org/c, revision: '${A}', files: ['*.json']}`);
    const d = diffAllowlists(base, head);
    expect(d.unchanged.map((e) => e.repo)).toEqual(['org/a']);
    expect(d.changed.map((c) => [c.to.repo, c.kinds])).toEqual([
      ['org/b', ['files']],
      ['org/c', ['files']]
    ]);
  });

  it('several differences are all listed', () => {
    const d = diffAllowlists(entries(`{repo: org/a, revision: '${A}'}`), entries(`{repo: ORG/a, revision: '${B}', files: ['*.json']}`));
    expect(d.changed[0]?.kinds).toEqual(['revision', 'files', 'case']);
  });

  it('reordering and a reason edit are not changes; unchanged entries carry their head line', () => {
    const base = entries(`org/a@${A}`, `{repo: org/b, revision: '${B}', reason: old}`);
    const head = entries(`{repo: org/b, revision: '${B}', reason: new}`, `org/a@${A}`);
    const d = diffAllowlists(base, head);
    expect(d.added).toEqual([]);
    expect(d.changed).toEqual([]);
    expect(d.removed).toEqual([]);
    expect(d.unchanged.map((e) => [e.repo, e.line])).toEqual([
      ['org/b', 3],
      ['org/a', 4]
    ]);
  });

  it('removing everything lists every base entry as removed', () => {
    const base = entries(`org/a@${A}`, `org/b@${B}`);
    expect(diffAllowlists(base, []).removed).toEqual(base);
  });

  it('entriesToReview returns added and changed entries in head file order', () => {
    const base = entries(`org/changed@${A}`);
    const head = entries(`org/new1@${A}`, `org/changed@${B}`, `org/new2@${A}`);
    expect(entriesToReview(diffAllowlists(base, head)).map((e) => e.repo)).toEqual(['org/new1', 'org/changed', 'org/new2']);
  });
});
