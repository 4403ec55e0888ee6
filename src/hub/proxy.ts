// Which proxy a request goes through, read the way undici's EnvHttpProxyAgent reads it (lower case before upper
// case; HTTPS falls back to HTTP_PROXY; NO_PROXY entries are hosts, `.suffix`/`*.suffix` domains, host:port, `*`),
// and the dispatcher that carries every request of the Hub client. `proxyFor` mirrors undici's decision so the
// transport knows when the raw-socket fast path may be used (only where no proxy applies); a test checks it
// against undici's actual routing.
import { Dispatcher1Wrapper, EnvHttpProxyAgent, type Dispatcher } from 'undici';
import { HubError, redactUrl } from './errors.js';

export type Env = Record<string, string | undefined>;

export interface ProxySettings {
  /** For http: URLs (HTTP_PROXY); undefined when unset or empty. */
  httpProxy?: string;
  /** For https: URLs (HTTPS_PROXY, else HTTP_PROXY). */
  httpsProxy?: string;
  /** The raw NO_PROXY list. */
  noProxy: string;
  /** Which variable each proxy came from, for messages. */
  httpSource?: string;
  httpsSource?: string;
}

function pick(env: Env, lower: string, upper: string): { value: string; name: string } | undefined {
  // `??` as in undici: a set-but-empty lower-case variable disables the upper-case one.
  const value = env[lower] ?? env[upper];
  if (value === undefined) return undefined;
  return { value: value.trim(), name: env[lower] !== undefined ? lower : upper };
}

/** The proxy variables of `env`, normalised: `host:port` without a scheme means `http://host:port` (as curl). */
export function proxySettings(env: Env): ProxySettings {
  const http = pick(env, 'http_proxy', 'HTTP_PROXY');
  const https = pick(env, 'https_proxy', 'HTTPS_PROXY');
  const out: ProxySettings = { noProxy: env.no_proxy ?? env.NO_PROXY ?? '' };
  if (http?.value) {
    out.httpProxy = withScheme(http.value);
    out.httpSource = http.name;
  }
  if (https?.value) {
    out.httpsProxy = withScheme(https.value);
    out.httpsSource = https.name;
  } else if (out.httpProxy) {
    out.httpsProxy = out.httpProxy;
    if (out.httpSource) out.httpsSource = out.httpSource;
  }
  return out;
}

function withScheme(value: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
}

/** Problems with a configured proxy URL, as a HubError to fail requests with; undefined when usable. */
export function proxyProblem(s: ProxySettings): HubError | undefined {
  for (const [url, source] of [
    [s.httpProxy, s.httpSource],
    [s.httpsProxy, s.httpsSource]
  ] as const) {
    if (url === undefined) continue;
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return new HubError('proxy-error', `${source ?? 'the proxy variable'} is not a URL; set it to http://host:port`);
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') {
      return new HubError('proxy-error', `${source ?? 'the proxy variable'} uses ${u.protocol}//, but only http:// and https:// proxies are supported`);
    }
  }
  return undefined;
}

interface NoProxyEntry {
  hostname: string;
  port: number;
  wildcard: boolean;
}

/** NO_PROXY entries, parsed exactly as undici 8's EnvHttpProxyAgent parses them. */
export function parseNoProxy(value: string): NoProxyEntry[] {
  const entries: NoProxyEntry[] = [];
  for (const entry of value.split(/[,\s]/)) {
    if (!entry) continue;
    let hostname: string;
    let port: number;
    const v6 = /^\[(.+)\]:(\d+)$/.exec(entry);
    if (v6) {
      hostname = v6[1] as string;
      port = Number.parseInt(v6[2] as string, 10);
    } else {
      const unbracketed = entry.replace(/^\[(.+)\]$/, '$1');
      const colons = (unbracketed.match(/:/g) ?? []).length;
      const parsed = colons === 1 ? /^(.+):(\d+)$/.exec(unbracketed) : null;
      hostname = parsed ? (parsed[1] as string) : unbracketed;
      port = parsed ? Number.parseInt(parsed[2] as string, 10) : 0;
    }
    entries.push({
      hostname: hostname.replace(/^\*?\./, '').replace(/^(.+)\.$/, '$1').toLowerCase(),
      port,
      wildcard: entry.startsWith('*')
    });
  }
  return entries;
}

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 };

/** Whether NO_PROXY exempts `url` (undici's #shouldProxy, negated). */
export function bypassesProxy(url: URL, noProxy: string): boolean {
  const entries = parseNoProxy(noProxy);
  if (entries.length === 0) return false;
  let hostname = url.host.replace(/:\d*$/, '').replace(/^\[(.+)\]$/, '$1').toLowerCase();
  if (hostname.length > 1 && hostname.endsWith('.')) hostname = hostname.slice(0, -1);
  const port = Number.parseInt(url.port, 10) || DEFAULT_PORTS[url.protocol] || 0;
  for (const e of entries) {
    if (e.hostname === '*') {
      if (e.port && e.port !== port) continue;
      return true;
    }
    if (e.port && e.port !== port) continue;
    if (!e.wildcard && hostname === e.hostname) return true;
    if (hostname.endsWith(`.${e.hostname}`)) return true;
  }
  return false;
}

/** The proxy a request to `url` goes through, or undefined when it goes direct. */
export function proxyFor(url: string | URL, s: ProxySettings): string | undefined {
  const u = typeof url === 'string' ? new URL(url) : url;
  const proxy = u.protocol === 'https:' ? s.httpsProxy : u.protocol === 'http:' ? s.httpProxy : undefined;
  if (proxy === undefined) return undefined;
  return bypassesProxy(u, s.noProxy) ? undefined : proxy;
}

/** A proxy URL safe for messages: no credentials. */
export function shownProxy(proxy: string): string {
  return redactUrl(proxy).replace(/\/$/, '');
}

export interface DispatcherOptions {
  /** Extra trusted CA certificates (PEM) for https origins (a mirror with a private CA). */
  ca?: string;
}

/**
 * The dispatcher for every undici request: EnvHttpProxyAgent fed from `s` (never from process.env behind our
 * back), wrapped so both undici's own fetch and Node's built-in one (an older undici) can use it.
 */
export function proxyDispatcher(s: ProxySettings, opts: DispatcherOptions = {}): Dispatcher {
  const tls = opts.ca ? { ca: opts.ca } : undefined;
  const agent = new EnvHttpProxyAgent({
    // '' (not undefined) so undici never falls back to process.env.
    httpProxy: s.httpProxy ?? '',
    httpsProxy: s.httpsProxy ?? '',
    noProxy: s.noProxy,
    ...(tls ? { connect: tls, requestTls: tls } : {})
  });
  return new Dispatcher1Wrapper(agent);
}
