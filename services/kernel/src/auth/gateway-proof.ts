import { jwtVerify, SignJWT } from 'jose';
import type { Caller, Role } from './caller';

/** The header a gateway adds to every subgraph request: a short-lived token only gateways can sign. */
export const GATEWAY_PROOF_HEADER = 'x-mmhub-gateway';
const AUDIENCE = 'mmhub-subgraph';

export interface GatewayProof {
  /** The node whose gateway sent the request. */
  gateway: string;
  /** The verified caller, or null for an anonymous one. */
  caller: Caller | null;
}

/** Signs the verified caller for the subgraphs of `node`; valid for a minute. */
export async function signGatewayProof(secret: string, node: string, caller: Caller | null, ttlSeconds = 60): Promise<string> {
  return new SignJWT(caller ? { gw: node, node: caller.node, roles: caller.roles } : { gw: node })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(caller?.sub ?? 'anonymous')
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(new TextEncoder().encode(secret));
}

/** Verifies a proof; resolves to null when it is missing, forged, expired or from another node's gateway. */
export function createGatewayProofVerifier(secret: string, node: string) {
  const key = new TextEncoder().encode(secret);
  return async (token: string | undefined): Promise<GatewayProof | null> => {
    if (!token) return null;
    try {
      const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], audience: AUDIENCE, requiredClaims: ['exp', 'sub'] });
      if (payload.gw !== node) return null;
      const caller =
        typeof payload.node === 'string' && Array.isArray(payload.roles) && payload.sub
          ? { sub: payload.sub, node: payload.node, roles: payload.roles as Role[] }
          : null;
      return { gateway: node, caller };
    } catch {
      return null;
    }
  };
}
