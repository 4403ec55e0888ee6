// Code loaded from another repository is outside the review. When that repository belongs to the same publisher
// (jinaai/jina-embeddings-v3 → jinaai/xlm-roberta-flash-implementation, nomic-ai/nomic-embed-text-v1.5 →
// nomic-ai/nomic-bert-2048: shared implementation repositories), it is the same party's unpinned code: medium, so a
// reviewer reads it. Any other owner, including a lookalike of the publisher, stays high.
import { runContentChecks } from '../../../src/checks/content/index.js';
import { repoOf } from './repo.js';

const config = (target: string): string => JSON.stringify({ model_type: 'x', auto_map: { AutoConfig: `${target}--configuration_x.XConfig`, AutoModel: `${target}--modeling_x.XModel` } });
const modules = (target: string): string => JSON.stringify([{ idx: 0, name: '0', path: '', type: `${target}--custom_st.Transformer` }]);

function crossRepo(self: string | undefined, files: Record<string, string>): string[] {
  const repo = { ...repoOf(files), ...(self ? { repo: self } : {}) };
  return runContentChecks(repo).filter((f) => f.check === 'remote-code.cross-repo').map((f) => `${f.severity} ${f.file}`);
}

describe('remote-code.cross-repo grades the other repository by its owner', () => {
  test.each([
    ['nomic-ai/nomic-embed-text-v1.5', 'nomic-ai/nomic-bert-2048', 'medium'],
    ['jinaai/jina-embeddings-v3', 'JinaAI/xlm-roberta-flash-implementation', 'medium'],
    ['nomic-ai/nomic-embed-text-v1.5', 'nomic-al/nomic-bert-2048', 'high'],
    ['nomic-ai/nomic-embed-text-v1.5', 'helpers/nomic-bert-2048', 'high'],
    [undefined, 'nomic-ai/nomic-bert-2048', 'high']
  ])('%s loading %s: %s', (self, target, severity) => {
    expect(crossRepo(self, { 'config.json': config(target) })).toEqual([`${severity} config.json`]);
    expect(crossRepo(self, { 'modules.json': modules(target) })).toEqual([`${severity} modules.json`]);
  });
});
