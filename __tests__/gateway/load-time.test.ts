// The seed's expected-behaviour table at load time, with the loaders a notebook uses pointed at the gateway and
// nothing else changed: transformers.js (`env.remoteHost`) loading a tokenizer with AutoTokenizer, and
// @huggingface/hub (`hubUrl`), which prints the gateway's message. transformers.js shows only the HTTP status
// for a refused file (its own wording), so what it was refused for is read from the gateway's access log.
import { downloadFile } from '@huggingface/hub';
import { AutoTokenizer, env } from '@huggingface/transformers';
import { startTestGateway, startWorld, type Gateway, type World } from './fixture.js';

let w: World;
let g: Gateway;
beforeAll(async () => {
  w = await startWorld();
  g = await startTestGateway(w);
  env.remoteHost = `${g.gw.url}/`;
  env.allowLocalModels = false;
  env.useFSCache = false;
  env.useBrowserCache = false;
});
afterAll(async () => {
  await g.close();
  await w.close();
});

const refusalOf = (repo: string): Record<string, unknown> | undefined => g.log.find((l) => l['repo'] === repo && l['outcome'] !== undefined && l['outcome'] !== 'served');

test('load time: approved+signed served; unsigned refused; typosquat refused and logged; tampered refused; unknown refused with how to request', async () => {
  // approved and signed: loads, at the approved commit (main has moved on upstream to a tokenizer.json that is not JSON the loader accepts).
  const tok = await AutoTokenizer.from_pretrained('acme/tiny-tok');
  expect(Array.from(tok.encode('hello world gateway', { add_special_tokens: false }))).toEqual([1, 2, 3]);
  expect(g.log.filter((l) => l['repo'] === 'acme/tiny-tok' && l['outcome'] === 'served').map((l) => l['commit'])).toContain(w.pins['acme/tiny-tok']);

  // approved but unsigned: refused until signed.
  await expect(AutoTokenizer.from_pretrained('acme/unsigned-model')).rejects.toThrow(/403|Forbidden/);
  expect(refusalOf('acme/unsigned-model')).toMatchObject({ status: 403, reason: 'unsigned' });

  // typosquat: refused, and logged as a lookalike of the approved name.
  await expect(AutoTokenizer.from_pretrained('acme-ai/tiny-tok')).rejects.toThrow(/403|Forbidden/);
  expect(refusalOf('acme-ai/tiny-tok')).toMatchObject({ status: 403, reason: 'typosquat', message: expect.stringContaining('looks like the approved acme/tiny-tok') });

  // tampered: upstream serves bytes other than the signed ones; refused, never stored.
  await expect(AutoTokenizer.from_pretrained('acme/swapped')).rejects.toThrow();
  expect(refusalOf('acme/swapped')).toMatchObject({ status: 502, reason: 'tampered', file: 'tokenizer.json' });

  // unknown source: refused, and a client that prints the Hub's message says how to request it.
  await expect(AutoTokenizer.from_pretrained('other/unknown')).rejects.toThrow(/403|Forbidden/);
  await expect(downloadFile({ repo: 'other/unknown', path: 'config.json', hubUrl: g.gw.url })).rejects.toThrow(
    'other/unknown is not approved; to request it open a PR adding `other/unknown@<40-hex commit sha>` to approved-models.yaml'
  );
  expect(refusalOf('other/unknown')).toMatchObject({ status: 403, reason: 'not-approved' });
});
