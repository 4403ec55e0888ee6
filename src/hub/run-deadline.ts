// The run's deadline: one wall-clock bound over every request, retry wait and file of a review, fetch or audit
// (HubHttp.runDeadline). Per-request and per-file deadlines stop one slow answer; this stops their sum, so a Hub
// that is slow everywhere ends the run with findings while the job still has time to post them.
import type { Deadline } from './http.js';

/** GitHub-hosted jobs are cancelled after 360 minutes; 300 leaves time to report. */
export const DEFAULT_RUN_DEADLINE_MINUTES = 300;

/** A deadline `minutes` from `now`; `source` names the setting, for the message ("the run's 300-minute deadline (review-deadline)"). */
export function runDeadline(minutes: number, source: string, now = Date.now()): Deadline {
  return { at: now + minutes * 60_000, why: `the run's ${minutes}-minute deadline (${source})` };
}

/** Whole minutes from 1 to 1440, or undefined with the reason. */
export function deadlineMinutes(v: string): number | undefined {
  return /^\d{1,4}$/.test(v) && Number(v) >= 1 && Number(v) <= 1440 ? Number(v) : undefined;
}
