// Repo-name shadowing by a respelled name (issue 11 family 5): the Hub's search matches substrings, so
// `Qwen3_Embedding_0.6B`, `Qwen3-Embeding-0.6B` and `Qwen3-Embedding-0.6B-instruct` find nothing under their own
// spelling; the review searches the first word too and compares names by edition words and one-letter edits. The
// twins: other sizes (digits), fine-tunes that say what they are, and short names stay apart.
import { namesakeOf, nearName } from '../../src/checks/namespace/namesakes.js';
import type { ModelSummary } from '../../src/hub/shapes/model-list.js';

describe('nearName', () => {
  test.each([
    ['Qwen3-Embedding-0.6B-instruct', 'Qwen3-Embedding-0.6B', 'edition'],
    ['Official-Qwen3-Embedding-0.6B', 'Qwen3-Embedding-0.6B', 'edition'],
    ['Qwen3-Embedding-0.6B-v2', 'Qwen3-Embedding-0.6B', 'edition'],
    ['Qwen3-Embeding-0.6B', 'Qwen3-Embedding-0.6B', 'typo'],
    ['Qwen3-Embeddnig-0.6B', 'Qwen3-Embedding-0.6B', 'typo'],
    ['Qwen3-Embedding-0.6B', 'Qwen3-Embedding-0.6B', undefined],
    ['Qwen3-Embedding-4B', 'Qwen3-Embedding-8B', undefined],
    ['Qwen3-Embedding-0.6B-finetuned-legal', 'Qwen3-Embedding-0.6B', undefined],
    ['Qwen3-Embedding-0.6B-ner', 'Qwen3-Embedding-0.6B', undefined],
    ['bert-tiny', 'bert-tina', undefined],
    ['whisper-large-v3', 'whisper-large-v2', undefined]
  ])('%s vs %s: %s', (candidate, original, expected) => {
    expect(nearName(candidate, original)).toBe(expected);
  });

  test.each([
    ['qwen-Qwen3-Embedding-0.6B', 'Qwen3-Embedding-0.6B', 'Qwen', 'edition'],
    ['google-embeddinggemma-300m', 'embeddinggemma-300m', 'google', 'edition'],
    ['meta-llama-Llama-3.2-1B-Instruct', 'Llama-3.2-1B-Instruct', 'meta-llama', 'edition'],
    ['embeddinggemma-300m-google', 'embeddinggemma-300m', 'google', 'edition'],
    // twins: the publisher's word on another model, another word as the affix, or no namespace known
    ['qwen-Qwen3-Embedding-4B', 'Qwen3-Embedding-0.6B', 'Qwen', undefined],
    ['acme-Qwen3-Embedding-0.6B', 'Qwen3-Embedding-0.6B', 'Qwen', undefined],
    ['google-embeddinggemma-300m-legal-ner', 'embeddinggemma-300m', 'google', undefined],
    ['google-embeddinggemma-300m', 'embeddinggemma-300m', undefined, undefined]
  ])('%s vs %s of %s: %s (the original\'s namespace as an affix is an edition)', (candidate, original, ns, expected) => {
    expect(nearName(candidate, original, ns)).toBe(expected);
  });

  test('linear in the name: two 100 kB names compare in one pass', () => {
    const a = 'a'.repeat(100_000);
    expect(nearName(`${a}b`, `${a}c`)).toBe('typo');
  });
});

describe('namesakeOf with near names', () => {
  const results = [
    { id: 'Qwen/Qwen3-Embedding-0.6B', downloads: 2_400_000, createdAt: '2025-06-03T00:00:00.000Z' },
    { id: 'Qwen/Qwen3-Embedding-4B', downloads: 400_000, createdAt: '2025-06-03T00:00:00.000Z' }
  ] as ModelSummary[];
  test('a typo under an unrelated namespace asks for review (medium score), naming the original', () => {
    const s = namesakeOf({ repo: 'embed-lab/Qwen3-Embeding-0.6B', createdAt: '2026-05-01T00:00:00.000Z', results });
    expect(s).toMatchObject({ original: 'Qwen/Qwen3-Embedding-0.6B', near: 'typo', score: 55 });
  });
  test('the publisher\'s name folded into the repo name (`qwen-Qwen3-Embedding-0.6B`) shadows the original', () => {
    const s = namesakeOf({ repo: 'mirror-hub/qwen-Qwen3-Embedding-0.6B', createdAt: '2026-05-01T00:00:00.000Z', results });
    expect(s).toMatchObject({ original: 'Qwen/Qwen3-Embedding-0.6B', near: 'edition', score: 55 });
  });
  test('the same name outranks a near one', () => {
    const s = namesakeOf({ repo: 'someone/Qwen3-Embedding-4B', createdAt: '2026-05-01T00:00:00.000Z', results });
    expect(s).toMatchObject({ original: 'Qwen/Qwen3-Embedding-4B' });
    expect(s?.near).toBeUndefined();
  });
  test('a lookalike namespace with a near name blocks', () => {
    const s = namesakeOf({ repo: 'Qwenn/Qwen3-Embedding-0.6B-instruct', createdAt: '2026-05-01T00:00:00.000Z', results });
    expect(s?.near).toBe('edition');
    expect(s?.score).toBeGreaterThanOrEqual(70);
  });
});
