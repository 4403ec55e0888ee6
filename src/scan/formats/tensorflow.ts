// TensorFlow graphs in protobuf: a SavedModel (`saved_model.pb`: SavedModel → MetaGraphDef → GraphDef, as
// tf.saved_model.load / loader_impl.parse_saved_model read it) and a bare GraphDef (a frozen `.pb` for
// tf.compat.v1.GraphDef.ParseFromString + import_graph_def). Like onnx.load, protobuf parses any protobuf bytes as
// either, so every protobuf stream is read both ways and labelled only when graph nodes are there. Every NodeDef
// is judged — the graph's and those of its function library (tf.function bodies) — by what its op does when the
// graph runs (tf-ops.ts): Python registered in the process, files, the network; the checkpoint ops every SavedModel
// has are judged by the paths the graph spells out for them. Weights (Const tensor bytes) are piped past.
import { finding, type Finding } from '../../core/findings.js';
import { Feeder, type Parser } from '../feeder.js';
import type { FileContext, StreamScanner } from '../types.js';
import type { FileScanOptions } from '../kit.js';
import { type MessageSchema, PbError, type PbMessage, PbReader, pbText, pbTexts } from './protobuf.js';
import { customNamespace, looksLikeOutsidePath, opRisk, RISK_TEXT } from './tf-ops.js';

const NAME = 1024;
// String constants are kept to find paths the graph spells out; a vocabulary table's thousands of entries are not.
const tensorProto: MessageSchema = { name: 'TensorProto', fields: { 8: { kind: 'string', name: 'string_val', max: 4096, maxCount: 64 } } };
const listValue: MessageSchema = { name: 'ListValue', fields: { 2: { kind: 'string', name: 's', max: 4096, maxCount: 64 }, 8: { kind: 'message', name: 'tensor', schema: () => tensorProto, collect: true } } };
const attrValue: MessageSchema = {
  name: 'AttrValue',
  fields: {
    1: { kind: 'message', name: 'list', schema: () => listValue, collect: true },
    2: { kind: 'string', name: 's', max: 4096 },
    8: { kind: 'message', name: 'tensor', schema: () => tensorProto, collect: true }
  }
};
const attrEntry: MessageSchema = { name: 'AttrEntry', fields: { 1: { kind: 'string', name: 'key', max: 256 }, 2: { kind: 'message', name: 'value', schema: () => attrValue, collect: true } } };
const nodeDef: MessageSchema = {
  name: 'NodeDef',
  fields: {
    1: { kind: 'string', name: 'name', max: NAME },
    2: { kind: 'string', name: 'op', max: NAME },
    5: { kind: 'message', name: 'attr', schema: () => attrEntry, collect: true }
  }
};
const opDef: MessageSchema = { name: 'OpDef', fields: { 1: { kind: 'string', name: 'name', max: NAME } } };
const functionDef: MessageSchema = { name: 'FunctionDef', fields: { 1: { kind: 'message', name: 'signature', schema: () => opDef, collect: true }, 3: { kind: 'message', name: 'node_def', schema: () => nodeDef } } };
const library: MessageSchema = { name: 'FunctionDefLibrary', fields: { 1: { kind: 'message', name: 'function', schema: () => functionDef } } };
export const TF_GRAPH_DEF: MessageSchema = { name: 'GraphDef', fields: { 1: { kind: 'message', name: 'node', schema: () => nodeDef }, 2: { kind: 'message', name: 'library', schema: () => library } } };
const metaInfo: MessageSchema = { name: 'MetaInfoDef', fields: { 4: { kind: 'string', name: 'tags', max: 256 }, 5: { kind: 'string', name: 'tensorflow_version', max: 64 } } };
const metaGraph: MessageSchema = { name: 'MetaGraphDef', fields: { 1: { kind: 'message', name: 'meta_info_def', schema: () => metaInfo }, 2: { kind: 'message', name: 'graph_def', schema: () => TF_GRAPH_DEF } } };
export const TF_SAVED_MODEL: MessageSchema = { name: 'SavedModel', fields: { 1: { kind: 'varint', name: 'saved_model_schema_version' }, 2: { kind: 'message', name: 'meta_graphs', schema: () => metaGraph } } };

