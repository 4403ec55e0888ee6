// `model-gate serve --store DIR [--port N] [--cdn-port N] [--host H]`: serves a store folder as a Hub-compatible
// registry until SIGINT/SIGTERM. The access token for private/gated repos comes from MODEL_GATE_SERVE_TOKEN (an
// environment variable rather than a flag, so it does not show in process listings).
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { startRegistry } from '../registry/server.js';
import { GATEWAY_USAGE, gatewayUntil } from './gateway.js';
import { type CliIO, type Command, UsageError } from './io.js';

export const USAGE = `usage: model-gate serve --store DIR [--port N] [--cdn-port N] [--host 127.0.0.1]

  Serves a store folder (written by \`model-gate demo\` or the store builder) as a Hub-compatible registry.
  --store DIR     the store folder (holds store.json)
  --port N        Hub API port (default: any free port)
  --cdn-port N    port of the CDN that serves LFS files (default: any free port)
  --host H        address to listen on (default 127.0.0.1)


${GATEWAY_USAGE}`;

export interface ServeArgs {
  store: string;
  host: string;
  port: number;
  cdnPort: number;
}

function portOf(flag: string, value: string | undefined): number {
  if (value === undefined || !/^\d+$/.test(value) || Number(value) > 65535) throw new UsageError(`${flag} needs a port number 0-65535`);
  return Number(value);
}

export function parseServeArgs(args: string[], cwd: string): ServeArgs {
  let store: string | undefined;
  let host = '127.0.0.1';
  let port = 0;
  let cdnPort = 0;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const [flag, inline] = a?.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string | undefined => inline ?? args[++i];
    switch (flag) {
      case '--store': {
        const v = value();
        if (!v) throw new UsageError('--store needs a folder');
        store = resolve(cwd, v);
        break;
      }
      case '--port':
        port = portOf('--port', value());
        break;
      case '--cdn-port':
        cdnPort = portOf('--cdn-port', value());
        break;
      case '--host': {
        const v = value();
        if (!v) throw new UsageError('--host needs an address');
        host = v;
        break;
      }
      default:
        throw new UsageError(`unknown argument '${a}'\n${USAGE}`);
    }
  }
  if (!store) throw new UsageError(`--store DIR is required\n${USAGE}`);
  return { store, host, port, cdnPort };
}

/** Serves until `stop` aborts; returns the exit code. */
export async function serveUntil(args: string[], io: CliIO, stop: AbortSignal): Promise<number> {
  if (args.includes('--gateway')) return gatewayUntil(args, io, stop);
  const a = parseServeArgs(args, io.cwd);
  const token = io.env['MODEL_GATE_SERVE_TOKEN'];
  if (token !== undefined && !token.startsWith('hf_')) throw new UsageError("MODEL_GATE_SERVE_TOKEN must start with 'hf_' (Hub clients refuse other tokens)");
  // A store that is not there is the user's mistake, said as such (not a stack trace from the loader).
  const found = await stat(join(a.store, 'store.json')).catch((e: NodeJS.ErrnoException) => e.code ?? 'unreadable');
  if (typeof found === 'string') throw new UsageError(`cannot read --store ${a.store}: no store.json there (${found}); run \`model-gate demo\` to write a sample store`);
  const registry = await startRegistry({ storeDir: a.store, host: a.host, port: a.port, cdnPort: a.cdnPort, ...(token ? { token } : {}) });
  io.stdout(`hub: ${registry.hubUrl}\ncdn: ${registry.cdnUrl}\n`);
  await new Promise<void>((done) => {
    if (stop.aborted) done();
    else stop.addEventListener('abort', () => done(), { once: true });
  });
  await registry.close();
  io.stderr('registry stopped\n');
  return 0;
}

export const serve: Command = async (args, io) => {
  const controller = new AbortController();
  const onSignal = (): void => controller.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await serveUntil(args, io, controller.signal);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
};
