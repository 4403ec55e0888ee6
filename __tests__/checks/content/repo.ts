// Test helper: a RepoContent built from in-memory files. Formats come from the real file scanner (the same
// sniffing the pipeline uses); text is kept for files up to 1 MiB, as the pipeline's capture does.
import { createFileScanner } from '../../../src/scan/file-scanner.js';
import type { RepoContent } from '../../../src/checks/content/types.js';
import { runContentChecks } from '../../../src/checks/content/index.js';
import type { Finding } from '../../../src/core/findings.js';
import { loadAnalyzers } from '../../../src/checks/content/analyzers.js';

// The content checks are called directly (synchronously) by the tests that build repositories here: load the
// analyzers they reach first (a module importing this one waits for it).
await loadAnalyzers();

export function repoOf(files: Record<string, string | Uint8Array>): RepoContent {
  const entries = Object.entries(files).map(([path, content]) => {
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    const scanner = createFileScanner({ path, size: bytes.length, tail: bytes.subarray(Math.max(0, bytes.length - 65536)) });
    scanner.push(bytes);
    const outcome = scanner.end();
    return { path, size: bytes.length, formats: outcome.formats, bytes };
  });
  const texts = new Map(entries.filter((e) => e.size <= 1024 * 1024).map((e) => [e.path, Buffer.from(e.bytes).toString('utf8')]));
  return { files: entries.map(({ path, size, formats }) => ({ path, size, formats })), text: (p) => texts.get(p) };
}

export function findingsFor(files: Record<string, string | Uint8Array>): Finding[] {
  return runContentChecks(repoOf(files));
}

/** Findings that would matter to a reviewer (low and info notes excluded). */
export function notable(fs: readonly Finding[]): Finding[] {
  return fs.filter((f) => f.severity !== 'info' && f.severity !== 'low');
}

export function summary(fs: readonly Finding[]): string {
  return fs.map((f) => `${f.severity} ${f.check} ${f.file ?? ''}:${f.line ?? ''} ${f.message}`).join('\n');
}
