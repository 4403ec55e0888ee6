// Single source for the tool version shown in reports and recorded in attestations.
export const TOOL_NAME = 'model-gate';
export const TOOL_VERSION = '0.1.0';
