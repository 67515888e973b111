import { initiativesService } from '../../services/initiatives/src/service';
import { eventually, startTestService, type TestNode } from '../support/node';
import { startBroker, stopBroker } from '../support/infra';
import { startNodeProcess, type NodeProcess } from '../support/process';
import { propose } from '../initiatives/fixtures';

// a broker of this test's own, so that stopping it does not disturb other test files
const PORT = 19392;

describe('recovery', () => {
  describe('after a broker outage', () => {
    let brokers: string;
    let riyadh: TestNode;
    let hub: TestNode;

    beforeAll(async () => {
      brokers = await startBroker({ port: PORT });
      [riyadh, hub] = await Promise.all([
        startTestService(initiativesService, { node: 'riyadh', env: { MMHUB_KAFKA_BROKERS: brokers } }),
        startTestService(initiativesService, { node: 'ministry', env: { MMHUB_KAFKA_BROKERS: brokers } }),
      ]);
    }, 180_000);
    afterAll(async () => {
      await Promise.all([riyadh?.stop(), hub?.stop()]);
      await stopBroker({ port: PORT });
    }, 120_000);

    it('the hub has every change made meanwhile within 10 s of the broker’s return', async () => {
      const editor = await riyadh.token(['editor']);
      const before = await propose(riyadh, {}, editor);
      await eventually(
        async () => ((await hub.sql('select 1 from initiatives.initiative where id = $1', [before.id])).length ? true : undefined),
        30_000,
        'the hub copying riyadh',
      );

      await stopBroker({ port: PORT, keepData: true });
      const stoppedAt = Date.now();
      const ids: string[] = [];
      for (let n = 0; n < 50; n++) ids.push((await propose(riyadh, {}, editor)).id);
      // the broker away for 30 s
      await new Promise((r) => setTimeout(r, Math.max(0, 30_000 - (Date.now() - stoppedAt))));
      await startBroker({ port: PORT, keepData: true });
      const returnedAt = Date.now();

      await eventually(
        async () => {
          const [r] = await hub.sql<{ n: number }>('select count(*)::int as n from initiatives.initiative where id = any($1::uuid[])', [ids]);
          return r.n === ids.length ? true : undefined;
        },
        60_000,
        'every change at the hub',
      );
      const completeAfterMs = Date.now() - returnedAt;
      process.stderr.write(`broker back after 30 s: the hub complete ${completeAfterMs} ms after its return\n`);
      expect(completeAfterMs).toBeLessThan(10_000);
    }, 240_000);
  });

  describe('after a crash', () => {
    let riyadh: NodeProcess;
    beforeAll(async () => {
      riyadh = await startNodeProcess('riyadh', { MMHUB_LOG_LEVEL: 'info' });
    }, 180_000);
    afterAll(async () => {
      await riyadh?.dispose();
    }, 60_000);

    // how soon is the bench's figure (restart after kill -9); here, that listening does not wait for the consumers' join
    it('a node killed with kill -9 listens again before its consumers have joined their groups, and answers', async () => {
      await riyadh.kill();
      await riyadh.start();
      const { listeningMs, readyMs } = riyadh.lastStart();
      const sinceStarting = riyadh.listeningSinceStarting();
      process.stderr.write(
        `restart after kill -9: listening ${sinceStarting} ms after the node started (${listeningMs} ms after the spawn), ready after ${readyMs} ms\n`,
      );
      expect(readyMs).toBeGreaterThanOrEqual(listeningMs);
      const r = await riyadh.graphql('{ __typename }', {}, await riyadh.token(['viewer']));
      expect(r.errors).toBeUndefined();
    }, 180_000);
  });
});
