import {
  HubError
} from "./chunk-37FDLS5N.js";

// src/hub/endpoint.ts
var PUBLIC_HUB_URL = "https://huggingface.co";
function pickHubUrl(input, env) {
  const explicit = input?.trim();
  if (explicit) return normalizeHubUrl(explicit, "the hub-url input");
  const fromEnv = env.HF_ENDPOINT?.trim();
  if (fromEnv) return normalizeHubUrl(fromEnv, "HF_ENDPOINT");
  return PUBLIC_HUB_URL;
}
function normalizeHubUrl(raw, source = "the Hub URL") {
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new HubError("invalid-hub-url", `${source} is not a URL; use e.g. ${PUBLIC_HUB_URL}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new HubError("invalid-hub-url", `${source} '${url.protocol}//\u2026' must be http or https`);
  }
  if (url.username || url.password) {
    throw new HubError("invalid-hub-url", `${source} must not contain credentials; pass a token through HF_TOKEN`);
  }
  if (url.pathname !== "/" && url.pathname !== "" || url.search || url.hash) {
    throw new HubError(
      "invalid-hub-url",
      `${source} has a path, query or fragment after ${url.origin}; give only scheme://host[:port]`
    );
  }
  return url.origin;
}

export {
  pickHubUrl,
  normalizeHubUrl
};
