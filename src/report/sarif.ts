// SARIF 2.1.0 for GitHub code scanning: one rule per check id, one result per finding. For an allowlist review
// every result sits on the allowlist line of its entry (the only file in the repository it is about); findings
// about a file in the model repository also name the Hub path in the message and as a logical location. For a
// local scan a result sits in the file it is about (a container member: in the container, the member named).
import { createHash } from 'node:crypto';
import { compareFindings, severityRank, type Finding, type Severity } from '../core/findings.js';
import { isLocalReview, type AnyReview } from '../core/review.js';
import { TOOL_NAME } from '../core/version.js';
import { CAPS, safeJson, sanitize } from './escape.js';
import { ruleText } from './rules.js';
import { encodeSegment, pinnedSha, reviewFileUrl } from './links.js';
import { shortSha } from './tally.js';
import type { ReportInput } from '../core/report.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** GitHub ingests at most this many results per run and rejects more; keep the most severe. */
export const SARIF_MAX_RESULTS = 25_000;

export type SarifLevel = 'error' | 'warning' | 'note';

export function sarifLevel(severity: Severity): SarifLevel {
  return severity === 'critical' || severity === 'high' ? 'error' : severity === 'medium' ? 'warning' : 'note';
}

/** GitHub maps security-severity to its critical (≥9), high (≥7), medium (≥4) and low bands. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '0.0' };

export const ALLOWLIST_RULE = 'allowlist.invalid';

export interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri?: string;
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[]; 'security-severity': string; precision: string };
}

/** Where GitHub code scanning resolves relative URIs: the root of the checked-out repository. */
export const SRCROOT = '%SRCROOT%';

export interface SarifLocation {
  physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number } };
  logicalLocations?: { name: string; fullyQualifiedName: string; kind: string }[];
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: SarifLocation[];
  partialFingerprints: Record<string, string>;
  properties: Record<string, unknown>;
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: {
    tool: { driver: { name: string; version: string; semanticVersion: string; rules: SarifRule[] } };
    automationDetails: { id: string };
    results: SarifResult[];
    originalUriBaseIds: Record<string, { description: { text: string } }>;
    properties: { policySource: string; omittedResults: number };
  }[];
}

/** SARIF message text: one line, invisible characters shown, and `[`/`]` escaped so no embedded link forms. */
function messageText(text: string, max: number): string {
  return sanitize(text, { max }).replace(/[[\]]/g, (c) => `\\${c}`);
}

function ruleName(check: string): string {
  return check
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]?.toUpperCase() + w.slice(1))
    .join('') || 'Check';
}

function ruleId(check: string): string {
  return sanitize(check, { max: 200 });
}

function fingerprint(...parts: (string | number | undefined)[]): string {
  return createHash('sha256').update(parts.map((p) => String(p ?? '')).join('\u0000')).digest('hex').slice(0, 32);
}

function line(n: number | undefined): number {
  return n !== undefined && Number.isSafeInteger(n) && n > 0 ? n : 1;
}

interface Item {
  finding: Finding;
  review?: AnyReview;
  line: number;
}

/** The file a local finding is about: a container member (`a.zip!/x.pkl`) sits in its container. */
function containerOf(path: string): string {
  const member = path.indexOf('!/');
  return member >= 0 ? path.slice(0, member) : path;
}

/**
 * The artifact location of a displayed local path: relative paths (inside the working directory) as relative URIs
 * under SRCROOT, segments percent-encoded; a path outside it as an absolute file: URI.
 */
function localArtifact(path: string): { uri: string; uriBaseId?: string } {
  if (path.startsWith('/')) return { uri: `file://${path.split('/').map(encodeSegment).join('/')}` };
  return { uri: path.split('/').map(encodeSegment).join('/'), uriBaseId: SRCROOT };
}

