// Reads a small configuration file the user named (allowlist, policy) without trusting what the path is: stat
// first, so a directory, a FIFO (which would block the open), a device or a 600 MB sparse file is refused before a
// byte is read; then open without blocking, check the handle again (the path may have changed), and read at most
// the cap. Every refusal is a UsageError naming the file: exit 2 with a message, never a stack trace.
import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { UsageError } from './io.js';

function kindOf(s: Stats): string {
  if (s.isDirectory()) return 'a directory';
  if (s.isFIFO()) return 'a FIFO (named pipe)';
  if (s.isSocket()) return 'a socket';
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

function refuse(what: string, path: string, why: string, help: string): UsageError {
  return new UsageError(`${what} ${path} ${why}; ${help}`);
}

/**
 * The text of `path`, or null when it does not exist. `what` names the file for messages ("--head allowlist"),
 * `maxBytes` is the format's own cap (the parser would refuse anything larger anyway).
 */
export async function readConfigFile(path: string, what: string, maxBytes: number): Promise<string | null> {
  let s: Stats;
  try {
    s = await stat(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    throw refuse(what, path, `cannot be read (${code ?? (err as Error).message})`, 'check the path and its permissions');
  }
  const check = (st: Stats): void => {
    if (!st.isFile()) throw refuse(what, path, `is ${kindOf(st)}`, 'give the path of the YAML file itself');
    if (st.size > maxBytes) {
      throw refuse(what, path, `is ${st.size} bytes, over the ${maxBytes}-byte limit for this file`, 'an allowlist or policy that large is refused; check the path');
    }
  };
  check(s);
  let fh;
  try {
    // O_NONBLOCK: if the path was swapped for a FIFO after the stat, the open does not hang waiting for a writer.
    fh = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    throw refuse(what, path, `cannot be opened (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, 'check the path and its permissions');
  }
  try {
    check(await fh.stat());
    const buf = Buffer.alloc(maxBytes + 1);
    let got = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, got, buf.length - got, null);
      if (bytesRead === 0) break;
      got += bytesRead;
      if (got > maxBytes) throw refuse(what, path, `grew past the ${maxBytes}-byte limit while being read`, 'check the path');
    }
    return buf.subarray(0, got).toString('utf8');
  } finally {
    await fh.close();
  }
}
