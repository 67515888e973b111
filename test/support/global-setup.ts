import { answers, requirePostgres, startBroker } from './infra';

/** The tests need PostgreSQL (the machine's) and Kafka (started here when none answers). */
export default async function globalSetup(): Promise<void> {
  await requirePostgres();

  const brokers = process.env.MMHUB_KAFKA_BROKERS ?? '127.0.0.1:9092';
  const [host, port] = brokers.split(',')[0].split(':');
  if (!(await answers(host, Number(port)))) {
    process.stderr.write(`\nNo Kafka broker answers at ${brokers}: starting the project's own (infra/kafka)...\n`);
    const started = Date.now();
    process.env.MMHUB_KAFKA_BROKERS = await startBroker({ port: Number(port) });
    (globalThis as { __mmhubBroker?: number }).__mmhubBroker = Number(port);
    process.stderr.write(`Kafka ready at ${process.env.MMHUB_KAFKA_BROKERS} after ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  } else {
    process.env.MMHUB_KAFKA_BROKERS = brokers;
  }
}
