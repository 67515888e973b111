import { once } from 'node:events';
import { SignJWT } from 'jose';
import WebSocket from 'ws';
import { DEVELOPMENT_JWT_SECRET } from '../../services/kernel/src/config';
import { initiativesService } from '../../services/initiatives/src/service';
import { startTestNode, type TestGatewayNode } from '../support/node';

let riyadh: TestGatewayNode;
let viewer: string;

beforeAll(async () => {
  riyadh = await startTestNode('riyadh', { env: { MMHUB_GATEWAY_RATE_LIMIT: '40', MMHUB_GATEWAY_RATE_WINDOW_SECONDS: '60' } });
  viewer = await riyadh.token(['viewer']);
});
afterAll(() => riyadh?.stop());

const NORMAL = '{ initiatives(first: 5) { totalCount edges { node { id titleAr } } } }';
const servesNormally = async () => {
  const r = await riyadh.graphql(NORMAL, {}, viewer);
  expect(r.errors).toBeUndefined();
  expect(typeof r.data?.initiatives.totalCount).toBe('number');
};

describe('identity at the gateway', () => {
  const sign = (claims: Record<string, unknown>, secret = DEVELOPMENT_JWT_SECRET, exp = '1h') =>
    new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('someone').setIssuedAt().setExpirationTime(exp).sign(new TextEncoder().encode(secret));

  it.each([
    ['missing', async () => undefined],
    ['malformed', async () => 'not-a-jwt'],
    ['expired', async () => sign({ node: 'riyadh', roles: ['viewer'] }, DEVELOPMENT_JWT_SECRET, '-10s')],
    ['wrongly signed', async () => sign({ node: 'riyadh', roles: ['viewer'] }, 'another-secret-that-is-long-enough-1234')],
    ['without claims', async () => sign({})],
    [
      'validly signed, without an expiry',
      async () =>
        new SignJWT({ node: 'riyadh', roles: ['viewer'] })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject('someone')
          .setIssuedAt()
          .sign(new TextEncoder().encode(DEVELOPMENT_JWT_SECRET)),
    ],
  ])('a %s token → UNAUTHENTICATED', async (_what, token) => {
    const r = await riyadh.graphql(NORMAL, {}, await token());
    expect(r.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(r.errors?.[0]?.extensions?.messageAr).toBeTruthy();
    expect(r.data?.initiatives ?? null).toBeNull();
  });

  it('a read without a token is refused 401 at the gateway; its own schema stays open', async () => {
    const r = await riyadh.graphql(NORMAL);
    expect(r.status).toBe(401);
    expect(r.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED', messageAr: expect.any(String) } });
    const schema = await riyadh.graphql('{ __typename __schema { queryType { name } } }');
    expect(schema.errors).toBeUndefined();
    expect(schema.data?.__schema.queryType.name).toBe('Query');
  });

  it('a valid token with the wrong role → FORBIDDEN, before any subgraph is asked', async () => {
    const r = await riyadh.graphql('mutation { defineIntegrationCriterion(input: { nameAr: "معيار", weight: 1 }) { id } }', {}, await riyadh.token(['editor']));
    expect(r.status).toBe(403);
    expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // the role by its Arabic name, as the console shows roles
    expect(r.errors?.[0]?.extensions?.messageAr).toBe('لا يسمح دورك بهذا الإجراء (defineIntegrationCriterion)؛ يلزمه دور مسؤول.');
  });

  it.each([
    ['a fragment spread', 'mutation { ...Define } fragment Define on Mutation { defineIntegrationCriterion(input: { nameAr: "معيار", weight: 1 }) { id } }'],
    [
      'a fragment within a fragment',
      'mutation { ...Outer } fragment Outer on Mutation { ...Inner } fragment Inner on Mutation { defineIntegrationCriterion(input: { nameAr: "معيار", weight: 1 }) { id } }',
    ],
    ['an inline fragment', 'mutation { ... on Mutation { defineIntegrationCriterion(input: { nameAr: "معيار", weight: 1 }) { id } } }'],
  ])('a mutation wrapped in %s is refused FORBIDDEN at the gateway all the same', async (_how, mutation) => {
    const criteria = async () => (await riyadh.sql<{ n: string }>('select count(*) as n from initiatives.integration_criterion'))[0].n;
    const before = await criteria();
    const r = await riyadh.graphql(mutation, {}, await riyadh.token(['editor']));
    expect(r.status).toBe(403);
    expect(r.errors?.[0]).toMatchObject({ message: 'defineIntegrationCriterion needs one of the roles: admin.', extensions: { code: 'FORBIDDEN' } });
    expect(await criteria()).toBe(before);
  });

  it('a subgraph called directly, without the gateway’s proof, refuses', async () => {
    const direct = riyadh.running.services[0].url;
    const res = await fetch(direct, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${viewer}` },
      body: JSON.stringify({ query: NORMAL }),
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('limits', () => {
  const deep = `{ initiatives { edges { node { nationalInitiative { nationalInitiative { nationalInitiative { nationalInitiative { nationalInitiative { nationalInitiative { nationalInitiative { nationalInitiative { nationalInitiative { id } } } } } } } } } } } } }`;
  const aliases = `{ ${Array.from({ length: 200 }, (_, i) => `a${i}: initiatives(first: 1) { totalCount }`).join(' ')} }`;
  const costly = `{ initiatives(first: 100) { edges { node { progressReports { kpiActuals { kpi } } assessments { scores { score } } nationalInitiative { progressReports { kpiActuals { value } } assessments { scores { score } } } campaigns { initiatives { progressReports { kpiActuals { kpi } } } } } } } }`;

  it.each([
    ['a depth bomb', deep, 'QUERY_TOO_DEEP'],
    ['an alias bomb', aliases, 'TOO_MANY_ALIASES'],
    ['a costly query', costly, 'QUERY_TOO_COSTLY'],
    ['a page of 1,000', '{ initiatives(first: 1000) { totalCount } }', 'BAD_USER_INPUT'],
    // deeper than the parser's stack: refused before any rule could see it, as too deep or, first, as too long
    ['a selection nested 3,000 levels deep', `{ ${'a { '.repeat(3000)}b${' }'.repeat(3000)} }`, /^QUERY_TOO_(DEEP|LARGE)$/],
    ['a list nested 2,000 levels deep', `{ initiatives(filter: { node: ${'['.repeat(2000)}"x"${']'.repeat(2000)} }) { totalCount } }`, /^QUERY_TOO_DEEP$/],
    ['a document of 10,000 tokens', `{ initiatives { totalCount ${'totalCount '.repeat(10_000)} } }`, /^QUERY_TOO_LARGE$/],
  ])('%s is refused with its code, and the next request is served', async (_what, query, code) => {
    const r = await riyadh.graphql(query, {}, viewer);
    expect(r.errors?.map((e) => e.extensions?.code)).toContainEqual(expect.stringMatching(code));
    expect(r.data ?? null).toBeNull();
    await servesNormally();
  });

  it('a page too large is refused alike whether its size is written or in a variable, naming the argument', async () => {
    const written = await riyadh.graphql('{ initiatives(first: 1000) { totalCount } }', {}, viewer);
    const variable = await riyadh.graphql('query($n: Int) { initiatives(first: $n) { totalCount } }', { n: 1000 }, viewer);
    for (const r of [written, variable]) expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('a document too deep to parse is refused in both languages, before authentication', async () => {
    const res = await fetch(riyadh.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ a(x: ${'['.repeat(2000)}1${']'.repeat(2000)}) }` }),
    });
    const [error] = ((await res.json()) as { errors: Array<{ extensions: Record<string, unknown> }> }).errors;
    expect(error.extensions).toMatchObject({ code: 'QUERY_TOO_DEEP', messageAr: expect.stringContaining('متداخل') });
  });

  it('refuses a malformed request in both languages, without echoing the body back', async () => {
    const post = async (body: string) => {
      const res = await fetch(riyadh.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${viewer}` }, body });
      return ((await res.json()) as { errors: Array<{ message: string; extensions: Record<string, unknown> }> }).errors[0];
    };
    const json = await post('{"query": SELECT secret');
    expect(json.extensions).toMatchObject({ code: 'BAD_REQUEST', messageAr: expect.any(String) });
    expect(JSON.stringify(json)).not.toContain('secret');
    const unknownOperation = await post(JSON.stringify({ query: 'query A { __typename }', operationName: 'B' }));
    expect(unknownOperation.extensions).toMatchObject({ code: 'OPERATION_RESOLUTION_FAILURE', messageAr: expect.stringContaining('العملية') });
    const unused = await post(JSON.stringify({ query: 'query($t: String) { __typename }' }));
    expect(unused.message).toMatch(/never used/);
    expect(unused.extensions.messageAr).toContain('ولا تستخدمه');
  });

  it('a page of 1,000 through a variable is refused by the service', async () => {
    const r = await riyadh.graphql('query($n: Int) { initiatives(first: $n) { totalCount } }', { n: 1000 }, viewer);
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('a 5 MB body is refused with REQUEST_TOO_LARGE', async () => {
    const body = JSON.stringify({ query: NORMAL, variables: { padding: 'x'.repeat(5 * 1024 * 1024) } });
    const res = await fetch(riyadh.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${viewer}` }, body });
    expect(res.status).toBe(413);
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('REQUEST_TOO_LARGE');
    await servesNormally();
  });

  it('a burst over the rate limit is refused with RATE_LIMITED, for that caller only', async () => {
    const burster = await riyadh.token(['viewer'], 'riyadh', 'burster');
    const results = await Promise.all(Array.from({ length: 60 }, () => riyadh.graphql('{ initiatives(first: 1) { totalCount } }', {}, burster)));
    const limited = results.filter((r) => r.errors?.[0]?.extensions?.code === 'RATE_LIMITED');
    expect(limited.length).toBe(20);
    expect(limited[0].status).toBe(429);
    expect(limited[0].errors?.[0]?.message).toMatch(/try again in \d+ s/);
    await servesNormally();
  });

  it('closes a WebSocket whose message is larger than a request body may be, and serves the next request', async () => {
    const socket = new WebSocket(riyadh.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
    await once(socket, 'open');
    const closed = once(socket, 'close') as Promise<[number, Buffer]>;
    const acknowledged = once(socket, 'message');
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${viewer}` } }));
    expect(JSON.parse(String((await acknowledged)[0]))).toEqual({ type: 'connection_ack' });
    const padding = 'x'.repeat(1024 * 1024);
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { initiativeChanged { id } }', variables: { padding } } }));
    const [code] = await closed;
    // 1009: the message is too big to process
    expect(code).toBe(1009);
    await servesNormally();
    // and it still takes WebSockets
    const next = new WebSocket(riyadh.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
    await once(next, 'open');
    const ack = once(next, 'message');
    next.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${viewer}` } }));
    expect(JSON.parse(String((await ack)[0]))).toEqual({ type: 'connection_ack' });
    next.close();
  });

  it('refuses a cross-site simple request (CSRF)', async () => {
    const res = await fetch(`${riyadh.url}?query=${encodeURIComponent('{ __typename }')}`, { headers: { authorization: `Bearer ${viewer}` } });
    expect(res.status).toBe(403);
    expect(((await res.json()) as any).errors[0]).toMatchObject({ message: 'Required CSRF header(s) not present', extensions: { code: 'BAD_REQUEST' } });
  });
});

