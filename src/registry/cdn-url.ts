// Signed, expiring CDN URLs: the Hub origin issues them in its 302s, the CDN origin accepts only those. The HMAC
// key is random per running registry, so a client cannot mint a URL for an object it was never redirected to.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { HEX64 } from '../hub/oid.js';

export interface CdnSigner {
  /** Absolute CDN URL for an object, valid for `ttlSeconds` from `nowSeconds`. */
  sign(sha256: string, filename: string, nowSeconds: number): string;
  /** The sha256 a CDN request may read, or a reason it may not. */
  verify(url: URL, nowSeconds: number): { ok: true; sha256: string; disposition: string } | { ok: false; reason: string };
}

export function cdnSigner(cdnUrl: string, key: Buffer, ttlSeconds = 3600): CdnSigner {
  const mac = (path: string, expires: string, disposition: string): string =>
    createHmac('sha256', key).update(`${path}\n${expires}\n${disposition}`).digest('hex');
  return {
    sign(sha256, filename, nowSeconds) {
      const path = `/repos/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
      const expires = String(nowSeconds + ttlSeconds);
      const disposition = `attachment; filename*=UTF-8''${encodeURIComponent(filename)}; filename="${filename.replace(/[^\x20-\x7e]|["\\]/g, '_')}";`;
      const q = new URLSearchParams({ 'response-content-disposition': disposition, Expires: expires, Signature: mac(path, expires, disposition) });
      return `${cdnUrl}${path}?${q.toString()}`;
    },
    verify(url, nowSeconds) {
      const m = /^\/repos\/([0-9a-f]{2})\/([0-9a-f]{2})\/([0-9a-f]{64})$/.exec(url.pathname);
      const sha256 = m?.[3];
      if (!m || !sha256 || !HEX64.test(sha256) || m[1] !== sha256.slice(0, 2) || m[2] !== sha256.slice(2, 4)) {
        return { ok: false, reason: 'No such object' };
      }
      const expires = url.searchParams.get('Expires') ?? '';
      const disposition = url.searchParams.get('response-content-disposition') ?? '';
      const given = Buffer.from(url.searchParams.get('Signature') ?? '', 'utf8');
      const want = Buffer.from(mac(url.pathname, expires, disposition), 'utf8');
      if (given.length !== want.length || !timingSafeEqual(given, want)) return { ok: false, reason: 'Invalid signature' };
      if (!/^\d+$/.test(expires) || Number(expires) < nowSeconds) return { ok: false, reason: 'Request has expired' };
      return { ok: true, sha256, disposition };
    }
  };
}
