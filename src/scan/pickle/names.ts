// Python 2 → 3 renames the unpickler applies for protocol < 3 (CPython Lib/_compat_pickle.py), so a scanner
// names what actually gets imported: `__builtin__.eval` is builtins.eval, `commands.getoutput` is subprocess's.

const IMPORT_MAPPING: ReadonlyMap<string, string> = new Map(Object.entries({
  __builtin__: 'builtins', copy_reg: 'copyreg', Queue: 'queue', SocketServer: 'socketserver', ConfigParser: 'configparser',
  repr: 'reprlib', tkFileDialog: 'tkinter.filedialog', tkSimpleDialog: 'tkinter.simpledialog', tkColorChooser: 'tkinter.colorchooser',
  tkCommonDialog: 'tkinter.commondialog', Dialog: 'tkinter.dialog', Tkdnd: 'tkinter.dnd', tkFont: 'tkinter.font',
  tkMessageBox: 'tkinter.messagebox', ScrolledText: 'tkinter.scrolledtext', Tkconstants: 'tkinter.constants', Tix: 'tkinter.tix',
  ttk: 'tkinter.ttk', Tkinter: 'tkinter', markupbase: '_markupbase', _winreg: 'winreg', thread: '_thread',
  dummy_thread: '_dummy_thread', dbhash: 'dbm.bsd', dumbdbm: 'dbm.dumb', dbm: 'dbm.ndbm', gdbm: 'dbm.gnu',
  xmlrpclib: 'xmlrpc.client', DocXMLRPCServer: 'xmlrpc.server', SimpleXMLRPCServer: 'xmlrpc.server', httplib: 'http.client',
  htmlentitydefs: 'html.entities', HTMLParser: 'html.parser', Cookie: 'http.cookies', cookielib: 'http.cookiejar',
  BaseHTTPServer: 'http.server', SimpleHTTPServer: 'http.server', CGIHTTPServer: 'http.server', 'test.test_support': 'test.support',
  commands: 'subprocess', urlparse: 'urllib.parse', robotparser: 'urllib.robotparser', urllib2: 'urllib.request',
  anydbm: 'dbm', _abcoll: 'collections.abc', cPickle: 'pickle', _elementtree: 'xml.etree.ElementTree',
  FileDialog: 'tkinter.filedialog', SimpleDialog: 'tkinter.simpledialog',
  StringIO: 'io', cStringIO: 'io', UserDict: 'collections', UserList: 'collections', UserString: 'collections',
  whichdb: 'dbm', exceptions: 'builtins'
}));

const NAME_MAPPING: ReadonlyMap<string, readonly [string, string]> = new Map([
  ['__builtin__.xrange', ['builtins', 'range']], ['__builtin__.reduce', ['functools', 'reduce']],
  ['__builtin__.intern', ['sys', 'intern']], ['__builtin__.unichr', ['builtins', 'chr']],
  ['__builtin__.unicode', ['builtins', 'str']], ['__builtin__.long', ['builtins', 'int']],
  ['__builtin__.basestring', ['builtins', 'str']], ['__builtin__.raw_input', ['builtins', 'input']],
  ['__builtin__.execfile', ['builtins', 'exec']], ['__builtin__.file', ['io', 'open']],
  ['itertools.izip', ['builtins', 'zip']], ['itertools.imap', ['builtins', 'map']],
  ['itertools.ifilter', ['builtins', 'filter']], ['itertools.ifilterfalse', ['itertools', 'filterfalse']],
  ['itertools.izip_longest', ['itertools', 'zip_longest']], ['UserDict.IterableUserDict', ['collections', 'UserDict']],
  ['UserList.UserList', ['collections', 'UserList']], ['UserString.UserString', ['collections', 'UserString']],
  ['whichdb.whichdb', ['dbm', 'whichdb']], ['_socket.fromfd', ['socket', 'fromfd']],
  ['_multiprocessing.Connection', ['multiprocessing.connection', 'Connection']],
  ['multiprocessing.process.Process', ['multiprocessing.context', 'Process']],
  ['multiprocessing.forking.Popen', ['multiprocessing.popen_fork', 'Popen']],
  ['urllib.ContentTooShortError', ['urllib.error', 'ContentTooShortError']], ['urllib.getproxies', ['urllib.request', 'getproxies']],
  ['urllib.pathname2url', ['urllib.request', 'pathname2url']], ['urllib.quote_plus', ['urllib.parse', 'quote_plus']],
  ['urllib.quote', ['urllib.parse', 'quote']], ['urllib.unquote_plus', ['urllib.parse', 'unquote_plus']],
  ['urllib.unquote', ['urllib.parse', 'unquote']], ['urllib.url2pathname', ['urllib.request', 'url2pathname']],
  ['urllib.urlcleanup', ['urllib.request', 'urlcleanup']], ['urllib.urlencode', ['urllib.parse', 'urlencode']],
  ['urllib.urlopen', ['urllib.request', 'urlopen']], ['urllib.urlretrieve', ['urllib.request', 'urlretrieve']],
  ['urllib2.HTTPError', ['urllib.error', 'HTTPError']], ['urllib2.URLError', ['urllib.error', 'URLError']],
  ['exceptions.StandardError', ['builtins', 'Exception']], ['UserDict.UserDict', ['collections', 'UserDict']],
  ['socket._socketobject', ['socket', 'SocketType']]
]);

/** (module, name) as Python 3 imports them for a protocol < 3 pickle. */
export function mapPython2(module: string, name: string): [string, string] {
  const both = NAME_MAPPING.get(`${module}.${name}`);
  if (both) return [both[0], both[1]];
  const m = IMPORT_MAPPING.get(module);
  return m === undefined ? [module, name] : [m, name];
}
