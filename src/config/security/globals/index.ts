// The global policy: tiers of `module.name` imports (pickles, configs) and their severities.
export { classifyGlobal, describeGlobal, partialVerdict, tierSeverity, type GlobalContext, type GlobalTier, type GlobalVerdict } from './classify.js';
export {
  SAFE_GLOBALS, REVIEW_GLOBALS, REVIEW_CLASS_MODULES, SAFE_GLOBAL_SOURCES, REVIEW_GLOBAL_SOURCES, REVIEW_CLASS_FAMILIES, TORCHSCRIPT_BUILDERS, TORCH_2_6_WEIGHTS_ONLY_GLOBALS, TORCH_1_13_WEIGHTS_ONLY_GLOBALS, TORCH_2_6_WEIGHTS_ONLY_OPCODES, TORCH_1_13_WEIGHTS_ONLY_OPCODES, DANGER, DANGER_HELP, DANGER_NAMES, DANGER_NAME_PREFIXES, WEIGHTS_ONLY_GLOBALS, WEIGHTS_ONLY_BLOCKED_MODULES,
  TORCH_STORAGE_ELEMENT_SIZE, type DangerCategory, type GlobalSource, type ClassFamily
} from './lists.js';
