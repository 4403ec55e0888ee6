// Runs the bundled action (dist/index.js) as a separate process, the way a runner starts a job: an event payload
// file, INPUT_* and GITHUB_* variables, the GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files.
import { spawn } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

const ACTION = resolve('dist/index.js');

export interface ActionRun {
  code: number | null;
  stdout: string;
  outputs: Record<string, string>;
  summary: string;
  work: string;
}

/** Parses the GITHUB_OUTPUT file format (`name<<delimiter\nvalue\ndelimiter`). */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^(.+?)<<(.+)\n([\s\S]*?)\n\2$/gm;
  for (const m of text.matchAll(re)) out[m[1]!] = m[3]!;
  return out;
}

export interface ActionJob {
  /** A fresh folder for this job (its workspace, event file, outputs). */
  work: string;
  eventName: string;
  payload: unknown;
  env: Record<string, string>;
}

export async function runActionJob(job: ActionJob): Promise<ActionRun> {
  const { work } = job;
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  const eventPath = join(work, 'event.json');
  const outputPath = join(work, 'output');
  const summaryPath = join(work, 'summary.md');
  await writeFile(outputPath, '');
  await writeFile(summaryPath, '');
  await writeFile(eventPath, JSON.stringify(job.payload));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? work,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: job.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_WORKSPACE: work,
    ...job.env
  };
  const child = spawn(process.execPath, [ACTION], { env, cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stdout += d.toString()));
  const code = await new Promise<number | null>((res) => child.on('close', res));
  return { code, stdout, outputs: parseOutputs(await readFile(outputPath, 'utf8')), summary: await readFile(summaryPath, 'utf8'), work };
}

interface Side {
  sha: string;
  ref: string;
  repo: { full_name: string };
}

export interface PullRequestPayload {
  action: string;
  number: number;
  pull_request: { number: number; html_url: string; base: Side; head: Side };
}

/** A `pull_request` event's payload for PR #7 of acme/models, from `base` to `head`. */
export function pullRequestPayload(base: string, head: string): PullRequestPayload {
  return {
    action: 'synchronize',
    number: 7,
    pull_request: {
      number: 7,
      html_url: 'https://github.com/acme/models/pull/7',
      base: { sha: base, ref: 'main', repo: { full_name: 'acme/models' } },
      head: { sha: head, ref: 'add-models', repo: { full_name: 'acme/models' } }
    }
  };
}
