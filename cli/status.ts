import { Client } from 'pg';
import { parsePrometheusText, samplesOf, sumOf, type Exposition } from '../services/kernel/src/observability';
import type { Config } from '../services/kernel/src/config';
import { services as knownServices } from './services';

/** `another process`: something answers at the address, but names itself as another node's or another service. */
export type Readiness = 'ready' | 'not ready' | 'unreachable' | 'another process';

export interface ServiceStatus {
  name: string;
  url: string;
  ready: Readiness;
  /** What /ready said is down: database, bus. */
  down: string[];
  /** The node and service the process at the address names itself as (by its /ready, else its metrics' labels). */
  answersAs?: { node?: string; service?: string };
  /** Rows waiting in the outbox, and where that number came from. */
  backlog?: number;
  oldestAgeSeconds?: number;
  backlogFrom?: 'metrics' | 'database';
  published?: number;
  publishFailures?: number;
  /** Summed over the service's consumers and partitions; undefined when the broker could not be asked. */
  lag?: number;
  busUp?: boolean;
  applied?: number;
  duplicates?: number;
  deadLettered?: number;
}

export interface Freshness {
  origin: string;
  /** Time of the newest event applied from that node. */
  lastEvent: Date;
  /** When one was last applied here. */
  lastApplied?: Date;
}

export interface NodeStatus {
  node: string;
  role: string;
  gateway: { url: string; ready: Readiness };
  services: ServiceStatus[];
  freshness: Freshness[];
  /** The gateway and every service answered ready, each as the process of this node it should be. */
  healthy: boolean;
  /** Why the node is not healthy, one line a person can act on per problem. */
  problems: string[];
}

const TIMEOUT_MS = 3000;

async function get(url: string): Promise<{ status: number; text: string } | null> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    return { status: res.status, text: await res.text() };
  } catch {
    return null;
  }
}

/**
 * Where this node's processes listen: the gateway on MMHUB_HOST:MMHUB_PORT; the services at MMHUB_INITIATIVES_URL,
 * MMHUB_CALENDAR_URL, MMHUB_MEDIA_URL when any is set (as for a gateway alone), else where the gateway says they
 * are (a development gateway says so, as each node of the demo does), else every service on the ports
 * after the gateway's, where `mmhub serve` puts them.
 */
export function nodeAddresses(config: Config, told: Record<string, string> = {}): { gateway: string; services: Array<{ name: string; url: string }> } {
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const configured = knownServices.filter((def) => config.gateway.subgraphUrls[def.name]);
  const byGateway = knownServices.filter((def) => told[def.name]);
  return {
    gateway: `http://${host}:${config.port}`,
    services: configured.length
      ? configured.map((def) => ({ name: def.name, url: new URL(config.gateway.subgraphUrls[def.name]!).origin }))
      : byGateway.length
        ? byGateway.map((def) => ({ name: def.name, url: told[def.name] }))
        : knownServices.map((def, i) => ({ name: def.name, url: `http://${host}:${config.port + 1 + i}` })),
  };
}

function jsonOf(text: string | undefined): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(text ?? '') as unknown;
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * The node as its operator sees it: readiness from each process's /ready, the rest from its /metrics.
 * Each process is taken for this node's only when it names itself so. A service that does not answer
 * still shows its outbox backlog when MMHUB_DATABASE_URL is set, read from the database: that is when it
 * matters most.
 */
