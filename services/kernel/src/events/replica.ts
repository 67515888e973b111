import type { EntityData, EntityManager, EntityName } from '@mikro-orm/postgresql';

export interface Versioned {
  id: string;
  version: number;
}

export interface ReplicaState<E> {
  id: string;
  version: number;
  props: EntityData<E>;
}

/**
 * Writes replica rows from event-carried state: a row is created or replaced only by a newer
 * version, so duplicates and stale deliveries change nothing. One query loads the batch's rows.
 */
export async function upsertNewer<E extends Versioned>(
  em: EntityManager,
  entity: EntityName<E>,
  states: ReplicaState<E>[],
): Promise<{ applied: number; stale: number }> {
  if (!states.length) return { applied: 0, stale: 0 };
  const ids = [...new Set(states.map((s) => s.id))];
  const existing = await em.find(entity, { id: { $in: ids } } as never);
  const byId = new Map<string, E>(existing.map((e) => [e.id, e]));
  let applied = 0;
  let stale = 0;
  for (const s of states) {
    const current = byId.get(s.id);
    if (current && current.version >= s.version) {
      stale++;
      continue;
    }
    if (current) em.assign(current, s.props as never);
    else {
      const created = em.create(entity, s.props as never) as E;
      byId.set(s.id, created);
    }
    applied++;
  }
  await em.flush();
  return { applied, stale };
}
