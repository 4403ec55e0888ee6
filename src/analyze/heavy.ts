// The analyzers that are large to load — the Python grammar and program analysis, the shell model, the package
// registries' lists behind the typosquat rules — in one module the content checks import on first need
// (src/checks/content/analyzers.ts). A scan of weights alone never loads them.
export { analyzePython, analyzePythonProgram } from './python/analyze.js';
export { relativeImports } from './python/imports.js';
export { analyzeShell, isInterpreter, newShellState, pipInstallArgs } from './shell/analyze.js';
export { analyzeRequirements, githubOrgOf, judgeSpecifier } from './requirements.js';
export { analyzeNotebook, notebookMarkdown } from './notebook.js';
