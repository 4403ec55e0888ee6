import {
  fetchFiles
} from "./chunk-HNYDULUR.js";
import {
  safeJson
} from "./chunk-YWQRT5AS.js";
import {
  pickHubUrl
} from "./chunk-CUREYGAP.js";
import {
  HubClient
} from "./chunk-RMNU2W7L.js";
import {
  assertRepoId,
  assertRevision
} from "./chunk-53ORRVB5.js";
import {
  HubError
} from "./chunk-37FDLS5N.js";
import {
  UsageError
} from "./chunk-EMOG55AG.js";

// src/cli/fetch.ts
import { resolve } from "node:path";

// src/hub/run-deadline.ts
var DEFAULT_RUN_DEADLINE_MINUTES = 300;
function runDeadline(minutes, source, now = Date.now()) {
  return { at: now + minutes * 6e4, why: `the run's ${minutes}-minute deadline (${source})` };
}
function deadlineMinutes(v) {
  return /^\d{1,4}$/.test(v) && Number(v) >= 1 && Number(v) <= 1440 ? Number(v) : void 0;
}

// src/cli/fetch.ts
var USAGE = `usage: model-gate fetch ORG/NAME@SHA [--hub-url URL] [--out DIR] [--format text|json]
                          [--cdn-origin URL]... [--concurrency N] [--allow-rename] [--max-retry-wait S]
                          [--deadline MINUTES]

  Downloads every file of the pinned commit through the verified stream (sha256, git oid, size, commit).
  --hub-url URL      Hub to use (default: HF_ENDPOINT, else https://huggingface.co)
  --out DIR          also write verified copies under DIR (nothing is written otherwise)
  --format F         text (default) or json
  --cdn-origin URL   an origin LFS redirects may point to (repeatable; needed for mirrors and the local registry)
  --concurrency N    files in flight at once (default 4)
  --allow-rename     download from the canonical id when the name redirects (the hops are still reported)
  --max-retry-wait S longest Retry-After honoured, in seconds (default 60; longer waits fail at once)
  --deadline M       wall-clock minutes for the whole fetch (default 300); what is unfinished then fails
  HF_TOKEN           token sent to the Hub origin only`;
