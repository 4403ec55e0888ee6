"""The differential oracle: what CPython's own parsers make of a file, read the way each real loader reads it.

Every global is resolved through a recording ``find_class`` that returns an inert stub class: nothing is
imported, nothing from the file is ever called. The C unpickler (``_pickle.Unpickler``) is the oracle for
``pickle.load``/``torch.load``/``np.load``; joblib's loader uses the pure-Python ``pickle._Unpickler`` (as joblib
itself does). Containers go through ``zipfile``, ``tarfile`` and ``json`` themselves; torch's zip reader (miniz)
is emulated from its source, since torch is not installed here.

Usage:
  python3 oracle.py FILE...            one JSON object per file on stdout
  python3 oracle.py --serve            JSON lines in ({"id", "name", "b64"}), JSON lines out (used by the driver)

Loaders reported (each: globals resolved, in order; error and stop position, when there is one):
  pickle          pickle.load repeated on one open(path, 'rb') until EOF or the first error (stacked pickles)
  torch-legacy    torch.load of a non-zip file: the legacy tar layout if tarfile reads one, else the five pickles
                  (magic number, protocol, sys_info, data, storage keys) with torch's checks between them
  joblib          joblib.load: optional decompression, pickle._Unpickler with NumpyArrayWrapper reading the raw
                  array bytes (or a nested pickle for object arrays) straight from the file
  numpy           np.load(allow_pickle=True) of a .npy: the header parsed like numpy, then one pickle when the
                  dtype holds objects
  torch-zip       torch.load of a zip: miniz's end-record and record lookup, then data.pkl with one load
  zip:NAME:...    every member zipfile lists, read with zipfile, then the pickle and numpy loaders on its bytes
  tar:NAME:...    every member tarfile.open lists as a file, then the pickle loader on its bytes
"""
import ast
import base64
import io
import json
import os
import pickle
import signal
import struct
import sys
import tarfile
import tempfile
import zipfile
import zlib
import bz2
import lzma
import _compat_pickle
import _pickle

try:  # numpy, when present, sizes dtypes exactly as joblib and np.load would; without it a documented subset.
    if os.environ.get('MG_ORACLE_NO_NUMPY'):
        raise ImportError
    import numpy as _np
    try:
        from numpy.lib import _format_impl as _npformat  # numpy 2: the helpers np.load itself calls
    except ImportError:
        from numpy.lib import format as _npformat
except Exception:  # noqa: BLE001
    _np = None
    _npformat = None

MAX_PICKLES = 256
# Inputs are written to memory-backed storage when there is one: the oracle opens each file several times.
_TMP = '/dev/shm' if os.path.isdir('/dev/shm') and os.access('/dev/shm', os.W_OK) else None
MAX_MEMBERS = 64
MAX_DECOMPRESSED = 64 * 1024 * 1024
TIMEOUT_S = 5
TORCH_MAGIC = 0x1950a86a20f9469cfc6c
TORCH_PROTOCOL = 1001
# torch's legacy storage classes and their element sizes (torch/storage.py, _get_dtype_from_pickle_storage_type).
TORCH_STORAGE_SIZES = {
    'DoubleStorage': 8, 'FloatStorage': 4, 'HalfStorage': 2, 'LongStorage': 8, 'IntStorage': 4, 'ShortStorage': 2,
    'CharStorage': 1, 'ByteStorage': 1, 'BoolStorage': 1, 'BFloat16Storage': 2, 'ComplexDoubleStorage': 16,
    'ComplexFloatStorage': 8, 'QUInt8Storage': 1, 'QInt8Storage': 1, 'QInt32Storage': 4, 'QUInt4x2Storage': 1,
    'QUInt2x4Storage': 1, 'UntypedStorage': 1,
}


# ───────────────────────────── inert stubs ─────────────────────────────

class _StubMeta(type):
    """Classes returned by find_class: any attribute of the class is another stub class."""

    def __getattr__(cls, attr):
        if attr.startswith('__') and attr.endswith('__') and attr not in ('__setstate__', '__getinitargs__'):
            raise AttributeError(attr)
        return _stub_class(getattr(cls, '_mg_module', '?'), f"{getattr(cls, '_mg_name', '?')}.{attr}")


class Stub(metaclass=_StubMeta):
    """An instance stands for whatever a call returned; calls and attributes give more stubs, nothing runs."""
    _mg_module = '?'
    _mg_name = '?'

    def __new__(cls, *args, **kwargs):
        self = object.__new__(cls)
        object.__setattr__(self, '_mg_args', args)
        object.__setattr__(self, '_mg_kwargs', kwargs)
        object.__setattr__(self, '_mg_state', None)
        return self

    def __init__(self, *args, **kwargs):
        pass

    def __setstate__(self, state):
        object.__setattr__(self, '_mg_state', state)

    def __getattr__(self, attr):
        if attr.startswith('__') and attr.endswith('__'):
            raise AttributeError(attr)
        return Stub()

    def __call__(self, *args, **kwargs):
        return Stub(*args, **kwargs)

    def __setitem__(self, k, v):
        pass

    def __setattr__(self, k, v):
        pass


