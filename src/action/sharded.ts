// The sharded review's three modes, for models too large for one job (a GitHub Actions matrix):
// - plan: reads the change as review mode does, lists every new entry's tree (no file bytes), splits the files
//   into shards by bytes, writes plan.json and the `matrix` output;
// - shard: streams and scans the files the plan gives its `shard` input, writes partial-<shard>.json;
// - aggregate: reads plan.json and every partial (fails closed on anything missing or inconsistent), re-reads the
//   entries' metadata, judges, and ends exactly as review mode does (reports, one comment, signatures).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ActionInputs } from './inputs.js';
import { actionReviewer, publishReview, readChange, type ReviewDepsForAction } from './review.js';
import type { Runner } from './runner.js';
import { partialName } from '../review/shard-partial.js';
import { readPartials, readPlanFile } from '../review/shard-files.js';

const planPathOf = (inputs: ActionInputs): string => inputs.planPath || join(inputs.reportDir, 'plan.json');

const readPlan = (inputs: ActionInputs) => readPlanFile(planPathOf(inputs), "download the plan job's artifact there or set 'plan-path'");

const gib = (n: number): string => `${(n / 2 ** 30).toFixed(2)} GiB`;

export async function runPlan(runner: Runner, inputs: ActionInputs, deps: ReviewDepsForAction = {}): Promise<void> {
  const change = await readChange(runner, inputs, deps);
  const plan = await actionReviewer(runner, change, deps).planChange(change.input, inputs.shards);
  await mkdir(inputs.reportDir, { recursive: true });
  const path = join(inputs.reportDir, 'plan.json');
  await writeFile(path, JSON.stringify(plan));
  const loads = Array.from({ length: plan.shards }, (_, s) => plan.entries.flatMap((e) => e.files.filter((f) => f.shard === s)));
  const lines = loads.map((files, s) => `| ${s} | ${files.length} | ${gib(files.reduce((n, f) => n + f.size, 0))} |`);
  runner.info(`plan ${plan.planId}: ${plan.entries.length} entr${plan.entries.length === 1 ? 'y' : 'ies'} in ${plan.shards} shard(s)`);
  for (const l of lines) runner.info(l);
  await runner.writeSummary(`### Model Gate plan\n\n${plan.entries.length} entries, ${plan.shards} shard(s).\n\n| shard | files | bytes |\n| ---: | ---: | ---: |\n${lines.join('\n')}\n`);
  runner.setOutput('matrix', JSON.stringify({ shard: Array.from({ length: plan.shards }, (_, s) => s) }));
  runner.setOutput('shards', plan.shards);
  runner.setOutput('plan-path', path);
}

export async function runShardJob(runner: Runner, inputs: ActionInputs, deps: ReviewDepsForAction = {}): Promise<void> {
  if (inputs.shard === undefined) throw new Error("input 'shard' is empty; pass the matrix's shard index (shard: ${{ matrix.shard }})");
  const { plan, sha256 } = await readPlan(inputs);
  const change = await readChange(runner, inputs, deps);
  const partial = await actionReviewer(runner, change, deps).shardChange(change.input, plan, sha256, inputs.shard);
  await mkdir(inputs.reportDir, { recursive: true });
  const path = join(inputs.reportDir, partialName(inputs.shard));
  await writeFile(path, JSON.stringify(partial));
  const files = partial.entries.flatMap((e) => e.files);
  runner.info(`shard ${inputs.shard}: ${files.length} file(s), ${gib(files.reduce((n, f) => n + f.size, 0))}; ${files.filter((f) => !f.complete).length} not fully examined`);
  runner.setOutput('partial-path', path);
}

export async function runAggregate(runner: Runner, inputs: ActionInputs, deps: ReviewDepsForAction = {}): Promise<void> {
  const { plan, sha256 } = await readPlan(inputs);
  const partials = await readPartials(inputs.partialsDir || inputs.reportDir, plan.shards);
  const change = await readChange(runner, inputs, deps);
  const result = await actionReviewer(runner, change, deps).aggregateChange(change.input, plan, sha256, partials);
  await publishReview(runner, inputs, change, result, deps);
}
