// The data behind the global policy (threats.md §3). Default deny: only exact `module.name` matches in the safe
// tier are allowed. The review tier is "a well-known library's own class or helper": a human acknowledges it. DANGER
// lists only grade the severity of what is not allowed; they are not what keeps a file out.
//
// Every library entry names the library version whose pickles contain it: scripts/fixtures/pickle-globals.py builds
// objects with Debian bookworm's libraries, pickles them with several protocols and decodes the globals with
// pickletools; its table is __tests__/fixtures/globals/observed-globals.json (global → library, version, writer).
// Entries no Debian package can write say so in their version.

/** A group of exact `module.name` globals of one tier, with the library version that writes them and why. */
export interface GlobalSource {
  library: string;
  /** The version whose pickles were seen to contain these names (or why none was). */
  version: string;
  /** One phrase for a reviewer. */
  why: string;
  names: readonly string[];
}

/** Classes (`_*CapitalisedName`) and Cython state restorers (`__pyx_unpickle_*`) of these module families. */
export interface ClassFamily {
  library: string;
  version: string;
  why: string;
  modules: readonly string[];
}

// ───────────────────────────── torch weights_only ─────────────────────────────

/** Storage class stem → bytes per element (legacy `torch.FloatStorage` etc.). */
export const TORCH_STORAGE_ELEMENT_SIZE: Readonly<Record<string, number>> = {
  Double: 8, Float: 4, Half: 2, BFloat16: 2, Long: 8, Int: 4, Short: 2, Char: 1, Byte: 1, Bool: 1,
  ComplexDouble: 16, ComplexFloat: 8, QUInt8: 1, QInt8: 1, QInt32: 4, QUInt4x2: 1, QUInt2x4: 1
};

// torch._tensor_classes (the same 38 legacy tensor types in 1.13.1 and 2.6.0: CPU, CUDA and their sparse variants;
// no sparse Bool and no complex legacy types).
const TENSOR_CLASSES: string[] = [];
for (const [mod, stems] of [
  ['torch', ['Double', 'Float', 'Half', 'BFloat16', 'Long', 'Int', 'Short', 'Char', 'Byte', 'Bool']],
  ['torch.cuda', ['Double', 'Float', 'Half', 'BFloat16', 'Long', 'Int', 'Short', 'Char', 'Byte', 'Bool']],
  ['torch.sparse', ['Double', 'Float', 'Half', 'BFloat16', 'Long', 'Int', 'Short', 'Char', 'Byte']],
  ['torch.cuda.sparse', ['Double', 'Float', 'Half', 'BFloat16', 'Long', 'Int', 'Short', 'Char', 'Byte']]
] as const) for (const s of stems) TENSOR_CLASSES.push(`${mod}.${s}Tensor`);

// torch._storage_classes (1.13.1 and 2.6.0 alike): the 17 CPU legacy storages, 12 CUDA ones, and the two generic ones.
const STORAGE_CLASSES: string[] = ['torch.storage.UntypedStorage', 'torch.storage.TypedStorage'];
for (const s of Object.keys(TORCH_STORAGE_ELEMENT_SIZE)) STORAGE_CLASSES.push(`torch.${s}Storage`);
for (const s of ['Double', 'Float', 'Half', 'Long', 'Int', 'Short', 'Char', 'Byte', 'Bool', 'BFloat16', 'ComplexDouble', 'ComplexFloat']) {
  STORAGE_CLASSES.push(`torch.cuda.${s}Storage`);
}

/**
 * The default allowlist of torch.load(weights_only=True) in PyTorch 2.6.0 — the release whose torch.load defaults to
 * weights_only=True — read from torch/_weights_only_unpickler.py of Debian trixie's python3-torch 2.6.0+dfsg-7
 * (`_get_allowed_globals`, with torch.storage._dtype_to_storage_type_map and _new_dtypes of the same release).
 */
