// The two hashes the Hub binds a file with (hub-api.md, "Which hash is which").
import { createHash } from '../core/hash.js';

/** Prefix git hashes before the content: `blob <size>\0`. */
export function gitBlobHeader(size: number): Buffer {
  return Buffer.from(`blob ${size}\0`, 'latin1');
}

/** Git blob sha1 of whole content (small files only; streams hash the header then chunks). */
export function gitBlobOid(content: Uint8Array): string {
  return createHash('sha1').update(gitBlobHeader(content.byteLength)).update(content).digest('hex');
}

/** The pointer text git-lfs stores in place of an LFS file. */
export function lfsPointerText(sha256: string, size: number): string {
  return `version https://git-lfs.github.com/spec/v1\noid sha256:${sha256}\nsize ${size}\n`;
}

/** Git oid the Hub reports for an LFS file: the sha1 of its pointer text. */
export function lfsPointerOid(sha256: string, size: number): string {
  return gitBlobOid(Buffer.from(lfsPointerText(sha256, size), 'latin1'));
}

export const HEX40 = /^[0-9a-f]{40}$/;
export const HEX64 = /^[0-9a-f]{64}$/;
