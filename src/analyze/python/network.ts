// Network operations, by what each argument becomes on the wire: the URL (host, path and query string), a query
// mapping, headers (where credentials legitimately go, to their own service), or a body. A DNS lookup sends its
// name to whoever serves that domain, so a name is a part too. Pure: values in, parts out.
import { hostOf, isLocalHost } from '../patterns.js';
import { SEND } from './sinks.js';
import { isKnown, textOf, type Val } from './values.js';

export type NetPart = 'url' | 'query' | 'headers' | 'body' | 'host' | 'dns name';

export interface NetOp {
  kind: 'http' | 'socket' | 'dns' | 'mail' | 'browser' | 'upload';
  /** HTTP method when known (GET for the get helpers). */
  method: string;
  /** The URL or host the data goes to, when the call says. */
  dest?: Val;
  parts: { where: NetPart; v: Val }[];
  /** Carries a payload (a body, socket data), as opposed to only asking for something. */
  sends: boolean;
}

const HTTP_VERB = /^(get|head|options|delete|post|put|patch|stream|request|urlopen|open|urlretrieve|urlopen)$/;
const HTTP_CLIENTS = /^(requests|requests\.Session|requests\.sessions\.Session|httpx|httpx\.Client|httpx\.AsyncClient|aiohttp|aiohttp\.ClientSession|urllib3|urllib3\.PoolManager|urllib3\.HTTPConnectionPool|urllib3\.HTTPSConnectionPool|urllib\.request|urllib\.request\.build_opener|urllib\.request\.OpenerDirector|pycurl|treq|grequests|niquests)\.(\w+)$/;
const HEADER_KW = new Set(['headers', 'cookies', 'auth', 'token', 'use_auth_token', 'proxy_auth', 'cert']);
const QUERY_KW = new Set(['params']);
const NOT_DATA_KW = new Set(['timeout', 'verify', 'allow_redirects', 'stream', 'proxies', 'follow_redirects', 'method', 'url', 'retries', 'redirect', 'preload_content', 'ssl', 'raise_for_status']);

export const DNS_LOOKUPS = new Set([
  'socket.gethostbyname', 'socket.gethostbyname_ex', 'socket.getaddrinfo', 'socket.getfqdn', 'socket.gethostbyaddr', 'socket.getnameinfo',
  'dns.resolver.resolve', 'dns.resolver.query', 'dns.resolver.Resolver.resolve', 'dns.resolver.Resolver.query', 'aiodns.DNSResolver.query',
  'asyncio.get_event_loop.getaddrinfo', 'ipaddress.ip_address'
]);

const HUB_UPLOADS = /^huggingface_hub\.(HfApi\.)?(upload_file|upload_folder|upload_large_folder|create_commit|create_discussion|create_pull_request|comment_discussion|create_repo|add_space_secret|add_space_variable|create_collection|add_collection_item)$/;

