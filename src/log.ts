// The root pino logger. Components bind a child once (`log.child({ component })`);
// secrets never reach a log line: known secret fields are redacted at the root.
import { pino, type Logger } from 'pino';
import type { LogLevel } from './config.js';

export type { Logger };

const REDACT = [
  'secretKey', 'accessKey', 'tokenSecret', 'token_secret', 'secret_key', 'access_key', 'authorization',
  '*.secretKey', '*.accessKey', '*.tokenSecret', '*.token_secret', '*.secret_key', '*.access_key', '*.authorization',
];

export function createLogger(level: LogLevel, destination?: NodeJS.WritableStream): Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' } }, destination as never);
}
