// The content checks reach the heavy analyzers (src/analyze/heavy.ts) only through `analyzers()`, so a repository
// with nothing for them to analyze — a checkpoint scanned on its own — never loads the Python grammar or the package
// lists. A check run before they are loaded throws AnalyzersNotLoaded at its first call into them, and the call is
// recorded even if some catch swallowed the throw; the caller (asRepoCheck) then loads them and runs the check again
// from the start. A check run that asked for no analyzer has the findings it would have with them loaded.
import type * as Heavy from '../../analyze/heavy.js';

export class AnalyzersNotLoaded extends Error {
  constructor() {
    super('the content analyzers are not loaded: await loadAnalyzers() first');
  }
}

let loaded: typeof Heavy | undefined;
let asked = false;

export function analyzers(): typeof Heavy {
  if (!loaded) {
    asked = true;
    throw new AnalyzersNotLoaded();
  }
  return loaded;
}

/** Runs `f` (synchronous) and says whether it asked for the analyzers before they were loaded. */
export function runRecordingAsks<T>(f: () => T): { value?: T; error?: unknown; asked: boolean } {
  asked = false;
  try {
    const value = f();
    return { value, asked };
  } catch (error) {
    return { error, asked };
  } finally {
    asked = false;
  }
}

export async function loadAnalyzers(): Promise<void> {
  loaded ??= await import('../../analyze/heavy.js');
}

export function analyzersLoaded(): boolean {
  return loaded !== undefined;
}
