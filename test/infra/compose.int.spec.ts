import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { loadConfig } from '../../services/kernel/src/config';

const ROOT = path.resolve(__dirname, '../..');
const run = promisify(execFile);

interface ComposeService {
  image?: string;
  environment?: Record<string, string | null>;
  volumes?: Array<{ type: string; source?: string; target: string; read_only?: boolean }> | string[];
  healthcheck?: { test: string[] };
  command?: string[];
  ports?: unknown[];
}

/** Where each stateful service writes what it keeps; a path given by an environment variable is read from it. */
const STATEFUL: Record<string, (s: ComposeService) => string> = {
  postgres: (s) => s.environment?.PGDATA ?? '/var/lib/postgresql/data',
  kafka: (s) => s.environment?.KAFKA_LOG_DIRS ?? '/tmp/kraft-combined-logs',
  prometheus: (s) => (s.command ?? []).find((a) => a.startsWith('--storage.tsdb.path='))?.split('=')[1] ?? '/prometheus',
  alertmanager: (s) => (s.command ?? []).find((a) => a.startsWith('--storage.path='))?.split('=')[1] ?? '/alertmanager',
  grafana: (s) => s.environment?.GF_PATHS_DATA ?? '/var/lib/grafana',
};

const NODES = ['ministry', 'riyadh', 'jeddah'];

describe('docker-compose.yml', () => {
  let compose: { services: Record<string, ComposeService>; volumes: Record<string, unknown> };
  const raw = readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8');

  beforeAll(async () => {
    // docker-compose itself reads the file (infra/validate-compose.sh installs it where it is missing)
    const { stdout } = await run('bash', ['infra/validate-compose.sh', '--print'], { cwd: ROOT, maxBuffer: 10 * 1024 * 1024 });
    compose = parse(stdout);
    expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(['postgres', 'kafka', ...NODES.map((n) => `${n}-gateway`)]));
  }, 300_000);

  it('keeps the data of every stateful service inside a named volume', () => {
    for (const [name, dataPath] of Object.entries(STATEFUL)) {
      const service = compose.services[name];
      expect({ name, declared: Boolean(service) }).toEqual({ name, declared: true });
      const where = dataPath(service);
      const mounts = (service.volumes ?? []).map((v) =>
        typeof v === 'string' ? { type: v.startsWith('.') || v.startsWith('/') ? 'bind' : 'volume', source: v.split(':')[0], target: v.split(':')[1] } : v,
      );
      const holding = mounts.find((m) => m.type === 'volume' && (where === m.target || where.startsWith(`${m.target}/`)));
      expect({ name, where, volume: holding?.source }).toEqual({ name, where, volume: expect.any(String) });
      expect(Object.keys(compose.volumes)).toContain(holding!.source);
    }
  });

  it('starts Kafka under a fixed cluster id, its log on the volume', () => {
    const kafka = compose.services.kafka.environment!;
    expect(kafka.KAFKA_LOG_DIRS).toBe('/var/lib/kafka/data');
    expect(kafka.CLUSTER_ID).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('writes no secret in the file: each comes from the environment, and each node has a gateway secret of its own', () => {
    for (const line of raw.split('\n')) {
      const m = /^\s*([A-Z_]*(SECRET|PASSWORD)[A-Z_]*):\s*(.+)$/.exec(line);
      if (m) expect({ variable: m[1], value: m[3] }).toEqual({ variable: m[1], value: expect.stringMatching(/^\$\{[A-Z_]+:\?/) });
    }
    expect(raw).not.toMatch(/postgresql:\/\/mmhub:(?!\$\{POSTGRES_PASSWORD\})/);
    const gatewaySecrets = NODES.map((n) => {
      const secrets = new Set(
        Object.entries(compose.services)
          .filter(([name]) => name.startsWith(`${n}-`))
          .map(([, s]) => s.environment?.MMHUB_GATEWAY_SECRET),
      );
      expect({ node: n, secrets: secrets.size }).toEqual({ node: n, secrets: 1 });
      return [...secrets][0];
    });
    expect(new Set(gatewaySecrets).size).toBe(NODES.length);
  });

  it('checks each process on the port it listens on', () => {
    for (const [name, s] of Object.entries(compose.services)) {
      const port = s.environment?.MMHUB_PORT;
      if (!port || !s.healthcheck) continue;
      expect({ name, check: s.healthcheck.test.join(' ') }).toEqual({ name, check: expect.stringContaining(`http://127.0.0.1:${port}/`) });
    }
    // the image's own check, for a container started without MMHUB_PORT: the port the configuration defaults to
    const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
    expect(dockerfile).toContain(`(process.env.MMHUB_PORT||${loadConfig({}).port})`);
  });

  it('has Prometheus scrape every mmhub process where it serves /metrics: a service on its port, a gateway on its operator port', () => {
    const prometheus = parse(readFileSync(path.join(ROOT, 'infra/prometheus/prometheus.yml'), 'utf8'));
    const targets: string[] = prometheus.scrape_configs.find((c: { job_name: string }) => c.job_name === 'mmhub').static_configs[0].targets;
    const processes = Object.entries(compose.services).filter(([, s]) => s.command?.[0] === 'serve');
    const expected = processes.map(([name, s]) => {
      // production serves a gateway's /metrics on MMHUB_METRICS_PORT alone, a service's on its own port
      const gateway = s.command!.includes('gateway');
      const port = gateway ? s.environment?.MMHUB_METRICS_PORT : s.environment?.MMHUB_PORT;
      expect({ name, port }).toEqual({ name, port: expect.stringMatching(/^\d+$/) });
      return `${name}:${port}`;
    });
    expect([...targets].sort()).toEqual(expected.sort());
  });

  it('copies into the image, before its npm ci, the script npm ci runs to prepare the checkout', () => {
    const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
    const install = dockerfile.indexOf('RUN npm ci');
    const copied = [...dockerfile.slice(0, install).matchAll(/^COPY (?!--)(.+) \S+$/gm)].flatMap((m) => m[1].split(/\s+/));
    const prepare = /^node (\S+)$/.exec(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts.prepare)![1];
    expect(copied).toContain(prepare);
  });

  it('sends the alert rules to Alertmanager and traces to a current Jaeger; builds on Node 22', () => {
    const prometheus = parse(readFileSync(path.join(ROOT, 'infra/prometheus/prometheus.yml'), 'utf8'));
    expect(prometheus.alerting.alertmanagers[0].static_configs[0].targets).toEqual(['alertmanager:9093']);
    expect(prometheus.rule_files).toEqual(['/etc/prometheus/alerts.yml']);
    expect(compose.services.alertmanager.image).toMatch(/^prom\/alertmanager:v0\.(2[8-9]|[3-9]\d)/);
    expect(compose.services.jaeger.image).toMatch(/^jaegertracing\/jaeger:2\./);
    const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
    expect([...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1])).toEqual(['node:22-bookworm-slim', 'node:22-bookworm-slim']);
  });
});
