import { mkdirSync } from 'node:fs';
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

/**
 * PostgreSQL in the process (PGlite), served over the wire protocol so that the ordinary
 * `pg` driver path runs. `dataDir` keeps the data across restarts; without it, memory only.
 */
export async function startEmbeddedPostgres(dataDir?: string, maxConnections = 8): Promise<EmbeddedPostgres> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // extensions must be registered at every open, or queries using them fail after a reopen
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const db = await PGlite.create(dataDir, { extensions: { pg_trgm }, startParams: embeddedStartParams() });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections });
  await server.start();
  const conn = server.getServerConn();
  return {
    url: `postgresql://postgres@${conn}/postgres?sslmode=disable`,
    maxConnections,
    close: async () => {
      await server.stop();
      await db.close();
    },
  };
}
