import { stringify } from 'yaml';
import {
  MAX_EVENT_BYTES,
  NODES_TOPIC,
  NODE_HEARTBEAT_TYPE,
  TOPIC_MAX_MESSAGE_BYTES,
  eventTopicOf,
  schemaFileOf,
  type EventDefinition,
  type ServiceEvents,
} from '../../services/kernel/src/events/schemas';

const KAFKA = '0.5.0';
const DRAFT_07 = 'application/schema+json;version=draft-07';
/** Where the JSON Schemas are, relative to schema/asyncapi.yaml. */
const SCHEMA_DIR = './events';

const ref = ($ref: string) => ({ $ref });
const payload = (type: string) => ({ schemaFormat: DRAFT_07, schema: ref(`${SCHEMA_DIR}/${schemaFileOf(type)}`) });
const capitalised = (s: string) => s[0].toUpperCase() + s.slice(1);

const DESCRIPTION = `Every change to an initiative, campaign, calendar entry, media message, review, charter rule or key message,
at every node of the municipal sector, as a CloudEvents 1.0 event on Kafka.

- **One topic per service**: \`mmhub.initiatives.v1\`, \`mmhub.calendar.v1\`, \`mmhub.media.v1\`. Every node publishes its own
  changes there; \`ce_node\` (and \`ce_source\`, \`/nodes/<node>/<service>\`) says which node owns the aggregate.
- **Binary content mode**: the CloudEvents attributes are Kafka headers (\`ce_*\`), the record value is the event data as JSON.
- **At most ${MAX_EVENT_BYTES.toLocaleString('en')} bytes of data** (its JSON in UTF-8): a change whose event would be larger is refused with it
  (\`BAD_USER_INPUT\`), so every record, with its key and headers, fits the topics' \`max.message.bytes\` (${TOPIC_MAX_MESSAGE_BYTES.toLocaleString('en')}).
- **Key = aggregate id** (= \`ce_subject\`): one aggregate's events are on one partition, in order; \`ce_aggregateversion\`
  counts them from 1.
- **Event-carried state**: the data is \`{ state, change }\`, the aggregate's whole state after the change and what changed,
  so a report needs no history and can start at any point.
- **At least once**: a record may be delivered twice (a retry, a rebuild); drop repeats by \`ce_id\`, or keep the highest
  \`ce_aggregateversion\` per \`ce_subject\`.
- **Versions**: within a \`.v1\` type, fields may be added, never removed or changed in meaning; ignore fields you do not
  know. A breaking change is a new type (\`.v2\`).
- **Kept for ever** (\`retention.ms\` -1): a new consumer can read every topic from the beginning.
- **Time**: \`ce_time\` is when the change was made at its node (the time its command ran, its state's \`updatedAt\`); the Kafka record timestamp is when the node published it,
  later when Kafka was unreachable meanwhile (the outbox keeps events until then).

The JSON Schema of every type's data is in \`schema/events/<type>.json\`.`;

const CLOUD_EVENT_HEADERS = {
  type: 'object',
  description: 'CloudEvents 1.0 attributes in Kafka binary content mode; header values are UTF-8 strings.',
  required: ['ce_specversion', 'ce_id', 'ce_source', 'ce_type', 'ce_subject', 'ce_time', 'ce_node', 'ce_aggregateversion', 'content-type'],
  properties: {
    ce_specversion: { type: 'string', const: '1.0', description: 'The CloudEvents version.' },
    ce_id: { type: 'string', format: 'uuid', description: "The event's id (UUID v7): the same in every delivery of the event; drop repeats by it." },
    ce_source: {
      type: 'string',
      pattern: '^/nodes/[^/]+/(initiatives|calendar|media)$',
      description: '`/nodes/<node>/<service>`: where the event was recorded.',
    },
    ce_type: {
      type: 'string',
      pattern: '^mmhub\\.[a-z]+\\.[a-z]+\\.v[0-9]+$',
      description: '`mmhub.<aggregate>.<verb>.v1`: what happened; names the schema of the value.',
    },
    ce_subject: { type: 'string', description: 'The aggregate id (the node code for heartbeats); also the record key.' },
    ce_time: {
      type: 'string',
      format: 'date-time',
      description: "When the change was made at its node: the time its command ran, the state's `updatedAt` (ISO 8601, UTC).",
    },
    ce_node: { type: 'string', description: "Extension: the aggregate's owner node, e.g. `ministry`, `riyadh`." },
    ce_aggregateversion: {
      type: 'string',
      pattern: '^[1-9][0-9]*$',
      description: "Extension: the aggregate's version after the change (1, 2, ...), as a decimal string.",
    },
    'content-type': { type: 'string', const: 'application/json', description: 'The datacontenttype: the value is JSON.' },
    ce_dataschema: { type: 'string', description: 'Optional: the JSON Schema of the value.' },
    ce_traceparent: {
      type: 'string',
      pattern: '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$',
      description: 'Optional (CloudEvents distributed tracing extension): the W3C trace context of the change.',
    },
  },
};

