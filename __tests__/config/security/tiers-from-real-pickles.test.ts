// The global tiers held to what real libraries pickle: __tests__/fixtures/globals/observed-globals.json was written
// by scripts/fixtures/pickle-globals.py (Debian's numpy, scipy, pandas, scikit-learn, torch, torchvision, xgboost,
// gensim; decoded with pickletools, never loaded). Every global those libraries write has a tier a reviewer would
// give it; the few that stay dangerous are listed here with the reason.
import { readFileSync } from 'node:fs';
import {
  classifyGlobal, describeGlobal, partialVerdict, SAFE_GLOBALS, TORCH_1_13_WEIGHTS_ONLY_GLOBALS, TORCH_2_6_WEIGHTS_ONLY_GLOBALS,
  WEIGHTS_ONLY_GLOBALS
} from '../../../src/config/security/globals/index.js';

interface Observed {
  versions: Record<string, string>;
  torchWeightsOnlyAllowlist: string[];
  globals: Record<string, Record<string, { version: string; protocols: string[]; writers: string[] }>>;
}
const observed = JSON.parse(readFileSync(new URL('../../fixtures/globals/observed-globals.json', import.meta.url), 'utf8')) as Observed;

// Python 2 names protocol 0–2 pickles carry; the VM renames them (Lib/_compat_pickle.py) before classifying.
const PY2: Record<string, string> = {
  '__builtin__.long': 'builtins.int', '__builtin__.unicode': 'builtins.str', '__builtin__.xrange': 'builtins.range',
  'copy_reg._reconstructor': 'copyreg._reconstructor'
};
function py3(g: string): string {
  return PY2[g] ?? (g.startsWith('__builtin__.') ? `builtins.${g.slice('__builtin__.'.length)}` : g);
}
function split(g: string): [string, string] {
  const dot = g.lastIndexOf('.');
  return [g.slice(0, dot), g.slice(dot + 1)];
}
/** Protocol 4 names a method by its qualified name (`interp1d._call_linear_np`): module and dotted name. */
function splitQualified(g: string): [string, string] {
  const parts = g.split('.');
  const cls = parts.findIndex((p, i) => i > 0 && /^_*[A-Z]/.test(p) && i < parts.length - 1);
  return cls > 0 ? [parts.slice(0, cls).join('.'), parts.slice(cls).join('.')] : split(g);
}

// What real libraries write that stays dangerous, and why.
const STAYS_DANGEROUS: Record<string, string> = {
  'builtins.getattr': 'torch 1.13 pickles lazy modules\' hooks and scipy 1.10 an interp1d method through getattr, the classic gadget',
  'functools.partial': 'torchvision 0.14 ViT pickles partial(LayerNorm): the import alone cannot show what it wraps (see partialVerdict)',
  'torch.storage._load_from_bytes': 'plain pickle of a torch storage nests a torch.load of bytes inside the pickle'
};
// TorchScript archives: safe only in the TorchScript context (asserted below), dangerous anywhere else.
const TORCHSCRIPT_ONLY = (g: string): boolean => g.startsWith('__torch__.') || g.startsWith('torch.jit._pickle.');

describe('every global real libraries pickle has a reviewer\'s tier', () => {
  const names = Object.keys(observed.globals);

  test('the table covers the libraries it names, at the versions the tiers cite', () => {
    expect(names.length).toBeGreaterThan(800);
    expect(observed.versions).toMatchObject({ numpy: '1.24.2', scipy: '1.10.1', pandas: '1.5.3', sklearn: '1.2.1', xgboost: '1.7.4', gensim: '4.2.0' });
    for (const lib of ['numpy', 'scipy', 'pandas', 'sklearn', 'torch', 'torchvision', 'xgboost', 'gensim']) {
      expect([lib, names.filter((g) => lib in (observed.globals[g] ?? {})).length]).not.toEqual([lib, 0]);
    }
  });

  test.each(names.filter((g) => !TORCHSCRIPT_ONLY(g)))('%s', (g) => {
    const [m, n] = splitQualified(py3(g));
    const v = describeGlobal(m, n);
    if (STAYS_DANGEROUS[py3(g)]) expect(v.tier).toBe('dangerous');
    else expect([g, v.tier]).toEqual([g, expect.stringMatching(/^(safe|review)$/)]);
  });

  test('TorchScript archive pickles: __torch__ classes and list builders are safe there and dangerous anywhere else', () => {
    const ts = names.filter(TORCHSCRIPT_ONLY);
    expect(ts.length).toBeGreaterThan(5);
    for (const g of ts) {
      const [m, n] = split(g);
      expect([g, classifyGlobal(m, n, undefined, { torchScript: true })]).toEqual([g, 'safe']);
      expect([g, classifyGlobal(m, n)]).toEqual([g, 'dangerous']);
    }
  });
});

