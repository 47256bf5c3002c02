// A provider notification for tests, with everything a push needs filled in.
import type { ProviderNotification } from '../../router/providers/provider.js';

export function notification(deviceToken: string, overrides: Partial<ProviderNotification> = {}): ProviderNotification {
  return {
    deviceToken,
    messageId: '42',
    pushId: '7',
    kind: 'notify',
    title: 'Hi',
    content: 'Hello',
    customContent: '',
    message: { title: 'Hi', content: 'Hello' },
    environment: 'product',
    expiresAt: Date.now() + 3600_000,
    ...overrides,
  };
}
