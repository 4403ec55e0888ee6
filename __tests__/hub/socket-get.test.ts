// The raw-socket GET used for file bytes: chunked decoding under arbitrary splits, and response heads from a raw
// TCP server that a normal HTTP server would not send.
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { ChunkedDecoder, socketGet, spareReadBuffers } from '../../src/hub/socket-get.js';
import { failure } from './fixture.js';

describe('ChunkedDecoder', () => {
  test('decodes any chunking of any body, however the wire bytes are split', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 3000 }),
        fc.array(fc.integer({ min: 1, max: 700 }), { maxLength: 20 }),
        fc.array(fc.integer({ min: 1, max: 500 }), { maxLength: 30 }),
        (body, chunkSizes, splits) => {
          const parts: Buffer[] = [];
          let at = 0;
          for (const n of [...chunkSizes, body.length]) {
            if (at >= body.length) break;
            const piece = Buffer.from(body.subarray(at, at + n));
            parts.push(Buffer.from(`${piece.length.toString(16)};ext=1\r\n`), piece, Buffer.from('\r\n'));
            at += piece.length;
          }
          parts.push(Buffer.from('0\r\nTrailer: x\r\n\r\n'));
          const bytes = Buffer.concat(parts);
          const d = new ChunkedDecoder();
          const out: Uint8Array[] = [];
          let off = 0;
          for (const s of [...splits, bytes.length]) {
            if (off >= bytes.length) break;
            d.feed(bytes.subarray(off, off + s), out);
            off += s;
          }
          expect(d.done).toBe(true);
          expect(Buffer.compare(Buffer.concat(out), Buffer.from(body))).toBe(0);
        }
      ),
      { numRuns: 200 }
    );
  });

  test('rejects a malformed size line and missing CRLF after data', () => {
    expect(() => new ChunkedDecoder().feed(Buffer.from('zz\r\n'), [])).toThrow(/bad chunk size/);
    expect(() => new ChunkedDecoder().feed(Buffer.from('2\r\nabX\r\n'), [])).toThrow(/missing CRLF/);
  });
});

describe('socketGet against a raw TCP server', () => {
  let server: Server;
  let url: string;
  let reply: (s: Socket) => void = () => undefined;
  const sockets = new Set<Socket>();
  beforeAll(async () => {
    server = createServer((s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.once('data', () => reply(s));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`;
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => server.close(() => r()));
  });
  const get = (reuseBuffer = false) =>
    socketGet(url, { headers: {}, headersTimeoutMs: 300, stallTimeoutMs: 200, reuseBuffer, what: 'test', shownUrl: url });
  const all = async (reuse = false) => {
    const r = await get(reuse);
    const parts: Buffer[] = [];
    for (let c = await r.body.read(); c; c = await r.body.read()) parts.push(Buffer.from(c));
    return { status: r.status, headers: r.headers, text: Buffer.concat(parts).toString() };
  };

  test('skips an interim 100 Continue and reads a Content-Length body', async () => {
    reply = (s) => s.end('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A: 1\r\n\r\nhello');
    expect(await all()).toMatchObject({ status: 200, text: 'hello' });
  });

  test('a body delimited by the connection closing', async () => {
    reply = (s) => s.end('HTTP/1.1 200 OK\r\n\r\nuntil close');
    expect((await all(true)).text).toBe('until close');
  });

  test('a connection that closes before Content-Length is reached is a network error', async () => {
    reply = (s) => s.end('HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\nshort');
    const e = await failure(all());
    expect(e.code).toBe('network');
    expect(e.message).toMatch(/before the body was complete/);
  });

  test('garbage instead of a status line is malformed-response', async () => {
    reply = (s) => s.end('SSH-2.0-OpenSSH\r\n\r\n');
    expect((await failure(get())).code).toBe('malformed-response');
  });

  test('a server that accepts but never answers times out', async () => {
    reply = () => undefined;
    expect((await failure(get())).code).toBe('timeout');
  });

  test('a body that stops arriving is a stall timeout', async () => {
    reply = (s) => s.write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc');
    const r = await get();
    expect(Buffer.from((await r.body.read()) ?? []).toString()).toBe('abc');
    const e = await failure(r.body.read());
    expect(e.code).toBe('timeout');
  });

  test('a reused read buffer serves the next response only once its reader has read the end', async () => {
    // Each connection answers 3,000 bytes of its own letter, the body in a later packet than the head, so every
    // body chunk is a view into the response's read buffer.
    let n = 0;
    reply = (s) => {
      const body = Buffer.alloc(3000, 0x41 + (n++ % 26));
      s.write(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n`);
      setTimeout(() => s.end(body), 20);
    };
    const letters = async (r: Awaited<ReturnType<typeof get>>, first?: Uint8Array) => {
      const parts: Buffer[] = first ? [Buffer.from(first)] : [];
      for (let c = await r.body.read(); c; c = await r.body.read()) parts.push(Buffer.from(c));
      return Buffer.concat(parts).toString('latin1');
    };
    const a = await get(true);
    const held = await a.body.read(); // A's reader still holds this chunk
    expect(held).not.toBeNull();
    const aLetter = String.fromCharCode((held as Uint8Array)[0] as number);
    const before = spareReadBuffers();
    expect(await letters(await get(true))).toBe('B'.repeat(3000));
    expect(spareReadBuffers()).toBe(before + 1); // B's buffer is back
    expect(await letters(await get(true))).toBe('C'.repeat(3000)); // C took B's buffer, not A's
    expect(Buffer.from(held as Uint8Array).toString('latin1')).toBe(aLetter.repeat((held as Uint8Array).length));
    expect(aLetter).toBe('A');
    expect(await letters(a, held as Uint8Array)).toBe('A'.repeat(3000));
    // A cancelled response gives its buffer back too; the pool stays bounded however many finish.
    const d = await get(true);
    await d.body.read();
    await d.body.cancel();
    const many = await Promise.all(Array.from({ length: 24 }, () => get(true)));
    await Promise.all(many.map((r) => letters(r)));
    expect(spareReadBuffers()).toBeLessThanOrEqual(16);
    expect(spareReadBuffers()).toBeGreaterThan(0);
  });

  test('header values with line breaks are refused before sending', () => {
    expect(() => socketGet(url, { headers: { range: 'bytes=0-\r\nEvil: 1' }, headersTimeoutMs: 100, stallTimeoutMs: 100, reuseBuffer: false, what: 't', shownUrl: url })).toThrow(/line break/);
  });
});
