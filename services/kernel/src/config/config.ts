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

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const int = (min: number, max: number) =>
  z.coerce
    .number({ message: 'must be a whole number' })
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

const schema = z
  .object({
    MMHUB_MODE: z.enum(['development', 'production'], { message: 'must be development or production' }).default('development'),
    NODE: z.string().regex(NODE_CODE, 'must be a node code such as riyadh or ministry (lowercase letters, digits, -)').default('ministry'),
    NODE_ROLE: z.enum(['hub', 'municipality'], { message: 'must be hub or municipality' }).optional(),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    DB_POOL_MAX: int(1, 100).default(10),
    EVENT_BUS: z.enum(['kafka', 'memory'], { message: 'must be kafka or memory' }).default('kafka'),
    KAFKA_BROKERS: z
      .string()
      .regex(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, 'must be host:port[,host:port...]')
      .default('127.0.0.1:9092'),
    KAFKA_CLIENT_ID: z.string().min(1).default('mmhub'),
    KAFKA_TOPIC_PARTITIONS: int(1, 256).default(6),
    KAFKA_REPLICATION_FACTOR: int(1, 10).default(1),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: int(0, 65535).default(4000),
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    JWT_ISSUER: z.string().min(1).optional(),
    JWT_AUDIENCE: z.string().min(1).optional(),
    JWKS_URL: z.url({ protocol: /^https?$/, message: 'must be an https URL (http only in development, or to this machine)' }).optional(),
    ALLOW_ANONYMOUS_READ: bool.default(false),
    GATEWAY_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    INITIATIVES_URL: z.url({ message: 'must be an http(s) URL' }).optional(),
    CALENDAR_URL: z.url({ message: 'must be an http(s) URL' }).optional(),
    MEDIA_URL: z.url({ message: 'must be an http(s) URL' }).optional(),
    GATEWAY_MAX_DEPTH: int(2, 100).default(12),
    GATEWAY_MAX_ALIASES: int(0, 1000).default(30),
    GATEWAY_MAX_COST: int(1, 10_000_000).default(50_000),
    GATEWAY_MAX_BODY_BYTES: int(1024, 100 * 1024 * 1024).default(256 * 1024),
    GATEWAY_RATE_LIMIT: int(1, 1_000_000).default(600),
    GATEWAY_RATE_WINDOW_SECONDS: int(1, 3600).default(60),
    GATEWAY_SUBGRAPH_TIMEOUT_MS: int(100, 600_000).default(10_000),
    GATEWAY_TRUSTED_PROXIES: z
      .string()
      .refine((v) => v.split(',').every((a) => isIP(a.trim()) !== 0), 'must be IP addresses separated by commas, such as 10.0.0.5,10.0.0.6')
      .optional(),
    PERSISTED_OPERATIONS: z.string().min(1).optional(),
    GATEWAY_PROOF_TTL_SECONDS: int(2, 3600).default(60),
    GATEWAY_CORS_ORIGINS: z
      .string()
      .refine((v) => v.split(',').every((o) => /^https?:\/\/[^/\s,]+$/.test(o.trim())), 'must be origins such as https://media.example.sa, separated by commas')
      .optional(),
    METRICS_PORT: int(0, 65535).optional(),
    KNOWN_NODES: z
      .string()
      .refine((v) => v.split(',').every((n) => NODE_CODE.test(n.trim())), 'must be node codes separated by commas, such as riyadh,jeddah')
      .optional(),
    CONSOLE_OIDC_ISSUER: z.url({ protocol: /^https?$/, message: 'must be the identity provider\'s issuer URL, such as https://id.example.gov.sa/realms/mmhub' }).optional(),
    CONSOLE_OIDC_CLIENT_ID: z.string().min(1).optional(),
    CONSOLE_OIDC_SCOPE: z.string().min(1).default('openid'),
    CONSOLE_NODES: z
      .string()
      .refine((v) => v.split(',').every((p) => /^[a-z][a-z0-9-]{1,30}=https?:\/\/\S+$/.test(p.trim())), 'must be node=URL pairs separated by commas, such as riyadh=http://127.0.0.1:4001')
      .optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    OUTBOX_BATCH_SIZE: int(1, 10000).default(2000),
    OUTBOX_POLL_MS: int(5, 60000).default(200),
    NODE_HEARTBEAT_SECONDS: int(1, 3600).default(10),
    NODE_STALE_AFTER_SECONDS: int(2, 86400).default(30),
    EVENT_JOURNAL_HISTORY: z.enum(['all', 'none']).default('all'),
    OUTBOX_RETENTION_DAYS: int(1, 3650).default(7),
    JOURNAL_RETENTION_DAYS: int(0, 36500).default(90),
    INBOX_RETENTION_DAYS: int(0, 36500).default(30),
    RETENTION_BATCH_SIZE: int(10, 100_000).default(1000),
    RETENTION_INTERVAL_SECONDS: int(1, 86400).default(300),
    METRICS_ENABLED: bool.default(true),
    OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ message: 'must be an http(s) URL such as http://collector:4318' }).optional(),
    OTEL_SERVICE_NAME: z.string().min(1).optional(),
  })
  .superRefine((c, ctx) => {
    if (Boolean(c.CONSOLE_OIDC_ISSUER) !== Boolean(c.CONSOLE_OIDC_CLIENT_ID))
      ctx.addIssue({ code: 'custom', path: [c.CONSOLE_OIDC_ISSUER ? 'CONSOLE_OIDC_CLIENT_ID' : 'CONSOLE_OIDC_ISSUER'], message: 'the console signs in with both CONSOLE_OIDC_ISSUER and CONSOLE_OIDC_CLIENT_ID, or neither' });
    if (c.MMHUB_MODE === 'production') {
      if (!c.JWT_SECRET && !c.JWKS_URL)
        ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'production mode needs JWT_SECRET or JWKS_URL' });
      if (c.JWT_SECRET === DEVELOPMENT_JWT_SECRET)
        ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'production mode refuses the development secret' });
      if (!c.JWT_AUDIENCE)
        ctx.addIssue({ code: 'custom', path: ['JWT_AUDIENCE'], message: 'production mode needs an audience' });
      if (!c.GATEWAY_SECRET || c.GATEWAY_SECRET === DEVELOPMENT_GATEWAY_SECRET)
        ctx.addIssue({ code: 'custom', path: ['GATEWAY_SECRET'], message: 'production mode needs a gateway secret of its own' });
      // the key set decides who may sign tokens: fetched in clear text, anyone on the path could swap it
      if (c.CONSOLE_OIDC_ISSUER && new URL(c.CONSOLE_OIDC_ISSUER).protocol === 'http:' && !isLoopback(new URL(c.CONSOLE_OIDC_ISSUER).hostname))
        ctx.addIssue({ code: 'custom', path: ['CONSOLE_OIDC_ISSUER'], message: 'production mode needs an https issuer (http only to this machine)' });
      if (c.JWKS_URL && new URL(c.JWKS_URL).protocol === 'http:' && !isLoopback(new URL(c.JWKS_URL).hostname))
        ctx.addIssue({ code: 'custom', path: ['JWKS_URL'], message: 'production mode needs an https URL (http only to this machine: 127.0.0.1, ::1 or localhost)' });
    }
  });

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
    /** The nodes a token may name: the sector's, this node, and any in KNOWN_NODES. */
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
  /** The web console: how it signs people in, and where the other nodes' consoles are (development). */
  console: {
    oidc?: { issuer: string; clientId: string; scope: string };
    nodes: { node: string; url: string }[];
  };
}

