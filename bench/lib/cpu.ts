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
