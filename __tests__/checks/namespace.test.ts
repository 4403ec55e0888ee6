// Namespace impersonation and repo-name shadowing: a table of real and hostile ids, the keys underneath, the Hub
// confirmation over a loopback server, and the `model-gate name` command.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkName, type NameVerdict } from '../../src/checks/namespace/check.js';
import { collapseRepeats, foldKey, osaDistance, skeleton, stripAffix, syntaxProblem, visualKey, words } from '../../src/checks/namespace/keys.js';
import { KNOWN_LEGITIMATE, KNOWN_REPOS, TRUSTED_PUBLISHERS } from '../../src/config/security/publishers.js';
import { hubExists, name as nameCommand } from '../../src/cli/name.js';
import { UsageError, type CliIO } from '../../src/cli/io.js';

const CYR_E = '\u0435';
const CYR_O = '\u043e';
const CYR_A = '\u0430';
const GREEK_O = '\u03bf';
const ZWSP = '\u200b';
const ZWJ = '\u200d';
const RLO = '\u202e';
const SOFT_HYPHEN = '\u00ad';

type Case = [id: string, verdict: NameVerdict, rule?: string, publisher?: string];

// [candidate, expected verdict, a rule that must fire (check id without `namespace.`), the publisher it must name]
const CASES: Case[] = [
  // ---- namespace.md example table, exact expectations ----
  ['meta-llama/Llama-3.1-8B-Instruct', 'pass'],
  ['Meta-Llama/Llama-3.1-8B-Instruct', 'pass', 'case-variant', 'meta-llama'],
  ['meta_llama/Llama-3.1-8B-Instruct', 'block', 'separator', 'meta-llama'],
  ['metallama/Llama-3.1-8B-Instruct', 'block', 'separator', 'meta-llama'],
  ['metalllama/Llama-3.1-8B-Instruct', 'block', 'repeat', 'meta-llama'],
  ['meta-llama-community/Llama-3.1-8B', 'block', 'affix-added', 'meta-llama'],
  ['meta-llama-official/Llama-3.1-8B', 'block', 'affix-added', 'meta-llama'],
  ['llama-meta/Llama-3.1-8B', 'block', 'swapped-words', 'meta-llama'],
  ['meta-llama3/Llama-3.1-8B', 'block', 'version-suffix', 'meta-llama'],
  [`m${CYR_E}ta-llama/Llama-3.1-8B`, 'block', 'syntax.non-ascii', 'meta-llama'],
  ['openai/privacy-filter', 'pass'],
  ['OpenAI/privacy-filter', 'pass', 'case-variant', 'openai'],
  ['open-ai/privacy-filter', 'block', 'separator', 'openai'],
  ['someuser/privacy-filter', 'review', 'repo-shadowing', 'openai'],
  ['openai-community/gpt2', 'pass'],
  ['google/gemma-2-2b', 'pass'],
  ['google-bert/bert-base-uncased', 'pass'],
  ['google-t5/t5-base', 'pass'],
  ['gooogle/gemma-2-2b', 'block', 'repeat', 'google'],
  ['google-official/gemma-2-2b', 'block', 'affix-added', 'google'],
  ['mistral-ai/Mistral-7B-v0.1', 'block', 'separator', 'mistralai'],
  ['mistral/Mistral-7B-v0.1', 'block', 'affix-dropped', 'mistralai'],
  ['mistral-community/pixtral-12b', 'pass'],
  ['qwen/Qwen2.5-7B-Instruct', 'pass', 'case-variant', 'Qwen'],
  ['deepseek/DeepSeek-R1', 'block', 'affix-dropped', 'deepseek-ai'],
  ['deepseek_ai/DeepSeek-R1', 'block', 'separator', 'deepseek-ai'],
  ['facebook/opt-125m', 'pass'],
  ['FacebookAI/roberta-base', 'pass'],
  ['facebook-ai/roberta-base', 'block', 'separator', 'FacebookAI'],
  ['huggingface-tb/SmolLM2-1.7B', 'block', 'separator', 'HuggingFaceTB'],
  ['HuggingFaceTB/SmolLM2-1.7B', 'pass'],
  ['TheBloke/Llama-2-7B-GGUF', 'pass'],
  ['bartowski/Meta-Llama-3.1-8B-Instruct-GGUF', 'pass'],
  ['lmstudio-community/Qwen2.5-7B-Instruct-GGUF', 'pass'],
  ['mlx-community/Llama-3.2-3B-Instruct-4bit', 'pass'],
  ['unsloth/Llama-3.2-1B-Instruct', 'pass'],
  ['laion/CLIP-ViT-B-32-laion2B-s34B-b79K', 'pass'],
  ['tencent/HunyuanVideo', 'pass'],
  ['ibm/knowgl-large', 'pass'],
  ['stable-diffusion-v1-5/stable-diffusion-v1-5', 'pass'],

  // ---- the May 2026 incident: caught by shadowing, raised to block because the namespace resembles openai ----
  ['Open-OSS/privacy-filter', 'block', 'repo-shadowing', 'openai'],
  ['Open-OSS/some-other-model', 'pass'],

  // long-standing GGUF re-publishers: their quantised copies are not shadowing, and they are protected in turn
  ['QuantFactory/Meta-Llama-3-8B-Instruct-GGUF', 'pass'],
  ['second-state/Llama-3.2-1B-Instruct-GGUF', 'pass'],
  ['abetlen/Phi-3.5-mini-instruct-GGUF', 'pass'],
  ['QuantFactorry/Meta-Llama-3-8B-Instruct-GGUF', 'block', 'repeat', 'QuantFactory'],

  // ---- legitimate lookalikes and neighbours that must pass ----
  ['ibm-granite/granite-3.1-8b-instruct', 'pass'],
  ['BAAI/bge-m3', 'pass'],
  ['baai/bge-m3', 'pass', 'case-variant', 'BAAI'],
  ['01-ai/Yi-34B', 'pass'],
  ['CohereLabs/aya-expanse-8b', 'pass'],
  ['Cohere/rerank-v3', 'pass'],
  ['onnx-community/Qwen2.5-0.5B-Instruct', 'pass'],
  ['ggml-org/gemma-3-1b-it-GGUF', 'pass'],
  ['llava-hf/llava-1.5-7b-hf', 'pass'],
  ['NousResearch/Hermes-3-Llama-3.1-8B', 'pass'],
  ['MaziyarPanahi/Qwen2.5-7B-Instruct-GGUF', 'pass'],
  ['xai-org/grok-1', 'pass'],
  ['zai-org/GLM-4.5', 'pass'],
  ['HuggingFaceH4/zephyr-7b-beta', 'pass'],
  ['HuggingFaceM4/idefics2-8b', 'pass'],
  ['HuggingFaceFW/fineweb-edu-classifier', 'pass'],
  ['huggingface/CodeBERTa-small-v1', 'pass'],
  // A quantisation suffix excuses a reused name only for known re-publishers (namespace.md; issue 11): an unknown
  // user's GGUF of Qwen/Qwen2.5-7B-Instruct still carries that name, so a reviewer looks (medium, not a block).
  ['someuser/Qwen2.5-7B-Instruct-GGUF', 'review'],
  ['someuser/Llama-3.1-8B-Instruct-AWQ', 'review'],
  ['someuser/Mistral-7B-v0.1-exl2', 'review'],
  ['someuser/llama-3.1-8b-instruct-finetuned-legal', 'pass'],
  ['lmstudio-ai/gemma-2b-it-GGUF', 'pass'],
  ['Intel/neural-chat-7b-v3-1', 'pass'],
  ['runwayml/stable-diffusion-v1-5-inpainting', 'pass'],
  ['Helsinki-NLP/opus-mt-en-de', 'pass'],
  ['cardiffnlp/twitter-roberta-base-sentiment', 'pass'],
  ['ByteDance/SDXL-Lightning', 'pass'],
  ['arcee-ai/Arcee-Blitz', 'pass'],
  ['mixedbread-ai/mxbai-embed-large-v1', 'pass'],
  ['openbmb/MiniCPM-V-2_6', 'pass'],
  ['Nous/some-model', 'pass'],
  ['granite/some-model', 'pass'],
  ['onnx/models', 'pass'],
  ['lmstudio/some-model', 'pass'],

  // ---- homoglyphs and invisible characters ----
  ['meta-Ilama/Llama-3.1-8B', 'block', 'homoglyph', 'meta-llama'],
  ['rnistralai/Mistral-7B-v0.1', 'block', 'homoglyph', 'mistralai'],
  ['rnicrosoft/phi-4', 'block', 'homoglyph', 'microsoft'],
  ['g00gle/x', 'block', 'homoglyph', 'google'],
  ['micr0soft/x', 'block', 'homoglyph', 'microsoft'],
  ['dee9seek-ai/x', 'block', 'edit-distance', 'deepseek-ai'],
  ['EIeutherAI/pythia-70m', 'block', 'homoglyph', 'EleutherAI'],
  ['deepseek-Al/DeepSeek-R1', 'block', 'homoglyph', 'deepseek-ai'],
  ['TheBIoke/x', 'block', 'homoglyph', 'TheBloke'],
  ['0l-ai/x', 'block', 'homoglyph', '01-ai'],
  ['BAAl/x', 'block', 'homoglyph', 'BAAI'],
  ['nvldia/x', 'block', 'edit-distance', 'nvidia'],
  ['huggingfacetb/x', 'pass', 'case-variant', 'HuggingFaceTB'],
  [`g${GREEK_O}${GREEK_O}gle/gemma-2-2b`, 'block', 'syntax.non-ascii', 'google'],
  [`${CYR_A}pple/x`, 'block', 'syntax.non-ascii', 'apple'],
  [`micr${CYR_O}soft/x`, 'block', 'syntax.non-ascii', 'microsoft'],
  [`meta${ZWSP}llama/x`, 'block', 'syntax.non-ascii', 'meta-llama'],
  [`open${ZWJ}ai/x`, 'block', 'syntax.non-ascii', 'openai'],
  [`openai${RLO}/x`, 'block', 'syntax.non-ascii', 'openai'],
  [`deep${SOFT_HYPHEN}seek-ai/x`, 'block', 'syntax.non-ascii', 'deepseek-ai'],
  ['ｇｏｏｇｌｅ/x', 'block', 'syntax.non-ascii', 'google'],
  ['𝐧𝐯𝐢𝐝𝐢𝐚/x', 'block', 'syntax.non-ascii', 'nvidia'],
  [`BAA\u0406/x`, 'block', 'syntax.non-ascii', 'BAAI'],
  [`Qw\u0435n/x`, 'block', 'syntax.non-ascii', 'Qwen'],
  [`meta\u2010llama/x`, 'block', 'syntax.non-ascii', 'meta-llama'],
  [`m${CYR_E}ta-llama-official/x`, 'block', 'syntax.non-ascii', 'meta-llama'],
  ['openai/privacy\u200bfilter', 'block', 'syntax.non-ascii'],

  // ---- separators, repeats, swapped words, versions ----
  ['deepseekai/x', 'block', 'separator', 'deepseek-ai'],
  ['stability-ai/x', 'block', 'separator', 'stabilityai'],
  ['blackforestlabs/FLUX.1-dev', 'block', 'separator', 'black-forest-labs'],
  ['Cohere-Labs/x', 'block', 'separator', 'CohereLabs'],
  ['sentence_transformers/all-MiniLM-L6-v2', 'block', 'separator', 'sentence-transformers'],
  ['mistral-comunity/x', 'block', 'repeat', 'mistral-community'],
  ['MaziyarPanahii/x', 'block', 'repeat', 'MaziyarPanahi'],
  ['nviddia/x', 'block', 'repeat', 'nvidia'],
  ['BAAAI/x', 'block', 'repeat', 'BAAI'],
  ['ai-deepseek/x', 'block', 'swapped-words', 'deepseek-ai'],
  ['AI-Facebook/x', 'block', 'swapped-words', 'FacebookAI'],
  ['labs-black-forest/x', 'block', 'swapped-words', 'black-forest-labs'],
  ['ai-01/x', 'block', 'swapped-words', '01-ai'],
  ['Qwen2/x', 'block', 'version-suffix', 'Qwen'],
  ['nvidia2/x', 'block', 'version-suffix', 'nvidia'],
  ['openai-v2/x', 'block', 'version-suffix', 'openai'],
  ['HuggingFaceH42/x', 'block', 'version-suffix', 'HuggingFaceH4'],

  // ---- affixes ----
  ['Qwen-ai/x', 'block', 'affix-added', 'Qwen'],
  ['qwen-team/x', 'block', 'affix-added', 'Qwen'],
  ['BAAI-official/x', 'block', 'affix-added', 'BAAI'],
  ['the-openai/x', 'block', 'affix-added', 'openai'],
  ['openai-hf/x', 'block', 'affix-added', 'openai'],
  ['hf-openai/x', 'block', 'affix-added', 'openai'],
  ['openaiteam/x', 'block', 'affix-added', 'openai'],
  ['nvidia-org/x', 'block', 'affix-added', 'nvidia'],
  ['google-ai/x', 'block', 'affix-added', 'google'],
  ['unsloth-community/x', 'block', 'affix-added', 'unsloth'],
  ['TheBloke-official/x', 'block', 'affix-added', 'TheBloke'],
  ['deepseek-ai-official/x', 'block', 'affix-added', 'deepseek-ai'],
  ['gooogle-official/x', 'block', 'affix-added', 'google'],
  ['rneta-llama-hf/x', 'block', 'affix-added', 'meta-llama'],
  ['eleuther/x', 'block', 'affix-dropped', 'EleutherAI'],
  ['stability/x', 'block', 'affix-dropped', 'stabilityai'],
  ['black-forest/x', 'block', 'affix-dropped', 'black-forest-labs'],
  ['moonshot/Kimi-K2-Instruct', 'block', 'affix-dropped', 'moonshotai'],
  ['allen/x', 'review', 'affix-dropped', 'allenai'],
  ['nomic/x', 'review', 'affix-dropped', 'nomic-ai'],
  // Sister organisations and brand + product: a human confirms once, then records them as reviewed.
  ['amazon-science/chronos-forecasting-demo', 'review', 'affix-added', 'amazon'],
  // ... but carrying one of amazon's own repo names, the neighbour plus the shadowing blocks until reviewed.
  ['amazon-science/chronos-t5-small', 'block', 'repo-shadowing', 'amazon'],
  ['google-research/x', 'review', 'affix-added', 'google'],
  ['tencent-hunyuan/x', 'review', 'affix-added', 'tencent'],
  ['google-gemma/x', 'review', 'affix-added', 'google'],
  ['google-gemma/gemma-2-2b', 'block', 'repo-shadowing', 'google'],

  // ---- typos (restricted Damerau distance) and short names ----
  ['tencnet/x', 'block', 'edit-distance', 'tencent'],
  ['nvidai/x', 'block', 'edit-distance', 'nvidia'],
  ['microsfot/x', 'block', 'edit-distance', 'microsoft'],
  ['sentence-transformer/x', 'block', 'edit-distance', 'sentence-transformers'],
  ['cross-encoders/x', 'block', 'edit-distance', 'cross-encoder'],
  ['bartowsky/x', 'block', 'edit-distance', 'bartowski'],
  ['nlx-community/x', 'block', 'edit-distance', 'mlx-community'],
  ['stable-diffusion-v1-6/x', 'block', 'edit-distance', 'stable-diffusion-v1-5'],
  ['HuggingFaceH5/x', 'block', 'edit-distance', 'HuggingFaceH4'],
  ['sentense-transformerz/x', 'review', 'edit-distance', 'sentence-transformers'],
  ['appie/x', 'review', 'edit-distance', 'apple'],
  ['THUDN/x', 'review', 'edit-distance', 'THUDM'],
  ['Owen/x', 'review', 'short-name', 'Qwen'],
  ['8AAI/x', 'review', 'short-name', 'BAAI'],
  ['Qwem/x', 'pass'],
  ['BAAD/x', 'pass'],
  ['Qwe/x', 'pass'],

  // ---- repo-name shadowing ----
  ['someuser/gpt-oss-20b', 'review', 'repo-shadowing', 'openai'],
  ['someuser/PRIVACY_FILTER', 'review', 'repo-shadowing', 'openai'],
  ['someuser/privacy-fiIter', 'review', 'repo-shadowing', 'openai'],
  ['someuser/Llama-3.1-8B-Instruct', 'review', 'repo-shadowing', 'meta-llama'],
  ['someuser/bert-base-uncased', 'review', 'repo-shadowing', 'google-bert'],
  ['someuser/stable-diffusion-v1-5', 'review', 'repo-shadowing', 'stable-diffusion-v1-5'],
  ['meta-ai/Llama-3.1-8B-Instruct', 'block', 'repo-shadowing', 'meta-llama'],
  ['deepseekfan/DeepSeek-R1', 'block', 'repo-shadowing', 'deepseek-ai'],
  ['opneai/privacy-filter', 'block', 'edit-distance', 'openai'],

  // ---- not a Hub name at all ----
  ['meta--llama/x', 'block', 'syntax.invalid', 'meta-llama'],
  ['-openai/x', 'block', 'syntax.invalid', 'openai'],
  ['openai/privacy filter', 'block', 'syntax.invalid'],
  ['justonepart', 'block', 'syntax.invalid'],
  ['a/b/c', 'block', 'syntax.invalid'],
  [`${'a'.repeat(97)}/x`, 'block', 'syntax.invalid']
];

