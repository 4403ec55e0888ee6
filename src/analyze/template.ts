// Chat templates are Jinja programs the loader renders with the model's own configuration: transformers renders
// them in Jinja's ImmutableSandboxedEnvironment (chat_template_utils.py), llama-cpp-python rendered GGUF templates
// in an unsandboxed Environment before 0.2.72 (CVE-2024-34359), transformers.js uses @huggingface/jinja. Walking
// Python object attributes (`__class__`, `__globals__` …) is how template injection reaches `os.popen`; the sandbox
// stops the plain walks, and its escapes went through str.format. The template is parsed into a syntax tree and
// judged there (jinja/judge.ts); a template that cannot be parsed is not examined and fails closed.
import { finding, truncate } from '../core/findings.js';
import type { Finding } from '../core/findings.js';
import type { Hit, HitSeverity } from './jinja/hit.js';
import { judgeTemplate } from './jinja/judge.js';

export interface ChatTemplateContext {
  /** Repository path of the file that holds the template. */
  path: string;
  /** Where in that file, for messages: `chat_template`, `GGUF key tokenizer.chat_template` … */
  where: string;
  /** Byte offset of the template in the file, when known. */
  offset?: number;
  /** GGUF metadata (rendered unsandboxed by llama-cpp-python < 0.2.72) or a transformers configuration/file. */
  source: 'gguf' | 'transformers';
  /** Special-token values the loader passes to the template, when the configuration states them. */
  specialTokens?: Readonly<Record<string, string>>;
}

export interface ChatTemplateResult {
  findings: Finding[];
  /** False when the template could not be examined (a blocking finding says why). */
  complete: boolean;
  stats: { nodes: number; work: number };
}

const CHECK: Record<HitSeverity, string> = { critical: 'template.injection', high: 'template.suspicious', medium: 'template.unusual' };

const LOADERS: Record<ChatTemplateContext['source'], string> = {
  gguf: 'llama-cpp-python before 0.2.72 rendered GGUF chat templates without a sandbox (CVE-2024-34359), so this runs code on load there; sandboxed loaders are what these constructs are written to escape',
  transformers: 'transformers renders chat templates in Jinja\'s sandbox, which these constructs are written to escape (its str.format escapes were closed only in Jinja 3.1.5 and 3.1.6)'
};

/** Findings for one chat template. */
export function analyzeChatTemplate(template: string, ctx: ChatTemplateContext): ChatTemplateResult {
  const j = judgeTemplate(template, ctx.specialTokens ? { specialTokens: ctx.specialTokens } : {});
  const extra = { file: ctx.path, ...(ctx.offset !== undefined ? { offset: ctx.offset } : {}) };
  const findings: Finding[] = [];
  // One finding for the most severe kind of hit, naming every reason of that kind: one line per problem.
  const worst = (['critical', 'high', 'medium'] as const).find((s) => j.hits.some((h) => h.severity === s));
  if (worst) {
    const hits = j.hits.filter((h) => h.severity === worst);
    findings.push(finding(CHECK[worst], worst, `Chat template in ${ctx.where} ${reasons(hits)}${
      worst === 'critical' ? ': template injection runs code when the model is loaded' : ''}`, {
      ...extra,
      evidence: truncate([...new Set(hits.map((h) => h.evidence))].join(' · '), 200),
      help: worst === 'critical' ? `Legitimate chat templates only format messages. ${LOADERS[ctx.source]}. Do not approve; remove the template or the model.`
        : worst === 'high' ? 'Read the template: it should only loop over messages and add role markers; nothing in it should compute attribute names.'
          : 'Read the template: chat templates do not need this; approve only if you understand why it is there.'
    }));
  }
  if (j.incomplete !== undefined) {
    findings.push(finding('template.unparsed', 'high', `Chat template in ${ctx.where} was not examined: ${j.incomplete}`, {
      ...extra,
      evidence: truncate(template.slice(0, 200), 200),
      help: 'Model Gate judges chat templates on the syntax tree of @huggingface/jinja (the parser transformers.js renders with). If transformers\' apply_chat_template also fails on this template, it is broken: remove or fix it. Otherwise have it reviewed by hand before approving.'
    }));
  }
  return { findings, complete: j.incomplete === undefined, stats: j.stats };
}

/** Each kind of problem once, with the names that show it: “walks Python object internals (attribute `__class__`, item `__mro__`)”. */
function reasons(hits: Hit[]): string {
  const byWhy = new Map<string, string[]>();
  for (const h of hits) {
    const d = byWhy.get(h.why) ?? [];
    if (h.detail !== undefined && !d.includes(h.detail)) d.push(h.detail);
    byWhy.set(h.why, d);
  }
  const parts = [...byWhy].map(([why, d]) => (d.length === 0 ? why : `${why} (${d.length > 4 ? `${d.slice(0, 4).join(', ')} and ${d.length - 4} more` : d.join(', ')})`));
  return parts.length > 5 ? `${parts.slice(0, 5).join('; ')}; and ${parts.length - 5} more` : parts.join('; ');
}

/** Findings for one chat template (see analyzeChatTemplate for completeness). */
export function checkChatTemplate(template: string, path: string, where: string, offset?: number): Finding[] {
  return analyzeChatTemplate(template, { path, where, source: 'transformers', ...(offset !== undefined ? { offset } : {}) }).findings;
}
