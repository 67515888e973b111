import type { IncomingHttpHeaders } from 'node:http';
import { jwtVerify, SignJWT } from 'jose';
import { ROLES, type Caller, type Role } from './caller';

/** The header a gateway adds to every subgraph request: a short-lived token only gateways can sign. */
export const GATEWAY_PROOF_HEADER = 'x-mmhub-gateway';
const AUDIENCE = 'mmhub-subgraph';

/**
 * What a proof vouches for: a GraphQL request, or a read of the calendar feed (which the gateway
 * passes on without a verified caller, and which must not open the service's graph).
 */
export type ProofScope = 'graphql' | 'feed';

export interface GatewayProof {
  /** The node whose gateway sent the request. */
  gateway: string;
  /** The verified caller, or null for an anonymous one. */
  caller: Caller | null;
}

/** Signs the verified caller for the subgraphs of `node`, for one scope; valid for `ttlSeconds` (a minute by default). */
export async function signGatewayProof(secret: string, node: string, caller: Caller | null, ttlSeconds = 60, scope: ProofScope = 'graphql'): Promise<string> {
  return new SignJWT(caller ? { gw: node, scope, node: caller.node, roles: caller.roles } : { gw: node, scope })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(caller?.sub ?? 'anonymous')
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(new TextEncoder().encode(secret));
}

const isRole = (r: unknown): r is Role => typeof r === 'string' && (ROLES as readonly string[]).includes(r);

/** Proofs verified and remembered by one verifier, at most; the oldest goes first. */
const REMEMBERED_PROOFS = 1000;

/**
 * Verifies a proof; resolves to null when it is missing, forged, expired, of a scope not accepted here or from another node's gateway.
 * A valid proof is remembered by its exact text until it expires: the same text is the same signed caller, so
 * the many subgraph calls a gateway makes with one proof are checked once, and no other token ever reads the entry.
 */
export function createGatewayProofVerifier(secret: string, node: string, scopes: readonly ProofScope[] = ['graphql']) {
  const key = new TextEncoder().encode(secret);
  const verified = new Map<string, { caller: Caller | null; expiresAt: number }>();
  const answer = (caller: Caller | null): GatewayProof => ({ gateway: node, caller: caller && { ...caller, roles: [...caller.roles] } });
  return async (token: string | undefined): Promise<GatewayProof | null> => {
    if (!token) return null;
    const known = verified.get(token);
    if (known) {
      if (Date.now() < known.expiresAt) return answer(known.caller);
      verified.delete(token);
    }
    try {
      const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], audience: AUDIENCE, requiredClaims: ['exp', 'sub'] });
      if (payload.gw !== node || !scopes.includes(payload.scope as ProofScope)) return null;
      const caller =
        typeof payload.node === 'string' && Array.isArray(payload.roles) && payload.roles.every(isRole) && typeof payload.sub === 'string'
          ? { sub: payload.sub, node: payload.node, roles: payload.roles }
          : null;
      if (verified.size >= REMEMBERED_PROOFS) verified.delete(verified.keys().next().value!);
      verified.set(token, { caller, expiresAt: payload.exp! * 1000 });
      return answer(caller);
    } catch {
      return null;
    }
  };
}

export type GatewayProofVerifier = ReturnType<typeof createGatewayProofVerifier>;

/** The proof a request carries: undefined when it carries none, null when the one it carries does not verify. */
export async function gatewayProofOf(headers: IncomingHttpHeaders, verify: GatewayProofVerifier): Promise<GatewayProof | null | undefined> {
  const header = headers[GATEWAY_PROOF_HEADER];
  const token = Array.isArray(header) ? header[0] : header;
  return token ? verify(token) : undefined;
}
