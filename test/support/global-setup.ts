import { Client } from 'pg';
import { answers, startBroker } from './infra';


/** The tests need PostgreSQL (the machine's) and Kafka (started here when none answers). */
export default async function globalSetup(): Promise<void> {
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

  const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
  const [host, port] = brokers.split(',')[0].split(':');
  if (!(await answers(host, Number(port)))) {
    process.stderr.write(`\nNo Kafka broker answers at ${brokers}: starting the project's own (infra/kafka)...\n`);
    const started = Date.now();
    process.env.KAFKA_BROKERS = await startBroker({ port: Number(port) });
    (globalThis as { __mmhubBroker?: number }).__mmhubBroker = Number(port);
    process.stderr.write(`Kafka ready at ${process.env.KAFKA_BROKERS} after ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  } else {
    process.env.KAFKA_BROKERS = brokers;
  }
}