/** Reads and validates the configuration once; throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${String(i.path[0] ?? '?')}: ${i.message}`));
  }
  const c = parsed.data;
  return {
    mode: c.MMHUB_MODE,
    node: c.NODE,
    role: c.NODE_ROLE ?? (c.NODE === 'ministry' ? 'hub' : 'municipality'),
    databaseUrl: c.DATABASE_URL,
    dbPoolMax: c.DB_POOL_MAX,
    bus: c.EVENT_BUS,
    kafka: {
      brokers: c.KAFKA_BROKERS.split(','),
      clientId: c.KAFKA_CLIENT_ID,
      partitions: c.KAFKA_TOPIC_PARTITIONS,
      replicationFactor: c.KAFKA_REPLICATION_FACTOR,
    },
    host: c.HOST,
    port: c.PORT,
    auth: {
      secret: c.JWT_SECRET ?? (c.MMHUB_MODE === 'development' ? DEVELOPMENT_JWT_SECRET : undefined),
      issuer: c.JWT_ISSUER,
      audience: c.JWT_AUDIENCE,
      jwksUrl: c.JWKS_URL,
      allowAnonymousRead: c.ALLOW_ANONYMOUS_READ,
      knownNodes: [...new Set([...SECTOR_NODES.map((n) => n.code), c.NODE, ...(c.KNOWN_NODES ? c.KNOWN_NODES.split(',').map((n) => n.trim()) : [])])],
    },
    logLevel: c.LOG_LEVEL,
    outbox: { batchSize: c.OUTBOX_BATCH_SIZE, pollMs: c.OUTBOX_POLL_MS },
    nodes: { heartbeatSeconds: c.NODE_HEARTBEAT_SECONDS, staleAfterSeconds: c.NODE_STALE_AFTER_SECONDS },
    journalHistory: c.EVENT_JOURNAL_HISTORY,
    retention: {
      outboxDays: c.OUTBOX_RETENTION_DAYS,
      journalDays: c.JOURNAL_RETENTION_DAYS,
      inboxDays: c.INBOX_RETENTION_DAYS,
      batchSize: c.RETENTION_BATCH_SIZE,
      intervalMs: c.RETENTION_INTERVAL_SECONDS * 1000,
    },
    observability: { metrics: c.METRICS_ENABLED, metricsPort: c.METRICS_PORT, otlpEndpoint: c.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: c.OTEL_SERVICE_NAME },
    gatewaySecret: c.GATEWAY_SECRET ?? DEVELOPMENT_GATEWAY_SECRET,
    gateway: {
      subgraphUrls: { initiatives: c.INITIATIVES_URL, calendar: c.CALENDAR_URL, media: c.MEDIA_URL },
      maxDepth: c.GATEWAY_MAX_DEPTH,
      maxAliases: c.GATEWAY_MAX_ALIASES,
      maxCost: c.GATEWAY_MAX_COST,
      maxBodyBytes: c.GATEWAY_MAX_BODY_BYTES,
      rateLimit: c.GATEWAY_RATE_LIMIT,
      rateWindowSeconds: c.GATEWAY_RATE_WINDOW_SECONDS,
      subgraphTimeoutMs: c.GATEWAY_SUBGRAPH_TIMEOUT_MS,
      trustedProxies: c.GATEWAY_TRUSTED_PROXIES ? c.GATEWAY_TRUSTED_PROXIES.split(',').map((a) => a.trim()) : [],
      persistedOperations: c.PERSISTED_OPERATIONS,
      proofTtlSeconds: c.GATEWAY_PROOF_TTL_SECONDS,
      corsOrigins: c.GATEWAY_CORS_ORIGINS ? c.GATEWAY_CORS_ORIGINS.split(',').map((o) => o.trim()) : [],
    },
    console: {
      oidc: c.CONSOLE_OIDC_ISSUER && c.CONSOLE_OIDC_CLIENT_ID ? { issuer: c.CONSOLE_OIDC_ISSUER, clientId: c.CONSOLE_OIDC_CLIENT_ID, scope: c.CONSOLE_OIDC_SCOPE } : undefined,
      nodes: c.CONSOLE_NODES
        ? c.CONSOLE_NODES.split(',').map((p) => {
            const [node, ...url] = p.trim().split('=');
            return { node, url: url.join('=').replace(/\/+$/, '') };
          })
        : [],
    },
  };
}
