// The global policy: tiers of `module.name` imports (pickles, configs) and their severities.
export { classifyGlobal, describeGlobal, tierSeverity, type GlobalTier, type GlobalVerdict } from './classify.js';
export {
  SAFE_GLOBALS, REVIEW_GLOBALS, REVIEW_CLASS_MODULES, DANGER, DANGER_HELP, DANGER_NAMES, DANGER_NAME_PREFIXES, WEIGHTS_ONLY_GLOBALS, WEIGHTS_ONLY_BLOCKED_MODULES,
  TORCH_STORAGE_ELEMENT_SIZE, type DangerCategory
} from './lists.js';
