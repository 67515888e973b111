import pino, { type DestinationStream, type Logger } from 'pino';
import { traceFields } from './observability/trace-context';

export type { Logger };

/** Structured JSON logs; tokens and bodies never pass through here. The trace id joins each line written inside a span. */
export function createLogger(level: string, bindings: Record<string, string> = {}, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { ...bindings },
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'headers.cookie', 'authorization', 'token', '*.token', 'password', '*.password', 'secret', '*.secret'],
        remove: true,
      },
      mixin: traceFields,
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
