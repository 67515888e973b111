import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { DomainError, forbidden, notOwner, unauthenticated } from '../domain/errors';
import { hasForbiddenCharacters } from '../domain/validate';

export const ROLES = ['viewer', 'editor', 'reviewer', 'admin', 'analyst'] as const;
export type Role = (typeof ROLES)[number];

/** The roles as the console names them in Arabic: a refusal in Arabic names them so. */
const ROLE_NAMES_AR: Record<Role, string> = { viewer: 'مطّلع', editor: 'محرر', reviewer: 'مراجع', admin: 'مسؤول', analyst: 'محلل' };

/** Roles in a refusal: «مراجع» or «محرر أو مسؤول»; an unknown name as it is. */
export const rolesInArabic = (roles: readonly string[]): string => roles.map((r) => ROLE_NAMES_AR[r as Role] ?? r).join(' أو ');

/** Who is calling: verified claims of a bearer token. */
export interface Caller {
  sub: string;
  node: string;
  roles: Role[];
}

export interface AuthSettings {
  secret?: string;
  issuer?: string;
  audience?: string;
  jwksUrl?: string;
  /** The nodes a token may name; any other is refused. */
  knownNodes: readonly string[];
}

export type TokenVerifier = (token: string) => Promise<Caller>;

/** Tokens verified and remembered by one verifier, at most; the oldest goes first. */
const REMEMBERED_TOKENS = 1000;

/** How long a verified token is taken as verified without checking it again: a key withdrawn from a JWKS takes effect within it. */
const REMEMBER_MS = 60_000;

/**
 * HS256 with a shared secret, or RS256/ES256 through a JWKS URL when one is configured. A valid token is
 * remembered by its exact text until it expires, for a minute at most: a caller's many requests with one
 * token are checked once, and no other token ever reads the entry.
 */
export function createTokenVerifier(settings: AuthSettings): TokenVerifier {
  const key: Uint8Array | JWTVerifyGetKey = settings.jwksUrl
    ? createRemoteJWKSet(new URL(settings.jwksUrl))
    : new TextEncoder().encode(requireSecret(settings));
  const algorithms = settings.jwksUrl ? ['RS256', 'ES256'] : ['HS256'];
  const verified = new Map<string, { caller: Caller; until: number }>();
  return async (token) => {
    const known = verified.get(token);
    if (known) {
      if (Date.now() < known.until) return { ...known.caller, roles: [...known.caller.roles] };
      verified.delete(token);
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key as Uint8Array, {
        algorithms,
        issuer: settings.issuer,
        audience: settings.audience,
        // a token without an expiry would be good for ever once leaked
        requiredClaims: [...REQUIRED_CLAIMS],
      }));
    } catch (e) {
      throw unauthenticated(refusalOf(e as { code?: string; claim?: string; reason?: string }));
    }
    const refusal = timesRefusal(payload, Date.now() / 1000);
    if (refusal) throw unauthenticated(refusal);
    const caller = callerFromClaims(payload, settings.knownNodes);
    if (verified.size >= REMEMBERED_TOKENS) verified.delete(verified.keys().next().value!);
    verified.set(token, { caller: { ...caller, roles: [...caller.roles] }, until: Math.min(payload.exp! * 1000, Date.now() + REMEMBER_MS) });
    return caller;
  };
}

/** The longest a token may be valid for from now: a year, as `mmhub token` issues at most; a leaked token of a century is not refused by its expiry. */
export const MAX_TOKEN_LIFETIME_SECONDS = 366 * 86400;

/** How far the issuer's clock may run ahead of this node's before a token counts as issued in the future. */
const CLOCK_SKEW_SECONDS = 60;

/** Why a verified token's times are refused, if they are: issued in the future, or valid for over a year from now. */
function timesRefusal(p: JWTPayload, now: number): { en: string; ar: string } | undefined {
  if (typeof p.iat === 'number' && p.iat > now + CLOCK_SKEW_SECONDS) {
    return {
      en: 'The bearer token says it was issued in the future (iat): the clock of whoever issued it is ahead; ask for a new token.',
      ar: 'يذكر رمز الدخول أنه صدر في المستقبل (iat): ساعة الجهة التي أصدرته متقدمة؛ اطلب رمزاً جديداً.',
    };
  }
  if (p.exp! - now > MAX_TOKEN_LIFETIME_SECONDS + CLOCK_SKEW_SECONDS) {
    return {
      en: 'The bearer token is valid for more than 366 days (exp): ask for a token that expires sooner.',
      ar: 'رمز الدخول صالح لأكثر من ٣٦٦ يوماً (exp): اطلب رمزاً تنتهي صلاحيته قبل ذلك.',
    };
  }
  return undefined;
}

/** Claims every bearer token must carry, whatever else the identity provider puts in it. */
const REQUIRED_CLAIMS = ['exp', 'sub'] as const;

