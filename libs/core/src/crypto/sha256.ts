import * as crypto from 'node:crypto';

type BinaryToText = 'hex' | 'base64url';

/** One-shot hashing (Node 20.12+) needs no Hash object per call; older runtimes take the long way. */
const oneShot = (crypto as { hash?: (algorithm: string, data: string | Buffer, encoding: BinaryToText) => string })
  .hash;

/** SHA-256 of `data`, hex-encoded unless another encoding is asked for. */
export function sha256(data: string | Buffer, encoding: BinaryToText = 'hex'): string {
  return oneShot ? oneShot('sha256', data, encoding) : crypto.createHash('sha256').update(data).digest(encoding);
}
