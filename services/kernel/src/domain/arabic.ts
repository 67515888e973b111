// Tashkeel (harakat, tanwin, shadda, sukun, dagger alif), Quranic marks and tatweel.
const DIACRITICS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g;

/**
 * One normalisation for Arabic text, applied on write and on query:
 * أ إ آ ٱ → ا, ة → ه, ى → ي, tashkeel and tatweel removed, Latin lower-cased, spaces folded.
 */
export function normalizeArabic(text: string): string {
  return text
    .normalize('NFC')
    .replace(DIACRITICS, '')
    .replace(/[\u0623\u0625\u0622\u0671]/g, '\u0627')
    .replace(/\u0629/g, '\u0647')
    .replace(/\u0649/g, '\u064A')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

const ARABIC_LETTER = /[\u0621-\u064A]/;
export const containsArabic = (text: string): boolean => ARABIC_LETTER.test(text);
