import type { Express, Request, Response } from 'express';
import type { EntityManager } from '@mikro-orm/postgresql';
import { feedReaderOf, isFeedToken } from './feed-token';
import { DomainError, badInput, localDate, riyadhDate, storableText, unauthenticated, validId, type Axis } from '../../../kernel/src/domain';
import {
  createGatewayProofVerifier,
  gatewayProofOf,
  createTokenVerifier,
  type Caller,
  type GatewayProof,
  type GatewayProofVerifier,
  type TokenVerifier,
} from '../../../kernel/src/auth';
import type { ServiceRuntime } from '../../../kernel/src/service';
import { calendarItems, type CalendarQuery } from '../calendar/calendar.queries';
import { resolveRange } from '../calendar/range';
import type { CalendarEntryKind } from '../entry/calendar-entry';
import { addDays, daysPeriod, type Period } from '../period/period';
import { CALENDAR_NAME, calendarFeed } from './calendar-feed';

/** Without from/to the feed covers a month back and a year ahead. */
export const FEED_WINDOW = { daysBack: 30, daysAhead: 365 } as const;
const EVERYTHING: Period = daysPeriod('2000-01-01', '2099-12-31');

const STATUS: Record<string, number> = { BAD_USER_INPUT: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404 };

/** A query parameter as a list: repeated (?kind=A&kind=B) or comma-separated (?kind=A,B); text the database can store. */
function list(req: Request, name: string): string[] | null {
  const value = req.query[name];
  const raw = Array.isArray(value) ? value : value == null ? [] : [value];
  const items = raw
    .flatMap((v) => storableText(name, String(v)).split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  return items.length ? items : null;
}

function single(req: Request, name: string): string | undefined {
  const v = req.query[name];
  if (v == null) return undefined;
  if (typeof v !== 'string') throw badInput(name, { en: `Give ${name} once.`, ar: `حدّد ${name} مرة واحدة.` });
  return storableText(name, v);
}

/** The node's gateway vouching for the request, null when it came some other way; a forged or foreign proof is refused. */
async function proofOf(req: Request, verifyProof: GatewayProofVerifier): Promise<GatewayProof | null> {
  const proof = await gatewayProofOf(req.headers, verifyProof);
  if (proof === undefined) return null;
  if (!proof) throw unauthenticated({ en: 'The gateway proof is not valid.', ar: 'إثبات البوابة غير صالح.' });
  return proof;
}

/**
 * The reader: the caller the node's gateway vouches for when it forwards the request; else a bearer
 * token in the Authorization header, or, for calendar clients that cannot send headers, a feed token
 * (issueCalendarFeedToken) in the `token` query parameter; no token only when anonymous reading is allowed.
 * A sign-in token in the URL is refused: URLs end up in shared calendars, logs and browser histories.
 */
async function readerOf(req: Request, proof: GatewayProof | null, verify: TokenVerifier, allowAnonymous: boolean, em: EntityManager): Promise<Caller | null> {
  if (proof?.caller) return proof.caller;
  const header = req.headers.authorization;
  const param = single(req, 'token');
  if (param) {
    if (!isFeedToken(param)) {
      throw unauthenticated({
        en: 'A sign-in token does not belong in a feed URL: issue a calendar feed token (issueCalendarFeedToken) and use it as ?token=<feed token>.',
        ar: 'لا يوضع رمز الدخول في رابط الروزنامة: أصدر رمزاً خاصاً بالروزنامة (issueCalendarFeedToken) واستخدمه بصيغة ?token=<رمز الروزنامة>.',
      });
    }
    return feedReaderOf(em, param, new Date());
  }
  if (header) {
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) throw unauthenticated({ en: 'Send the token as "Authorization: Bearer <token>".', ar: 'أرسل الرمز بصيغة "Authorization: Bearer <token>".' });
    return isFeedToken(m[1]) ? feedReaderOf(em, m[1], new Date()) : verify(m[1]);
  }
  if (allowAnonymous) return null;
  throw unauthenticated({
    en: 'Sign in first: send a bearer token, or add ?token=<feed token> (from issueCalendarFeedToken) to the feed URL.',
    ar: 'سجّل الدخول أولاً: أرسل رمز الدخول، أو أضف ?token=<رمز الروزنامة> (من issueCalendarFeedToken) إلى رابط الروزنامة.',
  });
}