describe('counting every request', () => {
  const LIMIT = 10;
  let node: TestGatewayNode;
  beforeAll(async () => {
    // the metrics on the operator's port: the public one counts every request, and this address's count is spent
    node = await startTestNode('riyadh', {
      services: [initiativesService],
      env: { MMHUB_GATEWAY_RATE_LIMIT: String(LIMIT), MMHUB_GATEWAY_RATE_WINDOW_SECONDS: '60', MMHUB_METRICS_PORT: '0' },
    });
  }, 60_000);
  afterAll(() => node?.stop());

  const post = (headers: Record<string, string>) =>
    fetch(node.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: '{ initiatives(first: 1) { totalCount } }' }),
    });

  it('limits a burst of bad tokens at the address it comes from, whatever X-Forwarded-For claims', async () => {
    const forged = await new SignJWT({ node: 'riyadh', roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('intruder')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('a-secret-that-is-not-the-nodes-own-0123456789'));
    const statuses: number[] = [];
    const codes: string[] = [];
    for (let i = 0; i < LIMIT + 5; i++) {
      // each request names another client: a header anyone can write counts for nothing here
      const res = await post({ authorization: `Bearer ${forged}`, 'x-forwarded-for': `203.0.113.${i + 1}` });
      statuses.push(res.status);
      codes.push(((await res.json()) as any).errors[0].extensions.code);
      if (res.status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(codes).toEqual([...Array(LIMIT).fill('UNAUTHENTICATED'), ...Array(5).fill('RATE_LIMITED')]);
    expect(statuses).toEqual([...Array(LIMIT).fill(401), ...Array(5).fill(429)]);

    // the same address without any token shares the count, under any claimed address
    const anonymous = await post({ 'x-forwarded-for': '198.51.100.7' });
    expect(anonymous.status).toBe(429);
    expect(((await anonymous.json()) as any).errors[0]).toMatchObject({
      message: expect.stringMatching(/try again in \d+ s/),
      extensions: { code: 'RATE_LIMITED', messageAr: expect.any(String) },
    });

    // a verified caller is counted on its own, and served
    const viewer = await node.graphql('{ initiatives(first: 1) { totalCount } }', {}, await node.token(['viewer'], 'riyadh', 'counted-viewer'));
    expect(viewer.errors).toBeUndefined();
    expect(typeof viewer.data?.initiatives.totalCount).toBe('number');

    // the refusals made before the operation was read are in the metrics all the same
    const metrics = await (await fetch(node.running.gateway.metricsUrl!)).text();
    const refusedEarly = /^mmhub_graphql_requests_total\{[^}]*type="unknown"[^}]*outcome="client_error"[^}]*\} (\d+)$/m.exec(metrics)?.[1];
    expect(Number(refusedEarly)).toBe(6);
  });
});
