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

/** Verifies a proof; resolves to null when it is missing, forged, expired, of a scope not accepted here or from another node's gateway. */
export function createGatewayProofVerifier(secret: string, node: string, scopes: readonly ProofScope[] = ['graphql']) {
  const key = new TextEncoder().encode(secret);
  return async (token: string | undefined): Promise<GatewayProof | null> => {
    if (!token) return null;
    try {
      const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], audience: AUDIENCE, requiredClaims: ['exp', 'sub'] });
      if (payload.gw !== node || !scopes.includes(payload.scope as ProofScope)) return null;
      const caller =
        typeof payload.node === 'string' && Array.isArray(payload.roles) && payload.roles.every(isRole) && typeof payload.sub === 'string'
          ? { sub: payload.sub, node: payload.node, roles: payload.roles }
          : null;
      return { gateway: node, caller };
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
