import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { buildSubgraph } from '../../services/kernel/src/graphql';
import { createLogger } from '../../services/kernel/src/observability';
import { loadConfig, DEVELOPMENT_GATEWAY_SECRET, DEVELOPMENT_JWT_SECRET } from '../../services/kernel/src/config';
import { newId } from '../../services/kernel/src/domain';
import { signToken, type Role } from '../../services/kernel/src/auth';
import { initiativesService } from '../../services/initiatives/src/service';
import { calendarService } from '../../services/calendar/src/service';
import { mediaService } from '../../services/media/src/service';
import { startGateway, type RunningGateway } from '../../gateway/src/gateway';
import type { SubgraphSource } from '../../gateway/src/compose';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { eventually, startTestService, testNodeEnv, type GraphQLResult, type TestNode } from '../support/node';
import { freePortBlock, startServeProcess, type ServeProcess } from '../support/process';
import { code } from '../initiatives/fixtures';

/** A gateway of this test's own, in front of the services given. */
async function gatewayFor(subgraphs: SubgraphSource[], env: Record<string, string> = {}): Promise<RunningGateway> {
  const config = loadConfig({
    MMHUB_NODE: 'riyadh',
    MMHUB_PORT: '0',
    MMHUB_JWT_SECRET: DEVELOPMENT_JWT_SECRET,
    MMHUB_GATEWAY_SECRET: DEVELOPMENT_GATEWAY_SECRET,
    MMHUB_LOG_LEVEL: 'silent',
    ...env,
  });
  return startGateway({ config, subgraphs, log: createLogger('silent') });
}

const token = (roles: Role[]) => signToken(DEVELOPMENT_JWT_SECRET, { sub: `riyadh-${roles.join('-')}-resilience`, node: 'riyadh', roles });

async function post(gateway: RunningGateway, query: string, variables: Record<string, unknown>, bearer: string): Promise<GraphQLResult & { status: number }> {
  const res = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, ...((await res.json()) as GraphQLResult) };
}

const at = (gateway: RunningGateway, resource: string) => gateway.url.replace('/graphql', resource);
const unavailable = (service: string, where?: unknown[]) => ({
  message: `The ${service} service is not answering; its fields are missing from this answer.`,
  ...(where ? { path: where } : {}),
  extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: service, messageAr: expect.stringContaining(service) },
});
const subgraphOf = (t: TestNode): SubgraphSource => ({ name: t.service.name, url: t.service.url, sdl: t.service.sdl });

