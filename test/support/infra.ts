import { Client } from 'pg';
import net from 'node:net';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const ROOT = path.resolve(__dirname, '../..');

/** Whether something accepts TCP connections at host:port. */
export function answers(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export interface BrokerOptions {
  port: number;
  keepData?: boolean;
}

/** Starts the project's own Kafka broker (infra/kafka) on a port; returns host:port. */
export async function startBroker(o: BrokerOptions): Promise<string> {
  const { stdout } = await run('bash', [path.join(ROOT, 'infra/kafka/start-kafka.sh')], {
    env: { ...process.env, KAFKA_PORT: String(o.port), KAFKA_CONTROLLER_PORT: String(o.port + 1), ...(o.keepData ? { KAFKA_KEEP_DATA: '1' } : {}) },
    maxBuffer: 16 * 1024 * 1024,
    timeout: 600_000,
  });
  const m = /MMHUB_KAFKA_BROKERS=(\S+)/.exec(stdout);
  if (!m) throw new Error(`the broker on ${o.port} did not say where it listens:\n${stdout}`);
  return m[1];
}

export async function stopBroker(o: BrokerOptions): Promise<void> {
  await run('bash', [path.join(ROOT, 'infra/kafka/stop-kafka.sh')], {
    env: { ...process.env, KAFKA_PORT: String(o.port), ...(o.keepData ? { KAFKA_KEEP_DATA: '1' } : {}) },
    timeout: 120_000,
  });
}

/** The admin database the tests use (TEST_ADMIN_DATABASE_URL, else the machine's), checked to answer. */
export async function requirePostgres(): Promise<string> {
  const admin = process.env.TEST_ADMIN_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  process.env.TEST_ADMIN_DATABASE_URL = admin;
  const client = new Client({ connectionString: admin });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (e) {
    throw new Error(`PostgreSQL does not answer at ${admin} (${(e as Error).message}). Start it, or set TEST_ADMIN_DATABASE_URL.`);
  } finally {
    await client.end().catch(() => undefined);
  }
  return admin;
}
