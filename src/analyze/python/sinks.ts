// The Python calls that matter, by their resolved dotted name (after import aliases are followed).

export const SPAWN_ARGV = new Set([
  'subprocess.Popen', 'subprocess.run', 'subprocess.call', 'subprocess.check_call', 'subprocess.check_output',
  'asyncio.create_subprocess_exec', 'pty.spawn', 'pexpect.spawn', 'os.posix_spawn', 'os.posix_spawnp', 'distutils.spawn.spawn'
]);
export const SPAWN_SHELL = new Set([
  'os.system', 'os.popen', 'os.popen2', 'os.popen3', 'os.popen4', 'subprocess.getoutput', 'subprocess.getstatusoutput',
  'asyncio.create_subprocess_shell', 'platform.popen', 'pexpect.run', 'pydoc.pipepager', 'pydoc.tempfilepager'
]);
/** Shell runners whose command is not their first argument: pydoc's pagers take (text, cmd). */
export const SHELL_ARG_INDEX = new Map<string, [number, string]>([['pydoc.pipepager', [1, 'cmd']], ['pydoc.tempfilepager', [1, 'cmd']]]);
/** os.exec*, os.spawn*: where the program path is among the positional arguments. */
export function osExecProgramIndex(name: string): number | undefined {
  if (/^os\.exec(l|le|lp|lpe|v|ve|vp|vpe)$/.test(name)) return 0;
  if (/^os\.spawn(l|le|lp|lpe|v|ve|vp|vpe)$/.test(name)) return 1;
  if (name === 'os.startfile') return 0;
  return undefined;
}

export const DYNAMIC_EXEC = new Set([
  'builtins.exec', 'builtins.eval', 'builtins.compile', 'builtins.execfile', 'runpy.run_path', 'runpy.run_module',
  'code.InteractiveInterpreter.runsource', 'code.InteractiveInterpreter.runcode', 'code.InteractiveConsole.push',
  'code.interact', 'types.FunctionType', 'types.CodeType'
]);

export const LOADS = new Set([
  'pickle.loads', 'pickle.load', 'dill.loads', 'dill.load', 'cloudpickle.loads', 'cloudpickle.load', 'joblib.load',
  'torch.load', 'numpy.load', 'shelve.open', 'jsonpickle.decode', 'yaml.unsafe_load', 'yaml.full_load'
]);

export const FILE_ACCESS = new Set([
  'builtins.open', 'os.open', 'os.listdir', 'os.scandir', 'os.walk', 'os.stat', 'os.path.exists', 'os.path.isfile',
  'os.path.isdir', 'os.path.getsize', 'glob.glob', 'glob.iglob', 'shutil.copy', 'shutil.copy2', 'shutil.copyfile',
  'shutil.copytree', 'shutil.make_archive', 'shutil.move', 'tarfile.open', 'zipfile.ZipFile', 'sqlite3.connect',
  'configparser.ConfigParser.read', 'netrc.netrc', 'pathlib.Path.read_text', 'pathlib.Path.read_bytes', 'pathlib.Path.open',
  'pathlib.Path.exists', 'pathlib.Path.is_file', 'pathlib.Path.iterdir', 'pathlib.Path.glob', 'pathlib.Path.rglob',
  'zipfile.ZipFile.write', 'tarfile.TarFile.add'
]);

/** Fetches: return content (or a path, for *_PATH) from the network. */
export const FETCH = new Set([
  'requests.get', 'requests.head', 'requests.Session.get', 'httpx.get', 'httpx.stream', 'httpx.Client.get',
  'httpx.AsyncClient.get', 'urllib.request.urlopen', 'urllib3.PoolManager.request', 'urllib3.request', 'aiohttp.ClientSession.get',
  'torch.hub.load_state_dict_from_url', 'urllib.request.build_opener.open', 'requests.request', 'requests.Session.request'
]);
export const FETCH_TO_PATH = new Map<string, number | 'return'>([
  ['urllib.request.urlretrieve', 1], ['wget.download', 1], ['gdown.download', 1], ['torch.hub.download_url_to_file', 1],
  ['huggingface_hub.hf_hub_download', 'return'], ['huggingface_hub.snapshot_download', 'return'],
  ['huggingface_hub.cached_download', 'return'], ['transformers.utils.cached_file', 'return'],
  ['tensorflow.keras.utils.get_file', 'return'], ['keras.utils.get_file', 'return']
]);

export const SEND = new Set([
  'requests.post', 'requests.put', 'requests.patch', 'requests.Session.post', 'requests.Session.put', 'requests.Session.patch',
  'httpx.post', 'httpx.put', 'httpx.patch', 'httpx.Client.post', 'httpx.Client.put', 'httpx.AsyncClient.post',
  'aiohttp.ClientSession.post', 'aiohttp.ClientSession.put',
  'socket.socket.connect', 'socket.socket.connect_ex', 'socket.socket.send', 'socket.socket.sendall', 'socket.socket.sendto',
  'socket.create_connection', 'http.client.HTTPConnection.request', 'http.client.HTTPSConnection.request',
  'http.client.HTTPConnection.send', 'http.client.HTTPSConnection.send', 'smtplib.SMTP.sendmail', 'smtplib.SMTP.send_message',
  'smtplib.SMTP_SSL.sendmail', 'smtplib.SMTP_SSL.send_message', 'ftplib.FTP.storbinary', 'ftplib.FTP.storlines',
  'telnetlib.Telnet.write', 'websocket.create_connection', 'websockets.connect', 'xmlrpc.client.ServerProxy',
  'paramiko.SSHClient.connect', 'urllib3.PoolManager.urlopen', 'dns.resolver.resolve'
]);

