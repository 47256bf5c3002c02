// Limits new device registrations (an app in hello without a token to resume),
// per app and per source address. The access key ships inside every copy of a
// mobile app, so anyone can register devices; without a limit one script fills
// the device store. Resuming a token is never limited: a reconnect storm after
// a restart is all resumes and must go through at full speed.
import { DeviceError, DeviceProtocolError } from '../src/errors.js';
import { KeyedTokenBuckets, perMinute } from '../src/rate-limit.js';

export interface RegistrationLimits {
  /** New registrations per app per minute (burst of the same size); 0 = no limit. */
  perAppPerMinute: number;
  /** Hellos with a new registration per source address per minute; 0 = no limit. */
  perAddressPerMinute: number;
}

export class RegistrationLimiter {
  private readonly apps: KeyedTokenBuckets;
  private readonly addresses: KeyedTokenBuckets;

  constructor(limits: RegistrationLimits, now: () => number = Date.now) {
    this.apps = new KeyedTokenBuckets(perMinute(limits.perAppPerMinute), 100_000, now);
    this.addresses = new KeyedTokenBuckets(perMinute(limits.perAddressPerMinute), 100_000, now);
  }

  /**
   * Admits one hello that registers `accessIds` anew from `address` ('' when
   * unknown: then only the app limits apply). All or nothing: a refused hello
   * takes no registration from any bucket. Throws REGISTRATION_RATE_LIMITED.
   */
  admit(accessIds: readonly string[], address: string): void {
    if (accessIds.length === 0) return;
    // One device registering three apps is one device to its address.
    if (address && this.addresses.available(address) < 1) {
      const wait = this.addresses.secondsUntil(address);
      throw new DeviceProtocolError(DeviceError.REGISTRATION_RATE_LIMITED, `too many new registrations from this address; retry in ${wait} s`);
    }
    for (const accessId of accessIds) {
      if (this.apps.available(accessId) < 1) {
        const wait = this.apps.secondsUntil(accessId);
        throw new DeviceProtocolError(DeviceError.REGISTRATION_RATE_LIMITED, `too many new registrations for app ${accessId}; retry in ${wait} s`, accessId);
      }
    }
    if (address) this.addresses.take(address);
    for (const accessId of accessIds) this.apps.take(accessId);
  }
}
