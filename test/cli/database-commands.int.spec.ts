import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { run, EXIT } from '../../cli/program';
import { adminQuery, createTestDatabase, dropDatabase, query } from '../support/database';
import { kafkaBrokers } from '../support/node';

async function mmhub(argv: string[], env: Record<string, string | undefined>) {
  let out = '';
  let err = '';
  const stdout = new PassThrough().on('data', (c) => (out += c));
  const stderr = new PassThrough().on('data', (c) => (err += c));
  const code = await run(argv, { env: { MMHUB_LOG_LEVEL: 'error', ...env }, io: { stdout, stderr } });
  return { code, stdout: out, stderr: err };
}

const urlOf = (name: string) => {
  const url = new URL(process.env.TEST_ADMIN_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/${name}`;
  return url.toString();
};

describe('mmhub migrate', () => {
  it('refuses a database that does not exist, naming the variable, and creates none', async () => {
    const name = `mmhub_missing_${randomBytes(4).toString('hex')}`;
    try {
      const r = await mmhub(['migrate', '--service', 'initiatives'], { MMHUB_NODE: 'riyadh', MMHUB_DATABASE_URL: urlOf(name) });
      expect(r.code).toBe(EXIT.configuration);
      expect(r.stderr).toContain(`MMHUB_DATABASE_URL: the database "${name}" does not exist`);
      expect(await adminQuery('select 1 from pg_database where datname = $1', [name])).toEqual([]);
    } finally {
      await dropDatabase(name);
    }
  });

  it('migrates a database that exists', async () => {
    const db = await createTestDatabase('migrate');
    try {
      const r = await mmhub(['migrate', '--service', 'initiatives'], { MMHUB_NODE: 'riyadh', MMHUB_DATABASE_URL: db.url });
      expect({ code: r.code, stderr: r.stderr }).toEqual({ code: EXIT.ok, stderr: '' });
      expect(await query(db.url, `select count(*)::int as n from initiatives.schema_migrations`)).toEqual([{ n: expect.any(Number) }]);
      expect((await query<{ n: number }>(db.url, `select count(*)::int as n from initiatives.schema_migrations`))[0].n).toBeGreaterThan(0);
    } finally {
      await db.drop();
    }
  });
});

describe('mmhub rebuild', () => {
  const env = (more: Record<string, string>) => ({ MMHUB_NODE: 'ministry', MMHUB_EVENT_BUS: 'kafka', MMHUB_KAFKA_BROKERS: kafkaBrokers(), ...more });

  it('names the variable when the database is not given, and says a database never migrated needs mmhub migrate', async () => {
    const none = await mmhub(['rebuild'], env({ MMHUB_DATABASE_URL: '' }));
    expect(none.code).toBe(EXIT.configuration);
    expect(none.stderr).toContain('MMHUB_DATABASE_URL');
    const db = await createTestDatabase('rebuild');
    try {
      const bare = await mmhub(['rebuild'], env({ MMHUB_DATABASE_URL: db.url }));
      expect(bare.code).toBe(EXIT.failure);
      expect(bare.stderr).toContain('has not been migrated: run mmhub migrate first');
    } finally {
      await db.drop();
    }
  });

  it('names the variable when no broker answers', async () => {
    const r = await mmhub(['rebuild'], env({ MMHUB_DATABASE_URL: urlOf('postgres'), MMHUB_KAFKA_BROKERS: '127.0.0.1:1' }));
    expect(r.code).toBe(EXIT.failure);
    expect(r.stderr).toContain('cannot reach Kafka at 127.0.0.1:1 (MMHUB_KAFKA_BROKERS)');
  }, 60_000);
});
