/** The EventBus port and its Kafka and in-memory adapters, CloudEvents, the outbox, consumers, replicas and the journal. */
export type { EventBus, ReceivedRecord } from './bus';
export { eventType, fromRecord, sourceOf, toRecord, topicOf, type CloudEvent, type EventEnvelope } from './cloudevent';
export { EventConsumer } from './consumer';
export { EventIntake } from './intake';
export { cursorOf, journalConsumer, readJournal, requireKept, seqOfCursor, type JournalEvent, type JournalFilter, type JournalStart } from './journal';
export { headersOf, KafkaBus, receivedRecord } from './kafka-bus';
export { MemoryBus } from './memory-bus';
export { InvalidEventError, recordEvent, recordedEvents, OutboxEntry, type DomainEvent } from './outbox';
export { OutboxRelay, recordOfOutboxRow } from './relay';
export { upsertNewer } from './replica';
export { PacedOffsetCommits, type PartitionOffset } from './offset-commits';
export { pruneStatements } from './retention';
export { MAX_EVENT_BYTES } from './schemas/catalog';
