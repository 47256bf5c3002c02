// Server frames. Constant frames are encoded once; error frames are small and
// rare. Push frames are built per delivery (each carries its token).
import { encodeServerFrame, MessageType } from '../proto/codec.js';
import { isRetryableDeviceError, type DeviceErrorCode } from '../src/errors.js';
import type { PushMessage } from '../src/messages.js';

export function errorFrame(code: DeviceErrorCode, message: string, accessId = ''): Uint8Array {
  return encodeServerFrame({ error: { code, message, retryable: isRetryableDeviceError(code), accessId } });
}

export function pongFrame(clientTime: number, serverTime: number): Uint8Array {
  return encodeServerFrame({ pong: { clientTime, serverTime } });
}

export function goawayFrame(reason: string, reconnectAfterMs: number): Uint8Array {
  return encodeServerFrame({ goaway: { reason, reconnectAfterMs } });
}

/** `broadcast`: one frame for every device of an app or tag, so it names no token. */
export function pushFrame(d: PushMessage, token: string, broadcast = false): Uint8Array {
  return encodeServerFrame({
    push: {
      messageId: d.pushId,
      accessId: d.accessId,
      token,
      type: d.kind === 'notify' ? MessageType.NOTIFY : MessageType.MESSAGE,
      title: d.title,
      content: d.content,
      customContent: d.customContent,
      expiresAt: d.expiresAt,
      pushId: d.pushId,
      sentAt: d.sentAt,
      broadcast,
    },
  });
}
