import { isIP } from 'node:net';
import { z } from 'zod';
import { SECTOR_NODES } from '../domain/sector';

/** A configuration problem found at start-up; the message names the variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export const NODE_CODE = /^[a-z][a-z0-9-]{1,30}$/;
export const DEVELOPMENT_JWT_SECRET = 'mmhub-development-secret-change-me-0123456789';
export const DEVELOPMENT_GATEWAY_SECRET = 'mmhub-development-gateway-secret-0123456789';

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' }).transform((v) => v === 'true' || v === '1' || v === 'yes');

const int = (min: number, max: number) =>
  z.coerce.number({ message: 'must be a whole number' }).int('must be a whole number').min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);

/** Every variable the configuration reads, with its type, default and meaning. */
export const variables = z.object({
  MMHUB_MODE: z
    .enum(['development', 'production'], { message: 'must be development or production' })
    .default('development')
    .describe(
      'production refuses the development secrets, needs MMHUB_JWT_AUDIENCE and a gateway secret, turns introspection off and requires migrations applied beforehand',
    ),
  MMHUB_NODE: z
    .string()
    .regex(NODE_CODE, 'must be a node code such as riyadh or ministry (lowercase letters, digits, -)')
    .default('ministry')
    .meta({ examples: ['riyadh'] })
    .describe("this node's code: riyadh, jeddah, … or ministry (the hub)"),
  MMHUB_NODE_ROLE: z
    .enum(['hub', 'municipality'], { message: 'must be hub or municipality' })
    .optional()
    .describe("hub keeps every node's data, municipality the ministry's; by default hub for ministry, else municipality"),
  MMHUB_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional()
    .meta({ examples: ['postgresql://mmhub@db:5432/mmhub_riyadh'] })
    .describe(
      "the node's PostgreSQL database, postgresql://user@host:5432/db; without it mmhub serve runs the whole node on an embedded database (development only)",
    ),
  MMHUB_DB_POOL_MAX: int(1, 100).default(10).describe('database connections per service process'),
  MMHUB_EVENT_BUS: z.enum(['kafka', 'memory'], { message: 'must be kafka or memory' }).default('kafka').describe('kafka, or memory for a single process'),
  MMHUB_KAFKA_BROKERS: z
    .string()
    .regex(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, 'must be host:port[,host:port...]')
    .default('127.0.0.1:9092')
    .meta({ examples: ['kafka-1:9092,kafka-2:9092'] })
    .describe("the sector's Kafka brokers, host:port[,host:port...]"),
  MMHUB_KAFKA_CLIENT_ID: z.string().min(1).default('mmhub').describe('Kafka client id, and the prefix of consumer group names'),
  MMHUB_KAFKA_TOPIC_PARTITIONS: int(1, 256).default(6).describe('partitions of the topics this node creates'),
  MMHUB_KAFKA_REPLICATION_FACTOR: int(1, 10).default(1).describe('replication of the topics this node creates'),
  MMHUB_HOST: z.string().min(1).default('127.0.0.1').describe('the address the gateway (or the one service served) listens on'),
  MMHUB_PORT: int(0, 65535)
    .default(4000)
    .describe('the port of the gateway (or of the one service served); mmhub serve puts the services on the three ports after it; 0 for any free port'),
  MMHUB_JWT_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters')
    .optional()
    .describe("HS256 secret of the callers' tokens (32 characters or more); a development secret by default, refused in production"),
  MMHUB_JWT_ISSUER: z.string().min(1).optional().describe('the issuer tokens must name, checked when set'),
  MMHUB_JWT_AUDIENCE: z.string().min(1).optional().describe('the audience tokens must name, checked when set; required in production'),
  MMHUB_JWKS_URL: z
    .url({ protocol: /^https?$/, message: 'must be an https URL (http only in development, or to this machine)' })
    .optional()
    .describe('verify RS256/ES256 tokens with this key set instead of MMHUB_JWT_SECRET; https (http only in development, or to 127.0.0.1, ::1, localhost)'),
  MMHUB_ALLOW_ANONYMOUS_READ: bool.default(false).describe('let callers without a token read; writes always need one'),
  MMHUB_GATEWAY_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters')
    .optional()
    .describe("signs the gateway's proof to its own services (32 characters or more); one per node, required in production"),
  MMHUB_INITIATIVES_URL: z
    .url({ message: 'must be an http(s) URL' })
    .optional()
    .describe('the initiatives service a gateway run alone fronts (http://host:port/graphql)'),
  MMHUB_CALENDAR_URL: z
    .url({ message: 'must be an http(s) URL' })
    .optional()
    .describe('the calendar service a gateway run alone fronts (http://host:port/graphql)'),
  MMHUB_MEDIA_URL: z.url({ message: 'must be an http(s) URL' }).optional().describe('the media service a gateway run alone fronts (http://host:port/graphql)'),
  MMHUB_GATEWAY_MAX_DEPTH: int(2, 100).default(12).describe('deepest query the gateway runs'),
  MMHUB_GATEWAY_MAX_ALIASES: int(0, 1000).default(30).describe('most aliases in one query'),
  MMHUB_GATEWAY_MAX_COST: int(1, 10_000_000).default(50_000).describe('highest estimated cost of one query'),
  MMHUB_GATEWAY_MAX_BODY_BYTES: int(1024, 100 * 1024 * 1024)
    .default(256 * 1024)
    .describe('largest request body, in bytes'),
  MMHUB_GATEWAY_RATE_LIMIT: int(1, 1_000_000).default(600).describe('requests per caller per window'),
  MMHUB_GATEWAY_RATE_WINDOW_SECONDS: int(1, 3600).default(60).describe("the rate limit's window, in seconds"),
  MMHUB_GATEWAY_SUBGRAPH_TIMEOUT_MS: int(100, 600_000).default(10_000).describe('how long the gateway waits for a service, in milliseconds'),
  MMHUB_GATEWAY_TRUSTED_PROXIES: z
    .string()
    .refine((v) => v.split(',').every((a) => isIP(a.trim()) !== 0), 'must be IP addresses separated by commas, such as 10.0.0.5,10.0.0.6')
    .optional()
    .meta({ examples: ['10.0.0.5,10.0.0.6'] })
    .describe(
      'IP addresses of proxies in front of the gateway whose X-Forwarded-For names the client for the rate limit, and whose X-Forwarded-Host, -Proto and -Prefix give the address in feed links; from anyone else these headers are ignored',
    ),
  MMHUB_PERSISTED_OPERATIONS: z
    .string()
    .min(1)
    .optional()
    .meta({ examples: ['dist/console/persisted-operations.json'] })
    .describe("a JSON file of sha256 hash → operation text; when set, only those operations run (the console's is dist/console/persisted-operations.json)"),
  MMHUB_GATEWAY_PROOF_TTL_SECONDS: int(2, 3600).default(60).describe('how long a proof from the gateway to a service holds, in seconds'),
  MMHUB_GATEWAY_CORS_ORIGINS: z
    .string()
    .refine((v) => v.split(',').every((o) => /^https?:\/\/[^/\s,]+$/.test(o.trim())), 'must be origins such as https://media.example.sa, separated by commas')
    .optional()
    .meta({ examples: ['https://media.example.sa'] })
    .describe('browser origins allowed to call the gateway with credentials, comma-separated; none by default'),
  MMHUB_METRICS_PORT: int(0, 65535)
    .optional()
    .describe("the operator's port for the gateway's /metrics (on MMHUB_HOST); required for them in production, else they are on the gateway's port"),
  MMHUB_KNOWN_NODES: z
    .string()
    .refine((v) => v.split(',').every((n) => NODE_CODE.test(n.trim())), 'must be node codes separated by commas, such as riyadh,jeddah')
    .optional()
    .meta({ examples: ['riyadh,jeddah'] })
    .describe("node codes beyond the sector's that a token may name, comma-separated"),
  MMHUB_CONSOLE_OIDC_ISSUER: z
    .url({ protocol: /^https?$/, message: "must be the identity provider's issuer URL, such as https://id.example.gov.sa/realms/mmhub" })
    .optional()
    .describe("the console's sign-in: the OpenID Connect provider's issuer URL (authorization code with PKCE); with MMHUB_CONSOLE_OIDC_CLIENT_ID"),
  MMHUB_CONSOLE_OIDC_CLIENT_ID: z.string().min(1).optional().describe("the console's client id at the provider; with MMHUB_CONSOLE_OIDC_ISSUER"),
  MMHUB_CONSOLE_OIDC_SCOPE: z
    .string()
    .min(1)
    .default('openid')
    .describe('the scopes the console asks for; add what makes the provider put node and roles in the access token'),
  MMHUB_CONSOLE_NODES: z
    .string()
    .refine(
      (v) => v.split(',').every((p) => /^[a-z][a-z0-9-]{1,30}=https?:\/\/\S+$/.test(p.trim())),
      'must be node=URL pairs separated by commas, such as riyadh=http://127.0.0.1:4001',
    )
    .optional()
    .meta({ examples: ['ministry=http://127.0.0.1:4000,riyadh=http://127.0.0.1:4001'] })
    .describe("node=URL pairs of the other nodes' consoles, linked from the sign-in page; set by npm start"),
  MMHUB_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('pino level; logs are JSON lines and never carry tokens'),
  MMHUB_OUTBOX_BATCH_SIZE: int(1, 10000).default(2000).describe('events the relay publishes per batch'),
  MMHUB_OUTBOX_POLL_MS: int(5, 60000).default(200).describe("the relay's idle poll interval, in milliseconds (each commit wakes it at once)"),
  MMHUB_NODE_HEARTBEAT_SECONDS: int(1, 3600).default(10).describe("how often the node's heartbeat goes out on mmhub.nodes.v1, in seconds"),
  MMHUB_NODE_STALE_AFTER_SECONDS: int(2, 86400).default(30).describe('when a silent node turns STALE at the hub, in seconds'),
  MMHUB_EVENT_JOURNAL_HISTORY: z
    .enum(['all', 'none'])
    .default('all')
    .describe("all: a new node's event journal (what subscriptions stream) takes in the topics' whole history; none: only what comes after its first start"),
  MMHUB_OUTBOX_RETENTION_DAYS: int(1, 3650).default(7).describe('sent outbox rows are deleted after this many days (rows not yet published never are)'),
  MMHUB_JOURNAL_RETENTION_DAYS: int(0, 36500)
    .default(90)
    .describe(
      'the journal keeps the events taken in over this many days (0: for ever), and its newest event however old; resuming from an older cursor is refused with the cursor to resume from',
    ),
  MMHUB_INBOX_RETENTION_DAYS: int(0, 36500)
    .default(30)
    .describe("days the consumers' record of applied events is kept (0: for ever); a record redelivered after this is applied again"),
  MMHUB_RETENTION_BATCH_SIZE: int(10, 100_000).default(1000).describe('rows deleted per statement when pruning, each its own short transaction'),
  MMHUB_RETENTION_INTERVAL_SECONDS: int(1, 86400).default(300).describe('how often the event tables are pruned, in seconds'),
  MMHUB_METRICS_ENABLED: bool.default(true).describe('serve Prometheus /metrics on every process'),
  MMHUB_DATA_DIR: z.string().min(1).optional().describe("where npm start keeps the demo's embedded databases (default .mmhub/data; --data-dir overrides it)"),
  MMHUB_EMBEDDED_THREADS: z
    .enum(['all', 'municipalities', 'none'], { message: 'must be all, municipalities or none' })
    .default('none')
    .describe(
      "which of the demo's nodes (npm start) run in worker threads of their own: all, municipalities (the ministry in the main thread) or none (each PGlite still has its own thread; the nodes share one load of the code)",
    ),
  OTEL_EXPORTER_OTLP_ENDPOINT: z
    .url({ message: 'must be an http(s) URL such as http://collector:4318' })
    .optional()
    .describe('traces go to this OTLP/HTTP endpoint, such as http://collector:4318; none are sent when unset'),
  OTEL_SERVICE_NAME: z.string().min(1).optional().describe('the service.name on traces (mmhub when unset)'),
});

