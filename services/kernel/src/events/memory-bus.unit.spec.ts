import { MemoryBus } from './memory-bus';
import { PortBus, PortBusServer } from './port-bus';
import type { ReceivedRecord } from './bus';

const TOPIC = 'mmhub.initiatives.v1';
const record = (value: string) => ({ topic: TOPIC, key: 'k', headers: {}, value });

/** A group whose batches wait for `release`; `started` resolves as its first batch begins. */
function slowGroup() {
  const applied: string[] = [];
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let entered!: () => void;
  const started = new Promise<void>((r) => (entered = r));
  const onBatch = async (records: ReceivedRecord[]) => {
    entered();
    await gate;
    applied.push(...records.map((r) => r.value!));
  };
  return { applied, release, started, onBatch };
}

/** Stops (or closes) while the group's first batch is in hand: it must end only once that batch is released and applied. */
async function expectToWaitForTheBatch(group: ReturnType<typeof slowGroup>, stop: () => Promise<void>): Promise<void> {
  await group.started;
  let ended = false;
  const ending = stop().then(() => (ended = true));
  await new Promise((r) => setImmediate(r));
  expect(ended).toBe(false);
  group.release();
  await ending;
}

describe('the in-process bus', () => {
  it('lets a stopped reader finish the batch in hand, and hands it no other', async () => {
    const bus = new MemoryBus();
    await bus.ensureTopics([TOPIC]);
    const group = slowGroup();
    const sub = await bus.subscribe({ groupId: 'g', topics: [TOPIC], fromBeginning: true, onBatch: group.onBatch });
    await bus.publish([record('1'), record('2')]);
    await group.started;
    await bus.publish([record('3')]);
    // the stop waits for the batch being applied, as a Kafka consumer does before it leaves its group
    await expectToWaitForTheBatch(group, () => sub.stop());
    expect(group.applied).toEqual(['1', '2']);

    // the group resumes after what it applied
    let first!: (values: string[]) => void;
    const resumed = new Promise<string[]>((r) => (first = r));
    const again = await bus.subscribe({ groupId: 'g', topics: [TOPIC], fromBeginning: true, onBatch: async (rs) => first(rs.map((r) => r.value!)) });
    expect(await resumed).toEqual(['3']);
    await again.stop();
  });

  it('closes once the batches in hand are applied', async () => {
    const bus = new MemoryBus();
    await bus.ensureTopics([TOPIC]);
    const group = slowGroup();
    await bus.subscribe({ groupId: 'g', topics: [TOPIC], fromBeginning: true, onBatch: group.onBatch });
    await bus.publish([record('1')]);
    await expectToWaitForTheBatch(group, () => bus.close());
    expect(group.applied).toEqual(['1']);
  });

  it("lets a worker thread's stopped consumer finish the batch in hand, through its port", async () => {
    const bus = new MemoryBus();
    await bus.ensureTopics([TOPIC]);
    // the port's two sides joined directly: what postMessage carries between the threads
    let server!: PortBusServer;
    const thread = new PortBus((m) => server.receive(m));
    server = new PortBusServer(bus, (d) => thread.deliver(d));
    const group = slowGroup();
    const sub = await thread.subscribe({ groupId: 'g', topics: [TOPIC], fromBeginning: true, onBatch: group.onBatch });
    await bus.publish([record('1')]);
    await expectToWaitForTheBatch(group, () => sub.stop());
    expect(group.applied).toEqual(['1']);
  });
});
