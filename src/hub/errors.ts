// One error type for everything the Hub client and the verified download can report, so callers turn any of them
// into a precise blocking finding by `code` without parsing messages. Messages pass through the process's one
// redaction point (core/secrets.ts) as they are built: a Hub that echoes the request's token cannot put it in one.
import { redact } from '../core/secrets.js';

export type HubErrorCode =
  // bad input, rejected before any request
  | 'invalid-hub-url'
  | 'invalid-repo-id'
  | 'invalid-revision'
  // what the Hub said
  | 'repo-not-found'
  | 'revision-not-found'
  | 'entry-not-found'
  | 'author-not-found'
  | 'not-found'
  | 'gated'
  | 'disabled'
  | 'unauthorized'
  | 'forbidden'
  | 'rate-limited'
  | 'server-error'
  | 'http-error'
  | 'network'
  | 'timeout'
  // a request or a file did not finish within its wall-clock deadline (never retried: the time is spent)
  | 'deadline-exceeded'
  // connection refused or host unknown: not retried, the next attempt would fail the same way
  | 'unreachable'
  // the TLS certificate was refused: not retried
  | 'tls-error'
  // the proxy (HTTPS_PROXY/HTTP_PROXY) refused, could not be reached or wants credentials: not retried
  | 'proxy-error'
  // answers that cannot be trusted
  | 'malformed-response'
  | 'redirect-loop'
  | 'unexpected-redirect'
  | 'foreign-link'
  | 'pagination-loop'
  | 'limit-exceeded'
  | 'revision-mismatch'
  | 'invalid-tree'
  // verified download
  | 'unexpected-cdn-origin'
  | 'commit-mismatch'
  | 'etag-mismatch'
  | 'size-mismatch'
  | 'sha256-mismatch'
  | 'git-oid-mismatch'
  | 'tail-mismatch'
  | 'truncated'
  | 'range-not-honoured'
  | 'consumer-failed'
  | 'write-failed';

export interface HubErrorDetails {
  /** The request URL, already redacted (see redactUrl). */
  url?: string;
  status?: number;
  /** The Hub's own `X-Error-Code` / `X-Error-Message` headers, when it sent them. */
  hubErrorCode?: string;
  hubErrorMessage?: string;
  /** Repository-relative file path, for download errors. */
  path?: string;
  expected?: string | number;
  actual?: string | number;
  cause?: unknown;
}

export class HubError extends Error {
  readonly code: HubErrorCode;
  readonly url?: string;
  readonly status?: number;
  readonly hubErrorCode?: string;
  readonly hubErrorMessage?: string;
  readonly path?: string;
  readonly expected?: string | number;
  readonly actual?: string | number;

  constructor(code: HubErrorCode, message: string, details: HubErrorDetails = {}) {
    super(redact(message), details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'HubError';
    this.code = code;
    if (details.url !== undefined) this.url = details.url;
    if (details.status !== undefined) this.status = details.status;
    if (details.hubErrorCode !== undefined) this.hubErrorCode = details.hubErrorCode;
    if (details.hubErrorMessage !== undefined) this.hubErrorMessage = redact(details.hubErrorMessage);
    if (details.path !== undefined) this.path = details.path;
    if (details.expected !== undefined) this.expected = details.expected;
    if (details.actual !== undefined) this.actual = details.actual;
  }
}

// Query parameters that carry credentials on signed CDN URLs (S3, CloudFront, GCS, Azure) or tokens.
const SECRET_PARAM = /sig|signature|token|key|credential|auth|policy|expires|session|password|secret|^x-amz-|^x-goog-|^se$|^sp$|^sv$|^sr$/i;

/** The URL with userinfo and credential-bearing query parameters removed: safe for messages and logs. */
export function redactUrl(raw: string | URL): string {
  let url: URL;
  try {
    url = new URL(String(raw));
  } catch {
    return '<unparseable URL>';
  }
  url.username = '';
  url.password = '';
  for (const name of [...url.searchParams.keys()]) {
    if (SECRET_PARAM.test(name)) url.searchParams.delete(name);
  }
  url.hash = '';
  return url.toString();
}
