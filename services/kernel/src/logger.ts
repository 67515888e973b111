import pino, { type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs; tokens and bodies never pass through here. */
export function createLogger(level: string, bindings: Record<string, string> = {}): Logger {
  return pino({
    level,
    base: { ...bindings },
    redact: { paths: ['req.headers.authorization', 'authorization', 'token', '*.token', 'password'], remove: true },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
