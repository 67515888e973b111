import { Kafka, logLevel } from 'kafkajs';
import { Axis, newId } from '../../services/kernel/src/domain';
import { toRecord, topicOf, type CloudEvent } from '../../services/kernel/src/events';
import { proposeInitiative } from '../../services/initiatives/src/initiative/initiative';
import { mediaService } from '../../services/media/src/service';
import { kafkaBrokers, startTestService, uniqueSuffix, type GraphQLResult, type TestNode } from '../support/node';

export const MESSAGE_FIELDS =
  'id node status version bodyAr bodyEn campaignId initiativeId keyMessageId origin authors variants { channel text hashtags length limit lengthAr lengthEn publishedText } history { from to by byNode comment }';

/** riyadh's media service alone, with its editor's and reviewer's tokens. */
export async function startRiyadhMedia(): Promise<{ riyadh: TestNode; editor: string; reviewer: string }> {
  const riyadh = await startTestService(mediaService, { node: 'riyadh' });
  return { riyadh, editor: await riyadh.token(['editor'], 'riyadh', 'riyadh-editor'), reviewer: await riyadh.token(['reviewer'], 'riyadh', 'riyadh-reviewer') };
}

/** The data of a GraphQL answer, or a failure that shows the errors. */
export function dataOf<T = Record<string, any>>(r: GraphQLResult<T>): T {
  if (r.errors?.length || !r.data) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors, null, 2)}`);
  return r.data;
}

/** The first error's code and both messages. */
export function errorOf(r: GraphQLResult): { code: string; message: string; messageAr: string; extensions: Record<string, any> } {
  const e = r.errors?.[0];
  if (!e) throw new Error(`expected an error, got ${JSON.stringify(r.data)}`);
  return { code: String(e.extensions?.code), message: e.message, messageAr: String(e.extensions?.messageAr ?? ''), extensions: e.extensions ?? {} };
}

export const draft = (n: TestNode, token: string, input: Record<string, unknown>) =>
  n.graphql(`mutation($input: DraftMessageInput!) { draftMessage(input: $input) { ${MESSAGE_FIELDS} } }`, { input }, token);

export const simpleDraft = (extra: Record<string, unknown> = {}) => ({
  bodyAr: 'أمانة منطقة الرياض تطلق خدمة رخص البناء الإلكترونية',
  bodyEn: 'Riyadh launches online building permits',
  variants: [{ channel: 'X', text: 'خدمة رخص البناء الإلكترونية متاحة الآن', hashtags: ['الرياض'] }],
  ...extra,
});

export const mutations = {
  submit: (n: TestNode, t: string, id: string, version: number) =>
    n.graphql(`mutation($id: ID!, $v: Int!) { submitMessage(id: $id, version: $v) { ${MESSAGE_FIELDS} } }`, { id, v: version }, t),
  approve: (n: TestNode, t: string, id: string, version: number) =>
    n.graphql(
      `mutation($id: ID!, $v: Int!) { reviewMessage(id: $id, version: $v, decision: APPROVE) { id decision remote message { ${MESSAGE_FIELDS} } } }`,
      { id, v: version },
      t,
    ),
  requestChanges: (n: TestNode, t: string, id: string, version: number) =>
    n.graphql(
      `mutation($id: ID!, $v: Int!) { reviewMessage(id: $id, version: $v, decision: REQUEST_CHANGES, comment: "أضف رابط الخدمة") { id decision message { ${MESSAGE_FIELDS} } } }`,
      { id, v: version },
      t,
    ),
  schedule: (n: TestNode, t: string, id: string, version: number, at = new Date(Date.now() + 86400_000).toISOString()) =>
    n.graphql(
      `mutation($id: ID!, $v: Int!, $at: DateTime!) { scheduleMessage(id: $id, version: $v, publishAt: $at) { ${MESSAGE_FIELDS} } }`,
      { id, v: version, at },
      t,
    ),
  publish: (n: TestNode, t: string, id: string, version: number) =>
    n.graphql(`mutation($id: ID!, $v: Int!) { publishMessage(id: $id, version: $v) { ${MESSAGE_FIELDS} } }`, { id, v: version }, t),
  archive: (n: TestNode, t: string, id: string, version: number) =>
    n.graphql(`mutation($id: ID!, $v: Int!) { archiveMessage(id: $id, version: $v, reason: "انتهت الحملة") { ${MESSAGE_FIELDS} } }`, { id, v: version }, t),
  edit: (n: TestNode, t: string, id: string, version: number, input: Record<string, unknown> = { bodyEn: 'Edited' }) =>
    n.graphql(
      `mutation($id: ID!, $v: Int!, $input: EditMessageInput!) { editMessage(id: $id, version: $v, input: $input) { ${MESSAGE_FIELDS} } }`,
      { id, v: version, input },
      t,
    ),
};

/** The message after a mutation, wherever the mutation put it. */
export function messageIn(data: Record<string, any>): { id: string; status: string; version: number; [k: string]: any } {
  const v = Object.values(data)[0];
  return v.message ?? v;
}

/** Rows this node wrote (replicas of other nodes' rows arrive from the shared broker at any time) and its outbox. */
export async function counts(n: TestNode): Promise<{ messages: number; reviews: number; outbox: number }> {
  const [r] = await n.sql<{ messages: number; reviews: number; outbox: number }>(
    `select (select count(*)::int from media.media_message where node = $1) as messages,
            (select count(*)::int from media.review where node = $1) as reviews,
            (select count(*)::int from media.outbox) as outbox`,
    [n.node],
  );
  return r;
}

/** Produces events straight onto a service's topic, as the relay of the node they name would. */
export async function produce(service: 'initiatives' | 'calendar' | 'media', events: Array<Omit<CloudEvent, 'id' | 'source' | 'time'>>): Promise<void> {
  const kafka = new Kafka({ clientId: 'test-producer', brokers: kafkaBrokers().split(','), logLevel: logLevel.NOTHING });
  const producer = kafka.producer();
  await producer.connect();
  try {
    const topic = topicOf(service);
    const records = events.map((e) => toRecord(topic, { ...e, id: newId(), source: `/nodes/${e.node}/${service}`, time: new Date().toISOString() }));
    await producer.send({ topic, messages: records.map((r) => ({ key: r.key, value: r.value, headers: r.headers })) });
  } finally {
    await producer.disconnect();
  }
}

/** A campaign as the calendar service states it (the fields this service reads). */
export function campaignEvent(node: string, title: string, version = 1, id = newId()) {
  return {
    id,
    event: {
      type: 'mmhub.campaign.updated.v1',
      subject: id,
      node,
      aggregateVersion: version,
      data: {
        state: {
          id,
          node,
          version,
          titleAr: title,
          titleEn: null,
          descriptionAr: null,
          descriptionEn: null,
          axis: 'HEALTH_AWARENESS',
          audiences: ['RESIDENTS'],
          channels: ['X'],
          startsAt: '2026-12-01T00:00:00.000Z',
          endsAt: '2026-12-15T00:00:00.000Z',
          initiativeIds: [],
          status: 'SCHEDULED',
          sequence: 0,
          createdBy: `${node}-editor`,
          createdAt: '2026-11-01T00:00:00.000Z',
          updatedAt: '2026-11-01T00:00:00.000Z',
        },
        change: {},
      },
    },
  };
}

/** An initiative as the initiatives service states it when proposed. */
export function initiativeEvent(node: string, title: string) {
  const e = proposeInitiative(
    { code: `MSG-${uniqueSuffix().toUpperCase()}`, titleAr: title, axis: Axis.E_SERVICES, plannedStart: '2026-01-01', plannedEnd: '2027-12-31' },
    null,
    { id: newId(), node, by: `${node}-editor`, now: new Date() },
  );
  return { id: e.subject, event: { type: e.type, subject: e.subject, node, aggregateVersion: e.aggregateVersion, data: e.data } };
}
