import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { initiativesService } from '../../services/initiatives/src/service';
import { ConfigError, DEVELOPMENT_JWT_SECRET, loadConfig } from '../../services/kernel/src/config';
import { signToken } from '../../services/kernel/src/auth';
import { startService } from '../../services/kernel/src/service';
import type { GraphQLResult } from '../support/node';
import { runMmhub, startNodeProcess, startServeProcess } from '../support/process';
import { PROPOSE, proposal } from './fixtures';

/** One query across the node's three services: the initiative, its campaigns (calendar) and its messages (media). */
const ACROSS = `query($id: ID!) { initiative(id: $id) { id node titleAr campaigns { id } messages { id } } }`;

async function post(url: string, query: string, variables: Record<string, unknown>, token: string): Promise<GraphQLResult> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as GraphQLResult;
}

const riyadhEditor = () => signToken(DEVELOPMENT_JWT_SECRET, { sub: 'riyadh-editor', node: 'riyadh', roles: ['editor'] });

describe('mmhub serve --node riyadh', () => {
  it('runs the node on PostgreSQL and Kafka when MMHUB_DATABASE_URL is set, answering through its gateway', async () => {
    const riyadh = await startNodeProcess('riyadh', {}, { nodeFlag: true });
    try {
      const editor = await riyadhEditor();
      const proposed = await riyadh.graphql(PROPOSE, { input: proposal() }, editor);
      expect(proposed.errors).toBeUndefined();
      const id = proposed.data!.proposeInitiative.id as string;
      // the node is the one named by --node: MMHUB_NODE is not set
      expect(proposed.data!.proposeInitiative.node).toBe('riyadh');
      const r = await riyadh.graphql(ACROSS, { id }, editor);
      expect(r).toEqual({ data: { initiative: { id, node: 'riyadh', titleAr: 'بوابة الأمانة الرقمية', campaigns: [], messages: [] } } });
      expect(await riyadh.sql('select node from initiatives.initiative where id = $1', [id])).toEqual([{ node: 'riyadh' }]);
    } finally {
      await riyadh.dispose();
    }
  }, 200_000);

  it('runs the node on an embedded database and an in-process bus when MMHUB_DATABASE_URL is not set, keeping its data across a restart', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mmhub-serve-'));
    const serve = await startServeProcess(['--node', 'riyadh', '--data-dir', dataDir], {
      MMHUB_DATABASE_URL: undefined,
      MMHUB_NODE: undefined,
      MMHUB_EVENT_BUS: undefined,
      MMHUB_MODE: undefined,
    });
    try {
      expect(serve.output()).toContain('mmhub serve: node riyadh on an embedded database');
      expect(existsSync(path.join(dataDir, 'riyadh', 'PG_VERSION'))).toBe(true);
      // the services on the ports after the gateway's, as `mmhub serve` puts them and `mmhub status` looks for them
      for (const offset of [1, 2, 3]) expect((await fetch(`http://127.0.0.1:${serve.port + offset}/ready`)).status).toBe(200);

      // mmhub status finds the node's processes, each naming itself riyadh's; at another node's name it says whose they are
      const status = await runMmhub(['status', '--node', 'riyadh', '--port', String(serve.port)], { NODE_ENV: undefined });
      expect(status.stdout).toMatch(/^initiatives +ready/m);
      expect(status.stdout).toMatch(/^media +ready/m);
      expect(status.code).toBe(0);
      const wrong = await runMmhub(['status', '--node', 'jeddah', '--port', String(serve.port)]);
      expect(wrong.stdout).toContain(`http://127.0.0.1:${serve.port} is riyadh's gateway, not jeddah's`);
      expect(wrong.code).toBe(1);

      const editor = await riyadhEditor();
      const proposed = await post(serve.url, PROPOSE, { input: proposal() }, editor);
      expect(proposed.errors).toBeUndefined();
      const id = proposed.data!.proposeInitiative.id as string;
      expect(proposed.data!.proposeInitiative.node).toBe('riyadh');
      const expected = { data: { initiative: { id, node: 'riyadh', titleAr: 'بوابة الأمانة الرقمية', campaigns: [], messages: [] } } };
      expect(await post(serve.url, ACROSS, { id }, editor)).toEqual(expected);

      expect(await serve.stop()).toBe(0);
      await serve.start();
      expect(await post(serve.url, ACROSS, { id }, editor)).toEqual(expected);
      expect(await serve.stop()).toBe(0);
    } finally {
      await serve.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 200_000);
});

describe('a database is required', () => {
  const production = { MMHUB_MODE: 'production', MMHUB_JWT_SECRET: 'j'.repeat(40), MMHUB_JWT_AUDIENCE: 'mmhub', MMHUB_GATEWAY_SECRET: 'g'.repeat(40) };
  // the port the command would take is held by another program: what the configuration lacks is still what it names
  let busy: Server;
  let MMHUB_PORT: string;
  beforeAll(async () => {
    busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    MMHUB_PORT = String((busy.address() as AddressInfo).port);
  });
  afterAll(() => new Promise((resolve) => busy.close(resolve)));

  it('to serve one service alone: a configuration error naming MMHUB_DATABASE_URL, with its exit code', async () => {
    const r = await runMmhub(['serve', '--service', 'initiatives', '--node', 'riyadh'], { MMHUB_PORT, MMHUB_DATABASE_URL: undefined, MMHUB_MODE: undefined });
    expect(r.stderr).toContain('Invalid configuration:\n  - MMHUB_DATABASE_URL: is required to serve the initiatives service');
    expect(r.stderr).not.toContain('in use');
    expect(r.code).toBe(78);
    // the code of every other configuration error
    expect((await runMmhub(['serve', '--service', 'initiatives'], { MMHUB_PORT, MMHUB_DATABASE_URL: 'mysql://riyadh' })).code).toBe(78);
  });

  it('in production mode, which has no embedded database', async () => {
    const r = await runMmhub(['serve', '--node', 'riyadh'], { ...production, MMHUB_PORT, MMHUB_DATABASE_URL: undefined });
    expect(r.stderr).toContain('MMHUB_DATABASE_URL: is required in production mode');
    expect(r.stderr).not.toContain('in use');
    expect(r.code).toBe(78);
  });

  it('with MMHUB_EVENT_BUS=kafka, rather than running on the in-process bus instead', async () => {
    const r = await runMmhub(['serve', '--node', 'riyadh'], { MMHUB_PORT, MMHUB_DATABASE_URL: undefined, MMHUB_MODE: undefined, MMHUB_EVENT_BUS: 'kafka' });
    expect(r.stderr).toContain('MMHUB_DATABASE_URL: is required with MMHUB_EVENT_BUS=kafka');
    expect(r.stderr).not.toContain('in use');
    expect(r.code).toBe(78);
  });

  it("and a gateway alone needs its services' addresses", async () => {
    const r = await runMmhub(['serve', '--service', 'gateway', '--node', 'riyadh'], {
      MMHUB_PORT,
      MMHUB_INITIATIVES_URL: undefined,
      MMHUB_CALENDAR_URL: undefined,
      MMHUB_MEDIA_URL: undefined,
    });
    expect(r.stderr).toContain('a gateway alone needs the URL of at least one service');
    expect(r.stderr).not.toContain('in use');
    expect(r.code).toBe(78);
  });

  it('by startService, as a ConfigError', async () => {
    const starting = startService(initiativesService, loadConfig({ MMHUB_NODE: 'riyadh', MMHUB_LOG_LEVEL: 'silent' }));
    await expect(starting).rejects.toBeInstanceOf(ConfigError);
    await expect(starting).rejects.toThrow(/MMHUB_DATABASE_URL: is required to serve the initiatives service/);
  });
});
