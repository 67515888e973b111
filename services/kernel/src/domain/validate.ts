import { badInput } from './errors';
import { NOUNS, countOf, figure } from './wording';
import { containsArabic } from './arabic';
import { isLocalDate } from './time';

// Control characters other than tab and newline never belong in user text.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

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

/** An optional text; empty becomes null. */
export function optionalText(field: string, value: string | null | undefined, rule: TextRule): string | null {
  if (value == null) return null;
  const v = value.trim();
  if (!v) return null;
  if (CONTROL.test(v) || (!rule.multiline && /[\r\n]/.test(v))) {
    throw badInput(field, {
      en: `${rule.label.en} contains characters that are not allowed.`,
      ar: `يحتوي ${rule.label.ar} على محارف غير مسموح بها.`,
    });
  }
  if ([...v].length > rule.max) {
    throw badInput(field, {
      en: `${rule.label.en} is too long: ${[...v].length} characters, at most ${rule.max}.`,
      ar: `${rule.label.ar} أطول من المسموح: ${countOf([...v].length, NOUNS.character, 'ar')}، والحد ${figure(rule.max, 'ar')}.`,
    }, { length: [...v].length, max: rule.max });
  }
  return v;
}

/** A calendar day, YYYY-MM-DD. */
export function localDate(field: string, value: string, label: { en: string; ar: string }): string {
  if (!isLocalDate(value)) {
    throw badInput(field, { en: `${label.en} must be a date written YYYY-MM-DD.`, ar: `يجب أن يكون ${label.ar} تاريخاً بصيغة YYYY-MM-DD.` });
  }
  return value;
}

/** A period whose end is not before its start. */
export function period(startField: string, start: string, endField: string, end: string): void {
  if (end < start) {
    throw badInput(endField, {
      en: `The end (${end}) is before the start (${start}).`,
      ar: `تاريخ النهاية (${end}) يسبق تاريخ البداية (${start}).`,
    }, { start, end, startField });
  }
}

/** A finite number within bounds. */
export function boundedNumber(field: string, value: number, min: number, max: number, label: { en: string; ar: string }): number {
  if (!Number.isFinite(value) || value < min || value > max) {
    throw badInput(field, {
      en: `${label.en} must be between ${min} and ${max}; got ${value}.`,
      ar: `يجب أن تكون قيمة ${label.ar} بين ${min} و${max}؛ القيمة ${value}.`,
    }, { min, max });
  }
  return value;
}
