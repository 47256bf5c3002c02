// Self-signed certificates for TLS tests, made by the openssl CLI (.ci/run
// installs it): an EC P-256 key and a certificate for localhost and 127.0.0.1.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export interface TestCertificate {
  certFile: string;
  keyFile: string;
  /** The certificate's PEM, for clients to trust. */
  certPem: string;
}

function openssl(args: string[]): string {
  try {
    return execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') throw new Error('TLS tests need the openssl CLI (Debian: apt-get install openssl)');
    throw new Error(`openssl ${args[0]} failed: ${e.stderr ?? e.message}`);
  }
}

/** Writes `<name>.pem` and `<name>.key` into `dir`; `passphrase` encrypts the key. */
export function makeCertificate(dir: string, name: string, passphrase?: string): TestCertificate {
  const certFile = join(dir, `${name}.pem`);
  const plainKey = join(dir, `${name}.plain.key`);
  openssl([
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', plainKey, '-out', certFile, '-days', '2', '-subj', `/CN=${name}`,
    '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
  ]);
  let keyFile = plainKey;
  if (passphrase !== undefined) {
    keyFile = join(dir, `${name}.key`);
    openssl(['pkey', '-in', plainKey, '-aes256', '-passout', `pass:${passphrase}`, '-out', keyFile]);
  }
  return { certFile, keyFile, certPem: openssl(['x509', '-in', certFile]) };
}