describe('tiers a security reviewer would give', () => {
  test.each([
    ['numpy', 'float64'], ['numpy', 'dtype'], ['numpy', 'int64'], ['numpy.core.multiarray', 'scalar'], ['numpy.ma.core', 'MaskedArray'],
    ['numpy.ma.core', '_mareconstruct'], ['scipy.sparse._csr', 'csr_matrix'], ['scipy.sparse._coo', 'coo_matrix'],
    ['scipy.sparse._arrays', 'csc_array'], ['builtins', 'slice'], ['datetime', 'datetime'], ['torch', 'bfloat16'],
    ['torch._utils', '_rebuild_sparse_csr_tensor']
  ])('%s.%s is data reconstruction: safe', (m, n) => {
    expect(describeGlobal(m, n)).toMatchObject({ tier: 'safe', reason: expect.stringMatching(/written by/) });
  });

  test.each([
    ['sklearn.ensemble._forest', 'RandomForestClassifier', 'scikit-learn 1.2.1'], ['sklearn.metrics._dist_metrics', 'newObj', 'scikit-learn 1.2.1'],
    ['sklearn._loss._loss', '__pyx_unpickle_CyHalfSquaredError', 'scikit-learn 1.2.1'], ['sklearn.ensemble._hist_gradient_boosting.binning', '_BinMapper', 'scikit-learn 1.2.1'],
    ['torch.nn.modules.activation', 'GELU', 'torch 1.13.1'], ['torch.nn.modules.batchnorm', '_BatchNorm', 'torch 1.13.1'],
    ['torchvision.models.vision_transformer', 'VisionTransformer', 'torchvision 0.14.1'], ['torchvision.ops.misc', 'SqueezeExcitation', 'torchvision 0.14.1'],
    ['pandas.core.frame', 'DataFrame', 'pandas 1.5.3'], ['pandas._libs.internals', '_unpickle_block', 'pandas 1.5.3'],
    ['xgboost.sklearn', 'XGBClassifier', 'xgboost 1.7.4'], ['gensim.models.word2vec', 'Word2Vec', 'gensim 4.2.0'],
    ['numpy.core._multiarray_umath', 'log1p', 'numpy 1.24.2'], ['scipy.special._ufuncs', 'expit', 'scipy 1.10.1']
  ])('%s.%s is a library\'s own class or helper: review, citing %s', (m, n, version) => {
    const v = describeGlobal(m, n);
    expect(v.tier).toBe('review');
    expect(v.reason).toContain(version);
  });

  test.each([
    // Library modules that hold a dangerous callable stay dangerous even where a family or prefix admits classes.
    ['sklearn.utils._testing', 'TempMemmap'], ['sklearn.utils._testing', 'assert_run_python_script'], ['sklearn.datasets', 'fetch_openml'],
    ['sklearn.datasets._base', 'Bunch'], ['numpy', 'load'], ['numpy.lib.npyio', 'NpzFile'], ['pandas', 'read_pickle'], ['pandas.io.pickle', 'read_pickle'],
    ['pandas.core.computation.eval', 'eval'], ['pandas.core.computation.expr', 'PandasExprVisitor'], ['torch', 'load'], ['torch.hub', 'load'],
    ['torch.hub', 'download_url_to_file'], ['torch.jit', 'load'], ['torchvision.io', 'read_file'], ['torchvision.datasets.mnist', 'MNIST'],
    ['torchvision.models._api', 'load_state_dict_from_url'], ['numpy.core', '_ufunc_reconstruct'], ['numpy._core', '_ufunc_reconstruct'],
    ['torch.storage', '_load_from_bytes'], ['functools', 'partial']
  ])('%s.%s stays dangerous', (m, n) => {
    expect(classifyGlobal(m, n)).toBe('dangerous');
  });

  test('families admit classes only: a function or a method of a family module is not reviewed by family', () => {
    expect(classifyGlobal('sklearn.linear_model._base', 'make_dataset')).toBe('unknown');
    expect(classifyGlobal('torch.nn.modules.module', 'register_module_forward_hook')).toBe('unknown');
    expect(classifyGlobal('pandas.core.frame', 'DataFrame.query')).toBe('unknown');
    expect(classifyGlobal('torchvision.models', 'get_model')).toBe('unknown');
    expect(classifyGlobal('xgboost.core', 'DMatrix')).toBe('unknown');
  });

  test('functools.partial is judged by what it wraps once the VM knows it', () => {
    const of = (module: string, name: string) => partialVerdict({ module, name, verdict: describeGlobal(module, name) });
    expect(of('torch.nn.modules.normalization', 'LayerNorm').tier).toBe('review');
    expect(of('numpy', 'float64').tier).toBe('review');
    expect(of('mylib', 'Thing').tier).toBe('unknown');
    expect(of('os', 'system')).toMatchObject({ tier: 'dangerous', category: 'code execution' });
  });
});

