// The module graph's rules (DESIGN.md, Layout), checked by `./run check`. Each top-level folder of src/ may import
// only the folders listed for it; the allowed graph has no cycle, so neither can the code. Type-only imports count.
const LAYERS = {
  core: [],
  config: ['core'],
  analyze: ['core', 'config'],
  scan: ['core', 'config', 'analyze'],
  hub: ['core'],
  checks: ['core', 'config', 'analyze', 'scan', 'hub'],
  review: ['core', 'config', 'analyze', 'scan', 'hub', 'checks'],
  report: ['core'],
  sign: ['core', 'config', 'hub', 'review'],
  registry: ['core', 'hub'],
  // The approved-model gateway: the allowlist, signatures and the registry's HTTP helpers over the Hub client.
  gateway: ['core', 'config', 'hub', 'checks', 'sign', 'registry'],
  // The scheduled audit: the review's identity rules and the signed records, over the Hub as it is now.
  audit: ['core', 'config', 'hub', 'checks', 'review', 'sign'],
  action: ['core', 'config', 'analyze', 'scan', 'hub', 'checks', 'review', 'report', 'sign', 'audit'],
  cli: ['core', 'config', 'analyze', 'scan', 'hub', 'checks', 'review', 'report', 'sign', 'registry', 'audit', 'gateway']
};
const FOLDERS = Object.keys(LAYERS);

// Modules that reach the network, the disk, processes or threads: the pure analyzers must not.
const IO = ['fs', 'fs/promises', 'net', 'http', 'https', 'http2', 'tls', 'dgram', 'dns', 'child_process', 'worker_threads', 'cluster', 'undici']
  .map((m) => `^(node:)?${m.replace('/', '\\/')}$`);

module.exports = {
  forbidden: [
    ...FOLDERS.map((from) => ({
      name: `layer-${from}`,
      severity: 'error',
      comment: `src/${from} may import only: ${LAYERS[from].join(', ') || 'nothing of the project'} (DESIGN.md, Layout)`,
      from: { path: `^src/${from}/` },
      to: { path: `^src/(?!(${[from, ...LAYERS[from]].join('|')})/)[^/]+/` }
    })),
    {
      name: 'root-entries-are-thin',
      severity: 'error',
      comment: 'src/main.ts and src/cli.ts only hand over to action/ and cli/ (and name the version)',
      from: { path: '^src/[^/]+\\.ts$' },
      to: { path: '^src/(?!(action|cli|core)/)' }
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'no module imports itself through others (type imports included)',
      from: { path: '^src/' },
      to: { circular: true }
    },
    {
      name: 'pure-analyzers',
      severity: 'error',
      comment: 'src/scan, src/analyze, src/core and src/config do no I/O: bytes and text come in, findings go out',
      from: { path: '^src/(scan|analyze|core|config)/' },
      to: { path: IO }
    },
    {
      name: 'only-action-talks-to-actions',
      severity: 'error',
      comment: '@actions/* belongs to the GitHub glue in src/action',
      from: { path: '^src/', pathNot: '^src/action/' },
      to: { path: '@actions/' }
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true }
    }
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'] },
    moduleSystems: ['es6', 'cjs']
  }
};
