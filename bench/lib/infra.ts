import os from 'node:os';
import { Client } from 'pg';
import { answers, requirePostgres, startBroker, stopBroker } from '../../test/support/infra';

export interface Footprint {
  /** Stops what this run started (the broker, when none answered). */
  release(): Promise<void>;
}

/** PostgreSQL (the machine's) and Kafka (started here when none answers), as the tests use them. */
export async function ensureFootprint(progress: (line: string) => void): Promise<Footprint> {
  await requirePostgres();
  const brokers = process.env.MMHUB_KAFKA_BROKERS ?? '127.0.0.1:9092';
  const [host, port] = brokers.split(',')[0].split(':');
  if (await answers(host, Number(port))) {
    process.env.MMHUB_KAFKA_BROKERS = brokers;
    return { release: async () => undefined };
  }
  progress(`no Kafka broker at ${brokers}: starting the project's own (infra/kafka)`);
  process.env.MMHUB_KAFKA_BROKERS = await startBroker({ port: Number(port) });
  return { release: () => stopBroker({ port: Number(port) }) };
}

export interface Machine {
  cores: number;
  cpu: string;
  memoryGiB: number;
  node: string;
  platform: string;
  postgres?: string;
}

export async function machine(): Promise<Machine> {
  let postgres: string | undefined;
  const client = new Client({ connectionString: process.env.TEST_ADMIN_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres' });
  try {
    await client.connect();
    postgres = String((await client.query('show server_version')).rows[0].server_version);
  } catch {
    /* reported without it */
  } finally {
    await client.end().catch(() => undefined);
  }
  return {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    postgres,
  };
}
