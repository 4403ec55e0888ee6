import {
  REPO_CHECKS,
  defaultScanFile
} from "./chunk-GPL2COQW.js";
import {
  reviewLocal
} from "./chunk-XYMEJEHJ.js";
import {
  checkGlobal,
  defaultPolicy
} from "./chunk-47WNE3IU.js";
import {
  TOOL_VERSION
} from "./chunk-RQGJ627V.js";

// src/review/reviewer.ts
var shardedSteps = () => Promise.all([import("./change-FEREU2M6.js"), import("./sharded-Q3QOAWDD.js")]);
function createReviewer(opts = {}) {
  const scanFile = opts.scanFile ?? defaultScanFile;
  const checks = opts.checks ?? REPO_CHECKS;
  const common = { scanFile, checks, ...opts.now ? { now: opts.now } : {}, ...opts.onProgress ? { onProgress: opts.onProgress } : {} };
  const hubOf = () => {
    if (!opts.hub) throw new Error("reviewing an allowlist change needs a Hub client");
    return opts.hub;
  };
  return {
    // An allowlist change's review (the allowlist parser, YAML and schema libraries) and the sharded review's steps
    // are loaded when a front end asks for them: a local scan never does.
    async reviewChange(input) {
      const { reviewChange } = await import("./change-FEREU2M6.js");
      return reviewChange(input, { hub: hubOf(), ...common });
    },
    async planChange(input, maxShards) {
      const [{ prepareChange }, { planChange }] = await shardedSteps();
      return planChange(prepareChange(input), { hub: hubOf(), ...common }, maxShards);
    },
    async shardChange(input, plan, planSha256, shard) {
      const [{ prepareChange }, { runShard }] = await shardedSteps();
      return runShard(prepareChange(input), plan, planSha256, shard, { hub: hubOf(), ...common });
    },
    async aggregateChange(input, plan, planSha256, partials) {
      const [{ concludeChange, prepareChange }, { aggregateChange }] = await shardedSteps();
      const hub = hubOf();
      const prepared = prepareChange(input);
      return concludeChange(prepared, await aggregateChange(prepared, plan, planSha256, partials, { hub, ...common }), hub.hubUrl);
    },
    async reviewLocal(input) {
      const policySource = input.policySource ?? "defaults";
      const policy = await localPolicy(input);
      const errors = [...policy.errors];
      for (const g of input.allow ?? []) {
        const problem = checkGlobal(g);
        if (problem) errors.push({ file: "option --allow", message: problem, help: "Allow only classes a reviewer has read; code-running callables can never be allowed." });
        else if (!policy.policy.allowGlobals.includes(g)) policy.policy.allowGlobals.push(g);
      }
      const review = await reviewLocal(input.paths, input.cwd, { policy: policy.policy, ...common });
      const report = {
        reviews: [review],
        removed: [],
        policySource,
        policyChanges: [],
        toolVersion: TOOL_VERSION,
        errors,
        warnings: policy.warnings
      };
      return { review, policy, report };
    }
  };
}
async function localPolicy(input) {
  const inputs = input.policyInputs ?? {};
  if ((input.policyText ?? null) === null && Object.values(inputs).every((v) => v === void 0 || v.trim() === "")) {
    return { policy: defaultPolicy(), errors: [], warnings: [] };
  }
  const { loadPolicy } = await import("./load-FOX2UXUC.js");
  return loadPolicy(input.policyText ?? null, input.policySource ?? "defaults", inputs);
}

export {
  createReviewer
};
