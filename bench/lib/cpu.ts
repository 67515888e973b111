import { readdirSync, readFileSync } from 'node:fs';

/** CPU time a process has used so far (user + system), in milliseconds, from `/proc/<pid>/stat`. */
export function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // the fields after the command's name, which may hold spaces and parentheses
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** CPU time used so far by the PostgreSQL backends connected to `database`, and by the Kafka broker. */
export function databaseAndBrokerCpuMs(database: string): { database: number; broker: number } {
  const used = { database: 0, broker: 0 };
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (command.includes(` ${database} `)) used.database += cpuMsOf(Number(entry));
      else if (command.includes('kafka.Kafka')) used.broker += cpuMsOf(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return used;
}

/** A node as the CPU reading knows it: its process, and its database, whose backends are its PostgreSQL share. */
export interface NodeOnMachine {
  node: string;
  pid: number;
  db: { url: string };
}

/** CPU used so far, in ms: each node's process and its PostgreSQL backends, the broker, and the whole machine. */
export interface CpuReading {
  at: number;
  parts: Map<string, number>;
  machine: number;
}

/** Busy time of all the machine's cores so far, in ms, from `/proc/stat` (everything but idle and iowait). */
function machineBusyMs(): number {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = ticks;
  return (user + nice + system + irq + softirq + steal) * 10;
}

/** One pass over `/proc`: what each part of the footprint has used so far. */
export function readCpu(nodes: NodeOnMachine[]): CpuReading {
  const parts = new Map<string, number>();
  const add = (part: string, ms: number) => parts.set(part, (parts.get(part) ?? 0) + ms);
  const databases = new Map(nodes.map((n) => [` ${n.db.url.split('/').pop()} `, n.node]));
  for (const n of nodes) {
    try {
      add(`${n.node} process`, cpuMsOf(n.pid));
    } catch {
      // the process ended meanwhile
    }
  }
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (command.includes('kafka.Kafka')) add('broker', cpuMsOf(Number(entry)));
      else if (command.startsWith('postgres:'))
        for (const [database, node] of databases) if (command.includes(database)) add(`${node} PostgreSQL`, cpuMsOf(Number(entry)));
    } catch {
      // the process ended meanwhile
    }
  }
  return { at: performance.now(), parts, machine: machineBusyMs() };
}

/** Between two readings: each part's share in cores and in µs per unit of work (an event, a mutation), busiest first. */
export function cpuBetween(before: CpuReading, after: CpuReading, units: number): Array<{ part: string; cores: number; perUnitUs: number }> {
  const wallMs = after.at - before.at;
  const used = [...after.parts].map(([part, ms]) => ({ part, ms: ms - (before.parts.get(part) ?? ms) }));
  used.push({ part: 'whole machine', ms: after.machine - before.machine });
  return used
    .filter((u) => u.ms > 0)
    .sort((a, b) => b.ms - a.ms)
    .map((u) => ({ part: u.part, cores: u.ms / wallMs, perUnitUs: (u.ms * 1000) / Math.max(units, 1) }));
}
