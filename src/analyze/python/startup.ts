// Places a file is run from later, without anyone running it: Python's startup hooks (.pth files and
// sitecustomize/usercustomize in site-packages, a PYTHONSTARTUP file), transformers' remote-code module cache,
// shell start-up files, service managers and schedulers, and package-index settings that decide where every later
// install comes from. Writing code or settings there outlives the script: it is persistence. Pure: a path in.

/** The text site.getsitepackages()/getusersitepackages() stand for (the folder is only known at run time). */
export const SITE_PACKAGES = '<site-packages>';

export interface StartupPlace {
  /** What the file is, for the message. */
  what: string;
  /** What happens to it later. */
  when: string;
}

const PLACES: readonly [RegExp, StartupPlace][] = [
  [/(^|\/)(site|dist)-packages\/[^/]+\.pth$|^<site-packages>\/[^/]+\.pth$/, { what: 'a .pth file in site-packages', when: 'site.py runs its import lines at every Python start' }],
  [/(^|\/)(sitecustomize|usercustomize)\.py$/, { what: 'a Python start-up module (sitecustomize/usercustomize)', when: 'Python imports it at every start' }],
  [/(^|\/)\.pythonrc(\.py)?$/, { what: 'a Python start-up file (PYTHONSTARTUP)', when: 'every interactive Python session runs it' }],
  [/(^|\/)huggingface\/modules\/transformers_modules(\/|$)/, { what: 'transformers\' remote-code module cache', when: 'transformers imports it on a later trust_remote_code load' }],
  [/(^|\/)\.(bashrc|bash_profile|bash_login|profile|zshrc|zshenv|zprofile|zlogin|kshrc|cshrc|tcshrc)$|(^|\/)\.config\/fish\/(config\.fish|conf\.d\/[^/]+)$|^\/etc\/(profile|bash\.bashrc|zshrc|environment)$|^\/etc\/profile\.d\//, { what: 'a shell start-up file', when: 'every new shell runs it' }],
  [/(^|\/)systemd\/(user|system)\/[^/]+\.(service|timer|socket|path)$|^\/etc\/systemd\//, { what: 'a systemd unit', when: 'systemd runs its commands as a service' }],
  [/^\/etc\/cron(tab$|\.)|^\/var\/spool\/cron\//, { what: 'a crontab', when: 'cron runs it on a schedule' }],
  [/(^|\/)\.config\/autostart\/[^/]+\.desktop$|(^|\/)Library\/LaunchAgents\/[^/]+\.plist$|^\/Library\/LaunchDaemons\//, { what: 'a login item (autostart/launchd)', when: 'it runs at every login' }],
  [/(^|\/)(pip\.conf|pip\.ini|\.pypirc|\.npmrc|\.condarc|\.pydistutils\.cfg)$|(^|\/)\.config\/uv\/uv\.toml$/, { what: 'package-manager index settings', when: 'every later install takes packages from the index it names' }],
  [/(^|\/)\.ssh\/(authorized_keys2?|config|rc)$/, { what: 'SSH settings (authorized_keys, config)', when: 'they grant or redirect later logins' }]
];

/** The start-up place a written path lands in, or undefined for an ordinary file. */
export function startupPlace(path: string): StartupPlace | undefined {
  const p = path.replace(/\\/g, '/').replace(/\/{2,}/g, '/');
  return PLACES.find(([re]) => re.test(p))?.[1];
}
