import type { EntityManager } from '@mikro-orm/postgresql';
import { MINISTRY, NODES_TOPIC, HEARTBEAT_TYPE, type CloudEvent, type ConsumerDefinition, type Heartbeat } from '../../../kernel/src';

/** Keeps the newest heartbeat of each node's services: one statement per batch. */
async function applyHeartbeats(em: EntityManager, events: CloudEvent[]): Promise<void> {
  const beats = events.filter((e) => e.type === HEARTBEAT_TYPE).map((e) => e.data as Heartbeat);
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
export const heartbeatConsumer: ConsumerDefinition = {
  name: 'heartbeats',
  topics: [NODES_TOPIC],
  fromBeginning: false,
  accept: (e, config) => config.role === 'hub' || e.node === MINISTRY || e.node === config.node,
  apply: applyHeartbeats,
};
