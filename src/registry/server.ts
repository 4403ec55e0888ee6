// The local Hub-compatible registry: a Hub origin and a CDN origin, two node:http servers over one store folder.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cdnSigner, type CdnSigner } from './cdn-url.js';
import { hubHandler } from './hub-handler.js';
import { sendFile } from './http-util.js';
import { rateLimiter, type RateLimitOptions } from './rate-limit.js';
import { Store } from './store.js';

export interface RegistryOptions {
  storeDir: string;
  /** Interface both origins listen on (default 127.0.0.1). */
  host?: string;
  /** Hub origin port (default 0: any free port). */
  port?: number;
  /** CDN origin port (default 0). */
  cdnPort?: number;
  /** The access token that unlocks private and gated repos (must start with `hf_` for @huggingface/hub). */
  token?: string;
  /** Account whoami-v2 reports for the token (default 'local-user'). */
  tokenUser?: string;
  log?: (line: string) => void;
  /** Tree page sizes (Hub: 1000, and 100 with expand=true); small values let tests paginate small repos. */
  treePageSize?: number;
  treeExpandPageSize?: number;
  rateLimit?: RateLimitOptions;
  /** Lifetime of signed CDN URLs (default 3600 s). */
  cdnUrlTtlSeconds?: number;
  /** Clock in ms (rate-limit windows, CDN URL expiry). */
  now?: () => number;
}

export interface RunningRegistry {
  hubUrl: string;
  cdnUrl: string;
  store: Store;
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function origin(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

function s3Error(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
  res.writeHead(status, { ...headers, 'Content-Type': 'application/xml', 'Content-Length': Buffer.byteLength(body) });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

/**
 * CDN origin: serves only objects named by a valid, unexpired signed URL. It never accepts an Authorization header
 * (like a presigned S3 URL, it answers 400), so a client that leaks the Hub token to it fails loudly.
 */
function cdnHandler(store: Store, signer: () => CdnSigner | undefined, now: () => number, log?: (line: string) => void) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const started = now();
    res.on('finish', () => log?.(`cdn ${req.method ?? ''} ${(req.url ?? '').split('?')[0] ?? ''} ${res.statusCode} ${now() - started}ms`));
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      s3Error(res, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.', { Allow: 'GET, HEAD' });
      return;
    }
    if (req.headers.authorization !== undefined) {
      s3Error(res, 400, 'InvalidArgument', 'Only one auth mechanism allowed; the Signature query parameter or the Authorization header should be specified');
      return;
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://cdn.invalid');
    } catch {
      s3Error(res, 400, 'InvalidURI', 'Could not parse the specified URI.');
      return;
    }
    const current = signer();
    if (!current) {
      s3Error(res, 503, 'ServiceUnavailable', 'The registry is starting.');
      return;
    }
    const verdict = current.verify(url, Math.floor(now() / 1000));
    if (!verdict.ok) {
      s3Error(res, 403, 'AccessDenied', verdict.reason);
      return;
    }
    const size = store.objectSize(verdict.sha256);
    if (size === undefined) {
      s3Error(res, 404, 'NoSuchKey', 'The specified key does not exist.');
      return;
    }
    void sendFile(
      req,
      res,
      store.objectPath(verdict.sha256),
      size,
      {
        ETag: `"${verdict.sha256}"`,
        'Content-Type': 'application/octet-stream',
        'Content-Disposition': verdict.disposition,
        'Cache-Control': 'public, max-age=604800, immutable'
      },
      (status, message) => s3Error(res, status, 'InternalError', message)
    );
  };
}

/** Loads the store (validating it) and starts both origins. */
export async function startRegistry(opts: RegistryOptions): Promise<RunningRegistry> {
  const store = await Store.load(opts.storeDir);
  const host = opts.host ?? '127.0.0.1';
  const now = opts.now ?? Date.now;
  const key = randomBytes(32);
  // The CDN listens first: signed URLs name its origin, and the Hub origin signs with them.
  const holder: { signer?: CdnSigner } = {};
  const cdn = createServer({ keepAlive: true }, cdnHandler(store, () => holder.signer, now, opts.log));
  const cdnPort = await listen(cdn, opts.cdnPort ?? 0, host);
  const cdnUrl = origin(host, cdnPort);
  const signer = cdnSigner(cdnUrl, key, opts.cdnUrlTtlSeconds ?? 3600);
  holder.signer = signer;
  let hubUrl = '';
  const hub = createServer(
    { keepAlive: true },
    hubHandler({
      store,
      hubUrl: () => hubUrl,
      cdn: signer,
      ...(opts.token !== undefined ? { token: opts.token } : {}),
      ...(opts.tokenUser !== undefined ? { tokenUser: opts.tokenUser } : {}),
      treePageSize: opts.treePageSize ?? 1000,
      treeExpandPageSize: opts.treeExpandPageSize ?? 100,
      limit: rateLimiter(opts.rateLimit ?? {}, now),
      now,
      ...(opts.log ? { log: opts.log } : {})
    })
  );
  let hubPort: number;
  try {
    hubPort = await listen(hub, opts.port ?? 0, host);
  } catch (err) {
    await closeServer(cdn);
    throw err;
  }
  hubUrl = origin(host, hubPort);
  let closing: Promise<void> | undefined;
  return {
    hubUrl,
    cdnUrl,
    store,
    close: () => (closing ??= Promise.all([closeServer(hub), closeServer(cdn)]).then(() => undefined))
  };
}
