// Every combination of the facts, against the rules in channel-chooser.ts.
import { describe, expect, it } from 'vitest';
import { ChannelChooser, type Channel, type ChannelFacts } from './channel-chooser.js';

const chooser = new ChannelChooser();
const facts = (platform: string, kind: ChannelFacts['kind'], live: boolean, apns: boolean, fcm: boolean): ChannelFacts => ({ platform, kind, live, apns, fcm });

describe('ChannelChooser', () => {
  it.each<[string, ChannelFacts['kind'], boolean, boolean, boolean, Channel]>([
    // platform, kind, live, apns, fcm → channel
    ['android', 'notify', true, false, true, 'long_connection'],
    ['android', 'notify', false, false, true, 'fcm'],
    ['android', 'notify', false, false, false, 'offline'],
    ['android', 'message', true, false, true, 'long_connection'],
    ['android', 'message', false, false, true, 'fcm'],
    ['android', 'message', false, false, false, 'offline'],
    ['android', 'notify', false, true, false, 'offline'], // an APNs token means nothing on Android
    ['ios', 'notify', true, true, false, 'apns'],
    ['ios', 'notify', false, true, false, 'apns'],
    ['ios', 'notify', true, false, false, 'long_connection'],
    ['ios', 'notify', false, false, true, 'offline'], // nor an FCM token on iOS
    ['ios', 'message', true, true, false, 'long_connection'],
    ['ios', 'message', false, true, false, 'apns'],
    ['ios', 'message', false, false, false, 'offline'],
    ['web', 'notify', true, true, true, 'long_connection'],
    ['', 'notify', false, true, true, 'offline'],
  ])('%s %s live=%s apns=%s fcm=%s → %s', (platform, kind, live, apns, fcm, channel) => {
    expect(chooser.choose(facts(platform, kind, live, apns, fcm))).toBe(channel);
  });
});