const DEAD_LETTER_HEADERS = {
  type: 'object',
  description: "The original record's headers (its `ce_*` when it had them), and why it is here.",
  required: ['dlq_reason', 'dlq_consumer', 'dlq_topic', 'dlq_partition', 'dlq_offset', 'dlq_time'],
  properties: {
    dlq_reason: {
      type: 'string',
      maxLength: 2000,
      description: 'Why the record was not applied, e.g. `undecodable: missing CloudEvents headers: ce_id` or `not applied: ...`.',
    },
    dlq_consumer: {
      type: 'string',
      description:
        'The consumer that gave up on it: `<client id>.<node>.<service>.<consumer>`; its service reads in the Kafka consumer group `<client id>.<node>.<service>` (`….from-now` for consumers that start at the end).',
    },
    dlq_topic: { type: 'string', description: 'The topic it was read from.' },
    dlq_partition: { type: 'string', pattern: '^[0-9]+$', description: 'Its partition there.' },
    dlq_offset: { type: 'string', pattern: '^[0-9]+$', description: 'Its offset there.' },
    dlq_time: { type: 'string', format: 'date-time', description: 'When it was dead-lettered.' },
  },
};

const title = (e: EventDefinition) => `${capitalised(e.aggregate)} ${e.verb}`;

function eventMessage(e: EventDefinition) {
  return {
    name: e.type,
    title: title(e),
    summary: e.summary,
    contentType: 'application/json',
    headers: {
      allOf: [
        ref('#/components/schemas/CloudEventHeaders'),
        { type: 'object', properties: { ce_type: { type: 'string', const: e.type }, ce_subject: { type: 'string', format: 'uuid' } } },
      ],
    },
    payload: payload(e.type),
    bindings: {
      kafka: { key: { type: 'string', format: 'uuid', description: `The ${e.aggregate} id (= ce_subject).` }, bindingVersion: KAFKA },
    },
  };
}

function serviceChannels({ service, about, events }: ServiceEvents) {
  const topic = eventTopicOf(service);
  return {
    [service]: {
      address: topic,
      title: `${capitalised(service)} events`,
      description: `Changes to ${about}, at every node. Key: the aggregate id.`,
      servers: [ref('#/servers/kafka')],
      messages: Object.fromEntries(events.map((e) => [e.type, ref(`#/components/messages/${e.type}`)])),
      bindings: { kafka: { topic, topicConfiguration: { 'retention.ms': -1 }, bindingVersion: KAFKA } },
    },
    [`${service}DeadLetters`]: {
      address: `${topic}.dlq`,
      title: `${capitalised(service)} dead letters`,
      description: `Records of ${topic} a consumer could not decode or apply, unchanged, with the reason in \`dlq_*\` headers. Replay one by producing its value and \`ce_*\` headers back to ${topic}.`,
      servers: [ref('#/servers/kafka')],
      messages: { deadLetter: ref('#/components/messages/DeadLetter') },
      bindings: { kafka: { topic: `${topic}.dlq`, topicConfiguration: { 'retention.ms': -1 }, bindingVersion: KAFKA } },
    },
  };
}

function serviceOperations({ service, events }: ServiceEvents) {
  const channel = ref(`#/channels/${service}`);
  const messages = events.map((e) => ref(`#/channels/${service}/messages/${e.type}`));
  const Service = capitalised(service);
  const dead = ref(`#/channels/${service}DeadLetters`);
  const deadMessages = [ref(`#/channels/${service}DeadLetters/messages/deadLetter`)];
  return {
    [`publish${Service}Events`]: {
      action: 'send',
      channel,
      title: `Publish ${service} events`,
      summary: `Each node's ${service} service publishes the events of its outbox, in commit order, once committed.`,
      messages,
    },
    [`consume${Service}Events`]: {
      action: 'receive',
      channel,
      title: `Consume ${service} events`,
      summary: 'Other nodes replicate from here (the hub every node, a municipality the ministry); analysts read here with a consumer group of their own.',
      messages,
      bindings: {
        kafka: { groupId: { type: 'string', description: 'One group per application; a new group reads from the beginning.' }, bindingVersion: KAFKA },
      },
    },
    [`deadLetter${Service}Events`]: {
      action: 'send',
      channel: dead,
      title: `Dead-letter ${service} records`,
      summary: 'A consumer sends a record it cannot decode or apply here, and goes on.',
      messages: deadMessages,
    },
    [`inspect${Service}DeadLetters`]: {
      action: 'receive',
      channel: dead,
      title: `Inspect ${service} dead letters`,
      summary: 'Operators read the dead letters to fix and replay them.',
      messages: deadMessages,
    },
  };
}

