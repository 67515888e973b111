import type http from 'node:http';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROLES, signToken, type Role } from '../../services/kernel/src/auth';
import type { Config } from '../../services/kernel/src/config';
import type { Logger } from '../../services/kernel/src/observability';

/** Where `npm run console:build` writes the console: dist/console, beside the compiled gateway. */
export const CONSOLE_DIR = path.resolve(__dirname, __dirname.split(path.sep).includes('dist') ? '../../console' : '../../dist/console');

const BASE = '/console';
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};
/** Vite names what it bundles by content under assets/: such a file never changes under its name. */
const HASHED = /^\/console\/assets\/[^/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;
const DEV_TOKEN_TTL_SECONDS = 8 * 3600;
const MAX_DEV_TOKEN_BODY = 1024;

interface Asset {
  body: Buffer;
  type: string;
  immutable: boolean;
}

export interface ConsoleSite {
  /** Answers the request when it is the console's; false leaves it to the gateway. */
  serve(req: http.IncomingMessage, res: http.ServerResponse): boolean;
}

/** Every file of the built console, by the exact path it is served at; nothing else is ever read from disk. */
function builtFiles(dir: string): Map<string, Asset> {
  const files = new Map<string, Asset>();
  if (!existsSync(path.join(dir, 'index.html'))) return files;
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const file = path.join(folder, name);
      if (statSync(file).isDirectory()) {
        walk(file);
        continue;
      }
      const url = `${BASE}/${path.relative(dir, file).split(path.sep).join('/')}`;
      files.set(url, { body: readFileSync(file), type: TYPES[path.extname(name)] ?? 'application/octet-stream', immutable: HASHED.test(url) });
    }
  };
  walk(dir);
  return files;
}

/**
 * The web console at /console, from the files built into dist/console: the page, its hashed assets,
 * the settings it reads at start (this node, how to sign in) and, in development only, the demo's
 * sign-in by role. A browser asking for / is sent there.
 */
export function consoleSite(config: Config, log: Logger, dir = CONSOLE_DIR): ConsoleSite {
  const files = builtFiles(dir);
  if (!files.size) log.warn({ dir }, 'the console is not built; run npm run console:build');
  const index = files.get(`${BASE}/index.html`);
  const development = config.mode === 'development';
  const settings = JSON.stringify({
    node: config.node,
    role: config.role,
    mode: config.mode,
    // a production gateway with a registered list runs only those: the console then sends hashes alone
    persistedOnly: Boolean(config.gateway.persistedOperations),
    oidc: config.console.oidc ?? null,
    nodes: config.console.nodes,
    roles: development ? ROLES : [],
  });
  const oidcOrigin = config.console.oidc ? new URL(config.console.oidc.issuer).origin : '';
  const policy = [
    "default-src 'self'",
    `connect-src 'self'${oidcOrigin ? ` ${oidcOrigin}` : ''}`,
    "img-src 'self' data:",
    // the charts set inline styles
    "style-src 'self' 'unsafe-inline'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');

  const send = (res: http.ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': type, 'x-content-type-options': 'nosniff', ...headers });
    res.end(body);
  };
  const page = (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (!index) {
      send(
        res,
        503,
        'text/plain; charset=utf-8',
        'The console is not built here: run "npm run console:build".\nلم تُبنَ الواجهة بعد: شغّل "npm run console:build".\n',
      );
      return;
    }
    send(res, 200, index.type, req.method === 'HEAD' ? '' : index.body, {
      'cache-control': 'no-cache',
      'content-security-policy': policy,
      'referrer-policy': 'no-referrer',
    });
  };

  return {
    serve(req, res) {
      // the path exactly as sent: a URL parser would take //calendar.ics for a host and answer for /
      const raw = req.url ?? '/';
      const pathname = raw.includes('?') ? raw.slice(0, raw.indexOf('?')) : raw;
      const read = req.method === 'GET' || req.method === 'HEAD';
      if (pathname === '/' && read && /text\/html/.test(req.headers.accept ?? '')) {
        send(res, 302, 'text/plain; charset=utf-8', '', { location: `${BASE}/` });
        return true;
      }
      if (pathname !== BASE && !pathname.startsWith(`${BASE}/`)) return false;
      if (pathname === `${BASE}/dev-token`) {
        if (!development || req.method !== 'POST') return false;
        void devToken(config, req, res, send);
        return true;
      }
      if (!read) return false;
      if (pathname === BASE) {
        send(res, 301, 'text/plain; charset=utf-8', '', { location: `${BASE}/` });
        return true;
      }
      if (pathname === `${BASE}/settings.json`) {
        send(res, 200, 'application/json; charset=utf-8', settings, { 'cache-control': 'no-cache' });
        return true;
      }
      const asset = files.get(pathname);
      if (asset && pathname !== `${BASE}/index.html`) {
        send(res, 200, asset.type, req.method === 'HEAD' ? '' : asset.body, {
          'cache-control': asset.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        });
        return true;
      }
      // a view's address (/console/calendar, /console/initiatives/<id>) is the page; a missing file is not
      if (path.posix.extname(pathname) && !pathname.endsWith('.html')) {
        send(res, 404, 'text/plain; charset=utf-8', 'Not found.\n');
        return true;
      }
      page(req, res);
      return true;
    },
  };
}

/** Development only: a token of this node for the role chosen, as `mmhub token` or `npm start` give. */
async function devToken(
  config: Config,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  send: (res: http.ServerResponse, status: number, type: string, body: string) => void,
): Promise<void> {
  const refuse = (status: number, en: string, ar: string) =>
    send(res, status, 'application/json; charset=utf-8', JSON.stringify({ error: { message: en, messageAr: ar } }));
  // a form of another site cannot send JSON with this header: only the console's own script can
  if (!/^application\/json/.test(req.headers['content-type'] ?? '')) {
    req.resume();
    return refuse(415, 'Send the role as JSON.', 'أرسل الدور بصيغة JSON.');
  }
  let body = '';
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_DEV_TOKEN_BODY) return refuse(413, 'The request is too large.', 'الطلب أكبر من المسموح.');
    body += chunk;
  }
  let role: unknown;
  try {
    role = (JSON.parse(body) as { role?: unknown }).role;
  } catch {
    return refuse(400, 'Send {"role": "<role>"}.', 'أرسل {"role": "<الدور>"}.');
  }
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
    return refuse(400, `Choose one of the roles: ${ROLES.join(', ')}.`, `اختر أحد الأدوار: ${ROLES.join('، ')}.`);
  }
  const token = await signToken(config.auth.secret!, {
    sub: `${config.node}-${role}`,
    node: config.node,
    roles: [role as Role],
    ttlSeconds: DEV_TOKEN_TTL_SECONDS,
    issuer: config.auth.issuer,
    audience: config.auth.audience,
  });
  send(res, 200, 'application/json; charset=utf-8', JSON.stringify({ token, node: config.node, role, expiresIn: DEV_TOKEN_TTL_SECONDS }));
}
