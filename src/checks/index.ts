// Every repository-level check, in the order their findings are gathered. Adding a check = one module + one line.
import { asRepoCheck, CONTENT_CHECKS } from './content/index.js';
import { hubScanCheck } from './hub-scan.js';
import { identityCheck } from './identity/check.js';
import { namespaceCheck } from './namespace-check.js';
import { pinCheck } from './pin.js';
import { policyCheck } from './policy/check.js';
import { provenanceCheck } from './provenance/check.js';
import type { RepoCheck } from './types.js';

export const REPO_CHECKS: readonly RepoCheck[] = [
  pinCheck,
  identityCheck,
  hubScanCheck,
  namespaceCheck,
  provenanceCheck,
  ...CONTENT_CHECKS.map(asRepoCheck),
  policyCheck
];
