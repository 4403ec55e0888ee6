// Zip support: central directory (from the tail), layout detection, the streaming router.
export { readCentralDirectory, ZipDirectoryError, type CentralDirectory, type ZipEntry } from './central-directory.js';
export { detectZipLayout, type ZipLayout } from './layout.js';
export { createZipStreamScanner } from './stream.js';
import { indexOfBytes } from '../bytes.js';
import { readCentralDirectory, ZipDirectoryError } from './central-directory.js';

const EOCD = Uint8Array.of(0x50, 0x4b, 0x05, 0x06);

/**
 * How many tail bytes a caller must fetch so the scanner can read the zip's central directory, given a first
 * tail (e.g. 64 KiB). Returns undefined when `tail` already suffices or the file is not a readable zip.
 */
export function zipTailNeeded(tail: Uint8Array, size: number): number | undefined {
  // No end-record signature anywhere in the tail: not a zip as far as the tail shows (a zip whose record lies
  // further back fails closed when it streams). Avoids a second read for every other file.
  if (indexOfBytes(tail, EOCD) < 0) return undefined;
  try {
    readCentralDirectory(tail, size, '', Number.MAX_SAFE_INTEGER);
    return undefined;
  } catch (err) {
    if (err instanceof ZipDirectoryError && err.needTail !== undefined && err.needTail > tail.length) return Math.min(size, err.needTail);
    return undefined;
  }
}
