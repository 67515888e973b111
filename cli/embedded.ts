import { rmSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, createLogger, MemoryBus, signToken } from '../services/kernel/src';
import { startEmbeddedPostgres } from '../services/kernel/src/db/embedded';
import { services } from './services';
import { startNode } from './node';

export interface EmbeddedOptions {
  env: Record<string, string | undefined>;
  reset: boolean;
  dataDir?: string;
}

/** One node in one process: PGlite for the database, the in-process bus, every service. */
export async function startEmbedded(o: EmbeddedOptions): Promise<{ stop(): Promise<void> }> {
  const started = Date.now();
  const base = loadConfig({ ...o.env, EVENT_BUS: 'memory' });
  const log = createLogger(base.logLevel, { node: base.node });
  const dataDir = path.resolve(o.dataDir ?? o.env.MMHUB_DATA_DIR ?? '.mmhub/data', base.node);
  if (o.reset) rmSync(dataDir, { recursive: true, force: true });
  // one connection per service: PGlite is a single session, and pools must not exceed its slots
  const pg = await startEmbeddedPostgres(dataDir, services.length * 2);
  let node;
  try {
    node = await startNode({
      env: { ...o.env, EVENT_BUS: 'memory', DATABASE_URL: pg.url, DB_POOL_MAX: '2' },
      bus: new MemoryBus(),
      log,
      migrate: true,
      anyPorts: true,
    });
  } catch (e) {
    await pg.close();
    throw e;
  }
  const token = await signToken(base.auth.secret!, { sub: `${base.node}-editor`, node: base.node, roles: ['editor', 'admin'], audience: base.auth.audience, issuer: base.auth.issuer });
  const lines = [
    '',
    `mmhub node "${base.node}" is up (embedded: PGlite in ${dataDir}, in-process events) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    `  GraphQL (GraphiQL in a browser)  ${node.gateway.url}`,
    '',
    'A development token (editor, admin), valid 8 hours; more with "npx mmhub token":',
    `  TOKEN=${token}`,
    '',
    'Try:',
    `  curl -s ${node.gateway.url} -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" \\`,
    `    -d '{"query":"{ initiatives(first: 5) { totalCount edges { node { code titleAr status rag } } } }"}'`,
    '',
    'Stop with Ctrl+C; data is kept (start with --reset to begin again).',
    '',
  ];
  process.stdout.write(lines.join('\n'));
  return {
    stop: async () => {
      await node.stop();
      await pg.close();
    },
  };
}
