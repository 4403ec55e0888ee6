// Small response and request helpers shared by the Hub origin and the CDN origin.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { open } from 'node:fs/promises';
import { pumpFile } from './pump-file.js';
import { parseRange } from './range.js';

export type Headers = Record<string, string | number | string[]>;

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Headers = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text)
  });
  res.end(res.req.method === 'HEAD' ? undefined : text);
}

/** The Hub's error shape: `{"error": message}` plus `X-Error-Code` / `X-Error-Message` headers. */
export function sendError(res: ServerResponse, status: number, message: string, code?: string, headers: Headers = {}): void {
  const extra: Headers = { ...headers, 'X-Error-Message': headerSafe(message) };
  if (code) extra['X-Error-Code'] = code;
  sendJson(res, status, { error: message }, extra);
}

/** Header values must be Latin-1 without control characters. */
export function headerSafe(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?');
}

export class BodyError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message);
  }
}

/**
 * Reads a request body up to `limit` bytes. A larger body fails with 413; the rest of it is read and discarded
 * first (up to `drainCap`) so the client, still sending, receives the answer instead of a connection reset.
 */
export function readBody(req: IncomingMessage, limit: number, drainCap = 64 * 1024 * 1024): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? NaN);
    const chunks: Buffer[] = [];
    let total = 0;
    let over = Number.isFinite(declared) && declared > limit;
    const finish = (): void => {
      if (over) reject(new BodyError(413, `Request body is larger than ${limit} bytes`));
      else resolve(Buffer.concat(chunks));
    };
    req.on('data', (c: Buffer) => {
      total += c.byteLength;
      if (total > limit) over = true;
      if (!over) chunks.push(c);
      else if (total > drainCap) {
        req.destroy();
        finish();
      }
    });
    req.on('end', finish);
    req.on('error', (e) => reject(e));
    req.on('close', finish);
  });
}

/**
 * Streams `size` bytes of the file at `path` honouring Range (206 + Content-Range, 416 when unsatisfiable), and
 * HEAD. The file is opened before headers go out so a missing object is a clean 500, not a truncated 200.
 */
export async function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  size: number,
  headers: Headers,
  onError: (status: number, message: string) => void
): Promise<void> {
  const range = parseRange(typeof req.headers.range === 'string' ? req.headers.range : undefined, size);
  if (range.kind === 'unsatisfiable') {
    res.writeHead(416, { ...headers, 'Content-Range': `bytes */${size}`, 'Content-Length': 0 });
    res.end();
    return;
  }
  const start = range.kind === 'partial' ? range.start : 0;
  const end = range.kind === 'partial' ? range.end : size - 1;
  const length = size === 0 ? 0 : end - start + 1;
  const status = range.kind === 'partial' ? 206 : 200;
  const out: Headers = { ...headers, 'Accept-Ranges': 'bytes', 'Content-Length': length };
  if (range.kind === 'partial') out['Content-Range'] = `bytes ${start}-${end}/${size}`;
  if (req.method === 'HEAD' || length === 0) {
    res.writeHead(status, out);
    res.end();
    return;
  }
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (e) {
    onError(500, `Stored object is unreadable: ${(e as Error).message}`);
    return;
  }
  res.writeHead(status, out);
  try {
    await pumpFile(fh, start, length, res);
  } finally {
    // The socket may still hold the last buffers, but they are copies of file bytes: the descriptor can go.
    await fh.close().catch(() => undefined);
  }
}

/** Like sendFile, for small in-memory bodies (LFS pointer text). */
export function sendBytes(req: IncomingMessage, res: ServerResponse, body: Buffer, headers: Headers): void {
  const range = parseRange(typeof req.headers.range === 'string' ? req.headers.range : undefined, body.byteLength);
  if (range.kind === 'unsatisfiable') {
    res.writeHead(416, { ...headers, 'Content-Range': `bytes */${body.byteLength}`, 'Content-Length': 0 });
    res.end();
    return;
  }
  const slice = range.kind === 'partial' ? body.subarray(range.start, range.end + 1) : body;
  const out: Headers = { ...headers, 'Accept-Ranges': 'bytes', 'Content-Length': slice.byteLength };
  if (range.kind === 'partial') out['Content-Range'] = `bytes ${range.start}-${range.end}/${body.byteLength}`;
  res.writeHead(range.kind === 'partial' ? 206 : 200, out);
  res.end(req.method === 'HEAD' ? undefined : slice);
}
