// Relative imports of a Python module (`from .configuration_x import XConfig`, `from . import utils`): the files a
// remote-code module pulls in along with itself.
import { parser } from '@lezer/python';

/** Module paths (dots for the relative level) imported relatively anywhere in `src`. */
export function relativeImports(src: string): string[] {
  const out: string[] = [];
  parser.parse(src).iterate({
    enter: (n) => {
      if (n.name !== 'ImportStatement') return;
      // Identifiers are NFKC-normalised, as Python's tokenizer does (`from .ｕｔｉｌｓ import x` imports utils).
      const text = src.slice(n.from, n.to).replace(/\s+/g, ' ').normalize('NFKC');
      const m = /^from (\.+)(\w[\w.]*)? import \(?\s*([^)]*)/.exec(text); // module starts with a word character: dots counted once
      if (!m) return false;
      const dots = m[1] as string;
      const mod = m[2] as string;
      if (mod) out.push(dots + mod);
      else for (const name of (m[3] as string).split(',').map((x) => x.trim().split(/\s+/)[0]).filter(Boolean)) out.push(dots + (name as string));
      return false;
    }
  });
  return out;
}
