// Which extra pickle globals a user may allow (`allow_globals`, `--allow`): the policy schema and the CLI's flag ask
// the same question, and a scan with no policy file answers it without loading the schema library.
import { printable } from '../../core/ids.js';
import { describeGlobal } from '../security/globals/index.js';

export const GLOBAL_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$/;

/**
 * null when `g` may be allowed as an extra pickle global, else why not. The pickle scanner's own classifier decides:
 * whatever it would still call dangerous (under any split of `g` into module and name) is refused with its reason,
 * so an allowed global is never one the scanner goes on to ignore the policy about.
 */
export function checkGlobal(g: string): string | null {
  if (!GLOBAL_NAME.test(g)) return `'${printable(g)}' is not \`module.name\` (dotted Python identifiers, no wildcards)`;
  // However a pickle splits the name into module and attribute path, the classifier looks for danger entries from
  // every component after the module: the split after the first component looks from all of them, so it is
  // dangerous whenever any split is. One call, linear in the number of components.
  const dot = g.indexOf('.');
  const verdict = describeGlobal(g.slice(0, dot), g.slice(dot + 1));
  if (verdict.tier === 'dangerous') {
    const what = verdict.category === 'dunder' ? verdict.reason : `${verdict.category}: ${verdict.reason}`;
    return `'${g}' can never be allowed: the pickle scanner treats it as dangerous (${what})`;
  }
  return null;
}
