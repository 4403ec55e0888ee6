// What a file is called in reports comes from its content: a model card quoting Python is text, a vocab.txt
// whose lines start with `[` is text, a real JSON document is json.
import { createFileScanner } from '../../src/scan/file-scanner.js';
import { hubBlobUrl } from '../../src/report/links.js';

function formatsOf(path: string, text: string): string[] {
  const bytes = Buffer.from(text, 'utf8');
  const s = createFileScanner({ path, size: bytes.length, tail: bytes });
  s.push(bytes);
  return s.end().formats;
}

describe('format labels', () => {
  it('labels a model card with fenced Python as text, not python', () => {
    expect(formatsOf('README.md', '# m\n\n```python\nfrom transformers import pipeline\n```\n')).toEqual(['text']);
  });
  it('still labels a Python file as python', () => {
    expect(formatsOf('x', 'import os\n\ndef f():\n    return 1\n')).toEqual(['python']);
  });
  it('drops the json guess when the text does not parse as JSON', () => {
    expect(formatsOf('vocab.txt', '[PAD]\n[UNK]\n[CLS]\nhello\n')).toEqual(['text']);
    expect(formatsOf('config.json', '{"model_type": "bert"}')).toEqual(['json']);
  });
});

describe('links to findings inside containers', () => {
  it('points at the container file for a member path', () => {
    const sha = 'a'.repeat(40);
    expect(hubBlobUrl('https://huggingface.co', 'o/n', sha, 'pytorch_model.bin!/archive/data.pkl', 3)).toBe(`https://huggingface.co/o/n/blob/${sha}/pytorch_model.bin`);
    expect(hubBlobUrl('https://huggingface.co', 'o/n', sha, 'a/b.py', 3)).toBe(`https://huggingface.co/o/n/blob/${sha}/a/b.py#L3`);
  });
});

describe('pickles whose first literal runs past the sniffed head', () => {
  // PROTO 2, BINBYTES of 200 KB, then a GLOBAL the scanner must still see.
  const big = Buffer.alloc(200_000, 0x41);
  const len = Buffer.alloc(4);
  len.writeUInt32LE(big.length);
  const pickle = Buffer.concat([Buffer.from([0x80, 0x02, 0x42]), len, big, Buffer.from('0cposix\nsystem\n0N.', 'latin1')]);

  it('is still read as a pickle, whole, and its import found', () => {
    const s = createFileScanner({ path: 'weights.bin', size: pickle.length, tail: pickle.subarray(-65536) });
    for (let i = 0; i < pickle.length; i += 65536) s.push(pickle.subarray(i, i + 65536));
    const o = s.end();
    expect(o.formats).toContain('pickle');
    expect(o.findings.map((f) => f.check)).toContain('pickle.global.dangerous');
  });

  it('also when the size is unknown (a decompressed stream)', async () => {
    const { gzipSync } = await import('node:zlib');
    const gz = gzipSync(pickle);
    const s = createFileScanner({ path: 'weights.pkl.gz', size: gz.length, tail: gz.subarray(-65536) });
    s.push(gz);
    const o = s.end();
    expect(o.formats).toEqual(expect.arrayContaining(['gzip', 'pickle']));
    expect(o.findings.map((f) => f.check)).toContain('pickle.global.dangerous');
  });
});
