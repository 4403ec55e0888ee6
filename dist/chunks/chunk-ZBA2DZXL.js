
// src/core/glob.ts
var MAX_GLOB_LENGTH = 256;
function compileGlob(source) {
  if (source.length === 0) return { ok: false, error: "empty pattern" };
  if (source.length > MAX_GLOB_LENGTH) return { ok: false, error: `pattern longer than ${MAX_GLOB_LENGTH} characters` };
  if (!/^[\x20-\x7e]*$/.test(source)) return { ok: false, error: "pattern must be printable ASCII" };
  if (source.includes("\\")) return { ok: false, error: "backslash is not supported; paths use '/'" };
  if (source.startsWith("/")) return { ok: false, error: "pattern must be relative (no leading '/')" };
  if (source.endsWith("/")) return { ok: false, error: "pattern must name files (no trailing '/'); use 'dir/**'" };
  const parts = source.split("/");
  const segments = [];
  for (const part of parts) {
    if (part === "") return { ok: false, error: "empty path segment ('//')" };
    if (part === "." || part === "..") return { ok: false, error: `'${part}' segments are not allowed` };
    if (part === "**") {
      if (segments[segments.length - 1] !== "globstar") segments.push("globstar");
      continue;
    }
    if (part.includes("**")) return { ok: false, error: "'**' must be a whole path segment (like 'dir/**/x')" };
    const seg = compileSegment(part);
    if (typeof seg === "string") return { ok: false, error: seg };
    segments.push(seg);
  }
  return { ok: true, glob: { source, basename: parts.length === 1, segments } };
}
function compileSegment(part) {
  const out = [];
  for (let i = 0; i < part.length; i++) {
    const ch = part[i];
    if (ch === "*") {
      if (out[out.length - 1]?.t !== "star") out.push({ t: "star" });
    } else if (ch === "?") {
      out.push({ t: "one" });
    } else if (ch === "[") {
      const end = part.indexOf("]", i + 2);
      if (end < 0) return `unclosed '[' in '${part}'`;
      let body = part.slice(i + 1, end);
      const negated = body.startsWith("!") || body.startsWith("^");
      if (negated) body = body.slice(1);
      if (body.length === 0) return `empty character class in '${part}'`;
      const ranges = [];
      for (let j = 0; j < body.length; j++) {
        const lo = body.charCodeAt(j);
        if (body[j + 1] === "-" && j + 2 < body.length) {
          const hi = body.charCodeAt(j + 2);
          if (hi < lo) return `reversed range '${body.slice(j, j + 3)}' in '${part}'`;
          ranges.push([lo, hi]);
          j += 2;
        } else ranges.push([lo, lo]);
      }
      out.push({ t: "class", negated, ranges });
      i = end;
    } else if (ch === "]") {
      return `unmatched ']' in '${part}'`;
    } else {
      out.push({ t: "lit", c: part.charCodeAt(i) });
    }
  }
  return out;
}
function tokenMatches(tok, c) {
  switch (tok.t) {
    case "lit":
      return tok.c === c;
    case "one":
      return true;
    case "class": {
      const inside = tok.ranges.some(([lo, hi]) => c >= lo && c <= hi);
      return inside !== tok.negated;
    }
    case "star":
      return true;
  }
}
function matchSegment(tokens, name) {
  let prev = new Array(name.length + 1).fill(false);
  prev[0] = true;
  for (const tok of tokens) {
    const cur = new Array(name.length + 1).fill(false);
    if (tok.t === "star") {
      let reach = false;
      for (let j = 0; j <= name.length; j++) {
        reach = reach || (prev[j] ?? false);
        cur[j] = reach;
      }
    } else {
      for (let j = 1; j <= name.length; j++) cur[j] = (prev[j - 1] ?? false) && tokenMatches(tok, name.charCodeAt(j - 1));
    }
    prev = cur;
  }
  return prev[name.length] ?? false;
}
function matchGlob(glob, path) {
  const parts = path.split("/");
  if (glob.basename) {
    const first = glob.segments[0];
    if (first === "globstar") return true;
    return first !== void 0 && matchSegment(first, parts[parts.length - 1] ?? "");
  }
  let reach = new Array(parts.length + 1).fill(false);
  reach[0] = true;
  glob.segments.forEach((seg, index) => {
    const next = new Array(parts.length + 1).fill(false);
    if (seg === "globstar") {
      const atLeastOne = index === glob.segments.length - 1;
      let on = false;
      for (let j = 0; j <= parts.length; j++) {
        if (!atLeastOne) on = on || (reach[j] ?? false);
        next[j] = on;
        if (atLeastOne) on = on || (reach[j] ?? false);
      }
    } else {
      for (let j = 1; j <= parts.length; j++) next[j] = (reach[j - 1] ?? false) && matchSegment(seg, parts[j - 1] ?? "");
    }
    reach = next;
  });
  return reach[parts.length] ?? false;
}

export {
  compileGlob,
  matchGlob
};
