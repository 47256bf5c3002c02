// Options for every lru-cache whose entries age out (`ttl`). By default
// lru-cache reads the clock at most once a millisecond and keeps the reading
// with a 1 ms timer, so a cache in use arms a timer every millisecond: up to a
// thousand a second per cache on the push path, each one a wake-up of the event
// loop when it is otherwise idle. Reading performance.now() at each check costs
// less than the timer.
export const CLOCK_ON_EACH_CHECK = { ttlResolution: 0 } as const;
