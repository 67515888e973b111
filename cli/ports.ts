import { createServer } from 'node:net';
import { ConfigError } from '../services/kernel/src/config';

/** A port a command is about to listen on, and what it would serve there, as its error names it. */
interface WantedPort {
  port: number;
  /** e.g. "the gateway of riyadh", "the initiatives service (the gateway's port + 1)" */
  holder: string;
  /** The variable the port comes from. */
  variable: string;
}

/** Whether another program listens on `port` at `host`: a bind that fails with EADDRINUSE. */
function portInUse(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    // anything but a busy port (no such address, a privileged port) is left to the real listen, which says what it is
    probe.once('error', (e: NodeJS.ErrnoException) => resolve(e.code === 'EADDRINUSE'));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(false)));
  });
}

/**
 * Refuses ports another program holds before anything starts: otherwise the command finds out only
 * when it listens, after its databases, migrations and seed. Port 0 (any free port) is not checked.
 */
export async function requireFreePorts(host: string, wanted: WantedPort[], advice: string): Promise<void> {
  const checked = wanted.filter((w) => w.port > 0);
  const busy = (await Promise.all(checked.map(async (w) => ((await portInUse(w.port, host)) ? [w] : [])))).flat();
  if (busy.length) throw new ConfigError(busy.map((w) => `${w.variable}: ${w.port} (${w.holder}) is in use; ${advice}`));
}

/** What `mmhub serve` says to do about a busy port. */
const SERVE_ADVICE = 'choose another MMHUB_PORT (or --port): a node takes it for its gateway and the three ports after it for its services';

/**
 * The ports `mmhub serve` listens on: the gateway's (MMHUB_PORT) and its services' after it, or the one
 * process's own with --service; the operator's metrics port where one is set.
 */
export async function requireServePortsFree(
  c: { host: string; port: number; observability: { metricsPort?: number } },
  serviceNames: readonly string[],
  alone?: string,
): Promise<void> {
  const wanted: WantedPort[] = alone
    ? [{ port: c.port, holder: alone === 'gateway' ? 'the gateway' : `the ${alone} service`, variable: 'MMHUB_PORT' }]
    : [
        { port: c.port, holder: 'the gateway', variable: 'MMHUB_PORT' },
        ...serviceNames.map((name, i) => ({ port: c.port + 1 + i, holder: `the ${name} service, MMHUB_PORT + ${i + 1}`, variable: 'MMHUB_PORT' })),
      ];
  if (c.observability.metricsPort && (!alone || alone === 'gateway'))
    wanted.push({ port: c.observability.metricsPort, holder: "the gateway's /metrics", variable: 'MMHUB_METRICS_PORT' });
  await requireFreePorts(c.host, wanted, SERVE_ADVICE);
}

/** What `mmhub start` says to do about a busy port. */
export const START_ADVICE = 'start with another first port (MMHUB_PORT or --port), e.g. --port 5000 for 5000–5002';
