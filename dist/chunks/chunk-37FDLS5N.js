import {
  redact
} from "./chunk-56LLOFTS.js";

// src/hub/errors.ts
var HubError = class extends Error {
  code;
  url;
  status;
  hubErrorCode;
  hubErrorMessage;
  path;
  expected;
  actual;
  constructor(code, message, details = {}) {
    super(redact(message), details.cause === void 0 ? void 0 : { cause: details.cause });
    this.name = "HubError";
    this.code = code;
    if (details.url !== void 0) this.url = details.url;
    if (details.status !== void 0) this.status = details.status;
    if (details.hubErrorCode !== void 0) this.hubErrorCode = details.hubErrorCode;
    if (details.hubErrorMessage !== void 0) this.hubErrorMessage = redact(details.hubErrorMessage);
    if (details.path !== void 0) this.path = details.path;
    if (details.expected !== void 0) this.expected = details.expected;
    if (details.actual !== void 0) this.actual = details.actual;
  }
};
var SECRET_PARAM = /sig|signature|token|key|credential|auth|policy|expires|session|password|secret|^x-amz-|^x-goog-|^se$|^sp$|^sv$|^sr$/i;
function redactUrl(raw) {
  let url;
  try {
    url = new URL(String(raw));
  } catch {
    return "<unparseable URL>";
  }
  url.username = "";
  url.password = "";
  for (const name of [...url.searchParams.keys()]) {
    if (SECRET_PARAM.test(name)) url.searchParams.delete(name);
  }
  url.hash = "";
  return url.toString();
}

export {
  HubError,
  redactUrl
};
