// TensorFlow operations judged by what they do when a graph runs (SavedModel, frozen GraphDef, TF Lite Flex ops).
// Op names from tensorflow/core/ops (the raw_ops API). A graph cannot carry Python or native code itself; these are
// the ops that reach outside the tensors: Python registered in the process, files, the network, debug sinks.

export type OpRisk = 'python' | 'file-read' | 'file-write' | 'network' | 'saver';

const PYTHON = ['PyFunc', 'PyFuncStateless', 'EagerPyFunc'];
const FILE_READ = [
  'ReadFile', 'MatchingFiles', 'ImmutableConst', 'WholeFileReader', 'WholeFileReaderV2', 'TextLineReader', 'TextLineReaderV2',
  'FixedLengthRecordReader', 'FixedLengthRecordReaderV2', 'TFRecordReader', 'TFRecordReaderV2', 'LMDBReader', 'IdentityReader',
  'IdentityReaderV2', 'InitializeTableFromTextFile', 'InitializeTableFromTextFileV2', 'TFRecordDataset', 'TFRecordDatasetV2',
  'TextLineDataset', 'FixedLengthRecordDataset', 'FixedLengthRecordDatasetV2', 'CSVDataset', 'CSVDatasetV2', 'ExperimentalCSVDataset',
  'LMDBDataset', 'ExperimentalLMDBDataset', 'SqlDataset', 'ExperimentalSqlDataset', 'LoadDataset', 'LoadAndRemapMatrix',
  'GenerateVocabRemapping', 'DecodeProtoV2', 'EncodeProto', 'ParseExampleDatasetV2', 'ReaderReadV2', 'ReaderRead', 'ReaderReadUpTo',
  'ReaderReadUpToV2', 'ReaderRestoreState', 'ReaderRestoreStateV2'
];
const FILE_WRITE = [
  'WriteFile', 'CreateSummaryFileWriter', 'CreateSummaryDbWriter', 'DatasetToTFRecord', 'ExperimentalDatasetToTFRecord',
  'SaveDataset', 'SaveDatasetV2', 'SnapshotDataset', 'SnapshotDatasetV2', 'SnapshotDatasetReader', 'CacheDataset', 'CacheDatasetV2',
  'DebugIdentity', 'DebugIdentityV2', 'DebugIdentityV3', 'DebugNanCount', 'DebugNumericSummary', 'DebugNumericSummaryV2',
  'WriteAudioSummary', 'WriteGraphSummary', 'WriteHistogramSummary', 'WriteImageSummary', 'WriteRawProtoSummary',
  'WriteScalarSummary', 'WriteSummary', 'ImportEvent'
];
const NETWORK = ['Rpc', 'TryRpc', 'RpcCall', 'RpcClient', 'RpcServer', 'RpcServerStart', 'RpcServerRegister', 'RpcCheckStatus', 'RpcGetValue',
  'DataServiceDataset', 'DataServiceDatasetV2', 'DataServiceDatasetV3', 'DataServiceDatasetV4', 'RegisterDataset', 'RegisterDatasetV2',
  'BigQueryReader', 'GenerateBigQueryReaderPartitions'];
/** Every SavedModel's own checkpoint ops: normal, unless the graph names a path of its own. */
const SAVER = ['Save', 'SaveV2', 'SaveSlices', 'Restore', 'RestoreV2', 'RestoreSlice', 'MergeV2Checkpoints', 'ShardedFilename', 'ShardedFilespec'];

const TABLE = new Map<string, OpRisk>([
  ...PYTHON.map((o): [string, OpRisk] => [o, 'python']),
  ...FILE_READ.map((o): [string, OpRisk] => [o, 'file-read']),
  ...FILE_WRITE.map((o): [string, OpRisk] => [o, 'file-write']),
  ...NETWORK.map((o): [string, OpRisk] => [o, 'network']),
  ...SAVER.map((o): [string, OpRisk] => [o, 'saver'])
]);

export function opRisk(op: string): OpRisk | undefined {
  return TABLE.get(op);
}

export const RISK_TEXT: Readonly<Record<OpRisk, string>> = {
  python: 'calls a Python function registered in the loading process',
  'file-read': 'reads files when the graph runs',
  'file-write': 'writes files when the graph runs',
  network: 'talks to the network when the graph runs',
  saver: 'saves or restores a checkpoint'
};

/** A string constant that names a place outside the model: absolute, parent-relative, home, or a URL scheme. */
export function looksLikeOutsidePath(s: string): boolean {
  return /^(\/|[A-Za-z]:[\\/]|\\\\|~|file:|gs:|s3:|hdfs:|https?:|ftp:|ram:)/i.test(s) || /(^|[\\/])\.\.([\\/]|$)/.test(s);
}

/** Ops from custom-op libraries registered under a namespace ("Addons>GeluGrad", "IO>…"): core ops never have one. */
export function customNamespace(op: string): string | undefined {
  const i = op.indexOf('>');
  return i > 0 ? op.slice(0, i) : undefined;
}
