// The content checks reach the heavy analyzers (src/analyze/heavy.ts) only through `analyzers()`, so a repository
// with nothing for them to analyze — a checkpoint scanned on its own — never loads the Python grammar or the package
// lists. A check run before they are loaded throws AnalyzersNotLoaded at its first call into them; the caller
// (asRepoCheck) then loads them and runs the check again from the start. A check that finished without
// throwing called no analyzer, so its findings are the same as with them loaded.
import type * as Heavy from '../../analyze/heavy.js';

export class AnalyzersNotLoaded extends Error {
  constructor() {
    super('the content analyzers are not loaded: await loadAnalyzers() first');
  }
}

let loaded: typeof Heavy | undefined;

export function analyzers(): typeof Heavy {
  if (!loaded) throw new AnalyzersNotLoaded();
  return loaded;
}

export async function loadAnalyzers(): Promise<void> {
  loaded ??= await import('../../analyze/heavy.js');
}

export function analyzersLoaded(): boolean {
  return loaded !== undefined;
}
