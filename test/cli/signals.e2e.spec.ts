import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEVELOPMENT_JWT_SECRET } from '../../services/kernel/src/config';
import { signToken } from '../../services/kernel/src/auth';
import { createTestDatabase, query, type TestDatabase } from '../support/database';
import { testNodeEnv } from '../support/node';
import { startServeProcess, type ServeProcess } from '../support/process';
import { PROPOSE, proposal } from '../initiatives/fixtures';

/**
 * Every process kind stops on SIGTERM and SIGINT as an operator's would: without NODE_ENV=test,
 * which jest sets and which changes how libraries treat signals.
 */
const OPERATOR = { NODE_ENV: undefined };
const STOP_WITHIN_MS = 10_000;

async function stopTimed(p: ServeProcess, signal: NodeJS.Signals): Promise<{ code: number | null; ms: number }> {
  const started = Date.now();
  const code = await p.stop(signal);
  return { code, ms: Date.now() - started };
}

async function propose(url: string): Promise<string> {
  const token = await signToken(DEVELOPMENT_JWT_SECRET, { sub: 'riyadh-editor', node: 'riyadh', roles: ['editor'] });
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: PROPOSE, variables: { input: proposal() } }),
  });
  const body = (await res.json()) as { data?: { proposeInitiative: { id: string } }; errors?: unknown };
  if (!body.data) throw new Error(JSON.stringify(body.errors));
  return body.data.proposeInitiative.id;
}

describe('a node process stops on a signal, outside NODE_ENV=test', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('signals');
  });
  afterAll(async () => {
    await db?.drop();
  });

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'mmhub serve on PostgreSQL and Kafka, on %s: exits 0 within 10 s, the change it took and its event kept',
    async (signal) => {
      const serve = await startServeProcess([], { ...testNodeEnv('riyadh', db.url), ...OPERATOR });
      try {
        const id = await propose(serve.url);
        const { code, ms } = await stopTimed(serve, signal);
        expect({ code, within: ms < STOP_WITHIN_MS }).toEqual({ code: 0, within: true });
        expect(serve.output()).toContain(`${signal}: stopping...`);
        expect(await query(db.url, 'select id from initiatives.initiative where id = $1', [id])).toEqual([{ id }]);
        // the relay drained before the process ended: no event of the change waits in the outbox
        expect(await query(db.url, 'select count(*)::int as waiting from initiatives.outbox where sent_at is null')).toEqual([{ waiting: 0 }]);
      } finally {
        await serve.stop('SIGKILL');
      }
    },
    240_000,
  );

  it('mmhub serve --service initiatives and --service gateway: each exits 0 within 10 s', async () => {
    const service = await startServeProcess(['--service', 'initiatives'], { ...testNodeEnv('riyadh', db.url), ...OPERATOR });
    let gateway: ServeProcess | undefined;
    try {
      gateway = await startServeProcess(['--service', 'gateway'], {
        MMHUB_NODE: 'riyadh',
        MMHUB_INITIATIVES_URL: `http://127.0.0.1:${service.port}/graphql`,
        ...OPERATOR,
      });
      expect(await propose(gateway.url)).toEqual(expect.any(String));
      const g = await stopTimed(gateway, 'SIGINT');
      expect({ code: g.code, within: g.ms < STOP_WITHIN_MS }).toEqual({ code: 0, within: true });
      const s = await stopTimed(service, 'SIGTERM');
      expect({ code: s.code, within: s.ms < STOP_WITHIN_MS }).toEqual({ code: 0, within: true });
      expect(await query(db.url, 'select count(*)::int as waiting from initiatives.outbox where sent_at is null')).toEqual([{ waiting: 0 }]);
    } finally {
      await gateway?.stop('SIGKILL');
      await service.stop('SIGKILL');
    }
  }, 240_000);

  it('mmhub serve on the embedded database, on SIGTERM: exits 0 within 10 s and keeps the change', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mmhub-signals-'));
    const serve = await startServeProcess(['--node', 'riyadh', '--data-dir', dataDir], {
      MMHUB_DATABASE_URL: undefined,
      MMHUB_NODE: undefined,
      MMHUB_EVENT_BUS: undefined,
      MMHUB_MODE: undefined,
      ...OPERATOR,
    });
    try {
      const id = await propose(serve.url);
      const { code, ms } = await stopTimed(serve, 'SIGTERM');
      expect({ code, within: ms < STOP_WITHIN_MS }).toEqual({ code: 0, within: true });
      await serve.start();
      const token = await signToken(DEVELOPMENT_JWT_SECRET, { sub: 'riyadh-viewer', node: 'riyadh', roles: ['viewer'] });
      const res = await fetch(serve.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: 'query($id: ID!) { initiative(id: $id) { id } }', variables: { id } }),
      });
      expect(await res.json()).toEqual({ data: { initiative: { id } } });
      expect(await serve.stop('SIGINT')).toBe(0);
    } finally {
      await serve.stop('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 240_000);
});
