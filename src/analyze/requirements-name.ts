// Which files are Python dependency lists, by name alone: the content checks choose what to read with it before any
// analyzer is loaded (src/checks/content/analyzers.ts).
import { basename } from './util.js';

export function isRequirementsFile(path: string): boolean {
  const b = basename(path).toLowerCase();
  return /^(requirements|constraints|dev-requirements)[\w.-]*\.(txt|in)$/.test(b) || (b.endsWith('.txt') && b.slice(0, -4).includes('requirements')) ||
    /^environment\.ya?ml$/.test(b) || b === 'pyproject.toml' || b === 'pipfile' || b === 'setup.cfg';
}