export async function nodeStatus(config: Config): Promise<NodeStatus> {
  const first = nodeAddresses(config);
  const gatewayReady = await get(`${first.gateway}/ready`);
  const gatewayBody = jsonOf(gatewayReady?.text);
  const told = Object.fromEntries(
    Object.entries((gatewayBody?.addresses as Record<string, unknown> | undefined) ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
  const where = nodeAddresses(config, str(gatewayBody?.node) === config.node ? told : {});
  const probed = await Promise.all(where.services.map((s) => serviceStatus(s.name, s.url, config.node)));
  const services = probed.map((p) => p.status);
  if (config.databaseUrl) {
    const missing = services.filter((s) => s.backlog === undefined);
    if (missing.length) await backlogFromDatabase(config.databaseUrl, missing);
  }
  const freshness = freshnessOf(
    probed.map((p) => p.metrics).filter((m): m is Exposition => Boolean(m)),
    config.node,
  );
  const gatewayNode = str(gatewayBody?.node);
  const gateway = { url: where.gateway, ready: gatewayNode && gatewayNode !== config.node ? ('another process' as const) : readinessOf(gatewayReady) };
  const problems: string[] = [];
  if (gateway.ready === 'another process')
    problems.push(`${where.gateway} is ${gatewayNode}'s gateway, not ${config.node}'s: give the port of ${config.node}'s gateway (--port or MMHUB_PORT)`);
  else if (gateway.ready === 'unreachable') problems.push(`the gateway does not answer at ${where.gateway}`);
  else if (gateway.ready === 'not ready') problems.push(`the gateway at ${where.gateway} is not ready`);
  for (const svc of services) {
    if (svc.ready === 'another process') problems.push(`${svc.url} answers as ${describe(svc.answersAs)}, not ${config.node}'s ${svc.name} service`);
    else if (svc.ready === 'unreachable') problems.push(`${svc.name} does not answer at ${svc.url}`);
    else if (svc.ready === 'not ready') problems.push(`${svc.name} is not ready${svc.down.length ? `: ${svc.down.join(', ')} down` : ''}`);
  }
  return { node: config.node, role: config.role, gateway, services, freshness, healthy: problems.length === 0, problems };
}

function describe(who: { node?: string; service?: string } | undefined): string {
  if (!who?.node && !who?.service) return 'another process';
  return `${who.node ?? 'another node'}'s ${who.service ?? 'process'}`;
}

const readinessOf = (r: { status: number } | null): Readiness => (!r ? 'unreachable' : r.status === 200 ? 'ready' : 'not ready');

function parseOrNull(text: string | undefined): Exposition | null {
  if (!text) return null;
  try {
    return parsePrometheusText(text);
  } catch {
    return null;
  }
}

async function serviceStatus(name: string, url: string, node: string): Promise<{ status: ServiceStatus; metrics: Exposition | null }> {
  const [ready, metrics] = await Promise.all([get(`${url}/ready`), get(`${url}/metrics`)]);
  const status: ServiceStatus = { name, url, ready: readinessOf(ready), down: [] };
  const body = jsonOf(ready?.text);
  if (ready && ready.status !== 200 && body) status.down = ['database', 'bus'].filter((k) => body[k] === false);
  const m = parseOrNull(metrics?.status === 200 ? metrics.text : undefined);
  // the process's own word for what it is: its /ready, else the labels every one of its metrics carries
  const labels = m?.samples.find((x) => x.labels.node)?.labels;
  const answersAs = { node: str(body?.node) ?? labels?.node, service: str(body?.service) ?? labels?.service };
  if (answersAs.node || answersAs.service) status.answersAs = answersAs;
  if ((answersAs.node && answersAs.node !== node) || (answersAs.service && answersAs.service !== name)) {
    status.ready = 'another process';
    return { status, metrics: null };
  }
  if (!m) return { status, metrics: null };
  status.backlog = sumOf(m, 'mmhub_outbox_backlog');
  status.oldestAgeSeconds = sumOf(m, 'mmhub_outbox_oldest_age_seconds');
  if (status.backlog !== undefined) status.backlogFrom = 'metrics';
  // a labelled counter has no sample until its first count: declared and empty is 0
  const counted = (name: string, family = name.replace(/_total$/, '')) => sumOf(m, name) ?? (m.types.has(family) || m.types.has(name) ? 0 : undefined);
  status.published = counted('mmhub_relay_published_total');
  status.publishFailures = counted('mmhub_relay_publish_failures_total');
  status.busUp = sumOf(m, 'mmhub_bus_up') === 1;
  status.lag = sumOf(m, 'mmhub_consumer_lag');
  status.applied = counted('mmhub_consumer_events_applied_total');
  status.duplicates = counted('mmhub_consumer_duplicates_total');
  status.deadLettered = counted('mmhub_consumer_dead_lettered_total');
  return { status, metrics: m };
}

async function backlogFromDatabase(url: string, services: ServiceStatus[]): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: TIMEOUT_MS });
  try {
    await client.connect();
    for (const s of services) {
      try {
        const r = await client.query<{ pending: number; age: number }>(
          `select count(*)::int as pending, coalesce(extract(epoch from now() - min(time)), 0)::float as age from "${s.name}"."outbox" where sent_at is null`,
        );
        s.backlog = r.rows[0].pending;
        s.oldestAgeSeconds = r.rows[0].age;
        s.backlogFrom = 'database';
      } catch {
        // that service has no schema in this database
      }
    }
  } catch {
    // the database does not answer either: the table says "?"
  } finally {
    await client.end().catch(() => undefined);
  }
}

