// Starts the approved-model gateway: one Hub-compatible origin (HTTP, or HTTPS with a given certificate and key)
// over a blob store, with /healthz and /metrics beside the Hub routes, the allowlist refreshed on a schedule, and a
// graceful close (stops accepting, lets answers in flight finish up to a grace period, then cuts the rest).
import { createServer as createHttp, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttps } from 'node:https';
import type { AddressInfo } from 'node:net';
import { HubClient, type HubClientOptions } from '../hub/client.js';
import type { VerifyTrust } from '../sign/verify.js';
import { ApprovalState, type AllowlistSource } from './approval-state.js';
import type { BlobStore } from './blob-store.js';
import { gatewayHandler, type AccessRecord } from './handler.js';
import { Metrics } from './metrics.js';
import { PullThrough } from './pull-through.js';
import { VerifiedBlobs } from './send-verified.js';
import { signedStateOf, type SignedState } from './signed-model.js';
import type { ClientToken } from './tokens.js';
import { UpstreamMeta } from './upstream.js';
import { readRecordFile } from '../sign/read-record.js';

export interface GatewayOptions {
  host?: string;
  port?: number;
  tls?: { certPem: string; keyPem: string };
  allowlist: AllowlistSource;
  /** Default 60 s. */
  refreshIntervalMs?: number;
  /** Default 1 h: past it nothing is served and /healthz answers 503. */
  maxStaleMs?: number;
  signatures: { dir: string; trust: VerifyTrust };
  /** How the upstream Hub is reached (hubUrl, token, allowedCdnOrigins, deadlines...). */
  upstream: HubClientOptions;
  store: BlobStore;
  tokens?: readonly ClientToken[];
  /** One JSON object per line: access records and alerts. */
  log: (line: string) => void;
  /** First requests for files at least this large are answered as they download (default 8 MiB; handler.ts). */
  streamThroughMinBytes?: number;
  /** Grace period for answers in flight at close (default 10 s). */
  closeGraceMs?: number;
  now?: () => number;
}

export interface RunningGateway {
  url: string;
  metrics: Metrics;
  approval: ApprovalState;
  close(): Promise<void>;
}


function declareMetrics(m: Metrics, approval: ApprovalState): void {
  m.counter('gateway_requests_total', 'Requests answered, by outcome (served, refused, error) and reason.');
  m.counter('gateway_served_bytes_total', 'File bytes sent to clients.');
  m.counter('gateway_upstream_fetches_total', 'Pull-through fetches from the upstream Hub, by result.');
  m.counter('gateway_upstream_failures_total', 'Upstream reads that failed, by kind (metadata, file).');
  m.counter('gateway_tampered_blobs_total', 'Stored blobs found not to match their signed sha256 (removed; refetched or refused).');
  m.counter('gateway_allowlist_refreshes_total', 'Allowlist refresh attempts, by result.');
  m.gauge('gateway_allowlist_entries', 'Entries in the allowlist in force.', () => approval.approved.size);
  m.gauge('gateway_allowlist_age_seconds', 'Seconds since the allowlist was last read successfully (-1 before the first).', () => {
    const a = approval.ageSeconds();
    return Number.isFinite(a) ? Math.round(a) : -1;
  });
  m.gauge('gateway_allowlist_fresh', '1 while the allowlist is within its maximum age, else 0 (nothing is served).', () => (approval.fresh() ? 1 : 0));
}

export async function startGateway(o: GatewayOptions): Promise<RunningGateway> {
  const now = o.now ?? Date.now;
  const log = (obj: Record<string, unknown>): void => o.log(JSON.stringify(obj));
  const metrics = new Metrics();
  const approval = new ApprovalState(o.allowlist, {
    maxStaleMs: o.maxStaleMs ?? 3_600_000,
    now,
    onRefresh: (r) => {
      metrics.inc('gateway_allowlist_refreshes_total', { result: r.ok ? 'ok' : 'failed' });
      if (!r.ok) log({ time: new Date(now()).toISOString(), event: 'allowlist-refresh-failed', error: r.error });
    }
  });
  declareMetrics(metrics, approval);
  if (!(await approval.refresh())) throw new Error(approval.lastError ?? 'the allowlist could not be read');
  approval.start(o.refreshIntervalMs ?? 60_000);

  // Signed state per pin, recomputed after each successful allowlist refresh (a newly signed model is served from
  // the next refresh on; a signature removed from the folder stops it).
  const sigCache = new Map<string, { gen: number; state: Promise<SignedState> }>();
  const signatures = (repo: string, commit: string): Promise<SignedState> => {
    const key = `${repo.toLowerCase()}@${commit}`;
    const hit = sigCache.get(key);
    if (hit && hit.gen === approval.generation) return hit.state;
    const state = signedStateOf({ dir: o.signatures.dir, trust: o.signatures.trust, read: readRecordFile }, repo, commit);
    if (sigCache.size > 10_000) sigCache.clear();
    sigCache.set(key, { gen: approval.generation, state });
    return state;
  };

  const client = (): HubClient => new HubClient(o.upstream);
  const alert = (event: Record<string, unknown>): void => log({ time: new Date(now()).toISOString(), ...event });
  const verified = new VerifiedBlobs(o.store);
  const puller = new PullThrough(o.store, client, {
    // Hashed against the signed digest on the way in: the first answer need not read it all again before sending.
    onStored: async (sha) => {
      const info = await o.store.stat(sha);
      if (info) verified.remember(sha, info);
    },
    onFetch: (req, outcome, detail) => {
      metrics.inc('gateway_upstream_fetches_total', { result: outcome });
      alert({ event: `pull-through-${outcome}`, repo: req.repo, commit: req.commit, file: req.item.path, sha256: req.sha256, detail });
    }
  });
  const hub = gatewayHandler({
    approval,
    signatures,
    meta: new UpstreamMeta(client, now),
    puller,
    store: o.store,
    verified,
    ...(o.tokens ? { tokens: o.tokens } : {}),
    metrics,
    access: (rec: AccessRecord) => log(rec as unknown as Record<string, unknown>),
    alert,
    now,
    streamThroughMinBytes: o.streamThroughMinBytes ?? 8 * 1024 * 1024
  });

  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const path = (req.url ?? '').split('?')[0];
    if (path === '/healthz') {
      const fresh = approval.fresh();
      const body = JSON.stringify({
        status: fresh ? 'ok' : 'stale',
        allowlist: approval.source.describe,
        entries: approval.approved.size,
        ageSeconds: Number.isFinite(approval.ageSeconds()) ? Math.round(approval.ageSeconds()) : null,
        ...(approval.lastError ? { lastError: approval.lastError } : {})
      });
      res.writeHead(fresh ? 200 : 503, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    if (path === '/metrics') {
      const body = metrics.render();
      res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    hub(req, res);
  };

  const server: Server = o.tls ? createHttps({ cert: o.tls.certPem, key: o.tls.keyPem, keepAlive: true }, handler) : createHttp({ keepAlive: true }, handler);
  const host = o.host ?? '127.0.0.1';
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
  const url = `${o.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    url,
    metrics,
    approval,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        approval.stop();
        const cut = setTimeout(() => server.closeAllConnections(), o.closeGraceMs ?? 10_000);
        // Keep-alive connections become idle as their last answer completes: close each as soon as it does.
        const idle = setInterval(() => server.closeIdleConnections(), 50);
        server.close(() => {
          clearTimeout(cut);
          clearInterval(idle);
          resolve();
        });
        server.closeIdleConnections();
      }))
  };
}
