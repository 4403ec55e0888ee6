import { classifyGlobal, describeGlobal, REVIEW_GLOBALS, SAFE_GLOBALS, tierSeverity, WEIGHTS_ONLY_GLOBALS } from '../../../src/config/security/globals/index.js';

describe('global policy tiers', () => {
  test.each([
    ['collections', 'OrderedDict'], ['torch._utils', '_rebuild_tensor_v2'], ['torch._utils', '_rebuild_parameter'],
    ['torch', 'FloatStorage'], ['torch', 'bfloat16'], ['torch', 'Size'], ['torch.nn.parameter', 'Parameter'],
    ['torch._tensor', '_rebuild_from_type_v2'], ['_codecs', 'encode'], ['builtins', 'set'], ['numpy.core.multiarray', '_reconstruct'],
    ['numpy._core.multiarray', 'scalar'], ['numpy', 'dtype'], ['torch.storage', 'UntypedStorage'], ['torch', 'per_channel_affine']
  ])('%s.%s is safe (exact allowlist)', (m, n) => {
    expect(classifyGlobal(m, n)).toBe('safe');
    expect(tierSeverity('safe')).toBeUndefined();
  });

  test('the allowlist is exact: neighbours of safe names are not safe', () => {
    expect(classifyGlobal('collections', 'OrderedDictX')).toBe('unknown');
    expect(classifyGlobal('torch._utils', '_rebuild_tensor_v2.__globals__')).toBe('dangerous');
    expect(classifyGlobal('torch', 'FloatStorage.x')).toBe('unknown');
    expect(classifyGlobal('collections.abc', 'OrderedDict')).toBe('unknown');
  });

  test.each([
    ['argparse', 'Namespace'], ['collections', 'defaultdict'], ['copyreg', '_reconstructor'], ['joblib.numpy_pickle', 'NumpyArrayWrapper'],
    ['transformers.training_args', 'TrainingArguments'], ['sklearn.ensemble._forest', 'RandomForestClassifier'],
    ['sklearn.tree._tree', 'Tree'], ['tokenizers', 'Tokenizer'], ['numpy.random._pickle', '__randomstate_ctor']
  ])('%s.%s needs review', (m, n) => {
    expect(classifyGlobal(m, n)).toBe('review');
    expect(tierSeverity('review')).toBe('medium');
  });

  test('sklearn helpers that are functions, or in testing/dataset modules, are not in the review tier', () => {
    expect(classifyGlobal('sklearn.utils._testing', 'assert_run_python_script')).toBe('dangerous');
    expect(classifyGlobal('sklearn.linear_model._base', 'make_dataset')).toBe('unknown');
    expect(classifyGlobal('sklearn.datasets', 'fetch_openml')).toBe('dangerous');
  });

  test.each([
    ['os', 'system', 'code execution'], ['posix', 'popen', 'code execution'], ['builtins', 'eval', 'code execution'],
    ['functools', 'partial', 'indirection'], ['_operator', 'methodcaller', 'indirection'], ['requests', 'get', 'network'],
    ['shutil', 'copyfile', 'file write'], ['logging', 'FileHandler', 'file write'], ['pydoc', 'pipepager', 'interpreter gadget'],
    ['torch.jit', 'load', 'nested loader'], ['dill', 'loads', 'nested loader'], ['keras.utils', 'get_file', 'nested loader'],
    ['fickling.analysis', 'check_safety', 'scanner evasion'], ['pathlib', 'os.system', 'code execution'],
    ['builtins', '__import__', 'dunder'], ['torch', '__builtins__', 'dunder']
  ])('%s.%s is dangerous (%s)', (m, n, cat) => {
    const v = describeGlobal(m, n);
    expect(v.tier).toBe('dangerous');
    expect(v.category).toBe(cat);
    expect(tierSeverity(v.tier)).toBe('critical');
  });

  test('a bare member named like a module is not the module (torch.profiler.profile is not `profile`)', () => {
    expect(classifyGlobal('torch.profiler', 'profile')).toBe('unknown');
    expect(classifyGlobal('torch.profiler', 'profile.run')).toBe('dangerous');
  });

  test('policy allow promotes review and unknown globals, never dangerous or malformed ones', () => {
    expect(describeGlobal('argparse', 'Namespace', ['argparse.Namespace'])).toMatchObject({ tier: 'safe', allowedByPolicy: true });
    expect(classifyGlobal('mylib', 'Net', new Set(['mylib.Net']))).toBe('safe');
    expect(classifyGlobal('os', 'system', ['os.system'])).toBe('dangerous');
    expect(classifyGlobal('torch', '__builtins__', ['torch.__builtins__'])).toBe('dangerous');
    expect(classifyGlobal('my lib', 'x y', ['my lib.x y'])).toBe('unknown');
  });

  test('a callable that runs code or loads data is dangerous whatever module it comes from', () => {
    expect(describeGlobal('mymod', 'exec_script')).toMatchObject({ tier: 'dangerous', category: 'code execution', matched: 'exec_script' });
    expect(describeGlobal('somelib.utils', 'system')).toMatchObject({ tier: 'dangerous', category: 'code execution' });
    expect(describeGlobal('somelib', 'spawnv')).toMatchObject({ tier: 'dangerous', category: 'code execution' });
    expect(describeGlobal('mylib.io', 'loads')).toMatchObject({ tier: 'dangerous', category: 'nested loader' });
    expect(describeGlobal('mylib', 'Helper.getattr')).toMatchObject({ tier: 'dangerous', category: 'indirection' });
    expect(classifyGlobal('mylib', 'execution_order')).toBe('dangerous');
    expect(classifyGlobal('mylib', 'Executor')).toBe('unknown'); // names are case-sensitive: a class, not exec()
    expect(classifyGlobal('mylib', 'preload')).toBe('unknown');
  });

  test('no safe or review-tier global is caught by a danger list', () => {
    for (const g of [...SAFE_GLOBALS, ...REVIEW_GLOBALS]) {
      const dot = g.lastIndexOf('.');
      expect([g, classifyGlobal(g.slice(0, dot), g.slice(dot + 1))]).not.toEqual([g, 'dangerous']);
    }
  });

  test('weights_only set is a subset of the safe tier and has no numpy', () => {
    for (const g of WEIGHTS_ONLY_GLOBALS) expect(SAFE_GLOBALS.has(g)).toBe(true);
    expect([...WEIGHTS_ONLY_GLOBALS].some((g) => g.startsWith('numpy'))).toBe(false);
  });
});
