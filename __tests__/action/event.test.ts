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