function freshnessOf(all: Exposition[], self: string): Freshness[] {
  const byOrigin = new Map<string, Freshness>();
  for (const m of all) {
    for (const s of samplesOf(m, 'mmhub_origin_last_event_timestamp_seconds')) {
      const origin = s.labels.origin_node;
      if (!origin || origin === self) continue;
      const f = byOrigin.get(origin) ?? { origin, lastEvent: new Date(0) };
      if (s.value * 1000 > f.lastEvent.getTime()) f.lastEvent = new Date(s.value * 1000);
      byOrigin.set(origin, f);
    }
    for (const s of samplesOf(m, 'mmhub_origin_last_applied_timestamp_seconds')) {
      const f = byOrigin.get(s.labels.origin_node ?? '');
      if (f && (!f.lastApplied || s.value * 1000 > f.lastApplied.getTime())) f.lastApplied = new Date(s.value * 1000);
    }
  }
  return [...byOrigin.values()].sort((a, b) => a.origin.localeCompare(b.origin));
}

/** 42s, 3m 05s, 2h 07m, 3d 04h. */
export function formatAge(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  return `${Math.floor(s / 86400)}d ${String(Math.floor((s % 86400) / 3600)).padStart(2, '0')}h`;
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ')).join('\n');
}

const n = (v: number | undefined): string => (v === undefined ? '?' : String(v));

/** The status as a person reads it in a terminal. */
export function formatStatus(s: NodeStatus, now = new Date()): string {
  const lines = [`Node ${s.node} (${s.role}) — gateway ${s.gateway.url}: ${s.gateway.ready}`, ''];
  if (s.problems.length) lines.splice(1, 0, `Not healthy:\n${s.problems.map((p) => `  - ${p}`).join('\n')}`);
  const rows = [['SERVICE', 'READY', 'OUTBOX BACKLOG', 'OLDEST', 'PUBLISHED', 'FAILED PUBLISHES', 'CONSUMER LAG', 'APPLIED', 'DUPLICATES', 'DLQ']];
  for (const svc of s.services) {
    const ready = svc.ready === 'not ready' && svc.down.length ? `not ready (${svc.down.join(', ')} down)` : svc.ready;
    const backlog = svc.backlog === undefined ? '?' : `${svc.backlog}${svc.backlogFrom === 'database' ? ' (from database)' : ''}`;
    const oldest = svc.backlog ? formatAge(svc.oldestAgeSeconds ?? 0) : '-';
    const lag = svc.lag !== undefined ? String(svc.lag) : svc.busUp === false ? '? (broker unreachable)' : svc.ready === 'unreachable' ? '?' : '-';
    rows.push([svc.name, ready, backlog, oldest, n(svc.published), n(svc.publishFailures), lag, n(svc.applied), n(svc.duplicates), n(svc.deadLettered)]);
  }
  lines.push(table(rows));
  if (s.freshness.length) {
    lines.push('', 'Freshness: the newest event applied here from each node');
    const fresh = [['NODE', 'NEWEST EVENT', 'AGE', 'LAST APPLIED']];
    for (const f of s.freshness) {
      fresh.push([
        f.origin,
        f.lastEvent.toISOString(),
        formatAge((now.getTime() - f.lastEvent.getTime()) / 1000),
        f.lastApplied ? `${formatAge((now.getTime() - f.lastApplied.getTime()) / 1000)} ago` : '?',
      ]);
    }
    lines.push(table(fresh));
  }
  return `${lines.join('\n')}\n`;
}
