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
