// Devices by token in a Map; records are copied in and out.
import type { DeviceRecord, DeviceStore } from '../types.js';

export class MemoryDeviceStore implements DeviceStore {
  private readonly devices = new Map<string, DeviceRecord>();

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
      return device !== undefined && device.lastSeenAt < before && this.devices.delete(token);
    });
  }
}
