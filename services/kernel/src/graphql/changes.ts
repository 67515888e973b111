import type { EntityManager } from '@mikro-orm/postgresql';
import { readJournal, type JournalEvent, type JournalFilter } from '../events/journal';
import type { RequestContext } from './context';

/** How long a change waits for the service's own copy to reach the event's version. */
const CATCH_UP_MS = 5000;
const CATCH_UP_STEP_MS = 50;

export interface ChangesOptions<T> {
  filter: JournalFilter;
  /** Which of the filtered events count as a change for this subscription. */
  when?: (e: JournalEvent) => boolean;
  /** The aggregate as the service holds it now, read without any cache. */
  load: (em: EntityManager, id: string) => Promise<T | null>;
  /** Forgets what the context's loaders hold: one context serves every change of a subscription. */
  forget?: () => void;
}

/**
 * Each aggregate as it is after every change taken in from now on: what a frontend's typed
 * subscription delivers. A copy may come a moment after its change (applied on its own after its
 * batch failed for the service, or by another group when the journal takes events from now only), so a
 * change whose copy is behind waits briefly for it. When the journal and the copies are applied
 * together, an aggregate this service does not hold is skipped at once: waiting for it held every
 * later change back by the whole wait.
 */
export async function* followChanges<T extends { version: number }>(ctx: RequestContext, o: ChangesOptions<T>): AsyncGenerator<T> {
  const events = readJournal({ em: ctx.em, schema: ctx.origin.service, bell: ctx.journal, filter: o.filter, start: 'now', signal: ctx.signal });
  for await (const e of events) {
    if (o.when && !o.when(e)) continue;
    const deadline = Date.now() + CATCH_UP_MS;
    let found = await o.load(ctx.em.fork(), e.subject);
    while ((found ? found.version < e.aggregateVersion : !ctx.journalWithCopies) && Date.now() < deadline && !ctx.signal.aborted) {
      await new Promise((resolve) => setTimeout(resolve, CATCH_UP_STEP_MS));
      found = await o.load(ctx.em.fork(), e.subject);
    }
    if (!found) continue;
    ctx.em.clear();
    o.forget?.();
    yield found;
  }
}
