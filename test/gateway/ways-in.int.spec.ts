import http from 'node:http';
import { GATEWAY_PROOF_HEADER, signGatewayProof } from '../../services/kernel/src/auth';
import { DEVELOPMENT_GATEWAY_SECRET } from '../../services/kernel/src/config';
import { startTestNode, type TestGatewayNode } from '../support/node';
import { subscribeSse, subscribeWs } from '../support/subscriptions';

/**
 * Hostile requests aimed at the gateway and at each service directly: no path, transport or proof
 * reaches data without a verified caller, and every request at the gateway is counted by the rate
 * limit, whatever its path and whatever becomes of it.
 */
let riyadh: TestGatewayNode;
const LIMIT = 60;
const SECRET_TITLE = 'حملة سرية لم تنشر بعد';

interface Raw {
  status: number;
  body: string;
}

/** A request with its path sent exactly as written: no client-side resolution of dot segments. */
function raw(port: number, path: string, o: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: o.method ?? 'GET',
        headers: { ...(o.body ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(o.body)) } : {}), ...o.headers },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        // an event stream stays open: what came in its first moments is enough
        setTimeout(() => res.destroy(), 1500).unref();
        res.on('close', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    if (o.body) req.write(o.body);
    req.end();
  });
}

const QUERY = '{ campaigns(first: 5) { edges { node { id titleAr status } } } }';
const q = encodeURIComponent(QUERY);
const gatewayPort = () => riyadh.running.gateway.port;
const servicePort = (name: string) => riyadh.running.services.find((s) => s.name === name)!.port;

