import { ConfigError, DEVELOPMENT_JWT_SECRET, loadConfig } from './config';

describe('configuration', () => {
  it('has sensible defaults for development', () => {
    const c = loadConfig({});
    expect(c.mode).toBe('development');
    expect(c.node).toBe('ministry');
    expect(c.role).toBe('hub');
    expect(c.auth.secret).toBe(DEVELOPMENT_JWT_SECRET);
    expect(c.kafka.brokers).toEqual(['127.0.0.1:9092']);
  });

  it('derives the role from the node', () => {
    expect(loadConfig({ NODE: 'riyadh' }).role).toBe('municipality');
  });

  it('names every bad variable', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', NODE: 'Riyadh!', DATABASE_URL: 'mysql://x', EVENT_BUS: 'rabbit' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const text = (error as Error).message;
    for (const name of ['PORT', 'NODE', 'DATABASE_URL', 'EVENT_BUS']) expect(text).toContain(name);
  });

  it('refuses production without a real secret and an audience', () => {
    expect(() => loadConfig({ MMHUB_MODE: 'production' })).toThrow(/JWT_SECRET/);
    expect(() => loadConfig({ MMHUB_MODE: 'production', JWT_SECRET: DEVELOPMENT_JWT_SECRET, JWT_AUDIENCE: 'mmhub' })).toThrow(/development secret/);
    expect(() => loadConfig({ MMHUB_MODE: 'production', JWT_SECRET: 'x'.repeat(40) })).toThrow(/JWT_AUDIENCE/);
    expect(() => loadConfig({ MMHUB_MODE: 'production', JWT_SECRET: 'x'.repeat(40), JWT_AUDIENCE: 'mmhub' })).toThrow(/GATEWAY_SECRET/);
    const c = loadConfig({ MMHUB_MODE: 'production', JWT_SECRET: 'x'.repeat(40), JWT_AUDIENCE: 'mmhub', GATEWAY_SECRET: 'g'.repeat(40) });
    expect(c.auth.secret).toBe('x'.repeat(40));
    expect(c.gatewaySecret).toBe('g'.repeat(40));
  });

  describe('JWKS_URL', () => {
    const production = { MMHUB_MODE: 'production', JWT_AUDIENCE: 'mmhub', GATEWAY_SECRET: 'g'.repeat(40) };

    it('takes an https key set in production', () => {
      expect(loadConfig({ ...production, JWKS_URL: 'https://idp.example/.well-known/jwks.json' }).auth.jwksUrl).toBe('https://idp.example/.well-known/jwks.json');
    });

    it('refuses a key set over plain http from another machine in production, saying https', () => {
      expect(() => loadConfig({ ...production, JWKS_URL: 'http://idp.example/.well-known/jwks.json' })).toThrow(/JWKS_URL: production mode needs an https URL/);
    });

    it.each(['http://127.0.0.1:8080/jwks.json', 'http://localhost:8080/jwks.json', 'http://[::1]:8080/jwks.json'])('takes %s in production: it never leaves the machine', (url) => {
      expect(loadConfig({ ...production, JWKS_URL: url }).auth.jwksUrl).toBe(url);
    });

    it('takes http from anywhere in development', () => {
      expect(loadConfig({ JWKS_URL: 'http://keycloak:8080/realms/mmhub/protocol/openid-connect/certs' }).auth.jwksUrl).toMatch(/^http:/);
    });

    it('refuses what is not an http(s) URL', () => {
      expect(() => loadConfig({ JWKS_URL: 'ftp://idp.example/jwks.json' })).toThrow(/JWKS_URL: must be an https URL/);
      expect(() => loadConfig({ JWKS_URL: 'not a url' })).toThrow(/JWKS_URL/);
    });
  });

  it('reads the trusted proxies, and refuses what is not an IP address', () => {
    expect(loadConfig({}).gateway.trustedProxies).toEqual([]);
    expect(loadConfig({ GATEWAY_TRUSTED_PROXIES: '10.0.0.5, 10.0.0.6,::1' }).gateway.trustedProxies).toEqual(['10.0.0.5', '10.0.0.6', '::1']);
    expect(() => loadConfig({ GATEWAY_TRUSTED_PROXIES: '10.0.0.5,ingress.local' })).toThrow(/GATEWAY_TRUSTED_PROXIES: must be IP addresses/);
  });
});
