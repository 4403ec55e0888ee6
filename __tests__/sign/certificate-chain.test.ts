// Certificate mode (a private CA bundle) must refuse every chain that sigstore-js's chain verifier and openssl
// refuse: an issuer that may not sign certificates, a path longer than a CA's pathLenConstraint, an anchor that is
// not a CA. The certificates are made by the openssl CLI at test time; openssl's own verdict is the oracle.
import { verifyBundleSignature, type VerifyTrust } from '../../src/sign/verify-signature.js';
import { Pki, type Issued } from './pki.js';

const PAYLOAD = Buffer.from(JSON.stringify({ _type: 'https://in-toto.io/Statement/v1', subject: [{ name: 'm', digest: { sha256: 'a'.repeat(64) } }] }));

let pki: Pki;
let root: Issued;

beforeAll(() => {
  pki = new Pki();
  root = pki.selfSigned('root', 'root');
});
afterAll(() => pki.cleanup());

function trust(...anchors: Issued[]): VerifyTrust {
  return { kind: 'certificate', caCertificatesPem: anchors.map((a) => a.pem).join('\n') };
}

describe('certificate mode: chains openssl accepts verify', () => {
  it('leaf ← intermediate ← root, the intermediate carried in the bundle', () => {
    const int = pki.issue('int', 'intermediate', root);
    const leaf = pki.issue('leaf-ok', 'leaf', int);
    expect(pki.opensslVerify(root, [int], leaf)).toBe('OK');
    const r = verifyBundleSignature(pki.bundle(leaf, [int], PAYLOAD), trust(root));
    expect(r).toEqual(expect.objectContaining({ ok: true, signer: { kind: 'certificate', subject: 'CN=leaf-ok' } }));
    expect(r.ok && r.payload.equals(PAYLOAD)).toBe(true);
  });

  it('leaf issued directly by the root', () => {
    const leaf = pki.issue('leaf-direct', 'leaf', root);
    expect(pki.opensslVerify(root, [], leaf)).toBe('OK');
    expect(verifyBundleSignature(pki.bundle(leaf, [], PAYLOAD), trust(root))).toEqual(expect.objectContaining({ ok: true }));
  });

  it('an intermediate with pathlen:0 directly above the leaf', () => {
    const int = pki.issue('int-pl0-ok', 'intermediate_pathlen0', root);
    const leaf = pki.issue('leaf-pl0-ok', 'leaf', int);
    expect(pki.opensslVerify(root, [int], leaf)).toBe('OK');
    expect(verifyBundleSignature(pki.bundle(leaf, [int], PAYLOAD), trust(root))).toEqual(expect.objectContaining({ ok: true }));
  });

  it('the intermediate given in the CA bundle instead of the signature bundle', () => {
    const int = pki.issue('int-trusted', 'intermediate', root);
    const leaf = pki.issue('leaf-int-trusted', 'leaf', int);
    expect(verifyBundleSignature(pki.bundle(leaf, [], PAYLOAD), trust(int, root))).toEqual(expect.objectContaining({ ok: true }));
  });
});

