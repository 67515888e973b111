import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { boundedNumber, unauthenticated } from '../../../kernel/src/domain';
import type { Caller, Role } from '../../../kernel/src/auth';

/** A feed token lasts this long unless asked otherwise: long enough for a calendar app, short enough to expire. */
export const FEED_TOKEN_DAYS = { default: 90, max: 365 } as const;

/** Feed tokens start with this, so a feed token and a sign-in token cannot be mistaken for each other. */
const PREFIX = 'mmcf_';

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

export interface IssuedFeedToken {
  token: string;
  issuedAt: Date;
  expiresAt: Date;
}

/**
 * A new calendar feed token for the caller, replacing any earlier one (which stops working). It reads
 * the feed only: it is accepted nowhere else, and only its hash is stored.
 */
export async function issueFeedToken(em: EntityManager, caller: Caller, now: Date, days: number = FEED_TOKEN_DAYS.default): Promise<IssuedFeedToken> {
  boundedNumber('days', days, 1, FEED_TOKEN_DAYS.max, { en: 'The lifetime in days', ar: 'مدة الصلاحية بالأيام' });
  const token = `${PREFIX}${randomBytes(32).toString('base64url')}`;
  const expiresAt = new Date(now.getTime() + Math.round(days) * 86400_000);
  await em.getConnection().execute(
    `insert into "calendar"."feed_token" ("node", "sub", "roles", "token_hash", "issued_at", "expires_at") values (?, ?, string_to_array(?, ','), ?, ?, ?)
     on conflict ("node", "sub") do update set "roles" = excluded."roles", "token_hash" = excluded."token_hash", "issued_at" = excluded."issued_at", "expires_at" = excluded."expires_at"`,
    // role codes hold no comma; a list binding would be spread into separate values
    [caller.node, caller.sub, caller.roles.join(','), hashOf(token), now, expiresAt],
    'run',
    em.getTransactionContext(),
  );
  return { token, issuedAt: now, expiresAt };
}

export const isFeedToken = (token: string): boolean => token.startsWith(PREFIX);

/** The reader a feed token stands for; an unknown, replaced or expired one is UNAUTHENTICATED. */
export async function feedReaderOf(em: EntityManager, token: string, now: Date): Promise<Caller> {
  const rows: Array<{ node: string; sub: string; roles: Role[]; expires_at: Date }> = await em
    .getConnection()
    .execute('select "node", "sub", "roles", "expires_at" from "calendar"."feed_token" where "token_hash" = ?', [hashOf(token)]);
  const row = rows[0];
  if (!row || new Date(row.expires_at) <= now) {
    throw unauthenticated({
      en: 'This calendar feed link has expired or was replaced: issue a new feed token (issueCalendarFeedToken) and subscribe again.',
      ar: 'انتهت صلاحية رابط الروزنامة أو استُبدل: أصدر رمزاً جديداً للروزنامة (issueCalendarFeedToken) واشترك من جديد.',
    });
  }
  return { node: row.node, sub: row.sub, roles: row.roles };
}
