import { runBench } from '../../bench/run';
import { SCENARIOS } from '../../bench/scenarios';
import { startBroker, stopBroker } from '../support/infra';
import { freePortBlock } from '../support/process';

/**
 * The bench at smoke size, so that it keeps working: every scenario runs end to end and reports
 * its figures and targets. No timing is asserted: CI machines are too noisy for that.
 */
let port: number;
let brokers: string | undefined;
const shared = process.env.MMHUB_KAFKA_BROKERS;

// a broker of its own: the hub's consumers and the rebuild read their topics from the beginning,
// and the suite's shared broker holds every event of every test before this one
beforeAll(async () => {
  port = await freePortBlock(2);
  brokers = await startBroker({ port });
  process.env.MMHUB_KAFKA_BROKERS = brokers;
}, 120_000);
afterAll(async () => {
  process.env.MMHUB_KAFKA_BROKERS = shared;
  if (brokers) await stopBroker({ port });
}, 120_000);

it('runs every scenario of the bench and reports its figures', async () => {
  const lines: string[] = [];
  const { results } = await runBench({ smoke: true, only: [], outDir: null, progress: (l) => (lines.push(l), process.stderr.write(`[bench smoke] ${l}\n`)) });
  expect(results.machine.cores).toBeGreaterThan(0);
  expect(results.scenarios.map((s) => ({ id: s.id, error: s.error }))).toEqual(SCENARIOS.map((s) => ({ id: s.id, error: undefined })));
  for (const s of results.scenarios) {
    expect({ id: s.id, figures: s.figures.length > 0, targets: s.targets.length > 0 }).toEqual({ id: s.id, figures: true, targets: true });
    for (const f of s.figures) expect({ figure: f.name, finite: Number.isFinite(f.median) }).toEqual({ figure: f.name, finite: true });
    for (const t of s.targets) expect({ target: t.name, finite: Number.isFinite(t.measured) }).toEqual({ target: t.name, finite: true });
  }
  const gateway = results.scenarios.find((s) => s.id === 'gateway')!;
  expect(gateway.ratios.length).toBeGreaterThan(0);
  // a progress line per scenario
  for (const s of SCENARIOS) expect(lines.some((l) => l.startsWith(`${s.id}: done`))).toBe(true);
}, 600_000);