/** The parts of a network operation `name` (a normalised reference), or undefined when it is not one. */
export function netOp(name: string, pos: Val[], kw: Map<string, Val>, recv?: Val): NetOp | undefined {
  if (DNS_LOOKUPS.has(name) && name !== 'ipaddress.ip_address') {
    const host = pos[0] ?? kw.get('host') ?? kw.get('qname') ?? kw.get('hostname') ?? kw.get('name');
    return { kind: 'dns', method: '', ...(host ? { dest: host } : {}), parts: host ? [{ where: 'dns name', v: host }] : [], sends: false };
  }
  if (name === 'webbrowser.open' || name === 'webbrowser.open_new' || name === 'webbrowser.open_new_tab' || name === 'webbrowser.get.open') {
    const url = pos[0] ?? kw.get('url');
    return { kind: 'browser', method: 'GET', ...(url ? { dest: url } : {}), parts: url ? [{ where: 'url', v: url }] : [], sends: false };
  }
  if (HUB_UPLOADS.test(name)) {
    const parts: NetOp['parts'] = [];
    pos.forEach((v) => parts.push({ where: 'body', v }));
    for (const [k, v] of kw) parts.push({ where: HEADER_KW.has(k) ? 'headers' : 'body', v });
    // The Hub client talks to the Hub (HF_ENDPOINT aside): what it uploads goes there.
    return { kind: 'upload', method: 'POST', dest: { text: 'https://huggingface.co', flags: 0, why: [], lines: [] }, parts, sends: true };
  }
  if (/^socket\.(socket\.(connect|connect_ex)|create_connection)$/.test(name) || /^(socket|ssl)\.[\w.]*\.(send|sendall|sendto|sendmsg|sendfile)$/.test(name)) {
    const parts: NetOp['parts'] = [];
    const method = name.slice(name.lastIndexOf('.') + 1);
    const addr = method === 'sendto' ? pos[pos.length - 1] : method === 'connect' || method === 'connect_ex' || method === 'create_connection' ? pos[0] ?? kw.get('address') : undefined;
    const host = addr?.items?.[0] ?? addr;
    if (host) parts.push({ where: 'host', v: host });
    if (method.startsWith('send')) for (const v of method === 'sendto' ? pos.slice(0, -1) : pos) parts.push({ where: 'body', v });
    if (recv) parts.push({ where: 'host', v: recv });
    return { kind: 'socket', method: '', ...(host ? { dest: host } : {}), parts, sends: method.startsWith('send') || method === 'connect' || method === 'connect_ex' || method === 'create_connection' };
  }
  if (/^(smtplib\.SMTP(_SSL)?|smtplib\.LMTP)\.(sendmail|send_message|send|data)$/.test(name) || /^ftplib\.FTP(_TLS)?\.(storbinary|storlines|sendcmd)$/.test(name) ||
      /^telnetlib\.Telnet\.write$/.test(name) || /^paramiko\.(SSHClient\.(connect|exec_command)|Transport\.connect)$/.test(name)) {
    const parts: NetOp['parts'] = [...pos.map((v) => ({ where: 'body' as NetPart, v })), ...[...kw.values()].map((v) => ({ where: 'body' as NetPart, v }))];
    if (recv) parts.push({ where: 'host', v: recv });
    return { kind: 'mail', method: '', ...(recv ? { dest: recv } : {}), parts, sends: true };
  }
  if (/^http\.client\.HTTPS?Connection\.(request|putrequest|send|putheader)$/.test(name)) {
    const m = name.slice(name.lastIndexOf('.') + 1);
    const parts: NetOp['parts'] = [];
    if (recv) parts.push({ where: 'host', v: recv });
    if (m === 'request' || m === 'putrequest') {
      if (pos[1]) parts.push({ where: 'url', v: pos[1] });
      if (pos[2] ?? kw.get('body')) parts.push({ where: 'body', v: (pos[2] ?? kw.get('body')) as Val });
      const h = pos[3] ?? kw.get('headers');
      if (h) parts.push({ where: 'headers', v: h });
    } else for (const v of pos) parts.push({ where: m === 'putheader' ? 'headers' : 'body', v });
    const method = m === 'request' || m === 'putrequest' ? textOf(pos[0] ?? kw.get('method') ?? ({ flags: 0, why: [], lines: [] } as Val)).toUpperCase() : '';
    return { kind: 'http', method, ...(recv ? { dest: recv } : {}), parts, sends: m === 'send' || /POST|PUT|PATCH/.test(method) };
  }
  const http = HTTP_CLIENTS.exec(name);
  if (http && HTTP_VERB.test(http[2] as string) || name === 'urllib.request.urlopen' || name === 'urllib.request.urlretrieve' || SEND.has(name) && /\.(post|put|patch)$/.test(name)) {
    const verb = name.slice(name.lastIndexOf('.') + 1);
    const generic = verb === 'request' || (verb === 'urlopen' && /^urllib3/.test(name));
    const method = generic ? textOf(pos[0] ?? kw.get('method') ?? ({ flags: 0, why: [], lines: [] } as Val)).toUpperCase() : verb === 'urlopen' || verb === 'open' || verb === 'urlretrieve' || verb === 'stream' ? '' : verb.toUpperCase();
    const urlAt = generic ? 1 : 0;
    const url = pos[urlAt] ?? kw.get('url');
    const parts: NetOp['parts'] = [];
    if (url) {
      parts.push({ where: 'url', v: url });
      // A urllib Request carries its own body and headers.
      if (url.items && url.ref === 'urllib.request.Request()') url.items.forEach((v, i) => { if (i > 0) parts.push({ where: i === 1 ? 'body' : 'headers', v }); });
    }
    pos.forEach((v, i) => {
      if (i === urlAt || (generic && i === 0)) return;
      if (verb === 'urlretrieve' && i === 1) return; // the local file name
      parts.push({ where: verb === 'get' && i === 1 && /^requests/.test(name) ? 'query' : 'body', v });
    });
    for (const [k, v] of kw) {
      if (k === 'url' || NOT_DATA_KW.has(k) || (verb === 'urlretrieve' && k === 'filename')) continue;
      parts.push({ where: HEADER_KW.has(k) ? 'headers' : QUERY_KW.has(k) || (k === 'fields' && method === 'GET') ? 'query' : 'body', v });
    }
    const hasBody = parts.some((p) => p.where === 'body') || (url !== undefined && (url.flags & 128) !== 0);
    return { kind: 'http', method: method || (hasBody ? 'POST' : 'GET'), ...(url ? { dest: url } : {}), parts, sends: hasBody || /POST|PUT|PATCH/.test(method) };
  }
  return undefined;
}

