// What the Hub derives from a repo's small text files: `cardData` (README.md YAML front matter) and `config`
// (selected keys of config.json / tokenizer_config.json). Parsing only — nothing is evaluated or rendered.
import { FAILSAFE_SCHEMA, load } from 'js-yaml';

/** Front matter of a model card as a plain object (all scalars strings), or undefined when absent/unparseable. */
export function cardDataOf(readme: string): Record<string, unknown> | undefined {
  const m = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(readme);
  if (!m) return undefined;
  try {
    const doc = load(m[1] ?? '', { schema: FAILSAFE_SCHEMA, maxAliases: 100, maxDepth: 50 });
    return typeof doc === 'object' && doc !== null && !Array.isArray(doc) ? (doc as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const CONFIG_KEYS = ['architectures', 'model_type', 'auto_map', 'quantization_config', 'task_specific_params', 'custom_pipelines'];
const TOKENIZER_KEYS = ['bos_token', 'eos_token', 'pad_token', 'unk_token', 'sep_token', 'cls_token', 'mask_token', 'chat_template', 'auto_map', 'tokenizer_class'];

function parseObject(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function pick(o: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => Object.hasOwn(o, k)).map((k) => [k, o[k]]));
}

/** The Hub's `config` summary, or undefined when config.json is absent or not a JSON object. */
export function configOf(configJson: string | undefined, tokenizerConfigJson: string | undefined): Record<string, unknown> | undefined {
  const config = parseObject(configJson);
  if (!config) return undefined;
  const out = pick(config, CONFIG_KEYS);
  const tok = parseObject(tokenizerConfigJson);
  if (tok) out['tokenizer_config'] = pick(tok, TOKENIZER_KEYS);
  return out;
}
