// The workflows users copy (.github/examples) and the project's own (.github/workflows) pass the SchemaStore
// github-workflow schema, actionlint, and the safety rules; and the lint can fail (each rule on a bad workflow).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { lintWorkflow } from '../../scripts/workflows/lint.js';

const files = ['.github/examples', '.github/workflows'].flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.yml')).map((f) => join(d, f)));
const read = (f: string) => readFileSync(f, 'utf8');
type Wf = { on: Record<string, { paths?: string[] }>; jobs: Record<string, { permissions: Record<string, string>; steps: { uses?: string; with?: Record<string, string> }[] }> };
const parsed = (f: string) => load(read(f)) as Wf;

describe('example and project workflows', () => {
  it.each(files)('%s passes the schema, actionlint and the safety rules', async (file) => {
    expect(await lintWorkflow(file, read(file))).toEqual([]);
  });

  it('review runs when the allowlist or the policy file changes, and uploads SARIF with security-events: write', () => {
    const wf = parsed('.github/examples/review.yml');
    expect(wf.on.pull_request_target!.paths).toEqual(expect.arrayContaining(['approved-models.yaml', '.github/model-gate.yml']));
    expect(wf.jobs.review!.permissions).toEqual({ contents: 'read', 'pull-requests': 'write', 'security-events': 'write' });
    expect(wf.jobs.review!.steps.some((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))).toBe(true);
  });

  it('sign stores the bundles as attestations; release verifies from them without another run\'s artifacts', () => {
    const sign = parsed('.github/examples/sign.yml');
    expect(sign.jobs.sign!.permissions).toEqual({ contents: 'read', 'id-token': 'write', attestations: 'write' });
    const release = parsed('.github/examples/release.yml');
    const steps = release.jobs.gate!.steps;
    expect(steps.some((s) => s.uses?.startsWith('actions/download-artifact'))).toBe(false);
    expect(steps.find((s) => s.with?.mode === 'release-gate')?.with).toMatchObject({ 'attestations-repo': 'ACME/models', 'models-dir': 'models' });
    expect(read('.github/examples/release.yml')).toMatch(/gh attestation verify --repo ACME\/models/);
    expect(Object.values(release.jobs.gate!.permissions)).not.toContain('write');
  });
});

describe('the workflow lint can fail', () => {
  const base = (body: string) => `name: t\non:\n  pull_request_target:\npermissions: {}\nconcurrency: t\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: read\n    steps:\n${body}`;
  const rules = async (text: string) => (await lintWorkflow('t.yml', text)).map((f) => f.rule);

  it('flags tag pins and pins without their tag', async () => {
    expect(await rules(base('      - uses: actions/checkout@v4\n'))).toContain('pin-sha');
    expect(await rules(base('      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1\n'))).toContain('pin-comment');
  });

  it('flags a checkout of the pull request head under pull_request_target', async () => {
    const text = base('      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n');
    expect(await rules(text)).toContain('pr-target-checkout');
  });

  it('flags missing permissions and concurrency, write grants at the top, SARIF without security-events', async () => {
    const text = 'name: t\non: push\npermissions: write-all\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: github/codeql-action/upload-sarif@8aad20d150bbac5944a9f9d289da16a4b0d87c1e # v4.36.2\n';
    const found = await lintWorkflow('t.yml', text);
    expect(found.filter((f) => f.rule === 'permissions').map((f) => f.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/grants write/), expect.stringMatching(/has no `permissions:`/), expect.stringMatching(/security-events: write/)])
    );
    expect(found.map((f) => f.rule)).toContain('concurrency');
  });

  it('reports what actionlint and the schema find', async () => {
    expect(await rules(base('      - run: echo "${{ github.event.pull_request.title }}"\n'))).toContain('actionlint:expression');
    expect(await rules(base('      - run: echo hi\n        shel: bash\n'))).toContain('schema');
  });
});
