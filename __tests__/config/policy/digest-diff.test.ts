import { describePolicyChange } from '../../../src/config/policy/diff.js';
import { canonicalJson, policyDigest } from '../../../src/config/policy/digest.js';
import { loadPolicy } from '../../../src/config/policy/load.js';

const policyA = [
  'fail_on: medium',
  'trusted_publishers: [acme-ai, beta-labs]',
  'exclude: ["*.onnx", "original/**"]',
  'exceptions:',
  '  - repo: acme-ai/m',
  '    checks: [a.b, c.*]',
  '    reason: ok',
  '    expires: 2026-12-31',
  'max_file_size: 1GiB'
].join('\n');
// Same rules, different key order, list order, quoting and line positions.
const policyB = [
  '# comment moves everything down a line',
  "max_file_size: '1073741824'",
  'exceptions:',
  '  - expires: "2026-12-31"',
  '    reason: ok',
  '    checks: [c.*, a.b]',
  '    repo: acme-ai/m',
  'exclude: ["original/**", "*.onnx"]',
  'trusted_publishers:',
  '  - beta-labs',
  '  - acme-ai',
  'fail_on: medium',
  'concurrency: 9'
].join('\n');

describe('policyDigest', () => {
  it('is stable across key order, list order, formatting and concurrency', () => {
    const a = loadPolicy(policyA, 'p');
    const b = loadPolicy(policyB, 'p');
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
    expect(policyDigest(a.policy)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(policyDigest(b.policy)).toBe(policyDigest(a.policy));
  });

  it('changes when a rule changes', () => {
    const base = policyDigest(loadPolicy(policyA, 'p').policy);
    for (const edit of [
      policyA.replace('fail_on: medium', 'fail_on: high'),
      policyA.replace('beta-labs', 'gamma-labs'),
      policyA.replace('2026-12-31', '2027-01-01'),
      policyA.replace('1GiB', '2GiB'),
      policyA + '\nallow_globals: [collections.OrderedDict]'
    ]) {
      expect(policyDigest(loadPolicy(edit, 'p').policy)).not.toBe(base);
    }
  });

  it('canonicalJson sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: undefined, x: 2 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"x":2,"z":1}]},"b":1}');
  });
});

describe('describePolicyChange', () => {
  it('is empty for no change and for a formatting-only change', () => {
    expect(describePolicyChange(policyA, policyA)).toEqual([]);
    expect(describePolicyChange(null, null)).toEqual([]);
    expect(describePolicyChange(policyA, policyB)).toEqual(['changes concurrency from 4 to 9']);
  });

  it('describes each kind of change in words', () => {
    const head = [
      'fail_on: critical',
      'trusted_publishers: [acme-ai, new-pub]',
      'legitimate_namespaces: [neighbour]',
      'exclude: ["*.onnx", "*.gguf"]',
      'exceptions:',
      '  - repo: acme-ai/m',
      '    checks: [a.b]',
      '    reason: ok',
      '    expires: 2027-03-01',
      '  - repo: new/one',
      '    checks: [namespace.shadowing]',
      '    reason: reviewed SEC-9',
      '    expires: 2026-09-30',
      'allow_globals: [collections.OrderedDict]',
      'max_file_size: 2GiB'
    ].join('\n');
    expect(describePolicyChange(policyA, head)).toEqual([
      'adds trusted publisher new-pub',
      'removes trusted publisher beta-labs',
      'adds known-legitimate namespace neighbour (lookalike checks will not flag it)',
      'raises the fail threshold from medium to critical (fewer findings fail the check)',
      "excludes files matching '*.gguf' from download and review",
      "stops excluding files matching 'original/**'",
      'allows the pickle global collections.OrderedDict',
      'changes exception for acme-ai/m: checks a.b, c.* → a.b; expires 2026-12-31 → 2027-03-01',
      'adds exception for new/one (checks namespace.shadowing; expires 2026-09-30): reviewed SEC-9',
      'changes the maximum file size from 1 GiB to 2 GiB'
    ]);
  });

  it('lowering the threshold and removing an exception', () => {
    expect(describePolicyChange(policyA, 'fail_on: low\ntrusted_publishers: [acme-ai, beta-labs]\nexclude: ["*.onnx", "original/**"]\nmax_file_size: 1GiB\n')).toEqual([
      'lowers the fail threshold from medium to low (more findings fail the check)',
      'removes exception for acme-ai/m (checks a.b, c.*; expires 2026-12-31): ok'
    ]);
  });

  it('adding and removing the file, and a head policy with errors', () => {
    expect(describePolicyChange(null, 'fail_on: medium\n')).toEqual([
      'adds the policy file .github/model-gate.yml',
      'lowers the fail threshold from high to medium (more findings fail the check)'
    ]);
    expect(describePolicyChange('fail_on: medium\n', null)).toEqual([
      'removes the policy file .github/model-gate.yml; the built-in defaults would apply',
      'raises the fail threshold from medium to high (fewer findings fail the check)'
    ]);
    expect(describePolicyChange(null, 'fail_on: never\nconcurrency: lots\n')).toEqual([
      'adds the policy file .github/model-gate.yml',
      "the new policy has 2 errors: line 1: `fail_on` is 'never'; it must be one of critical, high, medium, low (and 1 more)"
    ]);
  });
});
