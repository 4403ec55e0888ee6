// Which Hub to talk to: the `hub-url` input, else HF_ENDPOINT (as the Python clients honour it; the JS client does
// not read it, hub-api.md "Conventions"), else the public Hub.
import { HubError } from './errors.js';

export const PUBLIC_HUB_URL = 'https://huggingface.co';

/** Explicit input > HF_ENDPOINT > public Hub. Empty strings count as unset (Actions passes '' for absent inputs). */
export function pickHubUrl(input: string | undefined, env: Record<string, string | undefined>): string {
  const explicit = input?.trim();
  if (explicit) return normalizeHubUrl(explicit, 'the hub-url input');
  const fromEnv = env.HF_ENDPOINT?.trim();
  if (fromEnv) return normalizeHubUrl(fromEnv, 'HF_ENDPOINT');
  return PUBLIC_HUB_URL;
}

/**
 * The Hub's origin (`scheme://host[:port]`) from a user-supplied URL. Only http(s), no credentials, no path, query
 * or fragment: every API path is built from the origin, so anything after it would be silently dropped otherwise.
 */
export function normalizeHubUrl(raw: string, source = 'the Hub URL'): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new HubError('invalid-hub-url', `${source} is not a URL; use e.g. ${PUBLIC_HUB_URL}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new HubError('invalid-hub-url', `${source} '${url.protocol}//…' must be http or https`);
  }
  if (url.username || url.password) {
    throw new HubError('invalid-hub-url', `${source} must not contain credentials; pass a token through HF_TOKEN`);
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw new HubError(
      'invalid-hub-url',
      `${source} has a path, query or fragment after ${url.origin}; give only scheme://host[:port]`
    );
  }
  return url.origin;
}
