// A real HTTP server on 127.0.0.1 that forwards to an upstream origin (the registry's Hub or CDN port) and injects
// faults into chosen requests: canned statuses, rewritten headers or JSON, bodies cut by a reset, a stall or a
// clean early end. It records every request it saw, so tests can assert what reached which origin.
import { Agent, createServer, request as httpRequest, type IncomingHttpHeaders, type OutgoingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface SeenRequest {
  method: string;
  /** Path and query. */
  url: string;
  headers: IncomingHttpHeaders;
}

export type Headers = Record<string, string | string[] | undefined>;

export interface Canned {
  status: number;
  headers?: Headers;
  body?: string | Uint8Array;
}

export interface Fault {
  /** Which requests (path+query tested by the RegExp, or a predicate). Default: every request. */
  match?: RegExp | ((req: SeenRequest) => boolean);
  /** Matching requests it applies to, then it is spent. Default: unlimited. */
  times?: number;
  /** Answer this instead of forwarding. */
  respond?: Canned | ((req: SeenRequest) => Canned);
  /** Forward to another path+query upstream. */
  path?: (url: string) => string;
  /** Destroy the connection before answering. */
  resetBeforeResponse?: boolean;
  /** Never answer; the connection stays open until close(). */
  hang?: boolean;
  /** Edit the forwarded request's headers (e.g. drop Range). */
  request?: (headers: OutgoingHttpHeaders) => OutgoingHttpHeaders;
  /** Edit the upstream status and headers. */
  response?: (status: number, headers: Headers) => { status: number; headers: Headers };
  /** Rewrite a JSON body (Content-Length is recomputed). */
  json?: (body: unknown) => unknown;
  /**
   * Cut the body after `after` bytes: 'reset' destroys the socket, 'stall' stops sending but keeps the connection
   * open, 'end' ends the response cleanly (sent chunked, without Content-Length).
   */
  cut?: { after: number; mode: 'reset' | 'stall' | 'end' };
  /** Send the body `bytes` at a time, one piece every `everyMs` (a drip: never idle long enough to stall). */
  drip?: { bytes: number; everyMs: number };
  /** Slowloris in reverse: send a status line, then one header line every `everyMs`, never ending the head. */
  slowHead?: { everyMs: number };
}

export interface HostileProxy {
  url: string;
  requests: SeenRequest[];
  /** Adds a fault; earlier faults win when several match. */
  add(fault: Fault): void;
  clear(): void;
  close(): Promise<void>;
}

export interface ProxyOptions {
  upstream: string;
  /** Extra origin rewrites in Location and Link headers (route CDN hops through another proxy). */
  mapOrigins?: Record<string, string>;
}

/** Drops headers a fault set to undefined (node:http refuses undefined values). */
function defined(h: Headers): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(h).filter((e): e is [string, string | string[]] => e[1] !== undefined));
}

function matches(f: Fault, req: SeenRequest): boolean {
  if (!f.match) return true;
  return f.match instanceof RegExp ? f.match.test(req.url) : f.match(req);
}

