import type { Message } from './errors';

/**
 * Generated text in Arabic and English, one way: figures in one digit style per language
 * (Arabic-Indic in Arabic, as Saudi press writes them; Latin in English), counted nouns agreed with
 * their number by the plural rules of each language, years marked هـ or م.
 */
export type Language = 'ar' | 'en';

const NUMBER: Record<Language, Intl.NumberFormat> = {
  ar: new Intl.NumberFormat('ar-SA', { maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }),
};
const PLURAL: Record<Language, Intl.PluralRules> = { ar: new Intl.PluralRules('ar'), en: new Intl.PluralRules('en') };

/** A number in the language's digits: «١٢٬٣٤٥٫٥», "12,345.5". */
export const figure = (n: number, lang: Language): string => NUMBER[lang].format(n);

/** A percentage: «٤٥٫٥٪», "45.5%". */
export const percentage = (n: number, lang: Language): string => `${figure(n, lang)}${lang === 'ar' ? '٪' : '%'}`;

/** Both languages at once. */
export const figures = (n: number): Message => ({ en: figure(n, 'en'), ar: figure(n, 'ar') });
export const percentages = (n: number): Message => ({ en: percentage(n, 'en'), ar: percentage(n, 'ar') });

/**
 * The forms an Arabic noun takes after a number, by `Intl.PluralRules('ar')` category. With one and
 * two the number is not written: «مبادرة واحدة», «مبادرتان».
 */
export interface ArabicNoun {
  /** 1: the noun with واحد / واحدة. */
  one: string;
  /** 2: the dual, nominative then oblique (after a preposition or as an object): «مبادرتان», «مبادرتين». */
  two: readonly [string, string];
  /** 3–10, 103–110…: the plural: «٣ مبادرات». */
  few: string;
  /** 11–99, 111–199…: the singular, accusative: «١١ مبادرة», «٢٩ حيًا». */
  many: string;
  /** 0, 100–102, 1000…, fractions: the singular, genitive: «١٠٠ مبادرة», «١٠٠ حي». */
  other: string;
}

/** A counted noun in both languages. */
export interface Noun {
  ar: ArabicNoun;
  en: { one: string; other: string };
}

export type GrammaticalCase = 'nominative' | 'oblique';

/** `n` of a noun in one language: «٣ مبادرات», «مبادرتان», "3 initiatives", "1 initiative". */
export function countOf(n: number, noun: Noun, lang: Language, grammaticalCase: GrammaticalCase = 'nominative'): string {
  const category = PLURAL[lang].select(n);
  if (lang === 'en') return `${figure(n, 'en')} ${category === 'one' ? noun.en.one : noun.en.other}`;
  switch (category) {
    case 'one':
      return noun.ar.one;
    case 'two':
      return noun.ar.two[grammaticalCase === 'nominative' ? 0 : 1];
    case 'few':
      return `${figure(n, 'ar')} ${noun.ar.few}`;
    case 'many':
      return `${figure(n, 'ar')} ${noun.ar.many}`;
    default:
      return `${figure(n, 'ar')} ${noun.ar.other}`;
  }
}

/** `n` of a noun in both languages. */
export const counted = (n: number, noun: Noun, grammaticalCase: GrammaticalCase = 'nominative'): Message => ({
  en: countOf(n, noun, 'en', grammaticalCase),
  ar: countOf(n, noun, 'ar', grammaticalCase),
});

/** A year, marked with its calendar in Arabic: «١٤٤٧ هـ», «٢٠٢٦ م»; "1447 AH", "2026". */
export function yearOf(year: number, calendar: 'hijri' | 'gregorian', lang: Language): string {
  const digits = new Intl.NumberFormat(lang === 'ar' ? 'ar-SA' : 'en-US', { useGrouping: false }).format(year);
  if (lang === 'ar') return `${digits} ${calendar === 'hijri' ? 'هـ' : 'م'}`;
  return calendar === 'hijri' ? `${digits} AH` : digits;
}

