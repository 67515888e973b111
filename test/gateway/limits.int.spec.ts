import { SignJWT } from 'jose';
import { DEVELOPMENT_JWT_SECRET } from '../../services/kernel/src';
import { startTestNode, type TestGatewayNode } from '../support/node';

let riyadh: TestGatewayNode;
let viewer: string;

beforeAll(async () => {
  riyadh = await startTestNode('riyadh', { env: { GATEWAY_RATE_LIMIT: '40', GATEWAY_RATE_WINDOW_SECONDS: '60' } });
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
  ])('a %s token → UNAUTHENTICATED', async (_what, token) => {
    const r = await riyadh.graphql(NORMAL, {}, await token());
    expect(r.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(r.errors?.[0]?.extensions?.messageAr).toBeTruthy();
    expect(r.data?.initiatives ?? null).toBeNull();
  });

  it('a valid token with the wrong role → FORBIDDEN, before any subgraph is asked', async () => {
    const r = await riyadh.graphql('mutation { defineIntegrationCriterion(input: { nameAr: "معيار", weight: 1 }) { id } }', {}, await riyadh.token(['editor']));
    expect(r.status).toBe(403);
    expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('a subgraph called directly, without the gateway’s proof, refuses', async () => {
    const direct = riyadh.running.services[0].url;
    const res = await fetch(direct, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${viewer}` }, body: JSON.stringify({ query: NORMAL }) });
    expect(res.status).toBe(401);
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('limits', () => {
  const deep = `{ initiatives { edges { node { nationalInitiative { nationalInitiative { nationalInitiative { nationalInitiative { nationalInitiative { nationalInitiative { nationalInitiative { nationalInitiative { nationalInitiative { id } } } } } } } } } } } } }`;
  const aliases = `{ ${Array.from({ length: 200 }, (_, i) => `a${i}: initiatives(first: 1) { totalCount }`).join(' ')} }`;
  const costly = `{ initiatives(first: 100) { edges { node { progressReports { kpiActuals { kpi } } assessments { scores { score } } nationalInitiative { progressReports { kpiActuals { value } } } } } } }`;

  it.each([
    ['a depth bomb', deep, 'QUERY_TOO_DEEP'],
    ['an alias bomb', aliases, 'TOO_MANY_ALIASES'],
    ['a costly query', costly, 'QUERY_TOO_COSTLY'],
    ['a page of 1,000', '{ initiatives(first: 1000) { totalCount } }', 'BAD_USER_INPUT'],
  ])('%s is refused with its code, and the next request is served', async (_what, query, code) => {
    const r = await riyadh.graphql(query, {}, viewer);
    expect(r.errors?.map((e) => e.extensions?.code)).toContain(code);
    expect(r.data ?? null).toBeNull();
    await servesNormally();
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

  it('refuses a cross-site simple request (CSRF)', async () => {
    const res = await fetch(`${riyadh.url}?query=${encodeURIComponent('{ __typename }')}`, { headers: { authorization: `Bearer ${viewer}` } });
    expect(res.status).toBe(403);
    expect(((await res.json()) as any).errors[0]).toMatchObject({ message: 'Required CSRF header(s) not present', extensions: { code: 'BAD_REQUEST' } });
  });
});