function label(id: string): string {
  return JSON.stringify(id).slice(1, -1);
}

describe('checkName: namespace table', () => {
  test('has at least 80 cases, with legitimate lookalikes on the pass side', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(80);
    expect(CASES.filter((c) => c[1] === 'pass').length).toBeGreaterThanOrEqual(40);
    expect(new Set(CASES.map((c) => c[0])).size).toBe(CASES.length);
  });

  test.each(CASES.map(([id, verdict, rule, publisher]) => ({ id, shown: label(id), verdict, rule: rule ?? '', publisher: publisher ?? '' })))(
    '$shown → $verdict $rule $publisher',
    async ({ id, verdict, rule, publisher }) => {
      const r = await checkName(id);
      const summary = r.findings.map((f) => `${f.check}[${f.severity}] ${f.evidence ?? ''}`);
      expect({ verdict: r.verdict, summary }).toEqual({ verdict, summary });
      if (rule) {
        const hit = r.findings.find((f) => f.check === `namespace.${rule}` && (!publisher || f.evidence?.includes(publisher)));
        expect({ rule, publisher, found: hit !== undefined, summary }).toEqual({ rule, publisher, found: true, summary });
      }
      if (verdict === 'pass') expect(r.findings.every((f) => f.severity === 'info' || f.severity === 'low')).toBe(true);
    }
  );
});

