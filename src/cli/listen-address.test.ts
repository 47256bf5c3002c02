// The start line names the address Homing is bound to and URLs that reach it.
import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { describeListen } from './listen-address.js';

const iface = (address: string, family: 'IPv4' | 'IPv6', internal = false) => ({ address, family, internal }) as NetworkInterfaceInfo;
const interfaces = {
  lo: [iface('127.0.0.1', 'IPv4', true), iface('::1', 'IPv6', true)],
  eth0: [iface('10.1.2.3', 'IPv4'), iface('fd00::2', 'IPv6'), iface('fe80::1', 'IPv6')],
};
const base = { nodeId: 'n1', port: 8080, tls: false, dataDir: '/var/lib/homing' };

describe('describeListen', () => {
  it('shows 0.0.0.0 as bound, with loopback for this machine and the interface addresses for others', () => {
    expect(describeListen({ ...base, host: '0.0.0.0' }, interfaces).split('\n')).toEqual([
      'Homing n1 listening on 0.0.0.0:8080 (every IPv4 address of this machine), data in /var/lib/homing',
      '  from this machine: http://127.0.0.1:8080 (REST /v3/..., /healthz), devices ws://127.0.0.1:8080/device',
      '  from the network:  http://10.1.2.3:8080 (REST /v3/..., /healthz), devices ws://10.1.2.3:8080/device',
    ]);
  });

  it('brackets IPv6 addresses and lists global ones for ::', () => {
    const lines = describeListen({ ...base, host: '::' }, interfaces).split('\n');
    expect(lines[0]).toBe('Homing n1 listening on [::]:8080 (every address of this machine), data in /var/lib/homing');
    expect(lines.slice(1).map((l) => /http:\/\/(\S+)/.exec(l)![1])).toEqual(['[::1]:8080', '10.1.2.3:8080', '[fd00::2]:8080']);
  });

  it('says loopback is this machine only, and uses https and wss with TLS', () => {
    expect(describeListen({ ...base, host: '127.0.0.1', tls: true }, interfaces).split('\n')).toEqual([
      'Homing n1 listening on 127.0.0.1:8080 (this machine only), data in /var/lib/homing',
      '  https://127.0.0.1:8080 (REST /v3/..., /healthz), devices wss://127.0.0.1:8080/device',
    ]);
  });
});
