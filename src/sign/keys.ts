// Public-key helpers shared by signing and verification (kept apart so verifying never loads the signing stack).
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';

/** sha256 hex of the key's SubjectPublicKeyInfo PEM text: the `publicKey.hint` model_signing writes. */
export function publicKeyHint(key: KeyObject): string {
  const pem = key.export({ type: 'spki', format: 'pem' });
  return createHash('sha256').update(pem).digest('hex');
}

/** Reads the first PEM public key (or certificate's key) from text that may carry a description around it. */
export function readPublicKey(text: string): KeyObject {
  const block = /-----BEGIN ((?:EC )?PUBLIC KEY|CERTIFICATE)-----[\s\S]+?-----END \1-----/.exec(text);
  if (!block) throw new Error('no PEM "PUBLIC KEY" block found');
  return createPublicKey(block[0]);
}