def _stub_class(module, name):
    return _StubMeta(str(name)[:60] or 'Stub', (Stub,), {'_mg_module': module, '_mg_name': name})


def _short(v, n=120):
    try:
        r = repr(v)
    except Exception:  # noqa: BLE001
        r = '<unrepresentable>'
    return r if len(r) <= n else r[:n] + '…'


def _importable(module, name):
    """Whether `import module` and the attribute walk can succeed at all: dotted identifiers only."""
    return all(p.isidentifier() for p in module.split('.')) and all(p.isidentifier() for p in name.split('.'))


class Record:
    """What one loader saw: globals in order, persistent ids, the error that stopped it."""

    def __init__(self, loader):
        self.loader = loader
        self.globals = []
        self.odd = []
        self.persistent = []
        self.pids = []
        self.error = None
        self.pos = None
        self.pickles = 0
        self.notes = []

    def glob(self, module, name):
        # The name CPython's default find_class would import: protocol < 3 pickles get Python 2 names mapped.
        alt = _compat_pickle.NAME_MAPPING.get((module, name)) or (_compat_pickle.IMPORT_MAPPING.get(module, module), name)
        if not _importable(module, name):
            # find_class would fail on it (`__import__('os\r')`): recorded apart, never counted as resolved.
            if len(self.odd) < 20:
                self.odd.append([module, name])
            return
        if len(self.globals) < 2000:
            self.globals.append([module, name] if tuple(alt) == (module, name) else [module, name, alt[0], alt[1]])

    def out(self):
        d = {'loader': self.loader, 'globals': self.globals, 'pickles': self.pickles}
        if self.persistent:
            d['persistent'] = self.persistent[:20]
        if self.odd:
            d['unimportable'] = self.odd
        if self.error is not None:
            d['error'] = self.error
        if self.pos is not None:
            d['pos'] = self.pos
        if self.notes:
            d['notes'] = self.notes
        return d


def _err(e):
    return f'{type(e).__name__}: {str(e)[:200]}'


def recording_c_unpickler(rec, *, persistent=True):
    """A C unpickler class whose find_class records and returns a stub class; never imports."""

    class R(_pickle.Unpickler):
        def find_class(self, module, name):
            # __import__('') raises ValueError whatever is installed: the real loader stops here.
            if module == '':
                raise ValueError('Empty module name')
            rec.glob(module, name)
            return _stub_class(module, name)

        if persistent:
            def persistent_load(self, pid):
                rec.persistent.append(_short(pid, 200))
                if len(rec.pids) < 100000:
                    rec.pids.append(pid)
                st = Stub()
                object.__setattr__(st, '_mg_pid', pid)
                return st
    return R


def recording_py_unpickler(rec):
    """joblib's unpickler is the pure-Python one (numpy_pickle_utils.Unpickler = pickle._Unpickler)."""

    class R(pickle._Unpickler):
        def find_class(self, module, name):
            # __import__('') raises ValueError whatever is installed: the real loader stops here.
            if module == '':
                raise ValueError('Empty module name')
            rec.glob(module, name)
            return _stub_class(module, name)
    return R


def _at_eof(f):
    try:
        return f.peek(1) == b''
    except AttributeError:
        pos = f.tell()
        b = f.read(1)
        f.seek(pos)
        return b == b''


# ───────────────────────────── loaders over a path ─────────────────────────────

def load_stacked(path, loader='pickle', encoding='ASCII'):
    """pickle.load(f) until EOF: what any loader that reads pickles one after another would resolve."""
    rec = Record(loader)
    U = recording_c_unpickler(rec)
    with open(path, 'rb') as f:
        while rec.pickles < MAX_PICKLES:
            if _at_eof(f):
                break
            try:
                U(f, encoding=encoding).load()
            except Exception as e:  # noqa: BLE001
                rec.error = _err(e)
                rec.pos = f.tell()
                break
            rec.pickles += 1
        else:
            rec.notes.append(f'stopped after {MAX_PICKLES} pickles')
        if rec.error is None:
            rec.pos = f.tell()
    return rec


def load_pickle_family(path, prefix=''):
    """The stacked loader with Python 3's default encoding, and again with latin1/bytes when text decoding stopped it."""
    recs = [load_stacked(path, prefix + 'pickle')]
    if recs[0].error and 'Decode' in recs[0].error:
        recs.append(load_stacked(path, prefix + 'pickle(latin1)', 'latin1'))
    return recs


def _skip_exactly(f, n):
    """Reads past n bytes in bounded pieces (a huge stated size must not become one huge allocation)."""
    if n < 0:
        raise RuntimeError('negative storage size')
    while n > 0:
        got = len(f.read(min(n, 1 << 24)))
        if got == 0:
            raise RuntimeError('storage data truncated')
        n -= got


