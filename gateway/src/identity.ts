import type http from 'node:http';
import { isIP } from 'node:net';
import { GraphQLError, Kind, getOperationAST, type DocumentNode, type FieldNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { createTokenVerifier, rolesForField, rolesInArabic, type Caller } from '../../services/kernel/src/auth';
import { DomainError, unauthenticated } from '../../services/kernel/src/domain';
import type { Config } from '../../services/kernel/src/config';
import { demandRule, maxPageSizeRule, type RateLimiter } from './limits';

export interface CallerContext {
  caller?: Caller | null;
}

export const refusal = (code: string, en: string, ar: string, status: number) =>
  new GraphQLError(en, { extensions: { code, messageAr: ar, http: { status } } });

/** An operation that needs a caller and has none, in the services' words. */
const signInFirst = (): GraphQLError => {
  const { text } = unauthenticated();
  return refusal('UNAUTHENTICATED', text.en, text.ar, 401);
};

/** What the gateway decided about a request before reading its operation: who calls, and whether it is refused. */
export interface Admission {
  caller: Caller | null;
  refused?: GraphQLError;
  /** Seconds until the caller's window opens again, when the refusal is for the rate limit. */
  retryAfter?: number;
}

/** Told of requests refused before GraphQL reads them, so that they are still counted and logged. */
export interface EarlyRefusals {
  refused(request: Request, code: string): void;
}

const IPV4_MAPPED = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i;
const plainAddress = (a: string | undefined): string | undefined => {
  const trimmed = a?.trim();
  return trimmed ? (IPV4_MAPPED.exec(trimmed)?.[1] ?? trimmed) : undefined;
};

/**
 * The address a request comes from: the socket's peer, unless that peer is a trusted proxy; then the
 * nearest address of X-Forwarded-For that is not itself a trusted proxy. A client can write anything
 * in the header, so it counts only as far as trusted proxies vouch for it.
 */
export function clientAddress(req: Pick<http.IncomingMessage, 'headers'> & { socket: { remoteAddress?: string } }, trusted: ReadonlySet<string>): string {
  const peer = plainAddress(req.socket.remoteAddress) ?? 'unknown';
  if (!trusted.has(peer)) return peer;
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map(plainAddress);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i];
    if (!hop || isIP(hop) === 0) return peer;
    if (!trusted.has(hop)) return hop;
  }
  return peer;
}

/** The root fields an operation selects, through its inline fragments and fragment spreads. */
export function rootFields(document: DocumentNode, operationName?: string | null): { operation: string; fields: FieldNode[] } | undefined {
  const op = getOperationAST(document, operationName);
  if (!op) return undefined;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const fields: FieldNode[] = [];
  // each fragment once: which fields are asked for matters here, not how often
  const spread = new Set<string>();
  const expand = (set: SelectionSetNode) => {
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) fields.push(s);
      else if (s.kind === Kind.INLINE_FRAGMENT) expand(s.selectionSet);
      else if (!spread.has(s.name.value)) {
        spread.add(s.name.value);
        const f = fragments.get(s.name.value);
        if (f) expand(f.selectionSet);
      }
    }
  };
  expand(op.selectionSet);
  return { operation: op.operation, fields };
}

/**
 * Who is calling and how often. Every request that reaches the gateway is counted as it arrives,
 * whatever its path and whatever becomes of it, under its verified caller, or else the address it
 * comes from. A bad token is refused once GraphQL has read the operation, so that the refusal is
 * logged with its name. Subscriptions over WebSocket are counted each when it starts.
 */
export class Admissions {
  private readonly verify: ReturnType<typeof createTokenVerifier>;
  private readonly trusted: ReadonlySet<string>;
  private readonly byRequest = new WeakMap<http.IncomingMessage, Promise<Admission>>();
  /** The admissions already decided: the GraphQL hooks read them without waiting a turn for a settled promise. */
  private readonly decided = new WeakMap<http.IncomingMessage, Admission>();

  constructor(
    config: Config,
    private readonly limiter: RateLimiter,
  ) {
    this.verify = createTokenVerifier(config.auth);
    this.trusted = new Set(config.gateway.trustedProxies);
  }

  /** The admission of an HTTP request, counted once however often it is asked for. */
  ofRequest(req: http.IncomingMessage): Promise<Admission> {
    let admission = this.byRequest.get(req);
    if (!admission) {
      const authorization = req.headers.authorization;
      admission = this.admit(typeof authorization === 'string' ? authorization : null, this.addressOf(req));
      this.byRequest.set(req, admission);
      void admission.then((a) => this.decided.set(req, a));
    }
    return admission;
  }

  /** The admission an HTTP request was given, if it was given one: as it is once decided, else to be waited for. */
  known(req: http.IncomingMessage): Admission | Promise<Admission> | undefined {
    return this.decided.get(req) ?? this.byRequest.get(req);
  }

  addressOf(req: http.IncomingMessage): string {
    return clientAddress(req, this.trusted);
  }