export const TORCH_2_6_WEIGHTS_ONLY_GLOBALS: ReadonlySet<string> = new Set([
  'collections.OrderedDict', 'collections.Counter', 'torch.nn.parameter.Parameter', 'torch.serialization._get_layout',
  'torch.Size', 'torch.Tensor', 'torch.device', '_codecs.encode', 'builtins.bytearray', 'builtins.set', 'builtins.complex',
  // _dtype_to_storage_type_map() keys, then _new_dtypes()
  ...['float64', 'float32', 'float16', 'int64', 'int32', 'int16', 'int8', 'uint8', 'bool', 'bfloat16', 'complex128', 'complex64',
    'qint8', 'qint32', 'quint8', 'quint4x2', 'quint2x4',
    'float8_e5m2', 'float8_e4m3fn', 'float8_e5m2fnuz', 'float8_e4m3fnuz', 'bits8', 'bits16', 'bits1x8', 'bits2x4', 'bits4x2',
    'complex32', 'uint16', 'uint32', 'uint64'].map((d) => `torch.${d}`),
  ...TENSOR_CLASSES, ...STORAGE_CLASSES,
  'torch.per_tensor_affine', 'torch.per_tensor_symmetric', 'torch.per_channel_affine', 'torch.per_channel_symmetric',
  'torch.per_channel_affine_float_qparams',
  ...['_rebuild_parameter', '_rebuild_parameter_with_state', '_rebuild_qtensor', '_rebuild_tensor', '_rebuild_tensor_v2',
    '_rebuild_tensor_v3', '_rebuild_sparse_tensor', '_rebuild_meta_tensor_no_storage', '_rebuild_nested_tensor',
    '_rebuild_wrapper_subclass', '_rebuild_device_tensor_from_numpy', '_rebuild_device_tensor_from_cpu_tensor'].map((f) => `torch._utils.${f}`),
  'torch._tensor._rebuild_from_type_v2'
]);

/**
 * The default allowlist of torch.load(weights_only=True) in PyTorch 1.13.1 (Debian bookworm's python3-torch
 * 1.13.1+dfsg-4, torch/_weights_only_unpickler.py). Narrower than 2.6: ten dtypes, no torch.device, Counter, set,
 * bytearray, complex, _codecs.encode, quantized tensors or v3 rebuilds; it has _rebuild_sparse_csr_tensor instead.
 */
export const TORCH_1_13_WEIGHTS_ONLY_GLOBALS: ReadonlySet<string> = new Set([
  'collections.OrderedDict', 'torch.nn.parameter.Parameter', 'torch.serialization._get_layout', 'torch.Size', 'torch.Tensor',
  ...['complex32', 'complex64', 'complex128', 'float16', 'float32', 'float64', 'int8', 'int16', 'int32', 'int64'].map((d) => `torch.${d}`),
  ...TENSOR_CLASSES, ...STORAGE_CLASSES,
  ...['_rebuild_parameter', '_rebuild_tensor', '_rebuild_tensor_v2', '_rebuild_sparse_tensor', '_rebuild_meta_tensor_no_storage',
    '_rebuild_sparse_csr_tensor'].map((f) => `torch._utils.${f}`)
]);

/** Opcodes each release's weights_only unpickler implements (the `elif key[0] == …` chain of its load()). */
export const TORCH_2_6_WEIGHTS_ONLY_OPCODES: readonly string[] = [
  'GLOBAL', 'NEWOBJ', 'REDUCE', 'BUILD', 'APPEND', 'APPENDS', 'SETITEM', 'SETITEMS', 'MARK', 'TUPLE', 'TUPLE1', 'TUPLE2',
  'TUPLE3', 'NONE', 'NEWFALSE', 'NEWTRUE', 'EMPTY_TUPLE', 'EMPTY_LIST', 'EMPTY_DICT', 'EMPTY_SET', 'BININT', 'BININT1',
  'BININT2', 'BINFLOAT', 'BINUNICODE', 'SHORT_BINSTRING', 'BINPERSID', 'BINGET', 'LONG_BINGET', 'BINPUT', 'LONG_BINPUT',
  'LONG1', 'PROTO', 'STOP'
];
/** 1.13.1 is the same list without BINFLOAT: a pickled Python float stops its weights_only load. */
export const TORCH_1_13_WEIGHTS_ONLY_OPCODES: readonly string[] = TORCH_2_6_WEIGHTS_ONLY_OPCODES.filter((o) => o !== 'BINFLOAT');

/** What the pickle VM's weights_only verdict models: PyTorch 2.6.0's allowlist. */
export const WEIGHTS_ONLY_GLOBALS: ReadonlySet<string> = TORCH_2_6_WEIGHTS_ONLY_GLOBALS;

/** Modules torch's weights_only unpickler refuses whatever the allowlist says (2.x `_blocklisted_modules`). */
export const WEIGHTS_ONLY_BLOCKED_MODULES: ReadonlySet<string> = new Set(['sys', 'os', 'posix', 'nt']);