/** No campaign, no schema, no metrics, nothing but a refusal. */
function expectNoData(r: Raw): void {
  expect(r.body).not.toContain(SECRET_TITLE);
  expect(r.body).not.toMatch(/"data":\{"campaigns":\{/);
  expect(r.body).not.toContain('"sdl"');
  expect(r.body).not.toContain('mmhub_graphql_requests_total');
  expect(r.body).not.toContain('"database"');
}

/** Path tricks on each route of the gateway: dot segments raw and encoded, backslashes, double and trailing slashes, other prefixes. */
const TRICKS = [
  `/calendar.ics/../graphql?query=${q}`,
  `/calendar.ics/%2e%2e/graphql?query=${q}`,
  `/calendar.ics/.%2E/graphql?query=${q}`,
  `/calendar.ics/%2E%2E%2Fgraphql?query=${q}`,
  `/calendar.ics\\..\\graphql?query=${q}`,
  `/calendar.ics/..\\graphql?query=${q}`,
  `/calendar/items/../../graphql?query=${q}`,
  `/calendar/items/%2e%2e/%2e%2e/graphql?query=${q}`,
  `/calendar/items/..%2f..%2fgraphql?query=${q}`,
  `/calendar/items/00000000-0000-0000-0000-000000000000.ics/../../../graphql?query=${q}`,
  `/calendar.ics/../ready`,
  `/calendar.ics/../metrics`,
  `/calendar.ics/../health`,
  `/calendar.ics/`,
  `//calendar.ics`,
  `/graphql/?query=${q}`,
  `/graphql//?query=${q}`,
  `//graphql?query=${q}`,
  `/./graphql?query=${q}`,
  `/graphql/.?query=${q}`,
  `/x/../graphql?query=${q}`,
  `/%2e/graphql?query=${q}`,
  `/graphql%2F?query=${q}`,
  `/GRAPHQL?query=${q}`,
  `/graphql;x?query=${q}`,
  `/health/../graphql?query=${q}`,
  `/initiatives/graphql?query=${q}`,
  `/calendar/graphql?query=${q}`,
  `http://127.0.0.1/graphql?query=${q}`,
  `//evil.example/graphql?query=${q}`,
  `/export/calendar.csv`,
  `/export/calendar.csv/../../graphql?query=${q}`,
  `/export/%2e%2e/graphql?query=${q}`,
  `/export/./calendar.json`,
  `/export/calendar.csv/`,
  `/EXPORT/calendar.csv`,
];

beforeAll(async () => {
  riyadh = await startTestNode('riyadh', { env: { MMHUB_GATEWAY_RATE_LIMIT: String(LIMIT), MMHUB_GATEWAY_TRUSTED_PROXIES: '127.0.0.1' } });
  const editor = await riyadh.token(['editor'], 'riyadh', 'riyadh-editor-ways-in');
  const drafted = await raw(gatewayPort(), '/graphql', {
    method: 'POST',
    headers: { authorization: `Bearer ${editor}`, 'x-forwarded-for': '10.9.0.1' },
    body: JSON.stringify({
      query: 'mutation($i: DraftCampaignInput!) { draftCampaign(input: $i) { campaign { id } } }',
      variables: {
        i: {
          titleAr: SECRET_TITLE,
          axis: 'OVERSIGHT',
          audiences: ['RESIDENTS'],
          channels: ['X'],
          startsAt: '2047-03-01T09:00:00+03:00',
          endsAt: '2047-03-10T09:00:00+03:00',
        },
      },
    }),
  });
  expect(drafted.body).toContain('"id"');
}, 120_000);
afterAll(() => riyadh?.stop());

let address = 0;
/** A client address of its own per case, which the trusted proxy (the test) names. */
const fresh = () => `10.8.${Math.floor(++address / 250)}.${(address % 250) + 1}`;

describe('the gateway', () => {
  it.each(TRICKS)('answers %s with no data, over GET, event stream and POST', async (path) => {
    const from = fresh();
    for (const accept of ['text/event-stream', 'application/json', 'text/html']) {
      const r = await raw(gatewayPort(), path, { headers: { accept, 'x-forwarded-for': from } });
      expect(r.status).toBeGreaterThanOrEqual(400);
      expectNoData(r);
    }
    const posted = await raw(gatewayPort(), path, {
      method: 'POST',
      headers: { accept: 'text/event-stream', 'x-forwarded-for': from },
      body: JSON.stringify({ query: QUERY }),
    });
    expect(posted.status).toBeGreaterThanOrEqual(400);
    expectNoData(posted);
  });

  it('serves an anonymous caller no data at /graphql, by GET, event stream, POST and WebSocket', async () => {
    const from = fresh();
    for (const accept of ['text/event-stream', 'application/json']) {
      const r = await raw(gatewayPort(), `/graphql?query=${q}`, { headers: { accept, 'x-forwarded-for': from, 'x-graphql-csrf': '1' } });
      expectNoData(r);
      expect(r.body).toContain('UNAUTHENTICATED');
    }
    const posted = await raw(gatewayPort(), '/graphql', { method: 'POST', headers: { 'x-forwarded-for': from }, body: JSON.stringify({ query: QUERY }) });
    expectNoData(posted);
    expect(posted.body).toContain('UNAUTHENTICATED');
    const sse = await subscribeSse(riyadh.url, 'subscription { campaignChanged { id titleAr } }', {});
    const ws = await subscribeWs(riyadh.url, 'subscription { campaignChanged { id titleAr } }', {});
    try {
      for (const s of [sse, ws]) expect((await s.received(1))[0]).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    } finally {
      await Promise.all([sse.close(), ws.close()]);
    }
  });

  it('opens a WebSocket at /graphql only, and counts the attempts', async () => {
    /** An upgrade with its path as written; resolves to the status the gateway answers (101 when it upgrades). */
    const upgrade = (path: string) =>
      new Promise<number>((resolve, reject) => {
        const req = http.request({
          host: '127.0.0.1',
          port: gatewayPort(),
          path,
          headers: {
            connection: 'Upgrade',
            upgrade: 'websocket',
            'sec-websocket-version': '13',
            'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
            'sec-websocket-protocol': 'graphql-transport-ws',
          },
        });
        req.on('upgrade', (res, socket) => {
          socket.destroy();
          resolve(res.statusCode ?? 0);
        });
        req.on('response', (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
    expect(await upgrade('/graphql')).toBe(101);
    for (const path of ['/graphql/', '/calendar.ics/../graphql', '/calendar.ics/%2e%2e/graphql', '//graphql', '/./graphql', '/calendar.ics']) {
      expect(await upgrade(path)).toBe(404);
    }
  });

  it('gives a non-string query a client error, not an internal one', async () => {
    const r = await raw(gatewayPort(), '/graphql', { method: 'POST', headers: { 'x-forwarded-for': fresh() }, body: JSON.stringify({ query: { a: 1 } }) });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body).errors[0].extensions.code).toMatch(/^BAD_(REQUEST|USER_INPUT)$/);
  });

  it('serves the feed at its own paths, and only the feed', async () => {
    const from = fresh();
    const token = await riyadh.token(['viewer'], 'riyadh', 'riyadh-viewer-ways-in');
    const feed = await raw(gatewayPort(), '/calendar.ics', { headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': from } });
    expect(feed.status).toBe(200);
    expect(feed.body).toContain('BEGIN:VCALENDAR');
    // a draft is not in the feed
    expect(feed.body).not.toContain(SECRET_TITLE);
    expect((await raw(gatewayPort(), '/calendar.ics', { headers: { 'x-forwarded-for': from } })).status).toBe(401);
  });

  it('serves the open-data download to a verified caller only, and no draft to one who may not read it', async () => {
    const from = fresh();
    const download = async (token?: string) => {
      const res = await fetch(`http://127.0.0.1:${gatewayPort()}/export/calendar.json`, {
        headers: { 'x-forwarded-for': from, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      });
      return { status: res.status, body: await res.text() };
    };
    const anonymous = await download();
    expect(anonymous.status).toBe(401);
    expectNoData(anonymous);
    const ministryViewer = await download(await riyadh.token(['viewer'], 'ministry', 'ministry-viewer-export'));
    expect(ministryViewer.status).toBe(200);
    expect(ministryViewer.body).not.toContain(SECRET_TITLE);
    const ownViewer = await download(await riyadh.token(['viewer'], 'riyadh', 'riyadh-viewer-export'));
    expect(ownViewer.body).toContain(SECRET_TITLE);
  });

  it('counts every request, whatever its path and its outcome: after the limit, a good one is refused', async () => {
    const from = fresh();
    const viewer = await riyadh.token(['viewer'], 'riyadh', 'riyadh-viewer-counted');
    const hostile = [...TRICKS, '/graphql', '/nothing', '/metrics'];
    for (let i = 0; i < LIMIT; i++) {
      const path = hostile[i % hostile.length];
      await raw(gatewayPort(), path, {
        method: i % 2 ? 'POST' : 'GET',
        headers: { 'x-forwarded-for': from },
        ...(i % 2 ? { body: JSON.stringify({ query: '{ nope' }) } : {}),
      });
    }
    const r = await raw(gatewayPort(), '/graphql', { method: 'POST', headers: { 'x-forwarded-for': from }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(r.status).toBe(429);
    expect(r.body).toContain('RATE_LIMITED');
    // a token's caller has a count of its own; the address's is spent
    expect(
      (
        await raw(gatewayPort(), '/graphql', {
          method: 'POST',
          headers: { 'x-forwarded-for': from, authorization: `Bearer ${viewer}` },
          body: JSON.stringify({ query: '{ __typename }' }),
        })
      ).status,
    ).toBe(200);
  });
});

describe.each(['initiatives', 'calendar', 'media'])('the %s service, called directly', (service) => {
  const anonymous = () => signGatewayProof(DEVELOPMENT_GATEWAY_SECRET, 'riyadh', null);
  const feedProof = () => signGatewayProof(DEVELOPMENT_GATEWAY_SECRET, 'riyadh', null, 60, 'feed');
  const SDL = '{ _service { sdl } }';
  const ENTITIES = '{ _entities(representations: [{ __typename: "Campaign", id: "00000000-0000-0000-0000-000000000000" }]) { __typename } }';

  it.each([
    ['no proof', async (): Promise<Record<string, string>> => ({})],
    ['an anonymous proof', async () => ({ [GATEWAY_PROOF_HEADER]: await anonymous() })],
    ['the feed’s proof', async () => ({ [GATEWAY_PROOF_HEADER]: await feedProof() })],
  ])('answers no data to %s, by POST, GET, event stream, for queries, the SDL and entities', async (_what, headers) => {
    const h = await headers();
    for (const query of [QUERY, SDL, ENTITIES]) {
      const e = encodeURIComponent(query);
      const attempts = [
        raw(servicePort(service), '/graphql', { method: 'POST', headers: h, body: JSON.stringify({ query }) }),
        raw(servicePort(service), '/graphql', { method: 'POST', headers: { ...h, accept: 'text/event-stream' }, body: JSON.stringify({ query }) }),
        raw(servicePort(service), `/graphql?query=${e}`, { headers: { ...h, accept: 'text/event-stream' } }),
        raw(servicePort(service), `/graphql?query=${e}`, { headers: { ...h, 'apollo-require-preflight': 'true' } }),
        raw(servicePort(service), `/calendar.ics/../graphql?query=${e}`, { headers: { ...h, accept: 'text/event-stream' } }),
      ];
      for (const r of await Promise.all(attempts)) {
        expectNoData(r);
        expect(r.body).not.toMatch(/"data":\{"_(service|entities)":/);
      }
    }
  });

  it('refuses an anonymous subscription over its event stream', async () => {
    const subscription = {
      initiatives: 'subscription { events { id } }',
      calendar: 'subscription { campaignChanged { id titleAr } }',
      media: 'subscription { messageStatusChanged { id } }',
    }[service];
    const r = await raw(servicePort(service), '/graphql', {
      method: 'POST',
      headers: { accept: 'text/event-stream', [GATEWAY_PROOF_HEADER]: await anonymous() },
      body: JSON.stringify({ query: subscription }),
    });
    expect(r.body).toContain('UNAUTHENTICATED');
  });

  it('checks the gateway’s proof on its event stream before it reads the operation: 401, and nothing about the schema', async () => {
    for (const query of ['subscription { events { id } }', '{ initiativs { totalCount } }', '{ __schema { types { name } } }']) {
      const r = await raw(servicePort(service), '/graphql', { method: 'POST', headers: { accept: 'text/event-stream' }, body: JSON.stringify({ query }) });
      expect({ query, status: r.status }).toEqual({ query, status: 401 });
      expect(r.body).toContain('UNAUTHENTICATED');
      expect(r.body).not.toMatch(/GRAPHQL_VALIDATION_FAILED|Cannot query field|"types"/);
    }
  });
});