const short = (s: string, n = 120): string => (s.length > n ? `${s.slice(0, n)}…` : s);
const IDENT = /^[A-Za-z_][\w>.]*$/;

interface NodeNote { op: string; name: string; offset: number; attrs: Map<string, string[]>; strings: string[] }

/** One interpretation (SavedModel or GraphDef) of the stream. */
function interpretation(root: MessageSchema, at: () => number) {
  const nodes: NodeNote[] = [];
  const ops = new Map<string, NodeNote>();
  const functions = new Set<string>();
  let nodeCount = 0;
  let graphs = 0;
  let tfVersion: string | undefined;
  const pathStrings = new Set<string>();
  const flagged: NodeNote[] = [];
  let failure: PbError | undefined;
  const reader = new PbReader(at, {
    leave(m: PbMessage, stack) {
      if (m.schema === nodeDef) {
        nodeCount++;
        const op = pbText(m, 'op') ?? '';
        const note: NodeNote = { op, name: pbText(m, 'name') ?? '', offset: m.offset, attrs: new Map(), strings: [] };
        for (const e of m.children.attr ?? []) {
          const key = pbText(e, 'key') ?? '';
          const values: string[] = [];
          for (const v of e.children.value ?? []) {
            values.push(...pbTexts(v, 's'));
            for (const l of v.children.list ?? []) values.push(...pbTexts(l, 's'));
            for (const t of [...(v.children.tensor ?? []), ...(v.children.list ?? []).flatMap((l) => l.children.tensor ?? [])]) note.strings.push(...pbTexts(t, 'string_val'));
          }
          note.attrs.set(key, values);
        }
        for (const s of note.strings) if (looksLikeOutsidePath(s) && pathStrings.size < 50) pathStrings.add(short(s, 200));
        if (!ops.has(op) && ops.size < 100_000) ops.set(op, note);
        if ((opRisk(op) !== undefined && opRisk(op) !== 'saver') || op === 'PrintV2' || customNamespace(op)) {
          if (flagged.length < 200) flagged.push(note);
        } else if (opRisk(op) === 'saver' && nodes.length < 200) nodes.push(note);
      } else if (m.schema === opDef && stack[stack.length - 1]?.schema === functionDef) {
        functions.add(pbText(m, 'name') ?? '');
      } else if (m.schema === TF_GRAPH_DEF) {
        graphs++;
      } else if (m.schema === metaInfo) {
        tfVersion ??= pbText(m, 'tensorflow_version');
      }
    }
  });
  return {
    reader,
    *parse(): Parser {
      try {
        yield* reader.message(root, undefined, []);
      } catch (err) {
        if (!(err instanceof PbError)) throw err;
        failure = err;
      }
    },
    result() {
      const named = [...ops.keys()].filter((o) => o !== '');
      // Labelled when graph nodes with real op names are there (protobuf bytes of another kind parse too).
      const recognised = nodeCount > 0 && named.length > 0 && named.every((o) => IDENT.test(o)) && (root !== TF_SAVED_MODEL || graphs > 0);
      return { recognised, failure, flagged, savers: nodes, pathStrings, ops: named, functions, nodeCount, tfVersion };
    }
  };
}

