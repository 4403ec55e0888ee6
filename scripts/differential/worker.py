"""The driver's side-car: generates inputs and runs the oracle on them, JSON lines in and out.

  {"op": "gen", "seed": S, "start": I, "count": N}  -> N lines {"i", "name", "family", "b64", "oracle"}, then {"done": true}
  {"op": "check", "id": X, "name": NAME, "b64": B}  -> one line {"id", "oracle"}
"""
import base64
import json
import os
import atexit
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import generate  # noqa: E402
import oracle  # noqa: E402


def main():
    sys.setrecursionlimit(5000)
    oracle.bound_memory()
    tmpdir = tempfile.mkdtemp(prefix='mg-diff-', dir=oracle._TMP)
    path = os.path.join(tmpdir, 'input.bin')
    atexit.register(shutil.rmtree, tmpdir, True)
    out = sys.stdout
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        req = json.loads(line)
        if req['op'] == 'gen':
            for i in range(req['start'], req['start'] + req['count']):
                name, family, data = generate.generate(req['seed'], i)
                with open(path, 'wb') as f:
                    f.write(data)
                res = oracle.examine(path, name, tmpdir)
                out.write(json.dumps({'i': i, 'name': name, 'family': family, 'b64': base64.b64encode(data).decode(), 'oracle': res}) + '\n')
            out.write('{"done": true}\n')
        else:
            data = base64.b64decode(req['b64'])
            with open(path, 'wb') as f:
                f.write(data)
            out.write(json.dumps({'id': req.get('id'), 'oracle': oracle.examine(path, req.get('name') or 'input.bin', tmpdir)}) + '\n')
        out.flush()


if __name__ == '__main__':
    main()