def load_torch_legacy(path):
    rec = Record('torch-legacy')
    with open(path, 'rb') as f:
        if f.read(4) == b'PK\x03\x04':
            return None  # torch.load takes the zip path
        f.seek(0)
        try:
            tf = tarfile.open(fileobj=f, mode='r:', format=tarfile.PAX_FORMAT)
        except tarfile.TarError:
            tf = None
        except Exception as e:  # noqa: BLE001
            rec.error = 'tar: ' + _err(e)
            return rec
        if tf is not None:
            rec.loader = 'torch-legacy-tar'
            _torch_legacy_tar(tf, rec)
            return rec
        f.seek(0)
        U = recording_c_unpickler(rec)
        try:
            magic = U(f, encoding='utf-8').load()
            rec.pickles += 1
            if magic != TORCH_MAGIC:
                rec.error = 'RuntimeError: Invalid magic number; corrupt file?'
                return rec
            proto = U(f, encoding='utf-8').load()
            rec.pickles += 1
            if proto != TORCH_PROTOCOL:
                rec.error = f'RuntimeError: Invalid protocol version: {_short(proto, 40)}'
                return rec
            U(f, encoding='utf-8').load()
            rec.pickles += 1
            U(f, encoding='utf-8').load()
            rec.pickles += 1
            keys = U(f, encoding='utf-8').load()
            rec.pickles += 1
            # The raw storages, in key order: an 8-byte element count that must match, then the bytes.
            storages = {}
            for pid in rec.pids:
                if isinstance(pid, tuple) and len(pid) >= 5 and pid[0] == 'storage':
                    storages.setdefault(pid[2], (TORCH_STORAGE_SIZES.get(str(getattr(pid[1], '_mg_name', ''))), pid[4]))
            for key in keys:
                if key not in storages:
                    raise AssertionError(f'storage key {_short(key, 40)} was not loaded')
                elsize, numel = storages[key]
                if elsize is None or not isinstance(numel, int):
                    raise AttributeError('storage type has no element size')
                h = f.read(8)
                if len(h) != 8:
                    raise RuntimeError('storage header truncated')
                count = struct.unpack('<q', h)[0]
                if count * elsize != numel * elsize:
                    raise RuntimeError(f'storage has wrong byte size: expected {numel * elsize} got {count * elsize}')
                _skip_exactly(f, count * elsize)
        except Exception as e:  # noqa: BLE001
            rec.error = _err(e)
        rec.pos = f.tell()
    return rec


def _torch_legacy_tar(tf, rec):
    """torch/serialization.py legacy_load: storages, tensors, then pickle, each extracted and read in turn."""
    U = recording_c_unpickler(rec)

    def member(name):
        ti = tf.getmember(name)
        data = tf.extractfile(ti)
        if data is None:
            raise KeyError(name)
        return io.BufferedReader(io.BytesIO(data.read()), 1)

    try:
        f = member('storages')
        n = U(f, encoding='utf-8').load()
        rec.pickles += 1
        for _ in range(int(n)):
            args = U(f, encoding='utf-8').load()
            rec.pickles += 1
            _key, _loc, st = args
            size = TORCH_STORAGE_SIZES.get(str(getattr(st, '_mg_name', '')))
            if size is None:
                raise AttributeError('storage type without _dtype')
            numel = struct.unpack('<q', f.read(8))[0]
            _skip_exactly(f, numel * size)
        U(f, encoding='utf-8').load()
        rec.pickles += 1
        f = member('tensors')
        n = U(f, encoding='utf-8').load()
        rec.pickles += 1
        for _ in range(int(n)):
            U(f, encoding='utf-8').load()
            rec.pickles += 1
            ndim = struct.unpack('<i', f.read(4))[0]
            f.read(4)
            f.read(16 * ndim + 8)
        f = member('pickle')
        U(f, encoding='utf-8').load()
        rec.pickles += 1
    except Exception as e:  # noqa: BLE001
        rec.error = _err(e)


JOBLIB_WRAPPERS = {('joblib.numpy_pickle', 'NumpyArrayWrapper'), ('sklearn.externals.joblib.numpy_pickle', 'NumpyArrayWrapper')}
JOBLIB_COMPAT = {('joblib.numpy_pickle_compat', 'NDArrayWrapper'), ('joblib.numpy_pickle', 'NDArrayWrapper'),
                 ('joblib.numpy_pickle_compat', 'ZNDArrayWrapper'), ('joblib.numpy_pickle', 'ZNDArrayWrapper')}
# joblib/compressor.py prefixes, checked in registration order; the ZF prefix is joblib < 0.10 ("compat").
JOBLIB_COMPRESSORS = [('zlib', b'\x78'), ('gzip', b'\x1f\x8b'), ('bz2', b'BZh'), ('lzma', b'\x5d\x00'),
                      ('xz', b'\xfd\x37\x7a\x58\x5a'), ('lz4', b'\x04\x22\x4d\x18')]