describe('certificate mode: chains openssl refuses are refused, with the reason', () => {
  it('refuses an intermediate whose keyUsage lacks keyCertSign', () => {
    const int = pki.issue('int-no-certsign', 'intermediate_no_certsign', root);
    const leaf = pki.issue('leaf-under-no-certsign', 'leaf', int);
    expect(pki.opensslVerify(root, [int], leaf)).toMatch(/invalid CA certificate|key usage does not include certificate signing/);
    const r = verifyBundleSignature(pki.bundle(leaf, [int], PAYLOAD), trust(root));
    expect(r).toEqual(expect.objectContaining({ ok: false, reason: 'wrong-signer' }));
    expect(!r.ok && r.message).toMatch(/not a CA/);
    expect(!r.ok && r.message).toContain("'CN=int-no-certsign' may not sign certificates (keyUsage lacks keyCertSign)");
  });

  it("refuses a chain longer than an intermediate's pathLenConstraint allows", () => {
    const int = pki.issue('int-pathlen0', 'intermediate_pathlen0', root);
    const sub = pki.issue('int-below-pathlen0', 'intermediate', int);
    const leaf = pki.issue('leaf-too-deep', 'leaf', sub);
    expect(pki.opensslVerify(root, [int, sub], leaf)).toBe('path length constraint exceeded');
    const r = verifyBundleSignature(pki.bundle(leaf, [sub, int], PAYLOAD), trust(root));
    expect(r).toEqual(expect.objectContaining({ ok: false, reason: 'wrong-signer' }));
    expect(!r.ok && r.message).toMatch(/path length constraint exceeded/);
    expect(!r.ok && r.message).toContain("'CN=int-pathlen0' has pathLenConstraint 0");
  });

  it("refuses a chain longer than the anchor's pathLenConstraint allows", () => {
    const anchor = pki.selfSigned('root-pathlen0', 'root_pathlen0');
    const int = pki.issue('int-below-root-pathlen0', 'intermediate', anchor);
    const leaf = pki.issue('leaf-below-root-pathlen0', 'leaf', int);
    expect(pki.opensslVerify(anchor, [int], leaf)).toBe('path length constraint exceeded');
    const r = verifyBundleSignature(pki.bundle(leaf, [int], PAYLOAD), trust(anchor));
    expect(r).toEqual(expect.objectContaining({ ok: false, reason: 'wrong-signer' }));
    expect(!r.ok && r.message).toMatch(/path length constraint exceeded/);
    expect(!r.ok && r.message).toContain("'CN=root-pathlen0' has pathLenConstraint 0");
  });

  it('refuses an anchor that is not a CA (basicConstraints CA:FALSE)', () => {
    const anchor = pki.selfSigned('anchor-not-ca', 'self_signed_not_ca');
    const leaf = pki.issue('leaf-under-not-ca', 'leaf', anchor);
    expect(pki.opensslVerify(anchor, [], leaf)).toBe('invalid CA certificate');
    const r = verifyBundleSignature(pki.bundle(leaf, [], PAYLOAD), trust(anchor));
    expect(r).toEqual(expect.objectContaining({ ok: false, reason: 'wrong-signer' }));
    expect(!r.ok && r.message).toMatch(/not a CA/);
    expect(!r.ok && r.message).toContain("'CN=anchor-not-ca' is not a CA (basicConstraints CA:FALSE)");
  });

  it('does not let the signature bundle bring its own root', () => {
    const rogue = pki.selfSigned('rogue-root', 'root');
    const leaf = pki.issue('leaf-under-rogue', 'leaf', rogue);
    const r = verifyBundleSignature(pki.bundle(leaf, [rogue], PAYLOAD), trust(root));
    expect(r).toEqual(expect.objectContaining({ ok: false, reason: 'wrong-signer' }));
    expect(!r.ok && r.message).toMatch(/does not lead to a self-signed CA certificate in the given certificate chain/);
  });

  it('refuses, without recursing, bundle certificates that sign each other in a loop', () => {
    // A is issued under key b, B under key a: neither is self-issued, and neither was issued under the root.
    const aSelf = pki.selfSigned('loop-a', 'root', 'key-a');
    const bSelf = pki.selfSigned('loop-b', 'root', 'key-b');
    const a = pki.issue('loop-a', 'intermediate', bSelf, 'key-a');
    const b = pki.issue('loop-b', 'intermediate', aSelf, 'key-b');
    const leaf = pki.issue('leaf-under-loop', 'leaf', a);
    expect(pki.opensslVerify(root, [a, b], leaf)).not.toBe('OK');
    const r = verifyBundleSignature(pki.bundle(leaf, [a, b], PAYLOAD), trust(root));
    expect(r).toEqual(expect.objectContaining({ ok: false, reason: 'wrong-signer' }));
    // Given to sigstore-js's path builder, the pair recurses until 'Maximum call stack size exceeded'.
    expect(!r.ok && r.message).toMatch(/does not lead to a self-signed CA certificate in the given certificate chain/);
  });

  it('refuses a bundle with more certificates than any real chain has', () => {
    const leaf = pki.issue('leaf-many', 'leaf', root);
    const r = verifyBundleSignature(pki.bundle(leaf, Array.from({ length: 10 }, () => root), PAYLOAD), trust(root));
    expect(r).toEqual(expect.objectContaining({ ok: false, reason: 'malformed-bundle', message: 'bundle carries 11 certificates; at most 10 are accepted' }));
  });

  it('needs the root in the CA file: an intermediate alone is no anchor (as for openssl verify without -partial_chain)', () => {
    const int = pki.issue('int-alone', 'intermediate', root);
    const leaf = pki.issue('leaf-int-alone', 'leaf', int);
    expect(pki.opensslVerify(int, [], leaf)).not.toBe('OK');
    const r = verifyBundleSignature(pki.bundle(leaf, [int], PAYLOAD), trust(int));
    expect(r).toEqual(expect.objectContaining({ ok: false, reason: 'wrong-signer' }));
    expect(verifyBundleSignature(pki.bundle(leaf, [int], PAYLOAD), trust(int, root))).toEqual(expect.objectContaining({ ok: true }));
  });

  it('refuses a signature by another key than the leaf certificate', () => {
    const int = pki.issue('int-sig', 'intermediate', root);
    const leaf = pki.issue('leaf-sig', 'leaf', int);
    const other = pki.issue('leaf-other-key', 'leaf', int);
    const b = pki.bundle(other, [int], PAYLOAD);
    (b.verificationMaterial as { x509CertificateChain: { certificates: { rawBytes: string }[] } }).x509CertificateChain.certificates[0] = { rawBytes: leaf.der.toString('base64') };
    expect(verifyBundleSignature(b, trust(root))).toEqual(expect.objectContaining({ ok: false, reason: 'bad-signature' }));
  });
});
