import { initiativesService } from '../../services/initiatives/src/service';
import { loadConfig } from '../../services/kernel/src/config';
import { sumOf } from '../../services/kernel/src/observability';
import { formatStatus, nodeStatus } from '../../cli/status';
import { startBroker, stopBroker } from '../support/infra';
import { eventually } from '../support/node';
import { PROPOSE, proposal } from '../initiatives/fixtures';
import { startObservedNode, type ObservedNode } from './support';

// a broker of this test's own, so that stopping it does not disturb other test files
const PORT = 19192;
let riyadh: ObservedNode;

beforeAll(async () => {
  const brokers = await startBroker({ port: PORT });
  riyadh = await startObservedNode('riyadh', { services: [initiativesService], env: { MMHUB_KAFKA_BROKERS: brokers } });
}, 180_000);

afterAll(async () => {
  await riyadh?.stop();
  await stopBroker({ port: PORT });
}, 120_000);

const backlog = async () => sumOf(await riyadh.metrics('initiatives'), 'mmhub_outbox_backlog');

it('shows the outbox backlog growing while the broker is down, in /metrics and in mmhub status, and draining to zero after', async () => {
  const status = () => nodeStatus(loadConfig(riyadh.statusEnv()));
  const healthy = await eventually(
    async () => {
      const s = await status();
      return s.healthy && s.services[0].lag === 0 ? s : undefined;
    },
    30_000,
    'the node ready, its consumer caught up',
  );
  expect(healthy.services).toEqual([expect.objectContaining({ name: 'initiatives', ready: 'ready', backlog: 0, lag: 0, busUp: true })]);

  await stopBroker({ port: PORT, keepData: true });
  const editor = await riyadh.token(['editor']);
  for (let k = 1; k <= 6; k++) {
    const r = await riyadh.graphql(PROPOSE, { input: proposal() }, editor);
    expect(r.errors).toBeUndefined();
    if (k === 3) expect(await backlog()).toBe(3);
  }
  const m = await riyadh.metrics('initiatives');
  expect(sumOf(m, 'mmhub_outbox_backlog')).toBe(6);
  expect(sumOf(m, 'mmhub_outbox_oldest_age_seconds')).toBeGreaterThan(0);
  expect(sumOf(m, 'mmhub_bus_up')).toBe(0);
  expect(sumOf(m, 'mmhub_consumer_lag')).toBeUndefined();
  await eventually(
    async () => ((sumOf(await riyadh.metrics('initiatives'), 'mmhub_relay_publish_failures_total') ?? 0) > 0 ? true : undefined),
    15_000,
    'failed publishes counted',
  );

  const down = await status();
  expect(down.healthy).toBe(false);
  expect(down.services[0]).toMatchObject({ name: 'initiatives', ready: 'not ready', down: ['bus'], backlog: 6, backlogFrom: 'metrics', busUp: false });
  const text = formatStatus(down);
  expect(text).toMatch(/^Node riyadh \(municipality\) — gateway http:\/\/127\.0\.0\.1:\d+: ready$/m);
  expect(text).toMatch(/^initiatives\s+not ready \(bus down\)\s+6\s+\d+s\s+\d+\s+[1-9]\d*\s+\? \(broker unreachable\)/m);

  // a service that does not answer: its backlog read from the database
  const unreachable = await nodeStatus(loadConfig({ ...riyadh.statusEnv(), MMHUB_INITIATIVES_URL: 'http://127.0.0.1:1/graphql' }));
  expect(unreachable.services[0]).toMatchObject({ ready: 'unreachable', backlog: 6, backlogFrom: 'database' });
  expect(formatStatus(unreachable)).toMatch(/^initiatives\s+unreachable\s+6 \(from database\)/m);

  await startBroker({ port: PORT, keepData: true });
  await eventually(async () => ((await backlog()) === 0 ? true : undefined), 90_000, 'the outbox drained');
  const after = await eventually(
    async () => {
      const s = await status();
      return s.healthy ? s : undefined;
    },
    30_000,
    'the node ready again',
  );
  expect(after.services[0]).toMatchObject({ backlog: 0, busUp: true });
  expect(after.services[0].published).toBeGreaterThanOrEqual(6);
  expect(formatStatus(after)).toMatch(/^initiatives\s+ready\s+0\s+-\s+/m);
}, 300_000);
