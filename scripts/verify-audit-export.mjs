#!/usr/bin/env node
// Verifies a Trestle audit export offline:
//   node scripts/verify-audit-export.mjs audit.ndjson https://hub.example/.well-known/jwks.json
// The last line carries a JWS over the SHA-256 of every byte before it, signed with a key from the JWKS
// (a URL or a saved file). Exits 0 when the export is intact, 1 when it is not.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { compactVerify, createLocalJWKSet } from 'jose';

const [file, jwksSource] = process.argv.slice(2);
if (!file || !jwksSource) {
  console.error('usage: verify-audit-export.mjs <export.ndjson|export.csv> <jwks url or file>');
  process.exit(2);
}

const content = await readFile(file);
const end = content.length - (content[content.length - 1] === 0x0a ? 1 : 0);
const lastLineStart = content.lastIndexOf(0x0a, end - 1) + 1;
const signatureLine = content.subarray(lastLineStart, end).toString('utf8');
const jws = signatureLine.startsWith('#signature,')
  ? signatureLine.slice('#signature,'.length)
  : JSON.parse(signatureLine).signature;

const jwks = /^https?:\/\//.test(jwksSource)
  ? await (await fetch(jwksSource)).json()
  : JSON.parse(await readFile(jwksSource, 'utf8'));

try {
  const { payload } = await compactVerify(jws, createLocalJWKSet(jwks), { algorithms: ['ES256'] });
  const claims = JSON.parse(new TextDecoder().decode(payload));
  const digest = createHash('sha256').update(content.subarray(0, lastLineStart)).digest('hex');
  if (digest !== claims.digest) throw new Error('content does not match the signed digest');
  console.log(`OK: ${claims.events} events of tenant ${claims.tenant}, exported ${claims.exportedAt}, signature valid`);
} catch (error) {
  console.error(`FAILED: ${error.message}`);
  process.exit(1);
}
