// ONNX models (onnx.proto ModelProto), read as onnx.load reads them: any bytes that are protobuf parse as a
// ModelProto (unknown fields and all), so every protobuf stream gets this interpretation and the label `onnx` is
// kept only when the model's own fields are there (ir_version or a graph). Judged: external-data locations of every
// TensorProto anywhere (initializers, Constant attributes, subgraphs of If/Loop/Scan at any depth, sparse tensors,
// functions, training graphs), custom operator domains that need a native library, model-local functions and
// metadata_props (reported). Weights are piped past, never kept: memory stays bounded whatever the model's size.
import { finding, type Finding } from '../../core/findings.js';
import { utf8 } from '../bytes.js';
import { Feeder, type Parser } from '../feeder.js';
import type { FileContext, StreamScanner } from '../types.js';
import type { FileScanOptions } from '../kit.js';
import { judgeLocation } from './external-path.js';
import { type MessageSchema, PbError, type PbMessage, PbReader, pbText, pbVarint } from './protobuf.js';

const NAME = 1024;
const entry: MessageSchema = { name: 'StringStringEntryProto', fields: { 1: { kind: 'string', name: 'key', max: NAME }, 2: { kind: 'string', name: 'value', max: 64 * 1024 } } };
const opset: MessageSchema = { name: 'OperatorSetIdProto', fields: { 1: { kind: 'string', name: 'domain', max: NAME }, 2: { kind: 'varint', name: 'version' } } };
const tensor: MessageSchema = {
  name: 'TensorProto',
  fields: {
    8: { kind: 'string', name: 'name', max: NAME },
    13: { kind: 'message', name: 'external_data', schema: () => entry, collect: true },
    14: { kind: 'varint', name: 'data_location' }
  }
};
const sparse: MessageSchema = { name: 'SparseTensorProto', fields: { 1: { kind: 'message', name: 'values', schema: () => tensor }, 2: { kind: 'message', name: 'indices', schema: () => tensor } } };
const attribute: MessageSchema = {
  name: 'AttributeProto',
  fields: {
    1: { kind: 'string', name: 'name', max: NAME },
    5: { kind: 'message', name: 't', schema: () => tensor },
    6: { kind: 'message', name: 'g', schema: () => graph },
    10: { kind: 'message', name: 'tensors', schema: () => tensor },
    11: { kind: 'message', name: 'graphs', schema: () => graph },
    22: { kind: 'message', name: 'sparse_tensor', schema: () => sparse },
    23: { kind: 'message', name: 'sparse_tensors', schema: () => sparse }
  }
};
const node: MessageSchema = {
  name: 'NodeProto',
  fields: {
    3: { kind: 'string', name: 'name', max: NAME },
    4: { kind: 'string', name: 'op_type', max: NAME },
    5: { kind: 'message', name: 'attribute', schema: () => attribute },
    7: { kind: 'string', name: 'domain', max: NAME }
  }
};
const graph: MessageSchema = {
  name: 'GraphProto',
  fields: {
    1: { kind: 'message', name: 'node', schema: () => node },
    5: { kind: 'message', name: 'initializer', schema: () => tensor },
    15: { kind: 'message', name: 'sparse_initializer', schema: () => sparse }
  }
};
const fn: MessageSchema = {
  name: 'FunctionProto',
  fields: {
    1: { kind: 'string', name: 'name', max: NAME },
    7: { kind: 'message', name: 'node', schema: () => node },
    9: { kind: 'message', name: 'opset_import', schema: () => opset, collect: true },
    10: { kind: 'string', name: 'domain', max: NAME }
  }
};
const training: MessageSchema = { name: 'TrainingInfoProto', fields: { 1: { kind: 'message', name: 'initialization', schema: () => graph }, 2: { kind: 'message', name: 'algorithm', schema: () => graph } } };
export const ONNX_MODEL: MessageSchema = {
  name: 'ModelProto',
  fields: {
    1: { kind: 'varint', name: 'ir_version' },
    2: { kind: 'string', name: 'producer_name', max: NAME },
    3: { kind: 'string', name: 'producer_version', max: NAME },
    7: { kind: 'message', name: 'graph', schema: () => graph },
    8: { kind: 'message', name: 'opset_import', schema: () => opset, collect: true },
    14: { kind: 'message', name: 'metadata_props', schema: () => entry, collect: true },
    20: { kind: 'message', name: 'training_info', schema: () => training },
    25: { kind: 'message', name: 'functions', schema: () => fn }
  }
};