describe('a service that takes a request and never answers', () => {
  const TIMEOUT_MS = 500;
  let initiatives: TestNode;
  let silent: http.Server;
  const held = new Set<Socket>();
  let gateway: RunningGateway;

  beforeAll(async () => {
    initiatives = await startTestService(initiativesService);
    // every request is held open, unanswered, until the test ends
    silent = http.createServer(() => undefined);
    silent.on('connection', (s) => {
      held.add(s);
      s.on('close', () => held.delete(s));
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const media = {
      name: 'media',
      url: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/graphql`,
      sdl: (await buildSubgraph(mediaService.subgraph)).sdl,
    };
    gateway = await gatewayFor([subgraphOf(initiatives), media], { MMHUB_GATEWAY_SUBGRAPH_TIMEOUT_MS: String(TIMEOUT_MS) });
  }, 60_000);
  afterAll(async () => {
    await gateway?.stop();
    for (const s of held) s.destroy();
    await new Promise<void>((r) => (silent ? silent.close(() => r()) : r()));
    await initiatives?.stop();
  });

  it('gives up after MMHUB_GATEWAY_SUBGRAPH_TIMEOUT_MS, naming the service, answers the rest, and serves the next request', async () => {
    const viewer = await token(['viewer']);
    const started = performance.now();
    const r = await post(gateway, 'query($m: ID!) { initiatives(first: 1) { totalCount } mediaMessage(id: $m) { id } }', { m: newId() }, viewer);
    const elapsed = performance.now() - started;
    expect(r.status).toBe(200);
    expect(typeof r.data?.initiatives.totalCount).toBe('number');
    expect(r.data?.mediaMessage).toBeNull();
    // a fetch for root fields fails as a whole: the error has no path below the root
    expect(r.errors).toEqual([unavailable('media')]);
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 4000);

    const next = await post(gateway, '{ initiatives(first: 1) { totalCount } }', {}, viewer);
    expect(next.errors).toBeUndefined();
    expect(typeof next.data?.initiatives.totalCount).toBe('number');
  });
});

describe('readiness of the node', () => {
  let initiatives: TestNode;
  let calendar: TestNode;
  let gateway: RunningGateway;

  beforeAll(async () => {
    initiatives = await startTestService(initiativesService);
    // a broker address where nothing listens: the service starts, takes writes, and says its bus is down
    calendar = await startTestService(calendarService, { env: { MMHUB_KAFKA_BROKERS: `127.0.0.1:${await freePortBlock(1)}` }, waitForConsumers: false });
    gateway = await gatewayFor([subgraphOf(initiatives), subgraphOf(calendar)]);
  }, 60_000);
  afterAll(async () => {
    await gateway?.stop();
    await calendar?.stop();
    await initiatives?.stop();
  });

  it('stays ready while a service cannot reach the broker: it still answers, its outbox keeps the events', async () => {
    const own = await fetch(calendar.service.url.replace('/graphql', '/ready'));
    expect(own.status).toBe(503);
    expect(await own.json()).toMatchObject({ database: true, bus: false });
    const ready = await fetch(at(gateway, '/ready'));
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      node: 'riyadh',
      services: { initiatives: true, calendar: true },
      addresses: expect.any(Object),
      bus: 'kafka',
    });
  });

  it('is not ready once a service has lost its database, though that service is alive', async () => {
    // dropped with its connections: the service's pool cannot reach it again
    await initiatives.db.drop();
    const ready = await eventually(
      async () => {
        const res = await fetch(at(gateway, '/ready'));
        return res.status === 503 ? res : undefined;
      },
      20_000,
      'the gateway not ready',
    );
    expect(await ready.json()).toEqual({
      status: 'not ready',
      node: 'riyadh',
      services: { initiatives: false, calendar: true },
      addresses: expect.any(Object),
      bus: 'kafka',
    });
    expect((await fetch(initiatives.service.url.replace('/graphql', '/health'))).status).toBe(200);
    expect((await fetch(at(gateway, '/health'))).status).toBe(200);
  });
});

describe('a service whose own process is stopped', () => {
  let db: TestDatabase;
  let initiatives: TestNode;
  let calendar: TestNode;
  let media: ServeProcess;
  let gateway: RunningGateway;
  let editor: string;
  let initiativeId: string;
  const QUERY = 'query($id: ID!) { initiative(id: $id) { titleAr campaigns { titleAr messages { status } } } }';

  beforeAll(async () => {
    db = await createTestDatabase('riyadh');
    initiatives = await startTestService(initiativesService, { db });
    calendar = await startTestService(calendarService, { db });
    // `mmhub serve --service media`, from the compiled code, on the node's database and the test broker
    media = await startServeProcess(['--service', 'media'], testNodeEnv('riyadh', db.url));
    const mediaUrl = media.url.replace('/graphql', '');
    gateway = await gatewayFor([
      subgraphOf(initiatives),
      subgraphOf(calendar),
      { name: 'media', url: `${mediaUrl}/graphql`, sdl: (await buildSubgraph(mediaService.subgraph)).sdl },
    ]);

    editor = await token(['editor']);
    const proposed = await post(
      gateway,
      'mutation($i: ProposeInitiativeInput!) { proposeInitiative(input: $i) { id } }',
      { i: { code: code('RES'), titleAr: 'مبادرة الصمود', axis: 'INFRASTRUCTURE', plannedStart: '2026-01-01', plannedEnd: '2026-12-31' } },
      editor,
    );
    if (proposed.errors) throw new Error(JSON.stringify(proposed.errors));
    initiativeId = proposed.data!.proposeInitiative.id;
    const drafted = await post(
      gateway,
      'mutation($i: DraftCampaignInput!) { draftCampaign(input: $i) { campaign { id } } }',
      {
        i: {
          titleAr: 'حملة الصمود',
          axis: 'INFRASTRUCTURE',
          audiences: ['FAMILIES'],
          channels: ['X'],
          startsAt: '2031-04-01T09:00:00+03:00',
          endsAt: '2031-04-20T09:00:00+03:00',
          initiativeIds: [initiativeId],
        },
      },
      editor,
    );
    if (drafted.errors) throw new Error(JSON.stringify(drafted.errors));
  }, 150_000);

  afterAll(async () => {
    await media?.stop();
    await gateway?.stop();
    await calendar?.stop();
    await initiatives?.stop();
    await db?.drop();
  });

  it('is alive and ready, and answers across the three services, while they all run', async () => {
    expect((await fetch(at(gateway, '/health'))).status).toBe(200);
    const ready = await fetch(at(gateway, '/ready'));
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      node: 'riyadh',
      services: { initiatives: true, calendar: true, media: true },
      addresses: expect.any(Object),
      // in development: what `mmhub events tail` asks
      bus: 'kafka',
    });
    const r = await post(gateway, QUERY, { id: initiativeId }, editor);
    expect(r.errors).toBeUndefined();
    expect(r.data?.initiative).toEqual({ titleAr: 'مبادرة الصمود', campaigns: [{ titleAr: 'حملة الصمود', messages: [] }] });
  });

  it('after SIGTERM to media: the other services still answer, the error names media, and the node is not ready', async () => {
    // a clean stop: it drains and closes rather than dying
    expect(await media.stop()).toBe(0);

    const r = await post(gateway, QUERY, { id: initiativeId }, editor);
    expect(r.status).toBe(200);
    expect(r.data?.initiative.titleAr).toBe('مبادرة الصمود');
    expect(r.data?.initiative.campaigns[0].titleAr).toBe('حملة الصمود');
    expect(r.data?.initiative.campaigns[0].messages ?? null).toBeNull();
    expect(r.errors).toEqual([unavailable('media', ['initiative', 'campaigns'])]);

    const ready = await fetch(at(gateway, '/ready'));
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({
      status: 'not ready',
      node: 'riyadh',
      services: { initiatives: true, calendar: true, media: false },
      addresses: expect.any(Object),
      bus: 'kafka',
    });
    expect((await fetch(at(gateway, '/health'))).status).toBe(200);
  });
});
