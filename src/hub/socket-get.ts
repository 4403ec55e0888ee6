// A minimal HTTP/1.1 GET over a raw TCP/TLS socket, for the bytes of model files only. Why not fetch: measured on
// the benchmark machine, Node's fetch and node:http spend about 1 CPU-second per GiB allocating a fresh 64 KiB
// buffer per socket read and moving it through streams; reading straight into our own buffer (`onread`) cuts that
// to ~0.4 s, which is what lets download+verify keep up with `openssl dgst -sha256` (bench/results/download.md).
// One request per connection (`Connection: close`); redirects, retries and checks stay with the callers.
import { isIP, connect as netConnect, type OnReadOpts, type Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import { HubError } from './errors.js';

/** A pull reader over a response body. */
export interface ChunkReader {
  /** The next chunk, or null at the end of the body. */
  read(): Promise<Uint8Array | null>;
  /** Drops the rest of the body and closes the connection. */
  cancel(): Promise<void>;
}

export interface SocketGetOptions {
  headers: Record<string, string>;
  /** No complete response head within this long: 'timeout'. */
  headersTimeoutMs: number;
  /** A pending read with no bytes for this long: 'timeout'. */
  stallTimeoutMs: number;
  /**
   * Wall-clock end (Date.now() ms) of the whole response, head and body: reached, the connection is closed and the
   * reader fails with 'deadline-exceeded' and `message`. Bytes arriving do not move it (a drip cannot stretch it).
   */
  deadline?: { at: number; message: string };
  /**
   * Read every chunk into one reused buffer. Only safe when whoever reads the chunks is done with each one before
   * asking for the next (the download awaits every consumer first, so it is when no consumer keeps chunks).
   */
  reuseBuffer: boolean;
  /** Extra trusted CA certificates (PEM) for https, e.g. an internal mirror's. */
  ca?: string;
  /** For messages: what is being fetched, and the redacted URL. */
  what: string;
  shownUrl: string;
}

export interface SocketResponse {
  status: number;
  headers: Headers;
  body: ChunkReader;
}

/**
 * Read buffers start at FIRST_READ and grow four-fold, up to MAX_READ, each time a read fills one: a JSON answer or a
 * small file never costs a megabyte (a 5,000-file review made 10 GB of such buffers for the GC to find), a large
 * body reaches full-size reads after two. Fresh-buffer mode reads into slabs, handing out disjoint views; a new
 * slab when less than MIN_FREE (or a quarter of the slab) is left.
 */
const FIRST_READ = 64 << 10;
const MAX_READ = 1 << 20;
const MIN_FREE = 64 << 10;
const MAX_HEAD = 64 << 10;

/**
 * First-size read buffers of finished reuse-mode responses, handed to the next one. A review reads two small bodies
 * per file (tail and content): a fresh 64 KiB buffer for each made a 50,000-file review allocate 6 GB of
 * ArrayBuffers, held by the garbage collector until it ran (tens of MiB of RSS at any moment). A buffer goes back
 * only once its reader has taken the end of the body (or cancelled), i.e. when no chunk of it is still in use.
 */
const spare: Buffer[] = [];
const MAX_SPARE = 16;

function takeSpare(): Buffer {
  return spare.pop() ?? Buffer.allocUnsafeSlow(FIRST_READ);
}

function giveSpare(buf: Buffer | undefined): void {
  if (buf && buf.length === FIRST_READ && spare.length < MAX_SPARE) spare.push(buf);
}

/** How many spare read buffers wait for reuse (tests). */
export function spareReadBuffers(): number {
  return spare.length;
}

type Framing = { kind: 'length'; left: number } | { kind: 'chunked' } | { kind: 'close' };

/** Parses `HTTP/1.1 200 OK\r\nName: value\r\n…` (without the final blank line). */
function parseHead(text: string): { status: number; headers: Headers } | string {
  const lines = text.split('\r\n');
  const m = /^HTTP\/1\.[01] (\d{3})(?: .*)?$/.exec(lines[0] ?? '');
  if (!m) return `bad status line ${JSON.stringify((lines[0] ?? '').slice(0, 80))}`;
  const headers = new Headers();
  for (const line of lines.slice(1)) {
    const i = line.indexOf(':');
    if (i <= 0) return `bad header line ${JSON.stringify(line.slice(0, 80))}`;
    try {
      headers.append(line.slice(0, i).trim(), line.slice(i + 1).trim());
    } catch {
      return `bad header line ${JSON.stringify(line.slice(0, 80))}`;
    }
  }
  return { status: Number(m[1]), headers };
}

/** Decodes `Transfer-Encoding: chunked` incrementally, returning views into the input (no copies). */
export class ChunkedDecoder {
  private state: 'size' | 'data' | 'data-crlf' | 'trailer' | 'done' = 'size';
  private left = 0;
  private line = '';

  get done(): boolean {
    return this.state === 'done';
  }

  /** Body pieces in `input`; throws on malformed framing. */
  feed(input: Uint8Array, out: Uint8Array[]): void {
    let i = 0;
    while (i < input.length && this.state !== 'done') {
      if (this.state === 'data') {
        const n = Math.min(this.left, input.length - i);
        out.push(input.subarray(i, i + n));
        i += n;
        this.left -= n;
        if (this.left === 0) this.state = 'data-crlf';
        continue;
      }
      // Line-oriented states: collect one line (the chunk-size line, the CRLF after data, trailer lines).
      const nl = input.indexOf(0x0a, i);
      const end = nl < 0 ? input.length : nl + 1;
      this.line += Buffer.from(input.buffer, input.byteOffset + i, end - i).toString('latin1');
      i = end;
      if (this.line.length > 4096) throw new Error('chunk-size line too long');
      if (nl < 0) continue;
      const line = this.line.replace(/\r?\n$/, '');
      this.line = '';
      if (this.state === 'data-crlf') {
        if (line !== '') throw new Error('missing CRLF after chunk data');
        this.state = 'size';
      } else if (this.state === 'size') {
        const m = /^([0-9a-fA-F]{1,12})(;.*)?$/.exec(line);
        if (!m) throw new Error(`bad chunk size ${JSON.stringify(line.slice(0, 40))}`);
        this.left = parseInt(m[1] as string, 16);
        this.state = this.left === 0 ? 'trailer' : 'data';
      } else if (line === '') {
        this.state = 'done';
      }
    }
  }
}

/** GET `url` over a fresh connection; resolves once the response head arrived. */
export function socketGet(url: string, opts: SocketGetOptions): Promise<SocketResponse> {
  const u = new URL(url);
  const https = u.protocol === 'https:';
  if (!https && u.protocol !== 'http:') throw new HubError('http-error', `${opts.what}: unsupported protocol ${u.protocol}`);
  const port = Number(u.port || (https ? 443 : 80));
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1');
  const lines = [`GET ${u.pathname}${u.search} HTTP/1.1`, `Host: ${u.host}`, 'Connection: close'];
  for (const [k, v] of Object.entries(opts.headers)) {
    if (/[\r\n]/.test(k) || /[\r\n]/.test(v)) throw new HubError('http-error', `${opts.what}: header ${k} contains a line break`);
    if (k.toLowerCase() !== 'host' && k.toLowerCase() !== 'connection') lines.push(`${k}: ${v}`);
  }
  const request = `${lines.join('\r\n')}\r\n\r\n`;

  return new Promise<SocketResponse>((resolveHead, rejectHead) => {
    let headDone = false;
    let head = Buffer.alloc(0);
    let framing: Framing = { kind: 'close' };
    const chunked = new ChunkedDecoder();
    const queue: Uint8Array[] = [];
    let ended = false;
    let failure: HubError | undefined;
    let waiter: { resolve: (c: Uint8Array | null) => void; reject: (e: HubError) => void } | undefined;
    let stallTimer: NodeJS.Timeout | undefined;
    let paused = false;
    let received = 0;

    let readSize = FIRST_READ;
    // Reuse mode: one buffer, replaced by a larger one when it grows (the reader has finished with the last chunk
    // before the next read: see the backpressure in callback).
    let shared: Buffer | undefined;
    let slab: Buffer | undefined;
    let slabUsed = 0;
    const nextBuffer = (): Uint8Array => {
      if (opts.reuseBuffer) {
        if (!shared || shared.length < readSize) {
          // The reader asked for more, so it is done with every chunk of the buffer being replaced.
          giveSpare(shared);
          shared = readSize === FIRST_READ ? takeSpare() : Buffer.allocUnsafeSlow(readSize);
        }
        return shared;
      }
      if (!slab || slab.length - slabUsed < Math.min(MIN_FREE, slab.length / 4) || slab.length < readSize) {
        slab = Buffer.allocUnsafeSlow(readSize);
        slabUsed = 0;
      }
      return slab.subarray(slabUsed);
    };

    const fail = (err: HubError): void => {
      if (failure || ended) return;
      failure = err;
      clearTimeout(headTimer);
      if (deadlineTimer) clearTimeout(deadlineTimer);
      if (stallTimer) clearTimeout(stallTimer);
      socket.destroy();
      if (!headDone) rejectHead(err);
      if (waiter) {
        const w = waiter;
        waiter = undefined;
        w.reject(err);
      }
    };
    let closed = false;
    const finish = (): void => {
      if (closed || failure) return;
      closed = true;
      ended = true;
      clearTimeout(headTimer);
      if (deadlineTimer) clearTimeout(deadlineTimer);
      socket.destroy();
      if (stallTimer) clearTimeout(stallTimer);
      if (waiter && queue.length === 0) {
        const w = waiter;
        waiter = undefined;
        release();
        w.resolve(null);
      }
    };
    const deliver = (): void => {
      if (!waiter) return;
      const c = queue.shift();
      if (c) {
        const w = waiter;
        waiter = undefined;
        w.resolve(c);
      } else if (ended) {
        const w = waiter;
        waiter = undefined;
        release();
        w.resolve(null);
      }
    };

    const onBody = (data: Uint8Array): void => {
      if (data.length === 0) return;
      if (framing.kind === 'chunked') {
        try {
          chunked.feed(data, queue);
        } catch (err) {
          fail(new HubError('malformed-response', `${opts.what}: ${(err as Error).message}`, { url: opts.shownUrl }));
          return;
        }
        if (chunked.done) ended = true;
      } else if (framing.kind === 'length') {
        const n = Math.min(framing.left, data.length);
        if (n > 0) queue.push(data.subarray(0, n));
        framing.left -= n;
        if (framing.left === 0) ended = true;
      } else {
        queue.push(data);
      }
    };

    const onHead = (data: Uint8Array): void => {
      // The head is small; copying it is fine. Body bytes that came with it are copied too (the buffer is reused).
      head = Buffer.concat([head, data]);
      for (;;) {
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) {
          if (head.length > MAX_HEAD) fail(new HubError('malformed-response', `${opts.what}: response head larger than ${MAX_HEAD} bytes`, { url: opts.shownUrl }));
          return;
        }
        const parsed = parseHead(head.subarray(0, end).toString('latin1'));
        if (typeof parsed === 'string') {
          fail(new HubError('malformed-response', `${opts.what}: ${parsed}`, { url: opts.shownUrl }));
          return;
        }
        const rest = Buffer.from(head.subarray(end + 4));
        if (parsed.status >= 100 && parsed.status < 200) {
          head = rest; // interim response (100 Continue): the real head follows
          continue;
        }
        headDone = true;
        clearTimeout(headTimer);
        const te = parsed.headers.get('transfer-encoding');
        const cl = parsed.headers.get('content-length');
        if (te && te.toLowerCase() !== 'identity') {
          if (te.toLowerCase() !== 'chunked') {
            fail(new HubError('malformed-response', `${opts.what}: unsupported Transfer-Encoding '${te}'`, { url: opts.shownUrl }));
            return;
          }
          framing = { kind: 'chunked' };
        } else if (cl !== null) {
          if (!/^\d+$/.test(cl.trim())) {
            fail(new HubError('malformed-response', `${opts.what}: bad Content-Length '${cl.slice(0, 40)}'`, { url: opts.shownUrl }));
            return;
          }
          framing = { kind: 'length', left: Number(cl) };
          if (framing.left === 0) ended = true;
        }
        onBody(rest);
        resolveHead({ status: parsed.status, headers: parsed.headers, body: reader });
        return;
      }
    };

    const callback = (nread: number, buf: Uint8Array): boolean => {
      const data = buf.subarray(0, nread);
      if (!opts.reuseBuffer) slabUsed += nread;
      if (nread === buf.length && readSize < MAX_READ) readSize = Math.min(MAX_READ, readSize * 4);
      received += nread;
      const before = queue.length;
      if (!headDone) onHead(data);
      else onBody(data);
      if (failure) return false;
      if (ended) {
        finish();
        deliver();
        return false;
      }
      const produced = queue.length > before;
      deliver();
      // After body bytes, stop reading until the reader asks again: that is the backpressure, and with a reused
      // buffer it keeps the next read from overwriting a chunk still being consumed.
      if (produced) {
        paused = true;
        return false;
      }
      return true;
    };

    const onread: OnReadOpts = { buffer: nextBuffer, callback };
    // tls.connect honours `onread` like net.connect (Node ≥ 14); @types/node does not list it yet.
    const tlsOptions: ConnectionOptions & { onread: OnReadOpts } = {
      host,
      port,
      // SNI carries host names only (RFC 6066); an IP origin is checked against the certificate's IP SANs.
      ...(isIP(host) ? {} : { servername: host }),
      onread,
      ALPNProtocols: ['http/1.1'],
      ...(opts.ca ? { ca: opts.ca } : {})
    };
    const socket: Socket = https ? tlsConnect(tlsOptions) : netConnect({ host, port, onread });
    const headTimer = setTimeout(
      () => fail(new HubError('timeout', `${opts.what}: no response within ${opts.headersTimeoutMs} ms`, { url: opts.shownUrl })),
      opts.headersTimeoutMs
    );
    const deadline = opts.deadline;
    const deadlineTimer = deadline
      ? setTimeout(() => fail(new HubError('deadline-exceeded', deadline.message, { url: opts.shownUrl })), Math.max(0, deadline.at - Date.now()))
      : undefined;
    deadlineTimer?.unref();
    socket.setNoDelay(true);
    socket.on(https ? 'secureConnect' : 'connect', () => socket.write(request));
    socket.on('error', (err: Error & { code?: string }) => {
      fail(new HubError('network', `${opts.what}: ${err.message}${err.code && !err.message.includes(err.code) ? ` (${err.code})` : ''}`, { url: opts.shownUrl, cause: err }));
    });
    socket.on('close', () => {
      if (ended || failure) return;
      if (headDone && framing.kind === 'close') {
        finish();
        deliver();
        return;
      }
      fail(
        new HubError(
          'network',
          headDone
            ? `${opts.what}: the connection closed before the body was complete`
            : `${opts.what}: the connection closed before a response (${received} bytes received)`,
          { url: opts.shownUrl }
        )
      );
    });

    const armStall = (): void => {
      if (stallTimer) clearTimeout(stallTimer);
      const at = received;
      stallTimer = setTimeout(() => {
        if (waiter && received === at) {
          fail(new HubError('timeout', `${opts.what}: no bytes for ${opts.stallTimeoutMs} ms, the connection stalled`, { url: opts.shownUrl }));
        } else if (waiter) armStall();
      }, opts.stallTimeoutMs);
      stallTimer.unref();
    };

    // Called when the reader asks past the end (or past a failure), or cancels: it holds no chunk any more, and the
    // socket is destroyed, so nothing reads into the buffer again.
    const release = (): void => {
      if (!opts.reuseBuffer || !shared || !(ended || failure) || queue.length > 0) return;
      giveSpare(shared);
      shared = undefined;
    };

    const reader: ChunkReader = {
      read() {
        if (failure) {
          release();
          return Promise.reject(failure);
        }
        const c = queue.shift();
        if (c) return Promise.resolve(c);
        if (ended) {
          release();
          return Promise.resolve(null);
        }
        return new Promise<Uint8Array | null>((resolve, reject) => {
          waiter = { resolve, reject };
          armStall();
          if (paused) {
            paused = false;
            socket.resume();
          }
        });
      },
      cancel() {
        ended = true;
        queue.length = 0;
        if (stallTimer) clearTimeout(stallTimer);
        if (deadlineTimer) clearTimeout(deadlineTimer);
        socket.destroy();
        release();
        return Promise.resolve();
      }
    };
  });
}