const schema = variables.superRefine((c, ctx) => {
  if (Boolean(c.MMHUB_CONSOLE_OIDC_ISSUER) !== Boolean(c.MMHUB_CONSOLE_OIDC_CLIENT_ID))
    ctx.addIssue({
      code: 'custom',
      path: [c.MMHUB_CONSOLE_OIDC_ISSUER ? 'MMHUB_CONSOLE_OIDC_CLIENT_ID' : 'MMHUB_CONSOLE_OIDC_ISSUER'],
      message: 'the console signs in with both MMHUB_CONSOLE_OIDC_ISSUER and MMHUB_CONSOLE_OIDC_CLIENT_ID, or neither',
    });
  if (c.MMHUB_MODE === 'production') {
    if (!c.MMHUB_JWT_SECRET && !c.MMHUB_JWKS_URL)
      ctx.addIssue({ code: 'custom', path: ['MMHUB_JWT_SECRET'], message: 'production mode needs MMHUB_JWT_SECRET or MMHUB_JWKS_URL' });
    if (c.MMHUB_JWT_SECRET === DEVELOPMENT_JWT_SECRET)
      ctx.addIssue({ code: 'custom', path: ['MMHUB_JWT_SECRET'], message: 'production mode refuses the development secret' });
    if (!c.MMHUB_JWT_AUDIENCE) ctx.addIssue({ code: 'custom', path: ['MMHUB_JWT_AUDIENCE'], message: 'production mode needs an audience' });
    if (!c.MMHUB_GATEWAY_SECRET || c.MMHUB_GATEWAY_SECRET === DEVELOPMENT_GATEWAY_SECRET)
      ctx.addIssue({ code: 'custom', path: ['MMHUB_GATEWAY_SECRET'], message: 'production mode needs a gateway secret of its own' });
    // the key set decides who may sign tokens: fetched in clear text, anyone on the path could swap it
    if (c.MMHUB_CONSOLE_OIDC_ISSUER && new URL(c.MMHUB_CONSOLE_OIDC_ISSUER).protocol === 'http:' && !isLoopback(new URL(c.MMHUB_CONSOLE_OIDC_ISSUER).hostname))
      ctx.addIssue({ code: 'custom', path: ['MMHUB_CONSOLE_OIDC_ISSUER'], message: 'production mode needs an https issuer (http only to this machine)' });
    if (c.MMHUB_JWKS_URL && new URL(c.MMHUB_JWKS_URL).protocol === 'http:' && !isLoopback(new URL(c.MMHUB_JWKS_URL).hostname))
      ctx.addIssue({
        code: 'custom',
        path: ['MMHUB_JWKS_URL'],
        message: 'production mode needs an https URL (http only to this machine: 127.0.0.1, ::1 or localhost)',
      });
  }
});

