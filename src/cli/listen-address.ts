// The line `homing start` prints: the address it really listens on, and the
// URLs that reach it. A wildcard address (0.0.0.0, ::) is not one to connect
// to, so the line names loopback for this machine and this machine's own
// addresses for others (behind NAT or a load balancer, use their address).
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';

export interface ListenInfo {
  nodeId: string;
  host: string;
  port: number;
  tls: boolean;
  dataDir: string;
  /** Where the data lives, when not the data dir (cluster mode: the NATS and Redis servers). */
  storage?: string;
  /** What the port serves: everything (all, the default), device sockets (gateway) or REST (api). */
  role?: 'all' | 'gateway' | 'api';
}

type Interfaces = NodeJS.Dict<NetworkInterfaceInfo[]>;

/** Addresses other machines could use, link-local ones left out (they need a zone id). */
function externalAddresses(interfaces: Interfaces, ipv6: boolean): string[] {
  const found: string[] = [];
  for (const list of Object.values(interfaces)) {
    for (const a of list ?? []) {
      if (a.internal || a.address.startsWith('fe80:')) continue;
      if (a.family === 'IPv4' || (ipv6 && a.family === 'IPv6')) found.push(a.address);
    }
  }
  return found;
}

const isLoopback = (host: string) => host === 'localhost' || host === '::1' || host.startsWith('127.');

export function describeListen(info: ListenInfo, interfaces: Interfaces = networkInterfaces()): string {
  const { host, port, tls } = info;
  const urls = (address: string) => {
    const h = address.includes(':') ? `[${address}]` : address;
    const http = `http${tls ? 's' : ''}://${h}:${port}`;
    const ws = `ws${tls ? 's' : ''}://${h}:${port}/device`;
    if (info.role === 'gateway') return `devices ${ws} (${http}/healthz)`;
    if (info.role === 'api') return `${http} (REST /v3/..., /healthz)`;
    return `${http} (REST /v3/..., /healthz), devices ${ws}`;
  };
  const bound = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const storage = info.storage ?? `data in ${info.dataDir}`;
  const lines: string[] = [];
  if (host === '0.0.0.0' || host === '::') {
    const all = host === '::' ? 'every address of this machine' : 'every IPv4 address of this machine';
    lines.push(`Homing ${info.nodeId} listening on ${bound} (${all}), ${storage}`);
    lines.push(`  from this machine: ${urls(host === '::' ? '::1' : '127.0.0.1')}`);
    for (const address of externalAddresses(interfaces, host === '::')) lines.push(`  from the network:  ${urls(address)}`);
  } else {
    const reach = isLoopback(host) ? ' (this machine only)' : '';
    lines.push(`Homing ${info.nodeId} listening on ${bound}${reach}, ${storage}`);
    lines.push(`  ${urls(host)}`);
  }
  return lines.join('\n');
}
