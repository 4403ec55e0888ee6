// The weights_only statement names the PyTorch releases it models (2.6.0, whose torch.load defaults to
// weights_only=True, and 1.13.1) and never claims a load a named release refuses. Real files: torch 1.13.1's
// torch.save output in __tests__/fixtures/real/torch/ (scripts/fixtures/real-files.py). 1.13.1's rules are read from
// its torch/_weights_only_unpickler.py: a narrower allowlist (TORCH_1_13_WEIGHTS_ONLY_GLOBALS, checked against the
// installed torch by tiers-from-real-pickles.test.ts), no BINFLOAT, NEWOBJ only on Parameter, BUILD only on Tensor,
// Parameter and OrderedDict.
import { readFileSync } from 'node:fs';
import { weightsOnlyVersions, type WeightsOnlyEvidence } from '../../../src/scan/pickle/report.js';
import { buildZip, scanBytes, torchZip } from '../support/fixtures.js';
import { cat, latin } from '../../support/pickle-bytes.js';

const real = (p: string): Uint8Array => readFileSync(new URL(`../../fixtures/real/torch/${p}`, import.meta.url));
const statement = (bytes: Uint8Array, path: string): string => {
  const o = scanBytes(bytes, path);
  const f = o.findings.find((x) => x.check === 'pickle.weights-only');
  if (!f) throw new Error(`${path}: no weights_only statement`);
  return f.message;
};

