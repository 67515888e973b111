import { decodeJwt } from 'jose';
import { developmentToken, parseTtl } from '../../cli/token';
import { createTokenVerifier } from '../../services/kernel/src/auth';
import { loadConfig } from '../../services/kernel/src/config';

describe('mmhub token', () => {
  it('prints a token the node verifies, with the node, roles and lifetime asked for', async () => {
    const config = loadConfig({ MMHUB_NODE: 'riyadh' });
    const token = await developmentToken(config, { roles: 'editor,reviewer', ttl: '30m' });
    expect(await createTokenVerifier(config.auth)(token)).toEqual({ sub: 'riyadh-editor-reviewer', node: 'riyadh', roles: ['editor', 'reviewer'] });
    const claims = decodeJwt(token);
    expect(claims.exp! - claims.iat!).toBe(1800);
  });

  it('is for the node of the environment when --node is not given', async () => {
    const token = await developmentToken(loadConfig({ MMHUB_NODE: 'jeddah' }), { roles: 'viewer' });
    expect(decodeJwt(token)).toMatchObject({ sub: 'jeddah-viewer', node: 'jeddah', roles: ['viewer'] });
  });

  it('refuses to run in production mode', async () => {
    const config = loadConfig({
      MMHUB_MODE: 'production',
      MMHUB_JWT_SECRET: 'x'.repeat(40),
      MMHUB_JWT_AUDIENCE: 'mmhub',
      MMHUB_GATEWAY_SECRET: 'g'.repeat(40),
    });
    await expect(developmentToken(config, { roles: 'editor' })).rejects.toThrow(/production mode/);
  });

  it('names what is wrong with its arguments', async () => {
    const config = loadConfig({});
    await expect(developmentToken(config, { roles: 'editor,king' })).rejects.toThrow(/--roles takes/);
    expect(() => parseTtl('forever')).toThrow(/--ttl/);
    expect(() => parseTtl('0s')).toThrow('--ttl must be longer than zero; got "0s"');
    expect(() => parseTtl('0d')).toThrow(/longer than zero/);
    expect(parseTtl('2d')).toBe(172800);
    expect(parseTtl('366d')).toBe(366 * 86400);
    expect(() => parseTtl('367d')).toThrow('--ttl is at most 366d; got "367d"');
    expect(() => parseTtl('100000000000000000000d')).toThrow(/--ttl is at most 366d/);
  });

  it('prints no token the node would refuse: an empty, control-laden or overlong --sub', async () => {
    const config = loadConfig({ MMHUB_NODE: 'riyadh' });
    for (const sub of ['', '   ', 'a\u0000b', 'x'.repeat(256)]) {
      await expect(developmentToken(config, { roles: 'viewer', sub })).rejects.toThrow(/--sub takes a user id/);
    }
    const token = await developmentToken(config, { roles: 'viewer', sub: 'مستخدم-١' });
    expect(await createTokenVerifier(config.auth)(token)).toMatchObject({ sub: 'مستخدم-١' });
  });
});