export const NATIVE_LOAD = new Set([
  'ctypes.CDLL', 'ctypes.cdll.LoadLibrary', 'ctypes.WinDLL', 'ctypes.windll.LoadLibrary', 'ctypes.PyDLL', 'ctypes.OleDLL',
  'ctypes.util.find_library'
]);

export const CODE_FROM_PATH = new Set([
  'importlib.util.spec_from_file_location', 'importlib.machinery.SourceFileLoader', 'importlib.load_source',
  'importlib.machinery.SourcelessFileLoader', 'zipimport.zipimporter'
]);

export const TOKEN_GETTERS = new Set([
  'huggingface_hub.get_token', 'huggingface_hub.HfFolder.get_token', 'huggingface_hub.utils.get_token',
  'huggingface_hub.HfApi.token'
]);

/**
 * Library calls that resolve cloud credentials the way their CLIs do (environment, ~/.aws/credentials, instance
 * metadata, gcloud's application-default file): reading their result is reading the keys. Values name the secret.
 */
export const CREDENTIAL_GETTERS = new Map<string, string>([
  ['boto3.Session.get_credentials', 'the AWS credentials (boto3)'], ['boto3.session.Session.get_credentials', 'the AWS credentials (boto3)'],
  ['botocore.session.Session.get_credentials', 'the AWS credentials (botocore)'], ['botocore.session.get_session.get_credentials', 'the AWS credentials (botocore)'],
  ['botocore.credentials.create_credential_resolver', 'the AWS credentials (botocore)'], ['google.auth.default', 'the Google Cloud credentials (google.auth)'],
  ['azure.identity.DefaultAzureCredential.get_token', 'an Azure access token (azure.identity)'], ['azure.identity.AzureCliCredential.get_token', 'an Azure access token (azure.identity)'],
  // Secret stores: Colab's per-notebook secrets, the OS keyring, and a project's .env file (dotenv).
  ['google.colab.userdata.get', 'a Colab secret (google.colab.userdata)'], ['keyring.get_password', 'a password from the OS keyring (keyring)'],
  ['keyring.get_credential', 'a credential from the OS keyring (keyring)'], ['dotenv.dotenv_values', 'the secrets of a .env file (dotenv_values)'],
  ['dotenv.main.dotenv_values', 'the secrets of a .env file (dotenv_values)']
]);

/**
 * Programs whose output is a credential (credential helpers): their output read by the script is the secret.
 * Matched against the argv joined by spaces (or the shell text).
 */
export const CREDENTIAL_PROGRAMS: readonly [RegExp, string][] = [
  [/^(\S*\/)?gh auth token\b/, 'the GitHub token (gh auth token)'], [/^(\S*\/)?git credential fill\b/, 'a git credential (git credential fill)'],
  [/^(\S*\/)?aws configure (export-credentials|get aws_secret_access_key)\b/, 'the AWS credentials (aws configure)'],
  [/^(\S*\/)?gcloud auth (application-default )?print-access-token\b/, 'a Google Cloud access token (gcloud)'],
  [/^(\S*\/)?az account get-access-token\b/, 'an Azure access token (az)'], [/^(\S*\/)?huggingface-cli auth token\b|^(\S*\/)?hf auth token\b/, 'the Hugging Face token (hf auth token)']
];

/** Modules whose attributes, reached by computed names, can run code or touch the system. */
export const DANGER_ROOTS = new Set([
  'os', 'subprocess', 'builtins', 'sys', 'socket', 'ctypes', 'importlib', 'pty', 'shutil', 'marshal', 'pickle', 'runpy',
  'code', 'codeop', 'urllib', 'requests', 'http', 'types', 'platform', 'multiprocessing', 'asyncio', 'webbrowser', 'pexpect'
]);

/** Packages that only a file aware of model scanners would import (threats.md §3). */
export const SCANNER_PACKAGES = new Set(['picklescan', 'modelscan', 'fickling', 'modelaudit', 'protectai']);

export function isDangerousName(name: string): boolean {
  return SPAWN_ARGV.has(name) || SPAWN_SHELL.has(name) || DYNAMIC_EXEC.has(name) || osExecProgramIndex(name) !== undefined ||
    /^builtins\.(__import__|getattr|open|exec|eval|compile)$/.test(name) || DANGER_ROOTS.has(name.split('.')[0] as string) && name.split('.').length <= 2 && !/^(sys\.(argv|path|version|platform|exit|stdout|stderr|stdin)|os\.(path|environ|getcwd|sep|getenv|makedirs|mkdir|listdir))$/.test(name);
}
