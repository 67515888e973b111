import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { newId } from '../domain/ids';
import { sourceOf, topicOf } from './cloudevent';
import { traceparentForOutbox } from '../observability/trace-context';
import { validateEvent } from './schemas/validate';
import { MAX_EVENT_BYTES } from './schemas/catalog';
import { DomainError } from '../domain/errors';
import { figure } from '../domain/wording';

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

/** A change whose event is over `MAX_EVENT_BYTES`: refused with it, so nothing is recorded that the relay cannot publish. */
function eventTooLarge(type: string, bytes: number): DomainError {
  const size = (lang: 'en' | 'ar', n: number) => `${figure(Math.ceil(n / 1000), lang)} ${lang === 'en' ? 'kB' : 'كيلوبايت'}`;
  return new DomainError(
    'BAD_USER_INPUT',
    {
      en: `This change is too large to record: its event would take ${size('en', bytes)}, and an event may take at most ${size('en', MAX_EVENT_BYTES)}. Shorten its texts or links.`,
      ar: `هذا التغيير أكبر من أن يُسجَّل: يبلغ حدثه ${size('ar', bytes)}، والحد الأقصى للحدث ${size('ar', MAX_EVENT_BYTES)}. اختصر نصوصه أو روابطه.`,
    },
    { eventType: type, eventBytes: bytes, maxEventBytes: MAX_EVENT_BYTES },
  );
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
  const json = JSON.stringify(e.data);
  // a UTF-16 unit is at most three UTF-8 bytes: only a text that may be over the limit is measured
  if (json.length > MAX_EVENT_BYTES / 3) {
    const bytes = Buffer.byteLength(json);
    if (bytes > MAX_EVENT_BYTES) throw eventTooLarge(e.type, bytes);
  }
  const errors = validateEvent(e.type, JSON.parse(json));
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
