// Syntax rules for what a store may contain: repo ids and account names, as booleans for the builder (to refuse a
// bad spec), the loader (to refuse a bad store folder) and the server. The rules are the Hub's, from src/ids.ts, so
// the registry and the client agree on every id; file paths follow src/paths.ts.
import { checkNamespace, checkRepoId } from '../core/ids.js';

/** A Hub user or organisation name. */
export function isValidName(name: string): boolean {
  return checkNamespace(name) === null;
}

/** `namespace/name` with both parts valid. */
export function isValidRepoId(id: string): boolean {
  return checkRepoId(id) === null;
}
