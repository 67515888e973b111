import { EVENT_TOPICS } from '../services/kernel/src/events/schemas';
import { loadConfig } from '../services/kernel/src/config';
import { UsageError } from './errors';
import type { Io } from './io';
import { callerToken, gatewayBase } from './export';
import { type EventFilter, parseTime, listOf, unknownTypes } from './events-format';
import { tailEvents, exportEvents, formatCounts, anyBrokerAnswers } from './events-kafka';
import { tailThroughGateway, gatewayNode } from './events-gateway';

function stopSignal(): AbortSignal {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return controller.signal;
}

async function brokersOf(env: Record<string, string | undefined>): Promise<string[]> {
  const brokers = loadConfig(env).kafka.brokers;
  if (!(await anyBrokerAnswers(brokers))) {
    throw new Error(
      `the events are read from Kafka, and no broker answers at ${brokers.join(',')} (MMHUB_KAFKA_BROKERS). ` +
        "An export reads a closed period of the log and needs a broker; on the embedded demo (npm start), which has none, `mmhub events tail --since <time>` follows the same events through the hub's gateway (docs/open-data.md).",
    );
  }
  return brokers;
}

function filterOf(o: { type?: string[]; node?: string[] }, io: Io): EventFilter {
  const filter: EventFilter = { types: listOf(o.type), nodes: listOf(o.node) };
  for (const t of unknownTypes(filter)) io.stderr.write(`note: --type ${t} matches no known event type (see docs/events.md)\n`);
  return filter;
}

/**
 * Where `events tail` reads: the gateway asked for (--gateway, or --port for a node's own), else a
 * node's gateway that says it runs on an in-process bus (the embedded demo: a broker that answers on
 * this machine is not its log), else the brokers when one answers, else, in development, the events
 * subscription of the node's gateway; else it says at once that it needs one or the other.
 */
async function tailSource(
  o: { gateway?: string; token?: string; port?: string },
  env: Record<string, string | undefined>,
): Promise<{ brokers: string[] } | { gateway: string; token: string; node?: string; why?: string }> {
  const config = loadConfig(env);
  if (o.gateway) return { gateway: gatewayBase(config, o.gateway), token: await callerToken(config, o.token, 'analyst') };
  const base = gatewayBase(config);
  const mayFollowGateway = config.mode === 'development' || Boolean(o.token);
  const gateway = mayFollowGateway || o.port ? await gatewayNode(base) : undefined;
  const follow = async (g: { node: string }, why: string) => ({
    gateway: base,
    node: g.node,
    why,
    token: await callerToken({ ...config, node: g.node }, o.token, 'analyst'),
  });
  if (o.port) {
    if (!gateway) throw new Error(`no gateway answers at ${base} (--port ${o.port}): start the node, or give the port of its gateway`);
    return follow(gateway, '--port');
  }
  if (gateway && gateway.bus === 'memory') return follow(gateway, 'its events are on an in-process bus, not Kafka');
  const brokers = config.kafka.brokers;
  if (await anyBrokerAnswers(brokers)) return { brokers };
  if (gateway && mayFollowGateway) return follow(gateway, 'no broker answers');
  throw new Error(
    `the events are read from Kafka, and no broker answers at ${brokers.join(',')} (MMHUB_KAFKA_BROKERS); nor does a gateway at ${base}. ` +
      "Start the demo (npm start) or a node, or follow a node's gateway with --gateway <url> --token <an analyst's token> (docs/open-data.md).",
  );
}

/** `mmhub events tail`. */
export async function eventsTail(
  o: { type?: string[]; node?: string[]; since?: string; gateway?: string; token?: string; port?: string },
  env: Record<string, string | undefined>,
  io: Io,
): Promise<void> {
  const now = io.now ?? (() => new Date());
  const filter = filterOf(o, io);
  const since = o.since ? parseTime(o.since, now(), '--since') : undefined;
  const source = await tailSource(o, env);
  const signal = io.signal ?? stopSignal();
  if ('gateway' in source) {
    io.stderr.write(
      `following the events subscription at ${source.gateway}/graphql${source.node ? ` (${source.node}; ${source.why})` : ''} from ${since ? since.toISOString() : 'now'}; Ctrl-C stops\n`,
    );
    await tailThroughGateway({ ...filter, gateway: source.gateway, token: source.token, since, out: io.stdout, signal });
    return;
  }
  io.stderr.write(`following ${EVENT_TOPICS.join(', ')} at ${source.brokers.join(',')} from ${since ? since.toISOString() : 'now'}; Ctrl-C stops\n`);
  await tailEvents({ ...filter, brokers: source.brokers, since, out: io.stdout, stderr: io.stderr, signal });
}

/** `mmhub events export`. */
export async function eventsExport(
  o: { since: string; until: string; format: string; out: string; type?: string[]; node?: string[]; arabicHeaders?: boolean },
  env: Record<string, string | undefined>,
  io: Io,
): Promise<void> {
  const now = io.now ?? (() => new Date());
  if (o.format !== 'csv' && o.format !== 'jsonl') throw new UsageError(`--format is csv or jsonl, not "${o.format}"`);
  const filter = filterOf(o, io);
  const since = parseTime(o.since, now(), '--since');
  const until = parseTime(o.until, now(), '--until');
  if (until <= since) throw new UsageError(`--until (${until.toISOString()}) must come after --since (${since.toISOString()})`);
  const brokers = await brokersOf(env);
  const toStdout = o.out === '-';
  const result = await exportEvents({
    ...filter,
    brokers,
    since,
    until,
    format: o.format,
    arabicHeaders: o.arabicHeaders,
    out: toStdout ? io.stdout : o.out,
    progress: io.stderr,
  });
  io.stderr.write(formatCounts(result, toStdout ? 'stdout' : o.out));
}