export function createTensorFlowScanner(ctx: FileContext, opts: FileScanOptions): StreamScanner {
  const base = opts.baseOffset ?? 0;
  const saved = interpretation(TF_SAVED_MODEL, () => savedFeeder.offset);
  const graph = interpretation(TF_GRAPH_DEF, () => graphFeeder.offset);
  const savedFeeder: Feeder = new Feeder(saved.parse());
  const graphFeeder: Feeder = new Feeder(graph.parse());
  return {
    push(c) {
      savedFeeder.push(c);
      graphFeeder.push(c);
    },
    end() {
      savedFeeder.end();
      graphFeeder.end();
      const findings: Finding[] = [];
      const formats: string[] = [];
      let complete = true;
      const details: Record<string, unknown> = {};
      for (const [label, r] of [['tf-savedmodel', saved.result()], ['tf-graphdef', graph.result()]] as const) {
        if (!r.recognised) continue;
        formats.push(label);
        details[label === 'tf-savedmodel' ? 'savedModel' : 'graphDef'] = { nodes: r.nodeCount, ops: r.ops.slice(0, 200), functions: r.functions.size, ...(r.tfVersion ? { tensorflowVersion: r.tfVersion } : {}) };
        if (r.failure) {
          complete = false;
          findings.push(finding(r.failure.limit ? 'tf.not-examined' : 'tf.invalid', 'high', `${label === 'tf-savedmodel' ? 'SavedModel' : 'GraphDef'} ${r.failure.limit ? 'not fully examined' : 'is not valid protobuf'}: ${r.failure.message}`, {
            file: ctx.path, offset: base + r.failure.offset,
            help: r.failure.limit ? 'Review the graph by hand.' : 'TensorFlow refuses these bytes, so they are not the graph they claim to be; do not approve the file.'
          }));
        }
        judge(r, findings);
      }
      if (!formats.includes('tf-savedmodel')) details.notFormats = ['tf-savedmodel'];
      // Both readings see the same nodes when a file is both (it cannot be): keep one finding per message.
      const seen = new Set<string>();
      const unique = findings.filter((f) => {
        const k = `${f.check}|${f.message}`;
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      });
      return { formats, findings: unique, complete, details };
    }
  };

  function judge(r: ReturnType<ReturnType<typeof interpretation>['result']>, out: Finding[]): void {
    const byOp = new Map<string, NodeNote[]>();
    for (const n of r.flagged) byOp.set(n.op, [...(byOp.get(n.op) ?? []), n]);
    for (const [op, list] of byOp) {
      const first = list[0] as NodeNote;
      const names = list.slice(0, 5).map((n) => short(n.name, 60)).join(', ');
      const ns = customNamespace(op);
      if (ns) {
        out.push(finding('tf.custom-op', 'medium', `Op ${short(op, 80)} comes from the custom-op library "${short(ns, 40)}": running the graph needs that native library loaded`, {
          file: ctx.path, offset: base + first.offset, evidence: names,
          help: 'Custom ops are native code loaded with tf.load_op_library; find out which library provides them and review it.'
        }));
        continue;
      }
      if (op === 'PrintV2') {
        const streams = list.flatMap((n) => n.attrs.get('output_stream') ?? []).filter((s) => /^file:/i.test(s));
        if (streams.length === 0) continue;
        out.push(finding('tf.file-op', 'high', `PrintV2 writes to ${short(streams[0] as string)} when the graph runs (node ${names})`, {
          file: ctx.path, offset: base + first.offset, evidence: short(streams.join(', '), 200),
          help: 'A model graph has no reason to write files; do not approve it.'
        }));
        continue;
      }
      const risk = opRisk(op);
      if (!risk) continue;
      const where = [...new Set(list.flatMap((n) => [...n.strings, ...[...n.attrs.values()].flat()]).filter(looksLikeOutsidePath))].slice(0, 3);
      out.push(finding(risk === 'python' ? 'tf.python-op' : risk === 'network' ? 'tf.network-op' : 'tf.file-op', 'high',
        `Op ${op} ${RISK_TEXT[risk]} (node${list.length > 1 ? 's' : ''} ${names}${list.length > 5 ? ', …' : ''})${where.length ? `; paths: ${where.map((w) => short(w, 80)).join(', ')}` : ''}`, {
          file: ctx.path, offset: base + first.offset, evidence: names,
          help: risk === 'python'
            ? 'py_function/numpy_function ops run whatever Python the loading process registered under that token; a shared model must not depend on them. Do not approve it.'
            : 'Serving this model would reach outside its tensors. Find out why the graph does this; do not approve it otherwise.'
        }));
    }
    if (r.savers.length > 0 && r.pathStrings.size > 0) {
      const paths = [...r.pathStrings].slice(0, 3);
      out.push(finding('tf.file-path', 'high', `The graph has checkpoint ops (${[...new Set(r.savers.map((n) => n.op))].slice(0, 4).join(', ')}) and spells out a path outside the model: ${paths.map((p) => short(p, 80)).join(', ')}`, {
        file: ctx.path, offset: base + (r.savers[0] as NodeNote).offset, evidence: paths.join(', '),
        help: 'SavedModels restore from their own variables/ folder, fed at load time; a literal absolute, parent or remote path makes the graph read or write elsewhere. Do not approve it.'
      }));
    }
  }
}
