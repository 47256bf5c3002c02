// TLS settings are checked before anything listens: a wrong pair, an unreadable
// file, a missing or wrong passphrase each stop start-up with the setting named.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCertificate, type TestCertificate } from '../test/helpers/tls-cert.js';
import { loadConfig } from './config.js';

let dir: string;
let plain: TestCertificate;
let encrypted: TestCertificate;
let other: TestCertificate;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'homing-tls-config-'));
  plain = makeCertificate(dir, 'plain');
  encrypted = makeCertificate(dir, 'encrypted', 'open sesame');
  other = makeCertificate(dir, 'other');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const load = (env: Record<string, string>) => () => loadConfig(env);

describe('TLS settings', () => {
  it('are off without files', () => {
    expect(loadConfig({}).tls).toBeUndefined();
  });

  it('load a certificate and key, with a CA and a passphrase', () => {
    const config = loadConfig({
      HOMING_TLS_CERT_FILE: encrypted.certFile,
      HOMING_TLS_KEY_FILE: encrypted.keyFile,
      HOMING_TLS_PASSPHRASE: 'open sesame',
      HOMING_TLS_CA_FILE: other.certFile,
    });
    expect(config.tls).toEqual({ certFile: encrypted.certFile, keyFile: encrypted.keyFile, caFile: other.certFile, passphrase: 'open sesame' });
  });

  it('need both files, or neither', () => {
    expect(load({ HOMING_TLS_CERT_FILE: plain.certFile })).toThrow('HOMING_TLS_CERT_FILE and HOMING_TLS_KEY_FILE go together');
    expect(load({ HOMING_TLS_KEY_FILE: plain.keyFile })).toThrow('HOMING_TLS_CERT_FILE and HOMING_TLS_KEY_FILE go together');
    expect(load({ HOMING_TLS_PASSPHRASE: 'x' })).toThrow('HOMING_TLS_CA_FILE and HOMING_TLS_PASSPHRASE need HOMING_TLS_CERT_FILE');
  });

  it('name a file that cannot be read or parsed', () => {
    const missing = join(dir, 'missing.pem');
    expect(load({ HOMING_TLS_CERT_FILE: missing, HOMING_TLS_KEY_FILE: plain.keyFile })).toThrow(`HOMING_TLS_CERT_FILE ${missing} cannot be read: ENOENT`);
    const junk = join(dir, 'junk.pem');
    writeFileSync(junk, 'not a certificate');
    expect(load({ HOMING_TLS_CERT_FILE: junk, HOMING_TLS_KEY_FILE: plain.keyFile })).toThrow(`HOMING_TLS_CERT_FILE ${junk} does not hold a PEM certificate`);
    expect(load({ HOMING_TLS_CERT_FILE: plain.certFile, HOMING_TLS_KEY_FILE: junk })).toThrow(`HOMING_TLS_KEY_FILE ${junk} does not hold a PEM private key`);
    expect(load({ HOMING_TLS_CERT_FILE: plain.certFile, HOMING_TLS_KEY_FILE: plain.keyFile, HOMING_TLS_CA_FILE: junk })).toThrow(`HOMING_TLS_CA_FILE ${junk} does not hold a PEM certificate`);
  });

  it('ask for the passphrase of an encrypted key, and refuse a wrong one', () => {
    const env = { HOMING_TLS_CERT_FILE: encrypted.certFile, HOMING_TLS_KEY_FILE: encrypted.keyFile };
    expect(load(env)).toThrow(`HOMING_TLS_KEY_FILE ${encrypted.keyFile} is encrypted: set HOMING_TLS_PASSPHRASE`);
    expect(load({ ...env, HOMING_TLS_PASSPHRASE: 'wrong' })).toThrow(`HOMING_TLS_KEY_FILE ${encrypted.keyFile} does not decrypt with HOMING_TLS_PASSPHRASE`);
  });

  it('refuse a key that is not the certificate\'s', () => {
    expect(load({ HOMING_TLS_CERT_FILE: plain.certFile, HOMING_TLS_KEY_FILE: other.keyFile })).toThrow(
      `HOMING_TLS_KEY_FILE ${other.keyFile} is not the key of the certificate in HOMING_TLS_CERT_FILE ${plain.certFile}`,
    );
  });
});
