import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { signalGroup, spawnInGroup } from '../../test/support/process';

export const ROOT = path.resolve(__dirname, '../..');

/** Node arguments that run a TypeScript file of the bench (relative to the root, or absolute) as the bench itself runs (ts-node, transpile only). */
export function tsNodeArgs(file: string): string[] {
  return ['-r', 'ts-node/register/transpile-only', path.resolve(ROOT, file)];
}

export const tsNodeEnv = (): NodeJS.ProcessEnv => ({ ...process.env, TS_NODE_PROJECT: path.join(ROOT, 'bench/tsconfig.json'), TS_NODE_TRANSPILE_ONLY: '1' });

/**
 * SIGTERM, then SIGKILL to its whole group after 5 s: a server that drains its connections may take
 * long, and the bench does not wait for it; whatever the process started goes with it.
 */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return signalGroup(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => signalGroup(child), 5000);
  await exited;
  clearTimeout(timer);
  signalGroup(child);
}

export interface Child {
  process: ChildProcess;
  ready: any;
  output(): string;
  stop(): Promise<void>;
}

/** Starts a bench process and waits for its `READY <json>` line. */
export async function startChild(file: string, args: string[], timeoutMs = 120_000, nodeArgs: string[] = []): Promise<Child> {
  const child = spawnInGroup(process.execPath, [...nodeArgs, ...tsNodeArgs(file), ...args], { cwd: ROOT, env: tsNodeEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (d) => (log += d));
  const ready = await new Promise<any>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${file} not ready after ${timeoutMs} ms:\n${log.slice(-2000)}`)), timeoutMs);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /READY (.*)\n/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(JSON.parse(m[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${file} ended (${code}):\n${log.slice(-3000)}`));
    });
  });
  return {
    process: child,
    ready,
    output: () => log,
    stop: () => stopChild(child),
  };
}

/** Resident memory of a process, in MiB, from /proc. */
export async function residentMiB(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}
