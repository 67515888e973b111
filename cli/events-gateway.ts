import { createClient } from 'graphql-sse';
import { type EventFilter, cloudEventJson } from './events-format';
import { write, BROKER_CHECK_MS } from './events-kafka';

// `mmhub events tail` through a gateway's events subscription, where no broker answers (the embedded demo).

const EVENT_SUBSCRIPTION = `subscription Tail($since: DateTime, $filter: EventFilter) {
  events(since: $since, filter: $filter) { id type service source node subject time aggregateVersion data cursor }
}`;

interface GatewayEvent {
  id: string;
  type: string;
  service: string;
  source: string;
  node: string;
  subject: string;
  time: string;
  aggregateVersion: number;
  data: unknown;
  cursor: string;
}

/** One event of the gateway's stream in the CloudEvents JSON format, with its cursor where Kafka's position would be. */
export function gatewayEventJson(e: GatewayEvent): Record<string, unknown> {
  return cloudEventJson(e, { service: e.service, cursor: e.cursor });
}

export interface GatewayTailOptions extends EventFilter {
  /** The gateway's address, without /graphql. */
  gateway: string;
  token: string;
  since?: Date;
  out: NodeJS.WritableStream;
  signal: AbortSignal;
}

/**
 * Shows every matching event as a JSON line, followed through the `events` subscription of a node's
 * gateway (Server-Sent Events): where there is no broker to read, as on the embedded demo.
 */
export async function tailThroughGateway(o: GatewayTailOptions): Promise<{ shown: number }> {
  const client = createClient({ url: `${o.gateway}/graphql`, headers: { authorization: `Bearer ${o.token}` }, retryAttempts: 0 });
  const filter = { ...(o.nodes ? { nodes: o.nodes } : {}), ...(o.types ? { types: o.types } : {}) };
  const stream = client.iterate<{ events: GatewayEvent }>({ query: EVENT_SUBSCRIPTION, variables: { since: o.since?.toISOString() ?? null, filter } });
  const stop = () => void stream.return?.();
  o.signal.addEventListener('abort', stop, { once: true });
  let shown = 0;
  let closed = false;
  // `mmhub events tail | head` closes the pipe: stop quietly
  o.out.once('error', () => {
    closed = true;
    stop();
  });
  try {
    if (o.signal.aborted) return { shown };
    for await (const result of stream) {
      const e = result.errors?.[0] as { message: string; extensions?: { code?: string } } | undefined;
      if (e) throw new Error(`the gateway at ${o.gateway} refused the events subscription (${e.extensions?.code ?? 'error'}): ${e.message}`);
      if (!result.data || closed) continue;
      shown++;
      await write(o.out, `${JSON.stringify(gatewayEventJson(result.data.events))}\n`).catch(() => undefined);
    }
  } catch (e) {
    if (o.signal.aborted || closed) return { shown };
    const reason = (e as Error).message ?? String(e);
    throw new Error(/refused the events/.test(reason) ? reason : `the events stream at ${o.gateway} ended: ${reason}`);
  } finally {
    o.signal.removeEventListener('abort', stop);
    client.dispose();
  }
  return { shown };
}

/** The node answering at a gateway (its /ready says), asked briefly; undefined when nothing answers. */
export async function gatewayNode(base: string): Promise<{ node: string; bus?: string } | undefined> {
  try {
    const res = await fetch(`${base}/ready`, { signal: AbortSignal.timeout(BROKER_CHECK_MS) });
    const body = (await res.json()) as { node?: unknown; bus?: unknown };
    return typeof body.node === 'string' ? { node: body.node, bus: typeof body.bus === 'string' ? body.bus : undefined } : undefined;
  } catch {
    return undefined;
  }
}