function deadlineOption(v) {
  if (v === void 0) return DEFAULT_RUN_DEADLINE_MINUTES;
  const m = deadlineMinutes(v);
  if (m === void 0) throw new UsageError(`--deadline must be whole minutes from 1 to 1440, not '${v}'`);
  return m;
}
function retryWaitSeconds(v) {
  if (!/^\d{1,4}$/.test(v) || Number(v) > 3600) throw new UsageError(`--max-retry-wait must be whole seconds from 0 to 3600, not '${v}'`);
  return Number(v);
}
function parseArgs(args) {
  let target;
  const out = { format: "text", cdnOrigins: [], concurrency: 4, allowRename: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const value = () => {
      const v = eq > 0 ? arg.slice(eq + 1) : args[++i];
      if (v === void 0 || v === "") throw new UsageError(`${name} needs a value

${USAGE}`);
      return v;
    };
    switch (name) {
      case "--hub-url":
        out.hubUrl = value();
        break;
      case "--out":
        out.out = value();
        break;
      case "--format": {
        const f = value();
        if (f !== "text" && f !== "json") throw new UsageError(`--format must be text or json, not '${f}'`);
        out.format = f;
        break;
      }
      case "--cdn-origin":
        out.cdnOrigins.push(value());
        break;
      case "--concurrency": {
        const v = value();
        if (!/^[1-9]\d{0,2}$/.test(v)) throw new UsageError(`--concurrency must be a whole number from 1 to 999, not '${v}'`);
        out.concurrency = Number(v);
        break;
      }
      case "--allow-rename":
        out.allowRename = true;
        break;
      case "--max-retry-wait":
        out.maxRetryWait = retryWaitSeconds(value());
        break;
      case "--deadline":
        out.deadline = value();
        break;
      case "-h":
      case "--help":
        throw new UsageError(USAGE);
      default:
        if (arg.startsWith("-")) throw new UsageError(`unknown option '${arg}'

${USAGE}`);
        if (target !== void 0) throw new UsageError(`one ORG/NAME@SHA only (got '${target}' and '${arg}')`);
        target = arg;
    }
  }
  if (target === void 0) throw new UsageError(USAGE);
  const at = target.lastIndexOf("@");
  if (at < 0) throw new UsageError(`'${target}' has no @SHA; pin the exact 40-hex commit: ORG/NAME@SHA`);
  const repo = target.slice(0, at);
  const sha = target.slice(at + 1);
  try {
    assertRepoId(repo);
    assertRevision(sha);
    for (const o of out.cdnOrigins) {
      const u = new URL(o);
      if (u.protocol !== "https:" && u.protocol !== "http:") throw new UsageError(`--cdn-origin ${o} must be http(s)`);
    }
  } catch (err) {
    if (err instanceof HubError) throw new UsageError(err.message);
    if (err instanceof TypeError) throw new UsageError(`--cdn-origin: ${err.message}`);
    throw err;
  }
  return { ...out, repo, sha };
}
function lineOf(o) {
  const base = { path: o.item.path, size: o.item.size, lfs: o.item.lfs !== void 0 };
  if (o.ok) {
    return { ...base, ok: true, sha256: o.result.sha256, gitOid: o.result.gitOid, retries: o.result.retries, source: o.result.source };
  }
  const e = o.error;
  return {
    ...base,
    ok: false,
    error: {
      code: e.code,
      message: e.message,
      ...e.expected !== void 0 ? { expected: e.expected } : {},
      ...e.actual !== void 0 ? { actual: e.actual } : {}
    }
  };
}
async function runFetch(args, io, fetchImpl) {
  const a = parseArgs(args);
  let hubUrl;
  try {
    hubUrl = pickHubUrl(a.hubUrl, io.env);
  } catch (err) {
    throw new UsageError(err.message);
  }
  const client = new HubClient({
    hubUrl,
    ...io.env.HF_TOKEN ? { token: io.env.HF_TOKEN } : {},
    ...a.cdnOrigins.length ? { allowedCdnOrigins: a.cdnOrigins } : {},
    ...fetchImpl ? { fetch: fetchImpl } : {},
    ...a.maxRetryWait !== void 0 ? { maxWaitMs: a.maxRetryWait * 1e3 } : {},
    runDeadline: runDeadline(deadlineOption(a.deadline), "--deadline"),
    onRetry: (m) => io.stderr(`model-gate fetch: ${m}
`)
  });
  const report = { hubUrl, requested: a.repo, sha: a.sha };
  const text = a.format === "text";
  const say = (s) => {
    if (text) io.stdout(`${s}
`);
  };
  const failWith = (err, stage) => {
    if (!(err instanceof HubError)) throw err;
    if (text) io.stderr(`model-gate fetch: ${stage}: [${err.code}] ${err.message}
`);
    else io.stdout(`${safeJson({ ...report, ok: false, error: { stage, code: err.code, message: err.message } }, 2)}
`);
    return 1;
  };
  say(`${a.repo}@${a.sha} on ${hubUrl}`);
  let resolved;
  try {
    resolved = await client.resolveRepo(a.repo, a.sha);
  } catch (err) {
    return failWith(err, "resolve");
  }
  Object.assign(report, {
    canonicalId: resolved.canonicalId,
    repoId: resolved.repoId,
    renamed: resolved.renamed,
    redirects: resolved.redirects
  });
  for (const hop of resolved.redirects) say(`  redirect ${hop.status}: ${hop.from} -> ${hop.to}`);
  say(`  repository ${resolved.canonicalId} (_id ${resolved.repoId}), commit ${resolved.sha}`);
  if (resolved.renamed && !a.allowRename) {
    const msg = `'${a.repo}' now answers as '${resolved.canonicalId}' (renamed or transferred); pin the canonical id, or pass --allow-rename to fetch it anyway`;
    if (text) io.stderr(`model-gate fetch: ${msg}
`);
    else io.stdout(`${safeJson({ ...report, ok: false, error: { stage: "resolve", code: "renamed", message: msg } }, 2)}
`);
    return 1;
  }
  let files;
  try {
    files = (await client.listTree(resolved.canonicalId, resolved.sha)).filter((i) => i.type === "file");
  } catch (err) {
    return failWith(err, "list files");
  }
  say(`  ${files.length} files, ${files.reduce((n, f) => n + f.size, 0)} bytes`);
  const outcomes = await fetchFiles({
    downloader: client,
    repo: resolved.canonicalId,
    sha: resolved.sha,
    items: files,
    concurrency: a.concurrency,
    ...a.out !== void 0 ? { copyDir: resolve(io.cwd, a.out) } : {}
  });
  const lines = outcomes.map(lineOf);
  const failed = lines.filter((l) => !l.ok).length;
  if (text) {
    for (const l of lines) {
      if (l.ok) {
        io.stdout(`ok    ${l.path}  size ${l.size}${l.lfs ? " (lfs)" : ""}  sha256 ${l.sha256}  git ${l.gitOid}${l.retries ? `  retries ${l.retries}` : ""}
`);
      } else {
        io.stdout(`FAIL  ${l.path}  size ${l.size}  [${l.error?.code}] ${l.error?.message}
`);
      }
    }
    io.stdout(`${lines.length - failed} of ${lines.length} files verified${failed ? `, ${failed} failed` : ""}
`);
  } else {
    io.stdout(`${safeJson({ ...report, ok: failed === 0, files: lines }, 2)}
`);
  }
  return failed === 0 ? 0 : 1;
}
var fetchCommand = (args, io) => runFetch(args, io);

export {
  runDeadline,
  USAGE,
  deadlineOption,
  retryWaitSeconds,
  runFetch,
  fetchCommand
};