def _state_dict(stub):
    st = getattr(stub, '_mg_state', None) if isinstance(stub, Stub) else None
    if isinstance(st, tuple) and len(st) == 2:
        d = dict(st[0] or {})
        d.update(st[1] or {})
        return d
    if isinstance(st, dict):
        return st
    raise AttributeError('NumpyArrayWrapper has no state')


def _real_dtype(v, depth=0):
    """A numpy.dtype(...) stub rebuilt as numpy's own dtype (numpy parses the descr; nothing else is called)."""
    if depth > 8:
        raise ValueError('dtype nests too deeply')
    if _np is not None and isinstance(v, _np.dtype):
        return v
    if not (isinstance(v, Stub) and (type(v)._mg_module, type(v)._mg_name) in (('numpy', 'dtype'), ('numpy.core.multiarray', 'dtype'))):
        raise TypeError('dtype is not numpy.dtype(...)')
    args = v._mg_args
    if _np is None:
        raise RuntimeError('numpy not available')
    if not args or not isinstance(args[0], str):
        raise TypeError('dtype code is not a str')
    dt = _np.dtype(args[0], *[bool(a) for a in args[1:3]])
    st = v._mg_state
    if st is not None:
        st = list(st) if isinstance(st, tuple) else st
        if isinstance(st, list):
            if len(st) > 2 and isinstance(st[2], tuple) and st[2]:
                st[2] = (_real_dtype(st[2][0], depth + 1),) + tuple(st[2][1:])
            if len(st) > 4 and isinstance(st[4], dict):
                st[4] = {k: ((_real_dtype(t[0], depth + 1),) + tuple(t[1:]) if isinstance(t, tuple) and t else t) for k, t in st[4].items()}
            dt.__setstate__(tuple(st))
        else:
            raise TypeError('dtype state is not a tuple')
    return dt


def _dtype_info(v):
    """(itemsize, hasobject) of the wrapper's dtype: numpy's answer, or a small documented subset without numpy."""
    if _np is not None:
        dt = _real_dtype(v)
        return dt.itemsize, bool(dt.hasobject)
    if not (isinstance(v, Stub) and type(v)._mg_name == 'dtype'):
        raise TypeError('dtype is not numpy.dtype(...)')
    code = v._mg_args[0] if v._mg_args else None
    if not isinstance(code, str):
        raise TypeError('dtype code is not a str')
    import re
    m = re.fullmatch(r'[<>|=]?([biufcOSUV?])(\d*)', code)
    if not m:
        raise TypeError('dtype code not understood without numpy')
    kind, n = m.group(1), m.group(2)
    st = v._mg_state
    if isinstance(st, tuple) and len(st) > 5 and (st[2] is not None or st[3] is not None):
        raise TypeError('structured dtype needs numpy')
    if kind == 'O':
        return 8, True
    size = int(n) if n else {'?': 1, 'b': 1}.get(kind)
    if kind == 'U' and size is not None:
        size *= 4
    if isinstance(st, tuple) and len(st) > 5 and isinstance(st[5], int) and st[5] > 0 and kind in 'SUV':
        size = st[5]
    if size is None:
        raise TypeError('dtype size unknown without numpy')
    return size, False


def _int64(x):
    if _np is not None:
        return int(_np.int64(x))
    if isinstance(x, bool) or not isinstance(x, int):
        raise TypeError('shape entry is not an int')
    return x


def load_joblib(path):
    rec = Record('joblib')
    with open(path, 'rb') as raw:
        first = raw.peek(5)[:5]
        if first.startswith(b'ZF'):
            rec.notes.append('joblib < 0.10 compat format (zlib-compressed pickle after a ZF header)')
            rec.error = 'compat format not emulated'
            return rec
        fobj = raw
        for name, prefix in JOBLIB_COMPRESSORS:
            if first.startswith(prefix):
                rec.notes.append(f'decompressed {name}')
                try:
                    data = _decompress(name, raw.read())
                except Exception as e:  # noqa: BLE001
                    rec.error = f'{name}: {_err(e)}'
                    return rec
                fobj = io.BufferedReader(io.BytesIO(data), 1024 * 1024)
                break
        _joblib_unpickle(fobj, rec)
    return rec


def _decompress(name, data):
    if name == 'zlib':
        d = zlib.decompressobj(15)
    elif name == 'gzip':
        d = zlib.decompressobj(31)
    elif name == 'bz2':
        d = bz2.BZ2Decompressor()
    elif name in ('lzma', 'xz'):
        d = lzma.LZMADecompressor(lzma.FORMAT_ALONE if name == 'lzma' else lzma.FORMAT_XZ)
    else:
        raise RuntimeError('lz4 is not in the standard library')
    out = d.decompress(data, MAX_DECOMPRESSED)
    return out


