// Repository context for ONNX external data: the files an ONNX model in the same review names in its tensors'
// `location` (model.onnx_data, per-tensor files such as `W`) are raw tensor bytes that onnx.load copies into
// raw_data; no loader interprets them as code. Alone they have no signature, so the file scan calls them unknown
// binary; with the model that references them in the review they are recognised. Pure: takes what the scans
// reported, returns what changes. Every other interpretation of those bytes (the pickle VM, signatures) stands.
import type { Finding } from '../../core/findings.js';
import type { ExternalDataRef } from './onnx.js';

export interface ScannedFile {
  path: string;
  formats: string[];
  findings: Finding[];
}

export const EXTERNAL_DATA_FORMAT = 'onnx-external-data';

/** The external-data references an ONNX scan reported in its outcome details. */
export function externalDataOf(details: Record<string, unknown> | undefined): ExternalDataRef[] {
  const onnx = details?.onnx as { externalData?: unknown } | undefined;
  return Array.isArray(onnx?.externalData) ? (onnx.externalData as ExternalDataRef[]) : [];
}

/**
 * Marks the files referenced as external data by the models among `files`: a file whose only reading was
 * "unknown binary" becomes `onnx-external-data` with an info finding naming the model and tensors. Returns new
 * objects for the files it changes (the others are returned as they are).
 */
export function markExternalData<T extends ScannedFile>(files: readonly T[], detailsOf: (path: string) => Record<string, unknown> | undefined): T[] {
  const refs = new Map<string, { model: string; tensors: string[] }[]>();
  for (const f of files) {
    for (const r of externalDataOf(detailsOf(f.path))) {
      if (!r.path || r.path === f.path) continue;
      const list = refs.get(r.path) ?? [];
      const mine = list.find((x) => x.model === f.path);
      if (mine) {
        if (!mine.tensors.includes(r.tensor) && mine.tensors.length < 20) mine.tensors.push(r.tensor);
      } else list.push({ model: f.path, tensors: [r.tensor] });
      refs.set(r.path, list);
    }
  }
  if (refs.size === 0) return [...files];
  return files.map((f) => {
    const by = refs.get(f.path);
    if (!by) return f;
    const models = by.map((b) => `${b.model} (tensor${b.tensors.length > 1 ? 's' : ''} ${b.tensors.join(', ')})`).join('; ');
    const note: Finding = {
      check: 'onnx.external-data', severity: 'info', file: f.path,
      message: `External tensor data of ${models}: onnx.load copies these bytes into the tensors as they are`,
      help: 'Raw tensor bytes: no loader runs them. Other readings of the same bytes (a pickle, an executable) are reported separately.'
    };
    const unknownOnly = f.formats.length === 1 && f.formats[0] === 'unknown-binary';
    if (!unknownOnly) return { ...f, findings: [...f.findings, note] };
    return {
      ...f,
      formats: [EXTERNAL_DATA_FORMAT],
      findings: [...f.findings.filter((x) => x.check !== 'file.unknown-binary'), note]
    };
  });
}
