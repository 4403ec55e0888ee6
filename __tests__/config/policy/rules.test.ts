// The approval rules' vocabulary and merge: the format names a policy may list are the ones the scanners report
// (every fixture written by a real library is scanned and its formats looked up), and a profile replaces the
// top-level rules key by key.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { policyDigest } from '../../../src/config/policy/digest.js';
import { describePolicyChange } from '../../../src/config/policy/diff.js';
import { loadPolicy } from '../../../src/config/policy/load.js';
import { formatMembers, mergeRules, policyForEntry, POLICY_FORMATS, SCANNER_FORMATS } from '../../../src/config/policy/rules.js';
import { createFileScanner } from '../../../src/scan/file-scanner.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (statSync(p).size <= 4 * 1024 * 1024) yield p;
  }
}

function formatsOf(path: string): string[] {
  const bytes = readFileSync(path);
  const s = createFileScanner({ path, size: bytes.length, tail: bytes.subarray(Math.max(0, bytes.length - 65536)) });
  for (let i = 0; i < bytes.length; i += 65536) s.push(bytes.subarray(i, i + 65536));
  return s.end().formats;
}

describe('format vocabulary', () => {
  it('names every format the scanners report for the real-library fixtures', () => {
    const seen = new Set<string>();
    for (const dir of ['real', 'formats', 'loaders', 'compression']) for (const p of files(join(FIXTURES, dir))) for (const f of formatsOf(p)) seen.add(f);
    expect(seen.size).toBeGreaterThan(15);
    expect([...seen].filter((f) => !(SCANNER_FORMATS as readonly string[]).includes(f))).toEqual([]);
  });

  it('pickle covers torch checkpoints and joblib dumps; joblib is part of pickle', () => {
    expect(formatMembers('pickle')).toEqual(expect.arrayContaining(['pickle', 'pytorch-zip', 'joblib', 'joblib-zf']));
    expect(formatMembers('joblib').every((f) => formatMembers('pickle').includes(f))).toBe(true);
    expect(formatMembers('safetensors')).toEqual(['safetensors']);
    expect(POLICY_FORMATS).toContain('pickle');
  });
});

describe('profiles', () => {
  const text = 'remote_code: deny\nmin_downloads: 1000\nprofiles:\n  research:\n    remote_code: review\n  broken:\n    remote_code: maybe\n';

  it('a profile replaces the keys it sets and keeps the rest; a profile with an error is left out', () => {
    const { policy, errors } = loadPolicy(text, 'p.yml');
    expect(errors.map((e) => `${e.line}: ${e.message}`)).toEqual(["7: `remote_code` is 'maybe'; it must be one of deny, review, allow-trusted"]);
    expect(Object.keys(policy.profiles)).toEqual(['research']);
    const research = policyForEntry(policy, { repo: 'a/b', profile: 'research' });
    expect([research.policy.remoteCode, research.policy.minDownloads, research.finding]).toEqual(['review', 1000, undefined]);
    expect(policyForEntry(policy, { repo: 'a/b', profile: 'broken' }).finding?.check).toBe('policy.profile-unknown');
    expect(mergeRules(policy, undefined)).toBe(policy);
  });

  it('rules enter the digest only when set, and changes are described', () => {
    expect(policyDigest(loadPolicy('fail_on: high\n', 'p').policy)).toBe(policyDigest(loadPolicy(null, 'p').policy));
    expect(policyDigest(loadPolicy('remote_code: deny\n', 'p').policy)).not.toBe(policyDigest(loadPolicy(null, 'p').policy));
    expect(describePolicyChange('remote_code: deny\n', text, 'p')).toEqual(expect.arrayContaining([
      'changes `min_downloads` from unset to 1000',
      'adds profile research',
      'profile research: changes `remote_code` from unset to review'
    ]));
  });
});