/** TorchScript's list builders (torch/jit/_pickle.py): each returns its argument; safe inside TorchScript archives. */
export const TORCHSCRIPT_BUILDERS: ReadonlySet<string> = new Set(
  ['build_intlist', 'build_tensorlist', 'build_doublelist', 'build_boollist', 'build_tensor_from_id', 'restore_type_tag']
    .map((f) => `torch.jit._pickle.${f}`)
);

// ───────────────────────────── safe tier ─────────────────────────────

const NUMPY_1_24 = 'numpy 1.24.2';
const NUMPY_SCALAR_TYPES = ['bool_', 'int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64', 'float16', 'float32',
  'float64', 'float128', 'complex64', 'complex128', 'complex256', 'object_', 'str_', 'bytes_', 'void', 'datetime64', 'timedelta64',
  'longlong', 'ulonglong', 'intc', 'uintc', 'byte', 'ubyte', 'short', 'ushort', 'longdouble', 'clongdouble', 'half', 'single', 'double'];

/** Tier 1: data reconstruction, allowed without review. */
export const SAFE_GLOBAL_SOURCES: readonly GlobalSource[] = [
  {
    library: 'torch', version: '1.13.1 (and the PyTorch 2.6.0 weights_only allowlist)',
    why: 'tensor, storage and dtype reconstruction torch.load(weights_only=True) admits',
    names: [...TORCH_2_6_WEIGHTS_ONLY_GLOBALS]
  },
  {
    library: 'torch', version: '1.13.1', why: 'sparse CSR tensor reconstruction (torch 1.13 weights_only admits it)',
    names: ['torch._utils._rebuild_sparse_csr_tensor']
  },
  {
    library: 'numpy', version: NUMPY_1_24, why: 'NumPy array, dtype and scalar reconstruction',
    names: [
      'numpy.ndarray', 'numpy.dtype',
      ...['numpy.core', 'numpy._core'].flatMap((c) => [`${c}.multiarray._reconstruct`, `${c}.multiarray.scalar`, `${c}.numeric._frombuffer`]),
      ...NUMPY_SCALAR_TYPES.map((t) => `numpy.${t}`)
    ]
  },
  {
    // ndarray subclasses: rebuilt by _reconstruct(cls, ...) + ndarray.__setstate__; MaskedArray's own __setstate__ sets
    // its data and mask arrays; _mareconstruct calls ndarray.__new__ and the (separately imported) subtype's __new__.
    library: 'numpy', version: NUMPY_1_24, why: 'NumPy array subclass reconstruction (masked, matrix, record, char arrays)',
    names: ['numpy.ma.core.MaskedArray', 'numpy.ma.core.MaskedConstant', 'numpy.ma.core._mareconstruct', 'numpy.ma.core.mvoid',
      'numpy.matrix', 'numpy.matrixlib.defmatrix.matrix', 'numpy.recarray', 'numpy.record', 'numpy.core.records.recarray',
      'numpy._core.records.recarray', 'numpy.chararray', 'numpy.poly1d', 'numpy.finfo', 'numpy.iinfo', 'numpy.core.getlimits.MachArLike']
  },
  {
    // No __reduce__ or __setstate__ in scipy/sparse (dok_matrix uses dict.__reduce__): object.__new__ plus a __dict__
    // of index and value arrays.
    library: 'scipy', version: 'scipy 1.10.1', why: 'a scipy.sparse matrix rebuilt from its index and value arrays',
    names: [
      ...['bsr', 'coo', 'csc', 'csr', 'dia', 'dok', 'lil'].map((f) => `scipy.sparse._${f}.${f}_matrix`),
      ...['bsr', 'coo', 'csc', 'csr', 'dia', 'dok', 'lil'].map((f) => `scipy.sparse._arrays.${f}_array`),
      // scipy < 1.8 module paths of the same classes
      ...['bsr', 'coo', 'csc', 'csr', 'dia', 'dok', 'lil'].map((f) => `scipy.sparse.${f}.${f}_matrix`)
    ]
  },
  {
    library: 'python', version: 'CPython 3.11 pickle (every library above)',
    why: 'a plain Python data type',
    names: ['builtins.int', 'builtins.float', 'builtins.bool', 'builtins.str', 'builtins.bytes', 'builtins.tuple', 'builtins.list',
      'builtins.dict', 'builtins.frozenset', 'builtins.slice', 'builtins.range', 'builtins.object', 'collections.deque', 'datetime.datetime', 'datetime.date', 'datetime.time', 'datetime.timedelta', 'datetime.timezone',
      'decimal.Decimal', 'fractions.Fraction']
  }
];

