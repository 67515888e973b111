import net from 'node:net';
import { existsSync, mkdtempSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded';

/**
 * The embedded database serves every connection of a node from one PGlite session. What one
 * connection sends must not land in another's statement, transaction or unfinished batch.
 */
describe('the embedded database, shared by several connections', () => {
  let db: EmbeddedPostgres;
  let pool: Pool;
  const poolErrors: string[] = [];

  beforeAll(async () => {
    db = await startEmbeddedPostgres(undefined, 8);
    pool = new Pool({ connectionString: db.url, max: 6 });
    // an idle client's error would otherwise end the test process
    pool.on('error', (e) => poolErrors.push(e.message));
    await pool.query('create table note (id serial primary key, body text not null)');
  }, 60_000);

  afterAll(async () => {
    await pool?.end();
    await db?.close();
  });

  it('answers each connection its own query while a large one arrives in several chunks', async () => {
    // a parameter of 300 kB reaches the server in several reads: the queries of other connections come in between
    const large = 'س'.repeat(150_000);
    const wrong: string[] = [];
    const failed: string[] = [];
    const asking = async (who: number) => {
      for (let i = 0; i < 40; i++) {
        try {
          if (who === 0) {
            const { rows } = await pool.query<{ n: number; who: number }>('select length($1::text) as n, $2::int as who', [large, who]);
            if (rows[0].n !== large.length || rows[0].who !== who) wrong.push(`large: ${JSON.stringify(rows[0])}`);
          } else if (who === 1) {
            const c = await pool.connect();
            try {
              await c.query('begin');
              await c.query('insert into note (body) values ($1)', [`note ${i}`]);
              await c.query('commit');
            } finally {
              c.release();
            }
          } else {
            // statements of different shapes: binding one's values to another's statement cannot pass unseen
            const values = Array.from({ length: who - 1 }, (_, k) => `${who}.${i}.${k}`);
            const { rows } = await pool.query(`select ${values.map((_, k) => `$${k + 1}::text as v${k}`).join(', ')}`, values);
            if (JSON.stringify(Object.values(rows[0])) !== JSON.stringify(values)) wrong.push(`${who}: ${JSON.stringify(rows[0])}`);
          }
        } catch (e) {
          failed.push(`${who}: ${(e as Error).message}`);
        }
      }
    };
    await Promise.all([0, 1, 2, 3, 4, 5].map(asking));
    expect(failed.slice(0, 5)).toEqual([]);
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(poolErrors).toEqual([]);
    const { rows } = await pool.query<{ n: number }>('select count(*)::int as n from note');
    expect(rows[0].n).toBe(40);
  }, 60_000);

  it('gives the session back when a connection leaves inside its transaction', async () => {
    const leaving = new Client({ connectionString: db.url });
    await leaving.connect();
    await leaving.query('begin');
    await leaving.query(`insert into note (body) values ('never committed')`);
    await leaving.end();
    const { rows } = await pool.query<{ n: number }>(`select count(*)::int as n from note where body = 'never committed'`);
    expect(rows[0].n).toBe(0);
  });

  it('listens on a Unix socket in a folder that only its user may open, not on a TCP port', async () => {
    const folder = decodeURIComponent(new URL(db.url).hostname);
    expect(folder.startsWith('/')).toBe(true);
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    expect(statSync(socketPath(db.url)).isSocket()).toBe(true);
  });

  it('removes the socket folders of databases that are gone, and keeps those of live or just started ones', async () => {
    const old = new Date(Date.now() - 3600_000);
    const gone = mkdtempSync(join(tmpdir(), 'mmhub-pg-'));
    utimesSync(gone, old, old);
    const starting = mkdtempSync(join(tmpdir(), 'mmhub-pg-'));
    const live = decodeURIComponent(new URL(db.url).hostname);
    utimesSync(live, old, old);
    const other = await startEmbeddedPostgres(undefined, 1);
    try {
      expect([existsSync(gone), existsSync(starting), existsSync(live)]).toEqual([false, true, true]);
      expect((await pool.query('select 1 as one')).rows[0].one).toBe(1);
    } finally {
      await other.close();
      rmSync(starting, { recursive: true, force: true });
    }
  });

  it('gives the session back when a connection leaves between the messages of one query', async () => {
    // Parse and Bind sent, the Sync that ends the batch never comes: the connection closes instead
    const socket = await startedSession(db.url);
    const parse = message('P', Buffer.concat([cString(''), cString(`insert into note (body) values ('half sent') returning id`), Buffer.from([0, 0])]));
    const bind = message('B', Buffer.concat([cString(''), cString(''), Buffer.from([0, 0, 0, 0, 0, 0])]));
    await new Promise<void>((resolve) => socket.write(Buffer.concat([parse, bind]), () => resolve()));
    const asked = pool.query<{ n: number }>(`select count(*)::int as n from note where body = 'half sent'`);
    socket.destroy();
    const { rows } = await asked;
    expect(rows[0].n).toBe(0);
    // and the session takes ordinary queries after it
    expect((await pool.query('select $1::int + 1 as two', [1])).rows[0].two).toBe(2);
  });
});

/** Where the server listens: a Unix socket named after the port, in the folder the URL's host names. */
function socketPath(url: string): string {
  const { hostname, port } = new URL(url);
  return `${decodeURIComponent(hostname)}/.s.PGSQL.${port}`;
}

/** A frontend message: its type, its length, its body. */
function message(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'ascii');
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

const cString = (s: string) => Buffer.concat([Buffer.from(s, 'utf8'), Buffer.from([0])]);

/** A raw connection past its start-up, once the server says it is ready for a query. */
async function startedSession(url: string): Promise<net.Socket> {
  const socket = net.connect(socketPath(url));
  await new Promise<void>((resolve, reject) => socket.once('connect', () => resolve()).once('error', reject));
  const params = Buffer.concat([cString('user'), cString('postgres'), cString('database'), cString('postgres'), Buffer.from([0])]);
  const startup = Buffer.alloc(8);
  startup.writeInt32BE(params.length + 8, 0);
  startup.writeInt32BE(196608, 4);
  socket.write(Buffer.concat([startup, params]));
  await new Promise<void>((resolve, reject) => {
    let seen = Buffer.alloc(0);
    const onData = (d: Buffer) => {
      seen = Buffer.concat([seen, d]);
      // ReadyForQuery: 'Z', length 5, status
      for (let at = 0; at + 5 <= seen.length; at += 1 + seen.readInt32BE(at + 1)) {
        if (seen[at] === 0x5a) {
          socket.off('data', onData);
          resolve();
          return;
        }
      }
    };
    socket.on('data', onData);
    socket.once('error', reject);
  });
  return socket;
}