/** Why a token was refused, in words the caller (or whoever issued the token) can act on. */
function refusalOf(e: { code?: string; claim?: string; reason?: string }): { en: string; ar: string } {
  if (e.code === 'ERR_JWT_EXPIRED') return { en: 'Your token has expired: sign in again.', ar: 'انتهت صلاحية رمز الدخول: سجّل الدخول مرة أخرى.' };
  if (e.code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && e.reason === 'missing' && e.claim === 'exp') {
    return { en: 'The bearer token has no expiry (exp): ask for a token that expires.', ar: 'رمز الدخول بلا تاريخ انتهاء (exp): اطلب رمزاً له تاريخ انتهاء.' };
  }
  if (e.code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && e.reason === 'missing' && e.claim === 'sub') {
    return { en: 'The bearer token names no user (sub): ask for a token issued to you.', ar: 'رمز الدخول لا يحدد المستخدم (sub): اطلب رمزاً صادراً باسمك.' };
  }
  return { en: 'The bearer token is not valid.', ar: 'رمز الدخول غير صالح.' };
}

const isRole = (r: unknown): r is Role => typeof r === 'string' && (ROLES as readonly string[]).includes(r);

/** The longest user id a token may name: it is written beside every change the caller makes. */
const MAX_SUB_LENGTH = 255;

/** A user id a token may carry as its sub: text that can be stored beside every change, of 1 to 255 characters. */
export const isUserId = (sub: unknown): sub is string =>
  typeof sub === 'string' && Boolean(sub.trim()) && sub.length <= MAX_SUB_LENGTH && !hasForbiddenCharacters(sub);

/** Claims taken only as they should be: sub a storable string, node a known node, roles a list of known roles. */
export function callerFromClaims(p: JWTPayload, knownNodes: readonly string[]): Caller {
  const { sub, node, roles } = p as { sub?: unknown; node?: unknown; roles?: unknown };
  if (!isUserId(sub) || typeof node !== 'string' || !knownNodes.includes(node) || !Array.isArray(roles) || !roles.length || !roles.every(isRole)) {
    throw unauthenticated({
      en: 'The token lacks valid claims: it needs sub (a string), node (a known node) and roles (a list of known roles).',
      ar: 'رمز الدخول لا يحمل البيانات المطلوبة: المعرّف (نص) والعقدة (عقدة معروفة) والأدوار (قائمة بأدوار معروفة).',
    });
  }
  return { sub, node, roles: [...new Set(roles)] };
}

function requireSecret(s: AuthSettings): string {
  if (!s.secret) throw new Error('MMHUB_JWT_SECRET is required when MMHUB_JWKS_URL is not set');
  return s.secret;
}

export interface TokenRequest {
  sub: string;
  node: string;
  roles: Role[];
  ttlSeconds?: number;
  issuer?: string;
  audience?: string;
}

/** Signs an HS256 token; for development and tests. */
export async function signToken(secret: string, r: TokenRequest): Promise<string> {
  let jwt = new SignJWT({ node: r.node, roles: r.roles })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(r.sub)
    .setIssuedAt()
    .setExpirationTime(`${r.ttlSeconds ?? 8 * 3600}s`);
  if (r.issuer) jwt = jwt.setIssuer(r.issuer);
  if (r.audience) jwt = jwt.setAudience(r.audience);
  return jwt.sign(new TextEncoder().encode(secret));
}

/** The caller, or UNAUTHENTICATED. */
export function requireCaller(caller: Caller | null): Caller {
  if (!caller) throw unauthenticated();
  return caller;
}

export function hasRole(caller: Caller, ...roles: Role[]): boolean {
  return caller.roles.some((r) => roles.includes(r));
}

export const WRITERS: Role[] = ['editor', 'admin'];

/** The caller holds one of the roles. */
export function requireRole(caller: Caller | null, roles: Role[]): Caller {
  const c = requireCaller(caller);
  if (!hasRole(c, ...roles)) {
    throw forbidden({
      en: `This needs one of the roles: ${roles.join(', ')}.`,
      ar: `يتطلب هذا دور ${rolesInArabic(roles)}.`,
    });
  }
  return c;
}

/** Writing: the caller holds one of the roles and belongs to the node that owns the record. */
export function requireWriter(caller: Caller | null, ownerNode: string, roles: Role[] = WRITERS): Caller {
  const c = requireRole(caller, roles);
  if (c.node !== ownerNode) {
    throw forbidden({
      en: `You belong to node "${c.node}" and cannot change records of "${ownerNode}".`,
      ar: `أنت تتبع العقدة "${c.node}" ولا يمكنك تعديل سجلات "${ownerNode}".`,
    });
  }
  return c;
}

/** A write aimed at a replica is refused with the owner's name. */
export function requireOwnedHere(ownerNode: string, hereNode: string): void {
  if (ownerNode !== hereNode) throw notOwner(ownerNode, hereNode);
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
