import { ConfigError, DEVELOPMENT_JWT_SECRET, RENAMED, loadConfig } from './config';

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
    expect(loadConfig({ MMHUB_NODE: 'riyadh' }).role).toBe('municipality');
  });

  it('names every bad variable', () => {
    let error: unknown;
    try {
      loadConfig({ MMHUB_PORT: 'eighty', MMHUB_NODE: 'Riyadh!', MMHUB_DATABASE_URL: 'mysql://x', MMHUB_EVENT_BUS: 'rabbit' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const text = (error as Error).message;
    for (const name of ['MMHUB_PORT', 'MMHUB_NODE', 'MMHUB_DATABASE_URL', 'MMHUB_EVENT_BUS']) expect(text).toContain(name);
  });

  it('refuses a name from before the MMHUB_ prefix, naming the name that replaced it', () => {
    expect(() => loadConfig({ NODE: 'riyadh' })).toThrow(/NODE: is now MMHUB_NODE; set MMHUB_NODE instead and unset NODE/);
    expect(() => loadConfig({ MMHUB_NODE: 'riyadh', DATABASE_URL: 'postgresql://x@db/mmhub' })).toThrow(/DATABASE_URL: is now MMHUB_DATABASE_URL/);
    let error: unknown;
    try {
      loadConfig({ PORT: '4000', KAFKA_BROKERS: 'kafka:9092', JWT_SECRET: 'x'.repeat(40) });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'PORT: is now MMHUB_PORT; set MMHUB_PORT instead and unset PORT',
      'KAFKA_BROKERS: is now MMHUB_KAFKA_BROKERS; set MMHUB_KAFKA_BROKERS instead and unset KAFKA_BROKERS',
      'JWT_SECRET: is now MMHUB_JWT_SECRET; set MMHUB_JWT_SECRET instead and unset JWT_SECRET',
    ]);
  });

  it('knows the old name of every renamed variable, and none for those born prefixed or standard', () => {
    expect(RENAMED.get('NODE')).toBe('MMHUB_NODE');
    expect(RENAMED.get('GATEWAY_SECRET')).toBe('MMHUB_GATEWAY_SECRET');
    expect(RENAMED.has('MODE')).toBe(false);
    expect([...RENAMED.keys()].filter((name) => name.startsWith('OTEL_') || name === 'NODE_ENV')).toEqual([]);
    expect(loadConfig({ MMHUB_MODE: 'development', NODE_ENV: 'production', OTEL_SERVICE_NAME: 'riyadh' }).observability.serviceName).toBe('riyadh');
  });

  it('ignores NODE when it is the path npm and npx set it to', () => {
    expect(loadConfig({ NODE: '/usr/local/bin/node', MMHUB_NODE: 'riyadh' }).node).toBe('riyadh');
    expect(loadConfig({ NODE: 'C:\\Program Files\\nodejs\\node.exe' }).node).toBe('ministry');
  });

  it('refuses production without a real secret and an audience', () => {
    expect(() => loadConfig({ MMHUB_MODE: 'production' })).toThrow(/MMHUB_JWT_SECRET/);
    expect(() => loadConfig({ MMHUB_MODE: 'production', MMHUB_JWT_SECRET: DEVELOPMENT_JWT_SECRET, MMHUB_JWT_AUDIENCE: 'mmhub' })).toThrow(/development secret/);
    expect(() => loadConfig({ MMHUB_MODE: 'production', MMHUB_JWT_SECRET: 'x'.repeat(40) })).toThrow(/MMHUB_JWT_AUDIENCE/);
    expect(() => loadConfig({ MMHUB_MODE: 'production', MMHUB_JWT_SECRET: 'x'.repeat(40), MMHUB_JWT_AUDIENCE: 'mmhub' })).toThrow(/MMHUB_GATEWAY_SECRET/);
    const c = loadConfig({ MMHUB_MODE: 'production', MMHUB_JWT_SECRET: 'x'.repeat(40), MMHUB_JWT_AUDIENCE: 'mmhub', MMHUB_GATEWAY_SECRET: 'g'.repeat(40) });
    expect(c.auth.secret).toBe('x'.repeat(40));
    expect(c.gatewaySecret).toBe('g'.repeat(40));
  });

  describe('MMHUB_JWKS_URL', () => {
    const production = { MMHUB_MODE: 'production', MMHUB_JWT_AUDIENCE: 'mmhub', MMHUB_GATEWAY_SECRET: 'g'.repeat(40) };

    it('takes an https key set in production', () => {
      expect(loadConfig({ ...production, MMHUB_JWKS_URL: 'https://idp.example/.well-known/jwks.json' }).auth.jwksUrl).toBe(
        'https://idp.example/.well-known/jwks.json',
      );
    });

    it('refuses a key set over plain http from another machine in production, saying https', () => {
      expect(() => loadConfig({ ...production, MMHUB_JWKS_URL: 'http://idp.example/.well-known/jwks.json' })).toThrow(
        /MMHUB_JWKS_URL: production mode needs an https URL/,
      );
    });

    it.each(['http://127.0.0.1:8080/jwks.json', 'http://localhost:8080/jwks.json', 'http://[::1]:8080/jwks.json'])(
      'takes %s in production: it never leaves the machine',
      (url) => {
        expect(loadConfig({ ...production, MMHUB_JWKS_URL: url }).auth.jwksUrl).toBe(url);
      },
    );

    it('takes http from anywhere in development', () => {
      expect(loadConfig({ MMHUB_JWKS_URL: 'http://keycloak:8080/realms/mmhub/protocol/openid-connect/certs' }).auth.jwksUrl).toMatch(/^http:/);
    });

    it('refuses what is not an http(s) URL', () => {
      expect(() => loadConfig({ MMHUB_JWKS_URL: 'ftp://idp.example/jwks.json' })).toThrow(/MMHUB_JWKS_URL: must be an https URL/);
      expect(() => loadConfig({ MMHUB_JWKS_URL: 'not a url' })).toThrow(/MMHUB_JWKS_URL/);
    });
  });

  it('reads the trusted proxies, and refuses what is not an IP address', () => {
    expect(loadConfig({}).gateway.trustedProxies).toEqual([]);
    expect(loadConfig({ MMHUB_GATEWAY_TRUSTED_PROXIES: '10.0.0.5, 10.0.0.6,::1' }).gateway.trustedProxies).toEqual(['10.0.0.5', '10.0.0.6', '::1']);
    expect(() => loadConfig({ MMHUB_GATEWAY_TRUSTED_PROXIES: '10.0.0.5,ingress.local' })).toThrow(/MMHUB_GATEWAY_TRUSTED_PROXIES: must be IP addresses/);
  });
});
