import * as oauth from 'oauth4webapi';
import type { Settings } from './settings';

/** Who is signed in; kept in this tab's sessionStorage only, never in a URL or localStorage. */
export interface Session {
  token: string;
  node: string;
  roles: string[];
  sub: string;
  expiresAt: number;
}

const SESSION = 'mmhub.session';
const PENDING = 'mmhub.oidc';

function claimsOf(token: string): { sub?: string; node?: string; roles?: string[] | string; exp?: number } {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(decodeURIComponent(escape(atob(part)))) as { sub?: string; node?: string; roles?: string[] | string; exp?: number };
  } catch {
    return {};
  }
}

function sessionOf(token: string): Session {
  const c = claimsOf(token);
  const roles = Array.isArray(c.roles) ? c.roles : typeof c.roles === 'string' ? c.roles.split(',') : [];
  return { token, node: c.node ?? '', roles, sub: c.sub ?? '', expiresAt: (c.exp ?? 0) * 1000 };
}

export function currentSession(): Session | null {
  const raw = sessionStorage.getItem(SESSION);
  if (!raw) return null;
  const s = JSON.parse(raw) as Session;
  if (s.expiresAt && s.expiresAt < Date.now()) {
    sessionStorage.removeItem(SESSION);
    return null;
  }
  return s;
}

function keep(token: string): Session {
  const s = sessionOf(token);
  sessionStorage.setItem(SESSION, JSON.stringify(s));
  return s;
}

export function signOut(): void {
  sessionStorage.removeItem(SESSION);
}

/** Development: the gateway signs a demo token of its node for the role chosen. */
export async function signInForDevelopment(role: string): Promise<Session> {
  const res = await fetch(`${import.meta.env.BASE_URL}dev-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ role }),
  });
  const body = (await res.json()) as { token?: string; error?: { message: string; messageAr: string } };
  if (!res.ok || !body.token) throw Object.assign(new Error(body.error?.message ?? `HTTP ${res.status}`), { messageAr: body.error?.messageAr });
  return keep(body.token);
}

const redirectUri = () => new URL(`${import.meta.env.BASE_URL}callback`, location.origin).toString();

async function authorizationServer(issuer: string): Promise<oauth.AuthorizationServer> {
  const url = new URL(issuer);
  return oauth.processDiscoveryResponse(url, await oauth.discoveryRequest(url, { algorithm: 'oidc' }));
}

/** Production: OpenID Connect authorization code with PKCE; the verifier waits in sessionStorage for the callback. */
export async function beginOidcSignIn(oidc: NonNullable<Settings['oidc']>, returnTo: string): Promise<void> {
  const as = await authorizationServer(oidc.issuer);
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, returnTo }));
  const url = new URL(as.authorization_endpoint!);
  url.searchParams.set('client_id', oidc.clientId);
  url.searchParams.set('redirect_uri', redirectUri());
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', oidc.scope);
  url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(verifier));
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('state', state);
  location.assign(url.toString());
}

/** The identity provider sent the browser back with a code: exchanged for the access token, then the code leaves the address bar. */
export async function completeOidcSignIn(oidc: NonNullable<Settings['oidc']>): Promise<{ session: Session; returnTo: string }> {
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null') as { verifier: string; state: string; returnTo: string } | null;
  if (!pending) throw new Error('No sign-in is under way in this tab.');
  sessionStorage.removeItem(PENDING);
  const as = await authorizationServer(oidc.issuer);
  const client: oauth.Client = { client_id: oidc.clientId };
  const params = oauth.validateAuthResponse(as, client, new URL(location.href), pending.state);
  history.replaceState(null, '', `${import.meta.env.BASE_URL}callback`);
  const response = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, redirectUri(), pending.verifier);
  const result = await oauth.processAuthorizationCodeResponse(as, client, response);
  return { session: keep(result.access_token), returnTo: pending.returnTo };
}
