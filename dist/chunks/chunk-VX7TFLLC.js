import {
  isLocalReview
} from "./chunk-YABUTBMA.js";
import {
  trimEndOf
} from "./chunk-5USQP7RK.js";

// src/report/links.ts
var SHA = /^[0-9a-f]{40}$/;
function base(hubUrl) {
  return trimEndOf(hubUrl, "/").replace(/[\s()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}
function encodeSegment(segment) {
  return encodeURIComponent(segment.toWellFormed()).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
function repoPath(repo) {
  const parts = repo.split("/");
  if (parts.length < 1 || parts.length > 2) return void 0;
  if (parts.some((p) => p === "" || p === "." || p === "..")) return void 0;
  return parts.map(encodeSegment).join("/");
}
function hubTreeUrl(hubUrl, repo, sha) {
  const r = repoPath(repo);
  if (!r || !sha || !SHA.test(sha)) return void 0;
  return `${base(hubUrl)}/${r}/tree/${sha}`;
}
function hubBlobUrl(hubUrl, repo, sha, path, line) {
  const r = repoPath(repo);
  if (!r || !sha || !SHA.test(sha)) return void 0;
  const member = path.indexOf("!/");
  const segments = (member >= 0 ? path.slice(0, member) : path).split("/");
  if (segments.some((s) => s === "" || s === "." || s === "..")) return void 0;
  const anchor = member < 0 && line !== void 0 && Number.isSafeInteger(line) && line > 0 ? `#L${line}` : "";
  return `${base(hubUrl)}/${r}/blob/${sha}/${segments.map(encodeSegment).join("/")}${anchor}`;
}
function pinnedSha(review) {
  if (isLocalReview(review)) return void 0;
  if (review.commit && SHA.test(review.commit)) return review.commit;
  return SHA.test(review.entry.revision) ? review.entry.revision : void 0;
}
function reviewTreeUrl(hubUrl, review) {
  if (hubUrl === void 0 || isLocalReview(review)) return void 0;
  return hubTreeUrl(hubUrl, review.entry.repo, pinnedSha(review));
}
function reviewFileUrl(hubUrl, review, path, line) {
  if (hubUrl === void 0 || isLocalReview(review)) return void 0;
  return hubBlobUrl(hubUrl, review.entry.repo, pinnedSha(review), path, line);
}
function isFullSha(s) {
  return s !== void 0 && SHA.test(s);
}

export {
  encodeSegment,
  pinnedSha,
  reviewTreeUrl,
  reviewFileUrl,
  isFullSha
};