describe('checkName: what the findings say', () => {
  test('every lookalike and shadowing finding names the imitated publisher and the rule, and says what to do', async () => {
    let checked = 0;
    for (const [id, verdict] of CASES) {
      if (verdict === 'pass') continue;
      const r = await checkName(id);
      for (const f of r.findings) {
        if (f.severity === 'info') continue;
        const rule = f.check.replace(/^namespace\./, '');
        const hit = r.hits.find((h) => h.rule === rule);
        if (hit) {
          expect(f.evidence).toContain(`imitates: ${hit.publisher}`);
          expect(f.evidence).toContain(`rule: `);
          expect(f.message).toContain(hit.publisher);
        }
        expect(f.help && f.help.length > 20).toBe(true);
        expect(['critical', 'high', 'medium']).toContain(f.severity);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(80);
  });

  test('blocking rules give critical/high, review rules give medium', async () => {
    const homoglyph = await checkName('meta-Ilama/x');
    expect(homoglyph.findings[0]).toMatchObject({ check: 'namespace.homoglyph', severity: 'critical' });
    const separator = await checkName('meta_llama/x');
    expect(separator.findings[0]).toMatchObject({ check: 'namespace.separator', severity: 'high' });
    const shadow = await checkName('someuser/privacy-filter');
    expect(shadow.findings).toEqual([expect.objectContaining({ check: 'namespace.repo-shadowing', severity: 'medium' })]);
    expect(shadow.findings[0]!.message).toContain('openai/privacy-filter');
  });

  test('a case-only variant records the canonical id', async () => {
    const r = await checkName('OpenAI/privacy-filter');
    expect(r).toMatchObject({ verdict: 'pass', canonicalPublisher: 'openai', role: 'trusted' });
    expect(r.findings[0]!.evidence).toBe('canonical id: openai/privacy-filter');
    const legit = await checkName('thebloke/Llama-2-7B-GGUF');
    expect(legit).toMatchObject({ verdict: 'pass', canonicalPublisher: 'TheBloke', role: 'legitimate' });
  });

  test('a non-ASCII name shows the code points, never passes, and says which name it reads as', async () => {
    const r = await checkName(`m${CYR_E}ta-llama/Llama-3.1-8B`);
    const f = r.findings.find((x) => x.check === 'namespace.syntax.non-ascii')!;
    expect(f.severity).toBe('critical');
    expect(f.evidence).toContain('U+0435');
    expect(f.message).toContain("'meta-llama'");
    const invisible = await checkName(`meta${ZWSP}llama/x`);
    expect(invisible.findings[0]!.evidence).toContain('U+200B (invisible)');
    expect(invisible.findings[0]!.message).toContain("'meta\\u{200b}llama'");
  });

  test('an @revision is ignored, so allowlist entries can be pasted as they are', async () => {
    const r = await checkName(`meta_llama/Llama-3.1-8B-Instruct@${'a'.repeat(40)}`);
    expect(r.repo).toBe('meta_llama/Llama-3.1-8B-Instruct');
    expect(r.verdict).toBe('block');
  });
});

describe('checkName: policy options', () => {
  test('a reviewed neighbour is not raised again, and the reason is recorded', async () => {
    const before = await checkName('amazon-science/chronos-t5-small');
    expect(before.verdict).toBe('block');
    const after = await checkName('amazon-science/chronos-t5-small', {
      reviewed: [{ namespace: 'Amazon-Science', reason: 'Amazon research org, checked members', date: '2026-05-20' }]
    });
    expect(after).toMatchObject({ verdict: 'pass', role: 'reviewed' });
    expect(after.findings).toEqual([expect.objectContaining({ check: 'namespace.reviewed', severity: 'info', evidence: 'reason: Amazon research org, checked members' })]);
  });

  test('reviewing does not excuse a name the Hub cannot have', async () => {
    const r = await checkName(`m${CYR_E}ta-llama/privacy-filter`, { reviewed: [{ namespace: `m${CYR_E}ta-llama`, reason: 'x', date: '2026-01-01' }] });
    expect(r.verdict).toBe('block');
    expect(r.findings.map((f) => f.check)).toEqual(['namespace.syntax.non-ascii', 'namespace.repo-shadowing']);
    expect(r.role).toBeUndefined();
  });

  test('the policy can add a trusted publisher, which then gets the same protection', async () => {
    const trusted = [...TRUSTED_PUBLISHERS, 'acme-labs'];
    expect((await checkName('acme-labs/x', { trusted })).verdict).toBe('pass');
    const fake = await checkName('acme_labs/x', { trusted });
    expect(fake.verdict).toBe('block');
    expect(fake.hits[0]).toMatchObject({ rule: 'separator', publisher: 'acme-labs', role: 'trusted' });
    expect((await checkName('acme_labs/x')).verdict).toBe('pass');
  });

  test('extra known repos extend the built-in map', async () => {
    expect((await checkName('someuser/acme-secret-model')).verdict).toBe('pass');
    const r = await checkName('someuser/acme-secret-model', { knownRepos: { openai: ['acme-secret-model'] } });
    expect(r.verdict).toBe('review');
    expect(r.hits[0]).toMatchObject({ rule: 'repo-shadowing', publisher: 'openai' });
    // The built-in entries are still there.
    expect((await checkName('someuser/privacy-filter', { knownRepos: {} })).verdict).toBe('review');
  });
});

// ---- Hub confirmation over a real loopback server --------------------------------------------------------------

interface HubStub {
  url: string;
  asked: string[];
  close(): Promise<void>;
}

/** Answers GET /api/models/{org}/{name} like the Hub: 200 when it exists, 401 otherwise, 500 for repo names starting `broken-`. */
async function startHub(existing: readonly string[]): Promise<HubStub> {
  const have = new Set(existing.map((e) => e.toLowerCase()));
  const asked: string[] = [];
  const server: Server = createServer((req, res) => {
    const m = /^\/api\/models\/([^/]+)\/([^/?]+)$/.exec(req.url ?? '');
    if (!m) {
      res.writeHead(404).end();
      return;
    }
    const id = `${decodeURIComponent(m[1]!)}/${decodeURIComponent(m[2]!)}`;
    asked.push(id);
    if (id.split('/')[1]!.startsWith('broken-')) res.writeHead(500).end('boom');
    else if (have.has(id.toLowerCase())) res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id }));
    else res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"Repository not found"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    asked,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())))
  };
}

