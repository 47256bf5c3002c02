// /metrics on a listener of its own (HOMING_METRICS_ADDRESS), e.g. loopback
// only, so that scrapes need no hole in the public port and the public port
// does not show what the process is doing. Plain node:http: one scrape every
// few seconds needs nothing faster, and the device port stays uWS's alone.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ListenAddress } from './config.js';
import type { Logger } from './log.js';
import type { Metrics } from './metrics.js';

export class MetricsServer {
  private readonly server: Server;

  constructor(metrics: Metrics, log: Logger) {
    this.server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('only GET /metrics is served here\n');
        return;
      }
      metrics.registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(req.method === 'HEAD' ? undefined : text),
        (err: unknown) => {
          log.error({ err }, 'collecting metrics failed');
          res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n');
        },
      );
    });
  }

  /** Resolves with the bound port (useful with port 0); rejects when the address cannot be bound. */
  listen(address: ListenAddress): Promise<number> {
    return new Promise((resolve, reject) => {
      const failed = (err: Error) => reject(new Error(`cannot listen for metrics on ${address.host}:${address.port}: ${err.message}`, { cause: err }));
      this.server.once('error', failed);
      this.server.listen(address.port, address.host, () => {
        this.server.off('error', failed);
        resolve((this.server.address() as AddressInfo).port);
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
