/** The caller and their token, the gateway's proof, and what each role may do. */
export {
  MAX_TOKEN_LIFETIME_SECONDS,
  ROLES,
  createTokenVerifier,
  isUserId,
  rolesInArabic,
  requireOwnedHere,
  signToken,
  type Caller,
  type Role,
  type TokenVerifier,
} from './caller';
export {
  GATEWAY_PROOF_HEADER,
  createGatewayProofVerifier,
  gatewayProofOf,
  signGatewayProof,
  type GatewayProof,
  type GatewayProofVerifier,
} from './gateway-proof';
export {
  PERMISSIONS,
  allows,
  authorize,
  hideUnpublished,
  requireRoleFor,
  rolesForField,
  unpublishedEventHiddenFrom,
  type Action,
  type Permission,
  type Reach,
  type Unpublished,
} from './permissions';
