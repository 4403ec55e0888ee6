// node:crypto on first use: importing it loads about twenty of Node's internal modules at every start of the CLI,
// and a local scan of weights never hashes (a review does, through the download, which imports it itself).
import type { Hash } from 'node:crypto';

export function createHash(algorithm: string): Hash {
  return process.getBuiltinModule('node:crypto').createHash(algorithm);
}
