// Removes device records unused for HOMING_DEVICE_EXPIRE_DAYS. The access key
// ships inside every copy of the mobile app, so registrations pile up (installs
// that are gone, scripts); without expiry the device store only grows.
//
// "Unused" is lastSeenAt, which every hello (new or resumed) sets. A device
// connected right now is never removed, however old its lastSeenAt: the sweep
// asks the route registry first. The store removes a record only if it is
// still unused at that moment, so a device that resumes during the sweep stays.
// A removed token answers 10110 to pushes and 4111 to a resume (the SDK then
// registers anew); its tags and accounts are cleared with it, so tag and
// account lookups do not keep returning it. The expiry is at least 4 days, longer than any offline
// message lives (72 h), so nothing waiting is lost with the record.
import type { Logger } from './log.js';
import type { Metrics } from './metrics.js';
import { PeriodicPass } from './periodic-pass.js';
import type { AccountStore, TagStore } from './stores/audience-types.js';
import type { DeviceRecord, DeviceStore, RouteRegistry } from './stores/types.js';

const DAY_MS = 86_400_000;
/** Records read per store call; small enough not to hold the event loop. */
const PAGE_SIZE = 1000;

export interface DeviceExpiryDeps {
  devices: DeviceStore;
  routes: RouteRegistry;
  tags: TagStore;
  accounts: AccountStore;
  metrics: Metrics;
  log: Logger;
  /** 0 = never expire (the sweep does nothing). */
  expireDays: number;
  /** Time between sweeps. */
  intervalMs: number;
  now?: () => number;
}

export class DeviceExpiry {
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly periodic: PeriodicPass<number>;

  constructor(private readonly deps: DeviceExpiryDeps) {
    this.log = deps.log.child({ component: 'device-expiry' });
    this.now = deps.now ?? Date.now;
    this.periodic = new PeriodicPass(() => this.pass(), deps.intervalMs, (err) => this.log.error({ err }, 'device expiry sweep failed'));
  }

  /** Sweeps every `intervalMs` (the first after one interval). */
  start(): void {
    if (this.deps.expireDays !== 0) this.periodic.start();
  }

  /** One pass over every device; resolves with how many were removed. A pass in progress is joined, not doubled. */
  sweep(): Promise<number> {
    return this.periodic.run();
  }

  stop(): Promise<void> {
    return this.periodic.stop();
  }

  private async pass(): Promise<number> {
    if (this.deps.expireDays === 0) return 0;
    const before = this.now() - this.deps.expireDays * DAY_MS;
    let cursor = '';
    let removed = 0;
    do {
      const page = await this.deps.devices.scan(cursor, PAGE_SIZE);
      cursor = page.cursor;
      const unused = page.devices.filter((d) => d.lastSeenAt < before);
      if (unused.length === 0) continue;
      const routes = await this.deps.routes.lookup(unused.map((d) => d.token));
      const idle = unused.filter((_, i) => routes[i] === undefined);
      if (idle.length === 0) continue;
      const gone = new Set(await this.deps.devices.removeUnused(idle.map((d) => d.token), before));
      await this.forget(idle.filter((d) => gone.has(d.token)));
      removed += gone.size;
      this.deps.metrics.devicesExpired.inc(gone.size);
    } while (cursor !== '' && !this.periodic.stopped);
    if (removed > 0) this.log.info({ removed, expire_days: this.deps.expireDays }, 'removed unused device records');
    return removed;
  }

  /** Clears the removed devices' tags and accounts, per app. */
  private async forget(devices: readonly DeviceRecord[]): Promise<void> {
    const byApp = new Map<string, string[]>();
    for (const d of devices) {
      const tokens = byApp.get(d.accessId);
      if (tokens) tokens.push(d.token);
      else byApp.set(d.accessId, [d.token]);
    }
    for (const [accessId, tokens] of byApp) {
      await this.deps.tags.update(accessId, tokens.map((token) => ({ kind: 'clear', token })));
      await this.deps.accounts.update(accessId, tokens.map((token) => ({ kind: 'clear', token })));
    }
  }
}
