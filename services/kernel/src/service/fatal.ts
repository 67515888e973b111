import { createLogger, type Logger } from '../observability/logger';

/** Exit status of a process stopped by an error nothing handled (EX_SOFTWARE). */
export const FATAL_EXIT_CODE = 70;

/**
 * An error nothing handled leaves the process in a state no one can vouch for: it is logged, once,
 * as structured JSON, and the process exits for its supervisor to start a clean one.
 */
export function exitOnUnhandledErrors(
  log: Logger = createLogger('error', { policy: 'fatal' }),
  exit: (code: number) => void = (code) => process.exit(code),
): void {
  let exiting = false;
  const fatal = (kind: string) => (e: unknown) => {
    if (exiting) return;
    exiting = true;
    log.fatal({ err: e instanceof Error ? e : new Error(String(e)), kind }, `${kind}: the process stops`);
    log.flush?.();
    exit(FATAL_EXIT_CODE);
  };
  process.on('unhandledRejection', fatal('unhandledRejection'));
  process.on('uncaughtException', fatal('uncaughtException'));
}
