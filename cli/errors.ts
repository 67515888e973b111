/** The exit codes every command keeps to. */
export const EXIT = { ok: 0, failure: 1, usage: 2, configuration: 78 } as const;

/** A command used wrongly; the message says how to use it. Exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A command that ran and did not succeed; what it wrote already says why. Exit 1. */
export class Failure extends Error {}
