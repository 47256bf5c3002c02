// The engine switch every role's composition root goes through: the embedded
// default (LMDB in the data dir, the in-process bus) or, with NATS and Redis
// URLs, the cluster's engines (openClusterStores, NatsNodeBus). Config
// validation already made sure both URLs come together.
import { InProcessBus } from '../bus/in-process-bus.js';
import { NatsNodeBus } from '../bus/nats-bus.js';
import type { NodeBus } from '../bus/node-bus.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { CachedCredentialStore } from '../stores/cached-credentials.js';
import { openClusterStores, type ClusterStores } from '../stores/cluster/index.js';
import { openStores } from '../stores/index.js';
import type { Stores } from '../stores/types.js';

export interface ClusterEngines {
  natsUrl: string;
  /** The shared routes' registry: gateways refresh their routes' TTL through it. */
  routes: ClusterStores['routes'];
}

export interface Engines {
  stores: Stores;
  bus: NodeBus;
  /** Set in cluster mode. */
  cluster: ClusterEngines | undefined;
  /** Closes the bus, then the stores. */
  close(): Promise<void>;
}

export async function openEngines(config: Config, log: Logger): Promise<Engines> {
  if (config.natsUrl === undefined || config.redisUrl === undefined) {
    const stores = servingStores(await openStores('embedded', config.dataDir, { durability: config.durability, maxOfflinePerToken: config.maxOfflinePerToken, groupCommitMs: config.groupCommitMs }));
    const bus = new InProcessBus();
    return { stores, bus, cluster: undefined, close: async () => (await bus.close(), await stores.close()) };
  }
  const name = `${config.nodeId} (${config.role})`;
  const stores = servingStores(await openClusterStores({ redisUrl: config.redisUrl, natsUrl: config.natsUrl, name, maxOfflinePerToken: config.maxOfflinePerToken, log }));
  let bus: NatsNodeBus;
  try {
    bus = await NatsNodeBus.connect(config.natsUrl, { name, log });
  } catch (err) {
    await stores.close();
    throw err;
  }
  return {
    stores,
    bus,
    cluster: { natsUrl: config.natsUrl, routes: stores.routes },
    close: async () => (await bus.close(), await stores.close()),
  };
}

/** A serving process reads provider credentials on every push: cached (see CachedCredentialStore). */
function servingStores<S extends Stores>(stores: S): S {
  stores.credentials = new CachedCredentialStore(stores.credentials);
  return stores;
}

/** The stores alone, for CLI commands (app create, credentials): the shared ones in cluster mode, else the data dir's. */
export async function openConfiguredStores(config: Config, log?: Logger): Promise<Stores> {
  if (config.natsUrl === undefined || config.redisUrl === undefined) {
    return openStores('embedded', config.dataDir, { durability: config.durability, maxOfflinePerToken: config.maxOfflinePerToken });
  }
  return openClusterStores({ redisUrl: config.redisUrl, natsUrl: config.natsUrl, name: `${config.nodeId} (cli)`, maxOfflinePerToken: config.maxOfflinePerToken, log });
}
