import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../support/infra';

describe('npx mmhub in the checkout', () => {
  const cache = mkdtempSync(path.join(os.tmpdir(), 'mmhub-npm-cache-'));
  afterAll(() => rmSync(cache, { recursive: true, force: true }));

  it('the first time, runs the program without building dist/ again under the processes that run from it', async () => {
    const built = statSync(path.join(ROOT, 'dist/cli/main.js')).mtimeMs;
    // a cache of its own: npx links the checkout into it, as on a machine where it never ran
    const { stdout } = await promisify(execFile)('npx', ['mmhub', '--version'], {
      cwd: ROOT,
      env: { ...process.env, npm_config_cache: cache, npm_config_yes: 'true', npm_config_offline: 'true' },
      timeout: 120_000,
    });
    expect(stdout.trim()).toBe(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
    expect(statSync(path.join(ROOT, 'dist/cli/main.js')).mtimeMs).toBe(built);
  }, 180_000);
});
