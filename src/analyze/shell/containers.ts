// `docker run` / `podman run` / `nerdctl run` (and `create`, `container run`): judged by what the container is
// given — host folders that hold credentials, the Docker socket, the whole home directory, tokens in its
// environment, privileged mode and the host's network or process namespace — and by whose image it runs. The
// images that model cards legitimately run (TGI, vLLM, llama.cpp, Ollama, NVIDIA's) are named below; with the
// Hugging Face cache or token they do what their own documentation shows. An unknown image given secrets is a
// credential theft; a lookalike of a known image is an attack.
import type { Severity } from '../../core/findings.js';
import { credentialLocation, isSecretVariable, SENSITIVE_VARIABLES } from '../patterns.js';
import type { SourceOptions } from '../requirements.js';
import { trimEndOf } from '../../core/text.js';

export interface ContainerIssue {
  kind: 'container' | 'credentials';
  severity: Severity;
  message: string;
  help: string;
}

export interface ContainerRun {
  tool: string;
  image: string;
  /** The command the container is told to run (after the image). */
  command: string[];
  mounts: string[];
  env: string[];
  flags: string[];
}

const HELP = {
  secrets: 'The container is given your credentials; whatever the image runs can read and send them. Do not approve.',
  unknown: 'The image is not from a known publisher: it runs code nobody reviewed. Find out who publishes it and pin it by digest, or do not approve.',
  squat: 'The image name imitates a well-known image. Do not approve.',
  privileged: 'The container is given control of the host (privileged mode, host namespaces or the Docker socket). A model server needs none of that.'
} as const;

/**
 * Publishers whose images model cards legitimately run, as `registry/namespace` (Docker Hub as `docker.io`).
 * Sources: the Hugging Face docs (TGI, TEI, Inference Endpoints), vLLM, SGLang, LMDeploy, llama.cpp, Ollama,
 * NVIDIA NGC, PyTorch and TensorFlow install guides, Infinity and Xinference READMEs.
 */
const KNOWN_PUBLISHERS: readonly string[] = [
  'ghcr.io/huggingface', 'docker.io/huggingface', 'docker.io/vllm', 'docker.io/lmsysorg', 'docker.io/openmmlab',
  'ghcr.io/ggml-org', 'ghcr.io/ggerganov', 'docker.io/ollama', 'nvcr.io/nvidia', 'docker.io/nvidia', 'docker.io/pytorch',
  'docker.io/tensorflow', 'docker.io/rocm', 'docker.io/intel', 'mcr.microsoft.com', 'docker.io/michaelf34',
  'docker.io/xprobe', 'ghcr.io/open-webui', 'docker.io/localai'
];
const KNOWN_NS = new Set(KNOWN_PUBLISHERS.map((p) => p.toLowerCase()));

const VALUE_OPTIONS = new Set([
  '-v', '--volume', '--mount', '-e', '--env', '--env-file', '-p', '--publish', '--name', '--network', '--net', '-w',
  '--workdir', '-u', '--user', '--gpus', '--runtime', '--ipc', '--pid', '--shm-size', '--platform', '--entrypoint',
  '-h', '--hostname', '--device', '--cap-add', '--cap-drop', '--security-opt', '--ulimit', '-m', '--memory',
  '--cpus', '--restart', '-l', '--label', '--add-host', '--dns', '--log-driver', '--log-opt', '--tmpfs',
  '--volumes-from', '--userns', '--uts', '--cgroupns', '--stop-signal', '-a', '--attach', '--cidfile', '--group-add',
  '--ip', '--pull', '--health-cmd', '--memory-swap', '--cpuset-cpus', '--label-file', '--annotation', '--detach-keys'
]);

