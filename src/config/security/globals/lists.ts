// The data behind the global policy (threats.md §3). Default deny: only exact `module.name` matches in SAFE are
// allowed. REVIEW is "unknown but common" in ML files. DANGER lists only grade the severity of what is not allowed;
// they are not what keeps a file out.

const TORCH_DTYPES = [
  'float64', 'float32', 'float16', 'bfloat16', 'int64', 'int32', 'int16', 'int8', 'uint8', 'bool', 'complex32',
  'complex64', 'complex128', 'qint8', 'quint8', 'qint32', 'quint4x2', 'quint2x4', 'uint16', 'uint32', 'uint64',
  'float8_e5m2', 'float8_e4m3fn', 'float8_e5m2fnuz', 'float8_e4m3fnuz', 'float8_e8m0fnu', 'float4_e2m1fn_x2',
  'bits8', 'bits16', 'bits1x8', 'bits2x4', 'bits4x2',
  'uint1', 'uint2', 'uint3', 'uint4', 'uint5', 'uint6', 'uint7', 'int1', 'int2', 'int3', 'int4', 'int5', 'int6', 'int7'
];

/** Storage class stem → bytes per element (legacy `torch.FloatStorage` etc.). */
export const TORCH_STORAGE_ELEMENT_SIZE: Readonly<Record<string, number>> = {
  Double: 8, Float: 4, Half: 2, BFloat16: 2, Long: 8, Int: 4, Short: 2, Char: 1, Byte: 1, Bool: 1,
  ComplexDouble: 16, ComplexFloat: 8, QUInt8: 1, QInt8: 1, QInt32: 4, QUInt4x2: 1, QUInt2x4: 1
};
const TENSOR_STEMS = ['Double', 'Float', 'Half', 'BFloat16', 'Long', 'Int', 'Short', 'Char', 'Byte', 'Bool', 'ComplexDouble', 'ComplexFloat'];

const REBUILD = [
  '_rebuild_tensor', '_rebuild_tensor_v2', '_rebuild_tensor_v3', '_rebuild_parameter', '_rebuild_parameter_with_state',
  '_rebuild_qtensor', '_rebuild_sparse_tensor', '_rebuild_meta_tensor_no_storage', '_rebuild_wrapper_subclass',
  '_rebuild_device_tensor_from_numpy', '_rebuild_device_tensor_from_cpu_tensor'
];

function torchWeightsOnly(): string[] {
  const out = [
    'collections.OrderedDict', 'collections.Counter', 'torch.nn.parameter.Parameter', 'torch.serialization._get_layout',
    'torch.Size', 'torch.Tensor', 'torch.device', '_codecs.encode', 'builtins.bytearray', 'builtins.set', 'builtins.complex',
    'torch._tensor._rebuild_from_type_v2', 'torch.storage.UntypedStorage', 'torch.storage.TypedStorage',
    'torch.per_tensor_affine', 'torch.per_tensor_symmetric', 'torch.per_channel_affine', 'torch.per_channel_symmetric',
    'torch.per_channel_affine_float_qparams'
  ];
  for (const d of TORCH_DTYPES) out.push(`torch.${d}`);
  for (const f of REBUILD) out.push(`torch._utils.${f}`);
  for (const stem of Object.keys(TORCH_STORAGE_ELEMENT_SIZE)) out.push(`torch.${stem}Storage`, `torch.cuda.${stem}Storage`);
  for (const stem of TENSOR_STEMS) {
    for (const m of ['torch', 'torch.cuda', 'torch.sparse', 'torch.cuda.sparse']) out.push(`${m}.${stem}Tensor`);
  }
  return out;
}

/** What torch's `weights_only=True` unpickler accepts by default (torch/_weights_only_unpickler.py). */
export const WEIGHTS_ONLY_GLOBALS: ReadonlySet<string> = new Set(torchWeightsOnly());

/** Modules torch's weights_only unpickler refuses whatever the allowlist says. */
export const WEIGHTS_ONLY_BLOCKED_MODULES: ReadonlySet<string> = new Set(['sys', 'os', 'posix', 'nt']);

const NUMPY_RECONSTRUCTION = ['numpy.ndarray', 'numpy.dtype'];
for (const core of ['numpy.core', 'numpy._core']) {
  NUMPY_RECONSTRUCTION.push(`${core}.multiarray._reconstruct`, `${core}.multiarray.scalar`, `${core}.numeric._frombuffer`);
}

/** Tier 1: allowed without review. */
export const SAFE_GLOBALS: ReadonlySet<string> = new Set([...WEIGHTS_ONLY_GLOBALS, ...NUMPY_RECONSTRUCTION]);

