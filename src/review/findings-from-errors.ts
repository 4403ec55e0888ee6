// Turns whatever stopped an examination into a blocking finding that says what happened and what to do.
import type { Finding } from '../core/findings.js';
import { HubError } from '../hub/errors.js';

const HELP: Partial<Record<string, string>> = {
  'invalid-repo-id': 'Fix the entry: write the repository as namespace/name.',
  'invalid-revision': 'Pin the full 40-character commit sha shown in the repository\'s commit history.',
  'repo-not-found': 'Check the spelling; a private repository needs a Hub token (`hub-token`).',
  'revision-not-found': 'The commit does not exist in this repository; copy the sha from its commit history.',
  unauthorized: 'The repository is private or does not exist; provide a Hub token with read access, or fix the name.',
  gated: 'Accept the model\'s terms on the Hub with the account whose token the gate uses (`hub-token`).',
  disabled: 'The Hub disabled this repository; it cannot be approved.',
  'rate-limited': 'The Hub rate-limited the review; re-run the job later, or use a Hub token for a higher limit.',
  'server-error': 'The Hub failed; re-run the job. Nothing from this repository was approved.',
  network: 'The Hub could not be reached; re-run the job.',
  timeout: 'The Hub stopped answering; re-run the job.',
  'deadline-exceeded': 'The Hub or its CDN was too slow to finish within the deadline (a slow or dripping server); re-run the job later.',
  unreachable: 'Nothing answers at the Hub URL: check `hub-url` / HF_ENDPOINT; a mirror must be running and reachable from the runner.',
  'tls-error': "The server's TLS certificate was refused: for a mirror with a private CA, make the runner trust that CA.",
  'limit-exceeded': 'The Hub sent more than the gate reads (size, nesting or number of values); do not approve until it answers normally.',
  'revision-mismatch': 'The Hub answered for a different commit than the pin; do not approve until it resolves the pin to itself.',
  'sha256-mismatch': 'The bytes served differ from what the Hub lists for this commit: do not use this file; report it to the Hub.',
  'git-oid-mismatch': 'The bytes served differ from the git object the commit names: do not use this file.',
  'size-mismatch': 'The file served has a different size from the commit\'s listing: do not use it.',
  'commit-mismatch': 'The Hub served this file from another commit than the pin: re-run; if it persists, do not approve.',
  'unexpected-cdn-origin': 'An LFS redirect pointed outside the expected CDN; if you run a mirror, list its CDN origin.',
  'proxy-error': "The runner's proxy (HTTPS_PROXY / HTTP_PROXY) refused the connection or wants credentials: fix the proxy settings, or list the Hub in NO_PROXY."
};

/** A Hub/download error as a finding. Every such finding blocks: the entry was not fully examined. */
export function findingFromError(err: unknown, check: string, file?: string): Finding {
  if (err instanceof HubError) {
    return {
      check: `${check}.${err.code}`,
      severity: 'high',
      message: err.message,
      ...(file ? { file } : {}),
      ...(err.expected !== undefined ? { evidence: `expected ${String(err.expected)}, got ${String(err.actual)}` } : {}),
      help: HELP[err.code] ?? 'Not fully examined, so not approved. Re-run; if it persists, investigate the repository.'
    };
  }
  return {
    check: `${check}.error`,
    severity: 'high',
    message: `${file ? `${file}: ` : ''}${err instanceof Error ? err.message : String(err)}`,
    ...(file ? { file } : {}),
    help: 'Not fully examined, so not approved. This is a Model Gate error: re-run, and report it if it persists.'
  };
}
