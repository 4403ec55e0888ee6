import { parseSafetensorsHeader, SAFETENSORS_DTYPE_BITS } from '../../src/scan/safetensors.js';
import { verdictOf } from '../../src/core/findings.js';
import { blocking, cat, checks, enc, evilPickle, safetensors, scanBytes, u64 } from './support/fixtures.js';

const header = (json: string, dataLen: number, extra: Uint8Array = new Uint8Array(0)): Uint8Array =>
  cat(u64(enc(json).length), enc(json), new Uint8Array(dataLen), extra);

describe('safetensors: benign files of every dtype stay approved', () => {
  test.each(Object.keys(SAFETENSORS_DTYPE_BITS))('%s', (dtype) => {
    const bits = SAFETENSORS_DTYPE_BITS[dtype] as number;
    const n = 16; // 16 elements: whole bytes for 4- and 6-bit types too
    const tensors: Record<string, { dtype: string; shape: number[]; bytes: number }> = { 'model.w': { dtype, shape: [4, 4], bytes: (n * bits) / 8 } };
    if (bits % 8 === 0) tensors['model.b'] = { dtype, shape: [], bytes: bits / 8 }; // a scalar
    const file = safetensors(tensors, { format: 'pt' });
    const o = scanBytes(file, 'model.safetensors', { chunk: 13 });
    expect(o.formats).toEqual(['safetensors']);
    expect(o.findings).toEqual([]);
    expect(o.complete).toBe(true);
  });

  test('empty tensors, zero-size shapes and the spec example', () => {
    const spec = cat([0x3c, 0, 0, 0, 0, 0, 0, 0], enc('{"test":{"dtype":"I32","shape":[2,2],"data_offsets":[0,16]}}'), new Uint8Array(16));
    expect(scanBytes(spec, 'x.safetensors').findings).toEqual([]);
    expect(scanBytes(header('{}', 0), 'e.safetensors').findings).toEqual([]);
    expect(scanBytes(header('{"z":{"dtype":"F32","shape":[0,3],"data_offsets":[0,0]}}', 0), 'z.safetensors').findings).toEqual([]);
  });

  test('leading whitespace is accepted as serde_json does', () => {
    expect(scanBytes(header('  {"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}', 1), 'a.safetensors').findings).toEqual([]);
  });
});

describe('safetensors: malicious and malformed files are caught', () => {
  const cases: [string, Uint8Array, string, RegExp][] = [
    ['header length past the end', cat(u64(1_000), enc('{}')), 'safetensors.invalid', /InvalidHeaderLength/],
    ['header too large (overflow)', cat(u64(2n ** 63n), enc('{}')), 'safetensors.invalid', /HeaderTooLarge/],
    ['gap between tensors', header('{"a":{"dtype":"U8","shape":[2],"data_offsets":[0,2]},"b":{"dtype":"U8","shape":[2],"data_offsets":[4,6]}}', 6), 'safetensors.invalid', /InvalidOffset.*gap/],
    ['overlapping tensors', header('{"a":{"dtype":"U8","shape":[4],"data_offsets":[0,4]},"b":{"dtype":"U8","shape":[2],"data_offsets":[2,4]}}', 4), 'safetensors.invalid', /InvalidOffset/],
    ['offsets do not start at 0', header('{"a":{"dtype":"U8","shape":[2],"data_offsets":[2,4]}}', 4), 'safetensors.invalid', /InvalidOffset/],
    ['size does not match shape x dtype', header('{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}', 4), 'safetensors.invalid', /TensorInvalidInfo/],
    ['element count overflows', header('{"a":{"dtype":"F32","shape":[18446744073709551615,2],"data_offsets":[0,4]}}', 4), 'safetensors.invalid', /ValidationOverflow/],
    ['sub-byte tensor not a whole byte', header('{"a":{"dtype":"F4","shape":[3],"data_offsets":[0,2]}}', 2), 'safetensors.invalid', /MisalignedSlice/],
    ['unknown dtype', header('{"a":{"dtype":"PICKLE","shape":[1],"data_offsets":[0,1]}}', 1), 'safetensors.invalid', /unknown dtype/],
    ['negative shape', header('{"a":{"dtype":"U8","shape":[-1],"data_offsets":[0,1]}}', 1), 'safetensors.invalid', /non-negative/],
    ['non-string metadata', header('{"__metadata__":{"k":1}}', 0), 'safetensors.invalid', /__metadata__/],
    ['invalid UTF-8', cat(u64(4), [0x7b, 0xff, 0xfe, 0x7d]), 'safetensors.invalid', /UTF-8/],
    ['not JSON', header('{"a":', 0), 'safetensors.invalid', /Deserialization/],
    ['truncated data', header('{"a":{"dtype":"U8","shape":[8],"data_offsets":[0,8]}}', 4), 'safetensors.invalid', /MetadataIncompleteBuffer/],
    ['duplicate keys', header('{"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]},"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}', 1), 'safetensors.duplicate-key', /more than once/],
    ['trailing bytes', header('{"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}', 1, enc('hidden')), 'safetensors.trailing-bytes', /longer than its header/]
  ];
  test.each(cases)('%s', (_name, bytes, check, message) => {
    for (const chunk of [1, 7, 1 << 20]) {
      const o = scanBytes(bytes, 'model.safetensors', { chunk });
      const f = o.findings.find((x) => x.check === check);
      expect(f).toBeDefined();
      expect(f?.message).toMatch(message);
      expect(verdictOf(o.findings)).toBe('rejected');
    }
  });

  test('a pickle appended after the tensors is scanned and reported', () => {
    const o = scanBytes(header('{"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}', 1, evilPickle()), 'model.safetensors');
    expect(checks(o)).toContain('safetensors.trailing-bytes');
    expect(o.findings.some((f) => f.severity === 'critical' && f.check.startsWith('pickle.'))).toBe(true);
  });

  test('a pickle named model.safetensors is a pickle', () => {
    const o = scanBytes(evilPickle(), 'model.safetensors');
    expect(o.formats).toContain('pickle');
    expect(checks(o)).toContain('file.extension-mismatch');
    expect(blocking(o)).toBe(true);
  });

  test('parseSafetensorsHeader keeps integers exact', () => {
    const { header: h } = parseSafetensorsHeader('{"a":{"dtype":"U8","shape":[9007199254740993],"data_offsets":[0,9007199254740993]}}');
    expect(h.dataLength).toBe(9007199254740993n);
  });
});
