// HTTPS and WSS on Homing's one port: the certificate and key files uWS's
// SSLApp loads. They are checked here, with node:crypto, because uWS reports
// every TLS setup failure as the same "App construction failed".
import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from './errors.js';

export interface TlsFiles {
  /** PEM: the server certificate, then any intermediates (the chain clients need). */
  certFile: string;
  /** PEM private key for the certificate, encrypted or not. */
  keyFile: string;
  /**
   * PEM CA certificates for client certificates: a client that presents a
   * certificate must present one these signed; a client without one is still
   * accepted (uWS asks for a certificate but does not require one).
   */
  caFile?: string;
  /** Decrypts an encrypted keyFile. Never logged. */
  passphrase?: string;
}

export interface TlsSettings {
  HOMING_TLS_CERT_FILE?: string;
  HOMING_TLS_KEY_FILE?: string;
  HOMING_TLS_CA_FILE?: string;
  HOMING_TLS_PASSPHRASE?: string;
}

function read(name: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`${name} ${path} cannot be read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

function certificate(name: string, path: string, pem: string): X509Certificate {
  try {
    return new X509Certificate(pem);
  } catch {
    throw new ConfigError(`${name} ${path} does not hold a PEM certificate`);
  }
}

function privateKey(path: string, pem: string, passphrase: string | undefined): KeyObject {
  // PKCS#8 and the older OpenSSL format mark encryption differently; both are PEM text.
  const encrypted = pem.includes('-----BEGIN ENCRYPTED PRIVATE KEY-----') || pem.includes('Proc-Type: 4,ENCRYPTED');
  if (encrypted && passphrase === undefined) throw new ConfigError(`HOMING_TLS_KEY_FILE ${path} is encrypted: set HOMING_TLS_PASSPHRASE`);
  try {
    return createPrivateKey({ key: pem, format: 'pem', passphrase });
  } catch {
    if (encrypted) throw new ConfigError(`HOMING_TLS_KEY_FILE ${path} does not decrypt with HOMING_TLS_PASSPHRASE`);
    throw new ConfigError(`HOMING_TLS_KEY_FILE ${path} does not hold a PEM private key`);
  }
}

/**
 * Undefined when TLS is off (neither file set). Throws ConfigError when only
 * one of the pair is set, a file cannot be read or parsed, the passphrase is
 * missing or wrong, or the key does not belong to the certificate.
 */
export function tlsFiles(settings: TlsSettings): TlsFiles | undefined {
  const { HOMING_TLS_CERT_FILE: cert, HOMING_TLS_KEY_FILE: key, HOMING_TLS_CA_FILE: ca, HOMING_TLS_PASSPHRASE: passphrase } = settings;
  if (!cert && !key) {
    if (ca || passphrase) throw new ConfigError('HOMING_TLS_CA_FILE and HOMING_TLS_PASSPHRASE need HOMING_TLS_CERT_FILE and HOMING_TLS_KEY_FILE');
    return undefined;
  }
  if (!cert || !key) throw new ConfigError('HOMING_TLS_CERT_FILE and HOMING_TLS_KEY_FILE go together: set both for TLS, or neither');
  const files: TlsFiles = { certFile: resolve(cert), keyFile: resolve(key) };
  const leaf = certificate('HOMING_TLS_CERT_FILE', files.certFile, read('HOMING_TLS_CERT_FILE', files.certFile));
  const pair = privateKey(files.keyFile, read('HOMING_TLS_KEY_FILE', files.keyFile), passphrase);
  if (!leaf.checkPrivateKey(pair)) {
    throw new ConfigError(`HOMING_TLS_KEY_FILE ${files.keyFile} is not the key of the certificate in HOMING_TLS_CERT_FILE ${files.certFile}`);
  }
  if (ca) {
    files.caFile = resolve(ca);
    certificate('HOMING_TLS_CA_FILE', files.caFile, read('HOMING_TLS_CA_FILE', files.caFile));
  }
  if (passphrase !== undefined) files.passphrase = passphrase;
  return files;
}
