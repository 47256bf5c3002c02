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
}
