import pino, { type DestinationStream, type Logger } from 'pino';
import { traceFields } from './trace-context';

export type { Logger };

/** Structured JSON logs; tokens and bodies never pass through here. The trace id joins each line written inside a span. */
export function createLogger(level: string, bindings: Record<string, string> = {}, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { ...bindings },
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'headers.authorization',
          'headers.cookie',
          'authorization',
          'token',
          '*.token',
          'password',
          '*.password',
          'secret',
          '*.secret',
        ],
        remove: true,
      },
      mixin: traceFields,
      serializers: { err: errorForLog, error: errorForLog },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

// MikroORM writes every value into the statement it sends, and the driver puts the failed statement in
// front of the error's message: "<statement with values> - <what PostgreSQL said>".
const STATEMENT =
  /^\s*\(?\s*(select|insert|update|delete|with|values|begin|commit|rollback|savepoint|release|set|lock|copy|create|alter|drop|truncate)\b[\s\S]* - /i;
// PostgreSQL quotes the offending value after a colon: `invalid input syntax for type uuid: "…"`
const QUOTED_VALUE = /: "(?:[^"]|"")*"/g;

// MikroORM appends PostgreSQL's detail and hint, which quote the row: "\n - detail: Failing row contains (…)"
const DETAIL = /\n - (detail|hint): [\s\S]*$/;

/** What PostgreSQL said, without the statement in front of it, the row after it or the value it quotes. */
function databaseMessage(message: string): string {
  const said = message.replace(DETAIL, '');
  return (STATEMENT.test(said) ? said.slice(said.lastIndexOf(' - ') + 3) : said).replace(QUOTED_VALUE, ': "…"');
}

/** A message as the logs keep it: one that starts with a failed statement loses the statement and the values. */
export const withoutStatement = (message: string): string => (STATEMENT.test(message) ? databaseMessage(message) : message);

type ErrorLike = Error & Record<string, unknown>;
const isErrorLike = (e: unknown): e is ErrorLike =>
  e instanceof Error || (typeof e === 'object' && e !== null && typeof (e as Error).message === 'string' && typeof (e as Error).stack === 'string');
// a driver error (pg) or MikroORM's exception around one, which copies its fields
const isDatabaseError = (e: ErrorLike): boolean => 'sqlState' in e || 'routine' in e || STATEMENT.test(e.message);
const chainHasDatabaseError = (e: unknown, depth = 0): boolean =>
  isErrorLike(e) && depth < 8 && (isDatabaseError(e) || chainHasDatabaseError(e.cause, depth + 1));
// the fields of a PostgreSQL error that name things, never the values: no detail, where or internal query
const DATABASE_FIELDS = ['code', 'severity', 'routine', 'schema', 'table', 'column', 'constraint', 'dataType'] as const;

const framesOf = (stack: unknown): string => {
  const s = typeof stack === 'string' ? stack : '';
  const at = s.indexOf('\n    at ');
  return at >= 0 ? s.slice(at) : '';
};

/**
 * Errors as the logs keep them: pino's own form, except that a database error keeps the class, the
 * SQLSTATE and the names of what it concerns, never the statement or the values in it.
 */
export function errorForLog(err: unknown, depth = 0): unknown {
  if (typeof err === 'string') return withoutStatement(err);
  if (!isErrorLike(err)) return err;
  if (!chainHasDatabaseError(err)) return pino.stdSerializers.err(err);
  const type = err.constructor?.name ?? err.name;
  const message = isDatabaseError(err) ? databaseMessage(err.message) : err.message;
  const kept: Record<string, unknown> = { type, message, stack: `${type}: ${message}${framesOf(err.stack)}` };
  if (isDatabaseError(err)) for (const k of DATABASE_FIELDS) if (typeof err[k] === 'string') kept[k] = err[k];
  if (err.cause !== undefined && depth < 8) kept.cause = errorForLog(err.cause, depth + 1);
  return kept;
}
