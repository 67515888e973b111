import 'reflect-metadata';
import { newId } from '../services/kernel/src/domain';
import { query } from '../test/support/database';
import { eventually } from '../test/support/node';
import { startBenchNode } from './lib/node-process';
import { perUnitUs, readCpu } from './lib/cpu';
import { fillOutbox } from './scenarios/events';
import { runTool } from './lib/tool';

/**
 * The hub alone on a backlog: riyadh relays N proposal events (20,000 by default) with no hub running,
 * then the hub (ministry) starts and takes them all in. Prints both rates and the CPU each side spent per
 * event: the hub's process, and its PostgreSQL backends with the broker. Use a fresh broker: the hub reads
 * the topics from the beginning, so an earlier run's events would be counted in.
 * `TS_NODE_PROJECT=bench/tsconfig.json TS_NODE_TRANSPILE_ONLY=1 node -r ts-node/register bench/hub-backlog.ts [N]`
 * after `npm run build`; `HUB_NODE_ARGS="--cpu-prof --cpu-prof-dir=…"` passes flags to the hub's `node`.
 */
async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 20000);
  const tag = newId().slice(-8).toUpperCase();
  const riyadh = await startBenchNode('riyadh', { MMHUB_OUTBOX_POLL_MS: '50' });
  let hub: Awaited<ReturnType<typeof startBenchNode>> | undefined;
  try {
    await fillOutbox(riyadh.db.url, 'riyadh', count, tag);
    let started = performance.now();
    const relayCpu = readCpu([riyadh]);
    await eventually(
      async () =>
        (await query<{ n: number }>(riyadh.db.url, 'select count(*)::int as n from initiatives.outbox where sent_at is null'))[0].n === 0 ? true : undefined,
      600_000,
      'the outbox drained',
    );
    const relayMs = performance.now() - started;
    process.stdout.write(
      `riyadh relayed ${count} events at ${((count * 1000) / relayMs).toFixed(0)}/s, ${perUnitUs(relayCpu, readCpu([riyadh]), count)(`${riyadh.node} process`).toFixed(0)} µs of its CPU per event (it also journals its own events)\n`,
    );
    hub = await startBenchNode('ministry', {}, undefined, (process.env.HUB_NODE_ARGS ?? '').split(' ').filter(Boolean));
    started = performance.now();
    const hubCpu = readCpu([hub]);
    await eventually(
      async () =>
        (await query<{ n: number }>(hub!.db.url, 'select count(*)::int as n from initiatives.initiative where code like $1', [`BU-${tag}-%`]))[0].n === count
          ? true
          : undefined,
      600_000,
      'the backlog at the hub',
    );
    const hubMs = performance.now() - started;
    const used = perUnitUs(hubCpu, readCpu([hub]), count);
    const perEvent = (part: string) => used(part).toFixed(0);
    process.stdout.write(
      `the hub took them in at ${((count * 1000) / hubMs).toFixed(0)}/s: ${perEvent(`${hub!.node} process`)} µs of the hub's CPU per event, ` +
        `${perEvent(`${hub!.node} PostgreSQL`)} µs of its PostgreSQL backends' and ${perEvent('broker')} µs of the broker's\n`,
    );
  } finally {
    await Promise.all([hub?.dispose(), riyadh.dispose()]);
  }
}
runTool(main);
