// TorchScript archives (torch.jit.save): the layout torch.load recognises, and code/ read as reviewable code.
// Real archives: __tests__/fixtures/real/torch/torchscript/ and torchvision/shufflenet_scripted.pt (torch 1.13.1).
import { readFileSync } from 'node:fs';
import { analyzeTorchScript } from '../../src/scan/formats/torchscript.js';
import { detectZipLayout } from '../../src/scan/zip/layout.js';
import { buildZip, scanBytes } from './support/fixtures.js';
import { cat, latin } from '../support/pickle-bytes.js';

const REAL = ['torch/torchscript/scripted.pt', 'torch/torchscript/scripted_lstm.pt', 'torch/torchscript/traced_conv.pt',
  'torch/torchscript/traced_sequential.pt', 'torchvision/shufflenet_scripted.pt'];
const real = (p: string): Uint8Array => readFileSync(new URL(`../fixtures/real/${p}`, import.meta.url));

describe('layout: a constants.pkl record makes an archive TorchScript (torch.serialization._is_torchscript_zip)', () => {
  test('TorchScript: data.pkl, constants.pkl and debug pickles are read by TorchScript\'s loader', () => {
    const l = detectZipLayout(['m/data.pkl', 'm/constants.pkl', 'm/code/__torch__/a.py', 'm/code/__torch__/a.py.debug_pkl', 'm/data/0', 'm/version', 'm/extra/notes.pkl']);
    expect(l.torchScript).toBe(true);
    expect(l.formats).toEqual(['zip', 'pytorch-zip', 'torchscript']);
    expect(['m/data.pkl', 'm/constants.pkl', 'm/code/__torch__/a.py.debug_pkl'].map((n) => l.role(n))).toEqual(['torchscript-pickle', 'torchscript-pickle', 'torchscript-pickle']);
    expect(l.role('m/code/__torch__/a.py')).toBe('code');
    expect(l.role('m/data/0')).toBe('storage');
    // extra/ files are the user's own bytes, handed back by torch.jit.load: no TorchScript context for them.
    expect(l.role('m/extra/notes.pkl')).toBe('member');
  });
  test('code/ without constants.pkl is not TorchScript: torch.load unpickles data.pkl itself', () => {
    const l = detectZipLayout(['m/data.pkl', 'm/code/__torch__/a.py', 'm/data/0', 'm/version']);
    expect(l.torchScript).toBe(false);
    expect(l.formats).not.toContain('torchscript');
    expect(l.role('m/data.pkl')).toBe('data.pkl');
  });
});

describe('TorchScript code', () => {
  test.each(REAL)('%s: only torch\'s own operators; the archive needs review, nothing more', (p) => {
    const o = scanBytes(real(p), p);
    expect(o.findings.filter((f) => f.check.startsWith('torchscript.'))).toEqual([]);
    expect(o.findings.find((f) => f.check === 'zip.torchscript')?.severity).toBe('medium');
    expect(o.formats).toContain('torchscript');
  });

  test('custom operator namespaces, custom classes and host builtins are named with their line', () => {
    const code = [
      'class Net(Module):',
      '  def forward(self: __torch__.Net, x: Tensor) -> Tensor:',
      '    y = ops.prim.NumToTensor(torch.size(x, 0))',
      '    z = ops.my_ext.fused_gelu(x)',
      '    b = ops.torchvision.nms(x, x, 0.5)',
      '    s = __torch__.torch.classes.myns.Stack.__new__(__torch__.torch.classes.myns.Stack)',
      '    torch.save(x, "/tmp/out.pt")',
      '    w = torch.from_file("/etc/passwd", False, 10)',
      '    return torch.linear(z, y)'
    ].join('\n');
    const f = analyzeTorchScript('m.pt!/m/code/__torch__/net.py', code);
    expect(f.map((x) => [x.check, x.severity, x.line])).toEqual([
      ['torchscript.custom-op', 'high', 4], ['torchscript.library-op', 'medium', 5], ['torchscript.custom-class', 'high', 6],
      ['torchscript.host-op', 'high', 7], ['torchscript.host-op', 'high', 8]
    ]);
    expect(f[0]?.message).toContain('ops.my_ext.fused_gelu');
  });

  test('an archive whose code calls a custom operator is blocked, read through the zip', () => {
    const zip = buildZip([
      { name: 'm/data.pkl', data: cat([0x80, 0x02], latin('c__torch__\nNet\n'), [0x29, 0x81, 0x2e]) },
      { name: 'm/constants.pkl', data: cat([0x80, 0x02, 0x29, 0x2e]) },
      { name: 'm/code/__torch__/net.py', data: latin('def forward(self, x):\n  return ops.evil_ns.run_payload(x)\n'), method: 8 },
      { name: 'm/version', data: latin('3\n') }
    ]);
    const o = scanBytes(zip, 'model.pt');
    expect(o.findings.find((f) => f.check === 'torchscript.custom-op')).toMatchObject({ severity: 'high', line: 2, file: 'model.pt!/m/code/__torch__/net.py' });
  });

  test('matching is linear: a megabyte of near-misses', () => {
    const text = 'ops.1 '.repeat(200_000) + 'torch.save' + ' '.repeat(500_000) + 'torch.classes.1'.repeat(10_000);
    const f = analyzeTorchScript('x', text);
    expect(f).toEqual([]);
  });
});
