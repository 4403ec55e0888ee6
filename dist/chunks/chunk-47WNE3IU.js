import {
  KNOWN_LEGITIMATE,
  TRUSTED_PUBLISHERS
} from "./chunk-NDIIMO6P.js";
import {
  printable
} from "./chunk-VLZKHZEN.js";

// src/config/policy/defaults.ts
var DEFAULT_POLICY_PATH = ".github/model-gate.yml";
var DEFAULT_FAIL_ON = "high";
var DEFAULT_MAX_FILE_SIZE = 100 * 1024 ** 3;
var DEFAULT_CONCURRENCY = 4;
function defaultPolicy() {
  return {
    trustedPublishers: [...TRUSTED_PUBLISHERS],
    legitimateNamespaces: [...KNOWN_LEGITIMATE],
    failOn: DEFAULT_FAIL_ON,
    exclude: [],
    exceptions: [],
    allowGlobals: [],
    maxFileSize: DEFAULT_MAX_FILE_SIZE,
    concurrency: DEFAULT_CONCURRENCY,
    // The approval rules (formats, remote_code, licenses ...) are absent: no rule until the policy sets one.
    profiles: {}
  };
}

// src/config/policy/rules.ts
var REMOTE_CODE_VALUES = ["deny", "review", "allow-trusted"];
var RULE_KEYS = {
  formats: "formats",
  require_safetensors: "requireSafetensors",
  remote_code: "remoteCode",
  min_account_age: "minAccountAge",
  min_downloads: "minDownloads",
  verified_publishers_only: "verifiedPublishersOnly",
  licenses: "licenses",
  fast_track: "fastTrack"
};
var FORMAT_FAMILIES = {
  pickle: ["pickle", "pytorch-zip", "torchscript", "pytorch-legacy-tar", "torch-legacy", "joblib", "joblib-zf"],
  joblib: ["joblib", "joblib-zf"]
};
var SCANNER_FORMATS = [
  "zip",
  "pickle",
  "numpy",
  "npz",
  "tar",
  "7z",
  "gzip",
  "bz2",
  "xz",
  "lzma",
  "zlib",
  "lz4",
  "zstd",
  "joblib",
  "joblib-zf",
  "hdf5",
  "keras",
  "safetensors",
  "gguf",
  "onnx",
  "onnx-external-data",
  "tflite",
  "tfrecord",
  "tf-savedmodel",
  "tf-graphdef",
  "tensorboard-events",
  "protobuf",
  "msgpack",
  "matlab",
  "pytorch-zip",
  "pytorch-legacy-tar",
  "torch-legacy",
  "torchscript",
  "torchscript-code",
  "xgboost-ubj",
  "xgboost-binary",
  "fasttext",
  "word2vec",
  "elf",
  "pe",
  "macho",
  "wasm",
  "dex",
  "ole",
  "image",
  "unknown-binary",
  "script",
  "notebook",
  "json",
  "python",
  "text",
  "empty"
];
var TEXT_LIKE_FORMATS = /* @__PURE__ */ new Set(["script", "notebook", "json", "python", "text", "empty"]);
var POLICY_FORMATS = [.../* @__PURE__ */ new Set([...SCANNER_FORMATS, ...Object.keys(FORMAT_FAMILIES)])].sort();
function formatMembers(name) {
  return Object.hasOwn(FORMAT_FAMILIES, name) ? FORMAT_FAMILIES[name] : [name];
}
function formatProblem(name) {
  return POLICY_FORMATS.includes(name) ? null : `'${name}' is not a format Model Gate recognises by content; known formats: ${POLICY_FORMATS.join(", ")}`;
}
var LICENSE_ID = /^[A-Za-z0-9][A-Za-z0-9.+-]{0,63}$/;
function licenseProblem(id) {
  return LICENSE_ID.test(id) ? null : `'${id}' is not an SPDX license id (letters, digits, '.', '-', '+'; e.g. apache-2.0, MIT, cc-by-4.0)`;
}
var PROFILE_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;
function profileNameProblem(name) {
  return PROFILE_NAME.test(name) ? null : `profile name '${name}' must be lowercase letters, digits, '-' or '_' (at most 64), e.g. \`production\``;
}
function parseBoolean(text) {
  const v = (text ?? "").trim().toLowerCase();
  if (v === "true") return true;
  if (v === "false") return false;
  return { error: "write true or false" };
}
function parseRemoteCode(text) {
  const v = (text ?? "").trim().toLowerCase();
  return REMOTE_CODE_VALUES.includes(v) ? v : { error: `it must be one of ${REMOTE_CODE_VALUES.join(", ")}` };
}
var MAX_DAYS = 99999;
function parseDays(text) {
  const m = /^([0-9]{1,5})\s?(?:d|days?)?$/.exec((text ?? "").trim());
  if (!m) return { error: "write a whole number of days, e.g. 90 or 90d" };
  const n = Number(m[1]);
  return n > MAX_DAYS ? { error: `it must be at most ${MAX_DAYS} days` } : n;
}
var MAX_COUNT = 1e12;
function parseCount(text) {
  const t = (text ?? "").trim();
  return /^[0-9]{1,12}$/.test(t) ? Number(t) : { error: "write a whole number, e.g. 1000" };
}
function mergeRules(policy, profile) {
  if (!profile) return policy;
  const out = { ...policy };
  for (const key of Object.values(RULE_KEYS)) {
    if (profile[key] !== void 0) out[key] = profile[key];
  }
  return out;
}
function policyForEntry(policy, entry) {
  if (entry.profile === void 0) return { policy };
  const profile = Object.hasOwn(policy.profiles, entry.profile) ? policy.profiles[entry.profile] : void 0;
  if (profile) return { policy: mergeRules(policy, profile) };
  const known = Object.keys(policy.profiles);
  return {
    policy,
    finding: {
      check: "policy.profile-unknown",
      severity: "high",
      message: `${entry.repo} names the policy profile '${entry.profile}', which the policy does not define${known.length > 0 ? ` (profiles: ${known.join(", ")})` : ""}`,
      help: "Name a profile defined under `profiles:` in the base branch policy, fix that profile's errors, or remove `profile:` to use the top-level rules."
    }
  };
}