export function buildSarif(input: ReportInput): SarifLog {
  const items: Item[] = [];
  for (const e of input.errors ?? []) {
    items.push({ finding: { check: ALLOWLIST_RULE, severity: 'high', message: e.message, file: undefined }, line: line(e.line) });
  }
  for (const r of input.reviews) {
    for (const f of r.findings) items.push({ finding: f, review: r, line: isLocalReview(r) ? line(f.line) : line(r.entry.line) });
  }
  items.sort((a, b) => compareFindings(a.finding, b.finding) || a.line - b.line);
  const omitted = Math.max(0, items.length - SARIF_MAX_RESULTS);
  const kept = items.slice(0, SARIF_MAX_RESULTS);

  const rules: SarifRule[] = [];
  const ruleIndex = new Map<string, number>();
  const worst = new Map<string, Severity>();
  for (const { finding: f } of kept) {
    const id = ruleId(f.check);
    const prev = worst.get(id);
    if (!prev || severityRank(f.severity) > severityRank(prev)) worst.set(id, f.severity);
    if (ruleIndex.has(id)) continue;
    ruleIndex.set(id, rules.length);
    // Described once, from the table of checks: never from a finding, whose text is about one model.
    const text = ruleText(f.check);
    rules.push({
      id,
      name: ruleName(id),
      shortDescription: { text: text.short },
      fullDescription: { text: text.full },
      help: { text: text.help, markdown: `**${text.short}.** ${text.full}\n\n**What to do:** ${text.help}` },
      defaultConfiguration: { level: 'note' },
      properties: { tags: ['security', 'supply-chain', 'model-gate'], 'security-severity': '0.0', precision: 'high' }
    });
  }
  for (const rule of rules) {
    const sev = worst.get(rule.id) ?? 'info';
    rule.defaultConfiguration.level = sarifLevel(sev);
    rule.properties['security-severity'] = SECURITY_SEVERITY[sev];
  }

  const results: SarifResult[] = kept.map(({ finding: f, review: r, line: startLine }) => {
    const location: SarifLocation = {
      physicalLocation: { artifactLocation: { uri: input.allowlistPath ?? 'approved-models.yaml', uriBaseId: SRCROOT }, region: { startLine } }
    };
    let text = messageText(f.message, CAPS.message);
    const properties: Record<string, unknown> = { severity: f.severity };
    // GitHub places results by line; a byte offset (pickle opcode, container member) is kept beside it.
    if (f.offset !== undefined && Number.isSafeInteger(f.offset) && f.offset >= 0) properties.byteOffset = f.offset;
    if (r && isLocalReview(r)) {
      const path = f.file !== undefined ? containerOf(f.file) : (r.paths[0] ?? '.');
      location.physicalLocation = { artifactLocation: localArtifact(path), region: { startLine } };
      if (f.line === undefined && properties.byteOffset !== undefined) text += ` (at byte ${f.offset})`;
      if (f.file !== undefined && f.file !== containerOf(f.file)) properties.member = sanitize(f.file, { max: 1000 });
    } else if (r) {
      const sha = pinnedSha(r) ?? r.entry.revision;
      const where = `${r.entry.repo}@${shortSha(r.entry.revision)}`;
      text = `${messageText(where, CAPS.name)}: ${text}`;
      properties.repo = r.entry.repo;
      properties.revision = r.entry.revision;
      properties.verdict = r.verdict;
      const logical = [{ name: r.entry.repo, fullyQualifiedName: `${r.entry.repo}@${sha}`, kind: 'module' }];
      if (f.file !== undefined) {
        const at = f.line !== undefined ? `:${f.line}` : f.offset !== undefined ? ` (byte ${f.offset})` : '';
        text += ` — in ${messageText(f.file, CAPS.name)}${at}`;
        const url = reviewFileUrl(input.hubUrl, r, f.file, f.line);
        if (url) properties.hubUrl = url;
        const name = sanitize(f.file.slice(f.file.lastIndexOf('/') + 1), { max: CAPS.name });
        logical.push({ name, fullyQualifiedName: sanitize(`${r.entry.repo}@${sha}/${f.file}`, { max: 1000 }), kind: 'resource' });
      }
      location.logicalLocations = logical;
    }
    // Short: the full evidence is in the JSON report, and GitHub caps SARIF uploads at 10 MB compressed.
    if (f.evidence) properties.evidence = sanitize(f.evidence, { max: 200, multiline: true });
    return {
      ruleId: ruleId(f.check),
      ruleIndex: ruleIndex.get(ruleId(f.check)) ?? 0,
      level: sarifLevel(f.severity),
      message: { text },
      locations: [location],
      partialFingerprints: {
        'modelGateFinding/v1': fingerprint(
          r && !isLocalReview(r) ? r.entry.repo : undefined,
          r && !isLocalReview(r) ? r.entry.revision : undefined,
          f.check, f.file, f.line, f.offset, f.message
        )
      },
      properties
    };
  });

  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: input.toolVersion,
            semanticVersion: input.toolVersion,
            rules
          }
        },
        automationDetails: { id: `${TOOL_NAME}/` },
        originalUriBaseIds: { [SRCROOT]: { description: { text: 'The root of the repository (or the directory the scan ran in).' } } },
        results,
        properties: { policySource: input.policySource, omittedResults: omitted }
      }
    ]
  };
}

/** Compact JSON (the file is for machines, and its size counts against GitHub's upload limit). */
export function renderSarif(input: ReportInput): string {
  return `${safeJson(buildSarif(input))}\n`;
}
