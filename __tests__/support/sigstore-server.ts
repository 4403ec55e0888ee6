// Sigstore on loopback: @sigstore/mock's Fulcio (with CT log), Rekor v1 and TSA handlers behind a real node:http
// server on 127.0.0.1, plus the trusted_root.json that vouches for exactly these keys.
import { createHash, createHmac, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fulcioHandler, initializeCA, initializeCTLog, initializeTLog, initializeTSA, tsaHandler } from '@sigstore/mock';

export interface SigstoreServer {
  url: string;
  /** trusted_root.json content for this server's CA, CT log, Rekor and TSA. */
  trustedRoot: unknown;
  /** Requests seen, by path (e.g. `/api/v1/log/entries`). */
  requests: { path: string; body: string }[];
  close(): Promise<void>;
}

function keyPair() {
  return generateKeyPairSync('ec', { namedCurve: 'P-256' });
}

/**
 * The mock Rekor stores the proposed `dsse` entry verbatim; real Rekor stores its canonical form (hashes of the
 * envelope and payload, signature plus verifier), which is what verifiers compare against. Do that here.
 */
function canonicalDsseEntry(proposed: { kind?: string; apiVersion?: string; spec?: { proposedContent?: { envelope: string; verifiers: string[] } } }): object {
  const content = proposed.spec?.proposedContent;
  if (proposed.kind !== 'dsse' || !content) throw new Error(`mock rekor: only dsse entries are accepted (got ${proposed.kind})`);
  const env = JSON.parse(content.envelope) as { payload: string; signatures: { sig: string }[] };
  const sha = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');
  return {
    apiVersion: proposed.apiVersion,
    kind: 'dsse',
    spec: {
      envelopeHash: { algorithm: 'sha256', value: sha(content.envelope) },
      payloadHash: { algorithm: 'sha256', value: sha(Buffer.from(env.payload, 'base64')) },
      signatures: env.signatures.map((s) => ({ signature: s.sig, verifier: content.verifiers[0] }))
    }
  };
}

function b64(v: ArrayBufferView | Buffer): string {
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
}

export async function startSigstoreServer(): Promise<SigstoreServer> {
  const requests: { path: string; body: string }[] = [];
  let handlers: Record<string, (body: string) => Promise<{ statusCode: number; response: string | ArrayBufferView; contentType?: string }>> = {};
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ path, body });
      const h = handlers[path];
      if (!h || req.method !== 'POST') {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"not found"}');
        return;
      }
      h(body).then(
        (r) => {
          res.writeHead(r.statusCode, { 'content-type': r.contentType ?? 'text/plain' });
          res.end(typeof r.response === 'string' ? r.response : Buffer.from(r.response.buffer, r.response.byteOffset, r.response.byteLength));
        },
        (e: unknown) => res.writeHead(500).end(String(e))
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const ctKeys = keyPair();
  const tlogKeys = keyPair();
  const ctLog = await initializeCTLog(ctKeys);
  const ca = await initializeCA(keyPair(), ctLog);
  const tlog = await initializeTLog(url, tlogKeys);
  const tsa = await initializeTSA(keyPair());
  // The mock encodes genTime's milliseconds with trailing zeros dropped (".12"), which @sigstore/core's time parser
  // only accepts as exactly three digits: 1 request in 10 failed verification. Whole seconds encode as plain "Z".
  (tsa as unknown as { getCurrentTime: () => Date }).getCurrentTime = () => new Date(Math.floor(Date.now() / 1000) * 1000);
  const fulcio = fulcioHandler(ca);
  const tsaH = tsaHandler(tsa);
  handlers = {
    [fulcio.path]: fulcio.fn,
    [tsaH.path]: tsaH.fn,
    '/api/v1/log/entries': async (body) => {
      try {
        const entry = await tlog.log(canonicalDsseEntry(JSON.parse(body)));
        return { statusCode: 201, response: JSON.stringify(entry), contentType: 'application/json' };
      } catch (e) {
        return { statusCode: 400, response: (e as Error).message };
      }
    }
  };

  const start = new Date(Date.now() - 3600_000).toISOString();
  const spki = (k: ReturnType<typeof keyPair>): Buffer => k.publicKey.export({ format: 'der', type: 'spki' });
  const trustedRoot = {
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [
      {
        baseUrl: url,
        hashAlgorithm: 'SHA2_256',
        publicKey: { rawBytes: spki(tlogKeys).toString('base64'), keyDetails: 'PKIX_ECDSA_P256_SHA_256', validFor: { start } },
        logId: { keyId: createHash('sha256').update(spki(tlogKeys)).digest('base64') }
      }
    ],
    certificateAuthorities: [
      { subject: { organization: 'mock', commonName: 'mock-fulcio' }, uri: url, certChain: { certificates: [{ rawBytes: b64(ca.rootCertificate) }] }, validFor: { start } }
    ],
    ctlogs: [
      {
        baseUrl: url,
        hashAlgorithm: 'SHA2_256',
        publicKey: { rawBytes: spki(ctKeys).toString('base64'), keyDetails: 'PKIX_ECDSA_P256_SHA_256', validFor: { start } },
        logId: { keyId: b64(ctLog.logID) }
      }
    ],
    timestampAuthorities: [
      { subject: { organization: 'mock', commonName: 'mock-tsa' }, uri: url, certChain: { certificates: [{ rawBytes: b64(tsa.intCertificate) }, { rawBytes: b64(tsa.rootCertificate) }] }, validFor: { start } }
    ]
  };
  return {
    url,
    trustedRoot,
    requests,
    close: () => new Promise<void>((resolve, reject) => { server.close((e) => (e ? reject(e) : resolve())); server.closeAllConnections(); })
  };
}

/** A JWT shaped like a GitHub Actions OIDC token (HMAC-signed with a throwaway key: the mock does not check it). */
export function mintOidcToken(claims: Record<string, unknown>): string {
  const enc = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const head = enc({ alg: 'HS256', typ: 'JWT' });
  const body = enc({ aud: 'sigstore', iat: now, nbf: now, exp: now + 300, ...claims });
  const sig = createHmac('sha256', randomBytes(32)).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

/** Claims of a GitHub Actions token for a workflow run on `ref`; Fulcio's SAN comes from `sub` in the mock. */
export function githubClaims(repo: string, workflow: string, ref: string): Record<string, unknown> {
  const jobWorkflowRef = `${repo}/.github/workflows/${workflow}@${ref}`;
  return {
    iss: 'https://token.actions.githubusercontent.com',
    sub: `https://github.com/${jobWorkflowRef}`,
    job_workflow_ref: jobWorkflowRef,
    repository: repo,
    ref,
    sha: 'c'.repeat(40),
    event_name: 'push',
    workflow_ref: jobWorkflowRef,
    runner_environment: 'github-hosted'
  };
}
