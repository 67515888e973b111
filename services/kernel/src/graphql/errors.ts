import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import { DomainError } from '../domain/errors';
import type { Logger } from '../observability/logger';

// Codes produced by GraphQL itself for a malformed request: passed through as they are.
const REQUEST_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
  'UNAUTHENTICATED',
]);

/** Domain errors keep their code and both languages; anything unexpected is logged and hidden. */
export function formatError(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof DomainError) {
      return {
        message: original.text.en,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: original.code, messageAr: original.text.ar, ...original.details },
      };
    }
    if (original instanceof OptimisticLockError || original instanceof UniqueConstraintViolationException) {
      return {
        message: 'The record was changed at the same time by someone else. Reload it and try again.',
        path: formatted.path,
        extensions: { code: 'CONFLICT', messageAr: 'عُدّل السجل في الوقت نفسه من شخص آخر. أعد تحميله وحاول مرة أخرى.' },
      };
    }
    const code = String(formatted.extensions?.code ?? '');
    if (REQUEST_CODES.has(code)) {
      const { stacktrace: _drop, ...extensions } = formatted.extensions ?? {};
      // a value a scalar refused is the caller's input whether sent as a variable or written in the document
      if (refusedByScalar(error)) extensions.code = 'BAD_USER_INPUT';
      if (typeof extensions.messageAr !== 'string') extensions.messageAr = requestErrorInArabic(formatted.message, String(extensions.code));
      return { ...formatted, extensions };
    }
    log.error({ err: original, path: formatted.path }, 'unexpected error in a GraphQL request');
    return {
      message: 'Something went wrong on our side; it has been logged. Try again later.',
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR', messageAr: 'حدث خطأ من جهتنا وتم تسجيله. حاول لاحقاً.' },
    };
  };
}

/** A literal in the document that a scalar refused: graphql-js reports it as a validation error around the scalar's own. */
const refusedByScalar = (error: unknown): boolean =>
  error instanceof GraphQLError && error.originalError instanceof GraphQLError && error.originalError.extensions?.code === 'BAD_USER_INPUT';

const BY_CODE: Record<string, string> = {
  GRAPHQL_PARSE_FAILED: 'تعذرت قراءة الطلب: صيغة GraphQL غير صحيحة.',
  GRAPHQL_VALIDATION_FAILED: 'الطلب لا يوافق مخطط الواجهة.',
  BAD_USER_INPUT: 'في الطلب قيمة غير صالحة.',
  UNAUTHENTICATED: 'يلزم تسجيل الدخول.',
  PERSISTED_QUERY_NOT_FOUND: 'العملية المحفوظة غير معروفة.',
  PERSISTED_QUERY_NOT_SUPPORTED: 'العمليات المحفوظة غير مدعومة هنا.',
  OPERATION_RESOLUTION_FAILURE: 'تعذر تحديد العملية المطلوبة في الطلب.',
  BAD_REQUEST: 'الطلب غير صالح.',
};

/** A GraphQL message without its "Did you mean …": where introspection is off, it would name fields and values the caller did not write. */
export const withoutSuggestions = (message: string): string => message.replace(/ Did you mean .*$/s, '');

/** The Arabic of an error GraphQL itself raised for a malformed request, naming the variable where it names one. */
export function requestErrorInArabic(message: string, code: string): string {
  const variable = /^Variable "\$(\w+)"/.exec(message)?.[1];
  if (variable && /must not be null/.test(message)) return `المتغير \u200e$${variable} مطلوب ولا يقبل قيمة فارغة.`;
  if (variable && /was not provided/.test(message)) return `المتغير \u200e$${variable} مطلوب ولم يُرسل.`;
  if (variable && /is never used/.test(message)) return `المتغير \u200e$${variable} معرّف في العملية ولا تستخدمه.`;
  if (variable && /is not defined/.test(message)) return `المتغير \u200e$${variable} مستخدم في العملية ولم يُعرّف فيها.`;
  if (variable) return `قيمة المتغير \u200e$${variable} غير صالحة.`;
  return BY_CODE[code] ?? 'الطلب غير صالح.';
}