// ───────────────────────────── review tier ─────────────────────────────

const NUMPY_UFUNCS = ['absolute', 'add', 'arccos', 'arccosh', 'arcsin', 'arcsinh', 'arctan', 'arctan2', 'arctanh', 'bitwise_and',
  'bitwise_or', 'bitwise_xor', 'cbrt', 'ceil', 'conjugate', 'copysign', 'cos', 'cosh', 'deg2rad', 'degrees', 'divide', 'divmod',
  'equal', 'exp', 'exp2', 'expm1', 'fabs', 'float_power', 'floor', 'floor_divide', 'fmax', 'fmin', 'fmod', 'frexp', 'gcd',
  'greater', 'greater_equal', 'heaviside', 'hypot', 'invert', 'isfinite', 'isinf', 'isnan', 'isnat', 'lcm', 'ldexp', 'left_shift',
  'less', 'less_equal', 'log', 'log10', 'log1p', 'log2', 'logaddexp', 'logaddexp2', 'logical_and', 'logical_not', 'logical_or',
  'logical_xor', 'matmul', 'maximum', 'minimum', 'modf', 'multiply', 'negative', 'nextafter', 'not_equal', 'positive', 'power',
  'rad2deg', 'radians', 'reciprocal', 'remainder', 'right_shift', 'rint', 'sign', 'signbit', 'sin', 'sinh', 'spacing', 'sqrt',
  'square', 'subtract', 'tan', 'tanh', 'trunc'];

