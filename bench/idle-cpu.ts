import 'reflect-metadata';
import { startBenchNode } from './lib/node-process';
import { cpuMsOf } from './lib/cpu';
import { runTool } from './lib/tool';

/**
 * What an idle node costs: starts one node (`mmhub serve`, its three services) on a fresh database, lets it
 * settle for S seconds (8 by default), then prints the cores its process used over the next S seconds with no
 * request and no event. `TS_NODE_PROJECT=bench/tsconfig.json TS_NODE_TRANSPILE_ONLY=1 node -r ts-node/register
 * bench/idle-cpu.ts [S]` after `npm run build`.
 */
async function main(): Promise<void> {
  const seconds = Number(process.argv[2] ?? 8);
  const node = await startBenchNode('riyadh', {});
  try {
    await new Promise((r) => setTimeout(r, seconds * 1000));
    const before = cpuMsOf(node.pid);
    await new Promise((r) => setTimeout(r, seconds * 1000));
    process.stdout.write(`an idle node's process: ${((cpuMsOf(node.pid) - before) / (seconds * 1000)).toFixed(3)} cores over ${seconds} s\n`);
  } finally {
    await node.dispose();
  }
}
runTool(main);
