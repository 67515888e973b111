import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { initiativesService } from '../../services/initiatives/src/service';
import { startTestNode, type TestGatewayNode } from '../support/node';
import { GATEWAY_PROOF_HEADER, signGatewayProof } from '../../services/kernel/src/auth';

const INTROSPECTION = '{ __schema { queryType { name } } }';

describe('production mode', () => {
  const secret = 'p'.repeat(40);
  let node: TestGatewayNode;
  const token = (audience?: string) => {
    let jwt = new SignJWT({ node: 'riyadh', roles: ['viewer'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('prod-viewer')
      .setIssuedAt()
      .setExpirationTime('5m');
    if (audience) jwt = jwt.setAudience(audience);
    return jwt.sign(new TextEncoder().encode(secret));
  };

  beforeAll(async () => {
    node = await startTestNode('riyadh', {
      services: [initiativesService],
      env: {
        MMHUB_MODE: 'production',
        MMHUB_JWT_SECRET: secret,
        MMHUB_JWT_AUDIENCE: 'mmhub-riyadh',
        MMHUB_GATEWAY_SECRET: 'q'.repeat(40),
        MMHUB_METRICS_PORT: '0',
        MMHUB_GATEWAY_CORS_ORIGINS: 'https://media.riyadh.example,https://portal.riyadh.example',
      },
    });
  }, 60_000);
  afterAll(() => node?.stop());

  it('names no field the caller did not write, at the gateway and at a service', async () => {
    const typo = '{ initiativs(first: 1) { totalCount } }';
    for (const caller of [undefined, await token('mmhub-riyadh')]) {
      const r = await node.graphql(typo, {}, caller);
      expect(r.errors?.[0]?.message).toBeTruthy();
      expect(JSON.stringify(r.errors)).not.toMatch(/Did you mean|"initiatives"/);
    }
    const proof = await signGatewayProof('q'.repeat(40), 'riyadh', { sub: 'prod-viewer', node: 'riyadh', roles: ['viewer'] });
    const direct = await fetch(node.running.services[0].url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [GATEWAY_PROOF_HEADER]: proof },
      body: JSON.stringify({ query: typo }),
    });
    expect(JSON.stringify(await direct.json())).not.toMatch(/Did you mean|"initiatives"/);
  });

  it('names no enum value or input field the caller did not write in a variable it refuses either', async () => {
    const viewer = await token('mmhub-riyadh');
    const query = 'query($f: InitiativeFilter) { initiatives(first: 1, filter: $f) { totalCount } }';
    for (const f of [{ axis: ['OVERSIGH'] }, { nod: ['riyadh'] }]) {
      const r = await node.graphql(query, { f }, viewer);
      expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(r.errors)).not.toMatch(/Did you mean|OVERSIGHT|"node"/);
    }
  });

  it('serves /metrics on the operator’s port, not on the public one', async () => {
    expect((await fetch(node.url.replace('/graphql', '/metrics'))).status).toBe(404);
    const metrics = await fetch(node.running.gateway.metricsUrl!);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('mmhub_graphql_requests_total');
  });

  it('lets browsers of the configured origins call with credentials, and no others', async () => {
    const preflight = (origin: string) =>
      fetch(node.url, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
      });
    for (const origin of ['https://media.riyadh.example', 'https://portal.riyadh.example']) {
      const allowed = await preflight(origin);
      expect(allowed.headers.get('access-control-allow-origin')).toBe(origin);
      expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    }
    // "null" is the origin of sandboxed frames and data: pages: no header, as for any origin not listed
    for (const origin of ['https://evil.example', 'https://media.riyadh.example.evil.example', 'null']) {
      const refused = await preflight(origin);
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
      const posted = await fetch(node.url, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(posted.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('checks the audience', async () => {
    expect((await node.graphql('{ initiatives(first: 1) { totalCount } }', {}, await token('mmhub-riyadh'))).errors).toBeUndefined();
    expect((await node.graphql('{ initiatives(first: 1) { totalCount } }', {}, await token('somewhere-else'))).errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    expect((await node.graphql('{ initiatives(first: 1) { totalCount } }', {}, await token())).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('turns introspection and GraphiQL off', async () => {
    const r = await node.graphql(INTROSPECTION, {}, await token('mmhub-riyadh'));
    expect(r.errors?.length).toBeGreaterThan(0);
    expect(r.data ?? null).toBeNull();
    const page = await fetch(node.url, { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type') ?? '').not.toContain('text/html');
  });
});

describe('production mode with an identity provider’s key set (RS256 through MMHUB_JWKS_URL)', () => {
  let node: TestGatewayNode;
  let keys: http.Server;
  let privateKey: KeyLike;
  let keySetFetches = 0;
  const token = (o: { audience?: string; expiresIn?: string } = {}) =>
    new SignJWT({ node: 'riyadh', roles: ['viewer'] })
      .setProtectedHeader({ alg: 'RS256', kid: 'idp-1' })
      .setSubject('idp-viewer')
      .setIssuer('https://idp.example')
      .setAudience(o.audience ?? 'mmhub-riyadh')
      .setIssuedAt()
      .setExpirationTime(o.expiresIn ?? '5m')
      .sign(privateKey);
  const COUNT = '{ initiatives(first: 1) { totalCount } }';

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'idp-1', alg: 'RS256', use: 'sig' };
    keys = http.createServer((_req, res) => {
      keySetFetches++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((r) => keys.listen(0, '127.0.0.1', r));
    node = await startTestNode('riyadh', {
      services: [initiativesService],
      env: {
        MMHUB_MODE: 'production',
        MMHUB_JWT_SECRET: '',
        MMHUB_JWKS_URL: `http://127.0.0.1:${(keys.address() as AddressInfo).port}/.well-known/jwks.json`,
        MMHUB_JWT_ISSUER: 'https://idp.example',
        MMHUB_JWT_AUDIENCE: 'mmhub-riyadh',
        MMHUB_GATEWAY_SECRET: 'q'.repeat(40),
      },
    });
  }, 60_000);
  afterAll(async () => {
    await node?.stop();
    await new Promise<void>((r) => keys.close(() => r()));
  });

  it('answers a token the key set verifies', async () => {
    const res = await fetch(node.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await token()}` },
      body: JSON.stringify({ query: COUNT }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.errors).toBeUndefined();
    expect(typeof body.data.initiatives.totalCount).toBe('number');
    expect(keySetFetches).toBeGreaterThan(0);
  });

  it.each([
    ['an expired token', () => token({ expiresIn: '-10s' }), /expired/],
    ['a token for another audience', () => token({ audience: 'somewhere-else' }), /not valid/],
  ])('refuses %s with UNAUTHENTICATED', async (_what, make, message) => {
    const r = await node.graphql(COUNT, {}, await make());
    expect(r.status).toBe(401);
    expect(r.errors?.[0]).toMatchObject({ message: expect.stringMatching(message), extensions: { code: 'UNAUTHENTICATED', messageAr: expect.any(String) } });
    expect(r.data ?? null).toBeNull();
  });

  it('refuses a token signed with another key under the same key id', async () => {
    const other = await generateKeyPair('RS256');
    const forged = await new SignJWT({ node: 'riyadh', roles: ['admin'] })
      .setProtectedHeader({ alg: 'RS256', kid: 'idp-1' })
      .setSubject('intruder')
      .setIssuer('https://idp.example')
      .setAudience('mmhub-riyadh')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(other.privateKey);
    expect((await node.graphql(COUNT, {}, forged)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('development mode', () => {
  let node: TestGatewayNode;
  beforeAll(async () => {
    node = await startTestNode('riyadh', { services: [initiativesService] });
  }, 60_000);
  afterAll(() => node?.stop());

  it('serves GraphiQL from the gateway itself, loading nothing from elsewhere', async () => {
    const page = await fetch(node.url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('GraphiQL');
    expect(html).not.toMatch(/<script[^>]+src=["']https?:/);
    expect(html).not.toMatch(/<link[^>]+href=["']https?:/);
  });

  it('answers introspection', async () => {
    expect((await node.graphql(INTROSPECTION, {}, await node.token(['viewer']))).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });
});

describe('persisted operations', () => {
  const registered = 'query Count { initiatives(first: 1) { totalCount } }';
  const hash = createHash('sha256').update(registered).digest('hex');
  let node: TestGatewayNode;
  beforeAll(async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'mmhub-ops-')), 'operations.json');
    writeFileSync(file, JSON.stringify({ [hash]: registered }));
    node = await startTestNode('riyadh', { services: [initiativesService], env: { MMHUB_PERSISTED_OPERATIONS: file } });
  }, 60_000);
  afterAll(() => node?.stop());

  const send = async (body: unknown) => {
    const res = await fetch(node.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await node.token(['viewer'])}` },
      body: JSON.stringify(body),
    });
    return (await res.json()) as { data?: any; errors?: Array<{ extensions?: { code?: string } }> };
  };

  it('runs a registered operation by its hash', async () => {
    const r = await send({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
    expect(r.errors).toBeUndefined();
    expect(typeof r.data.initiatives.totalCount).toBe('number');
  });

  it('refuses any other document, and unknown hashes', async () => {
    expect((await send({ query: registered })).errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_ONLY');
    expect((await send({ extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } })).errors?.[0]?.extensions?.code).toBe(
      'PERSISTED_QUERY_NOT_FOUND',
    );
  });
});