/** Parses `docker [global options] run|create [options] IMAGE [COMMAND…]`; undefined for other commands. */
export function containerRunOf(name: string, args: readonly string[]): ContainerRun | undefined {
  if (!/^(docker|podman|nerdctl|finch)$/.test(name)) return undefined;
  let i = 0;
  // Global options before the subcommand (`docker --context x run`).
  while (i < args.length && (args[i] as string).startsWith('-')) i += /^--(context|host|config|log-level)$|^-H$/.test(args[i] as string) ? 2 : 1;
  if (args[i] === 'container') i++;
  if (args[i] !== 'run' && args[i] !== 'create') return undefined;
  const run: ContainerRun = { tool: `${name} ${args[i]}`, image: '', command: [], mounts: [], env: [], flags: [] };
  for (i++; i < args.length; i++) {
    const a = args[i] as string;
    if (!a.startsWith('-') || a === '-') {
      run.image = a;
      run.command = args.slice(i + 1) as string[];
      break;
    }
    if (a === '--') continue;
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const opt = eq > 0 ? a.slice(0, eq) : a;
    // Short options with the value attached (`-v/a:/b`, `-eHF_TOKEN`).
    const short = /^-([ve])(.+)$/.exec(a);
    let value: string | undefined;
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
    if (value === undefined) break;
    if (key === '-v' || key === '--volume') run.mounts.push(value.split(':')[0] as string);
    else if (key === '--mount') {
      const src = /(?:^|,)(?:source|src)=([^,]+)/.exec(value);
      if (src) run.mounts.push(src[1] as string);
    } else if (key === '-e' || key === '--env') run.env.push(value);
    else if (key === '--env-file') run.env.push(`@${value}`);
    else run.flags.push(`${key}=${value}`);
  }
  return run.image ? run : undefined;
}

/** What a host path mounted into a container gives it, or undefined for ordinary folders. */
function mountRisk(src: string): { what: string; level: 'secrets' | 'hf' | 'host' } | undefined {
  const p = trimEndOf(src.replace(/\\/g, '/').replace(/^\$\{?(HOME|USERPROFILE)\}?|^%USERPROFILE%/i, '~'), '/');
  if (/(^|\/)(var\/)?run\/docker\.sock$|docker_engine$/.test(p)) return { what: 'the Docker socket (control of the host)', level: 'host' };
  if (p === '' || p === '/' || p === '~' || /^\/(home|Users)(\/[^/]+)?$|^\/root$|^\/etc$|^[A-Za-z]:\/?$/.test(p)) return { what: `the host folder ${src} (all of its files)`, level: 'host' };
  const dir = /(^|\/)\.(aws|ssh|docker|kube|azure|gnupg|config\/gcloud|config\/gh|password-store)(\/|$)|(^|\/)\.(netrc|git-credentials|pypirc|npmrc)$/.exec(p);
  if (dir) return { what: `${src} (${credentialLocation(`${p}/credentials`) ?? credentialLocation(p) ?? 'credentials'})`, level: 'secrets' };
  const cred = credentialLocation(p);
  if (cred && !/\.cache\/huggingface/.test(p)) return { what: `${src} (${cred})`, level: 'secrets' };
  if (/(^|\/)\.cache\/huggingface$|\.cache\/huggingface\/(token|stored_tokens)$|(^|\/)\.huggingface$/.test(p)) return { what: `${src} (holds the Hugging Face token)`, level: 'hf' };
  return undefined;
}

/** `vllm/vllm-openai:v0.6` → `docker.io/vllm`, image name `vllm-openai`. */
function imageParts(image: string): { registry: string; namespace: string; name: string; publisher: string } {
  const ref = image.replace(/@sha256:[0-9a-f]+$/i, '').replace(/:[\w.-]+$/, '').toLowerCase();
  const parts = ref.split('/');
  let registry = 'docker.io';
  if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0] as string)) registry = parts.shift() as string;
  if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = 'docker.io';
  const name = parts.pop() ?? '';
  const namespace = parts.join('/') || (registry === 'docker.io' ? 'library' : '');
  const publisher = registry === 'mcr.microsoft.com' ? registry : `${registry}/${parts[0] ?? 'library'}`;
  return { registry, namespace, name, publisher };
}