/** The AsyncAPI 3.0 document of every topic, from the same services' events as the JSON Schemas. */
export function asyncApiDocument(services: readonly ServiceEvents[]): Record<string, unknown> {
  const channels = Object.assign({}, ...services.map(serviceChannels), {
    nodes: {
      address: NODES_TOPIC,
      title: 'Node heartbeats',
      description:
        "Each service of each node says periodically that it is alive, so the hub tells a quiet node from a silent one. Key: the node code. CloudEvents headers as on the event topics, with `ce_subject` the node code and `ce_aggregateversion` counting the service process's heartbeats from 1. Kept a week.",
      servers: [ref('#/servers/kafka')],
      messages: { heartbeat: ref('#/components/messages/NodeHeartbeat') },
      bindings: { kafka: { topic: NODES_TOPIC, topicConfiguration: { 'retention.ms': 7 * 86400_000 }, bindingVersion: KAFKA } },
    },
  });
  const operations = Object.assign({}, ...services.map(serviceOperations), {
    sendHeartbeats: {
      action: 'send',
      channel: ref('#/channels/nodes'),
      title: 'Send heartbeats',
      summary: 'Every service of every node says it is alive, periodically.',
      messages: [ref('#/channels/nodes/messages/heartbeat')],
    },
    receiveHeartbeats: {
      action: 'receive',
      channel: ref('#/channels/nodes'),
      title: 'Receive heartbeats',
      summary: "The hub follows each node's heartbeats for its freshness status.",
      messages: [ref('#/channels/nodes/messages/heartbeat')],
    },
  });
  return {
    asyncapi: '3.0.0',
    id: 'urn:mmhub:events',
    info: {
      title: 'mmhub event streams',
      version: '1.0.0',
      description: DESCRIPTION,
      tags: services.map((s) => ({ name: s.service })),
    },
    defaultContentType: 'application/json',
    servers: {
      kafka: {
        host: '{brokers}',
        protocol: 'kafka',
        protocolVersion: '3.9',
        title: 'The sector Kafka cluster',
        description: 'The brokers the nodes publish to, as in their MMHUB_KAFKA_BROKERS.',
        variables: { brokers: { default: '127.0.0.1:9092', description: 'host:port of a broker (MMHUB_KAFKA_BROKERS).' } },
      },
    },
    channels,
    operations,
    components: {
      schemas: { CloudEventHeaders: CLOUD_EVENT_HEADERS, DeadLetterHeaders: DEAD_LETTER_HEADERS },
      messages: {
        ...Object.fromEntries(services.flatMap((s) => s.events).map((e) => [e.type, eventMessage(e)])),
        DeadLetter: {
          name: 'DeadLetter',
          title: 'Dead letter',
          summary: 'A record a consumer gave up on: its key, value and headers as they were, and why.',
          headers: ref('#/components/schemas/DeadLetterHeaders'),
          payload: { description: 'The original value, byte for byte; it may not be JSON, which may be why it is here.' },
          bindings: { kafka: { key: { type: 'string', description: 'The original key (empty when it had none).' }, bindingVersion: KAFKA } },
        },
        NodeHeartbeat: {
          name: NODE_HEARTBEAT_TYPE,
          title: 'Node heartbeat',
          summary: "A node's service is alive, with the node's role.",
          contentType: 'application/json',
          headers: {
            allOf: [ref('#/components/schemas/CloudEventHeaders'), { type: 'object', properties: { ce_type: { type: 'string', const: NODE_HEARTBEAT_TYPE } } }],
          },
          payload: payload(NODE_HEARTBEAT_TYPE),
          bindings: { kafka: { key: { type: 'string', description: 'The node code (= ce_subject).' }, bindingVersion: KAFKA } },
        },
      },
    },
  };
}

export const ASYNCAPI_HEADER =
  '# Generated by `npm run events:schemas` from the events each service declares beside its aggregates (services/*/src/**/*.events.ts); edit there, not here.\n';

// no anchors for objects written twice, no folding of long lines: a reader diffs the document line by line
export const asyncApiYaml = (services: readonly ServiceEvents[]): string =>
  `${ASYNCAPI_HEADER}${stringify(asyncApiDocument(services), { aliasDuplicateObjects: false, lineWidth: 0, blockQuote: 'literal' })}`;
