// Protobuf model formats: onnx.load, tf.saved_model and GraphDef.ParseFromString each parse any protobuf bytes, so
// every protobuf stream is read as an ONNX ModelProto, a SavedModel and a GraphDef in the same pass (one plugin, so
// the readings that find nothing of theirs can refute the `onnx` label together).
import { mergeOutcomes } from '../kit.js';
import { isProtobufWire } from '../sniff.js';
import type { FormatPlugin } from './plugin.js';
import { createOnnxScanner } from './onnx.js';
import { createTensorFlowScanner } from './tensorflow.js';

export const protobufModelsPlugin: FormatPlugin = {
  format: 'onnx',
  claims: (head, ctx) => isProtobufWire(head, ctx.size !== undefined && head.length >= ctx.size),
  create(ctx, opts) {
    const scanners = [createOnnxScanner(ctx, opts), createTensorFlowScanner(ctx, opts)];
    return {
      push(c) {
        for (const s of scanners) s.push(c);
      },
      end() {
        const outcomes = scanners.map((s) => s.end());
        const refuted = outcomes.flatMap((o) => (Array.isArray(o.details?.notFormats) ? (o.details.notFormats as string[]) : []));
        const merged = mergeOutcomes(outcomes);
        const details = { ...(merged.details ?? {}) };
        delete details.notFormats;
        if (refuted.length > 0) details.notFormats = [...new Set(refuted)];
        return { ...merged, details };
      }
    };
  },
  // Neither format carries code: their dangers (file references, Python-calling ops) are findings of their own.
  dataOnly: true
};