/** Tier 2, exact names: well-known libraries' own helpers; a human reviews them unless the policy allows them. */
export const REVIEW_GLOBAL_SOURCES: readonly GlobalSource[] = [
  {
    // numpy >= 1.20 pickles a ufunc by its own name (numpy 1.24: module numpy.core._multiarray_umath; numpy 2: numpy).
    // A ufunc is elementwise math, but it is a function a library will call, not data: a reviewer acknowledges it.
    library: 'numpy', version: NUMPY_1_24, why: 'a NumPy ufunc (elementwise math function) stored for a library to call',
    names: ['numpy.core._multiarray_umath', 'numpy._core._multiarray_umath', 'numpy.core.umath', 'numpy']
      .flatMap((m) => NUMPY_UFUNCS.map((u) => `${m}.${u}`)).concat(['numpy.mean'])
  },
  {
    library: 'numpy', version: NUMPY_1_24, why: 'NumPy random generator state',
    names: ['numpy.random._pickle.__randomstate_ctor', 'numpy.random._pickle.__generator_ctor', 'numpy.random._pickle.__bit_generator_ctor',
      'numpy.random.mtrand.RandomState', 'numpy.random._mt19937.MT19937', 'numpy.random._pcg64.PCG64', 'numpy.random._pcg64.PCG64DXSM',
      'numpy.random._philox.Philox', 'numpy.random._sfc64.SFC64', 'numpy.random._generator.Generator',
      'numpy.random.bit_generator.SeedSequence', 'numpy.random.bit_generator.__pyx_unpickle_SeedSequence']
  },
  {
    library: 'python', version: 'CPython 3.11 pickle', why: 'a Python object rebuilt through a class it names, or holding a factory callable (defaultdict)',
    names: ['copyreg._reconstructor', 'copy_reg._reconstructor', 'argparse.Namespace', 'collections.defaultdict', 'enum.Enum', 'pathlib.PosixPath',
      'pathlib.WindowsPath', 'pathlib.PurePosixPath']
  },
  {
    library: 'gensim', version: 'gensim 4.2.0', why: 'a gensim helper stored on its models',
    names: ['gensim.utils.call_on_class_only', 'gensim.utils.identity', 'gensim.models.tfidfmodel.df2idf', 'builtins.hash']
  },
  {
    library: 'pandas', version: 'pandas 1.5.3', why: 'pandas internals rebuilding a DataFrame, Series, index or array',
    names: ['pandas._libs.arrays.__pyx_unpickle_NDArrayBacked', 'pandas._libs.internals._unpickle_block',
      'pandas._libs.interval.__pyx_unpickle_IntervalMixin', 'pandas._libs.tslibs.nattype.__nat_unpickle',
      'pandas._libs.tslibs.timedeltas._timedelta_unpickle', 'pandas._libs.tslibs.timestamps._unpickle_timestamp',
      'pandas.core.indexes.base._new_Index', 'pandas.core.indexes.datetimes._new_DatetimeIndex',
      'pandas.core.indexes.interval._new_IntervalIndex', 'pandas.core.indexes.period._new_PeriodIndex', 'pytz._UTC', 'pytz._p']
  },
  {
    library: 'scikit-learn', version: 'scikit-learn 1.2.1', why: 'a scikit-learn helper stored on a fitted estimator',
    names: ['sklearn.metrics._dist_metrics.newObj', 'sklearn.neighbors._kd_tree.newObj', 'sklearn.neighbors._ball_tree.newObj',
      'sklearn.metrics._scorer._passthrough_scorer', 'sklearn.metrics._classification.accuracy_score',
      'sklearn.metrics._classification.f1_score', 'sklearn.feature_selection._univariate_selection.f_classif',
      'sklearn.cluster._kmeans._kmeans_single_lloyd']
  },
  {
    library: 'scipy', version: 'scipy 1.10.1', why: 'a SciPy function or distribution stored on a model',
    names: ['scipy.special._ufuncs.expit', 'scipy.special._ufuncs.logit', 'scipy.interpolate._interpolate.interp1d',
      'scipy.interpolate._interpolate.interp1d._call_linear_np', 'scipy.spatial._ckdtree.cKDTree',
      'scipy.stats._continuous_distns.norm_gen', 'scipy.stats._continuous_distns.uniform_gen',
      'scipy.stats._distn_infrastructure.rv_continuous_frozen']
  },
  {
    library: 'torch', version: 'torch 1.13.1', why: 'a torch.nn activation function or hook handle stored on a module',
    names: ['torch.nn.functional.relu', 'torch.nn.functional.gelu', 'torch._C._nn.gelu', 'torch.utils.hooks.RemovableHandle',
      'torch.torch_version.TorchVersion']
  },
  {
    library: 'torchvision', version: 'torchvision 0.14.1', why: 'a torchvision function stored on a model',
    names: ['torchvision.ops.boxes.box_iou', 'torchvision.models.optical_flow.raft._pass_through_h']
  },
  {
    library: 'joblib', version: 'joblib 1.2.0', why: 'joblib\'s array wrapper (the array bytes follow the pickle)',
    names: ['joblib.numpy_pickle.NumpyArrayWrapper', 'joblib.numpy_pickle.NDArrayWrapper', 'joblib.numpy_pickle.ZNDArrayWrapper',
      'sklearn.externals.joblib.numpy_pickle.NumpyArrayWrapper']
  },
  {
    library: 'xgboost', version: 'xgboost 1.7.4', why: 'an XGBoost model (its booster is rebuilt from the model bytes)',
    names: ['xgboost.core.Booster', 'xgboost.sklearn.XGBModel', 'xgboost.sklearn.XGBClassifier', 'xgboost.sklearn.XGBRegressor',
      'xgboost.sklearn.XGBRFClassifier', 'xgboost.sklearn.XGBRFRegressor', 'xgboost.sklearn.XGBRanker']
  },
  {
    library: 'transformers/accelerate/tokenizers/sentencepiece', version: 'not generated here (no Debian package); names from their sources',
    why: 'training arguments, configs and tokenizers of the Hugging Face libraries',
    names: ['transformers.training_args.TrainingArguments', 'transformers.training_args_seq2seq.Seq2SeqTrainingArguments',
      'transformers.training_args.OptimizerNames', 'transformers.trainer_utils.IntervalStrategy', 'transformers.trainer_utils.SchedulerType',
      'transformers.trainer_utils.HubStrategy', 'transformers.trainer_utils.SaveStrategy', 'transformers.trainer_utils.EvaluationStrategy',
      'transformers.trainer_pt_utils.AcceleratorConfig', 'transformers.trainer_callback.TrainerState', 'transformers.trainer_callback.TrainerControl',
      'transformers.debug_utils.DebugOption', 'transformers.utils.generic.PaddingStrategy', 'transformers.utils.generic.ExplicitEnum',
      'transformers.tokenization_utils_base.BatchEncoding', 'transformers.tokenization_utils_base.TruncationStrategy',
      'accelerate.utils.dataclasses.DistributedType', 'accelerate.state.PartialState', 'accelerate.utils.dataclasses.DeepSpeedPlugin',
      'tokenizers.Tokenizer', 'tokenizers.AddedToken', 'tokenizers.models.Model', 'tokenizers.models.BPE', 'tokenizers.models.WordPiece',
      'tokenizers.models.Unigram', 'tokenizers.models.WordLevel', 'sentencepiece.SentencePieceProcessor',
      'lightgbm.basic.Booster', 'catboost.core.CatBoost', 'catboost.core.CatBoostClassifier', 'catboost.core.CatBoostRegressor']
  }
];

