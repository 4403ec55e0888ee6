// Certificate mode (model_signing's `verify certificate`) in @sigstore/verify's terms. The caller's CA certificates
// become a trusted root's certificate authority, so a private CA chain goes through sigstore-js's own chain
// verifier, exactly like a public-good Fulcio chain: every issuer must be a CA (basicConstraints CA:TRUE and, when
// keyUsage is present, keyCertSign), pathLenConstraint holds, names chain, signatures verify, every certificate is
// valid at the verification time, and the path ends at a self-signed certificate the caller trusts.
//
// @sigstore/verify's public API has no slot for two things a private CA bundle needs; each is bridged here, and
// nothing else about the chain is decided outside the Verifier:
// 1. Untrusted intermediates. The Verifier builds paths only from the trusted root's certificates and the leaf;
//    model_signing bundles carry `leaf, intermediates...` and the caller trusts only the root. We add to the
//    authority's certificate list the bundle certificates that a trusted certificate issued, directly or through
//    bundle certificates so added ("issued": the issuer name is the signer's subject and the signer's key verifies
//    the signature, which the Verifier requires of every link it accepts). So no chain the Verifier could accept is
//    lost, and what is left out is what an attacker can make without a CA key: a bundle cannot bring its own root,
//    nor certificates that sign each other in a loop (the Verifier's path builder has no cycle check: two such
//    certificates make it recurse until the stack overflows, after seconds of signature checks).
// 2. The verification time. The Verifier checks the chain at each verified timestamp the bundle carries (Rekor
//    inclusion promise, RFC 3161); a private CA bundle has none, and with none the chain is not checked at all.
//    There is no "verify at this time" option, so we pass the caller's clock as the one timestamp, in the shape
//    of a transparency-log timestamp (the Verifier reads only its integratedTime; it is not in the entity's
//    tlogEntries, so no log is claimed). Whole seconds, like every Sigstore timestamp.
import { X509Certificate as NodeCertificate } from 'node:crypto';
import { X509Certificate } from '@sigstore/core';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { toTrustMaterial, type SignedEntity, type TrustMaterial } from '@sigstore/verify';
import { TRUSTED_ROOT_MEDIA_TYPE } from './trust-root.js';

/** More certificates than any real chain has (model_signing writes 2 or 3): refused before any signature check. */
export const MAX_BUNDLE_CERTIFICATES = 10;

export interface ChainCertificate {
  der: Buffer;
  /** sigstore-js's view of it: the same parser the Verifier uses. */
  cert: X509Certificate;
  /** Subject for messages, e.g. `CN=intermediate-ca, O=Acme`. */
  name: string;
}

/** Parses one DER certificate; throws when it is not one. */
export function readCertificate(der: Buffer): ChainCertificate {
  // node:crypto (OpenSSL) refuses malformed DER that the lenient ASN.1 reader of @sigstore/core might accept.
  const node = new NodeCertificate(der);
  return { der, cert: X509Certificate.parse(Buffer.from(node.raw)), name: node.subject.replace(/\n/g, ', ') };
}

/** Every `CERTIFICATE` PEM block of a CA file; throws (the caller's error) when there is none or one is invalid. */
export function readCaCertificates(pemText: string): ChainCertificate[] {
  const blocks = pemText.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) throw new Error('no PEM certificate found in the given certificate chain');
  return blocks.map((b, i) => {
    try {
      return readCertificate(Buffer.from(new NodeCertificate(b).raw));
    } catch (e) {
      throw new Error(`certificate ${i + 1} of the given certificate chain is not valid: ${(e as Error).message}`, { cause: e });
    }
  });
}

function signs(issuer: ChainCertificate, c: ChainCertificate): boolean {
  if (!issuer.cert.subject.equals(c.cert.issuer)) return false;
  try {
    return c.cert.verify(issuer.cert);
  } catch {
    return false;
  }
}

