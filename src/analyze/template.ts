// Chat templates (GGUF `tokenizer.chat_template`, tokenizer_config.json `chat_template`) are Jinja programs some
// loaders render unsandboxed. Benign templates index messages and call a few helpers; walking Python object
// attributes (`__class__`, `__globals__`, …) is how template injection reaches `os.popen` (threats.md §4).
import { finding, truncate } from '../core/findings.js';
import type { Finding } from '../core/findings.js';

const CRITICAL: readonly [RegExp, string][] = [
  [/__(class|mro|subclasses|globals|builtins|import|base|bases|init|dict|getattribute|reduce|reduce_ex|code|func|self|loader|spec)__/, 'walks Python object internals'],
  [/\bpopen\b|\bsubprocess\b|\bos\.system\b|\bos\.(exec|spawn)\w*/, 'names process execution'],
  [/_TemplateReference__context|\bcycler\b\s*\.|\bjoiner\b\s*\.|\blipsum\b\s*\.|\burl_for\b|\bget_flashed_messages\b|\brequest\.application\b/, 'reaches interpreter objects through Jinja globals'],
  [/\b(eval|exec|compile|__import__|getattr|setattr|open)\s*\(/, 'calls a Python builtin'],
  [/\\x5f|\\u005f|\\137|\\N\{LOW LINE\}/i, 'spells underscores as escapes to hide attribute names']
];
const HIGH: readonly [RegExp, string][] = [
  [/\|\s*attr\s*\(/, 'uses the attr filter to reach attributes by computed name'],
  [/\[\s*['"]_[^'"\]]*['"]\s*\]/, 'indexes a private attribute by name'],
  [/\.\s*_\w+/, 'reads a private attribute'],
  [/\|\s*(format|join)\b[^}]*['"]%c|\bchr\b|\|\s*reverse\b[^}]*['"]\w*_/, 'builds names character by character']
];

/** Findings for one chat template; `where` names it (key and file) for the message. */
export function checkChatTemplate(template: string, path: string, where: string, offset?: number): Finding[] {
  const out: Finding[] = [];
  // Only Jinja code matters: text outside {{ }} / {% %} is emitted verbatim, never evaluated.
  const code: string[] = [];
  const re = /\{\{([\s\S]*?)\}\}|\{%([\s\S]*?)%\}/g;
  for (let m = re.exec(template); m; m = re.exec(template)) code.push(m[1] ?? m[2] ?? '');
  const joined = code.join('\n');
  const extra = offset !== undefined ? { offset } : {};
  // One finding per template, naming every reason, so a report reads one line per problem.
  for (const [list, severity, check] of [[CRITICAL, 'critical', 'template.injection'], [HIGH, 'high', 'template.suspicious']] as const) {
    const hits = list.map(([pattern, why]) => ({ m: pattern.exec(joined), why })).filter((h) => h.m !== null);
    const first = hits[0]?.m;
    if (!first) continue;
    out.push(finding(check, severity, `Chat template in ${where} ${hits.map((h) => `${h.why} (\`${(h.m as RegExpExecArray)[0]}\`)`).join('; ')}${
      severity === 'critical' ? ': template injection runs code when the model is loaded' : ''}`, {
      file: path, evidence: truncate(context(joined, first.index), 200), ...extra,
      help: severity === 'critical' ? 'Legitimate chat templates only format messages. Do not approve; remove the template or the model.'
        : 'Read the template: it should only loop over messages and add role markers.'
    }));
    break;
  }
  return out;
}

function context(s: string, at: number): string {
  return s.slice(Math.max(0, at - 60), at + 100);
}