// src/config/security/globals/lists.ts
var TORCH_STORAGE_ELEMENT_SIZE = {
  Double: 8,
  Float: 4,
  Half: 2,
  BFloat16: 2,
  Long: 8,
  Int: 4,
  Short: 2,
  Char: 1,
  Byte: 1,
  Bool: 1,
  ComplexDouble: 16,
  ComplexFloat: 8,
  QUInt8: 1,
  QInt8: 1,
  QInt32: 4,
  QUInt4x2: 1,
  QUInt2x4: 1
};
var TENSOR_CLASSES = [];
for (const [mod, stems] of [
  ["torch", ["Double", "Float", "Half", "BFloat16", "Long", "Int", "Short", "Char", "Byte", "Bool"]],
  ["torch.cuda", ["Double", "Float", "Half", "BFloat16", "Long", "Int", "Short", "Char", "Byte", "Bool"]],
  ["torch.sparse", ["Double", "Float", "Half", "BFloat16", "Long", "Int", "Short", "Char", "Byte"]],
  ["torch.cuda.sparse", ["Double", "Float", "Half", "BFloat16", "Long", "Int", "Short", "Char", "Byte"]]
]) for (const s of stems) TENSOR_CLASSES.push(`${mod}.${s}Tensor`);
var STORAGE_CLASSES = ["torch.storage.UntypedStorage", "torch.storage.TypedStorage"];
for (const s of Object.keys(TORCH_STORAGE_ELEMENT_SIZE)) STORAGE_CLASSES.push(`torch.${s}Storage`);
for (const s of ["Double", "Float", "Half", "Long", "Int", "Short", "Char", "Byte", "Bool", "BFloat16", "ComplexDouble", "ComplexFloat"]) {
  STORAGE_CLASSES.push(`torch.cuda.${s}Storage`);
}
var TORCH_2_6_WEIGHTS_ONLY_GLOBALS = /* @__PURE__ */ new Set([
  "collections.OrderedDict",
  "collections.Counter",
  "torch.nn.parameter.Parameter",
  "torch.serialization._get_layout",
  "torch.Size",
  "torch.Tensor",
  "torch.device",
  "_codecs.encode",
  "builtins.bytearray",
  "builtins.set",
  "builtins.complex",
  // _dtype_to_storage_type_map() keys, then _new_dtypes()
  ...[
    "float64",
    "float32",
    "float16",
    "int64",
    "int32",
    "int16",
    "int8",
    "uint8",
    "bool",
    "bfloat16",
    "complex128",
    "complex64",
    "qint8",
    "qint32",
    "quint8",
    "quint4x2",
    "quint2x4",
    "float8_e5m2",
    "float8_e4m3fn",
    "float8_e5m2fnuz",
    "float8_e4m3fnuz",
    "bits8",
    "bits16",
    "bits1x8",
    "bits2x4",
    "bits4x2",
    "complex32",
    "uint16",
    "uint32",
    "uint64"
  ].map((d) => `torch.${d}`),
  ...TENSOR_CLASSES,
  ...STORAGE_CLASSES,
  "torch.per_tensor_affine",
  "torch.per_tensor_symmetric",
  "torch.per_channel_affine",
  "torch.per_channel_symmetric",
  "torch.per_channel_affine_float_qparams",
  ...[
    "_rebuild_parameter",
    "_rebuild_parameter_with_state",
    "_rebuild_qtensor",
    "_rebuild_tensor",
    "_rebuild_tensor_v2",
    "_rebuild_tensor_v3",
    "_rebuild_sparse_tensor",
    "_rebuild_meta_tensor_no_storage",
    "_rebuild_nested_tensor",
    "_rebuild_wrapper_subclass",
    "_rebuild_device_tensor_from_numpy",
    "_rebuild_device_tensor_from_cpu_tensor"
  ].map((f) => `torch._utils.${f}`),
  "torch._tensor._rebuild_from_type_v2"
]);
var TORCH_1_13_WEIGHTS_ONLY_GLOBALS = /* @__PURE__ */ new Set([
  "collections.OrderedDict",
  "torch.nn.parameter.Parameter",
  "torch.serialization._get_layout",
  "torch.Size",
  "torch.Tensor",
  ...["complex32", "complex64", "complex128", "float16", "float32", "float64", "int8", "int16", "int32", "int64"].map((d) => `torch.${d}`),
  ...TENSOR_CLASSES,
  ...STORAGE_CLASSES,
  ...[
    "_rebuild_parameter",
    "_rebuild_tensor",
    "_rebuild_tensor_v2",
    "_rebuild_sparse_tensor",
    "_rebuild_meta_tensor_no_storage",
    "_rebuild_sparse_csr_tensor"
  ].map((f) => `torch._utils.${f}`)
]);
var TORCH_2_6_WEIGHTS_ONLY_OPCODES = [
  "GLOBAL",
  "NEWOBJ",
  "REDUCE",
  "BUILD",
  "APPEND",
  "APPENDS",
  "SETITEM",
  "SETITEMS",
  "MARK",
  "TUPLE",
  "TUPLE1",
  "TUPLE2",
  "TUPLE3",
  "NONE",
  "NEWFALSE",
  "NEWTRUE",
  "EMPTY_TUPLE",
  "EMPTY_LIST",
  "EMPTY_DICT",
  "EMPTY_SET",
  "BININT",
  "BININT1",
  "BININT2",
  "BINFLOAT",
  "BINUNICODE",
  "SHORT_BINSTRING",
  "BINPERSID",
  "BINGET",
  "LONG_BINGET",
  "BINPUT",
  "LONG_BINPUT",
  "LONG1",
  "PROTO",
  "STOP"
];
var TORCH_1_13_WEIGHTS_ONLY_OPCODES = TORCH_2_6_WEIGHTS_ONLY_OPCODES.filter((o) => o !== "BINFLOAT");
var WEIGHTS_ONLY_GLOBALS = TORCH_2_6_WEIGHTS_ONLY_GLOBALS;
var WEIGHTS_ONLY_BLOCKED_MODULES = /* @__PURE__ */ new Set(["sys", "os", "posix", "nt"]);
var TORCHSCRIPT_BUILDERS = new Set(
  ["build_intlist", "build_tensorlist", "build_doublelist", "build_boollist", "build_tensor_from_id", "restore_type_tag"].map((f) => `torch.jit._pickle.${f}`)
);
var NUMPY_1_24 = "numpy 1.24.2";
var NUMPY_SCALAR_TYPES = [
  "bool_",
  "int8",
  "int16",
  "int32",
  "int64",
  "uint8",
  "uint16",
  "uint32",
  "uint64",
  "float16",
  "float32",
  "float64",
  "float128",
  "complex64",
  "complex128",
  "complex256",
  "object_",
  "str_",
  "bytes_",
  "void",
  "datetime64",
  "timedelta64",
  "longlong",
  "ulonglong",
  "intc",
  "uintc",
  "byte",
  "ubyte",
  "short",
  "ushort",
  "longdouble",
  "clongdouble",
  "half",
  "single",
  "double"
];
var SAFE_GLOBAL_SOURCES = [
  {
    library: "torch",
    version: "1.13.1 (and the PyTorch 2.6.0 weights_only allowlist)",
    why: "tensor, storage and dtype reconstruction torch.load(weights_only=True) admits",
    names: [...TORCH_2_6_WEIGHTS_ONLY_GLOBALS]
  },
  {
    library: "torch",
    version: "1.13.1",
    why: "sparse CSR tensor reconstruction (torch 1.13 weights_only admits it)",
    names: ["torch._utils._rebuild_sparse_csr_tensor"]
  },
  {
    library: "numpy",
    version: NUMPY_1_24,
    why: "NumPy array, dtype and scalar reconstruction",
    names: [
      "numpy.ndarray",
      "numpy.dtype",
      ...["numpy.core", "numpy._core"].flatMap((c) => [`${c}.multiarray._reconstruct`, `${c}.multiarray.scalar`, `${c}.numeric._frombuffer`]),
      ...NUMPY_SCALAR_TYPES.map((t) => `numpy.${t}`)
    ]
  },
  {
    // ndarray subclasses: rebuilt by _reconstruct(cls, ...) + ndarray.__setstate__; MaskedArray's own __setstate__ sets
    // its data and mask arrays; _mareconstruct calls ndarray.__new__ and the (separately imported) subtype's __new__.
    library: "numpy",
    version: NUMPY_1_24,
    why: "NumPy array subclass reconstruction (masked, matrix, record, char arrays)",
    names: [
      "numpy.ma.core.MaskedArray",
      "numpy.ma.core.MaskedConstant",
      "numpy.ma.core._mareconstruct",
      "numpy.ma.core.mvoid",
      "numpy.matrix",
      "numpy.matrixlib.defmatrix.matrix",
      "numpy.recarray",
      "numpy.record",
      "numpy.core.records.recarray",
      "numpy._core.records.recarray",
      "numpy.chararray",
      "numpy.poly1d",
      "numpy.finfo",
      "numpy.iinfo",
      "numpy.core.getlimits.MachArLike"
    ]
  },
  {
    // No __reduce__ or __setstate__ in scipy/sparse (dok_matrix uses dict.__reduce__): object.__new__ plus a __dict__
    // of index and value arrays.
    library: "scipy",
    version: "scipy 1.10.1",
    why: "a scipy.sparse matrix rebuilt from its index and value arrays",
    names: [
      ...["bsr", "coo", "csc", "csr", "dia", "dok", "lil"].map((f) => `scipy.sparse._${f}.${f}_matrix`),
      ...["bsr", "coo", "csc", "csr", "dia", "dok", "lil"].map((f) => `scipy.sparse._arrays.${f}_array`),
      // scipy < 1.8 module paths of the same classes
      ...["bsr", "coo", "csc", "csr", "dia", "dok", "lil"].map((f) => `scipy.sparse.${f}.${f}_matrix`)
    ]
  },
  {
    library: "python",
    version: "CPython 3.11 pickle (every library above)",
    why: "a plain Python data type",
    names: [
      "builtins.int",
      "builtins.float",
      "builtins.bool",
      "builtins.str",
      "builtins.bytes",
      "builtins.tuple",
      "builtins.list",
      "builtins.dict",
      "builtins.frozenset",
      "builtins.slice",
      "builtins.range",
      "builtins.object",
      "collections.deque",
      "datetime.datetime",
      "datetime.date",
      "datetime.time",
      "datetime.timedelta",
      "datetime.timezone",
      "decimal.Decimal",
      "fractions.Fraction"
    ]
  }
];
var NUMPY_UFUNCS = [
  "absolute",
  "add",
  "arccos",
  "arccosh",
  "arcsin",
  "arcsinh",
  "arctan",
  "arctan2",
  "arctanh",
  "bitwise_and",
  "bitwise_or",
  "bitwise_xor",
  "cbrt",
  "ceil",
  "conjugate",
  "copysign",
  "cos",
  "cosh",
  "deg2rad",
  "degrees",
  "divide",
  "divmod",
  "equal",
  "exp",
  "exp2",
  "expm1",
  "fabs",
  "float_power",
  "floor",
  "floor_divide",
  "fmax",
  "fmin",
  "fmod",
  "frexp",
  "gcd",
  "greater",
  "greater_equal",
  "heaviside",
  "hypot",
  "invert",
  "isfinite",
  "isinf",
  "isnan",
  "isnat",
  "lcm",
  "ldexp",
  "left_shift",
  "less",
  "less_equal",
  "log",
  "log10",
  "log1p",
  "log2",
  "logaddexp",
  "logaddexp2",
  "logical_and",
  "logical_not",
  "logical_or",
  "logical_xor",
  "matmul",
  "maximum",
  "minimum",
  "modf",
  "multiply",
  "negative",
  "nextafter",
  "not_equal",
  "positive",
  "power",
  "rad2deg",
  "radians",
  "reciprocal",
  "remainder",
  "right_shift",
  "rint",
  "sign",
  "signbit",
  "sin",
  "sinh",
  "spacing",
  "sqrt",
  "square",
  "subtract",
  "tan",
  "tanh",
  "trunc"
];
var REVIEW_GLOBAL_SOURCES = [
  {
    // numpy >= 1.20 pickles a ufunc by its own name (numpy 1.24: module numpy.core._multiarray_umath; numpy 2: numpy).
    // A ufunc is elementwise math, but it is a function a library will call, not data: a reviewer acknowledges it.
    library: "numpy",
    version: NUMPY_1_24,
    why: "a NumPy ufunc (elementwise math function) stored for a library to call",
    names: ["numpy.core._multiarray_umath", "numpy._core._multiarray_umath", "numpy.core.umath", "numpy"].flatMap((m) => NUMPY_UFUNCS.map((u) => `${m}.${u}`)).concat(["numpy.mean"])
  },
  {
    library: "numpy",
    version: NUMPY_1_24,
    why: "NumPy random generator state",
    names: [
      "numpy.random._pickle.__randomstate_ctor",
      "numpy.random._pickle.__generator_ctor",
      "numpy.random._pickle.__bit_generator_ctor",
      "numpy.random.mtrand.RandomState",
      "numpy.random._mt19937.MT19937",
      "numpy.random._pcg64.PCG64",
      "numpy.random._pcg64.PCG64DXSM",
      "numpy.random._philox.Philox",
      "numpy.random._sfc64.SFC64",
      "numpy.random._generator.Generator",
      "numpy.random.bit_generator.SeedSequence",
      "numpy.random.bit_generator.__pyx_unpickle_SeedSequence"
    ]
  },
  {
    library: "python",
    version: "CPython 3.11 pickle",
    why: "a Python object rebuilt through a class it names, or holding a factory callable (defaultdict)",
    names: [
      "copyreg._reconstructor",
      "copy_reg._reconstructor",
      "argparse.Namespace",
      "collections.defaultdict",
      "enum.Enum",
      "pathlib.PosixPath",
      "pathlib.WindowsPath",
      "pathlib.PurePosixPath"
    ]
  },
  {
    library: "gensim",
    version: "gensim 4.2.0",
    why: "a gensim helper stored on its models",
    names: ["gensim.utils.call_on_class_only", "gensim.utils.identity", "gensim.models.tfidfmodel.df2idf", "builtins.hash"]
  },
  {
    library: "pandas",
    version: "pandas 1.5.3",
    why: "pandas internals rebuilding a DataFrame, Series, index or array",
    names: [
      "pandas._libs.arrays.__pyx_unpickle_NDArrayBacked",
      "pandas._libs.internals._unpickle_block",
      "pandas._libs.interval.__pyx_unpickle_IntervalMixin",
      "pandas._libs.tslibs.nattype.__nat_unpickle",
      "pandas._libs.tslibs.timedeltas._timedelta_unpickle",
      "pandas._libs.tslibs.timestamps._unpickle_timestamp",
      "pandas.core.indexes.base._new_Index",
      "pandas.core.indexes.datetimes._new_DatetimeIndex",
      "pandas.core.indexes.interval._new_IntervalIndex",
      "pandas.core.indexes.period._new_PeriodIndex",
      "pytz._UTC",
      "pytz._p"
    ]
  },
  {
    library: "scikit-learn",
    version: "scikit-learn 1.2.1",
    why: "a scikit-learn helper stored on a fitted estimator",
    names: [
      "sklearn.metrics._dist_metrics.newObj",
      "sklearn.neighbors._kd_tree.newObj",
      "sklearn.neighbors._ball_tree.newObj",
      "sklearn.metrics._scorer._passthrough_scorer",
      "sklearn.metrics._classification.accuracy_score",
      "sklearn.metrics._classification.f1_score",
      "sklearn.feature_selection._univariate_selection.f_classif",
      "sklearn.cluster._kmeans._kmeans_single_lloyd"
    ]
  },
  {
    library: "scipy",
    version: "scipy 1.10.1",
    why: "a SciPy function or distribution stored on a model",
    names: [
      "scipy.special._ufuncs.expit",
      "scipy.special._ufuncs.logit",
      "scipy.interpolate._interpolate.interp1d",
      "scipy.interpolate._interpolate.interp1d._call_linear_np",
      "scipy.spatial._ckdtree.cKDTree",
      "scipy.stats._continuous_distns.norm_gen",
      "scipy.stats._continuous_distns.uniform_gen",
      "scipy.stats._distn_infrastructure.rv_continuous_frozen"
    ]
  },
  {
    library: "torch",
    version: "torch 1.13.1",
    why: "a torch.nn activation function or hook handle stored on a module",
    names: [
      "torch.nn.functional.relu",
      "torch.nn.functional.gelu",
      "torch._C._nn.gelu",
      "torch.utils.hooks.RemovableHandle",
      "torch.torch_version.TorchVersion"
    ]
  },
  {
    library: "torchvision",
    version: "torchvision 0.14.1",
    why: "a torchvision function stored on a model",
    names: ["torchvision.ops.boxes.box_iou", "torchvision.models.optical_flow.raft._pass_through_h"]
  },
  {
    library: "joblib",
    version: "joblib 1.2.0",
    why: "joblib's array wrapper (the array bytes follow the pickle)",
    names: [
      "joblib.numpy_pickle.NumpyArrayWrapper",
      "joblib.numpy_pickle.NDArrayWrapper",
      "joblib.numpy_pickle.ZNDArrayWrapper",
      "sklearn.externals.joblib.numpy_pickle.NumpyArrayWrapper"
    ]
  },
  {
    library: "xgboost",
    version: "xgboost 1.7.4",
    why: "an XGBoost model (its booster is rebuilt from the model bytes)",
    names: [
      "xgboost.core.Booster",
      "xgboost.sklearn.XGBModel",
      "xgboost.sklearn.XGBClassifier",
      "xgboost.sklearn.XGBRegressor",
      "xgboost.sklearn.XGBRFClassifier",
      "xgboost.sklearn.XGBRFRegressor",
      "xgboost.sklearn.XGBRanker"
    ]
  },
  {
    library: "transformers/accelerate/tokenizers/sentencepiece",
    version: "not generated here (no Debian package); names from their sources",
    why: "training arguments, configs and tokenizers of the Hugging Face libraries",
    names: [
      "transformers.training_args.TrainingArguments",
      "transformers.training_args_seq2seq.Seq2SeqTrainingArguments",
      "transformers.training_args.OptimizerNames",
      "transformers.trainer_utils.IntervalStrategy",
      "transformers.trainer_utils.SchedulerType",
      "transformers.trainer_utils.HubStrategy",
      "transformers.trainer_utils.SaveStrategy",
      "transformers.trainer_utils.EvaluationStrategy",
      "transformers.trainer_pt_utils.AcceleratorConfig",
      "transformers.trainer_callback.TrainerState",
      "transformers.trainer_callback.TrainerControl",
      "transformers.debug_utils.DebugOption",
      "transformers.utils.generic.PaddingStrategy",
      "transformers.utils.generic.ExplicitEnum",
      "transformers.tokenization_utils_base.BatchEncoding",
      "transformers.tokenization_utils_base.TruncationStrategy",
      "accelerate.utils.dataclasses.DistributedType",
      "accelerate.state.PartialState",
      "accelerate.utils.dataclasses.DeepSpeedPlugin",
      "tokenizers.Tokenizer",
      "tokenizers.AddedToken",
      "tokenizers.models.Model",
      "tokenizers.models.BPE",
      "tokenizers.models.WordPiece",
      "tokenizers.models.Unigram",
      "tokenizers.models.WordLevel",
      "sentencepiece.SentencePieceProcessor",
      "lightgbm.basic.Booster",
      "catboost.core.CatBoost",
      "catboost.core.CatBoostClassifier",
      "catboost.core.CatBoostRegressor"
    ]
  }
];
var REVIEW_CLASS_FAMILIES = [
  {
    library: "scikit-learn",
    version: "scikit-learn 1.2.1",
    why: "a scikit-learn estimator or helper class (unpickling sets its state)",
    modules: [
      "sklearn._loss",
      "sklearn.calibration",
      "sklearn.cluster",
      "sklearn.compose",
      "sklearn.covariance",
      "sklearn.cross_decomposition",
      "sklearn.decomposition",
      "sklearn.discriminant_analysis",
      "sklearn.dummy",
      "sklearn.ensemble",
      "sklearn.feature_extraction",
      "sklearn.feature_selection",
      "sklearn.gaussian_process",
      "sklearn.impute",
      "sklearn.isotonic",
      "sklearn.kernel_approximation",
      "sklearn.kernel_ridge",
      "sklearn.linear_model",
      "sklearn.manifold",
      "sklearn.metrics",
      "sklearn.mixture",
      "sklearn.model_selection",
      "sklearn.multiclass",
      "sklearn.multioutput",
      "sklearn.naive_bayes",
      "sklearn.neighbors",
      "sklearn.neural_network",
      "sklearn.pipeline",
      "sklearn.preprocessing",
      "sklearn.random_projection",
      "sklearn.semi_supervised",
      "sklearn.svm",
      "sklearn.tree",
      "sklearn.utils._bunch"
    ]
  },
  {
    library: "torch",
    version: "torch 1.13.1",
    why: "a torch.nn module, optimizer or scheduler class (unpickling sets its state)",
    modules: ["torch.nn.modules", "torch.nn.parameter", "torch.optim", "torch.ao.nn", "torch.ao.quantization.stubs"]
  },
  {
    library: "torchvision",
    version: "torchvision 0.14.1",
    why: "a torchvision model or layer class (unpickling sets its state)",
    modules: ["torchvision.models", "torchvision.ops"]
  },
  {
    library: "pandas",
    version: "pandas 1.5.3",
    why: "a pandas data structure, index, array, dtype or offset class",
    modules: [
      "pandas.core.frame",
      "pandas.core.series",
      "pandas.core.indexes",
      "pandas.core.arrays",
      "pandas.core.dtypes",
      "pandas.core.internals",
      "pandas._libs.tslibs",
      "pandas._libs.interval",
      "pandas._libs.missing",
      "pandas._libs.sparse",
      "pandas._libs.arrays",
      "pandas._libs.internals"
    ]
  },
  {
    library: "scipy",
    version: "scipy 1.10.1",
    why: "a SciPy interpolator, tree or distribution class",
    modules: [
      "scipy.interpolate",
      "scipy.spatial._kdtree",
      "scipy.spatial._ckdtree",
      "scipy.stats._continuous_distns",
      "scipy.stats._discrete_distns",
      "scipy.stats._distn_infrastructure"
    ]
  },
  {
    library: "gensim",
    version: "gensim 4.2.0",
    why: "a gensim model, vectors or dictionary class",
    modules: ["gensim.models", "gensim.corpora.dictionary"]
  },
  { library: "lightgbm", version: "not generated here (no Debian package)", why: "a LightGBM scikit-learn wrapper class", modules: ["lightgbm.sklearn"] },
  {
    library: "transformers/peft/sentence-transformers",
    version: "not generated here (no Debian package)",
    why: "a Hugging Face model, config or adapter class",
    modules: [
      "transformers.models",
      "transformers.configuration_utils",
      "transformers.generation.configuration_utils",
      "peft.tuners",
      "peft.config",
      "peft.utils.peft_types",
      "sentence_transformers.models"
    ]
  }
];
var flatNames = (groups) => new Set(groups.flatMap((g) => g.names));
var SAFE_GLOBALS = flatNames(SAFE_GLOBAL_SOURCES);
var REVIEW_GLOBALS = flatNames(REVIEW_GLOBAL_SOURCES);
var REVIEW_CLASS_MODULES = REVIEW_CLASS_FAMILIES.flatMap((f) => f.modules);
var DANGER = [
  ...[
    "os",
    "posix",
    "nt",
    "sys",
    "subprocess",
    "_posixsubprocess",
    "pty",
    "runpy",
    "code",
    "codeop",
    "importlib",
    "pkgutil.resolve_name",
    "pkgutil.get_importer",
    "pkgutil.find_loader",
    "marshal",
    "types.FunctionType",
    "types.CodeType",
    "types.MethodType",
    "types.LambdaType",
    "ctypes",
    "_ctypes",
    "multiprocessing",
    "commands",
    "posixpath.os",
    "platform.popen",
    "signal",
    "resource",
    "zipimport",
    "imp",
    "sysconfig",
    "site",
    "atexit",
    "builtins.eval",
    "builtins.exec",
    "builtins.execfile",
    "builtins.compile",
    "builtins.__import__",
    "builtins.getattr",
    "builtins.setattr",
    "builtins.delattr",
    "builtins.open",
    "builtins.input",
    "builtins.breakpoint",
    "builtins.globals",
    "builtins.locals",
    "builtins.vars",
    "builtins.type",
    "builtins.help",
    "builtins.exit",
    "builtins.quit",
    "builtins.apply",
    "builtins.memoryview",
    "builtins.classmethod",
    "builtins.staticmethod",
    "builtins.property",
    "builtins.super",
    "numpy.f2py",
    "numpy.testing._private.utils.runstring",
    "numpy.distutils",
    "numpy.ctypeslib",
    "pandas.core.computation",
    "pandas.eval",
    "_interpreters",
    "_xxsubinterpreters",
    "concurrent.interpreters",
    // guard expressions are eval()ed (GHSA-f4x7-rfwp-v3xw)
    "torch.fx.experimental.symbolic_shapes"
  ].map((p) => [p, "code execution"]),
  // numpy.core._ufunc_reconstruct(module, name) is __import__(module) + getattr: any callable by name.
  ...[
    "functools.partial",
    "functools.reduce",
    "functools.partialmethod",
    "functools.singledispatch",
    "operator",
    "_operator",
    "inspect",
    "gc",
    "weakref",
    "builtins.map",
    "builtins.filter",
    "itertools.starmap",
    "contextlib",
    "copy.deepcopy",
    "numpy.core._ufunc_reconstruct",
    "numpy._core._ufunc_reconstruct"
  ].map((p) => [p, "indirection"]),
  ...[
    "socket",
    "_socket",
    "ssl",
    "_ssl",
    "urllib",
    "urllib2",
    "http",
    "httplib",
    "requests",
    "urllib3",
    "httpx",
    "aiohttp",
    "webbrowser",
    "ftplib",
    "smtplib",
    "poplib",
    "imaplib",
    "nntplib",
    "telnetlib",
    "xmlrpc",
    "socketserver",
    "asyncio",
    "selectors",
    "select",
    "paramiko",
    "torch.utils.model_zoo",
    "torchvision.datasets"
  ].map((p) => [p, "network"]),
  ...[
    "shutil",
    "logging.FileHandler",
    "logging.handlers",
    "logging.config",
    "tempfile",
    "io.FileIO",
    "_io.FileIO",
    "io.open",
    "_io.open",
    "pathlib.Path.write_text",
    "pathlib.Path.write_bytes",
    "pathlib.Path.unlink",
    "zipfile",
    "tarfile",
    "dbm",
    "shelve",
    "fileinput",
    "mmap",
    "torchvision.io"
  ].map((p) => [p, "file write"]),
  ...[
    "pdb",
    "bdb",
    "pydoc",
    "timeit",
    "trace",
    "profile",
    "cProfile",
    "doctest",
    "idlelib",
    "lib2to3",
    "ensurepip",
    "venv",
    "distutils",
    "setuptools",
    "pip",
    "uuid._get_command_stdout",
    "uuid._popen",
    "_osx_support",
    "_aix_support",
    "imaplib.IMAP4_stream",
    "test",
    "unittest",
    "cgi",
    "cgitb",
    "code.InteractiveInterpreter",
    "rlcompleter",
    "readline",
    "tkinter",
    "turtle",
    "antigravity",
    "this",
    "sre_compile",
    "ast",
    "dis",
    "symtable",
    "pyexpat",
    "IPython",
    "jinja2",
    "mako",
    "yaml.load",
    "yaml.unsafe_load",
    "yaml.full_load",
    "pandas._testing",
    "pandas.util.testing",
    "_pyrepl"
  ].map((p) => [p, "interpreter gadget"]),
  ...[
    "pickle",
    "_pickle",
    "cPickle",
    "dill",
    "cloudpickle",
    "joblib.load",
    "joblib.numpy_pickle.load",
    "joblib.parallel",
    "joblib.externals",
    "torch.load",
    "torch.hub",
    "torch.jit",
    "torch._dynamo",
    "torch._inductor",
    "torch.package",
    "torch.serialization.load",
    "torch.storage._load_from_bytes",
    "torch.utils.bottleneck",
    "torch.utils.collect_env",
    "torch.utils.cpp_extension",
    "torch.utils.data.datapipes",
    "torch.testing._internal",
    "torch._export",
    "torch.export.load",
    "torch.distributed.rpc",
    "keras.utils.get_file",
    "keras.src.utils.file_utils.get_file",
    "tensorflow.keras.utils.get_file",
    "tensorflow.io",
    "tensorflow.python.ops.script_ops",
    "mlflow",
    "pandas.read_pickle",
    "pandas.read_csv",
    "pandas.read_json",
    "pandas.read_html",
    "pandas.read_sql",
    "pandas.read_parquet",
    "pandas.read_excel",
    "pandas.io",
    "numpy.load",
    "numpy.fromfile",
    "numpy.loadtxt",
    "numpy.genfromtxt",
    "numpy.lib.npyio",
    "numpy.lib._npyio_impl",
    "shelve.open",
    "huggingface_hub",
    "transformers.dynamic_module_utils",
    "transformers.utils.hub",
    "datasets.load",
    "sklearn.utils._testing",
    "sklearn.datasets",
    "sklearn.externals.joblib.load",
    "scipy.io",
    "h5py",
    "onnx.load",
    "torchvision.models._api.load_state_dict_from_url",
    "torchvision.models.utils.load_state_dict_from_url",
    // ConfigModule.load_config unpickles its argument (GHSA-vv6j-3g6g-2pvj)
    "torch.utils._config_module"
  ].map((p) => [p, "nested loader"]),
  ...["picklescan", "modelscan", "fickling", "modelaudit", "model_gate", "protectai", "safety", "bandit", "clamav", "yara"].map((p) => [p, "scanner evasion"])
];
var DANGER_NAMES = [
  ...[
    "eval",
    "exec",
    "execfile",
    "compile",
    "system",
    "popen",
    "Popen",
    "spawn",
    "call",
    "check_call",
    "check_output",
    "run",
    "import_module"
  ].map((n) => [n, "code execution"]),
  ...["getattr", "setattr", "delattr"].map((n) => [n, "indirection"]),
  ...["load", "loads"].map((n) => [n, "nested loader"]),
  ["open", "file write"]
];
var DANGER_NAME_PREFIXES = [
  ["exec", "code execution"],
  ["spawn", "code execution"]
];
var DANGER_HELP = {
  "code execution": "runs a process or arbitrary Python code",
  indirection: "calls or looks up other callables, a building block for hiding a payload",
  network: "opens network connections",
  "file write": "writes, moves or deletes files",
  "interpreter gadget": "an interpreter tool that can run code or a shell",
  "nested loader": "loads or downloads more data that can itself run code",
  "scanner evasion": "refers to a security scanner, which a model file has no reason to do"
};

