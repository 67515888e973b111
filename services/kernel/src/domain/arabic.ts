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

// particles a search is not about; dropped from the stored text and from the query alike
const PARTICLES = new Set(['في', 'من', 'الي', 'علي', 'عن', 'مع', 'او', 'ثم', 'ان', 'ما', 'لا', 'هذا', 'هذه', 'التي', 'الذي', 'و']);
const ARTICLES = ['بال', 'كال', 'فال', 'ال', 'لل'];
const SUFFIXES = ['ها', 'ان', 'ات', 'ون', 'ين', 'يه', 'ه', 'ي'];

/** One Arabic word, already normalised, light-stemmed: the conjunction و, one article and one suffix off, two letters kept at least. */
function lightStem(word: string): string {
  let w = word.length >= 4 && word.startsWith('و') ? word.slice(1) : word;
  const article = ARTICLES.find((a) => w.startsWith(a) && w.length - a.length >= 2);
  if (article) w = w.slice(article.length);
  const suffix = SUFFIXES.find((s) => w.endsWith(s) && w.length - s.length >= 2);
  return suffix ? w.slice(0, -suffix.length) : w;
}

/**
 * Normalised text with each Arabic word light-stemmed and particles dropped; other text is left
 * as it is. Light stemming keeps رقمنة (digitisation) apart from رقم (number), where a root
 * stemmer joins them, and still finds الحدائق for حدائق and مبادرات for مبادرة.
 */
export function searchStems(normalized: string): string {
  return normalized
    .replace(/[\u0621-\u064A]+/g, (word) => (PARTICLES.has(word) ? ' ' : lightStem(word)))
    .replace(/\s+/g, ' ')
    .trim();
}
