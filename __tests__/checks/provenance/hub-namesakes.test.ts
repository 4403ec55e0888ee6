// Issue 11 family 5: repo-name shadowing known from the Hub itself (its model search sorted by downloads), for any
// popular repository, not only the built-in map's; the quantisation suffix excused only for re-publishers; and
// card copies recognised by what survives paraphrase and translation. End to end through the registry.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { namespaceCheck } from '../../../src/checks/namespace-check.js';
import { provenanceCheck } from '../../../src/checks/provenance/check.js';
import { cardSimilarity } from '../../../src/checks/provenance/card-text.js';
import { COPY_CONTAINMENT, COPY_JACCARD } from '../../../src/checks/provenance/card.js';
import { defaultPolicy } from '../../../src/config/policy/defaults.js';
import { HubClient } from '../../../src/hub/client.js';
import { safetensorsBytes } from '../../../src/registry/samples/bytes.js';
import { startRegistry, type RunningRegistry } from '../../../src/registry/server.js';
import type { RepoSpec, StoreSpec } from '../../../src/registry/spec.js';
import { buildStore, type BuiltStore } from '../../../src/registry/store-builder.js';
import { reviewEntry, type FullReview } from '../../../src/review/pipeline.js';
import { defaultScanFile } from '../../../src/review/scan-file.js';

const NOW = new Date('2026-06-01T00:00:00.000Z');
const WEIGHTS = safetensorsBytes({ 'w': { dtype: 'F32', shape: [8, 8] } }, { format: 'pt' });

const ORIGINAL_CARD = `---
license: apache-2.0
pipeline_tag: automatic-speech-recognition
---

# wav2vec2-large-xlsr-53-english

Fine-tuned facebook/wav2vec2-large-xlsr-53 on English using the train and validation splits of Common Voice 6.1.
When using this model, make sure that your speech input is sampled at 16kHz.

## Evaluation

| Dataset | WER | CER |
| --- | --- | --- |
| Common Voice 6.1 test | 19.06 | 7.69 |
| Robust Speech Event dev | 27.72 | 11.65 |
| LibriSpeech test-clean | 4.87 | 1.52 |
| TED-LIUM 3 | 12.48 | 5.92 |

See https://github.com/jonatasgrosman/huggingsound and https://huggingface.co/datasets/common_voice.

\`\`\`python
from huggingsound import SpeechRecognitionModel
model = SpeechRecognitionModel("jonatasgrosman/wav2vec2-large-xlsr-53-english")
transcriptions = model.transcribe(["/path/to/file.mp3", "/path/to/another_file.wav"])
\`\`\`
`;

// The same card translated into German: no 5-word run of the English prose survives; numbers, links and code do.
const TRANSLATED_CARD = `---
license: apache-2.0
pipeline_tag: automatic-speech-recognition
---

# wav2vec2-large-xlsr-53-english

Feinabgestimmtes facebook/wav2vec2-large-xlsr-53 für Englisch, trainiert auf den Trainings- und Validierungsdaten
von Common Voice 6.1. Die Spracheingabe muss mit 16kHz abgetastet sein.

## Auswertung

| Datensatz | WER | CER |
| --- | --- | --- |
| Common Voice 6.1 Test | 19.06 | 7.69 |
| Robust Speech Event Dev | 27.72 | 11.65 |
| LibriSpeech test-clean | 4.87 | 1.52 |
| TED-LIUM 3 | 12.48 | 5.92 |

Siehe https://github.com/jonatasgrosman/huggingsound und https://huggingface.co/datasets/common_voice.

\`\`\`python
from huggingsound import SpeechRecognitionModel
model = SpeechRecognitionModel("jonatasgrosman/wav2vec2-large-xlsr-53-english")
transcriptions = model.transcribe(["/path/to/file.mp3", "/path/to/another_file.wav"])
\`\`\`
`;

const OWN_CARD = (name: string): string => `---
license: mit
---

# ${name}

An acoustic model we trained ourselves on 300 hours of call-centre audio recorded with consent in Manchester and
Leeds. Word error rate on our internal test set is 14.2; it is not comparable to public benchmarks. The training
recipe, data statement and known failure modes are documented in the repository wiki.
`;

function repo(id: string, createdAt: string, downloads: number, card: string): RepoSpec {
  return {
    id, createdAt, downloads, likes: 1,
    commits: [{ title: 'Upload model', date: createdAt, authors: [id.split('/')[0]!], files: { 'README.md': card, 'model.safetensors': WEIGHTS, 'config.json': '{"model_type":"wav2vec2"}' } }]
  };
}

