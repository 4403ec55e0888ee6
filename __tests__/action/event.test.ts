import { readFileSync } from 'node:fs';
import { targetFromEvent, UnsupportedEventError } from '../../src/action/event.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

function pr(extra: Record<string, unknown> = {}) {
  return {
    number: 12,
    pull_request: {
      number: 12,
      html_url: 'https://github.com/acme/models/pull/12',
      base: { sha: A, ref: 'main', repo: { full_name: 'acme/models' } },
      head: { sha: B, ref: 'add-model', repo: { full_name: 'acme/models' } },
      ...extra
    }
  };
}

describe('targetFromEvent', () => {
  it.each(['pull_request', 'pull_request_target'])('reads base and head shas from %s', (name) => {
    expect(targetFromEvent(name, pr())).toEqual({
      kind: 'pull_request', number: 12, baseSha: A, headSha: B, baseRef: 'main', fork: false, url: 'https://github.com/acme/models/pull/12'
    });
  });

  it('marks fork pull requests', () => {
    const payload = pr({ head: { sha: B, repo: { full_name: 'mallory/models' } } });
    expect(targetFromEvent('pull_request', payload)).toMatchObject({ fork: true });
  });

  it('reviews before..after on push, and everything on a new branch', () => {
    expect(targetFromEvent('push', { before: A, after: B, ref: 'refs/heads/main' })).toEqual({ kind: 'push', beforeSha: A, afterSha: B, ref: 'refs/heads/main' });
    expect(targetFromEvent('push', { before: '0'.repeat(40), after: B, ref: 'refs/heads/x' })).toMatchObject({ beforeSha: null });
  });

  it('refuses other events and malformed payloads with a clear error', () => {
    expect(() => targetFromEvent('issue_comment', {})).toThrow(UnsupportedEventError);
    expect(() => targetFromEvent('issue_comment', {})).toThrow(/mode: verify/);
    expect(() => targetFromEvent('pull_request', { pull_request: { base: { sha: 'main' }, head: { sha: B }, number: 1 } })).toThrow(/base\.sha/);
    expect(() => targetFromEvent('push', { after: 'HEAD' })).toThrow(/after/);
  });
});

// Real webhook payloads GitHub sent, collected by octokit (@octokit/webhooks-examples): the schemas must read every
// pull_request and push example, for github.com and GitHub Enterprise Server alike.
describe('targetFromEvent on GitHub\'s own example payloads', () => {
  type Example = { name: string; examples: Record<string, any>[] }; // eslint-disable-line @typescript-eslint/no-explicit-any
  const dir = new URL('../../node_modules/@octokit/webhooks-examples/', import.meta.url);
  const sets = ['api.github.com', 'ghes-35'].map((v) => JSON.parse(readFileSync(new URL(`${v}/index.json`, dir), 'utf8')) as Example[]);
  const examples = (name: string) => sets.flatMap((s) => s.filter((e) => e.name === name).flatMap((e) => e.examples));

  it('reads every pull_request example', () => {
    const prs = examples('pull_request');
    expect(prs.length).toBeGreaterThan(20);
    for (const ex of prs) {
      const pr = ex.pull_request;
      for (const name of ['pull_request', 'pull_request_target']) {
        expect(targetFromEvent(name, ex)).toEqual({
          kind: 'pull_request',
          number: ex.number,
          baseSha: pr.base.sha,
          headSha: pr.head.sha,
          baseRef: pr.base.ref,
          fork: pr.head.repo !== null && pr.head.repo.full_name !== pr.base.repo.full_name,
          url: pr.html_url
        });
      }
    }
  });

  it('reads every push example', () => {
    const pushes = examples('push');
    expect(pushes.length).toBeGreaterThan(3);
    for (const ex of pushes) {
      expect(targetFromEvent('push', ex)).toEqual({ kind: 'push', beforeSha: /^0+$/.test(ex.before) ? null : ex.before, afterSha: ex.after, ref: ex.ref });
    }
  });
});

describe('malformed payloads name the field', () => {
  it.each([
    [{ pull_request: { number: 1, base: { sha: A }, head: { sha: 'HEAD' } } }, '`pull_request.head.sha` is \'HEAD\', not a 40-hex commit sha'],
    [{ pull_request: { number: 1, base: { sha: A } } }, '`pull_request.head` is missing'],
    [{ pull_request: { base: { sha: A }, head: { sha: B } } }, '`pull_request.number` is missing'],
    [{ number: 'twelve', pull_request: { base: { sha: A }, head: { sha: B } } }, "`number` is 'twelve', not a pull request number"],
    [{}, '`pull_request` is missing']
  ])('%j', (payload, message) => {
    expect(() => targetFromEvent('pull_request', payload)).toThrow(`pull_request payload: ${message}; is this a real pull request event?`);
  });

  it('a deleted fork (head.repo null) is read, not refused', () => {
    const payload = pr({ head: { sha: B, repo: null } });
    expect(targetFromEvent('pull_request', payload)).toMatchObject({ headSha: B, fork: false });
  });

  it('the pull request number may come from the top level only', () => {
    const payload = { number: 5, pull_request: { base: { sha: A }, head: { sha: B } } };
    expect(targetFromEvent('pull_request', payload)).toMatchObject({ number: 5, baseRef: '', url: '' });
  });
});
