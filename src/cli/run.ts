// The CLI's dispatcher: one module per subcommand (src/cli/<name>.ts), loaded on demand, with the conventions every
// command shares (help, version, "did you mean", exit codes, no stack traces for a user's mistake) applied here once.
import type { CliIO } from './io.js';
import { type Loaded, runLoaded } from './invoke.js';
import { TOOL_VERSION } from '../core/version.js';
import { EXIT, didYouMean } from './conventions.js';
import { steadyHeap } from '../core/steady-heap.js';

/**
 * `ownHeap`: the command sets the heap policy itself (core/steady-heap.ts), only when it holds many files; every
 * other command gets it before it loads.
 */
const COMMANDS: Record<string, { summary: string; load: () => Promise<Loaded>; ownHeap?: true }> = {
  serve: { summary: 'serve a store folder as a Hub-compatible registry', load: async () => { const m = await import('./serve.js'); return { run: m.serve, usage: m.USAGE }; } },
  mirror: { summary: "pre-populate the gateway's store with the allowlist's signed files", load: async () => { const m = await import('./gateway.js'); return { run: m.mirror, usage: m.MIRROR_USAGE }; } },
  fetch: { summary: 'download ORG/NAME@SHA through the verified stream and report every file', load: async () => { const m = await import('./fetch.js'); return { run: m.fetchCommand, usage: m.USAGE }; } },
  name: { summary: 'check ORG/NAME for namespace impersonation and repo-name shadowing', load: async () => { const m = await import('./name.js'); return { run: m.name, usage: m.USAGE }; } },
  verify: { summary: 'verify a model folder against model.sig (key, keyless identity or CA chain)', load: async () => { const m = await import('./verify.js'); return { run: m.verify, usage: m.VERIFY_USAGE }; } },
  'release-gate': { summary: "check a deployment's model folders against the allowlist and the sign workflow's signatures", load: async () => { const m = await import('./release-gate.js'); return { run: m.releaseGateCommand, usage: m.RELEASE_GATE_USAGE }; } },
  sign: { summary: 'sign a model folder with an ECDSA P-256 key into a model_signing bundle', load: async () => { const m = await import('./sign.js'); return { run: m.sign, usage: m.SIGN_USAGE }; } },
  review: { summary: 'review an allowlist change locally, as the action does on a pull request', load: async () => { const m = await import('./review.js'); return { run: m.review, usage: m.USAGE }; } },
  bom: { summary: 'review an allowlist change and print the CycloneDX 1.6 ML-BOM of the approved models', load: async () => { const m = await import('./review.js'); return { run: m.bom, usage: m.BOM_USAGE }; } },
  scan: { summary: 'scan model files and folders offline', ownHeap: true, load: async () => { const m = await import('./scan.js'); return { run: m.scan, usage: m.USAGE }; } },
  audit: { summary: 'audit every approved entry against the Hub as it is now (namespace changes, rewrites, flags, signatures)', load: async () => { const m = await import('./audit.js'); return { run: m.audit, usage: m.USAGE }; } },
  demo: { summary: 'review sample models on a local Hub; keeps the store and prints what to try next', load: async () => { const m = await import('./demo.js'); return { run: m.demo, usage: m.USAGE }; } }
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((k) => k.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return (
    `model-gate ${TOOL_VERSION}\n\nusage: model-gate <command> [options]\n       model-gate <command> --help\n       model-gate --version\n\n${lines.join('\n')}\n\n` +
    'exit codes: 0 nothing blocks · 1 findings block · 2 usage error · 3 not fully examined · 4 the tool failed\n'
  );
}

/** Runs the CLI; returns the exit code. Exported for tests, which pass their own io. */
export async function runCli(args: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined) {
    io.stderr(usage());
    return EXIT.usage;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return EXIT.ok;
  }
  if (name === '--version' || name === '-V' || name === 'version') {
    io.stdout(`${TOOL_VERSION}\n`);
    return EXIT.ok;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    const guess = didYouMean(name, Object.keys(COMMANDS));
    io.stderr(`model-gate: unknown command '${name}'${guess ? ` — did you mean '${guess}'?` : ''}\n\n${usage()}`);
    return EXIT.usage;
  }
  // Memory that follows what a review holds, not how fast it allocates.
  if (!cmd.ownHeap) steadyHeap();
  const loaded = await cmd.load();
  return runLoaded(name, loaded, rest, io);
}

