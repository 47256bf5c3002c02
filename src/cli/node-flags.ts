// The V8 flags a Homing server process runs with. A server holding many idle
// sockets should not keep V8's default young generation: it grows to 32 MiB
// during a connect storm and stays, ~2.5 KB per device at 10,000 devices in one
// process (the bench's idle scenario), and V8 gives it back only when the
// allocation rate falls below ~1 MB/s, which heartbeats alone exceed at that
// scale. 4 MiB semi-spaces keep it at 8 MiB, with no CPU cost we could measure
// in the push scenarios.
//
// Node takes these only on its command line, so each way of starting Homing
// names them: bin/homing.js's shebang, package.json's start and cluster
// scripts, examples/systemd/homing.service, and the bench and load tests
// through this constant. `homing cluster` passes its own flags on to the roles.
// node-flags.test.ts keeps them in step.
export const HOMING_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4'];