/** Variables whose name carried the MMHUB_ prefix from the start: no older name to refuse. */
const BORN_PREFIXED = new Set(['MMHUB_MODE', 'MMHUB_DATA_DIR', 'MMHUB_EMBEDDED_THREADS']);

/** The names from before the MMHUB_ prefix (NODE, DATABASE_URL, ...), each to the name that replaced it. */
export const RENAMED: ReadonlyMap<string, string> = new Map(
  Object.keys(variables.shape)
    .filter((name) => name.startsWith('MMHUB_') && !BORN_PREFIXED.has(name))
    .map((name) => [name.slice('MMHUB_'.length), name]),
);

/** npm and npx set NODE to the node binary's path: that NODE is theirs, not the old name of MMHUB_NODE. */
const setByNpm = (name: string, value: string) => name === 'NODE' && /[\\/]/.test(value);

/** Hosts whose traffic never leaves this machine. */
function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

export interface Config {
  mode: 'development' | 'production';
  node: string;
  role: 'hub' | 'municipality';
  databaseUrl?: string;
  dbPoolMax: number;
  bus: 'kafka' | 'memory';
  kafka: { brokers: string[]; clientId: string; partitions: number; replicationFactor: number };
  host: string;
  port: number;
  auth: {
    secret?: string;
    issuer?: string;
    audience?: string;
    jwksUrl?: string;
    allowAnonymousRead: boolean;
    /** The nodes a token may name: the sector's, this node, and any in MMHUB_KNOWN_NODES. */
    knownNodes: string[];
  };
  logLevel: string;
  outbox: { batchSize: number; pollMs: number };
  /** Heartbeats on mmhub.nodes.v1, and when a silent node turns STALE. */
  nodes: { heartbeatSeconds: number; staleAfterSeconds: number };
  /** Whether a new journal takes in the topics' history (all) or only what comes after its start (none). */
  journalHistory: 'all' | 'none';
  /** How long the event tables keep their rows, in days (0: for ever), pruned in batches every `intervalMs`. */
  retention: { outboxDays: number; journalDays: number; inboxDays: number; batchSize: number; intervalMs: number };
  /** /metrics on every process (the gateway's on `metricsPort` when set: always so in production); traces only when an OTLP endpoint is set. */
  observability: { metrics: boolean; metricsPort?: number; otlpEndpoint?: string; serviceName?: string };
  /** Shared by a node's gateway and its subgraphs: proves a request came through the gateway. */
  gatewaySecret: string;
  gateway: {
    subgraphUrls: Partial<Record<'initiatives' | 'calendar' | 'media', string>>;
    maxDepth: number;
    maxAliases: number;
    maxCost: number;
    maxBodyBytes: number;
    rateLimit: number;
    rateWindowSeconds: number;
    subgraphTimeoutMs: number;
    /** Proxies whose X-Forwarded-For names the client; from anyone else the header is ignored. */
    trustedProxies: string[];
    persistedOperations?: string;
    /** How long the proof the gateway gives a service holds; renewed for every upstream call. */
    proofTtlSeconds: number;
    /** Origins whose browsers may call with credentials; none by default. */
    corsOrigins: string[];
  };
  /** The embedded demo (npm start): where its databases are kept, and which nodes get threads of their own. */
  demo: { dataDir?: string; threads: 'all' | 'municipalities' | 'none' };
  /** The web console: how it signs people in, and where the other nodes' consoles are (development). */
  console: {
    oidc?: { issuer: string; clientId: string; scope: string };
    nodes: { node: string; url: string }[];
  };
}

