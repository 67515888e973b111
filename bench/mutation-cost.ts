import 'reflect-metadata';
import { query } from '../test/support/database';
import { startBenchNode } from './lib/node-process';
import { AXES } from './lib/fixtures';
import { perUnitUs, readCpu } from './lib/cpu';
import { runTool } from './lib/tool';

const PROPOSE = `mutation($i: ProposeInitiativeInput!) { proposeInitiative(input: $i) { id } }`;

/**
 * What one mutation costs a node: N proposals (1,000 by default) at R per second (25) through one node's
 * gateway, then the CPU its `mmhub serve` process spent per mutation — the gateway, the subgraph, the relay
 * and the node's own consumers of the event — beside its PostgreSQL backends' and the broker's, and the
 * transactions per mutation. Use a fresh broker: the node reads its topics from the beginning.
 * `TS_NODE_PROJECT=bench/tsconfig.json TS_NODE_TRANSPILE_ONLY=1 node -r ts-node/register bench/mutation-cost.ts [N] [R]`
 * after `npm run build`; `NODE_ARGS="--cpu-prof --cpu-prof-dir=…"` passes flags to the node's `node`.
 */
async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 1000);
  const perSecond = Number(process.argv[3] ?? 25);
  const node = await startBenchNode('riyadh', { MMHUB_OUTBOX_POLL_MS: '50' }, undefined, (process.env.NODE_ARGS ?? '').split(' ').filter(Boolean));
  try {
    const token = await node.token(['editor']);
    const transactions = async () =>
      (await query<{ n: number }>(node.db.url, 'select (xact_commit + xact_rollback)::int as n from pg_stat_database where datname = current_database()'))[0].n;
    const [cpu0, tx0] = [readCpu([node]), await transactions()];
    const started = performance.now();
    let failed = 0;
    const answers: Promise<void>[] = [];
    for (let k = 0; k < count; k++) {
      const wait = started + (k * 1000) / perSecond - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const input = {
        code: `MC-${node.clientId}-${k}`,
        titleAr: `مبادرة ${k}`,
        axis: AXES[k % AXES.length],
        plannedStart: '2026-01-01',
        plannedEnd: '2026-12-31',
      };
      answers.push(node.graphql(PROPOSE, { i: input }, token).then((r) => void (r.errors && failed++)));
    }
    await Promise.all(answers);
    const seconds = (performance.now() - started) / 1000;
    const used = perUnitUs(cpu0, readCpu([node]), count);
    const perMutation = (part: string) => (used(part) / 1000).toFixed(1);
    process.stdout.write(
      `${count} mutations at ${(count / seconds).toFixed(1)}/s (${failed} failed): the node's process ${perMutation(`${node.node} process`)} ms of CPU per mutation, ` +
        `its PostgreSQL backends ${perMutation(`${node.node} PostgreSQL`)} ms, the broker ${perMutation('broker')} ms, ${((await transactions()) - tx0) / count} transactions per mutation\n`,
    );
  } finally {
    await node.dispose();
  }
}
runTool(main);