/** Restricted Damerau–Levenshtein distance, capped (a lookalike is one edit away). */
function nearlyEqual(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1 || Math.max(a.length, b.length) < 4) return false;
  const fold = (s: string): string => s.replace(/[-_.]/g, '').replace(/[1il|]/g, 'l').replace(/0/g, 'o').replace(/rn/g, 'm');
  if (fold(a) === fold(b)) return true;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (prev2[j - 2] as number) + 1);
      cur.push(d);
    }
    prev2 = prev;
    prev = cur;
  }
  return (prev[b.length] as number) <= 1;
}

export function judgeContainer(run: ContainerRun, opts: SourceOptions = {}): ContainerIssue[] {
  const out: ContainerIssue[] = [];
  const img = imageParts(run.image);
  const own = (opts.ownGitOrgs ?? []).some((o) => img.publisher === `ghcr.io/${o}`) ||
    (opts.ownNames ?? []).some((o) => img.publisher === `docker.io/${o.toLowerCase()}`);
  const official = img.registry === 'docker.io' && img.namespace === 'library';
  const spaces = img.registry === 'registry.hf.space';
  const known = official || KNOWN_NS.has(img.publisher) || own;
  const imitated = known ? undefined : KNOWN_PUBLISHERS.find((k) => {
    const [reg, ns] = k.includes('/') ? [k.slice(0, k.indexOf('/')), k.slice(k.indexOf('/') + 1)] : [k, ''];
    const [creg, cns] = [img.publisher.slice(0, img.publisher.indexOf('/')), img.publisher.slice(img.publisher.indexOf('/') + 1)];
    return (creg === reg && ns !== '' && nearlyEqual(cns, ns)) || (cns === ns && nearlyEqual(creg, reg));
  });
  const shown = `${run.tool} … ${run.image}`;
  if (imitated) {
    out.push({ kind: 'container', severity: 'critical', message: `${shown}: the image's publisher ${img.publisher} imitates ${imitated}`, help: HELP.squat });
  }
  const risks = run.mounts.map(mountRisk).filter((r): r is NonNullable<ReturnType<typeof mountRisk>> => r !== undefined);
  const secretEnv = run.env.filter((e) => {
    const k = e.startsWith('@') ? '' : (e.split('=')[0] as string);
    return SENSITIVE_VARIABLES.test(k) || isSecretVariable(k);
  }).map((e) => e.split('=')[0] as string);
  const hfOnly = (v: string): boolean => /^(HF_|HUGGING)/i.test(v);
  const privileged = run.flags.filter((f) => f === '--privileged' || /^--(pid|userns|uts)=host$/.test(f) || /^--cap-add=(all|sys_admin|sys_ptrace)$/i.test(f) || /^--security-opt=(seccomp|apparmor)[:=]unconfined$/i.test(f));
  const hostNet = run.flags.some((f) => /^--(network|net)=host$/.test(f));
  const whose = known ? `the ${official ? 'official' : own ? "publisher's own" : 'known'} image ${run.image}` : spaces ? `the Space image ${run.image}` : `${run.image}, an image from ${img.publisher} (not a known publisher)`;

  for (const r of risks) {
    if (r.level === 'hf' && known) continue; // the TGI/vLLM documentation mounts the HF cache
    const sev: Severity = known ? (r.level === 'host' ? 'high' : 'high') : 'critical';
    out.push({ kind: r.level === 'host' ? 'container' : 'credentials', severity: sev, message: `${run.tool} mounts ${r.what} into ${whose}`, help: r.level === 'host' ? HELP.privileged : HELP.secrets });
  }
  const foreignSecrets = secretEnv.filter((v) => !(known && hfOnly(v)));
  if (foreignSecrets.length > 0) {
    out.push({ kind: 'credentials', severity: known ? 'high' : 'critical', message: `${run.tool} passes ${foreignSecrets.join(', ')} into ${whose}`, help: HELP.secrets });
  }
  if (privileged.length > 0) {
    out.push({ kind: 'container', severity: known ? 'medium' : 'high', message: `${run.tool} runs ${whose} with ${privileged.join(', ')}`, help: HELP.privileged });
  }
  if (!known && !imitated && out.length === 0) {
    const broad = run.mounts.length > 0 || hostNet || run.env.some((e) => e.startsWith('@'));
    out.push({
      kind: 'container', severity: broad ? 'high' : 'medium',
      message: `${run.tool} runs ${whose}${broad ? `, with ${[run.mounts.length > 0 ? `host folders mounted (${run.mounts.join(', ')})` : '', hostNet ? "the host's network" : '', run.env.some((e) => e.startsWith('@')) ? 'an env file' : ''].filter(Boolean).join(' and ')}` : ''}`,
      help: HELP.unknown
    });
  }
  return out;
}

