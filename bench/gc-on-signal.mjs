// Preloaded (--expose-gc --import) into every server process the bench starts,
// Homing and baseline alike: SIGUSR2 runs a full garbage collection, so idle
// memory is read as live memory, not as whatever garbage the last GC left.
// The marker line on stderr tells the bench the collection is over (it waits
// for it rather than guessing how long a GC takes). Measurement only; it
// changes nothing else in the process.
if (typeof globalThis.gc === 'function') {
  process.on('SIGUSR2', () => {
    globalThis.gc();
    process.stderr.write('bench-gc-done\n');
  });
}