/**
 * Tier 2 by family: classes and Cython state restorers of these modules (danger entries such as sklearn.datasets,
 * sklearn.utils._testing or torch.hub are judged first and stay dangerous). Families list estimator and layer
 * packages only: a library's I/O modules (xgboost.core's DMatrix reads files by path) are not families.
 */
export const REVIEW_CLASS_FAMILIES: readonly ClassFamily[] = [
  {
    library: 'scikit-learn', version: 'scikit-learn 1.2.1', why: 'a scikit-learn estimator or helper class (unpickling sets its state)',
    modules: ['sklearn._loss', 'sklearn.calibration', 'sklearn.cluster', 'sklearn.compose', 'sklearn.covariance',
      'sklearn.cross_decomposition', 'sklearn.decomposition', 'sklearn.discriminant_analysis', 'sklearn.dummy', 'sklearn.ensemble',
      'sklearn.feature_extraction', 'sklearn.feature_selection', 'sklearn.gaussian_process', 'sklearn.impute', 'sklearn.isotonic',
      'sklearn.kernel_approximation', 'sklearn.kernel_ridge', 'sklearn.linear_model', 'sklearn.manifold', 'sklearn.metrics',
      'sklearn.mixture', 'sklearn.model_selection', 'sklearn.multiclass', 'sklearn.multioutput', 'sklearn.naive_bayes',
      'sklearn.neighbors', 'sklearn.neural_network', 'sklearn.pipeline', 'sklearn.preprocessing', 'sklearn.random_projection',
      'sklearn.semi_supervised', 'sklearn.svm', 'sklearn.tree', 'sklearn.utils._bunch']
  },
  {
    library: 'torch', version: 'torch 1.13.1', why: 'a torch.nn module, optimizer or scheduler class (unpickling sets its state)',
    modules: ['torch.nn.modules', 'torch.nn.parameter', 'torch.optim', 'torch.ao.nn', 'torch.ao.quantization.stubs']
  },
  {
    library: 'torchvision', version: 'torchvision 0.14.1', why: 'a torchvision model or layer class (unpickling sets its state)',
    modules: ['torchvision.models', 'torchvision.ops']
  },
  {
    library: 'pandas', version: 'pandas 1.5.3', why: 'a pandas data structure, index, array, dtype or offset class',
    modules: ['pandas.core.frame', 'pandas.core.series', 'pandas.core.indexes', 'pandas.core.arrays', 'pandas.core.dtypes',
      'pandas.core.internals', 'pandas._libs.tslibs', 'pandas._libs.interval', 'pandas._libs.missing', 'pandas._libs.sparse',
      'pandas._libs.arrays', 'pandas._libs.internals']
  },
  {
    library: 'scipy', version: 'scipy 1.10.1', why: 'a SciPy interpolator, tree or distribution class',
    modules: ['scipy.interpolate', 'scipy.spatial._kdtree', 'scipy.spatial._ckdtree', 'scipy.stats._continuous_distns',
      'scipy.stats._discrete_distns', 'scipy.stats._distn_infrastructure']
  },
  {
    library: 'gensim', version: 'gensim 4.2.0', why: 'a gensim model, vectors or dictionary class',
    modules: ['gensim.models', 'gensim.corpora.dictionary']
  },
  { library: 'lightgbm', version: 'not generated here (no Debian package)', why: 'a LightGBM scikit-learn wrapper class', modules: ['lightgbm.sklearn'] },
  {
    library: 'transformers/peft/sentence-transformers', version: 'not generated here (no Debian package)',
    why: 'a Hugging Face model, config or adapter class',
    modules: ['transformers.models', 'transformers.configuration_utils', 'transformers.generation.configuration_utils', 'peft.tuners',
      'peft.config', 'peft.utils.peft_types', 'sentence_transformers.models']
  }
];

const flatNames = (groups: readonly GlobalSource[]): Set<string> => new Set(groups.flatMap((g) => g.names));

