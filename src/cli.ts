// model-gate CLI: dispatches to one module per subcommand (src/cli/<name>.ts), loaded on demand.
import { argv, env, exit, cwd } from 'node:process';
import { type CliIO, type Command, terminalSafe, UsageError } from './cli/io.js';
import { TOOL_VERSION } from './core/version.js';
import { redact, rememberSecret } from './core/secrets.js';

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  serve: { summary: 'serve a store folder as a Hub-compatible registry', load: async () => (await import('./cli/serve.js')).serve },
  fetch: { summary: 'download ORG/NAME@SHA through the verified stream and report every file', load: async () => (await import('./cli/fetch.js')).fetchCommand },
  name: { summary: 'check ORG/NAME for namespace impersonation and repo-name shadowing', load: async () => (await import('./cli/name.js')).name },
  verify: { summary: 'verify a model folder against model.sig (key, keyless identity or CA chain)', load: async () => (await import('./cli/verify.js')).verify },
  'release-gate': { summary: "check a deployment's model folders against the allowlist and the sign workflow's signatures", load: async () => (await import('./cli/release-gate.js')).releaseGateCommand },
  sign: { summary: 'sign a model folder with an ECDSA P-256 key into a model_signing bundle', load: async () => (await import('./cli/sign.js')).sign },
  review: { summary: 'review an allowlist change locally, as the action does on a pull request', load: async () => (await import('./cli/review.js')).review },
  scan: { summary: 'scan model files and folders offline', load: async () => (await import('./cli/scan.js')).scan },
  audit: { summary: 'audit every approved entry against the Hub as it is now (namespace changes, rewrites, flags, signatures)', load: async () => (await import('./cli/audit.js')).audit },
  demo: { summary: 'run the main job on the embedded local registry with sample repositories', load: async () => (await import('./cli/demo.js')).demo }
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((k) => k.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `model-gate ${TOOL_VERSION}\n\nusage: model-gate <command> [options]\n\n${lines.join('\n')}\n`;
}

async function main(): Promise<number> {
  // Every secret the CLI can know from its environment; HubHttp and `sign` add theirs as they read them.
  for (const name of ['HF_TOKEN', 'HUGGING_FACE_HUB_TOKEN', 'GITHUB_TOKEN', 'GH_TOKEN']) rememberSecret(env[name]);
  // The one exit for text: redacted (core/secrets.ts), then made terminal-safe.
  const io: CliIO = {
    stdout: (t) => process.stdout.write(terminalSafe(redact(t))),
    stderr: (t) => process.stderr.write(terminalSafe(redact(t))),
    env,
    cwd: cwd()
  };
  const [name, ...rest] = argv.slice(2);
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name ? 0 : 2;
  }
  if (name === '--version') {
    io.stdout(`${TOOL_VERSION}\n`);
    return 0;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    io.stderr(`model-gate: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  try {
    return await (await cmd.load())(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`model-gate ${name}: ${err.message}\n`);
      return 2;
    }
    io.stderr(`model-gate ${name}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 2;
  }
}

// exitCode rather than exit(): lets piped stdout drain, and lets `serve` keep running.
main().then((code) => { process.exitCode = code; }, (err) => {
  process.stderr.write(terminalSafe(redact(`model-gate: ${String(err)}\n`)));
  exit(2);
});
