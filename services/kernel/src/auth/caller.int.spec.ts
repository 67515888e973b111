import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { createTokenVerifier } from './caller';

describe('tokens signed by an identity provider (RS256 through a JWKS URL)', () => {
  let server: http.Server;
  let jwksUrl: string;
  let sign: (claims: Record<string, unknown>, audience?: string) => Promise<string>;

  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
    sign = (claims, audience = 'mmhub') =>
      new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setSubject('idp-user').setIssuer('https://idp.example').setAudience(audience).setIssuedAt().setExpirationTime('5m').sign(privateKey);
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('accepts a token the key set verifies, with issuer and audience checked', async () => {
    const verify = createTokenVerifier({ jwksUrl, issuer: 'https://idp.example', audience: 'mmhub' });
    expect(await verify(await sign({ node: 'jeddah', roles: ['analyst'] }))).toEqual({ sub: 'idp-user', node: 'jeddah', roles: ['analyst'] });
  });

  it('refuses another audience, and an HS256 token when a key set is configured', async () => {
    const verify = createTokenVerifier({ jwksUrl, issuer: 'https://idp.example', audience: 'mmhub' });
    await expect(verify(await sign({ node: 'jeddah', roles: ['analyst'] }, 'elsewhere'))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const hs = await new SignJWT({ node: 'jeddah', roles: ['admin'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setAudience('mmhub').setIssuer('https://idp.example').setExpirationTime('5m').sign(new TextEncoder().encode('x'.repeat(40)));
    await expect(verify(hs)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
