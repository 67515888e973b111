import { badInput } from './errors';
import { NOUNS, countOf, figure } from './wording';
import { containsArabic } from './arabic';
import { SUPPORTED_DAYS, isLocalDate, isSupportedDay } from './time';

// Control characters other than tab and line breaks never belong in user text; PostgreSQL refuses NUL outright.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
// A surrogate without its pair is not a character: PostgreSQL refuses it in JSON, and UTF-8 cannot carry it.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** Whether a text holds what no field may store: control characters or broken Unicode. */
export const hasForbiddenCharacters = (v: string): boolean => CONTROL.test(v) || LONE_SURROGATE.test(v);

/** The longest text any argument may carry (a message variant's own limit); each field's rule is usually far shorter. */
export const MAX_TEXT_ARGUMENT = 100_000;

/**
 * Any text that came from outside and may reach the database, whatever its field: without control
 * characters or broken Unicode, and no longer than the longest text a field allows.
 */
export function storableText(field: string, value: string): string {
  if (hasForbiddenCharacters(value)) {
    throw badInput(field, {
      en: `${field} contains characters that are not allowed: control characters such as NUL, or broken Unicode.`,
      ar: `يحتوي الحقل ${field} على محارف غير مسموح بها: محارف تحكم مثل NUL، أو ترميز يونيكود غير سليم.`,
    });
  }
  // counted in characters only when the UTF-16 length says it may be too long
  if (value.length > MAX_TEXT_ARGUMENT) {
    const length = [...value].length;
    if (length > MAX_TEXT_ARGUMENT) {
      throw badInput(
        field,
        {
          en: `${field} is too long: ${length} characters, at most ${MAX_TEXT_ARGUMENT}.`,
          ar: `الحقل ${field} أطول من المسموح: ${length} حرفاً، والحد ${MAX_TEXT_ARGUMENT}.`,
        },
        { length, max: MAX_TEXT_ARGUMENT },
      );
    }
  }
  return value;
}

export interface TextRule {
  label: { en: string; ar: string };
  max: number;
  multiline?: boolean;
  arabic?: boolean;
}

/** A required text: trimmed, non-empty, within its length, without control characters. */
export function requiredText(field: string, value: string | null | undefined, rule: TextRule): string {
  const v = optionalText(field, value, rule);
  if (!v) {
    throw badInput(field, { en: `${rule.label.en} is required.`, ar: `${rule.label.ar} مطلوب.` });
  }
  if (rule.arabic && !containsArabic(v)) {
    throw badInput(field, { en: `${rule.label.en} must be written in Arabic.`, ar: `يجب كتابة ${rule.label.ar} باللغة العربية.` });
  }
  return v;
}

// Left-to-right and right-to-left override (U+202D, U+202E): they show the characters after them in another order
// than they are stored, so a title can read as something else; writing Arabic beside Latin never needs them.
const BIDI_OVERRIDE = /[\u202D\u202E]/;
const BIDI_CONTROLS = /[\u202A-\u202C\u2066-\u2069]/g;
const EMBEDDING = /[\u202A\u202B]/;

/**
 * Whether a text overrides the direction of its characters, or leaves an embedding or isolate open to
 * spill over what follows it on a page. Closers pair as Unicode's bidirectional algorithm pairs them:
 * U+202C closes the latest embedding only if nothing was isolated since; U+2069 closes the latest isolate
 * and what was opened inside it; any other closer does nothing (a closer first, an isolate ended by U+202C).
 */
export function misusesBidiControls(v: string): boolean {
  if (BIDI_OVERRIDE.test(v)) return true;
  const open: ('embedding' | 'isolate')[] = [];
  for (const [c] of v.matchAll(BIDI_CONTROLS)) {
    if (c === '\u202C') {
      if (open[open.length - 1] === 'embedding') open.pop();
    } else if (c === '\u2069') {
      if (open.includes('isolate')) while (open.pop() !== 'isolate');
    } else open.push(EMBEDDING.test(c) ? 'embedding' : 'isolate');
  }
  return open.length > 0;
}

/** An optional text; empty becomes null. */
export function optionalText(field: string, value: string | null | undefined, rule: TextRule): string | null {
  if (value == null) return null;
  const v = value.trim();
  if (!v) return null;
  if (hasForbiddenCharacters(v) || (!rule.multiline && /[\r\n]/.test(v))) {
    throw badInput(field, {
      en: `${rule.label.en} contains characters that are not allowed.`,
      ar: `يحتوي ${rule.label.ar} على محارف غير مسموح بها.`,
    });
  }
  if (misusesBidiControls(v)) {
    throw badInput(field, {
      en: `${rule.label.en} contains a direction override (U+202D, U+202E) or an embedding left open, which would show its characters in another order than they are written: remove it (marks such as U+200F are fine).`,
      ar: `يحتوي ${rule.label.ar} على محرف يفرض اتجاه الكتابة (U+202D أو U+202E) أو تضمين غير مغلق، فيظهر النص بترتيب غير الذي كُتب به: احذفه (علامات الاتجاه مثل U+200F مقبولة).`,
    });
  }
  if ([...v].length > rule.max) {
    throw badInput(
      field,
      {
        en: `${rule.label.en} is too long: ${[...v].length} characters, at most ${rule.max}.`,
        ar: `${rule.label.ar} أطول من المسموح: ${countOf([...v].length, NOUNS.character, 'ar')}، والحد ${figure(rule.max, 'ar')}.`,
      },
      { length: [...v].length, max: rule.max },
    );
  }
  return v;
}

/** A calendar day, YYYY-MM-DD. */
export function localDate(field: string, value: string, label: { en: string; ar: string }): string {
  if (!isLocalDate(value)) {
    throw badInput(field, { en: `${label.en} must be a date written YYYY-MM-DD.`, ar: `يجب أن يكون ${label.ar} تاريخاً بصيغة YYYY-MM-DD.` });
  }
  if (!isSupportedDay(value)) {
    throw badInput(
      field,
      {
        en: `${label.en} must fall between ${SUPPORTED_DAYS.first} and ${SUPPORTED_DAYS.last}; got ${value}.`,
        ar: `يجب أن يقع ${label.ar} بين ${SUPPORTED_DAYS.first} و${SUPPORTED_DAYS.last}؛ القيمة ${value}.`,
      },
      { first: SUPPORTED_DAYS.first, last: SUPPORTED_DAYS.last },
    );
  }
  return value;
}

/** A period whose end is not before its start. */
export function period(startField: string, start: string, endField: string, end: string): void {
  if (end < start) {
    throw badInput(
      endField,
      {
        en: `The end (${end}) is before the start (${start}).`,
        ar: `تاريخ النهاية (${end}) يسبق تاريخ البداية (${start}).`,
      },
      { start, end, startField },
    );
  }
}

/** A finite number within bounds. */
export function boundedNumber(field: string, value: number, min: number, max: number, label: { en: string; ar: string }): number {
  if (!Number.isFinite(value) || value < min || value > max) {
    throw badInput(
      field,
      {
        en: `${label.en} must be between ${min} and ${max}; got ${value}.`,
        ar: `يجب أن تكون قيمة ${label.ar} بين ${min} و${max}؛ القيمة ${value}.`,
      },
      { min, max },
    );
  }
  return value;
}
