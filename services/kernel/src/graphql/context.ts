import type { EntityManager } from '@mikro-orm/postgresql';
import type { Caller } from '../auth/caller';
import type { Clock } from '../domain/time';
import type { Logger } from '../observability/logger';
import type { EventOrigin } from '../events/outbox';
import type { JournalBell } from '../events/journal';

/** What every resolver receives: its own unit of work, the verified caller, and this node. */
export interface RequestContext {
  em: EntityManager;
  caller: Caller | null;
  origin: EventOrigin;
  role: 'hub' | 'municipality';
  /** A node not heard from for this long is STALE. */
  nodeStaleAfterSeconds: number;
  clock: Clock;
  log: Logger;
  /** Whether the journal is applied in the same transaction as the service's copies (else a copy may come a moment after its change). */
  journalWithCopies: boolean;
  /** Rung when this process adds to the service's journal. */
  journal: JournalBell;
  /** Aborted when the client of a subscription goes away. */
  signal: AbortSignal;
  /** Runs `work` in one transaction (state and outbox rows together), then wakes the relay. */
  transact<T>(work: (em: EntityManager) => Promise<T>): Promise<T>;
}
