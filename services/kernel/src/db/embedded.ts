import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
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
const SOCKET_FOLDER_PREFIX = 'mmhub-pg-';

/** Where a database listens: a Unix socket in a new folder of this user's alone, and the URL the driver reaches it at. */
export interface EmbeddedSocket {
  folder: string;
  path: string;
  url: string;
}

/**
 * A socket for a database, in a folder that mkdtemp makes 0700 (on TCP, any user of the machine could connect
 * as the superuser, without a password, around the gateway); the folders of databases gone are removed first.
 */
export async function embeddedSocket(): Promise<EmbeddedSocket> {
  await sweepSocketFolders();
  const folder = mkdtempSync(join(tmpdir(), SOCKET_FOLDER_PREFIX));
  // the driver takes a host that is a path for the folder of a Unix socket named after the port
  return {
    folder,
    path: join(folder, `.s.PGSQL.${SOCKET_PORT}`),
    url: `postgresql://postgres@${encodeURIComponent(folder)}:${SOCKET_PORT}/postgres?sslmode=disable`,
  };
}

/**
 * Removes the socket folders of databases that are gone (a process killed, which had no time to remove its
 * own): those whose socket refuses a connection or is missing. A live database's socket accepts one; a folder
 * of the last minute is left, as its database may not listen yet.
 */
async function sweepSocketFolders(): Promise<void> {
  const folders = readdirSync(tmpdir()).filter((f) => f.startsWith(SOCKET_FOLDER_PREFIX));
  await Promise.all(
    folders.map(async (f) => {
      const folder = join(tmpdir(), f);
      const made = statSync(folder, { throwIfNoEntry: false });
      if (!made || Date.now() - made.mtimeMs < 60_000) return;
      const gone = await new Promise<boolean>((resolve) => {
        const probe = net.connect(join(folder, `.s.PGSQL.${SOCKET_PORT}`));
        probe.once('connect', () => (probe.destroy(), resolve(false)));
        probe.once('error', (e: NodeJS.ErrnoException) => resolve(e.code === 'ECONNREFUSED' || e.code === 'ENOENT'));
      });
      if (gone) rmSync(folder, { recursive: true, force: true });
    }),
  );
}

/**
 * PostgreSQL in the process (PGlite), served over the wire protocol on a Unix socket that only its user
 * may open, so that the ordinary `pg` driver path runs. `dataDir` keeps the data across restarts; without it, memory only.
 */
export async function startEmbeddedPostgres(dataDir?: string, maxConnections = 8): Promise<EmbeddedPostgres> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // extensions must be registered at every open, or queries using them fail after a reopen
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const db = await PGlite.create(dataDir, { extensions: { pg_trgm }, startParams: embeddedStartParams() });
  const socket = await embeddedSocket();
  const server = new PGLiteSocketServer({ db, path: socket.path, maxConnections });
  await server.start();
  return {
    url: socket.url,
    maxConnections,
    close: async () => {
      await server.stop();
      await db.close();
      rmSync(socket.folder, { recursive: true, force: true });
    },
  };
}