/** The host a destination value names: a URL's host, or a bare host name (socket address, connection). */
export function destHost(dest: Val | undefined): string | undefined {
  if (!dest) return undefined;
  const t = dest.text;
  if (t === undefined) return undefined;
  const fromUrl = hostOf(t);
  if (fromUrl) return fromUrl;
  if (/^[\w.\-\u0000]+$/.test(t) && t.length > 0) return t.toLowerCase();
  return undefined;
}

export function isKnownHost(host: string | undefined): boolean {
  return host !== undefined && !host.includes('\u0000');
}

/** A destination on this machine: data sent there does not leave it. */
export function staysLocal(host: string | undefined): boolean {
  return isLocalHost(host);
}

const HF_SECRET = /^(HF_TOKEN|HF_API_TOKEN|HF_HUB_TOKEN|HUGGING_?FACE(_HUB)?_(API_)?TOKEN|HUGGINGFACEHUB_API_TOKEN|HF_ACCESS_TOKEN)$/i;
/** Services whose registrable domain is not the variable's first word. */
const DOMAIN_ALIASES: Record<string, string[]> = {
  hf: ['huggingface', 'hf'], huggingface: ['huggingface', 'hf'], google: ['googleapis', 'google'], gemini: ['googleapis'], aws: ['amazonaws'],
  azure: ['azure', 'windows', 'microsoft'], openai: ['openai'], gh: ['github'], github: ['github', 'githubusercontent'], wandb: ['wandb']
};
/** Words too generic to tie a secret to a service. */
const GENERIC_WORDS = new Set(['api', 'key', 'secret', 'token', 'auth', 'access', 'private', 'my', 'app', 'user', 'service', 'client', 'password', 'pass', 'credential', 'credentials', 'the', 'default', 'main', 'prod', 'dev', 'test', 'env', 'bearer', 'session', 'cookie', 'master', 'admin', 'root', 'login', 'db', 'database']);

/** The secret names a tainted value carries (from its provenance notes): `$HF_TOKEN`, the HF token. */
export function secretNames(v: Val): string[] {
  const out: string[] = [];
  for (const w of v.why) {
    const m = /^\$(\w+) read at/.exec(w);
    if (m) out.push(m[1] as string);
    else if (w.startsWith('the Hugging Face token')) out.push('HF_TOKEN');
  }
  return out;
}

/** The registrable label of a host (`api.openai.com` → `openai`); hf.space is a user's app, not the Hub. */
function registrable(host: string): string | undefined {
  const labels = host.replace(/\.$/, '').split('.');
  if (labels.length < 2) return undefined;
  return labels[labels.length - 2];
}

/** Whether `host` is the service that secret `name` is for (its credential goes there in a header). */
export function isSecretHome(name: string, host: string): boolean {
  if (/(^|\.)hf\.space$/.test(host)) return false;
  if (HF_SECRET.test(name)) return /(^|\.)(huggingface\.co|hf\.co|huggingface\.cloud)$/.test(host);
  const word = name.toLowerCase().split(/[_\W]+/).find((w) => w.length > 0);
  if (!word || GENERIC_WORDS.has(word) || word.length < 3) return false;
  const sld = registrable(host);
  if (!sld) return false;
  return (DOMAIN_ALIASES[word] ?? [word]).includes(sld);
}

/** Whether every secret in `v` is headed home to `host`. */
export function allSecretsHome(v: Val, host: string | undefined): boolean {
  if (host === undefined || !isKnownHost(host)) return false;
  const names = secretNames(v);
  return names.length > 0 && names.every((n) => isSecretHome(n, host));
}

export function knownText(v: Val | undefined): string | undefined {
  return v && isKnown(v) ? v.text : undefined;
}
