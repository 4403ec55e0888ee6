// model-gate CLI entry. The compile cache is turned on before the CLI's chunks load (a static import would load
// them first), then the CLI runs (src/cli/main.ts). The heap policy is set per command (src/cli/run.ts).
import { enableCliCompileCache } from './cli/compile-cache.js';

enableCliCompileCache();
await import('./cli/main.js');