describe('checkName with a Hub lookup', () => {
  let hub: HubStub;
  beforeAll(async () => {
    hub = await startHub(['openai/secret-filter', 'google/new-gemma', 'meta-llama/Llama-9-1B', 'Qwen/Qwen9-7B-GGUF']);
  });
  afterAll(async () => hub.close());
  beforeEach(() => {
    hub.asked.length = 0;
  });

  test('confirms shadowing of a repo name the built-in map does not know', async () => {
    const r = await checkName('someuser/secret-filter', { hubLookup: hubExists(hub.url) });
    expect(r.verdict).toBe('review');
    expect(r.hits).toEqual([expect.objectContaining({ rule: 'repo-shadowing', publisher: 'openai', subject: 'repo', original: 'openai/secret-filter', source: 'Hub' })]);
    expect(r.findings[0]!.evidence).toContain('known from: Hub');
  });

  test('asks first about the publisher the namespace imitates, and a lookalike plus shadowing blocks', async () => {
    const r = await checkName('meta_llama/Llama-9-1B', { hubLookup: hubExists(hub.url), maxHubLookups: 1 });
    expect(hub.asked).toEqual(['meta-llama/Llama-9-1B']);
    expect(r.verdict).toBe('block');
    expect(r.findings.find((f) => f.check === 'namespace.repo-shadowing')?.severity).toBe('high');
  });

  test('is bounded: at most maxHubLookups requests per name, none for trusted names; a quantised name is asked by its base', async () => {
    await checkName('someuser/unrelated-model', { hubLookup: hubExists(hub.url) });
    expect(hub.asked.length).toBe(8);
    hub.asked.length = 0;
    await checkName('someuser/unrelated-model', { hubLookup: hubExists(hub.url), maxHubLookups: 3 });
    expect(hub.asked.length).toBe(3);
    hub.asked.length = 0;
    const q = await checkName('someuser/Qwen9-7B-GGUF', { hubLookup: hubExists(hub.url) });
    expect(q.verdict).toBe('pass');
    expect(hub.asked).toContain('Qwen/Qwen9-7B');
    hub.asked.length = 0;
    await checkName('google/new-gemma', { hubLookup: hubExists(hub.url) });
    expect(hub.asked).toEqual([]);
  });

  test('a Hub that cannot answer is reported, not taken as "no shadowing"', async () => {
    const r = await checkName('someuser/broken-model', { hubLookup: hubExists(hub.url) });
    expect(r.verdict).toBe('pass');
    const info = r.findings.find((f) => f.check === 'namespace.repo-shadowing');
    expect(info).toMatchObject({ severity: 'info' });
    expect(info!.evidence).toContain('openai/broken-model');
    const refused = await checkName('someuser/whatever', { hubLookup: hubExists('http://127.0.0.1:9') });
    expect(refused.findings).toEqual([expect.objectContaining({ check: 'namespace.repo-shadowing', severity: 'info' })]);
    const throwing = await checkName('someuser/whatever', { hubLookup: async () => { throw new Error('ECONNRESET'); } });
    expect(throwing.findings.some((f) => f.check === 'namespace.repo-shadowing' && f.severity === 'info')).toBe(true);
  });
});

