import {
  steadyHeap
} from "./chunk-JAZFRRK4.js";
import {
  EXIT,
  didYouMean,
  optionsIn,
  unknownOptionIn,
  wantsHelp
} from "./chunk-B6BQA5K7.js";
import {
  redact,
  rememberSecret
} from "./chunk-56LLOFTS.js";
import {
  UsageError,
  terminalSafe
} from "./chunk-EMOG55AG.js";
import {
  TOOL_VERSION
} from "./chunk-RQGJ627V.js";
import "./chunk-CVJYKYK3.js";

// src/cli/fd-writer.ts
function fdWriter(fd, ports) {
  let mode = "fd";
  const encoder = new TextEncoder();
  return (text) => {
    if (mode === "gone" || text === "") return;
    const bytes = encoder.encode(text);
    let off = 0;
    if (mode === "fd") {
      try {
        while (off < bytes.length) off += ports.writeSync(fd, bytes, off, bytes.length - off);
        return;
      } catch (err) {
        const code = err.code;
        if (code === "EPIPE") {
          mode = "gone";
          return;
        }
        mode = "stream";
      }
    }
    ports.stream().write(bytes.subarray(off));
  };
}
function processWriter(fd) {
  return fdWriter(fd, {
    writeSync: (d, b, o, l) => process.getBuiltinModule("node:fs").writeSync(d, b, o, l),
    stream: () => fd === 1 ? process.stdout : process.stderr
  });
}

// src/cli/process-io.ts
function processIO() {
  for (const name of ["HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "GITHUB_TOKEN", "GH_TOKEN"]) rememberSecret(process.env[name]);
  const out = processWriter(1);
  const err = processWriter(2);
  return {
    stdout: (t) => out(terminalSafe(redact(t))),
    stderr: (t) => err(terminalSafe(redact(t))),
    env: process.env,
    cwd: process.cwd(),
    // Read only by the commands that draw progress: asking creates process.stderr.
    get stderrIsTTY() {
      return process.stderr.isTTY === true;
    }
  };
}
function settle(run, io2) {
  return run.then((code) => {
    process.exitCode = code;
  }, (e) => {
    io2.stderr(`model-gate: ${String(e)}
`);
    process.exit(EXIT.failure);
  });
}

// src/cli/invoke.ts
async function runLoaded(name, loaded, rest, io2) {
  if (wantsHelp(rest)) {
    io2.stdout(`${loaded.usage.trimEnd()}
`);
    return EXIT.ok;
  }
  try {
    return await loaded.run(rest, io2);
  } catch (err) {
    if (err instanceof UsageError) {
      const bad = unknownOptionIn(err.message);
      const guess = bad !== void 0 && bad.startsWith("--") ? didYouMean(bad, optionsIn(loaded.usage)) : void 0;
      const [first, ...more] = err.message.split("\n");
      io2.stderr(`model-gate ${name}: ${[guess ? `${first} \u2014 did you mean ${guess}?` : first, ...more].join("\n")}
`);
      return EXIT.usage;
    }
    const detail = err instanceof Error ? io2.env.MODEL_GATE_DEBUG ? err.stack ?? err.message : err.message : String(err);
    io2.stderr(`model-gate ${name}: ${detail}
${io2.env.MODEL_GATE_DEBUG ? "" : "(set MODEL_GATE_DEBUG=1 for a stack trace)\n"}`);
    return EXIT.failure;
  }
}

// src/cli/run.ts
var COMMANDS = {
  serve: { summary: "serve a store folder as a Hub-compatible registry", load: async () => {
    const m = await import("./serve-FKMJEYPP.js");
    return { run: m.serve, usage: m.USAGE };
  } },
  mirror: { summary: "pre-populate the gateway's store with the allowlist's signed files", load: async () => {
    const m = await import("./gateway-5TXEIRFA.js");
    return { run: m.mirror, usage: m.MIRROR_USAGE };
  } },
  fetch: { summary: "download ORG/NAME@SHA through the verified stream and report every file", load: async () => {
    const m = await import("./fetch-R4JBHSJF.js");
    return { run: m.fetchCommand, usage: m.USAGE };
  } },
  name: { summary: "check ORG/NAME for namespace impersonation and repo-name shadowing", load: async () => {
    const m = await import("./name-7XGB3EQU.js");
    return { run: m.name, usage: m.USAGE };
  } },
  verify: { summary: "verify a model folder against model.sig (key, keyless identity or CA chain)", load: async () => {
    const m = await import("./verify-URPAHCK3.js");
    return { run: m.verify, usage: m.VERIFY_USAGE };
  } },
  "release-gate": { summary: "check a deployment's model folders against the allowlist and the sign workflow's signatures", load: async () => {
    const m = await import("./release-gate-SOQPIK7T.js");
    return { run: m.releaseGateCommand, usage: m.RELEASE_GATE_USAGE };
  } },
  sign: { summary: "sign a model folder with an ECDSA P-256 key into a model_signing bundle", load: async () => {
    const m = await import("./sign-WMDSCJC7.js");
    return { run: m.sign, usage: m.SIGN_USAGE };
  } },
  review: { summary: "review an allowlist change locally, as the action does on a pull request", load: async () => {
    const m = await import("./review-S4OILJPZ.js");
    return { run: m.review, usage: m.USAGE };
  } },
  bom: { summary: "review an allowlist change and print the CycloneDX 1.6 ML-BOM of the approved models", load: async () => {
    const m = await import("./review-S4OILJPZ.js");
    return { run: m.bom, usage: m.BOM_USAGE };
  } },
  scan: { summary: "scan model files and folders offline", ownHeap: true, load: async () => {
    const m = await import("./scan-P26FXARR.js");
    return { run: m.scan, usage: m.USAGE };
  } },
  audit: { summary: "audit every approved entry against the Hub as it is now (namespace changes, rewrites, flags, signatures)", load: async () => {
    const m = await import("./audit-XR64QGKX.js");
    return { run: m.audit, usage: m.USAGE };
  } },
  demo: { summary: "review sample models on a local Hub; keeps the store and prints what to try next", load: async () => {
    const m = await import("./demo-T46TKTC4.js");
    return { run: m.demo, usage: m.USAGE };
  } }
};
function usage() {
  const width = Math.max(...Object.keys(COMMANDS).map((k) => k.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `model-gate ${TOOL_VERSION}

usage: model-gate <command> [options]
       model-gate <command> --help
       model-gate --version

${lines.join("\n")}

exit codes: 0 nothing blocks \xB7 1 findings block \xB7 2 usage error \xB7 3 not fully examined \xB7 4 the tool failed
`;
}
async function runCli(args, io2) {
  const [name, ...rest] = args;
  if (name === void 0) {
    io2.stderr(usage());
    return EXIT.usage;
  }
  if (name === "--help" || name === "-h" || name === "help") {
    io2.stdout(usage());
    return EXIT.ok;
  }
  if (name === "--version" || name === "-V" || name === "version") {
    io2.stdout(`${TOOL_VERSION}
`);
    return EXIT.ok;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    const guess = didYouMean(name, Object.keys(COMMANDS));
    io2.stderr(`model-gate: unknown command '${name}'${guess ? ` \u2014 did you mean '${guess}'?` : ""}

${usage()}`);
    return EXIT.usage;
  }
  if (!cmd.ownHeap) steadyHeap();
  const loaded = await cmd.load();
  return runLoaded(name, loaded, rest, io2);
}

// src/cli/main.ts
var io = processIO();
void settle(runCli(process.argv.slice(2), io), io);
