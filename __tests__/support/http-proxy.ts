// A real forward HTTP proxy on 127.0.0.1, as a self-hosted runner would sit behind: CONNECT tunnels (for https
// targets) are piped to the target with node:net, absolute-form requests (`GET http://host/path`, for plain http
// targets) are forwarded with node:http. It records everything that passed through, can demand credentials
// (407), and can flip a byte in forwarded bodies so tests see that verification still happens behind a proxy.
import { createServer, request as httpRequest, type IncomingHttpHeaders, type OutgoingHttpHeaders, type Server } from 'node:http';
import { connect as netConnect, type AddressInfo, type Socket } from 'node:net';
import { Transform } from 'node:stream';

export interface ProxyRecord {
  /** 'connect' for a CONNECT tunnel, 'forward' for an absolute-form request. */
  kind: 'connect' | 'forward';
  method: string;
  /** `host:port` for a tunnel; the absolute URL for a forwarded request. */
  target: string;
  /** What the proxy itself was sent: the CONNECT request's headers, or the forwarded request's. */
  headers: IncomingHttpHeaders;
}

export interface RecordingProxyOptions {
  /** Demand `Proxy-Authorization` equal to this (e.g. `Basic dTpw`); anything else gets 407. */
  requireAuth?: string;
  /** Flip the first byte of the body of forwarded responses whose URL matches. */
  tamper?: RegExp;
}

export interface RecordingProxy {
  url: string;
  records: ProxyRecord[];
  clear(): void;
  close(): Promise<void>;
}

// Hop-by-hop headers a proxy consumes rather than forwards (RFC 9110 7.6.1), plus its own credentials.
const HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authorization', 'te', 'trailer', 'upgrade']);

function flipFirstByte(): Transform {
  let done = false;
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      if (!done && chunk.length > 0) {
        done = true;
        const copy = Buffer.from(chunk);
        copy[0] = (copy[0] as number) ^ 0xff;
        cb(null, copy);
        return;
      }
      cb(null, chunk);
    }
  });
}

export async function startRecordingProxy(opts: RecordingProxyOptions = {}): Promise<RecordingProxy> {
  const records: ProxyRecord[] = [];
  const sockets = new Set<Socket>();
  const track = (s: Socket): void => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  };
  const authorised = (h: IncomingHttpHeaders): boolean => opts.requireAuth === undefined || h['proxy-authorization'] === opts.requireAuth;

  const server: Server = createServer((req, res) => {
    const target = req.url ?? '';
    records.push({ kind: 'forward', method: req.method ?? 'GET', target, headers: { ...req.headers } });
    if (!authorised(req.headers)) {
      res.writeHead(407, { 'proxy-authenticate': 'Basic realm="test"', 'content-length': '0' });
      res.end();
      return;
    }
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      res.writeHead(400, { 'content-length': '0' });
      res.end();
      return;
    }
    const headers: OutgoingHttpHeaders = {};
    for (const [k, v] of Object.entries(req.headers)) if (!HOP.has(k) && v !== undefined) headers[k] = v;
    const up = httpRequest({ host: url.hostname, port: url.port, method: req.method, path: `${url.pathname}${url.search}`, headers }, (upRes) => {
      const out: OutgoingHttpHeaders = {};
      for (const [k, v] of Object.entries(upRes.headers)) if (!HOP.has(k) && v !== undefined) out[k] = v;
      res.writeHead(upRes.statusCode ?? 502, out);
      if (opts.tamper?.test(target)) upRes.pipe(flipFirstByte()).pipe(res);
      else upRes.pipe(res);
    });
    up.on('error', () => {
      if (!res.headersSent) {
        res.writeHead(502, { 'content-length': '0' });
        res.end();
      } else res.socket?.destroy();
    });
    req.pipe(up);
  });

  server.on('connect', (req, client: Socket, head: Buffer) => {
    track(client);
    const target = req.url ?? '';
    records.push({ kind: 'connect', method: 'CONNECT', target, headers: { ...req.headers } });
    if (!authorised(req.headers)) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const m = /^(.+):(\d+)$/.exec(target);
    if (!m) {
      client.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const upstream = netConnect({ host: (m[1] as string).replace(/^\[(.*)\]$/, '$1'), port: Number(m[2]) }, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    track(upstream);
    upstream.on('error', () => {
      if (!client.destroyed) client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n');
    });
    client.on('error', () => upstream.destroy());
  });
  server.on('connection', track);

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    records,
    clear() {
      records.length = 0;
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    }
  };
}

/** A proxy address nothing listens on: connections to it are refused. */
export async function refusingProxyUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
