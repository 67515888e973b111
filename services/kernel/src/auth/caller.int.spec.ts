import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { createTokenVerifier, signToken } from './caller';

const NODES = ['ministry', 'riyadh', 'jeddah'];

describe('tokens signed by an identity provider (RS256 through a JWKS URL)', () => {
  let server: http.Server;
  let jwksUrl: string;
  let sign: (claims: Record<string, unknown>, audience?: string) => Promise<string>;
  let privateKey: KeyLike;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
    sign = (claims, audience = 'mmhub') =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setSubject('idp-user')
        .setIssuer('https://idp.example')
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey);
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('accepts a token the key set verifies, with issuer and audience checked', async () => {
    const verify = createTokenVerifier({ jwksUrl, issuer: 'https://idp.example', audience: 'mmhub', knownNodes: NODES });
    expect(await verify(await sign({ node: 'jeddah', roles: ['analyst'] }))).toEqual({ sub: 'idp-user', node: 'jeddah', roles: ['analyst'] });
  });

  it('refuses another audience, and an HS256 token when a key set is configured', async () => {
    const verify = createTokenVerifier({ jwksUrl, issuer: 'https://idp.example', audience: 'mmhub', knownNodes: NODES });
    await expect(verify(await sign({ node: 'jeddah', roles: ['analyst'] }, 'elsewhere'))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const hs = await new SignJWT({ node: 'jeddah', roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setAudience('mmhub')
      .setIssuer('https://idp.example')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('x'.repeat(40)));
    await expect(verify(hs)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses a validly signed token that never expires, or names nobody, saying which claim is missing', async () => {
    const verify = createTokenVerifier({ jwksUrl, issuer: 'https://idp.example', audience: 'mmhub', knownNodes: NODES });
    const base = () =>
      new SignJWT({ node: 'jeddah', roles: ['analyst'] })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setIssuer('https://idp.example')
        .setAudience('mmhub')
        .setIssuedAt();
    await expect(verify(await base().setSubject('idp-user').sign(privateKey))).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      message: expect.stringContaining('(exp)'),
    });
    await expect(verify(await base().setExpirationTime('5m').sign(privateKey))).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      message: expect.stringContaining('(sub)'),
    });
    // the same token with both claims passes: the refusals are for the missing claim, not the key
    await expect(verify(await base().setSubject('idp-user').setExpirationTime('5m').sign(privateKey))).resolves.toMatchObject({ sub: 'idp-user' });
  });
});

describe('tokens signed with the shared secret (HS256)', () => {
  const secret = 's'.repeat(40);
  const verify = createTokenVerifier({ secret, audience: 'mmhub', knownNodes: NODES });

  it('accepts a token with an expiry and refuses the same claims without one', async () => {
    expect(await verify(await signToken(secret, { sub: 'editor-1', node: 'riyadh', roles: ['editor'], audience: 'mmhub' }))).toEqual({
      sub: 'editor-1',
      node: 'riyadh',
      roles: ['editor'],
    });
    const forever = await new SignJWT({ node: 'riyadh', roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('editor-1')
      .setAudience('mmhub')
      .setIssuedAt()
      .sign(new TextEncoder().encode(secret));
    const refused = await verify(forever).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'UNAUTHENTICATED', text: { en: expect.stringContaining('no expiry'), ar: expect.stringContaining('exp') } });
  });

  it('refuses a token issued in the future or valid for over a year, and takes one of a year from a clock a little ahead', async () => {
    const now = Math.floor(Date.now() / 1000);
    const signed = (iat: number, exp: number) =>
      new SignJWT({ node: 'riyadh', roles: ['viewer'] })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('viewer-1')
        .setAudience('mmhub')
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .sign(new TextEncoder().encode(secret));
    const future = await verify(await signed(now + 3600, now + 7200)).catch((e: unknown) => e);
    expect(future).toMatchObject({
      code: 'UNAUTHENTICATED',
      text: { en: expect.stringContaining('issued in the future (iat)'), ar: expect.stringContaining('iat') },
    });
    const century = await verify(await signed(now, now + 100 * 365 * 86400)).catch((e: unknown) => e);
    expect(century).toMatchObject({ code: 'UNAUTHENTICATED', text: { en: expect.stringContaining('more than 366 days'), ar: expect.stringContaining('٣٦٦') } });
    await expect(verify(await signed(now + 30, now + 366 * 86400))).resolves.toMatchObject({ sub: 'viewer-1' });
  });
});

describe('the claims of a validly signed token', () => {
  const secret = 's'.repeat(40);
  const verify = createTokenVerifier({ secret, knownNodes: NODES });
  const sign = (claims: Record<string, unknown>) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime('5m').sign(new TextEncoder().encode(secret));

  it.each([
    ['roles as a comma-separated string', { sub: 'u', node: 'riyadh', roles: 'editor,admin' }],
    ['roles as an object', { sub: 'u', node: 'riyadh', roles: {} }],
    ['no roles', { sub: 'u', node: 'riyadh' }],
    ['an empty list of roles', { sub: 'u', node: 'riyadh', roles: [] }],
    ['an unknown role', { sub: 'u', node: 'riyadh', roles: ['viewer', 'superuser'] }],
    ['a numeric sub', { sub: 42, node: 'riyadh', roles: ['viewer'] }],
    ['an unknown node', { sub: 'u', node: 'atlantis', roles: ['viewer'] }],
    ['a node that is not a string', { sub: 'u', node: ['riyadh'], roles: ['viewer'] }],
    // a sub is written beside every change the caller makes: nothing a database refuses, nothing of a page's length
    ['a sub holding NUL', { sub: 'u\u0000x', node: 'riyadh', roles: ['viewer'] }],
    ['a sub holding a broken surrogate', { sub: 'u\ud800', node: 'riyadh', roles: ['viewer'] }],
    ['a sub of 1,000 characters', { sub: 'u'.repeat(1000), node: 'riyadh', roles: ['viewer'] }],
  ])('refuses %s', async (_what, claims) => {
    await expect(verify(await sign(claims))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('takes well-formed claims as they are', async () => {
    expect(await verify(await sign({ sub: 'u', node: 'jeddah', roles: ['viewer', 'analyst'] }))).toEqual({
      sub: 'u',
      node: 'jeddah',
      roles: ['viewer', 'analyst'],
    });
  });
});
