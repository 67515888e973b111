import { MAX_TOKEN_LIFETIME_SECONDS, isUserId, signToken, ROLES, type Role } from '../services/kernel/src/auth';
import type { Config } from '../services/kernel/src/config';

/** A development token for the configured node (--node, else the environment's); refused when production mode is configured. */
export async function developmentToken(config: Config, v: { roles?: string; sub?: string; ttl?: string }): Promise<string> {
  if (config.mode === 'production') throw new Error('mmhub token is for development; production mode is configured (MMHUB_MODE=production)');
  const node = config.node;
  const roles = (v.roles ?? '').split(',').filter(Boolean);
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (!roles.length || unknown.length) throw new Error(`--roles takes a comma-separated list of: ${ROLES.join(', ')}`);
  const sub = v.sub ?? `${node}-${roles.join('-')}`;
  // the same rule as the nodes' verifier: a token it would refuse is not printed
  if (!isUserId(sub)) {
    throw new Error('--sub takes a user id of 1 to 255 characters, without control characters');
  }
  return signToken(config.auth.secret!, {
    sub,
    node,
    roles: roles as Role[],
    ttlSeconds: parseTtl(v.ttl ?? '8h'),
    issuer: config.auth.issuer,
    audience: config.auth.audience,
  });
}

export function parseTtl(ttl: string): number {
  const m = /^(\d+)([smhd])$/.exec(ttl);
  if (!m) throw new Error(`--ttl takes a duration such as 30m, 8h or 2d; got "${ttl}"`);
  const seconds = Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[m[2] as 's' | 'm' | 'h' | 'd'];
  // a token that has already expired is no token
  if (seconds <= 0) throw new Error(`--ttl must be longer than zero; got "${ttl}"`);
  if (seconds > MAX_TOKEN_LIFETIME_SECONDS) throw new Error(`--ttl is at most 366d; got "${ttl}"`);
  return seconds;
}
