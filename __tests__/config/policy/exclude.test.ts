import { excludeDecision, neverExcludedReason } from '../../../src/config/policy/exclude.js';

describe('excludeDecision', () => {
  const exclude = ['original/**', '*.onnx', '*.py', 'README.md', '*.msgpack', 'weights'];

  it('excludes weights and data the patterns match', () => {
    expect(excludeDecision('original/consolidated.00.pth', exclude)).toEqual({ excluded: true, pattern: 'original/**' });
    expect(excludeDecision('onnx/model.onnx', exclude)).toEqual({ excluded: true, pattern: '*.onnx' });
    expect(excludeDecision('model.safetensors', exclude)).toEqual({ excluded: false });
  });

  it('never excludes code, model cards, configuration or extension-less files', () => {
    for (const path of ['scripts/preprocess.py', 'README.md', 'original/params.json', 'original/run.sh', 'weights', 'original/tokenizer.model.v3.exe']) {
      const d = excludeDecision(path, exclude);
      expect(d.excluded).toBe(false);
      expect(d.keptBecause).toEqual(expect.any(String));
      expect(d.pattern).toEqual(expect.any(String));
    }
  });

  it('explains why', () => {
    expect(neverExcludedReason('Readme.txt')).toBe('model cards are always reviewed');
    expect(neverExcludedReason('a/b/setup.PY')).toBe('.py files can carry code or instructions and are always reviewed');
    expect(neverExcludedReason('install')).toBe('files without an extension are always reviewed');
    expect(neverExcludedReason('model.bin')).toBeUndefined();
  });
});
