// When an LMDB write counts as stored, per HOMING_DURABILITY: at commit
// ('commit', 'nosync': survives a killed process), or after the sync of the
// transaction it joined ('fsync': survives power loss). `flushed`, subscribed
// while the write is still pending, is the flush of that transaction (LMDB's
// overlapping sync flushes after the commit) or of a later one.
import type { Durability } from '../../config.js';

export async function durable(db: { readonly flushed: Promise<unknown> }, write: Promise<unknown> | undefined, durability: Durability): Promise<void> {
  if (durability !== 'fsync') {
    await write;
    return;
  }
  const flushed = new Promise<unknown>((resolve, reject) => {
    db.flushed.then(resolve, reject);
  });
  await Promise.all([write, flushed]);
}
