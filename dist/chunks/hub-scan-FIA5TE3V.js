import {
  compareText
} from "./chunk-5USQP7RK.js";
import "./chunk-CVJYKYK3.js";

// src/checks/hub-scan.ts
var LEVEL = { unsafe: "high", suspicious: "medium", caution: "medium" };
var hubScanCheck = {
  id: "hub.scan",
  needs: "hub",
  run({ resolved, tree, entry }) {
    const findings = [];
    const repoStatus = resolved.info.securityRepoStatus;
    for (const item of tree) {
      const status = item.securityFileStatus;
      if (!status) continue;
      const severity = LEVEL[status.status];
      if (!severity) continue;
      const imports = status.pickleImportScan?.pickleImports?.filter((i) => i.safety !== "innocuous").map((i) => `${i.module}.${i.name} (${i.safety})`).slice(0, 10);
      findings.push({
        check: "hub.scan.flagged",
        severity,
        file: item.path,
        message: `the Hub's scanners report this file as ${status.status}`,
        ...imports && imports.length > 0 ? { evidence: `pickle imports: ${imports.join(", ")}` } : {},
        help: "Read the scanner details on the Hub file page; Model Gate's own findings for this file say what it would execute."
      });
    }
    for (const f of repoStatus?.filesWithIssues ?? []) {
      if (findings.some((x) => x.file === f.path)) continue;
      const severity = LEVEL[f.level] ?? "medium";
      findings.push({
        check: "hub.scan.flagged",
        severity,
        file: f.path,
        message: `the Hub lists this file with issues (${f.level})`,
        help: "Read the scanner details on the Hub file page."
      });
    }
    if (!repoStatus || !repoStatus.scansDone) {
      const perFile = tree.some((i) => i.securityFileStatus) ? `; per file: ${scanStates(tree)}` : "";
      findings.push({
        check: "hub.scan.pending",
        severity: "info",
        message: `the Hub's scanners have not finished on ${entry.repo} at this commit`,
        evidence: `${repoStatus ? "securityRepoStatus.scansDone: false" : "no securityRepoStatus in model info"}${perFile}`,
        help: "Not scanned is not safe: Model Gate's own scan is the gate; the Hub's verdict is extra evidence when it exists."
      });
    }
    return findings;
  }
};
function scanStates(tree) {
  const counts = /* @__PURE__ */ new Map();
  for (const item of tree) {
    const s = item.securityFileStatus?.status ?? "without status";
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  if (counts.size === 0) return "no files";
  return [...counts].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0])).map(([s, n]) => `${n} ${s}`).join(", ");
}
export {
  hubScanCheck,
  scanStates
};
