// Devices by token in a Map; records are copied in and out.
import type { DeviceRecord, DeviceStore } from '../types.js';

export class MemoryDeviceStore implements DeviceStore {
  private readonly devices = new Map<string, DeviceRecord>();
  /** accessId → its tokens. */
  private readonly byApp = new Map<string, Set<string>>();

  async get(token: string): Promise<DeviceRecord | undefined> {
    const device = this.devices.get(token);
    return device && { ...device };
  }

  async getMany(tokens: readonly string[]): Promise<Array<DeviceRecord | undefined>> {
    return tokens.map((token) => {
      const device = this.devices.get(token);
      return device && { ...device };
    });
  }

  async put(device: DeviceRecord): Promise<void> {
    this.devices.set(device.token, { ...device });
    let tokens = this.byApp.get(device.accessId);
    if (!tokens) this.byApp.set(device.accessId, (tokens = new Set()));
    tokens.add(device.token);
  }

  async countOfApp(accessId: string): Promise<number> {
    return this.byApp.get(accessId)?.size ?? 0;
  }

  /** Token order; the cursor is the last token of the previous page. */
  async tokensOfApp(accessId: string, cursor: string, limit: number): Promise<{ tokens: string[]; cursor: string }> {
    const all = [...(this.byApp.get(accessId) ?? [])].filter((t) => t > cursor).sort();
    const tokens = all.slice(0, limit);
    return { tokens, cursor: all.length > limit ? tokens[tokens.length - 1]! : '' };
  }

  /** Token order; the cursor is the last token of the previous page. Sorting per page is fine at test sizes. */
  async scan(cursor: string, limit: number): Promise<{ devices: DeviceRecord[]; cursor: string }> {
    const tokens = [...this.devices.keys()].filter((t) => t > cursor).sort();
    const page = tokens.slice(0, limit);
    const devices = page.map((t) => ({ ...this.devices.get(t)! }));
    return { devices, cursor: tokens.length > limit ? page[page.length - 1]! : '' };
  }

  async removeUnused(tokens: readonly string[], before: number): Promise<string[]> {
    return tokens.filter((token) => {
      const device = this.devices.get(token);
      if (device === undefined || device.lastSeenAt >= before) return false;
      this.devices.delete(token);
      this.byApp.get(device.accessId)?.delete(token);
      return true;
    });
  }
}