export async function startHostileProxy(opts: ProxyOptions): Promise<HostileProxy> {
  const upstream = new URL(opts.upstream);
  const faults: { fault: Fault; left: number }[] = [];
  const requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  // Its own pool of upstream connections, torn down with the proxy (the global agent would keep them alive).
  const agent = new Agent({ keepAlive: true });
  let self = '';

  const server: Server = createServer((req, res) => {
    const seen: SeenRequest = { method: req.method ?? 'GET', url: req.url ?? '/', headers: { ...req.headers } };
    requests.push(seen);
    const slot = faults.find((s) => s.left > 0 && matches(s.fault, seen));
    if (slot) slot.left--;
    const fault = slot?.fault ?? {};

    if (fault.resetBeforeResponse) {
      req.socket.destroy();
      return;
    }
    if (fault.hang) return;
    if (fault.slowHead) {
      const sock = req.socket;
      sock.write('HTTP/1.1 200 OK\r\n');
      const timer = setInterval(() => sock.write('X-Pad: a\r\n'), fault.slowHead.everyMs);
      sock.on('close', () => clearInterval(timer));
      return;
    }
    if (fault.respond) {
      const canned = typeof fault.respond === 'function' ? fault.respond(seen) : fault.respond;
      const body = canned.body ?? '';
      res.writeHead(canned.status, defined({ 'content-length': String(Buffer.byteLength(body)), ...canned.headers }));
      res.end(body);
      return;
    }
    let headers: OutgoingHttpHeaders = { ...req.headers, host: upstream.host };
    if (fault.request) headers = fault.request(headers);
    const up = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: fault.path ? fault.path(seen.url) : seen.url, headers, agent },
      (upRes) => {
        let status = upRes.statusCode ?? 502;
        let out: Headers = { ...upRes.headers };
        // Like any reverse proxy: absolute URLs to the upstream (Location, Link) point back at the proxy.
        const origins: [string, string][] = [[upstream.origin, self], ...Object.entries(opts.mapOrigins ?? {})];
        for (const name of ['location', 'link'] as const) {
          const v = out[name];
          if (typeof v !== 'string') continue;
          out[name] = origins.reduce((text, [from, to]) => text.split(from).join(to), v);
        }
        if (fault.response) ({ status, headers: out } = fault.response(status, out));
        if (fault.json) {
          const chunks: Buffer[] = [];
          upRes.on('data', (c: Buffer) => chunks.push(c));
          upRes.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let body: string;
            try {
              body = JSON.stringify((fault.json as (b: unknown) => unknown)(JSON.parse(text)));
            } catch {
              body = text;
            }
            delete out['content-length'];
            delete out['transfer-encoding'];
            res.writeHead(status, defined({ ...out, 'content-length': String(Buffer.byteLength(body)) }));
            res.end(body);
          });
          return;
        }
        const drip = fault.drip;
        if (drip) {
          const chunks: Buffer[] = [];
          upRes.on('data', (c: Buffer) => chunks.push(c));
          upRes.on('end', () => {
            const body = Buffer.concat(chunks);
            res.writeHead(status, defined(out));
            res.flushHeaders();
            let at = 0;
            const timer = setInterval(() => {
              if (at >= body.length) {
                clearInterval(timer);
                res.end();
                return;
              }
              res.write(body.subarray(at, at + drip.bytes));
              at += drip.bytes;
            }, drip.everyMs);
            res.on('close', () => clearInterval(timer));
          });
          return;
        }
        const cut = fault.cut;
        if (!cut) {
          res.writeHead(status, defined(out));
          upRes.pipe(res);
          return;
        }
        if (cut.mode === 'end') {
          delete out['content-length'];
        }
        res.writeHead(status, defined(out));
        let sent = 0;
        upRes.on('data', (c: Buffer) => {
          if (sent >= cut.after) return;
          const take = Math.min(c.length, cut.after - sent);
          sent += take;
          res.write(c.subarray(0, take));
          if (sent < cut.after) return;
          upRes.destroy();
          if (cut.mode === 'reset') setTimeout(() => res.socket?.destroy(), 20);
          else if (cut.mode === 'end') res.end();
          // 'stall': keep the socket open, send nothing more; close() destroys it.
        });
        upRes.on('end', () => {
          if (sent < cut.after) res.end();
        });
      }
    );
    up.on('error', () => res.socket?.destroy());
    req.pipe(up);
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  self = `http://127.0.0.1:${port}`;

  return {
    url: self,
    requests,
    add(fault) {
      faults.push({ fault, left: fault.times ?? Number.POSITIVE_INFINITY });
    },
    clear() {
      faults.length = 0;
      requests.length = 0;
    },
    close() {
      for (const s of sockets) s.destroy();
      agent.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    }
  };
}
