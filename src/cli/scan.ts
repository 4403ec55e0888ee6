// `model-gate scan PATH... [--format text|json|sarif|markdown] [--allow module.name]... [--policy FILE]`: files and
// folders on disk, reviewed as one repository by the same reviewer, scanners, file-level checks and renderers as a
// pull request review (the checks that need the Hub say they were skipped).
// Exit codes as every command (src/cli/conventions.ts): 0 nothing found; 1 findings; 2 bad usage; 3 something could
// not be fully examined.
import { resolve } from 'node:path';
import { createReviewer } from '../review/reviewer.js';
import { steadyHeap } from '../core/steady-heap.js';
import { EXIT } from './conventions.js';
import { type CliIO, type Command, UsageError } from './io.js';

export const USAGE = 'usage: model-gate scan PATH... [--format text|json|sarif|markdown] [--allow MODULE.NAME]... [--policy FILE]';
const FORMATS = ['text', 'json', 'sarif', 'markdown'];

function isFile(path: string): boolean {
  try {
    return process.getBuiltinModule('node:fs').statSync(path, { throwIfNoEntry: false })?.isFile() === true;
  } catch {
    return false;
  }
}

/**
 * The kinds of work one scan did: its output format, the formats of the files it read and the checks that found
 * something. The scan script (cli/scan-main.ts) keeps its compiled code for the union of what runs have done.
 */
export interface ScanTrace {
  output: string;
  formats: string[];
  checks: string[];
}

export const scan: Command = (args, io) => runScan(args, io);

/** `model-gate scan ARGS`; `trace` is told what the run did once it has rendered its report. */
export async function runScan(args: string[], io: CliIO, trace?: (t: ScanTrace) => void): Promise<number> {
  let format = 'text';
  let policyPath: string | undefined;
  const paths: string[] = [];
  const allow: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const value = (): string => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (v === undefined) throw new UsageError(`${a.split('=')[0]} needs a value\n${USAGE}`);
      return v;
    };
    if (a === '--help' || a === '-h') {
      io.stdout(`${USAGE}\n`);
      return 0;
    } else if (a === '--format' || a.startsWith('--format=')) format = value();
    else if (a === '--allow' || a.startsWith('--allow=')) allow.push(value());
    else if (a === '--policy' || a.startsWith('--policy=')) policyPath = value();
    else if (a === '--') {
      paths.push(...args.slice(i + 1));
      break;
    }
    else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}\n${USAGE}`);
    else paths.push(a);
  }
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be text, json, sarif or markdown\n${USAGE}`);
  if (paths.length === 0) throw new UsageError(`no PATH given\n${USAGE}`);
  let policyText: string | null = null;
  if (policyPath !== undefined) {
    // The policy reader, YAML and schema libraries load only for a policy file.
    const [{ readConfigFile }, { MAX_POLICY_BYTES }] = await Promise.all([import('./config-file.js'), import('../config/policy/load.js')]);
    policyText = await readConfigFile(policyPath, '--policy', MAX_POLICY_BYTES);
    if (policyText === null) throw new UsageError(`cannot read --policy ${policyPath}: ENOENT`);
  }
  // The heap policy is for many files; one file (a checkpoint) is read in a few buffers and would only pay for
  // loading node:v8 at start. A path that cannot be looked at here is the reader's to report, not this line's.
  if (paths.length !== 1 || !isFile(resolve(io.cwd, paths[0]!))) steadyHeap();
  const { review, report } = await createReviewer().reviewLocal({
    paths, cwd: io.cwd, allow, policyText, ...(policyPath !== undefined ? { policySource: policyPath } : {})
  });
  const color = format === 'text' && io.env.NO_COLOR === undefined && io.env.FORCE_COLOR !== undefined;
  // Each format's renderer is loaded only when asked for: a scan's run time is mostly start-up (bench/scan-local.ts).
  const out =
    format === 'json' ? (await import('../report/json.js')).renderJsonReport(report, new Date())
      : format === 'sarif' ? (await import('../report/sarif.js')).renderSarif(report)
        : format === 'markdown' ? (await import('../report/summary.js')).renderSummary(report)
          : (await import('../report/text.js')).renderText(report, { color });
  io.stdout(out);
  trace?.({ output: format, formats: review.files.flatMap((f) => f.formats), checks: review.findings.map((f) => f.check) });
  // A PATH on the command line that cannot be read is the user's input error; anything inside that cannot be is not.
  const named = new Set(paths.map((p) => p.replace(/\/+$/, '')));
  if (review.findings.some((f) => f.check === 'scan.path-error' && f.file !== undefined && named.has(f.file))) return EXIT.usage;
  if (!review.complete || (report.errors?.length ?? 0) > 0) return EXIT.incomplete;
  return review.findings.some((f) => f.severity !== 'info') ? EXIT.findings : EXIT.ok;
}