// ---- keys ---------------------------------------------------------------------------------------------------------

describe('keys', () => {
  test('no two protected names share a fold or visual key (otherwise one would shadow the other)', () => {
    const all = [...TRUSTED_PUBLISHERS, ...KNOWN_LEGITIMATE];
    expect(new Set(all.map((n) => n.toLowerCase())).size).toBe(all.length);
    expect(new Set(all.map(foldKey)).size).toBe(all.length);
    expect(new Set(all.map(visualKey)).size).toBe(all.length);
    for (const n of all) expect(syntaxProblem(n)).toBeNull();
    for (const publisher of Object.keys(KNOWN_REPOS)) expect(all).toContain(publisher);
  });

  test('every protected publisher passes as itself', async () => {
    for (const n of [...TRUSTED_PUBLISHERS, ...KNOWN_LEGITIMATE]) {
      const r = await checkName(`${n}/some-model`);
      expect({ n, verdict: r.verdict, findings: r.findings }).toEqual({ n, verdict: 'pass', findings: [] });
    }
  });

  test('visual key: skeleton of cross-script, fullwidth, mathematical and invisible forms', () => {
    expect(visualKey(`m${CYR_E}ta-llama`)).toBe('metallama');
    expect(visualKey('meta-Ilama')).toBe('metallama');
    expect(visualKey('ＭＥＴＡ－ＬＬＡＭＡ')).toBe(visualKey('META-LLAMA'));
    expect(visualKey('𝖒𝖊𝖙𝖆')).toBe('meta');
    expect(visualKey(`op${ZWSP}en${RLO}ai`)).toBe('openai');
    expect(visualKey('rnicrosoft')).toBe('microsoft');
    expect(visualKey('vvhisper')).toBe('whisper');
    expect(visualKey('g00gle')).toBe('google');
    expect(visualKey('\u0392\u0391\u0391\u0399')).toBe(visualKey('BAAI'));
    expect(visualKey('\u0406')).toBe(visualKey('I'));
    expect(visualKey('é')).toBe('e');
    expect(skeleton('Meta_Llama')).toBe('meta_llama');
  });

  test('fold key, repeats, words, distance, affix stripping', () => {
    expect(foldKey('Meta_Llama.x')).toBe('metallamax');
    expect(collapseRepeats('gooogle')).toBe('gogle');
    expect(words('HuggingFaceTB')).toEqual(['hugging', 'face', 'tb']);
    expect(words('ai21labs')).toEqual(['ai', '21', 'labs']);
    expect(words('black-forest-labs')).toEqual(['black', 'forest', 'labs']);
    expect(osaDistance('tencent', 'tencnet')).toBe(1);
    expect(osaDistance('openoss', 'openai')).toBe(3);
    expect(osaDistance('abc', 'abc')).toBe(0);
    expect(osaDistance('ca', 'abc')).toBe(3);
    expect(stripAffix('FacebookAI', 'ai', 'suffix')).toBe('Facebook');
    expect(stripAffix('Meta-Llama-Official', 'official', 'suffix')).toBe('Meta-Llama');
    expect(stripAffix('the_openai', 'the', 'prefix')).toBe('openai');
    expect(stripAffix('openai', 'official', 'suffix')).toBeNull();
  });

  test('syntax gate follows the Hub rules', () => {
    expect(syntaxProblem('meta-llama')).toBeNull();
    expect(syntaxProblem('a')).toBeNull();
    expect(syntaxProblem('gpt2_')).toBeNull();
    expect(syntaxProblem('a--b')).toMatchObject({ kind: 'invalid' });
    expect(syntaxProblem('a..b')).toMatchObject({ kind: 'invalid' });
    expect(syntaxProblem('.a')).toMatchObject({ kind: 'invalid' });
    expect(syntaxProblem('a b')).toMatchObject({ kind: 'invalid' });
    expect(syntaxProblem('x'.repeat(97))).toMatchObject({ kind: 'invalid' });
    expect(syntaxProblem('x'.repeat(96))).toBeNull();
    expect(syntaxProblem(`a${ZWSP}b`)).toEqual({ kind: 'non-ascii', chars: ['U+200B (invisible)'] });
  });
});