const FORWARDED_HOST = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;
const FORWARDED_PREFIX = /^(?:\/[A-Za-z0-9._~%!$&'()*+,;=:@-]+)*$/;

/** The first value of a header that a chain of proxies may have written as a comma-separated list. */
function firstValue(req: Request, name: string): string | undefined {
  return req.get(name)?.split(',')[0].trim() || undefined;
}

/**
 * Where the reader reached this feed: behind the node's gateway, the address the gateway was called
 * at (X-Forwarded-Host, -Proto and -Prefix, believed only with the gateway's proof, and only when
 * they are a plain host, scheme and path); else the address this service was called at.
 */
function publicOrigin(req: Request, proof: GatewayProof | null): string {
  const own = `${req.protocol}://${req.get('host')}`;
  if (!proof) return own;
  const host = firstValue(req, 'x-forwarded-host');
  const proto = (firstValue(req, 'x-forwarded-proto') ?? req.protocol).toLowerCase();
  const prefix = (firstValue(req, 'x-forwarded-prefix') ?? '').replace(/\/+$/, '');
  if (!host || !FORWARDED_HOST.test(host) || (proto !== 'http' && proto !== 'https') || !FORWARDED_PREFIX.test(prefix)) return own;
  return `${proto}://${host}${prefix}`;
}

function flag(req: Request, name: string): boolean {
  const v = single(req, name);
  if (v === undefined || v === 'false' || v === '0') return false;
  if (v === 'true' || v === '1' || v === '') return true;
  throw badInput(name, { en: `${name} is true or false; got "${v}".`, ar: `قيمة ${name} إما true وإما false؛ القيمة "${v}".` });
}

function feedQuery(req: Request): CalendarQuery {
  return {
    node: list(req, 'node'),
    axis: list(req, 'axis') as Axis[] | null,
    channel: list(req, 'channel'),
    audience: list(req, 'audience'),
    kind: list(req, 'kind') as CalendarEntryKind[] | null,
    includeCancelled: true,
    includeDrafts: false,
    // ?national=true: with a node filter, the ministry's national occasions too
    includeNationalOccasions: flag(req, 'national'),
  };
}

function feedPeriod(req: Request, today: string): Period {
  const from = localDate('from', single(req, 'from') ?? addDays(today, -FEED_WINDOW.daysBack), { en: 'from', ar: 'تاريخ البداية' });
  const to = localDate('to', single(req, 'to') ?? addDays(today, FEED_WINDOW.daysAhead), { en: 'to', ar: 'تاريخ النهاية' });
  const days = resolveRange({ from, to }, null);
  return daysPeriod(days.from, days.to);
}

function sendError(res: Response, runtime: ServiceRuntime, e: unknown): void {
  if (e instanceof DomainError) {
    const status = STATUS[e.code] ?? 409;
    if (status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="mmhub calendar"');
    res.status(status).type('text/plain; charset=utf-8').send(`${e.text.en}\n${e.text.ar}\n`);
    return;
  }
  runtime.log.error({ err: e }, 'calendar feed failed');
  res.status(500).type('text/plain; charset=utf-8').send('Something went wrong on our side; it has been logged.\nحدث خطأ من جهتنا وتم تسجيله.\n');
}

function sendCalendar(res: Response, body: string, filename: string): void {
  res
    .status(200)
    .setHeader('Content-Type', 'text/calendar; charset=utf-8')
    .setHeader('Content-Disposition', `inline; filename="${filename}"`)
    .setHeader('Cache-Control', 'private, max-age=60')
    .send(body);
}

/** GET /calendar.ics (the feed, with the calendar's filters) and GET /calendar/items/<id>.ics (one item). */
export function calendarFeedRoutes(app: Express, runtime: ServiceRuntime): void {
  const verify = createTokenVerifier(runtime.config.auth);
  // the feed takes the gateway's feed proof, and a GraphQL proof that vouches for a caller
  const verifyProof = createGatewayProofVerifier(runtime.config.gatewaySecret, runtime.config.node, ['feed', 'graphql']);
  const allowAnonymous = runtime.config.auth.allowAnonymousRead;
  // the link carries no token: items are shared and forwarded beyond the subscription that fetched them
  const linkOf = (req: Request, proof: GatewayProof | null) => (item: { id: string }) => `${publicOrigin(req, proof)}/calendar/items/${item.id}.ics`;

  app.get('/calendar.ics', async (req, res) => {
    try {
      const proof = await proofOf(req, verifyProof);
      const em = runtime.orm.em.fork();
      await readerOf(req, proof, verify, allowAnonymous, em);
      const period = feedPeriod(req, riyadhDate(new Date()));
      const items = await calendarItems(em, period, feedQuery(req));
      sendCalendar(res, calendarFeed(items, { name: CALENDAR_NAME, linkOf: linkOf(req, proof) }), 'calendar.ics');
    } catch (e) {
      sendError(res, runtime, e);
    }
  });

  app.get('/calendar/items/:file', async (req, res) => {
    try {
      const proof = await proofOf(req, verifyProof);
      await readerOf(req, proof, verify, allowAnonymous, runtime.orm.em.fork());
      const id = String(req.params.file).replace(/\.ics$/, '');
      const items = await calendarItems(runtime.orm.em.fork(), EVERYTHING, { ids: [validId('id', id)], includeDrafts: false });
      if (!items.length) throw new DomainError('NOT_FOUND', { en: `No calendar item with id ${id}.`, ar: `لا يوجد عنصر في الروزنامة بالمعرّف ${id}.` });
      sendCalendar(res, calendarFeed(items, { name: CALENDAR_NAME, linkOf: linkOf(req, proof) }), `${id}.ics`);
    } catch (e) {
      sendError(res, runtime, e);
    }
  });
}