describe('the TorchScript context', () => {
  const ts = { torchScript: true };
  test('__torch__ names TorchScript classes in an archive; elsewhere it is a dunder', () => {
    expect(describeGlobal('__torch__.models', 'TinyNet', undefined, ts).tier).toBe('safe');
    expect(describeGlobal('__torch__.torch.nn.modules.linear.___torch_mangle_0', 'Linear', undefined, ts).tier).toBe('safe');
    expect(describeGlobal('__torch__.models', 'TinyNet')).toMatchObject({ tier: 'dangerous', category: 'dunder' });
  });
  test('inside __torch__, another dunder, a malformed part or a custom C++ class is not a compiled class', () => {
    expect(describeGlobal('__torch__.models', '__builtins__', undefined, ts)).toMatchObject({ tier: 'dangerous', category: 'dunder' });
    expect(classifyGlobal('__torch__.a b', 'C', undefined, ts)).toBe('unknown');
    expect(describeGlobal('__torch__.torch.classes.myops', 'Stack', undefined, ts)).toMatchObject({ tier: 'unknown', reason: expect.stringMatching(/native library/) });
  });
  test('the context relaxes nothing else', () => {
    expect(classifyGlobal('os', 'system', undefined, ts)).toBe('dangerous');
    expect(classifyGlobal('torch.jit', 'load', undefined, ts)).toBe('dangerous');
    expect(classifyGlobal('torch.jit._pickle', 'build_intlist.__globals__', undefined, ts)).toBe('dangerous');
    expect(classifyGlobal('torch.jit._pickle', 'build_intlist', undefined, ts)).toBe('safe');
    expect(classifyGlobal('torch.jit._pickle', 'build_intlist')).toBe('dangerous');
  });
});

describe('the classifier is linear in the number of dotted parts', () => {
  // An external run took 9 s for one GLOBAL of 2,001 parts: every start position looked to the end of the name.
  const steps = (module: string, name: string, context: { torchScript?: boolean } = {}): number => {
    const meter = { steps: 0 };
    describeGlobal(module, name, undefined, { ...context, meter });
    return meter.steps;
  };
  test.each([1_000, 10_000, 100_000])('%i parts: at most 8 steps per part', (n) => {
    const name = Array.from({ length: n }, (_, i) => `p${i}`).join('.');
    expect(steps('mylib', name)).toBeLessThanOrEqual(8 * (n + 1));
    expect(steps('mylib.' + name, 'X')).toBeLessThanOrEqual(8 * (n + 2));
    expect(steps('__torch__.' + name, 'X', { torchScript: true })).toBeLessThanOrEqual(8 * (n + 2));
  });
  test('a danger entry deep in a 100,000-part chain is still found', () => {
    const filler = Array.from({ length: 100_000 }, (_, i) => `p${i}`);
    expect(describeGlobal('mylib', [...filler, 'os', 'system'].join('.'))).toMatchObject({ tier: 'dangerous', matched: 'os' });
    expect(describeGlobal('mylib', [...filler, 'numpy', 'testing', '_private', 'utils', 'runstring', 'x'].join('.')).tier).toBe('dangerous');
  });
});

describe('weights_only allowlists', () => {
  test('torch 1.13.1\'s is exactly the installed torch\'s own _get_allowed_globals() (recorded by the generator)', () => {
    expect([...TORCH_1_13_WEIGHTS_ONLY_GLOBALS].sort()).toEqual([...observed.torchWeightsOnlyAllowlist].sort());
  });
  test('the VM models 2.6.0, whose list differs from 1.13.1 where the releases differ', () => {
    expect(WEIGHTS_ONLY_GLOBALS).toBe(TORCH_2_6_WEIGHTS_ONLY_GLOBALS);
    for (const g of ['torch.bfloat16', 'torch.bool', 'torch.uint8', 'torch.device', 'collections.Counter', 'builtins.set', '_codecs.encode', 'torch._utils._rebuild_qtensor']) {
      expect([g, TORCH_2_6_WEIGHTS_ONLY_GLOBALS.has(g), TORCH_1_13_WEIGHTS_ONLY_GLOBALS.has(g)]).toEqual([g, true, false]);
    }
    expect(TORCH_2_6_WEIGHTS_ONLY_GLOBALS.has('torch._utils._rebuild_sparse_csr_tensor')).toBe(false);
    // Later releases added these; 2.6.0 refuses them.
    for (const g of ['torch.uint1', 'torch.int4', 'torch.float8_e8m0fnu', 'torch.float4_e2m1fn_x2']) expect(TORCH_2_6_WEIGHTS_ONLY_GLOBALS.has(g)).toBe(false);
    for (const g of TORCH_1_13_WEIGHTS_ONLY_GLOBALS) expect(SAFE_GLOBALS.has(g)).toBe(true);
  });
});
