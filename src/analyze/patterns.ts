// Shared vocabularies: where credentials live, which variable names hold secrets, which hosts are the Hub's
// or well-known package indexes. Used only to grade what code does, never to decide that something is safe.

/** Files and folders that hold credentials (threats.md §5). Matched against known path text. */
const CREDENTIAL_LOCATIONS: readonly [RegExp, string][] = [
  [/\.aws\/(credentials|config)\b/, 'AWS credentials'],
  [/\.cache\/huggingface\/(token|stored_tokens)\b|\.huggingface\/token\b/, 'the Hugging Face token'],
  [/(^|[/\\\0~])[._]netrc\b/, '.netrc (login passwords)'],
  [/(^|[/\\\0~])\.ssh(\/|\b)/, 'SSH keys'],
  [/\.docker\/config\.json\b/, 'Docker registry credentials'],
  [/\.git-credentials\b/, 'git credentials'],
  [/\.config\/gcloud\b|application_default_credentials\.json/, 'Google Cloud credentials'],
  [/\.azure\/(accessTokens|msal_token_cache)/, 'Azure credentials'],
  [/\.kube\/config\b/, 'Kubernetes credentials'],
  [/\.pypirc\b/, 'PyPI upload credentials'],
  [/\.npmrc\b/, 'npm credentials'],
  [/\.gnupg\b/, 'GnuPG keys'],
  [/Google\/Chrome|google-chrome|\.config\/chromium|Chromium\/User Data|Mozilla\/Firefox|\.mozilla\/firefox|BraveSoftware|Microsoft\/Edge|Login Data\b|Local State\b|cookies\.sqlite|logins\.json|key[34]\.db/i, 'browser profiles (saved passwords, cookies)'],
  [/Library\/Keychains|\.local\/share\/keyrings/, 'the system keychain'],
  [/\.config\/gh\/hosts\.yml/, 'GitHub CLI credentials'],
  [/wallet\.dat|Ethereum\/keystore|\.electrum/i, 'cryptocurrency wallets']
];

/** Names the credential location `text` refers to, or undefined. */
export function credentialLocation(text: string): string | undefined {
  const t = text.replace(/\\/g, '/');
  for (const [re, what] of CREDENTIAL_LOCATIONS) if (re.test(t)) return what;
  return undefined;
}

/** Environment variable names whose value is a secret. */
export function isSecretVariable(name: string): boolean {
  return /TOKEN|SECRET|PASSW|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL|AUTH/i.test(name);
}

/** Strings that show a sweep is filtering environment variables for secrets. */
export const SECRET_WORD = /TOKEN|SECRET|PASSW|(^|_)KEY($|_)|API_?KEY|CRED|AUTH|AWS_|HF_/i;

/** Secrets that must never leave for a host that is not their own (shell and README commands). */
export const SENSITIVE_VARIABLES = /^(HF_TOKEN|HF_API_TOKEN|HUGGING_?FACE(_HUB)?_TOKEN|HUGGINGFACEHUB_API_TOKEN|AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN|GITHUB_TOKEN|GH_TOKEN|NPM_TOKEN|PYPI_TOKEN|TWINE_PASSWORD)$/i;

export function hostOf(url: string): string | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]+\]|[^:/?#]+)/i.exec(url.trim());
  return m?.[1]?.toLowerCase();
}

export function isLocalHost(host: string | undefined): boolean {
  return host !== undefined && /^(localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1\]|::1|host\.docker\.internal)$/.test(host);
}

export function isHubHost(host: string | undefined): boolean {
  return host !== undefined && /(^|\.)(huggingface\.co|hf\.co|hf\.space)$/.test(host);
}

/** Package indexes and wheel hosts a reviewer need not question. */
export function isKnownPackageHost(host: string | undefined): boolean {
  return host !== undefined && /^(pypi\.org|pypi\.python\.org|files\.pythonhosted\.org|download\.pytorch\.org|pypi\.nvidia\.com|pypi\.ngc\.nvidia\.com)$/.test(host);
}

/** Git sources for installs that model cards legitimately use (the Hugging Face libraries' main branches). */
export function isKnownGitSource(url: string): boolean {
  return /^(git\+)?https:\/\/github\.com\/huggingface\/[\w.-]+(\.git)?([@#/].*)?$/i.test(url.trim());
}
