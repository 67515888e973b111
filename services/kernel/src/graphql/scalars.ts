import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import type { Message } from '../domain/errors';
import { cutShort } from '../domain/wording';
import { SUPPORTED_DAYS, isLocalDate, isSupportedDay, riyadhDate, toRiyadhIso } from '../domain/time';

const ISO_WITH_ZONE = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/** A date-time whose day exists and whose clock and offset are in range: JavaScript would read 30 February as 2 March. */
const isInstant = (value: string): boolean => {
  const m = ISO_WITH_ZONE.exec(value);
  return m !== null && isLocalDate(m[1]) && !Number.isNaN(Date.parse(value));
};

// a value refused by a scalar is the caller's to fix: BAD_USER_INPUT in both languages, whichever layer coerced it
const refused = (text: Message) => new GraphQLError(text.en, { extensions: { code: 'BAD_USER_INPUT', messageAr: text.ar } });

/** The value as the caller sent it, cut short, as JSON. */
const shown = (value: unknown): string => {
  const s = typeof value === 'string' ? cutShort(value) : value;
  return JSON.stringify(s) ?? String(s);
};

const outsideDays = (what: string, value: unknown): GraphQLError =>
  refused({
    en: `${what} must fall between ${SUPPORTED_DAYS.first} and ${SUPPORTED_DAYS.last}; got ${shown(value)}.`,
    ar: `يجب أن يقع ${what === 'DateTime' ? 'الوقت' : 'التاريخ'} بين ${SUPPORTED_DAYS.first} و${SUPPORTED_DAYS.last}؛ القيمة ${shown(value)}.`,
  });

function parseInstant(value: unknown): Date {
  if (typeof value !== 'string' || !isInstant(value)) {
    throw refused({
      en: `DateTime must be an ISO 8601 date-time with a zone, e.g. 2026-03-01T09:00:00+03:00; got ${shown(value)}.`,
      ar: `يجب أن يكون الوقت بصيغة ISO 8601 مع فرق التوقيت، مثل 2026-03-01T09:00:00+03:00؛ القيمة ${shown(value)}.`,
    });
  }
  const instant = new Date(value);
  if (!isSupportedDay(riyadhDate(instant))) throw outsideDays('DateTime', value);
  return instant;
}

/** An instant; returned in Asia/Riyadh time with its offset, accepted with any offset. */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: `An instant in ISO 8601 with its offset; returned in Asia/Riyadh time (+03:00). Accepted from ${SUPPORTED_DAYS.first} to ${SUPPORTED_DAYS.last}.`,
  serialize: (v) => {
    const d = v instanceof Date ? v : new Date(String(v));
    if (Number.isNaN(d.getTime())) throw new GraphQLError('DateTime cannot represent an invalid date');
    return toRiyadhIso(d);
  },
  parseValue: parseInstant,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw refused({ en: 'DateTime must be a string.', ar: 'يجب أن يكون الوقت نصاً.' });
    return parseInstant(ast.value);
  },
});

function parseDay(value: unknown): string {
  if (typeof value !== 'string' || !isLocalDate(value)) {
    throw refused({
      en: `LocalDate must be a calendar date YYYY-MM-DD; got ${shown(value)}.`,
      ar: `يجب أن يكون التاريخ يوماً موجوداً بصيغة YYYY-MM-DD؛ القيمة ${shown(value)}.`,
    });
  }
  if (!isSupportedDay(value)) throw outsideDays('LocalDate', value);
  return value;
}

/** A calendar day in Asia/Riyadh, YYYY-MM-DD. */
export const LocalDateScalar = new GraphQLScalarType<string, string>({
  name: 'LocalDate',
  description: `A calendar day (YYYY-MM-DD) in Asia/Riyadh, from ${SUPPORTED_DAYS.first} to ${SUPPORTED_DAYS.last}.`,
  serialize: (v) => String(v),
  parseValue: parseDay,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw refused({ en: 'LocalDate must be a string.', ar: 'يجب أن يكون التاريخ نصاً.' });
    return parseDay(ast.value);
  },
});
