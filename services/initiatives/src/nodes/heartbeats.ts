import type { EntityManager } from '@mikro-orm/postgresql';
import { MINISTRY } from '../../../kernel/src/domain';
import { NODES_TOPIC, nodeHeartbeatEvent, type ReceivedOf } from '../../../kernel/src/events/schemas';
import type { ConsumerDefinition } from '../../../kernel/src/service';

/** Keeps the newest heartbeat of each node's services: one statement per batch. */
async function applyHeartbeats(em: EntityManager, events: ReceivedOf<typeof nodeHeartbeatEvent>[]): Promise<void> {
  const beats = events.map((e) => e.data);
  if (!beats.length) return;
  await em.getConnection().execute(
    `insert into "initiatives"."node_heartbeat" ("node", "service", "role", "last_heartbeat_at")
       select b.node, b.service, b.role, max(b.time) from jsonb_to_recordset(?::jsonb) as b(node text, service text, role text, time timestamptz)
       group by b.node, b.service, b.role
     on conflict ("node", "service") do update set
       "role" = excluded."role",
       "last_heartbeat_at" = greatest("node_heartbeat"."last_heartbeat_at", excluded."last_heartbeat_at")`,
    [JSON.stringify(beats)],
    'run',
    em.getTransactionContext(),
  );
}

/** The hub hears every node; a municipality hears the ministry (and itself). */
export const heartbeatConsumer: ConsumerDefinition<typeof nodeHeartbeatEvent> = {
  name: 'heartbeats',
  topics: [NODES_TOPIC],
  events: [nodeHeartbeatEvent],
  fromBeginning: false,
  accept: (e, config) => config.role === 'hub' || e.node === MINISTRY || e.node === config.node,
  apply: applyHeartbeats,
};