  /** Whether the request came straight from a proxy the operator trusts, whose X-Forwarded headers are believed. */
  fromTrustedProxy(req: http.IncomingMessage): boolean {
    return this.trusted.has(plainAddress(req.socket.remoteAddress) ?? '');
  }

  async admit(authorization: string | null, address: string): Promise<Admission> {
    let caller: Caller | null = null;
    let refused: GraphQLError | undefined;
    if (authorization) {
      const m = /^Bearer\s+(\S+)$/i.exec(authorization);
      try {
        if (!m) throw new Error('malformed');
        caller = await this.verify(m[1]);
      } catch (e) {
        const d = e instanceof DomainError ? e : null;
        refused = refusal(
          'UNAUTHENTICATED',
          d?.text.en ?? 'Send the token as "Authorization: Bearer <token>".',
          d?.text.ar ?? 'أرسل الرمز بصيغة "Authorization: Bearer <token>".',
          401,
        );
      }
    }
    const wait = this.limiter.take(caller ? `caller/${caller.node}/${caller.sub}` : `address/${address}`);
    if (wait > 0) {
      return {
        caller: null,
        retryAfter: wait,
        refused: refusal('RATE_LIMITED', `Too many requests: try again in ${wait} s.`, `طلبات كثيرة: حاول مجدداً بعد ${wait} ثانية.`, 429),
      };
    }
    return { caller, refused };
  }
}

/** The rate limit's refusal as a plain JSON answer, for whatever path it was asked at. */
export function rateLimitedBody(admission: Admission): string {
  const e = admission.refused!;
  return JSON.stringify({ errors: [{ message: e.message, extensions: { code: 'RATE_LIMITED', messageAr: e.extensions.messageAr } }] });
}

export function useIdentity(config: Config, admissions: Admissions, endpoint: string, early: EarlyRefusals): GatewayPlugin<CallerContext> {
  return {
    // both hooks answer at once when the admission is already decided (the gateway's router waited for it):
    // a hook that returns a promise makes the runtime wait a turn for each
    onRequest({ request, url, serverContext, endResponse, fetchAPI }) {
      const req = (serverContext as { req?: http.IncomingMessage }).req;
      // a browser's preflight carries no credentials and runs nothing
      if (!req || url.pathname !== endpoint) return;
      const refuse = (admission: Admission) => {
        if (admission.retryAfter === undefined) return;
        early.refused(request, 'RATE_LIMITED');
        endResponse(
          new fetchAPI.Response(rateLimitedBody(admission), {
            status: 429,
            headers: { 'content-type': 'application/json; charset=utf-8', 'retry-after': String(admission.retryAfter) },
          }),
        );
      };
      const admission = admissions.known(req) ?? admissions.ofRequest(req);
      return admission instanceof Promise ? admission.then(refuse) : refuse(admission);
    },
    onContextBuilding({ context, extendContext }) {
      const c = context as unknown as { req?: http.IncomingMessage; request?: Request; connectionParams?: Record<string, unknown> };
      const admit = (admission: Admission) => {
        if (admission.refused) throw admission.refused;
        extendContext({ caller: admission.caller });
      };
      const known = c.req ? admissions.known(c.req) : undefined;
      if (known && !(known instanceof Promise)) return admit(known);
      return (async () => {
        let admission = await known;
        if (!admission) {
          // a subscription over WebSocket: its socket's upgrade was counted, and each one started on it is
          const header =
            c.request?.headers.get('authorization') ?? (typeof c.connectionParams?.authorization === 'string' ? c.connectionParams.authorization : null);
          admission = await admissions.admit(header, c.req ? admissions.addressOf(c.req) : 'unknown');
        }
        admit(admission);
      })();
    },
    // the first line of the permission matrix: a mutation needs one of its roles before any subgraph is asked
    onExecute({ args, setResultAndStopExecution }) {
      const caller = (args.contextValue as CallerContext).caller ?? null;
      const root = rootFields(args.document as DocumentNode, args.operationName);
      if (!root) return;
      // a read without a token costs no subgraph a call where every service would refuse it; the schema's own fields stay open
      if (!caller && root.operation === 'query' && !config.auth.allowAnonymousRead && root.fields.some((f) => !f.name.value.startsWith('__'))) {
        setResultAndStopExecution({
          errors: [signInFirst()],
        });
        return;
      }
      if (root.operation !== 'mutation') return;
      for (const field of root.fields) {
        const roles = rolesForField(field.name.value);
        if (!roles) continue;
        if (!caller) {
          setResultAndStopExecution({
            errors: [signInFirst()],
          });
          return;
        }
        if (!caller.roles.some((r) => roles.includes(r))) {
          setResultAndStopExecution({
            errors: [
              refusal(
                'FORBIDDEN',
                `${field.name.value} needs one of the roles: ${roles.join(', ')}.`,
                `لا يسمح دورك بهذا الإجراء (${field.name.value})؛ يلزمه دور ${rolesInArabic(roles)}.`,
                403,
              ),
            ],
          });
          return;
        }
      }
    },
    onValidate({ addValidationRule }) {
      addValidationRule(demandRule(config.gateway));
      addValidationRule(maxPageSizeRule());
    },
  };
}
