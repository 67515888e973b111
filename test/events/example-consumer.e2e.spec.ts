import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { Axis, newId } from '../../services/kernel/src/domain';
import { sourceOf, toRecord, topicOf } from '../../services/kernel/src/events';
import { proposeInitiative } from '../../services/initiatives/src/initiative/initiative';
import { eventually, kafkaBrokers, uniqueSuffix } from '../support/node';
import { signalGroup, spawnInGroup } from '../support/process';

const SCRIPT = path.resolve(__dirname, '../../examples/kafka-consumer/consume.js');
let child: ChildProcess | undefined;

afterEach(async () => {
  if (child && child.exitCode === null) {
    const exited = once(child, 'exit');
    signalGroup(child);
    await exited;
  }
});

describe('examples/kafka-consumer', () => {
  it('reads an event with kafkajs alone, in a consumer group, and reports on Ctrl-C', async () => {
    const node = `example-${uniqueSuffix()}`;
    const { data, subject, aggregateVersion, type } = proposeInitiative(
      { code: 'EX-1', titleAr: 'مبادرة المثال', axis: Axis.OVERSIGHT, plannedStart: '2026-01-01', plannedEnd: '2026-06-30' },
      null,
      { id: newId(), node, by: `${node}-editor`, now: new Date() },
    );
    const record = toRecord(topicOf('initiatives'), {
      id: newId(),
      source: sourceOf(node, 'initiatives'),
      type,
      subject,
      time: new Date().toISOString(),
      node,
      aggregateVersion,
      data,
    });
    const producer = new Kafka({ clientId: 'test-example', brokers: kafkaBrokers().split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    // twice: the example drops the repeat
    await producer.send({ topic: record.topic, messages: [record, record].map((r) => ({ key: r.key, value: r.value, headers: r.headers })) });
    await producer.disconnect();

    let out = '';
    let err = '';
    child = spawnInGroup(process.execPath, [SCRIPT], {
      env: { ...process.env, MMHUB_KAFKA_BROKERS: kafkaBrokers(), GROUP_ID: `test-example-${uniqueSuffix()}` },
    });
    child.stdout!.on('data', (c) => (out += c));
    child.stderr!.on('data', (c) => (err += c));
    // a new group reads every topic from the beginning: on a long-lived broker that is a backlog
    const line = await eventually(async () => out.split('\n').find((l) => l.includes(subject)), 60000, 'the event in the example output');
    expect(line.split('\t')).toEqual([expect.any(String), node, 'mmhub.initiative.proposed.v1', subject, 'v1', 'PROPOSED', 'مبادرة المثال']);

    child.kill('SIGINT');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(out.split('\n').filter((l) => l.includes(subject))).toHaveLength(1);
    expect(err).toMatch(new RegExp(`Initiatives per node and status:[\\s\\S]*${node}: PROPOSED 1`));
  }, 90_000);
});