def _joblib_unpickle(fobj, rec):
    Base = recording_py_unpickler(rec)
    find_class = Base.find_class

    class NumpyUnpickler(Base):
        dispatch = Base.dispatch.copy()

        def load_build(self):
            pickle._Unpickler.load_build(self)
            top = self.stack[-1]
            key = (type(top)._mg_module, type(top)._mg_name) if isinstance(top, Stub) else None
            if key in JOBLIB_COMPAT:
                self.stack.pop()
                self.stack.append(Stub())  # reads a companion file by name, never this stream
            elif key in JOBLIB_WRAPPERS:
                self.stack.pop()
                self.stack.append(_joblib_read_array(self, top))
        dispatch[pickle.BUILD[0]] = load_build

    def _joblib_read_array(unpickler, wrapper):
        d = _state_dict(wrapper)
        shape = d['shape']
        if len(shape) == 0:
            count = 1
        else:
            count = 1
            for x in shape:
                count *= _int64(x)
        itemsize, hasobject = _dtype_info(d['dtype'])
        if hasobject:
            inner = Base(fobj)
            inner.find_class = lambda m, n: find_class(inner, m, n)
            inner.load()
            return Stub()
        align = d.get('numpy_array_alignment_bytes')
        if align is not None:
            pad = fobj.read(1)
            n = int.from_bytes(pad, 'little')
            if n != 0:
                fobj.read(n)
        want = count * itemsize
        if want < 0:
            raise ValueError('negative dimensions are not allowed')
        got = 0
        while got < want:
            chunk = fobj.read(min(want - got, 1 << 24))
            if not chunk:
                raise ValueError(f'EOF: reading array data, expected {want} bytes got {got}')
            got += len(chunk)
        return Stub()

    try:
        NumpyUnpickler(fobj).load()
        rec.pickles = 1
    except Exception as e:  # noqa: BLE001
        rec.error = _err(e)
    try:
        rec.pos = fobj.tell()
    except Exception:  # noqa: BLE001
        pass


def _npy_header(f):
    """(hasobject) of an .npy header, parsed as numpy parses it (numpy.lib.format when present)."""
    if _npformat is not None:
        version = _npformat.read_magic(f)
        if hasattr(_npformat, '_check_version'):
            _npformat._check_version(version)
        _shape, _fortran, dtype = _npformat._read_array_header(f, version, max_header_size=2 ** 64)
        return bool(dtype.hasobject)
    magic = f.read(8)
    if len(magic) != 8 or magic[:6] != b'\x93NUMPY':
        raise ValueError('not npy')
    major = magic[6]
    if major == 1:
        hlen = struct.unpack('<H', f.read(2))[0]
    elif major in (2, 3):
        hlen = struct.unpack('<I', f.read(4))[0]
    else:
        raise ValueError('unsupported version')
    header = f.read(hlen)
    if len(header) != hlen:
        raise ValueError('EOF in header')
    text = header.decode('utf8' if major == 3 else 'latin1')
    d = ast.literal_eval(text)
    if not isinstance(d, dict) or sorted(d) != ['descr', 'fortran_order', 'shape']:
        raise ValueError('bad header keys')
    descr = d['descr']

    def has_o(x):
        if isinstance(x, str):
            return x.lstrip('<>|=').startswith('O') or x == 'object'
        if isinstance(x, (list, tuple)):
            return any(has_o(y) for y in x)
        return False
    return has_o(descr)


def load_numpy(path, loader='numpy'):
    rec = Record(loader)
    with open(path, 'rb') as f:
        magic = f.read(6)
        f.seek(0)
        if magic != b'\x93NUMPY':
            return None
        try:
            if not _npy_header(f):
                rec.notes.append('plain array')
                return rec
            U = recording_c_unpickler(rec, persistent=False)
            U(f, encoding='ASCII', fix_imports=True).load()
            rec.pickles = 1
        except Exception as e:  # noqa: BLE001
            rec.error = _err(e)
        rec.pos = f.tell()
    return rec


# ───────────────────────────── torch's zip reader (miniz) ─────────────────────────────

def _le(b, o, n):
    return int.from_bytes(b[o:o + n], 'little')