/** Tier 2, exact names: well-known ML and data classes; a human reviews them unless the policy allows them. */
export const REVIEW_GLOBALS: ReadonlySet<string> = new Set([
  'argparse.Namespace', 'collections.defaultdict', 'collections.deque', 'copyreg._reconstructor', 'copy_reg._reconstructor',
  'builtins.object', 'builtins.slice', 'builtins.range', 'builtins.frozenset', 'builtins.dict', 'builtins.list',
  'builtins.tuple', 'builtins.int', 'builtins.float', 'builtins.str', 'builtins.bytes', 'builtins.bool',
  'datetime.datetime', 'datetime.date', 'datetime.time', 'datetime.timedelta', 'datetime.timezone', 'decimal.Decimal',
  'fractions.Fraction', 'pathlib.PosixPath', 'pathlib.WindowsPath', 'pathlib.PurePosixPath', 'enum.Enum',
  'joblib.numpy_pickle.NumpyArrayWrapper', 'joblib.numpy_pickle.NDArrayWrapper', 'joblib.numpy_pickle.ZNDArrayWrapper',
  'sklearn.externals.joblib.numpy_pickle.NumpyArrayWrapper',
  'numpy.random._pickle.__randomstate_ctor', 'numpy.random._pickle.__generator_ctor', 'numpy.random._pickle.__bit_generator_ctor',
  'numpy.random.mtrand.RandomState', 'numpy.random._mt19937.MT19937', 'numpy.random._pcg64.PCG64',
  'numpy.random._generator.Generator', 'numpy.ma.core._mareconstruct', 'numpy.core.records.recarray',
  'numpy._core.records.recarray', 'numpy.matrix', 'numpy.matrixlib.defmatrix.matrix',
  'transformers.training_args.TrainingArguments', 'transformers.training_args_seq2seq.Seq2SeqTrainingArguments',
  'transformers.training_args.OptimizerNames', 'transformers.trainer_utils.IntervalStrategy',
  'transformers.trainer_utils.SchedulerType', 'transformers.trainer_utils.HubStrategy',
  'transformers.trainer_utils.SaveStrategy', 'transformers.trainer_utils.EvaluationStrategy',
  'transformers.trainer_pt_utils.AcceleratorConfig', 'transformers.trainer_callback.TrainerState',
  'transformers.trainer_callback.TrainerControl', 'transformers.debug_utils.DebugOption',
  'transformers.utils.generic.PaddingStrategy', 'transformers.utils.generic.ExplicitEnum',
  'transformers.tokenization_utils_base.BatchEncoding', 'transformers.tokenization_utils_base.TruncationStrategy',
  'accelerate.utils.dataclasses.DistributedType', 'accelerate.state.PartialState', 'accelerate.utils.dataclasses.DeepSpeedPlugin',
  'tokenizers.Tokenizer', 'tokenizers.AddedToken', 'tokenizers.models.Model', 'tokenizers.models.BPE',
  'tokenizers.models.WordPiece', 'tokenizers.models.Unigram', 'tokenizers.models.WordLevel',
  'sentencepiece.SentencePieceProcessor', 'torch.optim.adam.Adam', 'torch.optim.adamw.AdamW', 'torch.optim.sgd.SGD',
  'torch.nn.modules.container.Sequential', 'torch.nn.modules.container.ModuleList', 'torch.nn.modules.linear.Linear',
  'torch.nn.modules.conv.Conv2d', 'torch.nn.modules.activation.ReLU', 'torch.nn.modules.normalization.LayerNorm',
  'torch.nn.modules.batchnorm.BatchNorm2d', 'torch.nn.modules.dropout.Dropout', 'torch.nn.modules.sparse.Embedding',
  'torch.torch_version.TorchVersion'
]);

