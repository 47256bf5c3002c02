// Compact JWS signing for the two provider logins: ES256 (APNs provider
// tokens) and RS256 (Google's OAuth2 JWT-bearer assertion). JOSE wants ES256
// signatures as raw r||s (64 bytes), not DER, hence ieee-p1363.
import { sign, type KeyObject } from 'node:crypto';

export type JwtAlgorithm = 'ES256' | 'RS256';

export function base64url(input: Buffer | string): string {
  return Buffer.from(input).toString('base64url');
}

export function signJwt(alg: JwtAlgorithm, key: KeyObject, header: Record<string, unknown>, claims: Record<string, unknown>): string {
  const signingInput = `${base64url(JSON.stringify({ alg, typ: 'JWT', ...header }))}.${base64url(JSON.stringify(claims))}`;
  const signature =
    alg === 'ES256'
      ? sign('sha256', Buffer.from(signingInput), { key, dsaEncoding: 'ieee-p1363' })
      : sign('sha256', Buffer.from(signingInput), key);
  return `${signingInput}.${base64url(signature)}`;
}
