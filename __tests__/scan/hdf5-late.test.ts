// HDF5 superblocks past the sniffed head (issue 10: "HDF5 superblocks past the first MiB"). The HDF5 library that
// h5py and Keras' .h5 loader use finds the superblock at 0 or any 512·2^k offset, so a file that is a valid
// safetensors file for its first 256 KiB is also an HDF5 file holding a Keras config with a Lambda layer. The
// fixtures are written by h5py itself with `userblock_size` (scripts/fixtures/hdf5-userblock.py), and the generator
// asserts that h5py reads the config back from them: the loader's reading is the oracle.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { verdictOf } from '../../src/core/findings.js';
import { firstUnsniffedHdf5Offset } from '../../src/scan/hdf5-late.js';
import { checks, scanBytes } from './support/fixtures.js';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join('__tests__', 'fixtures', 'formats', 'hdf5', name)));

describe('an HDF5 superblock at a later 512·2^k offset is read as HDF5 from there', () => {
  test.each([1 << 20, 4096, 7])('a Lambda layer in an HDF5 part inside safetensors tensor data is found (chunks of %i)', (chunk) => {
    const o = scanBytes(fixture('lambda_inside_safetensors_data.h5'), 'model.h5', { chunk });
    expect(o.formats).toEqual(expect.arrayContaining(['safetensors', 'hdf5']));
    expect(checks(o)).toEqual(expect.arrayContaining(['hdf5.late-superblock', 'keras.lambda']));
    expect(o.findings.find((f) => f.check === 'hdf5.late-superblock')?.offset).toBe(262144);
    expect(verdictOf(o.findings)).toBe('rejected');
  });

  test('the same findings whatever the chunking (sniffing looks at the first 64 KiB only)', () => {
    const bytes = fixture('lambda_after_safetensors.h5');
    const runs = [1 << 20, 65536, 4096, 7].map((chunk) => checks(scanBytes(bytes, 'model.h5', { chunk })).sort());
    for (const r of runs) expect(r).toEqual(runs[0]);
  });

  test('an HDF5 part with an ordinary Keras config still blocks: one file, two formats', () => {
    const o = scanBytes(fixture('dense_after_safetensors.h5'), 'model.h5', { chunk: 4096 });
    expect(checks(o)).toContain('hdf5.late-superblock');
    expect(checks(o)).not.toContain('keras.lambda');
    expect(verdictOf(o.findings)).toBe('rejected');
  });

  test('offsets: the first one sniffing did not check', () => {
    expect(firstUnsniffedHdf5Offset(65536)).toBe(65536);
    expect(firstUnsniffedHdf5Offset(65535)).toBe(65536);
    expect(firstUnsniffedHdf5Offset(100)).toBe(512);
  });
});