/**
 * Operator domains whose kernels ship with onnx/onnxruntime themselves. Anything else needs a custom-op library
 * (a native .so/.dll the user registers) unless a model-local function defines the operator.
 */
const STANDARD_DOMAINS = new Set(['', 'ai.onnx', 'ai.onnx.ml', 'ai.onnx.training', 'ai.onnx.preview.training', 'com.microsoft',
  // onnxruntime's internal layout domains, written by its own graph optimisations
  'com.microsoft.nchwc', 'com.ms.internal.nhwc', 'com.microsoft.experimental']);
/** Standard-domain operators that call Python registered in the loading process (onnxruntime training). */
const PYTHON_OPS = new Set(['com.microsoft:PythonOp', 'com.microsoft:PythonOpGrad']);
const EXTERNAL_KEYS = new Set(['location', 'offset', 'length', 'checksum', 'basepath']);

export interface ExternalDataRef {
  tensor: string;
  location: string;
  /** The repository path it names, when it stays inside the model's folder. */
  path?: string;
}

const decode = (b: Uint8Array): string => utf8(b);
const short = (s: string, n = 120): string => (s.length > n ? `${s.slice(0, n)}…` : s);

export function createOnnxScanner(ctx: FileContext, opts: FileScanOptions): StreamScanner {
  const base = opts.baseOffset ?? 0;
  const findings: Finding[] = [];
  const external: ExternalDataRef[] = [];
  const usedOps = new Map<string, { domain: string; op: string; offset: number }>();
  const localFunctions = new Set<string>();
  const declared = new Map<string, number>();
  const metadataKeys: string[] = [];
  let sawGraph = false;
  let model: PbMessage | undefined;
  let failure: PbError | undefined;
  let complete = true;

  const tensorLeft = (m: PbMessage): void => {
    const entries = m.children.external_data ?? [];
    if (entries.length === 0) return;
    const name = pbText(m, 'name') ?? '';
    const externalFlag = pbVarint(m, 'data_location') === 1;
    for (const e of entries) {
      const key = pbText(e, 'key') ?? '';
      const value = e.strings.value?.[e.strings.value.length - 1];
      if (!EXTERNAL_KEYS.has(key)) {
        findings.push(finding('onnx.external-data.unknown-key', 'high',
          `Tensor ${short(name)} has an external_data key "${short(key, 60)}" that is not part of the ONNX spec`, {
            file: ctx.path, offset: base + e.offset, evidence: short(key, 200),
            help: 'onnx < 1.21 sets any key as an attribute of its ExternalDataInfo object (CVE-2026-34445: crashes, bypassed checks). A file written by onnx has only location, offset, length and checksum; do not approve it.'
          }));
        continue;
      }
      if (key !== 'location') continue;
      const raw = value?.bytes ?? new Uint8Array(0);
      if (value && value.length > value.bytes.length) {
        complete = false;
        findings.push(finding('onnx.external-data.not-examined', 'high', `Tensor ${short(name)} has an external-data location of ${value.length} bytes, too long to examine`, {
          file: ctx.path, offset: base + value.offset, help: 'A real location is a short file name; do not approve it.'
        }));
        continue;
      }
      const location = decode(raw);
      const j = judgeLocation(raw, ctx.path);
      const ref: ExternalDataRef = { tensor: name, location };
      if (j.resolved && !j.severity) ref.path = j.resolved;
      if (external.length < 10_000) external.push(ref);
      if (j.severity) {
        const cve = j.cve ? ` (${j.cve})` : '';
        findings.push(finding(j.severity === 'critical' ? 'onnx.external-data.traversal' : 'onnx.external-data.location', j.severity,
          `Tensor ${short(name)} reads its data from "${short(location)}", which ${j.reason}${cve}`, {
            file: ctx.path, offset: base + (value?.offset ?? e.offset), evidence: short(location, 200),
            help: externalFlag
              ? 'Loading this model reads that file into the tensor (and onnxruntime serves it back through the outputs). A model must keep its external data in plain files beside it; do not approve it.'
              : 'data_location is not EXTERNAL, so onnx.load ignores it today, but a loader that honours external_data alone reads that file. Do not approve it.'
          }));
      }
    }
  };

  const reader = new PbReader(() => feeder.offset, {
    leave(m, stack) {
      const parent = stack[stack.length - 1];
      switch (m.schema.name) {
        case 'TensorProto': tensorLeft(m); break;
        case 'NodeProto': {
          const domain = pbText(m, 'domain') ?? '';
          const op = pbText(m, 'op_type') ?? '';
          const k = `${domain}:${op}`;
          if (!usedOps.has(k) && usedOps.size < 100_000) usedOps.set(k, { domain, op, offset: m.offset });
          break;
        }
        case 'FunctionProto': localFunctions.add(`${pbText(m, 'domain') ?? ''}:${pbText(m, 'name') ?? ''}`); break;
        case 'GraphProto': if (parent?.schema === ONNX_MODEL) sawGraph = true; break;
        case 'ModelProto': model = m; break;
        default: break;
      }
      if (m.schema.name === 'OperatorSetIdProto' && parent?.schema === ONNX_MODEL) {
        const d = pbText(m, 'domain') ?? '';
        if (!declared.has(d)) declared.set(d, m.offset);
      }
      if (m.schema.name === 'StringStringEntryProto' && parent?.schema === ONNX_MODEL && metadataKeys.length < 50) metadataKeys.push(short(pbText(m, 'key') ?? '', 80));
    }
  });

  function* parse(): Parser {
    try {
      yield* reader.message(ONNX_MODEL, undefined, []);
    } catch (err) {
      if (!(err instanceof PbError)) throw err;
      failure = err;
    }
  }
  const feeder: Feeder = new Feeder(parse());

  return {
    push: (c) => feeder.push(c),
    end() {
      feeder.end();
      model ??= reader.root;
      // Its own fields at the top: a graph, or ir_version with opset imports (a SavedModel also starts with a varint).
      const recognised = sawGraph || (model !== undefined && pbVarint(model, 'ir_version') !== undefined && declared.size > 0);
      const out: Finding[] = [...findings];
      if (failure) {
        if (recognised || failure.limit) {
          complete = false;
          out.push(finding(failure.limit ? 'onnx.not-examined' : 'onnx.invalid', 'high',
            failure.limit ? `The ONNX model was not fully examined: ${failure.message}` : `Not a valid ONNX model: ${failure.message}`, {
              file: ctx.path, offset: base + failure.offset,
              help: failure.limit ? 'Model Gate bounds what it keeps in memory; review this model by hand.' : 'onnx.load refuses these bytes, so they are not the model they claim to be; do not approve the file.'
            }));
        }
      }
      const details: Record<string, unknown> = {};
      if (recognised) {
        judgeDomains(out);
        details.onnx = {
          irVersion: model ? pbVarint(model, 'ir_version') : undefined,
          producer: model ? pbText(model, 'producer_name') : undefined,
          opsets: [...declared.keys()],
          functions: [...localFunctions],
          ...(metadataKeys.length ? { metadataProps: metadataKeys } : {}),
          externalData: external
        };
      } else if (external.length > 0) {
        details.onnx = { externalData: external };
      }
      if (!recognised) details.notFormats = ['onnx'];
      return { formats: recognised ? ['onnx'] : [], findings: out, complete, details };
    }
  };

  function judgeDomains(out: Finding[]): void {
    const custom = new Map<string, { ops: Set<string>; offset: number }>();
    for (const { domain, op, offset } of usedOps.values()) {
      if (PYTHON_OPS.has(`${domain}:${op}`)) {
        out.push(finding('onnx.python-op', 'medium', `Operator ${domain}.${op} calls a Python function registered in the loading process`, {
          file: ctx.path, offset: base + offset,
          help: 'onnxruntime training runs the torch.autograd.Function this node names; find out what registers it before approving.'
        }));
      }
      if (STANDARD_DOMAINS.has(domain) || localFunctions.has(`${domain}:${op}`)) continue;
      const c = custom.get(domain) ?? { ops: new Set<string>(), offset };
      c.ops.add(op);
      custom.set(domain, c);
    }
    for (const [domain, offset] of declared) {
      if (STANDARD_DOMAINS.has(domain) || custom.has(domain)) continue;
      if ([...localFunctions].some((f) => f.startsWith(`${domain}:`))) continue;
      custom.set(domain, { ops: new Set(), offset });
    }
    for (const [domain, c] of custom) {
      const ops = [...c.ops].slice(0, 8).join(', ');
      out.push(finding('onnx.custom-domain', 'medium',
        `Custom operator domain "${short(domain, 80)}"${ops ? ` (${ops})` : ' is declared'}: running the model needs a native custom-op library`, {
          file: ctx.path, offset: base + c.offset, evidence: short(domain, 200),
          help: 'onnxruntime runs custom operators from a shared library the user registers (register_custom_ops_library); that library is native code. Find out which library provides this domain and review it.'
        }));
    }
  }
}
