// Registers devices the way a phone does (hello over a real socket) and hands
// back their tokens, for tests that need registered tokens and no open socket.
import { RawDevice } from './raw-device.js';
import type { TestApp, TestServer } from './server.js';

export async function registerToken(server: TestServer, app: TestApp, deviceId: string): Promise<string> {
  const device = await RawDevice.connect(server.url);
  device.hello([{ accessId: app.accessId, accessKey: app.accessKey }], deviceId);
  const welcome = await device.next('welcome');
  device.close();
  await device.closed;
  return welcome.welcome!.apps![0]!.token!;
}