def miniz_read(data):
    """miniz's mz_zip_reader_read_central_dir as PyTorchStreamReader uses it; returns (entries, sorted, info)."""
    size = len(data)
    if size < 22:
        raise ValueError('not an archive')
    # Backwards scan in 4 KiB windows overlapping by 3 bytes: the last signature with room for the record.
    cur = max(size - 4096, 0)
    found = -1
    while True:
        n = min(4096, size - cur)
        buf = data[cur:cur + n]
        for i in range(n - 4, -1, -1):
            if buf[i:i + 4] == b'PK\x05\x06' and size - (cur + i) >= 22:
                found = cur + i
                break
        if found >= 0:
            break
        if cur == 0 or size - cur >= 0xffff + 22:
            raise ValueError('failed finding central directory')
        cur = max(cur - (4096 - 3), 0)
    e = found
    total = _le(data, e + 10, 2)
    on_disk = _le(data, e + 8, 2)
    this_disk = _le(data, e + 4, 2)
    cd_disk = _le(data, e + 6, 2)
    cd_size = _le(data, e + 12, 4)
    cd_ofs = _le(data, e + 16, 4)
    zip64 = False
    if e >= 20 + 56:
        loc = data[e - 20:e]
        if loc[:4] == b'PK\x06\x07':
            z64 = _le(loc, 8, 8)
            if z64 > size - 56:
                raise ValueError('not an archive (zip64 locator)')
            rec = data[z64:z64 + 56]
            if len(rec) == 56 and rec[:4] == b'PK\x06\x06':
                zip64 = True
                if _le(rec, 4, 8) < 56 - 12:
                    raise ValueError('invalid zip64 record')
                if _le(loc, 16, 4) != 1:
                    raise ValueError('multidisk')
                total = _le(rec, 32, 8)
                on_disk = _le(rec, 24, 8)
                cd_size = _le(rec, 40, 8)
                this_disk = _le(rec, 16, 4)
                cd_disk = _le(rec, 20, 4)
                cd_ofs = _le(rec, 48, 8)
                if total > 0xffffffff or on_disk > 0xffffffff or cd_size > 0xffffffff:
                    raise ValueError('zip64 limits')
    if total != on_disk:
        raise ValueError('multidisk')
    if (this_disk | cd_disk) != 0 and (this_disk != 1 or cd_disk != 1):
        raise ValueError('multidisk')
    if cd_size < total * 46:
        raise ValueError('invalid central directory size')
    if cd_ofs + cd_size > size:
        raise ValueError('central directory outside the file')
    cd = data[cd_ofs:cd_ofs + cd_size]
    entries = []
    p = 0
    n = cd_size
    for _ in range(total):
        if n < 46 or cd[p:p + 4] != b'PK\x01\x02':
            raise ValueError('bad central directory entry')
        comp = _le(cd, p + 20, 4)
        decomp = _le(cd, p + 24, 4)
        local = _le(cd, p + 42, 4)
        method = _le(cd, p + 10, 2)
        flags = _le(cd, p + 8, 2)
        nlen = _le(cd, p + 28, 2)
        xlen = _le(cd, p + 30, 2)
        clen = _le(cd, p + 32, 2)
        name = cd[p + 46:p + 46 + nlen]
        extra = cd[p + 46 + nlen:p + 46 + nlen + xlen]
        if max(comp, decomp, local) == 0xffffffff:
            x = 0
            while x + 4 <= len(extra):
                fid, fl = _le(extra, x, 2), _le(extra, x + 2, 2)
                if fid == 1:
                    q = x + 4
                    if decomp == 0xffffffff:
                        decomp = _le(extra, q, 8); q += 8
                    if comp == 0xffffffff:
                        comp = _le(extra, q, 8); q += 8
                    if local == 0xffffffff:
                        local = _le(extra, q, 8); q += 8
                    break
                x += 4 + fl
        if comp != 0xffffffff and decomp != 0xffffffff:
            if (method == 0 and decomp != comp) or (decomp and not comp):
                raise ValueError('invalid sizes')
        disk_index = _le(cd, p + 34, 2)
        if disk_index == 0xffff or (disk_index != this_disk and disk_index != 1):
            raise ValueError('multidisk entry')
        if local + 30 + comp > size:
            raise ValueError('entry outside the file')
        if flags & 0x2000:
            raise ValueError('masked local directory')
        total_hdr = 46 + nlen + xlen + clen
        if total_hdr > n:
            raise ValueError('entry runs past the directory')
        entries.append({'name': name, 'method': method, 'flags': flags, 'comp': comp, 'decomp': decomp, 'local': local})
        n -= total_hdr
        p += total_hdr

    def less(a, b):
        x, y = entries[a]['name'].lower(), entries[b]['name'].lower()
        return x < y if x[:min(len(x), len(y))] != y[:min(len(x), len(y))] else len(x) < len(y)

    idx = list(range(len(entries)))
    size_n = len(idx)
    if size_n > 1:  # miniz's heap sort, which decides which duplicate a lookup finds
        start = (size_n - 2) >> 1
        while True:
            root = start
            while True:
                child = (root << 1) + 1
                if child >= size_n:
                    break
                if child + 1 < size_n and less(idx[child], idx[child + 1]):
                    child += 1
                if not less(idx[root], idx[child]):
                    break
                idx[root], idx[child] = idx[child], idx[root]
                root = child
            if not start:
                break
            start -= 1
        end = size_n - 1
        while end > 0:
            idx[end], idx[0] = idx[0], idx[end]
            root = 0
            while True:
                child = (root << 1) + 1
                if child >= end:
                    break
                if child + 1 < end and less(idx[child], idx[child + 1]):
                    child += 1
                if not less(idx[root], idx[child]):
                    break
                idx[root], idx[child] = idx[child], idx[root]
                root = child
            end -= 1
    return entries, idx, {'eocd': e, 'zip64': zip64, 'cdOffset': cd_ofs, 'cdSize': cd_size, 'total': total}


def _mz_cmp(a, b):
    a, b = a.lower(), b.lower()
    k = min(len(a), len(b))
    if a[:k] != b[:k]:
        return -1 if a[:k] < b[:k] else 1
    return len(a) - len(b)


