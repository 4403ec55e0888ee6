import {
  startRegistry
} from "./chunk-N4QQIMFY.js";
import {
  GATEWAY_USAGE,
  gatewayUntil
} from "./chunk-CR3BIU6G.js";
import "./chunk-3GFYJNPL.js";
import "./chunk-VYTMODJS.js";
import "./chunk-2I4UUYGL.js";
import "./chunk-YW6UQOXA.js";
import "./chunk-GVZINTXY.js";
import "./chunk-WGSXY4MX.js";
import "./chunk-ZBA2DZXL.js";
import "./chunk-ZN62LNC2.js";
import "./chunk-X6645MI5.js";
import "./chunk-3VHUVBXD.js";
import "./chunk-2YCH6UOH.js";
import "./chunk-R4KMGKFI.js";
import "./chunk-DTKPZPO6.js";
import "./chunk-PEH7TTTG.js";
import "./chunk-5USQP7RK.js";
import "./chunk-2BFPKX7F.js";
import "./chunk-CUREYGAP.js";
import "./chunk-RMNU2W7L.js";
import "./chunk-53ORRVB5.js";
import "./chunk-37FDLS5N.js";
import "./chunk-GFTXSUAY.js";
import "./chunk-VLZKHZEN.js";
import "./chunk-56LLOFTS.js";
import {
  UsageError
} from "./chunk-EMOG55AG.js";
import "./chunk-RQGJ627V.js";
import "./chunk-CVJYKYK3.js";

// src/cli/serve.ts
import { stat } from "node:fs/promises";
import { join, resolve } from "node:path";
var USAGE = `usage: model-gate serve --store DIR [--port N] [--cdn-port N] [--host 127.0.0.1]

  Serves a store folder (written by \`model-gate demo\` or the store builder) as a Hub-compatible registry.
  --store DIR     the store folder (holds store.json)
  --port N        Hub API port (default: any free port)
  --cdn-port N    port of the CDN that serves LFS files (default: any free port)
  --host H        address to listen on (default 127.0.0.1)


${GATEWAY_USAGE}`;
function portOf(flag, value) {
  if (value === void 0 || !/^\d+$/.test(value) || Number(value) > 65535) throw new UsageError(`${flag} needs a port number 0-65535`);
  return Number(value);
}
function parseServeArgs(args, cwd) {
  let store;
  let host = "127.0.0.1";
  let port = 0;
  let cdnPort = 0;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const [flag, inline] = a?.startsWith("--") && a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, void 0];
    const value = () => inline ?? args[++i];
    switch (flag) {
      case "--store": {
        const v = value();
        if (!v) throw new UsageError("--store needs a folder");
        store = resolve(cwd, v);
        break;
      }
      case "--port":
        port = portOf("--port", value());
        break;
      case "--cdn-port":
        cdnPort = portOf("--cdn-port", value());
        break;
      case "--host": {
        const v = value();
        if (!v) throw new UsageError("--host needs an address");
        host = v;
        break;
      }
      default:
        throw new UsageError(`unknown argument '${a}'
${USAGE}`);
    }
  }
  if (!store) throw new UsageError(`--store DIR is required
${USAGE}`);
  return { store, host, port, cdnPort };
}
async function serveUntil(args, io, stop) {
  if (args.includes("--gateway")) return gatewayUntil(args, io, stop);
  const a = parseServeArgs(args, io.cwd);
  const token = io.env["MODEL_GATE_SERVE_TOKEN"];
  if (token !== void 0 && !token.startsWith("hf_")) throw new UsageError("MODEL_GATE_SERVE_TOKEN must start with 'hf_' (Hub clients refuse other tokens)");
  const found = await stat(join(a.store, "store.json")).catch((e) => e.code ?? "unreadable");
  if (typeof found === "string") throw new UsageError(`cannot read --store ${a.store}: no store.json there (${found}); run \`model-gate demo\` to write a sample store`);
  const registry = await startRegistry({ storeDir: a.store, host: a.host, port: a.port, cdnPort: a.cdnPort, ...token ? { token } : {} });
  io.stdout(`hub: ${registry.hubUrl}
cdn: ${registry.cdnUrl}
`);
  await new Promise((done) => {
    if (stop.aborted) done();
    else stop.addEventListener("abort", () => done(), { once: true });
  });
  await registry.close();
  io.stderr("registry stopped\n");
  return 0;
}
var serve = async (args, io) => {
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    return await serveUntil(args, io, controller.signal);
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
};
export {
  USAGE,
  parseServeArgs,
  serve,
  serveUntil
};