// src/config/security/globals/classify.ts
var DANGER_MAP = new Map(DANGER);
var DANGER_NAME_MAP = new Map(DANGER_NAMES);
var MAX_DANGER_PARTS = Math.max(...DANGER.map(([e]) => e.split(".").length));
var SAFE_MAP = indexSources(SAFE_GLOBAL_SOURCES);
var REVIEW_MAP = indexSources(REVIEW_GLOBAL_SOURCES);
function indexSources(groups) {
  const out = /* @__PURE__ */ new Map();
  for (const g of groups) for (const n of g.names) if (!out.has(n)) out.set(n, { library: g.library, version: g.version, why: g.why });
  return out;
}
function dangerName(last) {
  return DANGER_NAME_MAP.get(last) ?? DANGER_NAME_PREFIXES.find(([prefix]) => last.startsWith(prefix))?.[1];
}
var DUNDER_OK_MODULES = /* @__PURE__ */ new Set(["__main__", "__builtin__"]);
var IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
var FAMILY_MEMBER = /^(?:_*[A-Z]|__pyx_unpickle_[A-Za-z])/;
function isDunder(part) {
  return part.length > 4 && part.startsWith("__") && part.endsWith("__");
}
function dangerAt(parts, from, meter) {
  let path = "";
  let hit;
  const end = Math.min(parts.length, from + MAX_DANGER_PARTS);
  for (let i = from; i < end; i++) {
    if (meter) meter.steps++;
    path = i === from ? parts[i] ?? "" : `${path}.${parts[i] ?? ""}`;
    const cat = DANGER_MAP.get(path);
    if (cat) hit = [path, cat];
  }
  return hit;
}
function dangerous(category, matched, reason) {
  return { tier: "dangerous", category, matched, reason };
}
function sourced(tier, s) {
  return { tier, reason: `${s.why} (written by ${s.library} ${s.version})` };
}
function torchScriptClass(parts, meter) {
  for (let i = 1; i < parts.length; i++) {
    if (meter) meter.steps++;
    const p = parts[i] ?? "";
    if (isDunder(p)) return dangerous("dunder", p, `dunder component \`${p}\` inside a TorchScript class name`);
    if (!IDENT.test(p)) return { tier: "unknown", reason: "not a valid TorchScript class name" };
  }
  if (parts[1] === "torch" && parts[2] === "classes") {
    return { tier: "unknown", reason: "a TorchScript custom C++ class (torch.classes): it exists only when a native library registered it, and its code is not in the archive" };
  }
  return { tier: "safe", reason: "a TorchScript class compiled from this archive's code/ (its code is reviewed there)" };
}
function describeGlobal(module, name, allow, context = {}) {
  const meter = context.meter;
  const modParts = module.split(".");
  const nameParts = name.split(".");
  const parts = [...modParts, ...nameParts];
  const full = `${module}.${name}`;
  if (context.torchScript && parts[0] === "__torch__") return torchScriptClass(parts, meter);
  if (context.torchScript && TORCHSCRIPT_BUILDERS.has(full)) {
    return { tier: "safe", reason: "a TorchScript list builder (torch.jit._pickle returns its argument unchanged)" };
  }
  for (let i = 0; i < parts.length; i++) {
    if (meter) meter.steps++;
    const p = parts[i] ?? "";
    if (i === 0 && DUNDER_OK_MODULES.has(p)) continue;
    if (isDunder(p)) return dangerous("dunder", p, `dunder component \`${p}\` reaches interpreter internals`);
  }
  const direct = dangerAt(parts, 0, meter);
  if (direct) return dangerous(direct[1], direct[0], DANGER_HELP[direct[1]]);
  for (let i = modParts.length; i <= parts.length - 2; i++) {
    const hit = dangerAt(parts, i, meter);
    if (hit) return dangerous(hit[1], hit[0], `${DANGER_HELP[hit[1]]} (reached through the attribute chain \`${name}\`)`);
  }
  const last = parts[parts.length - 1] ?? "";
  const byName = dangerName(last);
  if (byName) return dangerous(byName, last, `${DANGER_HELP[byName]} (a callable named \`${last}\`, whatever its module)`);
  const safe = SAFE_MAP.get(full);
  if (safe) return sourced("safe", safe);
  const allowed = allow ? (allow instanceof Set ? allow : new Set(allow)).has(full) : false;
  let wellFormed = true;
  for (const p of parts) {
    if (meter) meter.steps++;
    if (!IDENT.test(p)) {
      wellFormed = false;
      break;
    }
  }
  let base;
  const review = REVIEW_MAP.get(full);
  if (review) base = sourced("review", review);
  else {
    const family = wellFormed && nameParts.length === 1 && FAMILY_MEMBER.test(name) ? REVIEW_CLASS_FAMILIES.find((f) => f.modules.some((m) => module === m || module.startsWith(`${m}.`))) : void 0;
    base = family ? sourced("review", family) : { tier: "unknown", reason: wellFormed ? "no tier names it: an unknown import can run any code on load" : "not a valid dotted Python name" };
  }
  if (allowed && wellFormed) return { tier: "safe", allowedByPolicy: true, reason: "allowed by the repository policy" };
  return base;
}
function classifyGlobal(module, name, allow, context) {
  return describeGlobal(module, name, allow, context).tier;
}
function tierSeverity(tier) {
  switch (tier) {
    case "safe":
      return void 0;
    case "review":
      return "medium";
    case "unknown":
      return "high";
    case "dangerous":
      return "critical";
  }
}
function partialVerdict(target) {
  const t = target.verdict;
  if (t.tier === "safe" || t.tier === "review") {
    return { tier: "review", reason: `functools.partial of ${target.module}.${target.name}, which it only binds arguments to (${t.reason})` };
  }
  return { ...t, reason: `functools.partial of ${target.module}.${target.name}: ${t.reason}` };
}