const SPEC: StoreSpec = {
  accounts: [
    { name: 'jonatasgrosman', type: 'user', createdAt: '2019-03-01T00:00:00.000Z' },
    { name: 'jonatas-grosman', type: 'user', createdAt: '2026-05-20T00:00:00.000Z' },
    { name: 'audio-fan', type: 'user', createdAt: '2024-01-01T00:00:00.000Z' },
    { name: 'speechlab', type: 'org', createdAt: '2021-01-01T00:00:00.000Z' },
    { name: 'openai', type: 'org', createdAt: '2020-01-01T00:00:00.000Z' },
    { name: 'Open-OSS-ai', type: 'org', createdAt: '2026-05-20T00:00:00.000Z' }
  ],
  repos: [
    repo('jonatasgrosman/wav2vec2-large-xlsr-53-english', '2021-03-01T00:00:00.000Z', 2_400_000, ORIGINAL_CARD),
    repo('jonatas-grosman/wav2vec2-large-xlsr-53-english', '2026-05-21T00:00:00.000Z', 40, TRANSLATED_CARD),
    repo('audio-fan/wav2vec2-large-xlsr-53-english', '2026-05-25T00:00:00.000Z', 12, TRANSLATED_CARD),
    repo('speechlab/callcentre-asr', '2023-01-01T00:00:00.000Z', 300, OWN_CARD('callcentre-asr')),
    repo('audio-fan/callcentre-asr', '2024-06-01T00:00:00.000Z', 5, OWN_CARD('callcentre-asr')),
    repo('openai/privacy-filter', '2026-04-01T00:00:00.000Z', 500_000, OWN_CARD('privacy-filter')),
    repo('Open-OSS-ai/privacy-filter-onnx', '2026-05-21T00:00:00.000Z', 84_000, OWN_CARD('privacy-filter-onnx'))
  ]
};

let dir: string;
let built: BuiltStore;
let registry: RunningRegistry;
let hub: HubClient;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mg-namesakes-'));
  built = await buildStore(join(dir, 'store'), SPEC);
  registry = await startRegistry({ storeDir: join(dir, 'store') });
  hub = new HubClient({ hubUrl: registry.hubUrl, allowedCdnOrigins: [registry.cdnUrl], env: {}, maxRetries: 0 });
}, 60_000);
afterAll(async () => {
  await hub.close();
  await registry.close();
  await rm(dir, { recursive: true, force: true });
});

async function review(id: string): Promise<FullReview> {
  const sha = built.repos[id]!.shas.at(-1)!;
  return reviewEntry({ repo: id, revision: sha, line: 1 }, { hub, policy: defaultPolicy(), scanFile: defaultScanFile, checks: [namespaceCheck, provenanceCheck], now: () => NOW });
}
const severityOf = (r: FullReview, check: string): string | undefined => r.findings.find((f) => f.check === check)?.severity;

describe('shadowing found through the Hub\'s search', () => {
  test('a lookalike namespace reusing a popular community repo\'s name blocks, and its translated card is a copy', async () => {
    const r = await review('jonatas-grosman/wav2vec2-large-xlsr-53-english');
    const shadow = r.findings.find((f) => f.check === 'namespace.repo-shadowing');
    expect(shadow).toMatchObject({ severity: 'high' });
    expect(shadow?.message).toContain('jonatasgrosman/wav2vec2-large-xlsr-53-english');
    expect(shadow?.evidence).toContain('known from: Hub search');
    expect(r.findings.find((f) => f.check === 'provenance.card-copied')?.message).toMatch(/reworded/);
    expect(r.verdict).toBe('rejected');
  });

  test('an established account under an unrelated namespace reusing the name with a translated card: a reviewer decides', async () => {
    const r = await review('audio-fan/wav2vec2-large-xlsr-53-english');
    expect(severityOf(r, 'namespace.repo-shadowing')).toBe('medium');
    expect(severityOf(r, 'provenance.card-copied')).toBe('medium');
    expect(r.verdict).toBe('needs-review');
  });

  test('the original itself, and an older same-name repo nobody downloads, are not shadowing', async () => {
    expect((await review('jonatasgrosman/wav2vec2-large-xlsr-53-english')).findings.filter((f) => f.check === 'namespace.repo-shadowing' && f.severity !== 'info')).toEqual([]);
    expect((await review('audio-fan/callcentre-asr')).findings.filter((f) => f.check === 'namespace.repo-shadowing' && f.severity !== 'info')).toEqual([]);
  });

  test('a quantisation suffix does not hide a reused name outside known re-publishers (Open-OSS-ai/…-onnx)', async () => {
    const r = await review('Open-OSS-ai/privacy-filter-onnx');
    const shadow = r.findings.find((f) => f.check === 'namespace.repo-shadowing' && f.severity !== 'info');
    expect(shadow?.message).toContain('openai/privacy-filter');
    expect(shadow?.severity).toBe('high');
    expect(r.verdict).toBe('rejected');
  });
});

describe('card similarity survives translation', () => {
  test('the translated card keeps the original\'s fingerprint; an unrelated card of the same kind does not', () => {
    const copy = cardSimilarity(TRANSLATED_CARD, ORIGINAL_CARD);
    // Word shingles alone would not call it a copy (only the table and code lines survive translation).
    expect(copy.jaccard).toBeLessThan(COPY_JACCARD);
    expect(copy.containment).toBeLessThan(COPY_CONTAINMENT);
    expect(copy.fingerprint).toBeGreaterThanOrEqual(0.8);
    const other = cardSimilarity(OWN_CARD('wav2vec2-large-xlsr-53-english'), ORIGINAL_CARD);
    expect(other.fingerprint).toBeLessThan(0.2);
  });
});
