import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { buildASTSchema, parse, validate } from 'graphql';
import { createLogger } from '../../services/kernel/src/observability';
import { createTokenVerifier } from '../../services/kernel/src/auth';
import { loadConfig, type Config } from '../../services/kernel/src/config';
import { CONSOLE_DIR, consoleSite } from '../../gateway/src/console';

const ROOT = path.resolve(__dirname, '../..');
const FIRST_LOAD_BUDGET = 500 * 1024;

/** The console's site alone, behind a plain server that answers 404 for whatever it leaves. */
async function serve(config: Config): Promise<{ url: string; close(): Promise<void> }> {
  const site = consoleSite(config, createLogger('silent'));
  const server = http.createServer((req, res) => {
    if (site.serve(req, res)) return;
    res.writeHead(404).end('not the console');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A request exactly as written: fetch would resolve the dots before sending. */
function raw(url: string, target: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    http
      .get({ hostname, port, path: target, headers }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      })
      .on('error', reject);
  });
}

describe('the console as the gateway serves it', () => {
  const development = loadConfig({ MMHUB_NODE: 'riyadh', MMHUB_CONSOLE_NODES: 'ministry=http://127.0.0.1:4000,riyadh=http://127.0.0.1:4001' });
  let site: Awaited<ReturnType<typeof serve>>;

  beforeAll(async () => {
    if (!existsSync(path.join(CONSOLE_DIR, 'index.html')))
      throw new Error(`the console is not built in ${CONSOLE_DIR}: run "npm run console:build" (npm ci does)`);
    site = await serve(development);
  });
  afterAll(() => site?.close());

  it('sends a browser from / to the console and serves each view’s address as the page, with its security headers', async () => {
    const root = await raw(site.url, '/', { accept: 'text/html,application/xhtml+xml' });
    expect(root.status).toBe(302);
    expect(root.headers.location).toBe('/console/');
    // an API client asking for / is left to the gateway
    expect((await raw(site.url, '/', { accept: 'application/json' })).body).toBe('not the console');
    expect((await raw(site.url, '/console')).headers.location).toBe('/console/');
    for (const address of ['/console/', '/console/calendar', '/console/initiatives/0194f7c2-0000-7000-8000-000000000000?q=x']) {
      const page = await raw(site.url, address);
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.headers['cache-control']).toBe('no-cache');
      expect(page.headers['content-security-policy']).toMatch(/default-src 'self'/);
      expect(page.body).toMatch(/<html lang="ar" dir="rtl">/);
    }
  });

  it('serves only the built files, matched exactly, hashed ones cached for a year', async () => {
    const page = (await raw(site.url, '/console/')).body;
    const assets = [...page.matchAll(/(?:src|href)="(\/console\/assets\/[^"]+)"/g)].map((m) => m[1]);
    expect(assets.some((a) => a.endsWith('.js'))).toBe(true);
    expect(assets.some((a) => a.endsWith('.css'))).toBe(true);
    for (const a of assets) {
      const res = await raw(site.url, a);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe(a.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8');
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
    const manifest = await raw(site.url, '/console/persisted-operations.json');
    expect(manifest.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(manifest.headers['cache-control']).toBe('no-cache');
    // nothing outside the build, however the path is written
    const secret = readFileSync(path.join(ROOT, 'package.json'), 'utf8');
    for (const target of [
      '/console/../package.json',
      '/console/%2e%2e/%2e%2e/package.json',
      '/console/assets/..%2f..%2f..%2fpackage.json',
      '/console/assets/../../../package.json',
      '/console//etc/passwd',
      '/console/assets/missing-abcdefgh.js',
    ]) {
      const res = await raw(site.url, target);
      expect(res.body).not.toContain(secret.slice(0, 40));
      expect(res.body).not.toMatch(/root:x:0:0/);
      if (res.status === 200) expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    }
    expect((await raw(site.url, '/console/assets/missing-abcdefgh.js')).status).toBe(404);
  });

  it('tells the page its node, how to sign in and where the other nodes’ consoles are', async () => {
    const settings = JSON.parse((await raw(site.url, '/console/settings.json')).body);
    expect(settings).toEqual({
      node: 'riyadh',
      role: 'municipality',
      mode: 'development',
      persistedOnly: false,
      oidc: null,
      nodes: [
        { node: 'ministry', url: 'http://127.0.0.1:4000' },
        { node: 'riyadh', url: 'http://127.0.0.1:4001' },
      ],
      roles: ['viewer', 'editor', 'reviewer', 'admin', 'analyst'],
    });
  });

  it('issues a demo token of its own node for a role in development, and refuses anything else', async () => {
    const post = (body: string, type = 'application/json') =>
      fetch(`${site.url}/console/dev-token`, { method: 'POST', headers: { 'content-type': type }, body });
    const ok = await post(JSON.stringify({ role: 'reviewer' }));
    expect(ok.status).toBe(200);
    const { token } = (await ok.json()) as { token: string };
    const caller = await createTokenVerifier(development.auth)(token);
    expect(caller).toMatchObject({ node: 'riyadh', roles: ['reviewer'] });
    const unknown = await post(JSON.stringify({ role: 'superuser' }));
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: { messageAr: string } }).error.messageAr).toMatch(/اختر أحد الأدوار/);
    // a form of another site cannot post JSON
    expect((await post('role=admin', 'application/x-www-form-urlencoded')).status).toBe(415);
    expect((await post('x'.repeat(5000))).status).toBe(413);
  });

  it('in production: no demo tokens, sign-in by OpenID Connect, hashes only where operations are registered', async () => {
    const production = loadConfig({
      MMHUB_MODE: 'production',
      MMHUB_NODE: 'riyadh',
      MMHUB_JWT_SECRET: 'a-production-secret-of-enough-length-0123456789',
      MMHUB_JWT_AUDIENCE: 'mmhub',
      MMHUB_GATEWAY_SECRET: 'a-production-gateway-secret-of-enough-length-0123',
      MMHUB_PERSISTED_OPERATIONS: path.join(CONSOLE_DIR, 'persisted-operations.json'),
      MMHUB_CONSOLE_OIDC_ISSUER: 'https://id.example.gov.sa/realms/mmhub',
      MMHUB_CONSOLE_OIDC_CLIENT_ID: 'mmhub-console',
    });
    const prod = await serve(production);
    try {
      const refused = await fetch(`${prod.url}/console/dev-token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"role":"admin"}',
      });
      expect(refused.status).toBe(404);
      expect(await refused.text()).toBe('not the console');
      const settings = JSON.parse((await raw(prod.url, '/console/settings.json')).body);
      expect(settings).toMatchObject({
        mode: 'production',
        persistedOnly: true,
        oidc: { issuer: 'https://id.example.gov.sa/realms/mmhub', clientId: 'mmhub-console', scope: 'openid' },
        roles: [],
      });
      expect((await raw(prod.url, '/console/')).headers['content-security-policy']).toMatch(/connect-src 'self' https:\/\/id\.example\.gov\.sa/);
    } finally {
      await prod.close();
    }
    expect(() => loadConfig({ MMHUB_CONSOLE_OIDC_ISSUER: 'https://id.example.gov.sa' })).toThrow(/MMHUB_CONSOLE_OIDC_CLIENT_ID/);
    expect(() => loadConfig({ MMHUB_CONSOLE_NODES: 'riyadh' })).toThrow(/MMHUB_CONSOLE_NODES: must be node=URL pairs/);
  });

  it('keeps the first load under 500 KB of compressed JavaScript', () => {
    const page = readFileSync(path.join(CONSOLE_DIR, 'index.html'), 'utf8');
    const scripts = [...page.matchAll(/(?:src|href)="\/console\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
    const compressed = scripts.reduce((n, s) => n + gzipSync(readFileSync(path.join(CONSOLE_DIR, s))).length, 0);
    expect(scripts.length).toBeGreaterThan(0);
    expect(compressed).toBeLessThanOrEqual(FIRST_LOAD_BUDGET);
  });
});

describe('the console’s operations against the supergraph', () => {
  const manifestFile = path.join(CONSOLE_DIR, 'persisted-operations.json');

  it('has its committed typed documents as graphql-codegen makes them from schema/supergraph.graphql', async () => {
    // the project's codegen configuration, written to a folder of its own
    const out = mkdtempSync(path.join(os.tmpdir(), 'mmhub-codegen-'));
    try {
      const config = path.join(out, 'codegen.js');
      writeFileSync(
        config,
        `const c = require(${JSON.stringify(path.join(ROOT, 'console/codegen.js'))});\nmodule.exports = { ...c, generates: { ${JSON.stringify(`${out}/gql/`)}: c.generates['console/src/gql/'] } };\n`,
      );
      await promisify(execFile)(path.join(ROOT, 'node_modules/.bin/graphql-codegen'), ['--config', config, '--silent'], { cwd: ROOT });
      const made = readdirSync(path.join(out, 'gql')).sort();
      expect(made).toEqual(readdirSync(path.join(ROOT, 'console/src/gql')).sort());
      for (const file of made) {
        expect({ file, content: readFileSync(path.join(ROOT, 'console/src/gql', file), 'utf8') }).toEqual({
          file,
          content: readFileSync(path.join(out, 'gql', file), 'utf8'),
        });
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);

  it('writes the manifest a production gateway runs: every operation valid on the supergraph, keyed by its sha256', () => {
    expect(statSync(manifestFile).isFile()).toBe(true);
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, string>;
    const schema = buildASTSchema(parse(readFileSync(path.join(ROOT, 'schema/supergraph.graphql'), 'utf8')), { assumeValidSDL: true });
    const names = Object.values(manifest).map((text) => /^(query|mutation|subscription) (\w+)/.exec(text)?.[2]);
    expect(names).toEqual(
      expect.arrayContaining([
        'CalendarMonth',
        'ConsoleInitiatives',
        'ConsoleInitiative',
        'ConsoleDashboard',
        'ReviewQueue',
        'ReviewMessage',
        'LiveInitiatives',
      ]),
    );
    for (const [hash, text] of Object.entries(manifest)) {
      expect(hash).toBe(createHash('sha256').update(text).digest('hex'));
      expect(validate(schema, parse(text)).map((e) => e.message)).toEqual([]);
    }
  });
});
