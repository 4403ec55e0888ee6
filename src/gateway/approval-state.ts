// The allowlist the gateway enforces, read from a file or from the repository's default branch through the GitHub
// API, refreshed on a schedule. A failed refresh keeps the last good list and is reported; once the last good
// list is older than the configured maximum, the gateway refuses everything and its health check fails, rather
// than serve from a list that may have dropped a revoked model.
import { readFile } from 'node:fs/promises';
import { parseAllowlist } from '../config/allowlist/parse.js';
import { ApprovedSet } from './approved.js';

export interface AllowlistSource {
  /** Where the list comes from, for logs and health. */
  describe: string;
  /** The file's text (null: no entries). */
  read(): Promise<string | null>;
}

/** The allowlist file on disk. A missing file is an error, not an empty list: it is a wrong path far more often. */
export function fileSource(path: string): AllowlistSource {
  return {
    describe: path,
    read: () =>
      readFile(path, 'utf8').catch((e: NodeJS.ErrnoException) => {
        throw new Error(`cannot read ${path}: ${e.code ?? e.message}`, { cause: e });
      })
  };
}

export interface GitHubSourceOptions {
  /** e.g. https://api.github.com */
  apiUrl: string;
  /** owner/repo */
  repository: string;
  /** Path of the allowlist in the repository (default approved-models.yaml). */
  path?: string;
  token?: string;
  fetch?: typeof fetch;
  /** Per request (default 30 s). */
  timeoutMs?: number;
}

/** The allowlist on the repository's default branch (the contents API without `ref` reads the default branch). */
export function githubSource(o: GitHubSourceOptions): AllowlistSource {
  const path = o.path ?? 'approved-models.yaml';
  const url = `${o.apiUrl.replace(/\/+$/, '')}/repos/${o.repository}/contents/${path.split('/').map(encodeURIComponent).join('/')}`;
  const get = o.fetch ?? fetch;
  return {
    describe: `${o.repository}:${path} (default branch, ${new URL(o.apiUrl).origin})`,
    async read() {
      const res = await get(url, {
        headers: { Accept: 'application/vnd.github.raw', 'X-GitHub-Api-Version': '2022-11-28', ...(o.token ? { Authorization: `Bearer ${o.token}` } : {}) },
        signal: AbortSignal.timeout(o.timeoutMs ?? 30_000),
        redirect: 'error'
      });
      // 404 is also GitHub's answer for a private repository without a (sufficient) token: an error, not an empty list.
      if (!res.ok) throw new Error(`GitHub answered ${res.status} for ${path} of ${o.repository}${res.status === 404 ? ' (no such file, or a private repository the token cannot read)' : ''}`);
      const text = await res.text();
      if (text.length > 1024 * 1024) throw new Error(`${path} of ${o.repository} is larger than 1 MiB`);
      return text;
    }
  };
}

export interface ApprovalStateOptions {
  /** After this long without a successful read, everything is refused and health fails. */
  maxStaleMs: number;
  now?: () => number;
  /** Told after every refresh attempt. */
  onRefresh?: (outcome: { ok: true; entries: number } | { ok: false; error: string }) => void;
}

export class ApprovalState {
  private current = new ApprovedSet([]);
  private loadedAt: number | undefined;
  private lastErrorText: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly now: () => number;
  /** Bumped on each successful refresh: caches keyed on it (signatures) start over. */
  generation = 0;

  constructor(
    readonly source: AllowlistSource,
    private readonly opts: ApprovalStateOptions
  ) {
    this.now = opts.now ?? Date.now;
  }

  get approved(): ApprovedSet {
    return this.current;
  }

  get lastError(): string | undefined {
    return this.lastErrorText;
  }

  /** Seconds since the last successful read (Infinity before the first). */
  ageSeconds(): number {
    return this.loadedAt === undefined ? Infinity : (this.now() - this.loadedAt) / 1000;
  }

  fresh(): boolean {
    return this.loadedAt !== undefined && this.now() - this.loadedAt <= this.opts.maxStaleMs;
  }

  /** Reads and parses the list; a list with any error is not used (the previous one stays). Never throws. */
  async refresh(): Promise<boolean> {
    try {
      const text = await this.source.read();
      const parsed = parseAllowlist(text, this.source.describe);
      if (parsed.errors.length > 0) {
        const e = parsed.errors[0]!;
        throw new Error(`${this.source.describe}:${e.line ?? 0}: ${e.message}${parsed.errors.length > 1 ? ` (and ${parsed.errors.length - 1} more errors)` : ''}`);
      }
      this.current = ApprovedSet.fromEntries(parsed.entries);
      this.loadedAt = this.now();
      this.lastErrorText = undefined;
      this.generation++;
      this.opts.onRefresh?.({ ok: true, entries: parsed.entries.length });
      return true;
    } catch (e) {
      this.lastErrorText = `allowlist refresh from ${this.source.describe} failed: ${(e as Error).message}`;
      this.opts.onRefresh?.({ ok: false, error: this.lastErrorText });
      return false;
    }
  }

  start(intervalMs: number): void {
    this.stop();
    this.timer = setInterval(() => void this.refresh(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
