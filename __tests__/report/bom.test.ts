// The CycloneDX 1.6 ML-BOM of the approved set, validated against the official CycloneDX JSON Schema (vendored from
// @cyclonedx/cyclonedx-library): written by the demo (review + sign), by `model-gate bom`, and by
// `model-gate review --bom`. Digests are checked against the verified copies on disk, hashed here.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { CliIO } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run.js';
import { SAMPLE, sampleAllowlists, sampleStoreSpec } from '../../src/registry/samples/index.js';
import { startRegistry } from '../../src/registry/server.js';
import { buildStore } from '../../src/registry/store-builder.js';
import { buildCycloneDx, huggingfacePurl, SPDX_LICENSE_IDS, spdxId } from '../../src/report/bom.js';
import { cyclonedxValidator, spdxLicenseIds } from '../support/cyclonedx-schema.js';
import { writeFileSync } from 'node:fs';

const validate = cyclonedxValidator();

interface Bom {
  specVersion: string;
  serialNumber: string;
  components: {
    type: string; name: string; group: string; version: string; purl: string;
    licenses?: { license: { id?: string; name?: string } }[];
    supplier?: { name: string };
    externalReferences: { type: string; url: string }[];
    modelCard?: { modelParameters?: { task?: string; architectureFamily?: string; modelArchitecture?: string } };
    components: { type: string; name: string; hashes: { alg: string; content: string }[] }[];
  }[];
}

function capture(cwd: string): CliIO & { out: () => string } {
  let out = '';
  return { stdout: (t) => { out += t; }, stderr: () => undefined, env: {}, cwd, out: () => out };
}

function filesUnder(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p).split('\\').join('/'), createHash('sha256').update(readFileSync(p)).digest('hex'));
    }
  };
  walk(dir);
  return out;
}