def miniz_locate(entries, idx, name):
    lo, hi = 0, len(idx) - 1
    while lo <= hi:
        m = lo + ((hi - lo) >> 1)
        c = _mz_cmp(entries[idx[m]]['name'], name)
        if c == 0:
            return idx[m]
        if c < 0:
            lo = m + 1
        else:
            hi = m - 1
    return None


def miniz_extract(data, e):
    lo = e['local']
    h = data[lo:lo + 30]
    if len(h) != 30 or h[:4] != b'PK\x03\x04':
        raise ValueError('invalid local header')
    start = lo + 30 + _le(h, 26, 2) + _le(h, 28, 2)
    if start + e['comp'] > len(data):
        raise ValueError('entry data outside the file')
    if e['flags'] & 0x41:
        raise ValueError('encrypted')
    raw = data[start:start + e['comp']]
    if e['method'] == 0:
        return raw
    if e['method'] != 8:
        raise ValueError('unsupported method')
    d = zlib.decompressobj(-15)
    out = d.decompress(raw, e['decomp'] + 1)
    if len(out) != e['decomp'] or not d.eof:
        raise ValueError('unexpected decompressed size')
    return out  # PyTorch builds miniz with MINIZ_DISABLE_ZIP_READER_CRC32_CHECKS


def load_torch_zip(path, data):
    if data[:4] != b'PK\x03\x04':
        return None
    rec = Record('torch-zip')
    try:
        entries, idx, info = miniz_read(data)
        rec.notes.append(f"eocd@{info['eocd']} cd@{info['cdOffset']}+{info['cdSize']} zip64={info['zip64']}")
        if not entries:
            raise ValueError('archive does not contain any files')
        first = entries[0]['name']
        if b'/' not in first:
            raise ValueError('file in archive is not in a subdirectory')
        prefix = first[:first.index(b'/') + 1]
        if miniz_locate(entries, idx, prefix + b'constants.pkl') is not None:
            rec.notes.append('TorchScript archive: torch.load dispatches to torch.jit.load (not emulated)')
            return rec
        v = miniz_locate(entries, idx, prefix + b'.data/version')
        if v is None:
            v = miniz_locate(entries, idx, prefix + b'version')
        if v is None:
            raise ValueError('failed locating file version')
        digits = miniz_extract(data, entries[v]).lstrip()
        num = ''
        for c in digits.decode('latin1'):
            if c.isdigit():
                num += c
            else:
                break
        if not num or not (1 <= int(num) <= 20):
            raise ValueError(f'unsupported version {digits[:10]!r}')
        k = miniz_locate(entries, idx, prefix + b'data.pkl')
        if k is None:
            raise ValueError('failed locating data.pkl')
        rec.notes.append(f"data.pkl = entry #{k} {entries[k]['name'].decode('latin1')!r}")
        body = miniz_extract(data, entries[k])
        U = recording_c_unpickler(rec)
        U(io.BytesIO(body), encoding='utf-8').load()
        rec.pickles = 1
    except Exception as e:  # noqa: BLE001
        rec.error = _err(e)
    return rec


# ───────────────────────────── containers through the stdlib ─────────────────────────────

def _member_loaders(tmpdir, prefix, name, body):
    p = os.path.join(tmpdir, 'member.bin')
    with open(p, 'wb') as f:
        f.write(body)
    recs = load_pickle_family(p, prefix)
    r = load_numpy(p, prefix + 'numpy')
    if r is not None:
        recs.append(r)
    return recs


def read_zip(path, tmpdir):
    """zipfile's view: which end record, which members, and the loaders on each member's bytes."""
    out = {'members': []}
    recs = []
    try:
        with open(path, 'rb') as fp:
            endrec = zipfile._EndRecData(fp)
        if endrec is not None:
            out['endrec'] = {'offset': endrec[zipfile._ECD_LOCATION], 'cdOffset': endrec[zipfile._ECD_OFFSET],
                             'cdSize': endrec[zipfile._ECD_SIZE], 'entries': endrec[zipfile._ECD_ENTRIES_TOTAL],
                             'zip64': endrec[zipfile._ECD_SIGNATURE] == zipfile.stringEndArchive64}
        zf = zipfile.ZipFile(path)
    except Exception as e:  # noqa: BLE001
        out['error'] = _err(e)
        return out, recs
    with zf:
        for info in zf.infolist()[:MAX_MEMBERS]:
            m = {'name': info.filename, 'size': info.file_size, 'method': info.compress_type, 'offset': info.header_offset}
            try:
                body = zf.read(info)
            except Exception as e:  # noqa: BLE001
                m['error'] = _err(e)
                out['members'].append(m)
                continue
            out['members'].append(m)
            recs.extend(_member_loaders(tmpdir, f'zip:{info.filename}:', info.filename, body))
    return out, recs


