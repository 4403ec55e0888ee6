// The policy's `formats` and `require_safetensors`, judged by what each file IS (the formats the scanners found in
// its bytes), never by its name: a pickle named model.safetensors is a pickle and is blocked as one. Pure.
import type { Finding } from '../../core/findings.js';
import type { FileReport } from '../../core/review.js';
import { formatMembers, TEXT_LIKE_FORMATS, type PolicyRules } from '../../config/policy/rules.js';

/** Containers and compressions: judged through the format found inside them when there is one. */
const CONTAINERS: ReadonlySet<string> = new Set(['zip', 'tar', '7z', 'gzip', 'bz2', 'xz', 'lzma', 'zlib', 'lz4', 'zstd']);

const covers = (names: readonly string[], format: string): boolean => names.some((n) => formatMembers(n).includes(format));

export function formatFindings(files: readonly FileReport[], rules: PolicyRules): Finding[] {
  const out: Finding[] = [];
  const blocked = rules.formats?.blocked ?? [];
  const allowed = rules.formats?.allowed;
  for (const f of files) {
    const evidence = `${f.path}: ${f.formats.join(', ') || 'no format recognised'}`;
    const hit = blocked.filter((name) => f.formats.some((fmt) => formatMembers(name).includes(fmt)));
    if (hit.length > 0) {
      out.push({
        check: 'policy.format.blocked', severity: 'high', file: f.path, evidence,
        message: `${f.path} is ${hit.join(' / ')} by content, a format the policy blocks`,
        help: 'Ask for the weights in an allowed format (safetensors), limit the entry\'s `files:` to them, or record a policy exception naming policy.format.blocked.'
      });
      continue;
    }
    if (allowed === undefined) continue;
    const judged = f.formats.filter((fmt) => !TEXT_LIKE_FORMATS.has(fmt));
    const inner = judged.filter((fmt) => !CONTAINERS.has(fmt));
    // A torch checkpoint is `zip` + `pytorch-zip`: the container is judged by what it holds.
    const needed = inner.length > 0 ? inner : judged;
    const refused = needed.filter((fmt) => !covers(allowed, fmt));
    if (refused.length > 0) {
      out.push({
        check: 'policy.format.not-allowed', severity: 'high', file: f.path, evidence,
        message: `${f.path} is ${refused.join(' / ')} by content, not one of the formats the policy allows (${allowed.join(', ') || 'none'})`,
        help: 'Ask for the weights in an allowed format, limit the entry\'s `files:` to allowed files, or record a policy exception naming policy.format.not-allowed.'
      });
    }
  }
  return out;
}

export function safetensorsFindings(files: readonly FileReport[], rules: PolicyRules): Finding[] {
  if (rules.requireSafetensors !== true) return [];
  if (files.some((f) => f.complete && f.formats.includes('safetensors'))) return [];
  const weights = files.filter((f) => f.formats.some((fmt) => !TEXT_LIKE_FORMATS.has(fmt)));
  return [{
    check: 'policy.safetensors-missing', severity: 'high',
    message: 'the policy requires safetensors weights, and no reviewed file is safetensors by content',
    evidence: weights.length > 0 ? truncateList(weights.map((f) => `${f.path}: ${f.formats.join(', ')}`)) : 'no weight files among the reviewed files',
    help: 'Some community models exist only as pickled .bin files: ask the publisher for a safetensors conversion, use a converted copy from a publisher you trust, or record a policy exception naming policy.safetensors-missing.'
  }];
}

function truncateList(items: string[], max = 5): string {
  return items.length > max ? `${items.slice(0, max).join('; ')}; and ${items.length - max} more` : items.join('; ');
}
