// Every repository-level check, in the order their findings are gathered. Adding a check = one module + one line.
// The checks that need the Hub are loaded when they first run: a scan of local files skips them, and their code
// (the namespace rules and data, provenance, identity) is a good part of what a scan would otherwise load first.
import { asRepoCheck, CONTENT_CHECKS } from './content/index.js';
import { pinCheck } from './pin.js';
import { policyCheck } from './policy/check.js';
import type { HubCheck, RepoCheck } from './types.js';

/** A Hub check whose module is imported on its first run; `id` must be the module's own (a test holds them equal). */
function lazyHubCheck(id: string, load: () => Promise<HubCheck>): HubCheck {
  let loaded: Promise<HubCheck> | undefined;
  return {
    id,
    needs: 'hub',
    async run(ctx) {
      return (await (loaded ??= load())).run(ctx);
    }
  };
}

export const REPO_CHECKS: readonly RepoCheck[] = [
  pinCheck,
  lazyHubCheck('identity', async () => (await import('./identity/check.js')).identityCheck),
  lazyHubCheck('hub.scan', async () => (await import('./hub-scan.js')).hubScanCheck),
  lazyHubCheck('namespace', async () => (await import('./namespace-check.js')).namespaceCheck),
  lazyHubCheck('provenance', async () => (await import('./provenance/check.js')).provenanceCheck),
  ...CONTENT_CHECKS.map(asRepoCheck),
  policyCheck
];
