// Turns a Hello frame into app sessions: checks each app's access key, then
// resumes the offered token (secret must match) or issues a fresh one.
// Tokens are app-scoped: one device holds one token per app.
import { createHash, randomFillSync, timingSafeEqual } from 'node:crypto';
import { Platform, type Hello } from '../proto/codec.js';
import { DeviceError, DeviceProtocolError } from '../src/errors.js';
import type { AppRecord, AppStore, DeviceRecord, DeviceStore } from '../src/stores/types.js';
import type { RegistrationLimiter } from './registration-limiter.js';
import { pushTokenReport, withPushToken } from '../src/push-tokens.js';

export interface AppSessionGrant {
  accessId: string;
  token: string;
  /** Returned to the device in welcome; only its hash is stored. */
  tokenSecret: string;
  resumed: boolean;
  /** A resumed token's previous hello (ms): broadcast catch-up for clients that name no last broadcast. */
  seenBefore?: number;
}

const PLATFORM_NAMES: Record<number, string> = {
  [Platform.ANDROID]: 'android',
  [Platform.IOS]: 'ios',
  [Platform.WEB]: 'web',
  [Platform.OTHER]: 'other',
};

// Connect storms issue thousands of tokens a second: one CSPRNG fill serves many.
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

function randomSlice(bytes: number): Buffer {
  if (poolOffset + bytes > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const slice = pool.subarray(poolOffset, poolOffset + bytes);
  poolOffset += bytes;
  return slice;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export class HelloAuthenticator {
  constructor(
    private readonly apps: Pick<AppStore, 'get'>,
    private readonly devices: DeviceStore,
    private readonly maxAppsPerSocket: number,
    private readonly now: () => number = Date.now,
    /** New registrations are limited when given; resumes never are. */
    private readonly registrations?: RegistrationLimiter,
  ) {}

  /**
   * Throws DeviceProtocolError with the code the socket is closed with.
   * `source` is the device's address as the socket saw it ('' when unknown),
   * for the per-address registration limit.
   */
  async authenticate(hello: Hello, source = ''): Promise<AppSessionGrant[]> {
    const regs = hello.apps ?? [];
    if (regs.length === 0 || regs.length > this.maxAppsPerSocket) {
      throw new DeviceProtocolError(DeviceError.TOO_MANY_APPS, `hello must register 1..${this.maxAppsPerSocket} apps, got ${regs.length}`);
    }
    const deviceId = hello.deviceId ?? '';
    if (deviceId.length < 1 || deviceId.length > 128) {
      throw new DeviceProtocolError(DeviceError.BAD_HELLO, 'device_id must be 1..128 characters');
    }
    const seen = new Set<string>();
    const pushTokens = regs.map(pushTokenReport);
    for (const reg of regs) {
      const accessId = reg.accessId ?? '';
      if (!accessId) throw new DeviceProtocolError(DeviceError.BAD_HELLO, 'every app needs an access_id');
      if (seen.has(accessId)) throw new DeviceProtocolError(DeviceError.BAD_HELLO, `app ${accessId} registered twice`);
      seen.add(accessId);
      if (!reg.token !== !reg.tokenSecret) {
        throw new DeviceProtocolError(DeviceError.BAD_HELLO, `app ${accessId}: token and token_secret go together`);
      }
    }
    // All apps are checked before anything is written, so a refused hello changes nothing.
    const records = await Promise.all(regs.map((reg) => this.apps.get(reg.accessId!)));
    const resumed = await this.devices.getMany(regs.map((reg) => reg.token || ''));
    regs.forEach((reg, i) => this.check(reg.accessId!, reg.accessKey ?? '', records[i], reg.token, reg.tokenSecret, resumed[i]));
    // Last of the checks: only a hello that would otherwise succeed spends a registration.
    this.registrations?.admit(regs.filter((reg) => !reg.token).map((reg) => reg.accessId!), source);

    const platform = PLATFORM_NAMES[hello.platform ?? 0] ?? 'unknown';
    const now = this.now();
    return Promise.all(
      regs.map(async (reg, i): Promise<AppSessionGrant> => {
        // The cached app record's access id: one string per app, not one per socket.
        const accessId = records[i]!.accessId;
        const known = resumed[i];
        if (known) {
          await this.devices.put(withPushToken({ ...known, deviceId, platform, lastSeenAt: now }, pushTokens[i]));
          return { accessId, token: known.token, tokenSecret: reg.tokenSecret!, resumed: true, seenBefore: known.lastSeenAt };
        }
        const token = randomSlice(20).toString('hex');
        const tokenSecret = randomSlice(24).toString('base64url');
        await this.devices.put(withPushToken({
          token, accessId, tokenSecretHash: hashSecret(tokenSecret), deviceId, platform, createdAt: now, lastSeenAt: now,
        }, pushTokens[i]));
        return { accessId, token, tokenSecret, resumed: false };
      }),
    );
  }

  private check(
    accessId: string, accessKey: string, app: AppRecord | undefined,
    token: string | null | undefined, secret: string | null | undefined, device: DeviceRecord | undefined,
  ): void {
    if (!app) throw new DeviceProtocolError(DeviceError.UNKNOWN_APP, `unknown app ${accessId}`, accessId);
    if (!sameText(accessKey, app.accessKey)) {
      throw new DeviceProtocolError(DeviceError.BAD_ACCESS_KEY, `wrong access_key for app ${accessId}`, accessId);
    }
    if (!token) return;
    if (!device) throw new DeviceProtocolError(DeviceError.UNKNOWN_TOKEN, `token unknown for app ${accessId}; register without it`, accessId);
    if (device.accessId !== accessId || !sameText(hashSecret(secret ?? ''), device.tokenSecretHash)) {
      throw new DeviceProtocolError(DeviceError.BAD_TOKEN_SECRET, `token cannot be resumed for app ${accessId}`, accessId);
    }
  }
}
