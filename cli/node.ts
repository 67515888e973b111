import { loadConfig } from '../services/kernel/src/config';
import { createLogger, type Logger } from '../services/kernel/src/observability';
import { runStops, startService, type RunningService, type ServiceDefinition, type Stop } from '../services/kernel/src/service';
import type { EventBus } from '../services/kernel/src/events';
import { startGateway, type RunningGateway } from '../gateway/src/gateway';
import { services as allServices } from './services';

export interface NodeOptions {
  env: Record<string, string | undefined>;
  /** Services of this node; all of them by default. */
  services?: ServiceDefinition<any>[];
  bus?: EventBus;
  log?: Logger;
  migrate?: boolean;
  /** Ports for the services: consecutive from the gateway's port + 1, or 0 (any free port) for all. */
  anyPorts?: boolean;
}

export interface RunningNode {
  node: string;
  gateway: RunningGateway;
  services: RunningService[];
  /** Resolves once every consumer of every service has joined its group; the gateway listens before. */
  joined: Promise<void>;
  stop(): Promise<void>;
}

/** One node in one process: each service on its own port, and the gateway in front of them. */
export async function startNode(o: NodeOptions): Promise<RunningNode> {
  const base = loadConfig(o.env);
  const log = o.log ?? createLogger(base.logLevel, { node: base.node });
  const defs = o.services ?? allServices;
  log.info({ services: defs.map((d) => d.name) }, 'node starting');
  const start = (def: ServiceDefinition<any>, i: number) => {
    const config = loadConfig({ ...o.env, MMHUB_PORT: o.anyPorts ? '0' : String(base.port + 1 + i) });
    return startService(def, config, { bus: o.bus, log: log.child({ service: def.name }), migrate: o.migrate });
  };
  // on a server (its own bus): side by side, one service's waits on the database and the broker overlap another's
  // schema build; an embedded node's services share one PGlite session, one after the other
  const started: PromiseSettledResult<RunningService>[] = [];
  if (o.bus)
    for (const [i, def] of defs.entries()) {
      const [one] = await Promise.allSettled([start(def, i)]);
      started.push(one);
      if (one.status === 'rejected') break;
    }
  else started.push(...(await Promise.allSettled(defs.map(start))));
  const running = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  try {
    const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    const subgraphs = running.map((r) => ({ name: r.name, url: r.url, sdl: r.sdl }));
    const gateway = await startGateway({ config: base, subgraphs, log: log.child({ service: 'gateway' }) });
    return {
      node: base.node,
      gateway,
      services: running,
      joined: Promise.all(running.map((r) => r.joined)).then(() => undefined),
      stop: () => runStops([['gateway', () => gateway.stop()], ...[...running].reverse().map((r): Stop => [`${r.name} service`, () => r.stop()])], log),
    };
  } catch (e) {
    for (const r of running.reverse()) await r.stop();
    throw e;
  }
}
