// A signature folder's records (model.sig, vetting.sigstore.json) are optional per model: absent is an answer
// (unsigned), any other read error is not. One reader for every front end that looks in such a folder.
import { readFile } from 'node:fs/promises';

/** The file's text, or undefined when it does not exist; other errors are thrown. */
export async function readRecordFile(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}
