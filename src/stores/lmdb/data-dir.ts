// The directory the embedded store lives in. Checked before LMDB opens it, so an
// unusable one stops start-up with a message that names the setting, instead of
// LMDB's "Is a directory" or "Permission denied" without a path.
import { accessSync, constants, mkdirSync } from 'node:fs';
import { ConfigError } from '../../errors.js';

function reason(err: unknown): string {
  switch ((err as NodeJS.ErrnoException).code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied: the user running Homing must be able to create it, or to read and write it';
    case 'EROFS':
      return 'it is on a read-only file system';
    case 'EEXIST': // mkdir with `recursive` fails so only when a non-directory is in the way
      return 'it exists and is not a directory';
    case 'ENOTDIR':
      return 'a part of its path is a regular file, not a directory';
    default:
      return (err as Error).message;
  }
}

/**
 * Creates the data dir if needed and checks that this process can read and write it.
 * Throws ConfigError naming HOMING_DATA_DIR when it cannot be used.
 */
export function prepareDataDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.R_OK | constants.W_OK | constants.X_OK);
  } catch (err) {
    throw new ConfigError(`HOMING_DATA_DIR ${dir} cannot be used: ${reason(err)}`);
  }
}
