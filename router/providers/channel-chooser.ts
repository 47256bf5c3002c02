// Which way one push goes to one device (issue 10, item 6). Pure: the router
// looks up the facts (platform, a live socket, usable provider tokens) and
// acts on the answer.
//
// - Android: the live long connection first; else FCM when the device has an
//   FCM token; else offline storage until it reconnects. Pass-through messages
//   may use FCM too, always as data-only messages (fcm-message.ts).
// - iOS notifications: APNs, which shows them even with the app closed; a
//   device without an APNs token is treated like Android without FCM.
// - iOS pass-through (`message`): the live long connection while the app is
//   open (an in-app message); else an APNs background push; else offline.
// - Any other platform: live connection, else offline.
import type { MessageKind } from '../../src/messages.js';

export type Channel = 'long_connection' | 'apns' | 'fcm' | 'offline';

export interface ChannelFacts {
  /** The device record's platform: 'android', 'ios', or anything else. */
  platform: string;
  kind: MessageKind;
  /** A gateway holds a live socket for the token right now. */
  live: boolean;
  /**
   * The device has this provider's token AND its app has credentials for the
   * provider (a token without credentials cannot be used).
   */
  apns: boolean;
  fcm: boolean;
}

export class ChannelChooser {
  choose(facts: ChannelFacts): Channel {
    if (facts.platform === 'ios') {
      if (facts.kind === 'notify') {
        if (facts.apns) return 'apns';
        return facts.live ? 'long_connection' : 'offline';
      }
      if (facts.live) return 'long_connection';
      return facts.apns ? 'apns' : 'offline';
    }
    if (facts.live) return 'long_connection';
    if (facts.platform === 'android' && facts.fcm) return 'fcm';
    return 'offline';
  }
}