describe('CycloneDX ML-BOM', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mg-bom-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the demo writes one for its approved model, schema-valid, with every verified file\'s sha256 and its signature', async () => {
    const io = capture(dir);
    expect(await runCli(['demo', '--out', 'demo'], io)).toBe(0);
    const bom = JSON.parse(readFileSync(join(dir, 'demo', 'model-gate.cdx.json'), 'utf8')) as Bom;
    expect(validate(bom)).toEqual([]);
    expect(bom.specVersion).toBe('1.6');
    // Only the approved sample: the typosquat, the malicious pickle and the trojaned .bin are not in the approved set.
    expect(bom.components.map((c) => `${c.group}/${c.name}`)).toEqual([SAMPLE.clean]);
    const [model] = bom.components;
    expect(model!.type).toBe('machine-learning-model');
    expect(model!.purl).toBe(`pkg:huggingface/openai/privacy-filter@${model!.version}`);
    expect(model!.supplier?.name).toBe('openai');
    expect(model!.licenses).toEqual([{ license: { id: 'Apache-2.0' } }]);
    expect(model!.modelCard?.modelParameters).toEqual({ task: 'token-classification', architectureFamily: 'bert', modelArchitecture: 'BertForTokenClassification' });
    // The release step fetched and verified a copy of the approved files: hash them here.
    const onDisk = filesUnder(join(dir, 'demo', 'models', SAMPLE.clean));
    expect(new Map(model!.components.map((f) => [f.name, f.hashes.find((h) => h.alg === 'SHA-256')!.content]))).toEqual(onDisk);
    const refs = Object.fromEntries(model!.externalReferences.map((r) => [r.type, r.url]));
    expect(refs['digital-signature']).toBe(`signatures/openai/privacy-filter/${model!.version}/model.sig`);
    expect(refs.attestation).toBe(`signatures/openai/privacy-filter/${model!.version}/vetting.sigstore.json`);
    for (const rel of [refs['digital-signature']!, refs.attestation!]) expect(existsSync(join(dir, 'demo', rel))).toBe(true);
    // The sample Hub the demo reviewed against (on loopback) is where the model card is.
    expect(refs['model-card']).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/openai/privacy-filter/blob/${model!.version}/README\\.md$`));
  });

  it('`model-gate bom` prints it for an allowlist change, and `review --bom FILE` writes the same set', async () => {
    const storeDir = join(dir, 'store');
    const lists = sampleAllowlists(await buildStore(storeDir, sampleStoreSpec()));
    const registry = await startRegistry({ storeDir });
    try {
      writeFileSync(join(dir, 'base.yaml'), lists.base);
      writeFileSync(join(dir, 'head.yaml'), lists.head);
      const args = ['--base', 'base.yaml', '--head', 'head.yaml', '--hub-url', registry.hubUrl, '--cdn-origin', registry.cdnUrl];
      const io = capture(dir);
      // The change adds rejected models: the exit code says so; the BOM lists only the approved one.
      expect(await runCli(['bom', ...args], io)).toBe(1);
      const printed = JSON.parse(io.out()) as Bom;
      expect(validate(printed)).toEqual([]);
      expect(printed.components.map((c) => `${c.group}/${c.name}`)).toEqual([SAMPLE.clean]);
      expect(printed.components[0]!.components.map((f) => f.name).sort()).toEqual(['.gitattributes', 'README.md', 'config.json', 'model.safetensors', 'tokenizer_config.json', 'vocab.txt']);
      const io2 = capture(dir);
      expect(await runCli(['review', ...args, '--format', 'text', '--bom', 'out.cdx.json'], io2)).toBe(1);
      const written = JSON.parse(readFileSync(join(dir, 'out.cdx.json'), 'utf8')) as Bom;
      expect(validate(written)).toEqual([]);
      expect(written.serialNumber).toBe(printed.serialNumber);
      expect(written.components).toEqual(printed.components);
    } finally {
      await registry.close();
    }
  });

  it('the validator really rejects (so validity is meaningful)', () => {
    const bom = buildCycloneDx([{
      repo: 'acme/m', commit: 'a'.repeat(40), licenses: ['apache-2.0', 'llama3'], tags: [], datasets: [], baseModels: [],
      files: [{ path: 'model.safetensors', size: 8, sha256: 'b'.repeat(64), formats: ['safetensors'] }]
    }], { hubUrl: 'https://huggingface.co/', toolName: 'model-gate', toolVersion: '0.1.0', now: new Date('2026-05-14T00:00:00Z') }) as unknown as Bom;
    expect(validate(bom)).toEqual([]);
    expect(bom.components[0]!.licenses).toEqual([{ license: { id: 'Apache-2.0' } }, { license: { name: 'llama3' } }]);
    const broken = (edit: (b: Bom) => void): string[] => {
      const copy = structuredClone(bom);
      edit(copy);
      return validate(copy);
    };
    expect(broken((b) => { b.components[0]!.components[0]!.hashes[0]!.content = 'xyz'; })).not.toEqual([]);
    expect(broken((b) => { b.components[0]!.type = 'model'; })).not.toEqual([]);
    expect(broken((b) => { b.components[0]!.licenses = [{ license: { id: 'apache-2.0' } }]; })).not.toEqual([]);
    expect(broken((b) => { b.serialNumber = 'not-a-urn'; })).not.toEqual([]);
  });

  it('every licence it writes as an SPDX id is on the official SPDX list, in its case', () => {
    const official = new Set(spdxLicenseIds());
    expect(SPDX_LICENSE_IDS.filter((id) => !official.has(id))).toEqual([]);
    const hfIds = ['apache-2.0', 'mit', 'bsd-3-clause', 'cc-by-4.0', 'cc-by-nc-4.0', 'cc-by-nc-sa-4.0', 'cc0-1.0', 'mpl-2.0', 'gpl-3.0-only', 'agpl-3.0-only', 'unlicense', 'openrail', 'llama3'];
    for (const id of hfIds) {
      const spdx = spdxId(id);
      if (spdx !== undefined) expect(official.has(spdx)).toBe(true);
    }
    expect(hfIds.map(spdxId).filter((x) => x === undefined)).toHaveLength(2); // openrail and llama3: recorded by name
    expect(huggingfacePurl('Org/Name', 'ABC')).toBe('pkg:huggingface/Org/Name@abc');
  });
});
