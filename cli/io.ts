/** Where a command writes; a test passes its own streams and an abort signal. */
export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** Stops a command that follows live (`events tail`); by default SIGINT and SIGTERM. */
  signal?: AbortSignal;
  now?: () => Date;
}