def read_tar(path, tmpdir):
    out = {'members': []}
    recs = []
    try:
        tf = tarfile.open(path)
    except Exception as e:  # noqa: BLE001
        out['error'] = _err(e)
        return out, recs
    with tf:
        try:
            members = tf.getmembers()
        except Exception as e:  # noqa: BLE001
            out['error'] = _err(e)
            members = tf.members
        for ti in members[:MAX_MEMBERS]:
            m = {'name': ti.name, 'size': ti.size, 'type': ti.type.decode('latin1', 'replace'), 'offset': ti.offset_data}
            out['members'].append(m)
            if not (ti.isreg() or ti.type not in tarfile.SUPPORTED_TYPES):
                continue
            try:
                body = tf.extractfile(ti).read()
            except Exception as e:  # noqa: BLE001
                m['error'] = _err(e)
                continue
            recs.extend(_member_loaders(tmpdir, f'tar:{ti.name}:', ti.name, body))
    return out, recs


def read_json(path):
    """transformers reads configs with open(encoding='utf-8') and json.load."""
    try:
        with open(path, encoding='utf-8') as f:
            v = json.load(f)
    except Exception as e:  # noqa: BLE001
        return {'accepts': False, 'error': _err(e)}
    out = {'accepts': True, 'type': type(v).__name__}
    if isinstance(v, dict):
        out['keys'] = [k.encode('utf-8', 'surrogatepass').decode('utf-8', 'replace') for k in list(v)[:50]]
        t = v.get('chat_template')
        if isinstance(t, str):
            out['chat_template'] = t.encode('utf-8', 'surrogatepass').decode('utf-8', 'replace')
        elif isinstance(t, list):
            out['chat_template'] = [x.get('template') if isinstance(x, dict) else None for x in t]
        elif isinstance(t, dict):
            out['chat_template'] = {k: x for k, x in t.items() if isinstance(x, str)}
    return out


# ───────────────────────────── one file ─────────────────────────────

class _Timeout(Exception):
    pass


def _alarm(_sig, _frame):
    raise _Timeout('oracle timed out')


def examine(path, name=None, tmpdir=None):
    """Everything CPython's parsers make of the file at `path`, as a JSON-able dict."""
    name = name or os.path.basename(path)
    own_tmp = tmpdir is None
    if own_tmp:
        tmpdir = tempfile.mkdtemp(prefix='mg-oracle-')
    with open(path, 'rb') as f:
        data = f.read()
    out = {'name': name, 'size': len(data), 'loaders': []}
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(TIMEOUT_S)
    try:
        recs = load_pickle_family(path)
        for fn in (load_torch_legacy, load_joblib, load_numpy):
            r = fn(path)
            if r is not None:
                recs.append(r)
        r = load_torch_zip(path, data)
        if r is not None:
            recs.append(r)
        try:
            is_zip = zipfile.is_zipfile(path)
        except Exception:  # noqa: BLE001  (is_zipfile lets BadZipFile out for multi-disk zip64 locators)
            is_zip = True
        if is_zip:
            z, zr = read_zip(path, tmpdir)
            out['zip'] = z
            recs.extend(zr)
        try:
            is_tar = tarfile.is_tarfile(path)
        except Exception:  # noqa: BLE001
            is_tar = False
        if is_tar:
            t, tr = read_tar(path, tmpdir)
            out['tar'] = t
            recs.extend(tr)
        if name.endswith('.json') or data.lstrip()[:1] in (b'{', b'['):
            out['json'] = read_json(path)
        out['loaders'] = [r.out() for r in recs]
    except _Timeout:
        out['timeout'] = True
    except RecursionError:
        out['error'] = 'RecursionError'
    except Exception as e:  # noqa: BLE001  (an oracle bug must not stop a campaign: reported per input)
        out['error'] = 'oracle: ' + _err(e)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
        if own_tmp:
            import shutil
            shutil.rmtree(tmpdir, ignore_errors=True)
    out['numpy'] = _np is not None
    return out


def bound_memory(limit=4 << 30):
    """Caps the address space: a stated length of many GiB (BINBYTES8, FRAME) then fails at once with MemoryError, as
    on a smaller machine, instead of a slow multi-GiB allocation the alarm cannot interrupt. Loads end in an error
    either way; the globals resolved before that point are the same."""
    try:
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):
        pass


def serve(inp=sys.stdin, outp=sys.stdout):
    tmpdir = tempfile.mkdtemp(prefix='mg-oracle-', dir=_TMP)
    path = os.path.join(tmpdir, 'input.bin')
    for line in inp:
        line = line.strip()
        if not line:
            continue
        req = json.loads(line)
        with open(path, 'wb') as f:
            f.write(base64.b64decode(req['b64']))
        res = examine(path, req.get('name'), tmpdir)
        res['id'] = req.get('id')
        outp.write(json.dumps(res, ensure_ascii=True) + '\n')
        outp.flush()


def main(argv):
    sys.setrecursionlimit(5000)
    bound_memory()
    if argv[1:2] == ['--serve']:
        serve()
        return 0
    for p in argv[1:]:
        print(json.dumps(examine(p), indent=1, ensure_ascii=False))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
