#!/usr/bin/env node
'use strict';
/*
 * Reads the mmhub event streams with kafkajs alone, no mmhub code, in a consumer group:
 * prints one line per event and keeps a small report (initiatives per node and status) built
 * from the state every event carries. Ctrl-C prints the report and leaves the group; the next
 * run of the same group goes on where this one stopped.
 *
 *   MMHUB_KAFKA_BROKERS=127.0.0.1:9092 GROUP_ID=my-report node examples/kafka-consumer/consume.js
 */
const { Kafka, logLevel } = require('kafkajs');

const brokers = (process.env.MMHUB_KAFKA_BROKERS || '127.0.0.1:9092').split(',');
const groupId = process.env.GROUP_ID || 'mmhub-example-report';
const topics = ['mmhub.initiatives.v1', 'mmhub.calendar.v1', 'mmhub.media.v1'];

const kafka = new Kafka({ clientId: groupId, brokers, logLevel: logLevel.WARN });
const consumer = kafka.consumer({ groupId });

/** CloudEvents attributes travel as Kafka headers: ce_id, ce_type, ce_subject, ce_node, ce_time, ce_aggregateversion... */
const header = (message, name) => (message.headers && message.headers[name] ? message.headers[name].toString() : undefined);

/** The newest version seen per aggregate: delivery is at least once, so a repeat (or an older event) is dropped. */
const versions = new Map();
/** The report: each initiative's node and status, from the state its latest event carries. */
const initiatives = new Map();
let events = 0;

function handle(topic, message) {
  const type = header(message, 'ce_type');
  if (!type) return; // not an event
  const subject = header(message, 'ce_subject');
  const version = Number(header(message, 'ce_aggregateversion'));
  if ((versions.get(subject) || 0) >= version) return;
  let data;
  try {
    data = JSON.parse(message.value.toString());
  } catch {
    console.error(`skipped ${topic} offset ${message.offset}: the value is not JSON`);
    return;
  }
  versions.set(subject, version);
  events++;
  const state = data.state || {};
  if (type.startsWith('mmhub.initiative.')) initiatives.set(subject, { node: state.node, status: state.status });
  console.log(
    [
      header(message, 'ce_time'),
      header(message, 'ce_node'),
      type,
      subject,
      `v${version}`,
      state.status || '',
      state.titleAr || state.bodyAr || state.nameAr || '',
    ].join('\t'),
  );
}

function report() {
  const table = new Map();
  for (const { node, status } of initiatives.values()) {
    const row = table.get(node) || {};
    row[status] = (row[status] || 0) + 1;
    table.set(node, row);
  }
  console.error(`\n${events} events read. Initiatives per node and status:`);
  for (const [node, row] of [...table].sort())
    console.error(
      `  ${node}: ${Object.entries(row)
        .map(([s, n]) => `${s} ${n}`)
        .join(', ')}`,
    );
}

async function main() {
  await consumer.connect();
  // a new group starts at the beginning (the topics keep every event); a known group where it stopped
  await consumer.subscribe({ topics, fromBeginning: true });
  await consumer.run({ eachMessage: async ({ topic, message }) => handle(topic, message) });
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    await consumer.disconnect();
    report();
    process.exit(0);
  });
}

main().catch((e) => {
  console.error(`consume.js: ${e.message}`);
  process.exit(1);
});