describe('real torch 1.13.1 files', () => {
  // Every file here is a torch.save of tensors or optimizer state: 2.6.0's rules read it.
  test.each(['state_dict/pytorch_model.bin', 'state_dict/conv_bn.pth', 'state_dict/lstm.pt', 'tensors/single_tensor.pt', 'tensors/dtypes.pt',
    'tensors/sparse_coo.pt', 'tensors/parameter.pt', 'optimizer/adam.pt', 'state_dict/legacy.pth'])('%s: loads under 2.6.0; 1.13.1 is not claimed', (p) => {
    const m = statement(real(p), p);
    expect(m).toMatch(/loads with torch\.load\(weights_only=True\) under PyTorch 2\.6\.0's rules/);
    expect(m).toMatch(/PyTorch 1\.13\.1(: not determined| refuses it)/);
    expect(m).not.toMatch(/PyTorch 1\.13\.1 loads it/);
  });

  test('an Adam state holds floats (lr, betas): 1.13.1 refuses BINFLOAT, so no 1.13 load is claimed', () => {
    const bytes = real('optimizer/adam.pt');
    // The float is there: BINFLOAT (0x47) followed by lr 0.001 as a big-endian double.
    const lr = cat([0x47], [0x3f, 0x50, 0x62, 0x4d, 0xd2, 0xf1, 0xa9, 0xfc]);
    const text = Buffer.from(bytes).toString('latin1');
    expect(text.includes(Buffer.from(lr).toString('latin1'))).toBe(true);
    expect(statement(bytes, 'adam.pt')).not.toMatch(/1\.13\.1 loads/);
  });

  test('a quantized tensor: 2.6.0 reads it, 1.13.1 refuses _rebuild_qtensor', () => {
    expect(statement(real('tensors/quantized.pt'), 'quantized.pt')).toMatch(
      /under PyTorch 2\.6\.0's rules \(the default since 2\.6\); PyTorch 1\.13\.1 refuses it \(GLOBAL torch\._utils\._rebuild_qtensor is not in its allowlist\)/);
  });

  test('a protocol-4 state dict: both refuse (2.6.0 stops at FRAME, 1.13.1 at STACK_GLOBAL)', () => {
    expect(statement(real('state_dict/model.pt'), 'model.pt')).toMatch(/2\.6\.0's rules: FRAME opcode; PyTorch 1\.13\.1 refuses it \(STACK_GLOBAL/);
  });

  test('a pickled nn.Module: both refuse the module class', () => {
    expect(statement(real('module/linear.pt'), 'linear.pt')).toMatch(
      /would not load .* 2\.6\.0's rules: GLOBAL torch\.nn\.modules\.linear\.Linear; PyTorch 1\.13\.1 refuses it/);
  });
});

describe('hand-built data.pkl for 2.x rules', () => {
  // {'w': torch.bfloat16}: protocol 2, GLOBAL of a dtype 2.6.0 allows and 1.13.1 does not.
  const dtypePkl = cat([0x80, 0x02, 0x7d, 0x71, 0x00], latin('X\x01\x00\x00\x00w'), latin('ctorch\nbfloat16\n'), [0x73, 0x2e]);
  test('torch.bfloat16 as a value: 2.6.0 loads it, 1.13.1 refuses it', () => {
    expect(statement(torchZip({ dataPkl: dtypePkl, tensors: 0 }), 'dtype.pt')).toMatch(
      /loads .* under PyTorch 2\.6\.0's rules .*; PyTorch 1\.13\.1 refuses it \(GLOBAL torch\.bfloat16 is not in its allowlist\)/);
  });
  test('torch.float4_e2m1fn_x2 (added after 2.6): 2.6.0 refuses it', () => {
    const later = cat([0x80, 0x02, 0x7d, 0x71, 0x00], latin('X\x01\x00\x00\x00w'), latin('ctorch\nfloat4_e2m1fn_x2\n'), [0x73, 0x2e]);
    expect(statement(torchZip({ dataPkl: later, tensors: 0 }), 'later.pt')).toMatch(/would not load .* 2\.6\.0's rules: GLOBAL torch\.float4_e2m1fn_x2/);
  });
  test('TorchScript archives get no weights_only claim: torch.load hands them to torch.jit.load', () => {
    const o = scanBytes(buildZip([
      { name: 'archive/data.pkl', data: dtypePkl }, { name: 'archive/constants.pkl', data: cat([0x80, 0x02, 0x29, 0x2e]) },
      { name: 'archive/version', data: latin('3\n') }
    ]), 'ts.pt');
    expect(o.formats).toContain('torchscript');
    expect(o.findings.some((f) => f.check === 'pickle.weights-only')).toBe(false);
  });
});

describe('the 1.13.1 derivation', () => {
  const ok26 = { loads: true } as const;
  const G = (full: string, opcode = 'GLOBAL') => { const d = full.lastIndexOf('.'); return { module: full.slice(0, d), name: full.slice(d + 1), opcode }; };
  const base: WeightsOnlyEvidence = {
    verdict: ok26, globals: [G('collections.OrderedDict'), G('torch._utils._rebuild_tensor_v2'), G('torch.FloatStorage')],
    opcodes: ['PROTO', 'EMPTY_DICT', 'BINPUT', 'MARK', 'BINUNICODE', 'GLOBAL', 'BINPERSID', 'BININT1', 'TUPLE', 'REDUCE', 'SETITEMS', 'STOP', 'NEWFALSE', 'EMPTY_TUPLE', 'TUPLE1', 'TUPLE2', 'BUILD'],
    callTargets: ['collections.OrderedDict', 'torch._utils._rebuild_tensor_v2']
  };
  test('opcodes, globals and BUILD targets all within 1.13.1: it loads', () => {
    expect(weightsOnlyVersions(base)).toEqual([{ torch: '2.6.0', loads: true }, { torch: '1.13.1', loads: true }]);
  });
  test('a float: 1.13.1 refuses BINFLOAT', () => {
    expect(weightsOnlyVersions({ ...base, opcodes: [...(base.opcodes ?? []), 'BINFLOAT'] })[1]).toEqual({ torch: '1.13.1', loads: false, because: 'BINFLOAT opcode' });
  });
  test('NEWOBJ, or BUILD on something else than a tensor or OrderedDict: not determined', () => {
    expect(weightsOnlyVersions({ ...base, opcodes: [...(base.opcodes ?? []), 'NEWOBJ'] })[1].loads).toBe('not determined');
    expect(weightsOnlyVersions({ ...base, callTargets: ['torch.Size'] })[1].loads).toBe('not determined');
  });
  test('without recorded opcodes, 1.13.1 is never said to load', () => {
    const { opcodes: _drop, ...noOps } = base;
    expect(weightsOnlyVersions(noOps)[1].loads).toBe('not determined');
  });
  test('2.6.0 refuses: 1.13.1 refuses when a global shows it, otherwise it is not determined', () => {
    expect(weightsOnlyVersions({ verdict: { loads: false, blockedBy: 'GLOBAL os.system' }, globals: [G('os.system')] })[1])
      .toEqual({ torch: '1.13.1', loads: false, because: 'GLOBAL os.system is not in its allowlist' });
    expect(weightsOnlyVersions({ ...base, verdict: { loads: false, blockedBy: 'GLOBAL torch._utils._rebuild_sparse_csr_tensor' },
      globals: [G('torch._utils._rebuild_sparse_csr_tensor')] })[1].loads).toBe('not determined');
  });
});
