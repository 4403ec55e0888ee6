// Which repository and revision a snippet loads with trust_remote_code=True, checked against CPython: python3
// parses each snippet with ast (never running it), resolves module-level `name = "literal"` bindings, and reports
// for each call with the keyword trust_remote_code=True its first positional argument (or model keyword) and its
// revision keyword, when they are literals.
import { execFileSync } from 'node:child_process';
import { remoteCodeLoads } from '../../src/analyze/loads.js';

const ORACLE = `
import ast, json, sys
KW = {'pretrained_model_name_or_path', 'model', 'model_name_or_path', 'model_id', 'repo_id', 'custom_generate'}
out = []
for src in json.load(sys.stdin):
    tree = ast.parse(src)
    consts = {}
    for st in tree.body:
        if isinstance(st, ast.Assign) and len(st.targets) == 1 and isinstance(st.targets[0], ast.Name) and isinstance(st.value, ast.Constant) and isinstance(st.value.value, str):
            consts[st.targets[0].id] = st.value.value
    def val(e):
        if isinstance(e, ast.Constant) and isinstance(e.value, str): return e.value
        if isinstance(e, ast.Name): return consts.get(e.id)
        return None
    loads = []
    for n in ast.walk(tree):
        if not isinstance(n, ast.Call): continue
        kws = {k.arg: k.value for k in n.keywords if k.arg}
        t = kws.get('trust_remote_code')
        if not (isinstance(t, ast.Constant) and t.value is True): continue
        repo = None
        if n.args and not isinstance(n.args[0], ast.Starred): repo = val(n.args[0])
        for k in n.keywords:
            if k.arg in KW and val(k.value) is not None: repo = val(k.value)
        rev = val(kws['revision']) if 'revision' in kws else None
        loads.append({'line': t.lineno, 'repo': repo, 'revision': rev})
    loads.sort(key=lambda x: x['line'])
    out.append(loads)
print(json.dumps(out))
`;

const SNIPPETS = [
  'from transformers import AutoModel\nmodel = AutoModel.from_pretrained("org/m", trust_remote_code=True, revision="v2-fast")\n',
  'from transformers import AutoModel\n\nmodel_id = "org/m"\nmodel = AutoModel.from_pretrained(\n    model_id,\n    torch_dtype="auto",\n    trust_remote_code=True,\n)\n',
  'import transformers\npipe = transformers.pipeline("feature-extraction", model="other/impl", trust_remote_code=True)\n',
  'from transformers import AutoModel\nm = AutoModel.from_pretrained(pretrained_model_name_or_path="a/b", revision=\'0123abcd\', trust_remote_code=True)\nm.load_adapter("c/d")\n',
  'kw = dict(device_map="auto")\nm = AutoModel.from_pretrained(**kw, trust_remote_code=True)\n',
  'out = model.generate(**tok(["x, y"], return_tensors="pt"), custom_generate="lab/dola", trust_remote_code=True)\n',
  'm = AutoModel.from_pretrained(f"{ORG}/m", trust_remote_code=True)\nn = AutoModel.from_pretrained("x/y", trust_remote_code=False)\n',
  'REV = "refs/pr/3"\nm = SentenceTransformer("nomic-ai/nomic-embed", trust_remote_code=True, revision=REV)\n'
];

test('the repository and revision of each remote-code load agree with CPython\'s ast', () => {
  const oracle = JSON.parse(execFileSync('python3', ['-c', ORACLE], { input: JSON.stringify(SNIPPETS), encoding: 'utf8' })) as { line: number; repo: string | null; revision: string | null }[][];
  const ours = SNIPPETS.map((s) => remoteCodeLoads(s).map((l) => ({ line: l.line, repo: l.repo ?? null, revision: l.revision ?? null })));
  expect(ours).toEqual(oracle);
  expect(oracle.flat().length).toBeGreaterThanOrEqual(8); // the oracle saw the loads (it can fail)
});

test('bounded on hostile text', () => {
  const text = `${'('.repeat(20_000)}trust_remote_code=True ${'x=True, '.repeat(5_000)}`.repeat(4);
  expect(remoteCodeLoads(text).length).toBeLessThanOrEqual(64);
});