/** Reads and validates the configuration once; throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  // an old name left set would otherwise be ignored in silence, and its value with it
  const renamed = Object.entries(present)
    .filter(([name, value]) => RENAMED.has(name) && !setByNpm(name, value!))
    .map(([name]) => `${name}: is now ${RENAMED.get(name)}; set ${RENAMED.get(name)} instead and unset ${name}`);
  const parsed = schema.safeParse(present);
  if (renamed.length || !parsed.success) {
    throw new ConfigError([...renamed, ...(parsed.success ? [] : parsed.error.issues.map((i) => `${String(i.path[0] ?? '?')}: ${i.message}`))]);
  }
  const c = parsed.data;
  return {
    mode: c.MMHUB_MODE,
    node: c.MMHUB_NODE,
    role: c.MMHUB_NODE_ROLE ?? (c.MMHUB_NODE === 'ministry' ? 'hub' : 'municipality'),
    databaseUrl: c.MMHUB_DATABASE_URL,
    dbPoolMax: c.MMHUB_DB_POOL_MAX,
    bus: c.MMHUB_EVENT_BUS,
    kafka: {
      brokers: c.MMHUB_KAFKA_BROKERS.split(','),
      clientId: c.MMHUB_KAFKA_CLIENT_ID,
      partitions: c.MMHUB_KAFKA_TOPIC_PARTITIONS,
      replicationFactor: c.MMHUB_KAFKA_REPLICATION_FACTOR,
    },
    host: c.MMHUB_HOST,
    port: c.MMHUB_PORT,
    auth: {
      secret: c.MMHUB_JWT_SECRET ?? (c.MMHUB_MODE === 'development' ? DEVELOPMENT_JWT_SECRET : undefined),
      issuer: c.MMHUB_JWT_ISSUER,
      audience: c.MMHUB_JWT_AUDIENCE,
      jwksUrl: c.MMHUB_JWKS_URL,
      allowAnonymousRead: c.MMHUB_ALLOW_ANONYMOUS_READ,
      knownNodes: [
        ...new Set([...SECTOR_NODES.map((n) => n.code), c.MMHUB_NODE, ...(c.MMHUB_KNOWN_NODES ? c.MMHUB_KNOWN_NODES.split(',').map((n) => n.trim()) : [])]),
      ],
    },
    logLevel: c.MMHUB_LOG_LEVEL,
    outbox: { batchSize: c.MMHUB_OUTBOX_BATCH_SIZE, pollMs: c.MMHUB_OUTBOX_POLL_MS },
    nodes: { heartbeatSeconds: c.MMHUB_NODE_HEARTBEAT_SECONDS, staleAfterSeconds: c.MMHUB_NODE_STALE_AFTER_SECONDS },
    journalHistory: c.MMHUB_EVENT_JOURNAL_HISTORY,
    retention: {
      outboxDays: c.MMHUB_OUTBOX_RETENTION_DAYS,
      journalDays: c.MMHUB_JOURNAL_RETENTION_DAYS,
      inboxDays: c.MMHUB_INBOX_RETENTION_DAYS,
      batchSize: c.MMHUB_RETENTION_BATCH_SIZE,
      intervalMs: c.MMHUB_RETENTION_INTERVAL_SECONDS * 1000,
    },
    observability: {
      metrics: c.MMHUB_METRICS_ENABLED,
      metricsPort: c.MMHUB_METRICS_PORT,
      otlpEndpoint: c.OTEL_EXPORTER_OTLP_ENDPOINT,
      serviceName: c.OTEL_SERVICE_NAME,
    },
    gatewaySecret: c.MMHUB_GATEWAY_SECRET ?? DEVELOPMENT_GATEWAY_SECRET,
    gateway: {
      subgraphUrls: { initiatives: c.MMHUB_INITIATIVES_URL, calendar: c.MMHUB_CALENDAR_URL, media: c.MMHUB_MEDIA_URL },
      maxDepth: c.MMHUB_GATEWAY_MAX_DEPTH,
      maxAliases: c.MMHUB_GATEWAY_MAX_ALIASES,
      maxCost: c.MMHUB_GATEWAY_MAX_COST,
      maxBodyBytes: c.MMHUB_GATEWAY_MAX_BODY_BYTES,
      rateLimit: c.MMHUB_GATEWAY_RATE_LIMIT,
      rateWindowSeconds: c.MMHUB_GATEWAY_RATE_WINDOW_SECONDS,
      subgraphTimeoutMs: c.MMHUB_GATEWAY_SUBGRAPH_TIMEOUT_MS,
      trustedProxies: c.MMHUB_GATEWAY_TRUSTED_PROXIES ? c.MMHUB_GATEWAY_TRUSTED_PROXIES.split(',').map((a) => a.trim()) : [],
      persistedOperations: c.MMHUB_PERSISTED_OPERATIONS,
      proofTtlSeconds: c.MMHUB_GATEWAY_PROOF_TTL_SECONDS,
      corsOrigins: c.MMHUB_GATEWAY_CORS_ORIGINS ? c.MMHUB_GATEWAY_CORS_ORIGINS.split(',').map((o) => o.trim()) : [],
    },
    demo: { dataDir: c.MMHUB_DATA_DIR, threads: c.MMHUB_EMBEDDED_THREADS },
    console: {
      oidc:
        c.MMHUB_CONSOLE_OIDC_ISSUER && c.MMHUB_CONSOLE_OIDC_CLIENT_ID
          ? { issuer: c.MMHUB_CONSOLE_OIDC_ISSUER, clientId: c.MMHUB_CONSOLE_OIDC_CLIENT_ID, scope: c.MMHUB_CONSOLE_OIDC_SCOPE }
          : undefined,
      nodes: c.MMHUB_CONSOLE_NODES
        ? c.MMHUB_CONSOLE_NODES.split(',').map((p) => {
            const [node, ...url] = p.trim().split('=');
            return { node, url: url.join('=').replace(/\/+$/, '') };
          })
        : [],
    },
  };
}
