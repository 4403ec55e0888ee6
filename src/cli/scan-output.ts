// Renderers for `model-gate scan`: JSON (the documented shape), a terminal report, and SARIF 2.1.0.
import { type Finding, type Severity, SEVERITIES, compareFindings } from '../core/findings.js';
import type { ScanReport } from '../scan/scan-paths.js';
import { TOOL_NAME, TOOL_VERSION } from '../core/version.js';

function findingJson(f: Finding): Record<string, unknown> {
  const o: Record<string, unknown> = { severity: f.severity, check: f.check, message: f.message };
  if (f.offset !== undefined) o.offset = f.offset;
  if (f.file !== undefined) o.file = f.file;
  if (f.line !== undefined) o.line = f.line;
  if (f.evidence !== undefined) o.evidence = f.evidence;
  if (f.help !== undefined) o.help = f.help;
  return o;
}

export function counts(report: ScanReport): Record<Severity, number> {
  const c = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of [...report.findings, ...report.files.flatMap((x) => x.findings)]) c[f.severity]++;
  return c;
}

export function renderJson(report: ScanReport): string {
  return `${JSON.stringify({
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    verdict: report.verdict,
    complete: report.complete,
    summary: { files: report.files.length, ...counts(report) },
    files: report.files.map((f) => ({
      path: f.path, size: f.size, formats: f.formats, complete: f.complete, findings: f.findings.map(findingJson)
    })),
    findings: report.findings.map(findingJson),
    skipped: report.skipped
  }, null, 2)}\n`;
}

const LABEL: Record<Severity, string> = { critical: 'CRITICAL', high: 'HIGH    ', medium: 'MEDIUM  ', low: 'LOW     ', info: 'INFO    ' };

export function renderText(report: ScanReport, color = false): string {
  const paint = (code: string, s: string): string => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const sevColor: Record<Severity, string> = { critical: '1;31', high: '31', medium: '33', low: '36', info: '2' };
  const lines: string[] = [];
  const show = (f: Finding, indent: string, path?: string): void => {
    const where = f.offset !== undefined ? ` @0x${f.offset.toString(16)}` : f.line !== undefined ? ` line ${f.line}` : '';
    lines.push(`${indent}${paint(sevColor[f.severity], LABEL[f.severity])} ${f.check}${where}: ${f.message}`);
    const pad = `${indent}${' '.repeat(9)}`;
    // Findings about container members (zip/tar entries, decompressed content) name the member.
    if (f.file && f.file !== path) lines.push(`${pad}in ${f.file}`);
    if (f.evidence) lines.push(`${pad}evidence: ${f.evidence}`);
    if (f.help) lines.push(`${pad}${paint('2', f.help)}`);
  };
  for (const file of report.files) {
    const worst = file.findings[0]?.severity;
    const mark = !file.complete || worst === 'critical' || worst === 'high' ? paint('31', '✗') : worst === 'medium' ? paint('33', '!') : paint('32', '✓');
    const state = file.complete ? '' : paint('31', '  (not fully examined)');
    lines.push(`${mark} ${file.path}  [${file.formats.join(', ')}]  ${file.size} bytes${state}`);
    for (const f of file.findings) show(f, '    ', file.path);
  }
  if (report.findings.length) {
    lines.push('', 'Paths and repository:');
    for (const f of [...report.findings].sort(compareFindings)) show(f, '    ');
  }
  if (report.skipped.length) lines.push('', `Skipped: ${report.skipped.join(', ')}`);
  const c = counts(report);
  const incomplete = report.files.filter((f) => !f.complete).length;
  const verdict = report.verdict.toUpperCase();
  lines.push('', `${paint(report.verdict === 'approved' ? '1;32' : report.verdict === 'rejected' ? '1;31' : '1;33', verdict)}: ` +
    `${report.files.length} file${report.files.length === 1 ? '' : 's'}, ${c.critical} critical, ${c.high} high, ${c.medium} medium, ${c.low} low` +
    `${incomplete ? `, ${incomplete} not fully examined` : ''}`);
  return `${lines.join('\n')}\n`;
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };

export function renderSarif(report: ScanReport): string {
  const all: { f: Finding; uri: string }[] = [
    ...report.files.flatMap((file) => file.findings.map((f) => ({ f, uri: file.path }))),
    ...report.findings.map((f) => ({ f, uri: f.file ?? '.' }))
  ];
  const rules = new Map<string, Severity>();
  for (const { f } of all) {
    const prev = rules.get(f.check);
    if (!prev || SEVERITIES.indexOf(f.severity) < SEVERITIES.indexOf(prev)) rules.set(f.check, f.severity);
  }
  const ruleIds = [...rules.keys()].sort();
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: {
        name: TOOL_NAME, version: TOOL_VERSION, informationUri: 'https://github.com/model-gate/model-gate',
        rules: ruleIds.map((id) => ({ id, name: id, shortDescription: { text: id }, defaultConfiguration: { level: SARIF_LEVEL[rules.get(id) as Severity] } }))
      } },
      results: all.map(({ f, uri }) => {
        const region: Record<string, number> = {};
        if (f.line !== undefined) region.startLine = f.line;
        else if (f.offset !== undefined) region.byteOffset = f.offset;
        return {
          ruleId: f.check, ruleIndex: ruleIds.indexOf(f.check), level: SARIF_LEVEL[f.severity],
          message: { text: f.evidence ? `${f.message} — ${f.evidence}` : f.message },
          locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(uri) }, ...(Object.keys(region).length ? { region } : {}) } }],
          properties: { severity: f.severity, ...(f.file && f.file !== uri ? { member: f.file } : {}) }
        };
      })
    }]
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
