import {
  compareText,
  cutComment,
  trimEndOf
} from "./chunk-5USQP7RK.js";

// src/analyze/patterns.ts
var CREDENTIAL_LOCATIONS = [
  [/\.aws\/(credentials|config)\b/, "AWS credentials"],
  [/\.cache\/huggingface\/(token|stored_tokens)\b|\.huggingface\/token\b/, "the Hugging Face token"],
  [/(^|[/\\\0~])[._]netrc\b/, ".netrc (login passwords)"],
  [/(^|[/\\\0~])\.ssh(\/|\b)/, "SSH keys"],
  [/\.docker\/config\.json\b/, "Docker registry credentials"],
  [/\.git-credentials\b/, "git credentials"],
  [/\.config\/gcloud\b|application_default_credentials\.json/, "Google Cloud credentials"],
  [/\.azure\/(accessTokens|msal_token_cache)/, "Azure credentials"],
  [/\.kube\/config\b/, "Kubernetes credentials"],
  [/\.pypirc\b/, "PyPI upload credentials"],
  [/\.npmrc\b/, "npm credentials"],
  [/\.gnupg\b/, "GnuPG keys"],
  [/Google\/Chrome|google-chrome|\.config\/chromium|Chromium\/User Data|Mozilla\/Firefox|\.mozilla\/firefox|BraveSoftware|Microsoft\/Edge|Login Data\b|Local State\b|cookies\.sqlite|logins\.json|key[34]\.db/i, "browser profiles (saved passwords, cookies)"],
  [/Library\/Keychains|\.local\/share\/keyrings/, "the system keychain"],
  [/\.config\/gh\/hosts\.yml/, "GitHub CLI credentials"],
  [/wallet\.dat|Ethereum\/keystore|\.electrum/i, "cryptocurrency wallets"]
];
function credentialLocation(text) {
  const t = text.replace(/\\/g, "/");
  for (const [re, what] of CREDENTIAL_LOCATIONS) if (re.test(t)) return what;
  return void 0;
}
function isSecretVariable(name) {
  return /TOKEN|SECRET|PASSW|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL|AUTH/i.test(name);
}
var SECRET_WORD = /TOKEN|SECRET|PASSW|(^|_)KEY($|_)|API_?KEY|CRED|AUTH|AWS_|HF_/i;
var SENSITIVE_VARIABLES = /^(HF_TOKEN|HF_API_TOKEN|HUGGING_?FACE(_HUB)?_TOKEN|HUGGINGFACEHUB_API_TOKEN|AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN|GITHUB_TOKEN|GH_TOKEN|NPM_TOKEN|PYPI_TOKEN|TWINE_PASSWORD)$/i;
function hostOf(url) {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]+\]|[^:/?#]+)/i.exec(url.trim());
  return m?.[1]?.toLowerCase();
}
function isLocalHost(host) {
  return host !== void 0 && /^(localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1\]|::1|host\.docker\.internal)$/.test(host);
}
function isHubHost(host) {
  return host !== void 0 && /(^|\.)(huggingface\.co|hf\.co|hf\.space)$/.test(host);
}
function isKnownPackageHost(host) {
  return host !== void 0 && /^(pypi\.org|pypi\.python\.org|files\.pythonhosted\.org|download\.pytorch\.org|pypi\.nvidia\.com|pypi\.ngc\.nvidia\.com)$/.test(host);
}
function isKnownGitSource(url) {
  return /^(git\+)?https:\/\/github\.com\/huggingface\/[\w.-]+(\.git)?([@#/].*)?$/i.test(url.trim());
}

// src/analyze/util.ts
var EVIDENCE_MAX = 220;
function basename(path) {
  return path.slice(path.lastIndexOf("/") + 1);
}
function dirname(path) {
  const i = path.lastIndexOf("/");
  return i < 0 ? "" : path.slice(0, i);
}
function extension(path) {
  const b = basename(path);
  const dot = b.lastIndexOf(".");
  return dot > 0 ? b.slice(dot + 1).toLowerCase() : "";
}
function joinPath(dir, rel) {
  const parts = rel.startsWith("/") ? [] : dir.split("/").filter(Boolean);
  for (const seg of rel.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") {
      if (parts.length === 0) return void 0;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.join("/");
}
function truncateEvidence(s, max = EVIDENCE_MAX) {
  const clean = s.replace(/\s+/g, " ").trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}\u2026` : clean;
}
function splitLines(text) {
  return text.split(/\r\n|\r|\n/);
}
function evidenceOf(lines, line, related = []) {
  const nums = [.../* @__PURE__ */ new Set([...related.filter((l) => l !== line), line])].sort((a, b) => a - b);
  if (nums.length === 1) return truncateEvidence(lines[line - 1] ?? "");
  const perLine = Math.max(40, Math.floor(EVIDENCE_MAX / nums.length));
  const texts = nums.map((n) => (lines[n - 1] ?? "").trimEnd());
  const indent = Math.min(...texts.filter((t) => t.trim() !== "").map((t) => /^[ \t]*/.exec(t)?.[0].length ?? 0), Infinity);
  const out = [];
  nums.forEach((n, i) => {
    if (i > 0 && n > (nums[i - 1] ?? 0) + 1) out.push("\u2026");
    const text = (texts[i] ?? "").slice(Number.isFinite(indent) ? indent : 0);
    out.push(text.length > perLine ? `${text.slice(0, perLine - 1)}\u2026` : text);
  });
  return out.join("\n");
}
function hitsToFindings(hits, file, lines, mapLine = (l) => l) {
  return hits.map((h) => ({
    check: h.check,
    severity: h.severity,
    message: h.message,
    file,
    line: mapLine(h.line),
    evidence: evidenceOf(lines, h.line, h.related),
    help: h.help
  }));
}
function dedupeHits(hits) {
  const rank = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };
  const best = /* @__PURE__ */ new Map();
  for (const h of hits) {
    const k = `${h.check}\0${h.line}`;
    const prev = best.get(k);
    if (!prev || rank[h.severity] > rank[prev.severity]) best.set(k, h);
  }
  return [...best.values()].sort((a, b) => a.line - b.line || compareText(a.check, b.check));
}
function maxSeverity(items) {
  const order = ["critical", "high", "medium", "low", "info"];
  for (const s of order) if (items.some((i) => i.severity === s)) return s;
  return void 0;
}

// src/analyze/requirements-name.ts
function isRequirementsFile(path) {
  const b = basename(path).toLowerCase();
  return /^(requirements|constraints|dev-requirements)[\w.-]*\.(txt|in)$/.test(b) || b.endsWith(".txt") && b.slice(0, -4).includes("requirements") || /^environment\.ya?ml$/.test(b) || b === "pyproject.toml" || b === "pipfile" || b === "setup.cfg";
}

// src/analyze/shell/containers.ts
var HELP = {
  secrets: "The container is given your credentials; whatever the image runs can read and send them. Do not approve.",
  unknown: "The image is not from a known publisher: it runs code nobody reviewed. Find out who publishes it and pin it by digest, or do not approve.",
  squat: "The image name imitates a well-known image. Do not approve.",
  privileged: "The container is given control of the host (privileged mode, host namespaces or the Docker socket). A model server needs none of that."
};
var KNOWN_PUBLISHERS = [
  "ghcr.io/huggingface",
  "docker.io/huggingface",
  "docker.io/vllm",
  "docker.io/lmsysorg",
  "docker.io/openmmlab",
  "ghcr.io/ggml-org",
  "ghcr.io/ggerganov",
  "docker.io/ollama",
  "nvcr.io/nvidia",
  "docker.io/nvidia",
  "docker.io/pytorch",
  "docker.io/tensorflow",
  "docker.io/rocm",
  "docker.io/intel",
  "mcr.microsoft.com",
  "docker.io/michaelf34",
  "docker.io/xprobe",
  "ghcr.io/open-webui",
  "docker.io/localai"
];
var KNOWN_NS = new Set(KNOWN_PUBLISHERS.map((p) => p.toLowerCase()));
var VALUE_OPTIONS = /* @__PURE__ */ new Set([
  "-v",
  "--volume",
  "--mount",
  "-e",
  "--env",
  "--env-file",
  "-p",
  "--publish",
  "--name",
  "--network",
  "--net",
  "-w",
  "--workdir",
  "-u",
  "--user",
  "--gpus",
  "--runtime",
  "--ipc",
  "--pid",
  "--shm-size",
  "--platform",
  "--entrypoint",
  "-h",
  "--hostname",
  "--device",
  "--cap-add",
  "--cap-drop",
  "--security-opt",
  "--ulimit",
  "-m",
  "--memory",
  "--cpus",
  "--restart",
  "-l",
  "--label",
  "--add-host",
  "--dns",
  "--log-driver",
  "--log-opt",
  "--tmpfs",
  "--volumes-from",
  "--userns",
  "--uts",
  "--cgroupns",
  "--stop-signal",
  "-a",
  "--attach",
  "--cidfile",
  "--group-add",
  "--ip",
  "--pull",
  "--health-cmd",
  "--memory-swap",
  "--cpuset-cpus",
  "--label-file",
  "--annotation",
  "--detach-keys"
]);
function containerRunOf(name, args) {
  if (!/^(docker|podman|nerdctl|finch)$/.test(name)) return void 0;
  let i = 0;
  while (i < args.length && args[i].startsWith("-")) i += /^--(context|host|config|log-level)$|^-H$/.test(args[i]) ? 2 : 1;
  if (args[i] === "container") i++;
  if (args[i] !== "run" && args[i] !== "create") return void 0;
  const run = { tool: `${name} ${args[i]}`, image: "", command: [], mounts: [], env: [], flags: [] };
  for (i++; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith("-") || a === "-") {
      run.image = a;
      run.command = args.slice(i + 1);
      break;
    }
    if (a === "--") continue;
    const eq = a.startsWith("--") ? a.indexOf("=") : -1;
    const opt = eq > 0 ? a.slice(0, eq) : a;
    const short = /^-([ve])(.+)$/.exec(a);
    let value;
    let key = opt;
    if (short && !VALUE_OPTIONS.has(a)) {
      key = `-${short[1]}`;
      value = short[2];
    } else if (VALUE_OPTIONS.has(opt)) {
      value = eq > 0 ? a.slice(eq + 1) : args[++i];
    } else {
      run.flags.push(a);
      continue;
    }
    if (value === void 0) break;
    if (key === "-v" || key === "--volume") run.mounts.push(value.split(":")[0]);
    else if (key === "--mount") {
      const src = /(?:^|,)(?:source|src)=([^,]+)/.exec(value);
      if (src) run.mounts.push(src[1]);
    } else if (key === "-e" || key === "--env") run.env.push(value);
    else if (key === "--env-file") run.env.push(`@${value}`);
    else run.flags.push(`${key}=${value}`);
  }
  return run.image ? run : void 0;
}
function mountRisk(src) {
  const p = trimEndOf(src.replace(/\\/g, "/").replace(/^\$\{?(HOME|USERPROFILE)\}?|^%USERPROFILE%/i, "~"), "/");
  if (/(^|\/)(var\/)?run\/docker\.sock$|docker_engine$/.test(p)) return { what: "the Docker socket (control of the host)", level: "host" };
  if (p === "" || p === "/" || p === "~" || /^\/(home|Users)(\/[^/]+)?$|^\/root$|^\/etc$|^[A-Za-z]:\/?$/.test(p)) return { what: `the host folder ${src} (all of its files)`, level: "host" };
  const dir = /(^|\/)\.(aws|ssh|docker|kube|azure|gnupg|config\/gcloud|config\/gh|password-store)(\/|$)|(^|\/)\.(netrc|git-credentials|pypirc|npmrc)$/.exec(p);
  if (dir) return { what: `${src} (${credentialLocation(`${p}/credentials`) ?? credentialLocation(p) ?? "credentials"})`, level: "secrets" };
  const cred = credentialLocation(p);
  if (cred && !/\.cache\/huggingface/.test(p)) return { what: `${src} (${cred})`, level: "secrets" };
  if (/(^|\/)\.cache\/huggingface$|\.cache\/huggingface\/(token|stored_tokens)$|(^|\/)\.huggingface$/.test(p)) return { what: `${src} (holds the Hugging Face token)`, level: "hf" };
  return void 0;
}
function imageParts(image) {
  const ref = image.replace(/@sha256:[0-9a-f]+$/i, "").replace(/:[\w.-]+$/, "").toLowerCase();
  const parts = ref.split("/");
  let registry = "docker.io";
  if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0])) registry = parts.shift();
  if (registry === "index.docker.io" || registry === "registry-1.docker.io") registry = "docker.io";
  const name = parts.pop() ?? "";
  const namespace = parts.join("/") || (registry === "docker.io" ? "library" : "");
  const publisher = registry === "mcr.microsoft.com" ? registry : `${registry}/${parts[0] ?? "library"}`;
  return { registry, namespace, name, publisher };
}
function nearlyEqual(a, b) {
  if (a === b || Math.abs(a.length - b.length) > 1 || Math.max(a.length, b.length) < 4) return false;
  const fold = (s) => s.replace(/[-_.]/g, "").replace(/[1il|]/g, "l").replace(/0/g, "o").replace(/rn/g, "m");
  if (fold(a) === fold(b)) return true;
  let prev2 = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur.push(d);
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length] <= 1;
}
function judgeContainer(run, opts = {}) {
  const out = [];
  const img = imageParts(run.image);
  const own = (opts.ownGitOrgs ?? []).some((o) => img.publisher === `ghcr.io/${o}`) || (opts.ownNames ?? []).some((o) => img.publisher === `docker.io/${o.toLowerCase()}`);
  const official = img.registry === "docker.io" && img.namespace === "library";
  const spaces = img.registry === "registry.hf.space";
  const known = official || KNOWN_NS.has(img.publisher) || own;
  const imitated = known ? void 0 : KNOWN_PUBLISHERS.find((k) => {
    const [reg, ns] = k.includes("/") ? [k.slice(0, k.indexOf("/")), k.slice(k.indexOf("/") + 1)] : [k, ""];
    const [creg, cns] = [img.publisher.slice(0, img.publisher.indexOf("/")), img.publisher.slice(img.publisher.indexOf("/") + 1)];
    return creg === reg && ns !== "" && nearlyEqual(cns, ns) || cns === ns && nearlyEqual(creg, reg);
  });
  const shown = `${run.tool} \u2026 ${run.image}`;
  if (imitated) {
    out.push({ kind: "container", severity: "critical", message: `${shown}: the image's publisher ${img.publisher} imitates ${imitated}`, help: HELP.squat });
  }
  const risks = run.mounts.map(mountRisk).filter((r) => r !== void 0);
  const secretEnv = run.env.filter((e) => {
    const k = e.startsWith("@") ? "" : e.split("=")[0];
    return SENSITIVE_VARIABLES.test(k) || isSecretVariable(k);
  }).map((e) => e.split("=")[0]);
  const hfOnly = (v) => /^(HF_|HUGGING)/i.test(v);
  const privileged = run.flags.filter((f) => f === "--privileged" || /^--(pid|userns|uts)=host$/.test(f) || /^--cap-add=(all|sys_admin|sys_ptrace)$/i.test(f) || /^--security-opt=(seccomp|apparmor)[:=]unconfined$/i.test(f));
  const hostNet = run.flags.some((f) => /^--(network|net)=host$/.test(f));
  const whose = known ? `the ${official ? "official" : own ? "publisher's own" : "known"} image ${run.image}` : spaces ? `the Space image ${run.image}` : `${run.image}, an image from ${img.publisher} (not a known publisher)`;
  for (const r of risks) {
    if (r.level === "hf" && known) continue;
    const sev = known ? r.level === "host" ? "high" : "high" : "critical";
    out.push({ kind: r.level === "host" ? "container" : "credentials", severity: sev, message: `${run.tool} mounts ${r.what} into ${whose}`, help: r.level === "host" ? HELP.privileged : HELP.secrets });
  }
  const foreignSecrets = secretEnv.filter((v) => !(known && hfOnly(v)));
  if (foreignSecrets.length > 0) {
    out.push({ kind: "credentials", severity: known ? "high" : "critical", message: `${run.tool} passes ${foreignSecrets.join(", ")} into ${whose}`, help: HELP.secrets });
  }
  if (privileged.length > 0) {
    out.push({ kind: "container", severity: known ? "medium" : "high", message: `${run.tool} runs ${whose} with ${privileged.join(", ")}`, help: HELP.privileged });
  }
  if (!known && !imitated && out.length === 0) {
    const broad = run.mounts.length > 0 || hostNet || run.env.some((e) => e.startsWith("@"));
    out.push({
      kind: "container",
      severity: broad ? "high" : "medium",
      message: `${run.tool} runs ${whose}${broad ? `, with ${[run.mounts.length > 0 ? `host folders mounted (${run.mounts.join(", ")})` : "", hostNet ? "the host's network" : "", run.env.some((e) => e.startsWith("@")) ? "an env file" : ""].filter(Boolean).join(" and ")}` : ""}`,
      help: HELP.unknown
    });
  }
  return out;
}
function composeServices(text, tool = "docker compose") {
  const out = [];
  let inServices = false;
  let svcIndent = -1;
  let cur;
  let list;
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].replace(/\r$/, "");
    if (raw.trim() === "" || raw.trim().startsWith("#")) continue;
    const indent = raw.length - raw.trimStart().length;
    const t = raw.trim();
    if (indent === 0) {
      inServices = /^services:\s*$/.test(t);
      cur = void 0;
      svcIndent = -1;
      continue;
    }
    if (!inServices) continue;
    if (svcIndent < 0) svcIndent = indent;
    if (indent === svcIndent) {
      const m = /^([\w.-]+):\s*$/.exec(t);
      cur = m ? { service: m[1], line: i + 1, tool, image: "", command: [], mounts: [], env: [], flags: [] } : void 0;
      if (cur) out.push(cur);
      list = void 0;
      continue;
    }
    if (!cur) continue;
    const kv = keyValue(t);
    if (kv && !t.startsWith("-")) {
      const [, k, v] = kv;
      const val = v.replace(/^(['"])(.*)\1$/, "$2").trim();
      list = k === "volumes" ? "volumes" : k === "environment" ? "environment" : void 0;
      if (k === "image") cur.image = val;
      if (k === "privileged" && /^(true|yes)$/i.test(val)) cur.flags.push("--privileged");
      if ((k === "network_mode" || k === "pid") && val === "host") cur.flags.push(k === "pid" ? "--pid=host" : "--network=host");
      if (k === "env_file") cur.env.push(`@${val}`);
      continue;
    }
    const item = listItem(t);
    if (item && list === "volumes") cur.mounts.push(item[1].replace(/^(['"])(.*)\1$/, "$2").split(":")[0]);
    else if (item && list === "environment") cur.env.push(item[1].replace(/^(['"])(.*)\1$/, "$2"));
    else if (kv && list === "environment") cur.env.push(`${kv[1]}=${kv[2]}`);
  }
  return out.filter((s) => s.image !== "");
}
var LINE_TERMINATOR = /[\n\r\u2028\u2029]/;
function keyValue(t) {
  const key = /^[\w-]+:/.exec(t);
  if (!key) return null;
  const value = t.slice(key[0].length).trimStart();
  return LINE_TERMINATOR.test(value) ? null : [t, key[0].slice(0, -1), value];
}
function listItem(t) {
  if (!t.startsWith("-")) return null;
  const text = t.slice(1).trim();
  return text === "" || LINE_TERMINATOR.test(text) ? null : [t, text];
}

// src/analyze/python/packaging.ts
var PY_LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;
var EXTRA_BREAK = /[\v\f\x1c\x1d\x1e\x85\u2028\u2029]/g;
var isImportLine = (l) => l.startsWith("import ") || l.startsWith("import	");
function readPth(text) {
  const bare = text.replace(/^\ufeff/, "");
  const lines = bare.split(PY_LINE_BREAK);
  const code = lines.map(() => "");
  const exec = /* @__PURE__ */ new Set();
  const paths = [];
  let index = 0;
  for (const physical of bare.split(/\r\n|\r|\n/)) {
    const segments = physical.split(EXTRA_BREAK);
    if (isImportLine(physical)) {
      code[index] = physical.replace(EXTRA_BREAK, " ");
      exec.add(index + 1);
    }
    segments.forEach((seg, j) => {
      if (j > 0 && isImportLine(seg)) {
        code[index + j] = seg;
        exec.add(index + j + 1);
      } else if (!isImportLine(seg) && !seg.startsWith("#") && seg.trim() !== "") paths.push(seg.trimEnd());
    });
    index += segments.length;
  }
  return { code: code.join("\n"), lines, execLines: [...exec].sort((a, b) => a - b), paths };
}
var SHADOWED_COMMANDS = /^(python[\d.]*|pip[\d.]*|pip3|git|ls|cd|cat|sudo|su|sh|bash|zsh|curl|wget|ssh|scp|gpg|docker|kubectl|conda|node|npm|npx|huggingface-cli|hf|apt|apt-get|brew|env|which|cp|mv|rm|make|gcc|cc|ld|nvidia-smi|uv|uvx|pipx|poetry|aws|gcloud|az|gh|vim|nano|less|more|grep|find|tar|unzip|chmod|chown|id|whoami|ps|kill|top)$/;
function suspiciousTarget(dir, files) {
  if (files.some((f) => /\.pth$/i.test(f))) return `installs a .pth file (${files.find((f) => /\.pth$/i.test(f))}), which runs at every Python start`;
  if (files.some((f) => /(^|\/)(sitecustomize|usercustomize)\.py$/.test(f))) return "installs sitecustomize/usercustomize, which runs at every Python start";
  if (/^(\/|~|\$HOME|\.\.)/.test(dir) || /(^|\/)\.\.(\/|$)/.test(dir)) return `installs files into ${dir}, outside the package`;
  if (/site-packages|dist-packages|(^|\/)bin$|(^|\/)etc(\/|$)|\.config|\.ssh|\.bashrc|\.profile|systemd|cron/.test(dir)) return `installs files into ${dir}`;
  return void 0;
}
function judgeDataFiles(entries, where) {
  const out = [];
  for (const e of entries) {
    const why = suspiciousTarget(e.dir, e.files);
    if (!why) continue;
    out.push({
      check: "setup.data-files",
      severity: "high",
      line: e.line,
      message: `${where} data_files ${why}`,
      help: "Installing a package should not place files outside it; a .pth or sitecustomize file runs code in every Python process. Do not approve."
    });
  }
  return out;
}
function judgeEntryPoints(scripts, where) {
  return scripts.filter((s) => SHADOWED_COMMANDS.test(s.name.trim())).map((s) => ({
    check: "setup.entry-point",
    severity: "high",
    line: s.line,
    message: `${where} installs a command named \`${s.name.trim()}\` (\u2192 ${s.target.trim()}), shadowing the real one`,
    help: "A package that replaces python, pip, git or a shell command runs its own code whenever the user types it. Do not approve."
  }));
}
function splitKey(line, sep) {
  const at = line.search(sep);
  if (at <= 0) return void 0;
  return [line.slice(0, at).trim(), line.slice(at + 1).trim()];
}
function analyzeSetupCfg(text) {
  const lines = text.split(/\r\n|\r|\n/);
  let section = "";
  let key = "";
  const data = [];
  const scripts = [];
  lines.forEach((raw, i) => {
    const line = cutComment(raw, "#;", true);
    const open = line.trimStart();
    if (open.startsWith("[") && open.includes("]")) {
      section = open.slice(1, open.indexOf("]")).trim().toLowerCase();
      key = "";
      return;
    }
    if (/^\s*([#;]|$)/.test(raw)) return;
    const continued = /^\s+\S/.test(line);
    const kv = continued ? void 0 : splitKey(line, /[=:]/);
    if (section === "options.data_files") {
      if (kv) data.push({ dir: kv[0], files: kv[1].split(/[,\s]+/).filter(Boolean), line: i + 1 });
      else if (continued && data.length > 0) data[data.length - 1].files.push(...line.split(/[,\s]+/).filter(Boolean));
    }
    if (section === "options.entry_points") {
      if (kv) key = kv[0];
      else if (continued && /^(console_scripts|gui_scripts)$/.test(key)) {
        const m = splitKey(line, /=/);
        if (m && m[0] && m[1]) scripts.push({ name: m[0], target: m[1], line: i + 1 });
      }
    }
  });
  return [...judgeDataFiles(data, "setup.cfg"), ...judgeEntryPoints(scripts, "setup.cfg")];
}
function tomlStrings(value) {
  const out = [];
  let dqFailsBefore = 0;
  let sqFails = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '"' && i >= dqFailsBefore) {
      let k = i + 1;
      while (k < value.length && value[k] !== '"') {
        if (value[k] !== "\\") k++;
        else if (k + 1 < value.length && !/[\n\r\u2028\u2029]/.test(value[k + 1])) k += 2;
        else break;
      }
      if (value[k] === '"') {
        out.push(value.slice(i + 1, k));
        i = k;
      } else dqFailsBefore = k;
    } else if (c === "'" && !sqFails) {
      const k = value.indexOf("'", i + 1);
      if (k < 0) sqFails = true;
      else {
        out.push(value.slice(i + 1, k));
        i = k;
      }
    }
  }
  return out;
}
function readPyproject(text) {
  const raw = text.split(/\r\n|\r|\n/);
  const hookFiles = [];
  const data = [];
  const scripts = [];
  let section = "";
  let backend;
  let backendPath = [];
  const hatchHookSections = [];
  for (let i = 0; i < raw.length; i++) {
    const line = raw[i].replace(/^\s+/, "");
    if (line.startsWith("#") || line === "") continue;
    if (line.startsWith("[") && line.includes("]")) {
      section = line.slice(0, line.indexOf("]")).replace(/^\[+/, "").replace(/\s+/g, "").replace(/"/g, "");
      if (/^tool\.hatch\.(build(\.targets\.[\w-]+)?|metadata)\.hooks\.custom$/.test(section)) hatchHookSections.push({ section, line: i + 1 });
      continue;
    }
    const quoted = /^"([^"]*)"|^'([^']*)'/.exec(line);
    const rest = quoted ? line.slice(quoted[0].length) : line;
    const kv = splitKey(quoted ? `k${rest}` : rest, /=/);
    if (!kv) continue;
    const key = quoted ? quoted[1] ?? quoted[2] ?? "" : kv[0].replace(/["']/g, "");
    let value = kv[1];
    const start = i;
    let depth = (value.match(/[[{]/g) ?? []).length - (value.match(/[\]}]/g) ?? []).length;
    while (depth > 0 && i + 1 < raw.length) {
      i++;
      value += ` ${raw[i]}`;
      depth = (value.match(/[[{]/g) ?? []).length - (value.match(/[\]}]/g) ?? []).length;
    }
    if (section === "build-system" && key === "build-backend") backend = { name: tomlStrings(value)[0] ?? "", line: start + 1 };
    if (section === "build-system" && key === "backend-path") backendPath = tomlStrings(value);
    const hatch = hatchHookSections.find((h) => h.section === section);
    if (hatch && key === "path") hatch.path = tomlStrings(value)[0];
    if (section === "tool.pdm.build" && (key === "setup-script" || key === "run-setuptools")) {
      const s = tomlStrings(value)[0];
      if (s) hookFiles.push({ path: s.replace(/\.py$/, ""), line: start + 1, what: "PDM build script" });
    }
    if ((section === "project.scripts" || section === "project.gui-scripts" || section === "tool.poetry.scripts") && tomlStrings(value)[0] !== void 0) {
      scripts.push({ name: key, target: tomlStrings(value)[0], line: start + 1 });
    }
    if (section === "tool.setuptools.data-files" || section === "tool.setuptools" && key === "data-files") {
      if (section === "tool.setuptools.data-files") data.push({ dir: key, files: tomlStrings(value), line: start + 1 });
      else for (const [dir, files] of dataFileTables(value)) data.push({ dir, files: tomlStrings(files), line: start + 1 });
    }
  }
  if (backend && backendPath.length > 0 && backend.name) {
    const mod = backend.name.split(":")[0];
    for (const dir of backendPath) hookFiles.push({ path: `${dir.replace(/\/$/, "")}/${mod.replace(/\./g, "/")}`.replace(/^\.\//, "").replace(/^\.?\//, ""), line: backend.line, what: "in-tree build backend" });
  }
  for (const h of hatchHookSections) hookFiles.push({ path: (h.path ?? "hatch_build.py").replace(/\.py$/, "").replace(/^\.\//, ""), line: h.line, what: "hatch build hook" });
  return { hookFiles, hits: [...judgeDataFiles(data, "pyproject.toml"), ...judgeEntryPoints(scripts, "pyproject.toml")] };
}
function dataFileTables(value) {
  const out = [];
  const eq = /\s*=\s*\[/y;
  for (let i = value.indexOf('"'); i >= 0; ) {
    const close = value.indexOf('"', i + 1);
    if (close < 0) break;
    eq.lastIndex = close + 1;
    if (!eq.test(value)) {
      i = close;
      continue;
    }
    const end = value.indexOf("]", eq.lastIndex);
    if (end < 0) break;
    out.push([value.slice(i + 1, close), value.slice(eq.lastIndex, end)]);
    i = value.indexOf('"', end + 1);
  }
  return out;
}

// src/analyze/json.ts
var JsonError = class extends Error {
  constructor(message, offset) {
    super(`${message} at character ${offset}`);
    this.offset = offset;
  }
  offset;
};
var Literal = class {
  constructor(text) {
    this.text = text;
  }
  text;
};
var OPEN_OBJ = /* @__PURE__ */ Symbol("{");
var OPEN_ARR = /* @__PURE__ */ Symbol("[");
var SERDE_MAX_DEPTH = 128;
function isObject(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
function canonicalJson(v) {
  const out = [];
  const stack = [v];
  while (stack.length > 0) {
    const x = stack.pop();
    if (x instanceof Literal) out.push(x.text);
    else if (x === null || typeof x === "boolean" || typeof x === "string") out.push(JSON.stringify(x));
    else if (typeof x === "bigint") out.push(`${x}`);
    else if (typeof x === "number") out.push(Number.isNaN(x) ? "NaN" : `${x}f`);
    else if (Array.isArray(x)) {
      out.push("[");
      stack.push(new Literal("]"));
      for (let i = x.length - 1; i >= 0; i--) {
        stack.push(x[i]);
        if (i > 0) stack.push(new Literal(","));
      }
    } else {
      out.push("{");
      stack.push(new Literal("}"));
      const keys = Object.keys(x);
      for (let i = keys.length - 1; i >= 0; i--) {
        const k = keys[i];
        stack.push(x[k]);
        stack.push(new Literal(`${JSON.stringify(k)}:`));
        if (i > 0) stack.push(new Literal(","));
      }
    }
  }
  return out.join("");
}
function parseJson(text, dialect = "serde") {
  const python = dialect === "python";
  let i = 0;
  const duplicates = [];
  const conflicts = [];
  const n = text.length;
  const ws = () => {
    for (; ; ) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else return;
    }
  };
  const fail = (msg) => {
    throw new JsonError(msg, i);
  };
  const hex4 = () => {
    let v = 0;
    for (let k = 0; k < 4; k++) {
      const c = text.charCodeAt(i + k);
      const d = c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1;
      if (d < 0) fail("invalid \\u escape");
      v = v * 16 + d;
    }
    i += 4;
    return v;
  };
  const str = () => {
    i++;
    let out = "";
    let start = i;
    for (; ; ) {
      if (i >= n) fail("unterminated string");
      const c = text.charCodeAt(i);
      if (c === 34) {
        out += text.slice(start, i);
        i++;
        return out;
      }
      if (c < 32) fail("control character in string");
      if (c === 92) {
        out += text.slice(start, i);
        const e = text[i + 1];
        i += 2;
        switch (e) {
          case '"':
            out += '"';
            break;
          case "\\":
            out += "\\";
            break;
          case "/":
            out += "/";
            break;
          case "b":
            out += "\b";
            break;
          case "f":
            out += "\f";
            break;
          case "n":
            out += "\n";
            break;
          case "r":
            out += "\r";
            break;
          case "t":
            out += "	";
            break;
          case "u": {
            const u = hex4();
            if (u >= 55296 && u <= 56319) {
              if (text[i] === "\\" && text[i + 1] === "u") {
                const save = i;
                i += 2;
                const lo = hex4();
                if (lo >= 56320 && lo <= 57343) out += String.fromCharCode(u, lo);
                else if (python) {
                  i = save;
                  out += String.fromCharCode(u);
                } else fail("invalid trailing surrogate");
              } else if (python) out += String.fromCharCode(u);
              else fail("lone leading surrogate");
            } else if (u >= 56320 && u <= 57343 && !python) fail("lone trailing surrogate");
            else out += String.fromCharCode(u);
            break;
          }
          default:
            fail("invalid escape");
        }
        start = i;
        continue;
      }
      i++;
    }
  };
  const isDigit = (c) => c >= 48 && c <= 57;
  const num = () => {
    const s = i;
    if (text.charCodeAt(i) === 45) i++;
    if (python && text.startsWith("Infinity", i)) {
      i += 8;
      return text.charCodeAt(s) === 45 ? -Infinity : Infinity;
    }
    const c0 = text.charCodeAt(i);
    if (c0 === 48) i++;
    else if (c0 >= 49 && c0 <= 57) while (isDigit(text.charCodeAt(i))) i++;
    else {
      i = s;
      return fail("invalid value");
    }
    let float = false;
    if (text.charCodeAt(i) === 46 && isDigit(text.charCodeAt(i + 1))) {
      float = true;
      i++;
      while (isDigit(text.charCodeAt(i))) i++;
    }
    const e = text.charCodeAt(i);
    if (e === 101 || e === 69) {
      let j = i + 1;
      const sign = text.charCodeAt(j);
      if (sign === 43 || sign === 45) j++;
      if (isDigit(text.charCodeAt(j))) {
        float = true;
        i = j;
        while (isDigit(text.charCodeAt(i))) i++;
      }
    }
    const lit = text.slice(s, i);
    return float ? Number(lit) : BigInt(lit);
  };
  const scalar = () => {
    const c = text.charCodeAt(i);
    if (c === 123) {
      i++;
      return OPEN_OBJ;
    }
    if (c === 91) {
      i++;
      return OPEN_ARR;
    }
    if (c === 34) return str();
    if (c === 116 && text.startsWith("true", i)) {
      i += 4;
      return true;
    }
    if (c === 102 && text.startsWith("false", i)) {
      i += 5;
      return false;
    }
    if (c === 110 && text.startsWith("null", i)) {
      i += 4;
      return null;
    }
    if (python && c === 78 && text.startsWith("NaN", i)) {
      i += 3;
      return NaN;
    }
    if (python && c === 73 && text.startsWith("Infinity", i)) {
      i += 8;
      return Infinity;
    }
    if (c === 45 || isDigit(c)) return num();
    return fail("invalid value");
  };
  const stack = [];
  const pathOf = (key) => {
    let p = "";
    for (let k = 1; k < stack.length; k++) {
      const at = stack[k].at;
      p = typeof at === "number" ? `${p}[${at}]` : p ? `${p}.${at}` : at;
    }
    return p ? `${p}.${key}` : key;
  };
  const store = (v) => {
    const top = stack[stack.length - 1];
    if (Array.isArray(top.container)) {
      top.container.push(v);
      return;
    }
    const k = top.key;
    const obj = top.container;
    if (Object.prototype.hasOwnProperty.call(obj, k)) {
      const p = pathOf(k);
      duplicates.push(p);
      if (canonicalJson(obj[k]) !== canonicalJson(v)) conflicts.push(p);
    }
    obj[k] = v;
  };
  let result;
  let done = false;
  ws();
  let first = scalar();
  const open = (kind, at) => {
    if (!python && stack.length >= SERDE_MAX_DEPTH) fail("nesting too deep");
    const container = kind === OPEN_ARR ? [] : /* @__PURE__ */ Object.create(null);
    stack.push({ container, at });
  };
  const finish = (v) => {
    if (stack.length === 0) {
      result = v;
      done = true;
    } else store(v);
  };
  if (first === OPEN_OBJ || first === OPEN_ARR) open(first, "");
  else finish(first);
  let afterOpen = stack.length > 0;
  while (!done) {
    const top = stack[stack.length - 1];
    const isArr = Array.isArray(top.container);
    ws();
    if (afterOpen) {
      afterOpen = false;
      const c = text.charCodeAt(i);
      if (c === (isArr ? 93 : 125)) {
        i++;
        stack.pop();
        finish(top.container);
        continue;
      }
    } else {
      const c = text.charCodeAt(i);
      if (c === 44) {
        i++;
        ws();
      } else if (c === (isArr ? 93 : 125)) {
        i++;
        stack.pop();
        finish(top.container);
        continue;
      } else fail(isArr ? "expected ',' or ']'" : "expected ',' or '}'");
    }
    let at;
    if (isArr) at = top.container.length;
    else {
      if (text.charCodeAt(i) !== 34) fail("expected a key");
      const k = str();
      ws();
      if (text.charCodeAt(i) !== 58) fail("expected ':'");
      i++;
      ws();
      top.key = k;
      at = k;
    }
    first = scalar();
    if (first === OPEN_OBJ || first === OPEN_ARR) {
      open(first, at);
      afterOpen = true;
    } else store(first);
  }
  ws();
  if (i !== n) fail("trailing characters");
  return { value: result, duplicates, conflicts };
}

export {
  credentialLocation,
  isSecretVariable,
  SECRET_WORD,
  SENSITIVE_VARIABLES,
  hostOf,
  isLocalHost,
  isHubHost,
  isKnownPackageHost,
  isKnownGitSource,
  basename,
  dirname,
  extension,
  joinPath,
  truncateEvidence,
  splitLines,
  evidenceOf,
  hitsToFindings,
  dedupeHits,
  maxSeverity,
  isRequirementsFile,
  containerRunOf,
  judgeContainer,
  composeServices,
  readPth,
  judgeDataFiles,
  judgeEntryPoints,
  analyzeSetupCfg,
  readPyproject,
  JsonError,
  isObject,
  parseJson
};
