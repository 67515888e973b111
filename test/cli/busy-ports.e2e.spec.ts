import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePortBlock, runMmhub } from '../support/process';

/** Holds a port as another program would. */
function hold(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

describe('a port another program holds', () => {
  let dir: string;
  const held: Server[] = [];
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mmhub-ports-'));
  });
  afterEach(async () => {
    await Promise.all(held.splice(0).map((s) => new Promise((r) => s.close(r))));
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops mmhub start before its databases, naming the port, the node and what to do', async () => {
    const first = await freePortBlock(3);
    held.push(await hold(first + 1));
    const data = path.join(dir, 'data');
    const r = await runMmhub(['start', '--port', String(first), '--data-dir', data], { MMHUB_HOST: '127.0.0.1' });
    expect(r.code).toBe(78);
    expect(r.stderr).toContain(`MMHUB_PORT: ${first + 1} (the gateway of riyadh) is in use; start with another first port (MMHUB_PORT or --port)`);
    expect(r.stderr).not.toContain(`${first} (the gateway of ministry)`);
    // nothing was started: not even the data folders
    expect(existsSync(data)).toBe(false);
  });

  it('stops mmhub serve before it connects, naming the service whose port it is', async () => {
    const first = await freePortBlock(4);
    held.push(await hold(first + 2));
    const r = await runMmhub(['serve', '--node', 'riyadh', '--port', String(first), '--data-dir', dir], {
      MMHUB_HOST: '127.0.0.1',
      MMHUB_DATABASE_URL: undefined,
    });
    expect(r.code).toBe(78);
    expect(r.stderr).toContain(`MMHUB_PORT: ${first + 2} (the calendar service, MMHUB_PORT + 2) is in use; choose another MMHUB_PORT (or --port)`);
    expect(existsSync(path.join(dir, 'riyadh'))).toBe(false);
  });

  it('names the one port of a service served alone', async () => {
    const port = await freePortBlock(1);
    held.push(await hold(port));
    const r = await runMmhub(['serve', '--service', 'media', '--node', 'riyadh', '--port', String(port)], {
      MMHUB_HOST: '127.0.0.1',
      MMHUB_DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/mmhub_never_used',
    });
    expect(r.code).toBe(78);
    expect(r.stderr).toContain(`MMHUB_PORT: ${port} (the media service) is in use`);
  });
});
