import { nodeName } from './sector';

/** Stable codes clients can branch on; they reach GraphQL as extensions.code. */
export type ErrorCode = 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'NOT_OWNER' | 'INVALID_TRANSITION';

export interface Message {
  en: string;
  ar: string;
}

/** A failure a person can act on, in English and Arabic. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly text: Message,
    readonly details: Record<string, unknown> = {},
  ) {
    super(text.en);
    this.name = 'DomainError';
  }
}

export const badInput = (field: string, text: Message, details: Record<string, unknown> = {}) => new DomainError('BAD_USER_INPUT', text, { field, ...details });

/** An edit that changes nothing is refused: it would still make a version, and after approval send it back to review. */
export function requireChange(change: Record<string, unknown>): void {
  if (!Object.keys(change).length) throw badInput('input', { en: 'Nothing to change.', ar: 'لا يوجد ما يُعدَّل.' });
}

export const notFound = (what: string, id: string) =>
  new DomainError('NOT_FOUND', { en: `No ${what} with id ${id}.`, ar: `لا يوجد ${whatAr(what)} بالمعرّف ${id}.` }, { id });

export const conflict = (what: string, expected: number, actual: number) =>
  new DomainError(
    'CONFLICT',
    {
      en: `The ${what} was changed by someone else (your version ${expected}, current ${actual}). Reload it and try again.`,
      ar: `عدّل شخص آخر هذا السجل (نسختك ${expected}، الحالية ${actual}). أعد تحميله وحاول مرة أخرى.`,
    },
    { expectedVersion: expected, currentVersion: actual },
  );

/** A change aimed at a copy: the owner by the name its users know, its code in `extensions.owner` for clients. */
export const notOwner = (owner: string, here: string) => {
  const [o, h] = [nodeName(owner), nodeName(here)];
  return new DomainError(
    'NOT_OWNER',
    {
      en: `This record belongs to ${o.nameEn} (${owner}); ${h.nameEn} holds a read-only copy of it. Make the change at ${o.nameEn}.`,
      ar: `هذا السجل يخص ${o.nameAr}، وما لدى ${h.nameAr} نسخة منه للاطلاع فقط؛ أجرِ التعديل لدى ${o.nameAr}.`,
    },
    { owner },
  );
};

export const forbidden = (text: Message) => new DomainError('FORBIDDEN', text);

export const unauthenticated = (text: Message = { en: 'Sign in first: a valid bearer token is required.', ar: 'سجّل الدخول أولاً: يلزم رمز دخول صالح.' }) =>
  new DomainError('UNAUTHENTICATED', text);

/** A change the record's status no longer allows (it is final): the same code as a move its lifecycle refuses. */
export const closedTo = (text: Message, from: string) => new DomainError('INVALID_TRANSITION', text, { from, allowed: [] });

export const invalidTransition = (what: string, from: string, to: string, allowed: readonly string[]) =>
  new DomainError(
    'INVALID_TRANSITION',
    {
      en: `${/^[aeiou]/i.test(what) ? 'An' : 'A'} ${what} cannot go from ${from} to ${to}. From ${from} it can go to: ${allowed.length ? allowed.join(', ') : 'nothing (final state)'}.`,
      ar: `لا يمكن نقل ${whatAr(what)} من الحالة ${from} إلى ${to}. المسموح من ${from}: ${allowed.length ? allowed.join('، ') : 'لا شيء (حالة نهائية)'}.`,
    },
    { from, to, allowed },
  );

const AR_NAMES: Record<string, string> = {
  initiative: 'مبادرة',
  'integration criterion': 'معيار تكامل',
  'integration assessment': 'تقييم تكامل',
  campaign: 'حملة',
  'calendar entry': 'مناسبة في الروزنامة',
  message: 'رسالة إعلامية',
  'charter rule': 'قاعدة ميثاق',
  'key message': 'رسالة رئيسية',
};
function whatAr(what: string): string {
  return AR_NAMES[what] ?? what;
}
