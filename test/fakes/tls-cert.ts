// A throwaway CA and a server certificate for 127.0.0.1/localhost, made with
// node:crypto and a small DER writer, so the provider fakes serve real TLS on
// any machine without the openssl CLI. Tests hand `ca` to the provider under
// test (production trusts extra CAs through NODE_EXTRA_CA_CERTS instead).
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

export interface TestTls {
  /** PEM of the CA that signed `cert`: what the client trusts. */
  ca: string;
  /** Server certificate and key (PEM) for 127.0.0.1 and localhost. */
  cert: string;
  key: string;
}

const der = (tag: number, body: Buffer): Buffer => {
  const n = body.length;
  const len = n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), len, body]);
};
const seq = (...parts: Buffer[]) => der(0x30, Buffer.concat(parts));
const set = (...parts: Buffer[]) => der(0x31, Buffer.concat(parts));
const explicit = (n: number, inner: Buffer) => der(0xa0 + n, inner);
const int = (bytes: Buffer) => der(0x02, bytes[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
const bool = (v: boolean) => der(0x01, Buffer.from([v ? 0xff : 0]));
const octets = (b: Buffer) => der(0x04, b);
const bits = (b: Buffer, unused = 0) => der(0x03, Buffer.concat([Buffer.from([unused]), b]));
const utf8 = (s: string) => der(0x0c, Buffer.from(s, 'utf8'));

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const out = [a! * 40 + b!];
  for (const n of rest) {
    const chunk = [n & 0x7f];
    for (let v = n >>> 7; v > 0; v >>>= 7) chunk.unshift((v & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return der(0x06, Buffer.from(out));
}

function utcTime(ms: number): Buffer {
  const iso = new Date(ms).toISOString(); // 2025-01-02T03:04:05.000Z
  return der(0x17, Buffer.from(`${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`));
}

const ECDSA_SHA256 = seq(oid('1.2.840.10045.4.3.2'));
const name = (cn: string) => seq(set(seq(oid('2.5.4.3'), utf8(cn))));
const extension = (id: string, critical: boolean, value: Buffer) => seq(oid(id), ...(critical ? [bool(true)] : []), octets(value));

function certificate(subject: string, issuer: string, publicKey: KeyObject, signer: KeyObject, extensions: Buffer[]): string {
  const now = Date.now();
  const serial = randomBytes(8);
  serial[0] = 0x40 | (serial[0]! & 0x3f); // positive, no leading zero: DER wants minimal integers
  const tbs = seq(
    explicit(0, int(Buffer.from([2]))),
    int(serial),
    ECDSA_SHA256,
    name(issuer),
    seq(utcTime(now - 3600_000), utcTime(now + 7 * 86_400_000)),
    name(subject),
    publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, seq(...extensions)),
  );
  const cert = seq(tbs, ECDSA_SHA256, bits(sign('sha256', tbs, signer)));
  return `-----BEGIN CERTIFICATE-----\n${cert.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END CERTIFICATE-----\n`;
}

export function makeTestTls(): TestTls {
  const ca = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const server = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const caName = `Homing test CA ${createHash('sha1').update(randomBytes(8)).digest('hex').slice(0, 8)}`;
  const caCert = certificate(caName, caName, ca.publicKey, ca.privateKey, [
    extension('2.5.29.19', true, seq(bool(true))), // basicConstraints: CA
    extension('2.5.29.15', true, bits(Buffer.from([0x06]), 1)), // keyUsage: keyCertSign, cRLSign
  ]);
  const san = seq(der(0x82, Buffer.from('localhost')), der(0x87, Buffer.from([127, 0, 0, 1])));
  const serverCert = certificate('localhost', caName, server.publicKey, ca.privateKey, [
    extension('2.5.29.17', false, san), // subjectAltName
    extension('2.5.29.37', false, seq(oid('1.3.6.1.5.5.7.3.1'))), // extKeyUsage: serverAuth
  ]);
  return { ca: caCert, cert: serverCert, key: server.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string };
}
