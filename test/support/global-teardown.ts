import { stopBroker } from './infra';

/** Stops the broker only if this run started it. */
export default async function globalTeardown(): Promise<void> {
  const port = (globalThis as { __mmhubBroker?: number }).__mmhubBroker;
  if (port) await stopBroker({ port });
}
