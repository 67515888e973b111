import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { query } from '../support/database';
import { ROOT } from '../support/infra';
import { uniqueSuffix } from '../support/node';

const run = promisify(execFile);
const SCRIPT = path.join(ROOT, 'infra/postgres/create-databases.sh');
const admin = new URL(process.env.TEST_ADMIN_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
// the script connects as psql does: to the suite's PostgreSQL
const env = {
  ...process.env,
  PGHOST: admin.hostname,
  PGPORT: admin.port || '5432',
  PGUSER: decodeURIComponent(admin.username) || 'postgres',
  ...(admin.password ? { PGPASSWORD: decodeURIComponent(admin.password) } : {}),
};
const databaseUrl = (name: string) => Object.assign(new URL(admin.href), { pathname: `/${name}` }).href;
const existing = async (names: string[]) =>
  (await query<{ datname: string }>(admin.href, 'select datname from pg_database where datname = any($1) order by datname', [names])).map((r) => r.datname);

describe('infra/postgres/create-databases.sh', () => {
  const nodes = [`t${uniqueSuffix()}`, `t${uniqueSuffix()}-b`];
  const names = nodes.map((n) => `mmhub_${n}`).sort();
  afterAll(async () => {
    for (const name of names) await query(admin.href, `drop database if exists "${name}" with (force)`);
  });

  it('creates each node’s database, and a second run leaves them as they are', async () => {
    const first = await run('bash', [SCRIPT, ...nodes], { env });
    expect(await existing(names)).toEqual(names);
    expect(first.stdout).toContain(`${nodes[0]}: MMHUB_DATABASE_URL=postgresql://`);
    expect(first.stdout).toContain(`/mmhub_${nodes[1]}`);

    await query(databaseUrl(names[0]), 'create table kept (id int)');
    const second = await run('bash', [SCRIPT, ...nodes], { env });
    expect(second.stderr).toBe('');
    expect(await existing(names)).toEqual(names);
    expect(await query(databaseUrl(names[0]), "select to_regclass('public.kept')::text as t")).toEqual([{ t: 'kept' }]);
  });

  it('refuses a name that is not a node code, and says how it is used', async () => {
    await expect(run('bash', [SCRIPT, 'Riyadh; drop database postgres'], { env })).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('is not a node code'),
    });
    const help = await run('bash', [SCRIPT, '--help'], { env });
    expect(help.stdout).toMatch(/^Usage: infra\/postgres\/create-databases\.sh/);
  });
});