/** Tier 2 by family: classes (CapitalisedName) from estimator modules of these packages. */
export const REVIEW_CLASS_MODULES: readonly string[] = [
  'sklearn.linear_model', 'sklearn.ensemble', 'sklearn.tree', 'sklearn.svm', 'sklearn.neighbors', 'sklearn.preprocessing',
  'sklearn.pipeline', 'sklearn.compose', 'sklearn.decomposition', 'sklearn.cluster', 'sklearn.naive_bayes',
  'sklearn.neural_network', 'sklearn.feature_extraction', 'sklearn.feature_selection', 'sklearn.impute',
  'sklearn.discriminant_analysis', 'sklearn.gaussian_process', 'sklearn.kernel_approximation', 'sklearn.isotonic',
  'sklearn.calibration', 'sklearn.multiclass', 'sklearn.multioutput', 'sklearn.cross_decomposition', 'sklearn.manifold',
  'sklearn.mixture', 'sklearn.semi_supervised', 'sklearn.dummy', 'sklearn.random_projection', 'sklearn._loss',
  'sklearn.model_selection._search', 'sklearn.model_selection._split',
  'xgboost.sklearn', 'xgboost.core', 'lightgbm.sklearn', 'lightgbm.basic', 'catboost.core',
  'transformers.models', 'transformers.configuration_utils', 'transformers.generation.configuration_utils',
  'peft.tuners', 'peft.config', 'peft.utils.peft_types', 'sentence_transformers.models'
];

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
    'numpy.f2py', 'numpy.testing._private.utils.runstring', 'numpy.distutils', 'numpy.ctypeslib'
  ].map((p) => [p, 'code execution'] as const),
  ...['functools.partial', 'functools.reduce', 'functools.partialmethod', 'functools.singledispatch', 'operator', '_operator',
    'inspect', 'gc', 'weakref', 'builtins.map', 'builtins.filter', 'itertools.starmap',
    'contextlib', 'copy.deepcopy'].map((p) => [p, 'indirection'] as const),
  ...['socket', '_socket', 'ssl', '_ssl', 'urllib', 'urllib2', 'http', 'httplib', 'requests', 'urllib3', 'httpx', 'aiohttp',
    'webbrowser', 'ftplib', 'smtplib', 'poplib', 'imaplib', 'nntplib', 'telnetlib', 'xmlrpc', 'socketserver', 'asyncio',
    'selectors', 'select', 'paramiko'].map((p) => [p, 'network'] as const),
  ...['shutil', 'logging.FileHandler', 'logging.handlers', 'logging.config', 'tempfile', 'io.FileIO', '_io.FileIO',
    'io.open', '_io.open', 'pathlib.Path.write_text', 'pathlib.Path.write_bytes', 'pathlib.Path.unlink', 'zipfile',
    'tarfile', 'dbm', 'shelve', 'fileinput', 'mmap'].map((p) => [p, 'file write'] as const),
  ...['pdb', 'bdb', 'pydoc', 'timeit', 'trace', 'profile', 'cProfile', 'doctest', 'idlelib', 'lib2to3', 'ensurepip', 'venv',
    'distutils', 'setuptools', 'pip', 'uuid._get_command_stdout', 'uuid._popen', '_osx_support', '_aix_support',
    'imaplib.IMAP4_stream', 'test', 'unittest', 'cgi', 'cgitb', 'code.InteractiveInterpreter', 'rlcompleter', 'readline',
    'tkinter', 'turtle', 'antigravity', 'this', 'sre_compile', 'ast', 'dis', 'symtable', 'pyexpat', 'IPython',
    'jinja2', 'mako', 'yaml.load', 'yaml.unsafe_load', 'yaml.full_load'].map((p) => [p, 'interpreter gadget'] as const),
  ...['pickle', '_pickle', 'cPickle', 'dill', 'cloudpickle', 'joblib.load', 'joblib.numpy_pickle.load', 'joblib.parallel',
    'joblib.externals', 'torch.load', 'torch.hub', 'torch.jit', 'torch._dynamo', 'torch._inductor', 'torch.package',
    'torch.serialization.load', 'torch.storage._load_from_bytes', 'torch.utils.bottleneck', 'torch.utils.collect_env',
    'torch.utils.cpp_extension', 'torch.utils.data.datapipes', 'torch.testing._internal', 'torch._export', 'torch.export.load',
    'torch.distributed.rpc', 'keras.utils.get_file', 'keras.src.utils.file_utils.get_file', 'tensorflow.keras.utils.get_file',
    'tensorflow.io', 'tensorflow.python.ops.script_ops', 'mlflow', 'pandas.read_pickle', 'pandas.read_csv', 'pandas.read_json',
    'pandas.read_html', 'pandas.read_sql', 'pandas.read_parquet', 'pandas.read_excel', 'pandas.io', 'numpy.load',
    'numpy.fromfile', 'numpy.loadtxt', 'numpy.genfromtxt', 'numpy.lib.npyio', 'numpy.lib._npyio_impl', 'shelve.open',
    'huggingface_hub', 'transformers.dynamic_module_utils', 'transformers.utils.hub', 'datasets.load',
    'sklearn.utils._testing', 'sklearn.datasets', 'sklearn.externals.joblib.load', 'scipy.io', 'h5py', 'onnx.load'
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
