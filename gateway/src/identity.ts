import type http from 'node:http';
import { isIP } from 'node:net';
import { GraphQLError, Kind, getOperationAST, type DocumentNode, type FieldNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { createTokenVerifier, rolesForField, DomainError, type Caller, type Config } from '../../services/kernel/src';
import { maxAliasesRule, maxCostRule, maxDepthRule, maxPageSizeRule, RateLimiter } from './limits';

export interface CallerContext {
  caller?: Caller | null;
}

export const refusal = (code: string, en: string, ar: string, status: number) => new GraphQLError(en, { extensions: { code, messageAr: ar, http: { status } } });

/** What the gateway decided about a request before reading its operation: who calls, and whether it is refused. */
interface Admission {
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
  const expand = (set: SelectionSetNode, seen: ReadonlySet<string>) => {
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) fields.push(s);
      else if (s.kind === Kind.INLINE_FRAGMENT) expand(s.selectionSet, seen);
      else if (!seen.has(s.name.value)) {
        const f = fragments.get(s.name.value);
        if (f) expand(f.selectionSet, new Set([...seen, s.name.value]));
      }
    }
  };
  expand(op.selectionSet, new Set());
  return { operation: op.operation, fields };
}

/**
 * Who is calling and how often. Every request to the GraphQL endpoint is counted as it arrives —
 * refused ones too — under its verified caller, or else the address it comes from; one over the
 * limit is refused there and then. A bad token is refused once GraphQL has read the operation, so
 * that the refusal is logged with its name. Subscriptions over WebSocket are admitted the same way,
 * each when it starts.
 */
export function useIdentity(config: Config, limiter: RateLimiter, endpoint: string, early: EarlyRefusals): GatewayPlugin<CallerContext> {
  const verify = createTokenVerifier(config.auth);
  const trusted = new Set(config.gateway.trustedProxies);
  const admissions = new WeakMap<http.IncomingMessage, Admission>();

  const admit = async (authorization: string | null, address: string): Promise<Admission> => {
    let caller: Caller | null = null;
    let refused: GraphQLError | undefined;
    if (authorization) {
      const m = /^Bearer\s+(\S+)$/i.exec(authorization);
      try {
        if (!m) throw new Error('malformed');
        caller = await verify(m[1]);
      } catch (e) {
        const d = e instanceof DomainError ? e : null;
        refused = refusal('UNAUTHENTICATED', d?.text.en ?? 'Send the token as "Authorization: Bearer <token>".', d?.text.ar ?? 'أرسل الرمز بصيغة "Authorization: Bearer <token>".', 401);
      }
    }
    const wait = limiter.take(caller ? `caller/${caller.node}/${caller.sub}` : `address/${address}`);
    if (wait > 0) {
      return { caller: null, retryAfter: wait, refused: refusal('RATE_LIMITED', `Too many requests: try again in ${wait} s.`, `طلبات كثيرة: حاول مجدداً بعد ${wait} ثانية.`, 429) };
    }
    return { caller, refused };
  };

  return {
    async onRequest({ request, url, serverContext, endResponse, fetchAPI }) {
      const req = (serverContext as { req?: http.IncomingMessage }).req;
      // a browser's preflight carries no credentials and runs nothing
      if (!req || request.method === 'OPTIONS' || url.pathname !== endpoint) return;
      const admission = await admit(request.headers.get('authorization'), clientAddress(req, trusted));
      admissions.set(req, admission);
      const e = admission.refused;
      if (!e || admission.retryAfter === undefined) return;
      early.refused(request, 'RATE_LIMITED');
      endResponse(
        new fetchAPI.Response(JSON.stringify({ errors: [{ message: e.message, extensions: { code: 'RATE_LIMITED', messageAr: e.extensions.messageAr } }] }), {
          status: 429,
          headers: { 'content-type': 'application/json; charset=utf-8', 'retry-after': String(admission.retryAfter) },
        }),
      );
    },
    async onContextBuilding({ context, extendContext }) {
      const c = context as unknown as { req?: http.IncomingMessage; request?: Request; connectionParams?: Record<string, unknown> };
      let admission = c.req ? admissions.get(c.req) : undefined;
      if (!admission) {
        // a subscription over WebSocket: its socket's upgrade request never passed through onRequest
        const header = c.request?.headers.get('authorization') ?? (typeof c.connectionParams?.authorization === 'string' ? c.connectionParams.authorization : null);
        admission = await admit(header, c.req ? clientAddress(c.req, trusted) : 'unknown');
      }
      if (admission.refused) throw admission.refused;
      extendContext({ caller: admission.caller });
    },
    // the first line of the permission matrix: a mutation needs one of its roles before any subgraph is asked
    onExecute({ args, setResultAndStopExecution }) {
      const caller = (args.contextValue as CallerContext).caller ?? null;
      const root = rootFields(args.document as DocumentNode, args.operationName);
      if (!root || root.operation !== 'mutation') return;
      for (const field of root.fields) {
        const roles = rolesForField(field.name.value);
        if (!roles) continue;
        if (!caller) {
          setResultAndStopExecution({ errors: [refusal('UNAUTHENTICATED', 'Sign in first: a valid bearer token is required.', 'سجّل الدخول أولاً: يلزم رمز دخول صالح.', 401)] });
          return;
        }
        if (!caller.roles.some((r) => roles.includes(r))) {
          setResultAndStopExecution({
            errors: [refusal('FORBIDDEN', `${field.name.value} needs one of the roles: ${roles.join(', ')}.`, `يتطلب ${field.name.value} أحد الأدوار: ${roles.join('، ')}.`, 403)],
          });
          return;
        }
      }
    },
    onValidate({ addValidationRule }) {
      addValidationRule(maxDepthRule(config.gateway.maxDepth));
      addValidationRule(maxAliasesRule(config.gateway.maxAliases));
      addValidationRule(maxCostRule(config.gateway.maxCost));
      addValidationRule(maxPageSizeRule());
    },
  };
}
