import { newId } from '../domain/ids';
import type { EventBus } from '../events/bus';
import { sourceOf, toRecord } from '../events/cloudevent';
import type { Logger } from '../observability/logger';

export const NODES_TOPIC = 'mmhub.nodes.v1';
/** The type of the records each service of a node sends on NODES_TOPIC; its schema is in events/schemas/nodes.ts. */
export const NODE_HEARTBEAT_TYPE = 'mmhub.node.heartbeat.v1';

export interface Heartbeat {
  node: string;
  role: 'hub' | 'municipality';
  service: string;
  time: string;
}

/** Says every `intervalMs` that this node's service is alive, on `mmhub.nodes.v1`; returns a stop. */
export function startHeartbeats(bus: EventBus, beat: Omit<Heartbeat, 'time'>, intervalMs: number, log: Logger): () => Promise<void> {
  let sequence = 0;
  const send = async () => {
    const time = new Date().toISOString();
    const data: Heartbeat = { ...beat, time };
    try {
      await bus.publish([
        toRecord(NODES_TOPIC, {
          id: newId(),
          source: sourceOf(beat.node, beat.service),
          type: NODE_HEARTBEAT_TYPE,
          subject: beat.node,
          time,
          node: beat.node,
          aggregateVersion: ++sequence,
          data,
        }),
      ]);
    } catch (e) {
      log.debug({ err: (e as Error).message }, 'heartbeat not sent');
    }
  };
  void send();
  // send logs its own failure
  const timer = setInterval(() => void send(), intervalMs);
  timer.unref();
  return async () => clearInterval(timer);
}
