import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  url: string;
  /** Connections the server accepts: the pools of every service on it must share them. */
  maxConnections: number;
  close(): Promise<void>;
}

/**
 * PGlite's start parameters: its own, and 16 MB of shared buffers rather than PostgreSQL's 128 MB, which
 * PGlite keeps resident at once (130 MiB per database, three in the demo); a demo node's data is smaller.
 */
export function embeddedStartParams(): string[] {
  return [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'];
}

const SOCKET_PORT = 5432;

/**
 * PostgreSQL in the process (PGlite), served over the wire protocol on a Unix socket that only its user
 * may open, so that the ordinary `pg` driver path runs. `dataDir` keeps the data across restarts; without it, memory only.
 */
export async function startEmbeddedPostgres(dataDir?: string, maxConnections = 8): Promise<EmbeddedPostgres> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // extensions must be registered at every open, or queries using them fail after a reopen
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const db = await PGlite.create(dataDir, { extensions: { pg_trgm }, startParams: embeddedStartParams() });
  // a socket in a folder of this user's alone (mkdtemp makes it 0700): on TCP, any user of the machine could
  // connect as the superuser, without a password, around the gateway
  const folder = mkdtempSync(join(tmpdir(), 'mmhub-pg-'));
  const server = new PGLiteSocketServer({ db, path: join(folder, `.s.PGSQL.${SOCKET_PORT}`), maxConnections });
  await server.start();
  return {
    // the driver takes a host that is a path for the folder of a Unix socket named after the port
    url: `postgresql://postgres@${encodeURIComponent(folder)}:${SOCKET_PORT}/postgres?sslmode=disable`,
    maxConnections,
    close: async () => {
      await server.stop();
      await db.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