// src/config/policy/check-global.ts
var GLOBAL_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$/;
function checkGlobal(g) {
  if (!GLOBAL_NAME.test(g)) return `'${printable(g)}' is not \`module.name\` (dotted Python identifiers, no wildcards)`;
  const dot = g.indexOf(".");
  const verdict = describeGlobal(g.slice(0, dot), g.slice(dot + 1));
  if (verdict.tier === "dangerous") {
    const what = verdict.category === "dunder" ? verdict.reason : `${verdict.category}: ${verdict.reason}`;
    return `'${g}' can never be allowed: the pickle scanner treats it as dangerous (${what})`;
  }
  return null;
}

export {
  DEFAULT_POLICY_PATH,
  defaultPolicy,
  REMOTE_CODE_VALUES,
  RULE_KEYS,
  TEXT_LIKE_FORMATS,
  POLICY_FORMATS,
  formatMembers,
  formatProblem,
  LICENSE_ID,
  licenseProblem,
  PROFILE_NAME,
  profileNameProblem,
  parseBoolean,
  parseRemoteCode,
  MAX_DAYS,
  parseDays,
  MAX_COUNT,
  parseCount,
  policyForEntry,
  TORCH_STORAGE_ELEMENT_SIZE,
  TORCH_1_13_WEIGHTS_ONLY_GLOBALS,
  TORCH_1_13_WEIGHTS_ONLY_OPCODES,
  WEIGHTS_ONLY_GLOBALS,
  WEIGHTS_ONLY_BLOCKED_MODULES,
  DANGER,
  DANGER_NAMES,
  DANGER_NAME_PREFIXES,
  describeGlobal,
  classifyGlobal,
  tierSeverity,
  partialVerdict,
  GLOBAL_NAME,
  checkGlobal
};
