// A private PKI made at test time by the openssl command-line tool (not by our code): keys, CA and leaf
// certificates with exactly the extensions a case needs, openssl's own verdict on each chain, and a
// model_signing-shaped certificate bundle signed by a leaf key.
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dsse } from '@sigstore/core';

/** Extension sections, in openssl's config syntax, for `-extensions NAME`. */
const EXTENSIONS = `
[req]
distinguished_name = dn
prompt = no
[dn]

[root]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash

[root_pathlen0]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash

[self_signed_not_ca]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyCertSign
subjectKeyIdentifier = hash

[intermediate]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always

[intermediate_pathlen0]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always

[intermediate_no_certsign]
basicConstraints = critical, CA:TRUE
keyUsage = critical, digitalSignature, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always

[leaf]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
`;

export type ExtensionSection = 'root' | 'root_pathlen0' | 'self_signed_not_ca' | 'intermediate' | 'intermediate_pathlen0' | 'intermediate_no_certsign' | 'leaf';

export interface Issued {
  name: string;
  /** Name of its key file (`KEY.key`); certificates may share a key. */
  key: string;
  pem: string;
  der: Buffer;
}

export class Pki {
  readonly dir = mkdtempSync(join(tmpdir(), 'mg-pki-'));
  private serial = 1;

  constructor() {
    writeFileSync(join(this.dir, 'ext.cnf'), EXTENSIONS);
  }

  private openssl(...args: string[]): string {
    return execFileSync('openssl', args, { cwd: this.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  private issued(name: string, key: string, file: string): Issued {
    const pem = readFileSync(join(this.dir, file), 'utf8');
    return { name, key, pem, der: Buffer.from(new X509Certificate(pem).raw) };
  }

  /** A P-256 key named `key`, made unless it exists. */
  private keyFile(key: string): string {
    if (!existsSync(join(this.dir, `${key}.key`))) this.openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', `${key}.key`);
    return `${key}.key`;
  }

  /** A self-signed certificate (CN=name), with its own new key unless `key` names an existing one. */
  selfSigned(name: string, section: ExtensionSection, key = name): Issued {
    const file = `cert-${this.serial++}.pem`;
    this.openssl('req', '-x509', '-new', '-key', this.keyFile(key), '-subj', `/CN=${name}`, '-days', '365', '-config', 'ext.cnf', '-extensions', section, '-out', file);
    return this.issued(name, key, file);
  }

  /** A certificate (CN=name) issued by `issuer`, with its own new key unless `key` names an existing one. */
  issue(name: string, section: ExtensionSection, issuer: Issued, key = name): Issued {
    const serial = this.serial++;
    const file = `cert-${serial}.pem`;
    this.openssl('req', '-new', '-key', this.keyFile(key), '-subj', `/CN=${name}`, '-config', 'ext.cnf', '-out', 'req.csr');
    writeFileSync(join(this.dir, 'issuer.pem'), issuer.pem);
    this.openssl('x509', '-req', '-in', 'req.csr', '-CA', 'issuer.pem', '-CAkey', `${issuer.key}.key`, '-set_serial', String(serial), '-days', '365', '-extfile', 'ext.cnf', '-extensions', section, '-out', file);
    return this.issued(name, key, file);
  }

  /** openssl's own verdict on leaf ← untrusted intermediates ← trusted anchor: 'OK' or its error line. */
  opensslVerify(anchor: Issued, intermediates: Issued[], leaf: Issued): string {
    writeFileSync(join(this.dir, 'anchor.pem'), anchor.pem);
    writeFileSync(join(this.dir, 'untrusted.pem'), intermediates.map((c) => c.pem).join(''));
    writeFileSync(join(this.dir, 'leaf.pem'), leaf.pem);
    const untrusted = intermediates.length > 0 ? ['-untrusted', 'untrusted.pem'] : [];
    try {
      return this.openssl('verify', '-CAfile', 'anchor.pem', ...untrusted, 'leaf.pem').includes(': OK') ? 'OK' : 'no OK line';
    } catch (e) {
      const out = `${(e as { stdout?: string }).stdout ?? ''}${(e as { stderr?: string }).stderr ?? ''}`;
      return /error \d+ at \d+ depth lookup: (.*)/.exec(out)?.[1] ?? out;
    }
  }

  /**
   * A Sigstore bundle as model_signing's certificate mode writes it (v0.3, x509CertificateChain = leaf then
   * intermediates, no tlog entries), its DSSE signature made by `openssl dgst -sha256 -sign` over the PAE that
   * @sigstore/core computes.
   */
  bundle(leaf: Issued, intermediates: Issued[], payload: Buffer, payloadType = 'application/vnd.in-toto+json'): Record<string, unknown> {
    writeFileSync(join(this.dir, 'pae.bin'), dsse.preAuthEncoding(payloadType, payload));
    this.openssl('dgst', '-sha256', '-sign', `${leaf.key}.key`, '-out', 'sig.bin', 'pae.bin');
    const sig = readFileSync(join(this.dir, 'sig.bin'));
    return {
      mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
      verificationMaterial: { x509CertificateChain: { certificates: [leaf, ...intermediates].map((c) => ({ rawBytes: c.der.toString('base64') })) }, tlogEntries: [] },
      dsseEnvelope: { payload: payload.toString('base64'), payloadType, signatures: [{ sig: sig.toString('base64'), keyid: '' }] }
    };
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