/**
 * The services of a compose file (`docker compose up`) as the container runs they are: image, volumes
 * (short syntax), environment names, privileged/host modes. Read line by line (no YAML evaluation); a service
 * that only builds from this repository has no image to judge and is left out.
 */
export function composeServices(text: string, tool = 'docker compose'): (ContainerRun & { service: string; line: number })[] {
  const out: (ContainerRun & { service: string; line: number })[] = [];
  let inServices = false;
  let svcIndent = -1;
  let cur: (ContainerRun & { service: string; line: number }) | undefined;
  let list: 'volumes' | 'environment' | undefined;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = (lines[i] as string).replace(/\r$/, '');
    if (raw.trim() === '' || raw.trim().startsWith('#')) continue;
    const indent = raw.length - raw.trimStart().length;
    const t = raw.trim();
    if (indent === 0) { inServices = /^services:\s*$/.test(t); cur = undefined; svcIndent = -1; continue; }
    if (!inServices) continue;
    if (svcIndent < 0) svcIndent = indent;
    if (indent === svcIndent) {
      const m = /^([\w.-]+):\s*$/.exec(t);
      cur = m ? { service: m[1] as string, line: i + 1, tool, image: '', command: [], mounts: [], env: [], flags: [] } : undefined;
      if (cur) out.push(cur);
      list = undefined;
      continue;
    }
    if (!cur) continue;
    const kv = keyValue(t);
    if (kv && !t.startsWith('-')) {
      const [, k, v] = kv as unknown as [string, string, string];
      const val = v.replace(/^(['"])(.*)\1$/, '$2').trim();
      list = k === 'volumes' ? 'volumes' : k === 'environment' ? 'environment' : undefined;
      if (k === 'image') cur.image = val;
      if (k === 'privileged' && /^(true|yes)$/i.test(val)) cur.flags.push('--privileged');
      if ((k === 'network_mode' || k === 'pid') && val === 'host') cur.flags.push(k === 'pid' ? '--pid=host' : '--network=host');
      if (k === 'env_file') cur.env.push(`@${val}`);
      continue;
    }
    const item = listItem(t);
    if (item && list === 'volumes') cur.mounts.push((item[1] as string).replace(/^(['"])(.*)\1$/, '$2').split(':')[0] as string);
    else if (item && list === 'environment') cur.env.push((item[1] as string).replace(/^(['"])(.*)\1$/, '$2'));
    else if (kv && list === 'environment') cur.env.push(`${kv[1] as string}=${kv[2] as string}`);
  }
  return out.filter((s) => s.image !== '');
}

const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;

/** `/^([\w-]+):\s*(.*)$/.exec(t)` in one pass (the pattern's `\s*(.*)` retried every split of a long blank run). */
function keyValue(t: string): [string, string, string] | null {
  const key = /^[\w-]+:/.exec(t);
  if (!key) return null;
  const value = t.slice(key[0].length).trimStart();
  return LINE_TERMINATOR.test(value) ? null : [t, key[0].slice(0, -1), value];
}

/** `/^-\s*(.+?)\s*$/.exec(t)` in one pass: a YAML list item's text, trimmed. */
function listItem(t: string): [string, string] | null {
  if (!t.startsWith('-')) return null;
  const text = t.slice(1).trim();
  return text === '' || LINE_TERMINATOR.test(text) ? null : [t, text];
}
