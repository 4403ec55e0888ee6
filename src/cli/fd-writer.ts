// The CLI's output, written to the descriptor with fs.writeSync rather than through process.stdout/stderr: creating
// those streams loads Node's stream machinery and, on a pipe, net (about 16M instructions, 4% of a local scan's
// whole run, measured with callgrind). Pure over its two ports, so the fallbacks are testable.
//   - A reader that went away (EPIPE, `model-gate scan … | head`) gets no more output; the command still ends with
//     its own exit code. (process.stdout crashed with an unhandled 'error' event and exit code 1, which reads as
//     "findings block".)
//   - A descriptor that cannot take the bytes now (EAGAIN: a pipe some other process made non-blocking) hands the
//     rest, and everything after, to the stream, which waits for the pipe as before.

export interface FdPorts {
  /** fs.writeSync(fd, bytes, offset, length): bytes written, or throws with `code`. */
  writeSync(fd: number, bytes: Uint8Array, offset: number, length: number): number;
  /** The stream to fall back to, created only when needed. */
  stream(): { write(bytes: Uint8Array): unknown };
}

export function fdWriter(fd: number, ports: FdPorts): (text: string) => void {
  let mode: 'fd' | 'stream' | 'gone' = 'fd';
  const encoder = new TextEncoder();
  return (text) => {
    if (mode === 'gone' || text === '') return;
    const bytes = encoder.encode(text);
    let off = 0;
    if (mode === 'fd') {
      try {
        while (off < bytes.length) off += ports.writeSync(fd, bytes, off, bytes.length - off);
        return;
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EPIPE') {
          mode = 'gone';
          return;
        }
        mode = 'stream';
      }
    }
    ports.stream().write(bytes.subarray(off));
  };
}

/** fdWriter over Node's fs and the process's own stream for `fd` (1 or 2). */
export function processWriter(fd: 1 | 2): (text: string) => void {
  return fdWriter(fd, {
    writeSync: (d, b, o, l) => process.getBuiltinModule('node:fs').writeSync(d, b, o, l),
    stream: () => (fd === 1 ? process.stdout : process.stderr)
  });
}
