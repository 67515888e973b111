import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../support/infra';

/** An error nothing handled is logged as one JSON line, and the process exits with 70. */
describe('the policy for errors nothing handled', () => {
  const run = (body: string) =>
    spawnSync(
      process.execPath,
      [
        '-e',
        `require(${JSON.stringify(path.join(ROOT, 'dist/services/kernel/src/service/fatal'))}).exitOnUnhandledErrors(); ${body}; setTimeout(() => process.exit(0), 2000)`,
      ],
      { encoding: 'utf8', timeout: 20_000 },
    );

  it.each([
    ['unhandledRejection', "Promise.reject(new Error('lost promise'))"],
    ['uncaughtException', "setTimeout(() => { throw new Error('thrown in a timer') }, 0)"],
  ])('%s: logged, then exit 70', (kind, body) => {
    const r = run(body);
    expect(r.status).toBe(70);
    const line = JSON.parse(r.stdout.trim().split('\n').pop()!);
    expect(line).toMatchObject({ level: 60, kind, err: { message: expect.any(String) } });
  });
});
