
// src/core/steady-heap.ts
var STEADY_HEAP_FLAGS = ["--semi-space-growth-factor=1", "--heap-growing-percent=25"];
var applied = false;
function steadyHeap() {
  if (applied) return false;
  const v8 = process.getBuiltinModule("node:v8");
  for (const flag of STEADY_HEAP_FLAGS) v8.setFlagsFromString(flag);
  applied = true;
  return true;
}
var START_FLAGS = ["--no-concurrent-recompilation"];
var RESTARTED = "MODEL_GATE_RESTARTED";
function restartWithStartFlags() {
  if (process.env[RESTARTED] === "1" || START_FLAGS.every((f) => process.execArgv.includes(f))) return;
  if (process.platform !== "linux" || typeof process.execve !== "function") return;
  try {
    process.execve(process.execPath, [process.execPath, ...START_FLAGS, ...process.execArgv, ...process.argv.slice(1)], { ...process.env, [RESTARTED]: "1" });
  } catch {
  }
}

export {
  steadyHeap,
  restartWithStartFlags
};
