import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { newId } from '../domain/ids';
import { sourceOf, topicOf } from './cloudevent';
import { traceparentForOutbox } from '../observability/trace-context';
import { validateEvent } from './schemas/validate';

/** An event its own schema refuses: a bug in the service that recorded it, never data to publish. */
export class InvalidEventError extends Error {
  constructor(
    readonly type: string,
    readonly errors: string[],
  ) {
    super(`the ${type} event does not match its schema: ${errors.join('; ')}`);
    this.name = 'InvalidEventError';
  }
}

/** An event waiting to be published; written in the same transaction as the change it describes. */
@Entity({ tableName: 'outbox' })
export class OutboxEntry {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'text' }) topic!: string;
  @Property({ type: 'text' }) type!: string;
  @Property({ type: 'text' }) source!: string;
  @Property({ type: 'text' }) subject!: string;
  @Property({ type: 'text' }) node!: string;
  @Property({ type: 'integer' }) aggregateVersion!: number;
  @Property({ type: 'timestamptz' }) time!: Date;
  @Property({ type: 'json' }) data!: object;
  @Property({ type: 'timestamptz', nullable: true }) sentAt?: Date;
  /** The W3C trace context of the change, so the nodes that apply the event join its trace. */
  @Property({ type: 'text', nullable: true }) traceparent?: string;
}

/** What a service says happened: the aggregate, its new version and its state after the change. */
export interface DomainEvent<D extends object = object> {
  type: string;
  subject: string;
  aggregateVersion: number;
  data: D;
}

export interface EventOrigin {
  node: string;
  service: string;
}

/** Units of work that recorded events: a consumer that did wakes the relay once its batch commits. */
const recording = new WeakSet<EntityManager>();

/** Whether `em` recorded an event (in the outbox, to be published once it commits). */
export function recordedEvents(em: EntityManager): boolean {
  return recording.has(em);
}

/** Adds the event to the unit of work; it commits with the state change or not at all. */
export function recordEvent(em: EntityManager, origin: EventOrigin, e: DomainEvent, now = new Date()): OutboxEntry {
  // checked as consumers will read it: in its JSON form; throwing here rolls the change back
  const errors = validateEvent(e.type, JSON.parse(JSON.stringify(e.data)));
  if (errors.length) throw new InvalidEventError(e.type, errors);
  const traceparent = traceparentForOutbox(origin.service);
  const entry = em.create(OutboxEntry, {
    id: newId(),
    topic: topicOf(origin.service),
    type: e.type,
    source: sourceOf(origin.node, origin.service),
    subject: e.subject,
    node: origin.node,
    aggregateVersion: e.aggregateVersion,
    time: now,
    data: e.data,
    // absent, not null, when not tracing: the insert then names no traceparent column
    ...(traceparent ? { traceparent } : {}),
  });
  em.persist(entry);
  recording.add(em);
  return entry;
}

/** The channel an outbox's insert trigger notifies once its transaction commits. */
export const outboxChannel = (schema: string): string => `mmhub_outbox_${schema}`;
