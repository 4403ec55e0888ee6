
// src/cli/io.ts
var UsageError = class extends Error {
};
var PLAIN_TEXT = /^[\t\n\x20-\x7e]*$/;
var terminalUnsafe;
function terminalSafe(text) {
  if (PLAIN_TEXT.test(text)) return text;
  terminalUnsafe ??= /\u001b\[[0-9;]*m|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;
  return text.replace(
    terminalUnsafe,
    (m) => m.length > 1 && m.charCodeAt(0) === 27 ? m : `\\u{${(m.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}}`
  );
}

export {
  UsageError,
  terminalSafe
};
