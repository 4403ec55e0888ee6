// `model-gate scan PATH... [--format text|json|sarif] [--allow module.name]...`: offline scan of files/folders.
// Exit 0: nothing found; 1: findings; 2: something could not be examined (or bad usage).
import { type CliIO, type Command, UsageError } from './io.js';
import { renderJson, renderSarif, renderText } from './scan-output.js';
import { scanPaths } from '../scan/scan-paths.js';
import { contentScanHooks } from '../checks/content/index.js';

const USAGE = 'usage: model-gate scan PATH... [--format text|json|sarif] [--allow MODULE.NAME]...';

export const scan: Command = async (args: string[], io: CliIO): Promise<number> => {
  let format = 'text';
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
    else if (a === '--') {
      paths.push(...args.slice(i + 1));
      break;
    }
    else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}\n${USAGE}`);
    else paths.push(a);
  }
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be text, json or sarif\n${USAGE}`);
  if (paths.length === 0) throw new UsageError(`no PATH given\n${USAGE}`);
  // Code, instructions, remote-code and layout checks need no Hub: they run offline over the same single read.
  const report = await scanPaths(paths, { cwd: io.cwd, ...(allow.length ? { allow } : {}), ...contentScanHooks() });
  const color = format === 'text' && io.env.NO_COLOR === undefined && io.env.FORCE_COLOR !== undefined;
  io.stdout(format === 'json' ? renderJson(report) : format === 'sarif' ? renderSarif(report) : renderText(report, color));
  if (!report.complete) return 2;
  const found = [...report.findings, ...report.files.flatMap((f) => f.findings)].some((f) => f.severity !== 'info');
  return found ? 1 : 0;
};
