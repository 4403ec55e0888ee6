// DSSE (Dead Simple Signing Envelope): the pre-authentication encoding that signatures cover, and the envelope
// inside a Sigstore bundle, parsed strictly so a verifier never guesses.

/** PAE(type, body) = "DSSEv1" SP len(type) SP type SP len(body) SP body, lengths in bytes. */
export function pae(payloadType: string, payload: Uint8Array): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `, 'utf8'), type, Buffer.from(` ${payload.length} `, 'utf8'), payload]);
}

export interface DsseSignature {
  sig: Buffer;
  keyid: string;
}

export interface DsseEnvelope {
  payloadType: string;
  payload: Buffer;
  signatures: DsseSignature[];
}

export interface SerializedDsseEnvelope {
  payload: string;
  payloadType: string;
  signatures: { sig: string; keyid: string }[];
}

export function envelopeToJSON(env: DsseEnvelope): SerializedDsseEnvelope {
  return {
    payload: env.payload.toString('base64'),
    payloadType: env.payloadType,
    signatures: env.signatures.map((s) => ({ sig: s.sig.toString('base64'), keyid: s.keyid }))
  };
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function decodeBase64(text: unknown, what: string): Buffer {
  // Also accept base64url, which some DSSE producers emit.
  if (typeof text !== 'string') throw new Error(`${what} is not a string`);
  const std = text.replace(/-/g, '+').replace(/_/g, '/').replace(/\s/g, '');
  if (!BASE64.test(std)) throw new Error(`${what} is not base64`);
  return Buffer.from(std, 'base64');
}

/** Parses a JSON DSSE envelope; throws with what is wrong. */
export function envelopeFromJSON(json: unknown): DsseEnvelope {
  if (typeof json !== 'object' || json === null) throw new Error('DSSE envelope is not an object');
  const o = json as Record<string, unknown>;
  if (typeof o.payloadType !== 'string') throw new Error('DSSE envelope has no payloadType');
  const payload = decodeBase64(o.payload, 'DSSE payload');
  if (!Array.isArray(o.signatures)) throw new Error('DSSE envelope has no signatures array');
  const signatures = o.signatures.map((s: unknown, i) => {
    if (typeof s !== 'object' || s === null) throw new Error(`DSSE signature ${i} is not an object`);
    const r = s as Record<string, unknown>;
    return { sig: decodeBase64(r.sig, `DSSE signature ${i}`), keyid: typeof r.keyid === 'string' ? r.keyid : '' };
  });
  return { payloadType: o.payloadType, payload, signatures };
}