// ---- CLI -----------------------------------------------------------------------------------------------------------

function capture(env: Record<string, string | undefined> = {}): CliIO & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), env, cwd: process.cwd() };
}

// The CLI speaks the verdict words of every command; the namespace table keeps the check's own words.
const WORD: Record<string, string> = { pass: 'approved', review: 'needs-review', block: 'rejected' };

describe('model-gate name', () => {
  test('--format json prints verdict and findings; exit 1 on block', async () => {
    const io = capture();
    const code = await nameCommand(['meta_llama/Llama-3.1-8B-Instruct', '--format', 'json'], io);
    expect(code).toBe(1);
    const doc = JSON.parse(io.out.join('')) as { repo: string; verdict: string; findings: { check: string; severity: string; evidence: string }[] };
    expect(doc.repo).toBe('meta_llama/Llama-3.1-8B-Instruct');
    expect(doc.verdict).toBe(WORD.block);
    expect(doc.findings).toContainEqual(expect.objectContaining({ check: 'namespace.separator', severity: 'high' }));
    expect(doc.findings.find((f) => f.check === 'namespace.separator')!.evidence).toContain('imitates: meta-llama');
  });

  test('a trusted id exits 0 with canonicalPublisher; review exits 1', async () => {
    const io = capture();
    expect(await nameCommand(['--format=json', 'OpenAI/privacy-filter'], io)).toBe(0);
    expect(JSON.parse(io.out.join(''))).toMatchObject({ verdict: WORD.pass, canonicalPublisher: 'openai' });
    const io2 = capture();
    expect(await nameCommand(['someuser/privacy-filter', '--json'], io2)).toBe(1);
    expect(JSON.parse(io2.out.join(''))).toMatchObject({ verdict: WORD.review, findings: [{ check: 'namespace.repo-shadowing', severity: 'medium' }] });
  });

  test('answers every example of namespace.md with its verdict', async () => {
    const examples = CASES.slice(0, 40);
    expect(examples[39]![0]).toBe('stable-diffusion-v1-5/stable-diffusion-v1-5');
    for (const [id, verdict] of examples) {
      const io = capture();
      const code = await nameCommand([id, '--format', 'json'], io);
      expect({ id, verdict: (JSON.parse(io.out.join('')) as { verdict: string }).verdict, code }).toEqual({ id, verdict: WORD[verdict], code: verdict === 'pass' ? 0 : 1 });
    }
  });

  test('text format names the rule, the publisher and the advice', async () => {
    const io = capture();
    expect(await nameCommand(['gooogle/gemma-2-2b'], io)).toBe(1);
    const text = io.out.join('');
    expect(text).toMatch(/^gooogle\/gemma-2-2b: rejected\n/);
    expect(text).toContain('namespace.repeat');
    expect(text).toContain("imitates trusted publisher 'google'");
    expect(text).toContain('→ Do not approve');
  });

  test('--hub URL confirms shadowing against that Hub', async () => {
    const hub = await startHub(['openai/brand-new-filter']);
    try {
      const offline = capture();
      expect(await nameCommand(['someuser/brand-new-filter', '--json'], offline)).toBe(0);
      const online = capture();
      expect(await nameCommand(['someuser/brand-new-filter', '--json', '--hub', hub.url], online)).toBe(1);
      expect(JSON.parse(online.out.join(''))).toMatchObject({ verdict: WORD.review });
      const viaEnv = capture({ HF_ENDPOINT: hub.url });
      expect(await nameCommand(['someuser/brand-new-filter', '--hub'], viaEnv)).toBe(1);
      expect(hub.asked).toContain('openai/brand-new-filter');
    } finally {
      await hub.close();
    }
  });

  test('usage errors', async () => {
    await expect(nameCommand([], capture())).rejects.toBeInstanceOf(UsageError);
    await expect(nameCommand(['justorg'], capture())).rejects.toBeInstanceOf(UsageError);
    await expect(nameCommand(['a/b', '--format', 'xml'], capture())).rejects.toThrow(/text or json/);
    await expect(nameCommand(['a/b', 'c/d'], capture())).rejects.toBeInstanceOf(UsageError);
    await expect(nameCommand(['a/b', '--bogus'], capture())).rejects.toThrow(/unknown option/);
  });
});

