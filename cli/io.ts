import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from './errors';

/** Where a command writes; a test passes its own streams and an abort signal. */
export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** Stops a command that follows live (`events tail`); by default SIGINT and SIGTERM. */
  signal?: AbortSignal;
  now?: () => Date;
}

/** Errors of a stream whose reader went away: the pipe closed, or written to after that. */
const READER_GONE = new Set(['EPIPE', 'ERR_STREAM_DESTROYED']);

/**
 * A reader that went away (`mmhub … | head`) wants no more: progress and warnings on stderr are dropped and the
 * command goes on to its end (an export still completes its file, or removes it on failure), and a closed stdout
 * ends the command through `end`, quietly. Any other error of either stream stays an error nothing handled.
 */
export function quietWhenReadersLeave(io: Pick<Io, 'stdout' | 'stderr'>, end: () => void): void {
  const gone = (e: unknown) => READER_GONE.has((e as NodeJS.ErrnoException).code ?? '');
  io.stderr.on('error', (e: unknown) => {
    if (!gone(e)) throw e;
  });
  io.stdout.on('error', (e: unknown) => {
    if (!gone(e)) throw e;
    end();
  });
}

/** Whether --out can be written, asked before the work rather than found after it. */
export async function requireWritableOut(out: string): Promise<void> {
  const target = await stat(out).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENAMETOOLONG') throw new UsageError(`--out: the file name is too long for this system`);
    return null;
  });
  if (target?.isDirectory()) throw new UsageError(`--out names the folder ${out}: give a file in it, e.g. ${path.join(out, 'export.csv')}`);
  const folder = path.dirname(path.resolve(out));
  const parent = await stat(folder).catch(() => null);
  if (!parent?.isDirectory()) throw new UsageError(`--out: the folder ${folder} does not exist`);
  await access(folder, constants.W_OK).catch(() => {
    throw new UsageError(`--out: this user cannot write in ${folder}`);
  });
}
