import { KNOWN_LEGITIMATE, TRUSTED_PUBLISHERS } from '../../../src/config/security/publishers.js';
import { DEFAULT_CONCURRENCY, DEFAULT_MAX_FILE_SIZE, defaultPolicy } from '../../../src/config/policy/defaults.js';
import { loadPolicy } from '../../../src/config/policy/load.js';
import { checkGlobal } from '../../../src/config/policy/check-global.js';
import { parseByteSize } from '../../../src/config/policy/schema.js';

const SRC = '.github/model-gate.yml';
const A = 'a'.repeat(40);

function lines(errors: { line?: number; message: string }[]): [number | undefined, string][] {
  return errors.map((e) => [e.line, e.message]);
}

describe('loadPolicy', () => {
  it('no file: the defaults, built from the namespace lists', () => {
    const { policy, errors, warnings } = loadPolicy(null, SRC);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
    expect(policy).toEqual(defaultPolicy());
    expect(policy.trustedPublishers).toEqual([...TRUSTED_PUBLISHERS]);
    expect(policy.legitimateNamespaces).toEqual([...KNOWN_LEGITIMATE]);
    expect(policy.failOn).toBe('high');
    expect(policy.maxFileSize).toBe(DEFAULT_MAX_FILE_SIZE);
    expect(policy.concurrency).toBe(DEFAULT_CONCURRENCY);
  });

  it('an empty or comment-only file is the defaults', () => {
    expect(loadPolicy('', SRC).policy).toEqual(defaultPolicy());
    expect(loadPolicy('# nothing yet\n', SRC)).toEqual({ policy: defaultPolicy(), errors: [], warnings: [] });
  });

  it('reads every field; lists extend the defaults, scalars replace them', () => {
    const text = [
      'version: 1',
      'trusted_publishers: [acme-ai, Google]',
      'legitimate_namespaces:',
      '  - acme-community',
      'fail_on: medium',
      'exclude: ["original/*.pth", "*.onnx"]',
      'exceptions:',
      '  - repo: acme-ai/model',
      `    revision: ${A}`,
      '    checks: [namespace.shadowing, layout.*]',
      '    reason: internal model, SEC-42',
      '    expires: 2026-12-31',
      'allow_globals: [collections.OrderedDict, torch._utils._rebuild_tensor_v2]',
      'max_file_size: 50GiB',
      'concurrency: "8"'
    ].join('\n');
    const { policy, errors } = loadPolicy(text, SRC);
    expect(errors).toEqual([]);
    expect(policy.trustedPublishers).toEqual([...TRUSTED_PUBLISHERS, 'acme-ai']); // 'Google' is 'google' already
    expect(policy.legitimateNamespaces).toEqual([...KNOWN_LEGITIMATE, 'acme-community']);
    expect(policy.failOn).toBe('medium');
    expect(policy.exclude).toEqual(['original/*.pth', '*.onnx']);
    expect(policy.exceptions).toEqual([
      { repo: 'acme-ai/model', revision: A, checks: ['namespace.shadowing', 'layout.*'], reason: 'internal model, SEC-42', expires: '2026-12-31', line: 8 }
    ]);
    expect(policy.allowGlobals).toEqual(['collections.OrderedDict', 'torch._utils._rebuild_tensor_v2']);
    expect(policy.maxFileSize).toBe(50 * 1024 ** 3);
    expect(policy.concurrency).toBe(8);
  });

  it('inputs override the file; one that loosens fail_on is warned about', () => {
    const { policy, errors, warnings } = loadPolicy('fail_on: medium\nconcurrency: 2\nexclude: ["*.onnx"]\n', SRC, {
      failOn: 'critical',
      concurrency: '6',
      maxFileSize: '10 GB',
      exclude: '*.onnx\noriginal/**\n'
    });
    expect(errors).toEqual([]);
    expect(policy.failOn).toBe('critical');
    expect(policy.concurrency).toBe(6);
    expect(policy.maxFileSize).toBe(10e9);
    expect(policy.exclude).toEqual(['*.onnx', 'original/**']);
    expect(warnings).toEqual(["input `fail-on: critical` loosens the policy's `fail_on: medium`: fewer findings fail the check"]);
  });

  it('empty inputs (unset action inputs) change nothing', () => {
    expect(loadPolicy(null, SRC, { failOn: '', concurrency: ' ', maxFileSize: '', exclude: '' }).policy).toEqual(defaultPolicy());
  });

  it('junk inputs are errors and leave the value alone', () => {
    const { policy, errors } = loadPolicy(null, SRC, { failOn: 'severe', concurrency: '4.5', maxFileSize: '1e9', exclude: '/abs' });
    expect(policy).toEqual(defaultPolicy());
    expect(errors.map((e) => [e.file, e.message])).toEqual([
      ['input fail-on', expect.stringMatching(/'severe'; it must be one of critical, high, medium, low/)],
      ['input max-file-size', expect.stringMatching(/'1e9'; write a whole number of bytes/)],
      ['input concurrency', expect.stringMatching(/'4.5'; write a whole number from 1 to 32/)],
      ['input exclude', expect.stringMatching(/relative/)]
    ]);
  });

  it('numbers and severities are parsed from strings with an error on junk, at the right line', () => {
    const text = ['fail_on: hihg', 'max_file_size: lots', 'concurrency: 0', 'exclude: "*.bin"', 'trusted_publishers: [ok, "bad name", "m\u0435ta"]'].join('\n');
    const { policy, errors } = loadPolicy(text, SRC);
    expect(lines(errors)).toEqual([
      [1, "`fail_on` is 'hihg'; it must be one of critical, high, medium, low"],
      [2, expect.stringMatching(/^`max_file_size` is 'lots'; write a whole number of bytes/)],
      [3, "`concurrency` is '0'; it must be from 1 to 32"],
      [4, expect.stringMatching(/^`exclude` must be a list/)],
      [5, expect.stringMatching(/namespace 'bad name'/)],
      [5, expect.stringMatching(/namespace 'm\\u\{435\}ta' is empty or not plain ASCII/)]
    ]);
    expect(policy.failOn).toBe('high');
    expect(policy.trustedPublishers).toContain('ok');
    expect(policy.trustedPublishers).not.toContain('bad name');
  });

  it('unknown keys get a suggestion', () => {
    expect(lines(loadPolicy('fail-on: high\ntrusted_publisher: [x]\n', SRC).errors)).toEqual([
      [1, "unknown policy key 'fail-on' (did you mean 'fail_on'?)"],
      [2, "unknown policy key 'trusted_publisher' (did you mean 'trusted_publishers'?)"]
    ]);
  });

  it('the same strict YAML rules as the allowlist: anchors, tags, duplicate keys, tabs', () => {
    expect(lines(loadPolicy('fail_on: &x low\nconcurrency: 2\nconcurrency: 3\n', SRC).errors)).toEqual([
      [1, "YAML anchor '&x' is not allowed"],
      [3, "duplicate key 'concurrency' (first defined on line 2)"]
    ]);
    expect(lines(loadPolicy('exclude:\n\t- a\n', SRC).errors)).toEqual([[2, 'tab character in indentation']]);
    expect(lines(loadPolicy('fail_on: !!str low\n', SRC).errors)).toEqual([[1, "YAML tag '!!str' is not allowed"]]);
    expect(lines(loadPolicy('- a\n', SRC).errors)).toEqual([[1, expect.stringMatching(/must be a mapping of settings/)]]);
  });

  it('exceptions need repo, checks, reason and a real expiry date', () => {
    const text = [
      'exceptions:',
      '  - repo: org/a',
      '    checks: [namespace.shadowing]',
      '    expires: 2026-12-31',
      '  - repo: org/b',
      '    checks: [x]',
      '    reason: fine',
      '  - repo: org/c',
      '    checks: ["*"]',
      '    reason: fine',
      '    expires: 2026-02-30',
      '  - repo: org/d',
      '    reason: fine',
      '    expires: 2026-01-01',
      '    expiry: 2026-01-01',
      '  - repo: not-a-repo',
      '    revision: main',
      '    checks: [x]',
      '    reason: fine',
      '    expires: 2026-01-01',
      '  - org/e'
    ].join('\n');
    const { policy, errors } = loadPolicy(text, SRC);
    expect(policy.exceptions).toEqual([]);
    expect(lines(errors)).toEqual([
      [2, "exception for 'org/a' has no `reason`"],
      [5, "exception for 'org/b' has no `expires` date"],
      [8, "exception for 'org/c': expires '2026-02-30' is not a date"],
      [9, expect.stringMatching(/check '\*' must be a check id/)],
      [12, "exception for 'org/d' has no `checks`"],
      [15, "unknown exception key 'expiry' (did you mean 'expires'?)"],
      [16, "repo id 'not-a-repo' has no namespace"],
      [16, expect.stringMatching(/revision 'main' is a branch or tag name/)],
      [21, expect.stringMatching(/an exception must be a mapping/)]
    ]);
  });

  it('refuses pickle globals that run code, whatever the policy says', () => {
    const { policy, errors } = loadPolicy('allow_globals: [os.system, builtins.eval, torch.load, numpy.core.multiarray._reconstruct, "torch.*", posix.system, subprocess.Popen]\n', SRC);
    expect(policy.allowGlobals).toEqual(['numpy.core.multiarray._reconstruct']);
    expect(errors).toHaveLength(6);
    expect(checkGlobal('os.system')).toMatch(/can never be allowed/);
    expect(checkGlobal('mymod.exec_script')).toMatch(/can never be allowed/);
    expect(checkGlobal('torch.*')).toMatch(/not `module.name`/);
    expect(checkGlobal('collections.OrderedDict')).toBeNull();
  });

  it('byte sizes: units, bounds and junk', () => {
    expect(parseByteSize('123')).toBe(123);
    expect(parseByteSize('2KiB')).toBe(2048);
    expect(parseByteSize('2 kb')).toBe(2000);
    expect(parseByteSize('1TiB')).toBe(1024 ** 4);
    for (const junk of ['', '0', '-1', '1.5GB', '1e9', '10 GBs', '10  GB', 'GB', '99999999999 TiB']) {
      expect(parseByteSize(junk)).toEqual({ error: expect.any(String) });
    }
  });

  it('oversized policy files are refused', () => {
    const { policy, errors } = loadPolicy(`fail_on: low\n# ${'x'.repeat(300_000)}\n`, SRC);
    expect(policy.failOn).toBe('high');
    expect(lines(errors)).toEqual([[1, expect.stringMatching(/over the 262144-byte limit/)]]);
  });
});

describe('examples/model-gate.yml', () => {
  it('loads without errors and means what its comments say', async () => {
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(new URL('../../../examples/model-gate.yml', import.meta.url), 'utf8');
    const { policy, errors } = loadPolicy(text, 'examples/model-gate.yml');
    expect(errors).toEqual([]);
    expect(policy.trustedPublishers).toContain('acme-ai');
    expect(policy.exclude).toEqual(['original/**']);
    expect(policy.exceptions.map((e) => e.repo)).toEqual(['acme-ai/internal-embedder']);
    expect(policy.maxFileSize).toBe(DEFAULT_MAX_FILE_SIZE);
  });
});