const GREGORIAN: Record<Language, Intl.DateTimeFormat> = {
  ar: new Intl.DateTimeFormat('ar-SA-u-ca-gregory-nu-arab', { timeZone: 'UTC', day: 'numeric', month: 'long' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long' }),
};

/** A Gregorian day (YYYY-MM-DD) with its year marked: «٣١ مايو ٢٠١٦ م», "31 May 2016". */
export function gregorianDayOf(day: string, lang: Language): string {
  const date = new Date(`${day}T00:00:00Z`);
  return `${GREGORIAN[lang].format(date)} ${yearOf(date.getUTCFullYear(), 'gregorian', lang)}`;
}

/** Nouns the generated texts count. */
export const NOUNS = {
  initiative: {
    ar: { one: 'مبادرة واحدة', two: ['مبادرتان', 'مبادرتين'], few: 'مبادرات', many: 'مبادرة', other: 'مبادرة' },
    en: { one: 'initiative', other: 'initiatives' },
  },
  nationalInitiative: {
    ar: { one: 'مبادرة وطنية واحدة', two: ['مبادرتان وطنيتان', 'مبادرتين وطنيتين'], few: 'مبادرات وطنية', many: 'مبادرة وطنية', other: 'مبادرة وطنية' },
    en: { one: 'national initiative', other: 'national initiatives' },
  },
  municipality: {
    ar: { one: 'أمانة واحدة', two: ['أمانتان', 'أمانتين'], few: 'أمانات', many: 'أمانة', other: 'أمانة' },
    en: { one: 'municipality', other: 'municipalities' },
  },
  district: {
    ar: { one: 'حي واحد', two: ['حيّان', 'حيّين'], few: 'أحياء', many: 'حيًا', other: 'حي' },
    en: { one: 'district', other: 'districts' },
  },
  service: {
    ar: { one: 'خدمة واحدة', two: ['خدمتان', 'خدمتين'], few: 'خدمات', many: 'خدمة', other: 'خدمة' },
    en: { one: 'service', other: 'services' },
  },
  park: {
    ar: { one: 'حديقة واحدة', two: ['حديقتان', 'حديقتين'], few: 'حدائق', many: 'حديقة', other: 'حديقة' },
    en: { one: 'park', other: 'parks' },
  },
  permit: {
    ar: { one: 'رخصة واحدة', two: ['رخصتان', 'رخصتين'], few: 'رخص', many: 'رخصة', other: 'رخصة' },
    en: { one: 'permit', other: 'permits' },
  },
  kilometre: {
    ar: { one: 'كيلومتر واحد', two: ['كيلومتران', 'كيلومترين'], few: 'كيلومترات', many: 'كيلومترًا', other: 'كيلومتر' },
    en: { one: 'kilometre', other: 'kilometres' },
  },
  site: {
    ar: { one: 'موقع واحد', two: ['موقعان', 'موقعين'], few: 'مواقع', many: 'موقعًا', other: 'موقع' },
    en: { one: 'site', other: 'sites' },
  },
  day: {
    ar: { one: 'يوم واحد', two: ['يومان', 'يومين'], few: 'أيام', many: 'يومًا', other: 'يوم' },
    en: { one: 'day', other: 'days' },
  },
  character: {
    ar: { one: 'حرف واحد', two: ['حرفان', 'حرفين'], few: 'أحرف', many: 'حرفًا', other: 'حرف' },
    en: { one: 'character', other: 'characters' },
  },
  weightedCharacter: {
    ar: { one: 'حرف موزون واحد', two: ['حرفان موزونان', 'حرفين موزونين'], few: 'أحرف موزونة', many: 'حرفًا موزونًا', other: 'حرف موزون' },
    en: { one: 'weighted character', other: 'weighted characters' },
  },
  byte: {
    ar: { one: 'بايت واحد', two: ['بايتان', 'بايتين'], few: 'بايتات', many: 'بايتًا', other: 'بايت' },
    en: { one: 'byte', other: 'bytes' },
  },
  smsPart: {
    ar: {
      one: 'جزء واحد من رسالة نصية',
      two: ['جزءان من رسالة نصية', 'جزأين من رسالة نصية'],
      few: 'أجزاء من رسالة نصية',
      many: 'جزءًا من رسالة نصية',
      other: 'جزء من رسالة نصية',
    },
    en: { one: 'SMS part', other: 'SMS parts' },
  },
  hashtag: {
    ar: { one: 'وسم واحد', two: ['وسمان', 'وسمين'], few: 'وسوم', many: 'وسمًا', other: 'وسم' },
    en: { one: 'hashtag', other: 'hashtags' },
  },
  mediaItem: {
    ar: { one: 'عنصر وسائط واحد', two: ['عنصرا وسائط', 'عنصري وسائط'], few: 'عناصر وسائط', many: 'عنصر وسائط', other: 'عنصر وسائط' },
    en: { one: 'media item', other: 'media items' },
  },
  blockingRule: {
    ar: { one: 'قاعدة ملزمة واحدة', two: ['قاعدتان ملزمتان', 'قاعدتين ملزمتين'], few: 'قواعد ملزمة', many: 'قاعدة ملزمة', other: 'قاعدة ملزمة' },
    en: { one: 'blocking charter rule', other: 'blocking charter rules' },
  },
} as const satisfies Record<string, Noun>;

/** A value as the caller sent it, cut short: a refusal never echoes a megabyte back. */
export const cutShort = (text: string): string => (text.length > 40 ? `${text.slice(0, 40)}…` : text);