/** Tier 1: allowed without review. */
export const SAFE_GLOBALS: ReadonlySet<string> = flatNames(SAFE_GLOBAL_SOURCES);
/** Tier 2, exact names. */
export const REVIEW_GLOBALS: ReadonlySet<string> = flatNames(REVIEW_GLOBAL_SOURCES);
/** Tier 2 by family: the modules whose classes are reviewed. */
export const REVIEW_CLASS_MODULES: readonly string[] = REVIEW_CLASS_FAMILIES.flatMap((f) => f.modules);

export type DangerCategory =
  | 'code execution' | 'indirection' | 'network' | 'file write' | 'interpreter gadget' | 'nested loader' | 'scanner evasion';

/**
 * Dotted paths; a global matches when its full path equals one or starts with it plus a dot. Module entries
 * (`os`) cover everything inside; member entries (`builtins.eval`) cover one name.
 */
export const DANGER: ReadonlyArray<readonly [string, DangerCategory]> = [
  ...[
    'os', 'posix', 'nt', 'sys', 'subprocess', '_posixsubprocess', 'pty', 'runpy', 'code', 'codeop', 'importlib',
    'pkgutil.resolve_name', 'pkgutil.get_importer', 'pkgutil.find_loader', 'marshal', 'types.FunctionType',
    'types.CodeType', 'types.MethodType', 'types.LambdaType', 'ctypes', '_ctypes', 'multiprocessing', 'commands',
    'posixpath.os', 'platform.popen', 'signal', 'resource', 'zipimport', 'imp', 'sysconfig', 'site', 'atexit',
    'builtins.eval', 'builtins.exec', 'builtins.execfile', 'builtins.compile', 'builtins.__import__', 'builtins.getattr',
    'builtins.setattr', 'builtins.delattr', 'builtins.open', 'builtins.input', 'builtins.breakpoint', 'builtins.globals',
    'builtins.locals', 'builtins.vars', 'builtins.type', 'builtins.help', 'builtins.exit', 'builtins.quit', 'builtins.apply',
    'builtins.memoryview', 'builtins.classmethod', 'builtins.staticmethod', 'builtins.property', 'builtins.super',
    'numpy.f2py', 'numpy.testing._private.utils.runstring', 'numpy.distutils', 'numpy.ctypeslib',
    'pandas.core.computation', 'pandas.eval', '_interpreters', '_xxsubinterpreters', 'concurrent.interpreters',
    // guard expressions are eval()ed (GHSA-f4x7-rfwp-v3xw)
    'torch.fx.experimental.symbolic_shapes'
  ].map((p) => [p, 'code execution'] as const),
  // numpy.core._ufunc_reconstruct(module, name) is __import__(module) + getattr: any callable by name.
  ...['functools.partial', 'functools.reduce', 'functools.partialmethod', 'functools.singledispatch', 'operator', '_operator',
    'inspect', 'gc', 'weakref', 'builtins.map', 'builtins.filter', 'itertools.starmap',
    'contextlib', 'copy.deepcopy', 'numpy.core._ufunc_reconstruct', 'numpy._core._ufunc_reconstruct'].map((p) => [p, 'indirection'] as const),
  ...['socket', '_socket', 'ssl', '_ssl', 'urllib', 'urllib2', 'http', 'httplib', 'requests', 'urllib3', 'httpx', 'aiohttp',
    'webbrowser', 'ftplib', 'smtplib', 'poplib', 'imaplib', 'nntplib', 'telnetlib', 'xmlrpc', 'socketserver', 'asyncio',
    'selectors', 'select', 'paramiko', 'torch.utils.model_zoo', 'torchvision.datasets'].map((p) => [p, 'network'] as const),
  ...['shutil', 'logging.FileHandler', 'logging.handlers', 'logging.config', 'tempfile', 'io.FileIO', '_io.FileIO',
    'io.open', '_io.open', 'pathlib.Path.write_text', 'pathlib.Path.write_bytes', 'pathlib.Path.unlink', 'zipfile',
    'tarfile', 'dbm', 'shelve', 'fileinput', 'mmap', 'torchvision.io'].map((p) => [p, 'file write'] as const),
  ...['pdb', 'bdb', 'pydoc', 'timeit', 'trace', 'profile', 'cProfile', 'doctest', 'idlelib', 'lib2to3', 'ensurepip', 'venv',
    'distutils', 'setuptools', 'pip', 'uuid._get_command_stdout', 'uuid._popen', '_osx_support', '_aix_support',
    'imaplib.IMAP4_stream', 'test', 'unittest', 'cgi', 'cgitb', 'code.InteractiveInterpreter', 'rlcompleter', 'readline',
    'tkinter', 'turtle', 'antigravity', 'this', 'sre_compile', 'ast', 'dis', 'symtable', 'pyexpat', 'IPython',
    'jinja2', 'mako', 'yaml.load', 'yaml.unsafe_load', 'yaml.full_load', 'pandas._testing', 'pandas.util.testing', '_pyrepl'].map((p) => [p, 'interpreter gadget'] as const),
  ...['pickle', '_pickle', 'cPickle', 'dill', 'cloudpickle', 'joblib.load', 'joblib.numpy_pickle.load', 'joblib.parallel',
    'joblib.externals', 'torch.load', 'torch.hub', 'torch.jit', 'torch._dynamo', 'torch._inductor', 'torch.package',
    'torch.serialization.load', 'torch.storage._load_from_bytes', 'torch.utils.bottleneck', 'torch.utils.collect_env',
    'torch.utils.cpp_extension', 'torch.utils.data.datapipes', 'torch.testing._internal', 'torch._export', 'torch.export.load',
    'torch.distributed.rpc', 'keras.utils.get_file', 'keras.src.utils.file_utils.get_file', 'tensorflow.keras.utils.get_file',
    'tensorflow.io', 'tensorflow.python.ops.script_ops', 'mlflow', 'pandas.read_pickle', 'pandas.read_csv', 'pandas.read_json',
    'pandas.read_html', 'pandas.read_sql', 'pandas.read_parquet', 'pandas.read_excel', 'pandas.io', 'numpy.load',
    'numpy.fromfile', 'numpy.loadtxt', 'numpy.genfromtxt', 'numpy.lib.npyio', 'numpy.lib._npyio_impl', 'shelve.open',
    'huggingface_hub', 'transformers.dynamic_module_utils', 'transformers.utils.hub', 'datasets.load',
    'sklearn.utils._testing', 'sklearn.datasets', 'sklearn.externals.joblib.load', 'scipy.io', 'h5py', 'onnx.load',
    'torchvision.models._api.load_state_dict_from_url', 'torchvision.models.utils.load_state_dict_from_url',
    // ConfigModule.load_config unpickles its argument (GHSA-vv6j-3g6g-2pvj)
    'torch.utils._config_module'
  ].map((p) => [p, 'nested loader'] as const),
  ...['picklescan', 'modelscan', 'fickling', 'modelaudit', 'model_gate', 'protectai', 'safety', 'bandit', 'clamav', 'yara']
    .map((p) => [p, 'scanner evasion'] as const)
];

