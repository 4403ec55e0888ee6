// Cost of checkName per model id: ordinary, lookalike and hostile (97-char, non-ASCII) names, each checked against
// the ~67 built-in protected publishers with no Hub. Median of 5 runs of 500 checks per kind.
// Run: ./run bench namespace; writes bench/results/namespace.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { checkName } from '../src/checks/namespace/check.js';

const kinds: Record<string, string[]> = {
  'trusted / legitimate': ['meta-llama/Llama-3.1-8B-Instruct', 'TheBloke/Llama-2-7B-GGUF', 'qwen/Qwen2.5-7B-Instruct'],
  'unknown user, own repo': ['someuser/my-finetune-v2', 'Open-OSS/some-model', 'cardiffnlp/twitter-roberta-base'],
  lookalike: ['meta_llama/Llama-3.1-8B', 'gooogle-official/x', 'labs-black-forest/x', 'Open-OSS/privacy-filter'],
  hostile: [`${'a-'.repeat(47)}a/${'b'.repeat(96)}`, `m\u0435ta\u200b-llama-\u043efficial/x`, `${'\u0430'.repeat(96)}/x`]
};

const rows: string[] = [];
for (const [kind, ids] of Object.entries(kinds)) {
  const times: number[] = [];
  for (let run = 0; run < 5; run++) {
    const t = performance.now();
    for (let i = 0; i < 500; i++) await checkName(ids[i % ids.length]!);
    times.push((performance.now() - t) / 500);
  }
  times.sort((a, b) => a - b);
  rows.push(`| ${kind} | ${times[2]!.toFixed(2)} | ${times[0]!.toFixed(2)} | ${times[4]!.toFixed(2)} |`);
}

const out = [
  '# namespace: checkName cost per model id',
  '',
  `Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores, shared). ms per check, 500 checks per run, 5 runs.`,
  '',
  '| kind | median ms | min ms | max ms |',
  '| --- | --- | --- | --- |',
  ...rows,
  ''
].join('\n');
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/namespace.md', out);
process.stdout.write(out);
