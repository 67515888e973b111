import { readdirSync, readFileSync } from 'node:fs';

/** CPU time a process has used so far (user + system), in milliseconds, from `/proc/<pid>/stat`. */
export function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // the fields after the command's name, which may hold spaces and parentheses
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** A node as the CPU reading knows it: its process, and its database, whose backends are its PostgreSQL share. */
export interface NodeOnMachine {
  node: string;
  pid: number;
  db: { url: string };
}

/** CPU used so far, in ms, by each process that counts, with the parts it counts in; and by the whole machine. */
export interface CpuReading {
  at: number;
  processes: Map<number, { ms: number; parts: string[] }>;
  machine: number;
}

/** Busy time of all the machine's cores so far, in ms, from `/proc/stat` (everything but idle and iowait). */
function machineBusyMs(): number {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = ticks;
  return (user + nice + system + irq + softirq + steal) * 10;
}

/** One pass over `/proc`: each node's process, the PostgreSQL backends of its database, all of PostgreSQL, the broker, the bench. */
export function readCpu(nodes: NodeOnMachine[]): CpuReading {
  const processes = new Map<number, { ms: number; parts: string[] }>();
  const databases = new Map(nodes.map((n) => [` ${n.db.url.split('/').pop()} `, n.node]));
  const nodeOf = new Map(nodes.map((n) => [n.pid, n.node]));
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    try {
      const parts: string[] = [];
      if (nodeOf.has(pid)) parts.push(`${nodeOf.get(pid)} process`);
      else if (pid === process.pid) parts.push('the bench itself');
      else {
        const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
        if (command.includes('kafka.Kafka')) parts.push('broker');
        else if (command.startsWith('postgres')) {
          // every backend and PostgreSQL's own workers (WAL writer, checkpointer, autovacuum), whoever they serve
          parts.push('PostgreSQL, all processes');
          for (const [database, node] of databases) if (command.includes(database)) parts.push(`${node} PostgreSQL`);
        }
      }
      if (parts.length) processes.set(pid, { ms: cpuMsOf(pid), parts });
    } catch {
      // the process ended meanwhile
    }
  }
  return { at: performance.now(), processes, machine: machineBusyMs() };
}

/**
 * Between two readings: each part's share in cores and in µs per unit of work (an event, a mutation), busiest
 * first. Taken process by process: one that started meanwhile counts whole, one that ended is not seen.
 */
export function cpuBetween(before: CpuReading, after: CpuReading, units: number): Array<{ part: string; cores: number; perUnitUs: number }> {
  const wallMs = after.at - before.at;
  const used = new Map<string, number>([['whole machine', after.machine - before.machine]]);
  for (const [pid, p] of after.processes) {
    const ms = p.ms - (before.processes.get(pid)?.ms ?? 0);
    for (const part of p.parts) used.set(part, (used.get(part) ?? 0) + ms);
  }
  return [...used]
    .filter(([, ms]) => ms > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([part, ms]) => ({ part, cores: ms / wallMs, perUnitUs: (ms * 1000) / Math.max(units, 1) }));
}

/** µs per unit of work of one part between two readings (0 for a part that used nothing). */
export function perUnitUs(before: CpuReading, after: CpuReading, units: number): (part: string) => number {
  const used = new Map(cpuBetween(before, after, units).map((c) => [c.part, c.perUnitUs]));
  return (part) => used.get(part) ?? 0;
}