/**
 * Callables that run code, reach other callables or load more data whatever module they come from (a module the
 * lists above do not name can still re-export them): a global whose last name is one of these, or starts with
 * `exec` or `spawn`, is dangerous. Moved here from the policy's own "never allow" list, so the scanner grades and
 * the policy refuses the same names.
 */
export const DANGER_NAMES: ReadonlyArray<readonly [string, DangerCategory]> = [
  ...['eval', 'exec', 'execfile', 'compile', 'system', 'popen', 'Popen', 'spawn', 'call', 'check_call', 'check_output',
    'run', 'import_module'].map((n) => [n, 'code execution'] as const),
  ...['getattr', 'setattr', 'delattr'].map((n) => [n, 'indirection'] as const),
  ...['load', 'loads'].map((n) => [n, 'nested loader'] as const),
  ['open', 'file write']
];
/** Name prefixes with the same meaning (`exec_script`, `spawnv`). */
export const DANGER_NAME_PREFIXES: ReadonlyArray<readonly [string, DangerCategory]> = [
  ['exec', 'code execution'],
  ['spawn', 'code execution']
];

export const DANGER_HELP: Readonly<Record<DangerCategory, string>> = {
  'code execution': 'runs a process or arbitrary Python code',
  indirection: 'calls or looks up other callables, a building block for hiding a payload',
  network: 'opens network connections',
  'file write': 'writes, moves or deletes files',
  'interpreter gadget': 'an interpreter tool that can run code or a shell',
  'nested loader': 'loads or downloads more data that can itself run code',
  'scanner evasion': 'refers to a security scanner, which a model file has no reason to do'
};