/** The bundle certificates reachable downward from the caller's CAs by signature (bridge 1 above). */
export function issuedUnder(anchors: readonly ChainCertificate[], bundleCertificates: readonly ChainCertificate[]): ChainCertificate[] {
  const signers = [...anchors];
  const kept: ChainCertificate[] = [];
  let pending = [...bundleCertificates];
  for (let grew = true; grew; ) {
    grew = false;
    pending = pending.filter((c) => {
      if (!signers.some((s) => signs(s, c))) return true;
      signers.push(c);
      kept.push(c);
      grew = true;
      return false;
    });
  }
  return kept;
}

export interface PrivateCaTrust {
  material: TrustMaterial;
  /** What the authority holds: the bundle certificates kept (issued under the CAs), then the caller's CAs. */
  certificates: ChainCertificate[];
}

/** Trusted root, as trusted_root.json: one certificate authority holding the caller's CAs and the bundle certificates they issued. */
export function privateCaTrust(anchors: readonly ChainCertificate[], bundleIntermediates: readonly ChainCertificate[]): PrivateCaTrust {
  const certificates = [...issuedUnder(anchors, bundleIntermediates), ...anchors];
  const root = TrustedRoot.fromJSON({
    mediaType: TRUSTED_ROOT_MEDIA_TYPE,
    certificateAuthorities: [
      {
        subject: { organization: 'model-gate', commonName: 'certificate chain given to verify' },
        uri: '',
        certChain: { certificates: certificates.map((c) => ({ rawBytes: c.der.toString('base64') })) }
      }
    ],
    tlogs: [],
    ctlogs: [],
    timestampAuthorities: []
  });
  return { material: toTrustMaterial(root), certificates };
}

/** The verification time as the one timestamp the Verifier checks the chain at (bridge 2 above). */
export function clockTimestamp(now: Date): SignedEntity['timestamps'][number] {
  return {
    $case: 'transparency-log',
    tlogEntry: {
      logIndex: '0',
      logId: { keyId: Buffer.alloc(0) },
      kindVersion: { kind: 'verification-time', version: '0' },
      integratedTime: String(Math.floor(now.getTime() / 1000)),
      inclusionPromise: { signedEntryTimestamp: Buffer.alloc(0) },
      inclusionProof: undefined,
      canonicalizedBody: Buffer.alloc(0)
    }
  };
}

function issuedSomething(ca: ChainCertificate, all: readonly ChainCertificate[]): boolean {
  return all.some((c) => c !== ca && signs(ca, c));
}

/**
 * Names the certificates behind a chain failure the Verifier reported, for the message only (the Verifier's error
 * says what rule failed, not which certificate). Looks at the leaf and every certificate that signed one of the
 * others; decides nothing.
 */
export function explainChainFailure(reason: string, leaf: ChainCertificate, others: readonly ChainCertificate[], now: Date): string {
  const all = [leaf, ...others];
  const issuers = others.filter((c) => issuedSomething(c, all));
  const notes: string[] = [];
  if (/not a CA/.test(reason)) {
    for (const c of issuers) {
      const bc = c.cert.extBasicConstraints;
      const ku = c.cert.extKeyUsage;
      if (!bc) notes.push(`'${c.name}' is not a CA (no basicConstraints)`);
      else if (!bc.isCA) notes.push(`'${c.name}' is not a CA (basicConstraints CA:FALSE)`);
      else if (ku && !ku.keyCertSign) notes.push(`'${c.name}' may not sign certificates (keyUsage lacks keyCertSign)`);
    }
  } else if (/path length/.test(reason)) {
    for (const c of issuers) {
      const n = c.cert.extBasicConstraints?.pathLenConstraint;
      if (n !== undefined) notes.push(`'${c.name}' has pathLenConstraint ${n}`);
    }
  } else if (/no (valid|trusted) certificate path/.test(reason)) {
    notes.push('it does not lead to a self-signed CA certificate in the given certificate chain (give the root CA, not only an intermediate)');
  } else if (/not valid or expired/.test(reason)) {
    for (const c of all.filter((x) => !x.cert.validForDate(now))) {
      notes.push(`'${c.name}' is valid from ${c.cert.notBefore.toISOString()} to ${c.cert.notAfter.toISOString()}, not at ${now.toISOString()}`);
    }
  }
  return notes.length > 0 ? `${reason}: ${notes.join('; ')}` : reason;
}
