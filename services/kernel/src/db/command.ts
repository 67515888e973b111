import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import type { EntityClass } from '@mikro-orm/core';
import { authorize, requireRoleFor, type Action } from '../auth/permissions';
import { requireOwnedHere, type Caller } from '../auth/caller';
import { expectVersion, type Acting, type Actor } from '../domain/acting';
import { notFound } from '../domain/errors';
import { newId, validId } from '../domain/ids';
import { recordEvent, type DomainEvent } from '../events/outbox';
import type { RequestContext } from '../graphql/context';

/** An aggregate as commands see it: its table, and its state read from and written to a row. */
export interface Aggregate<R extends object, S extends { id: string; node: string; version: number }> {
  /** Its name in refusals: NOT_FOUND and CONFLICT say "No charter rule…", "The charter rule was changed…". */
  name: string;
  entity: EntityClass<R>;
  state(row: R): S;
  row(state: S): R;
}

/** What a decision says happened to an aggregate: its state after the change. */
export type AggregateEvent<S> = DomainEvent<{ state: S }>;

/** An event of another aggregate than the command's own, written with it (a review with its message). */
export interface Effect {
  aggregate: Aggregate<any, any>;
  event: AggregateEvent<any>;
}

/** A decision's outcome: one event of the command's aggregate, or several events in the order they happened. */
export type Decision<S> = AggregateEvent<S> | ReadonlyArray<AggregateEvent<S> | Effect>;

/** The unit of work a command runs in; whatever it writes commits with the events or not at all. */
export interface CommandWork {
  em: EntityManager;
  actor: Actor;
  /** Writes the event's state to its aggregate (to `row`, or to a new row) and adds the event to the outbox. */
  write<R extends object, S extends { id: string; node: string; version: number }>(aggregate: Aggregate<R, S>, event: AggregateEvent<S>, row?: R): R;
}

export type CommandContext = Pick<RequestContext, 'caller' | 'origin' | 'clock' | 'transact'>;

interface Decided<R extends object, S extends { id: string; node: string; version: number }, T> {
  /** Refusals only the database can tell (a code already taken, a link not known here), on the new state, before anything is written. */
  verify?: (em: EntityManager, state: S) => Promise<void>;
  /** What else the command writes or reads once the events are written, and what it returns (the row, when absent). */
  then?: (work: CommandWork, done: { row: R; written: object[] }) => Promise<T> | T;
}

export interface Creation<R extends object, S extends { id: string; node: string; version: number }, I, T> extends Decided<R, S, T> {
  action: Action;
  aggregate: Aggregate<R, S>;
  /** The node that owns what is created: this node unless said (the national occasions are the ministry's). */
  owner?: string;
  /** What the decision needs besides the input: other aggregates, read in the transaction. */
  read?: (em: EntityManager, caller: Caller) => Promise<I>;
  /** The pure decision: the aggregate's events, or a typed refusal thrown. */
  decide(acting: Acting, read: I): Decision<S>;
}

export interface Change<R extends object, S extends { id: string; node: string; version: number }, I, T> extends Decided<R, S, T> {
  action: Action;
  aggregate: Aggregate<R, S>;
  id: string;
  /** The version the caller last read; CONFLICT when it moved since. Null: not checked. */
  version: number | null | undefined;
  /** Authorised at this node before anything is read: for aggregates only one node writes (the charter, key messages). */
  authorizeHere?: boolean;
  /** When false, `read` decides whether this node may change a copy it does not own (the ministry reviewing a national message). */
  ownedHere?: boolean;
  read?: (em: EntityManager, state: S, caller: Caller) => Promise<I>;
  decide(state: S, read: I, actor: Actor): Decision<S>;
}

/** Creates an aggregate: authorise at this node, read, decide, then the rows and their events in one transaction. */
export async function createAggregate<R extends object, S extends { id: string; node: string; version: number }, I = undefined, T = R>(
  ctx: CommandContext,
  cmd: Creation<R, S, I, T>,
): Promise<T> {
  const here = ctx.origin.node;
  const owner = cmd.owner ?? here;
  requireRoleFor(ctx.caller, cmd.action);
  requireOwnedHere(owner, here);
  const caller = authorize(ctx.caller, cmd.action, owner, here);
  return ctx.transact(async (em) => {
    const now = ctx.clock.now();
    const read = cmd.read ? await cmd.read(em, caller) : (undefined as I);
    const outcome = cmd.decide({ id: newId(), node: owner, by: caller.sub, now }, read);
    return commit(ctx, em, { by: caller.sub, node: caller.node, now }, cmd, outcome, null);
  });
}

/**
 * Changes an aggregate: lock its row, check it is owned here and that the caller may change it,
 * check the expected version, decide, then the row and its events in one transaction.
 */
export async function changeAggregate<R extends object, S extends { id: string; node: string; version: number }, I = undefined, T = R>(
  ctx: CommandContext,
  cmd: Change<R, S, I, T>,
): Promise<T> {
  const here = ctx.origin.node;
  const early = cmd.authorizeHere ? authorize(ctx.caller, cmd.action, here, here) : requireRoleFor(ctx.caller, cmd.action);
  return ctx.transact(async (em) => {
    const row = await em.findOne(cmd.aggregate.entity, { id: validId('id', cmd.id) } as never, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!row) throw notFound(cmd.aggregate.name, cmd.id);
    const state = cmd.aggregate.state(row);
    if (cmd.ownedHere !== false) requireOwnedHere(state.node, here);
    const caller = cmd.authorizeHere ? early : authorize(ctx.caller, cmd.action, state.node, here);
    expectVersion(cmd.aggregate.name, state, cmd.version);
    const read = cmd.read ? await cmd.read(em, state, caller) : (undefined as I);
    const actor = { by: caller.sub, node: caller.node, now: ctx.clock.now() };
    return commit(ctx, em, actor, cmd, cmd.decide(state, read, actor), { row, id: state.id });
  });
}

async function commit<R extends object, S extends { id: string; node: string; version: number }, T>(
  ctx: CommandContext,
  em: EntityManager,
  actor: Actor,
  cmd: Decided<R, S, T> & { aggregate: Aggregate<R, S> },
  outcome: Decision<S>,
  loaded: { row: R; id: string } | null,
): Promise<T> {
  const effects: Effect[] = (Array.isArray(outcome) ? outcome : [outcome]).map((e: AggregateEvent<S> | Effect) =>
    'aggregate' in e ? e : { aggregate: cmd.aggregate, event: e },
  );
  if (cmd.verify) {
    for (const { aggregate, event } of effects) if (aggregate === cmd.aggregate) await cmd.verify(em, event.data.state as S);
  }
  function write<W extends object, V extends { id: string; node: string; version: number }>(aggregate: Aggregate<W, V>, event: AggregateEvent<V>, row?: W): W {
    const data = aggregate.row(event.data.state);
    const written = row ? em.assign(row, data as never) : em.create(aggregate.entity, data as never);
    recordEvent(em, ctx.origin, event, actor.now);
    return written as W;
  }
  const written = effects.map(({ aggregate, event }) =>
    write(aggregate, event, loaded && aggregate === cmd.aggregate && event.subject === loaded.id ? loaded.row : undefined),
  );
  const row = loaded?.row ?? (written[0] as R);
  return cmd.then ? cmd.then({ em, actor, write }, { row, written }) : (row as unknown as T);
}
