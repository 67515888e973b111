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
});
