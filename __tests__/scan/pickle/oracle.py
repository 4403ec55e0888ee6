# CPython as the oracle for the pickle VM's tests. Reads JSON from stdin, writes JSON to stdout.
# Every input is a pickle the test built itself (never a model file). Nothing is imported or called: find_class
# records (module, name) and returns a stand-in that records calls; persistent ids load as stand-ins.
#   {"mode": "text", "cases": [hex]}    each case: one opcode line (op + argument, no newline); for the C unpickler
#                                        (pickle.loads) and the Python one (pickle._loads): value repr or error.
#   {"mode": "globals", "cases": [hex]} each case: a stream; for both unpicklers, repeated Unpickler(f).load() on
#                                        io.BytesIO and on a buffered file (peek): globals resolved per load and the
#                                        file position after it, until an error or the end.
import io, json, os, pickle, sys, tempfile, warnings

warnings.simplefilter('ignore')


class Stand:
    def __init__(self, *a, **k): pass
    def __call__(self, *a, **k): return Stand()
    def __setstate__(self, state): pass
    def __getattr__(self, name): return Stand()
    def __reduce__(self): return (Stand, ())


def recorder(base, log):
    class R(base):
        def find_class(self, module, name):
            log.append(f"{module}.{name}")
            return Stand
        def persistent_load(self, pid):
            return Stand()
    return R


def text(cases):
    out = []
    for h in cases:
        b = bytes.fromhex(h) + b"\n."
        row = {}
        for key, loads in (("c", pickle.loads), ("py", pickle._loads)):
            try:
                v = loads(b)
            except Exception as e:
                row[key] = {"ok": False, "error": type(e).__name__}
                continue
            try:
                shown = repr(v)
            except ValueError:  # an int too long for str(): show it in hex, which has no digit limit
                shown = hex(v)
            row[key] = {"ok": True, "value": shown, "type": type(v).__name__}
        out.append(row)
    return out


def loads_all(data, base, peek):
    log = []
    R = recorder(base, log)
    runs = []
    if peek:
        fd, path = tempfile.mkstemp()
        os.write(fd, data)
        os.close(fd)
        f = open(path, "rb")
    else:
        f = io.BytesIO(data)
    try:
        while f.tell() < len(data) and len(runs) < 20:
            start = len(log)
            try:
                R(f).load()
                runs.append({"globals": log[start:], "end": f.tell()})
            except Exception as e:
                runs.append({"globals": log[start:], "error": type(e).__name__})
                break
    finally:
        f.close()
        if peek:
            os.unlink(path)
    return runs


def globals_(cases):
    out = []
    for h in cases:
        data = bytes.fromhex(h)
        out.append({
            "c_bytesio": loads_all(data, pickle.Unpickler, False),
            "c_file": loads_all(data, pickle.Unpickler, True),
            "py_bytesio": loads_all(data, pickle._Unpickler, False),
        })
    return out


req = json.load(sys.stdin)
res = text(req["cases"]) if req["mode"] == "text" else globals_(req["cases"])
json.dump(res, sys.stdout)
