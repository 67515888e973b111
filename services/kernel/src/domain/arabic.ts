// Tashkeel (harakat, tanwin, shadda, sukun, dagger alif), Quranic marks and tatweel.
const DIACRITICS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g;

/**
 * Invisible format characters, Unicode's default-ignorable code points of the basic plane: direction marks,
 * zero-width joiners and spaces, the soft hyphen, the byte-order mark, variation selectors. A reader sees
 * nothing of them, so they must not keep a word from its search or its banned term. Also written in SQL.
 */
export const INVISIBLE_CHARACTERS =
  '\\u00AD\\u034F\\u061C\\u115F\\u1160\\u17B4\\u17B5\\u180B-\\u180F\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u206F\\u3164\\uFE00-\\uFE0F\\uFEFF\\uFFA0\\uFFF0-\\uFFF8';
const INVISIBLE = new RegExp(`[${INVISIBLE_CHARACTERS}]`, 'g');

/**
 * Letters and digits written another way, each beside the one it is read as: Arabic-Indic and Persian digits,
 * Persian ی and ک, and hamza on the seats ؤ and ئ as ء, since either seat is written after a ḍamma (الشؤون،
 * الشئون; مسؤول، مسئول).
 */
export const FOLDED_FROM = '٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹یکؤئ';
export const FOLDED_TO = '01234567890123456789يكءء';
const FOLDED = new Map([...FOLDED_FROM].map((c, i) => [c, FOLDED_TO[i]]));
const FOLDABLE = new RegExp(`[${FOLDED_FROM}]`, 'g');

/**
 * One normalisation for Arabic text, applied on write and on query: NFKC (presentation forms such
 * as the lam-alef ligatures of text pasted from PDFs become letters), invisible format characters
 * removed, Arabic-Indic and Persian digits read as 0–9, Persian ی ک as ي ك, ؤ ئ → ء, أ إ آ ٱ → ا, ة → ه,
 * ى → ي, tashkeel and tatweel removed, Latin lower-cased, spaces folded.
 */
export function normalizeArabic(text: string): string {
  return text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(FOLDABLE, (c) => FOLDED.get(c)!)
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

/** Bumped whenever `searchStems` gives other keys: stored keys of an older version are computed again at start. */
export const SEARCH_STEMS_VERSION = 5;

// particles a search is not about; dropped from the stored text and from the query alike, with و or ف attached too
const PARTICLES = new Set([
  'في',
  'من',
  'الي',
  'علي',
  'عن',
  'مع',
  'او',
  'ثم',
  'ان',
  'ما',
  'لا',
  'هذا',
  'هذه',
  'التي',
  'الذي',
  'الذين',
  'و',
  'ف',
  'قد',
  'كما',
  'ذلك',
  'تلك',
  'حيث',
  'بين',
  'عند',
  'كل',
  'به',
  'بها',
  'له',
  'لها',
  'فيها',
  'منها',
  'عليها',
  'الا',
]);
// the article with the particles that attach before it; لل is ل with the article, its alef elided
const DEFINITE = ['وبال', 'وكال', 'فبال', 'فكال', 'ولل', 'فلل', 'وال', 'فال', 'بال', 'كال', 'لل', 'ال'];

/**
 * The prefixes off, the same for every form of a word: the article with its particles, the
 * conjunction و, and ب or ل before a derived noun (م…, ت…). Applied until nothing changes, so a
 * word that itself begins with ال (إلكتروني, التزام) is keyed alike with and without the article.
 */
function withoutPrefixes(word: string): string {
  let w = word;
  for (;;) {
    const definite = DEFINITE.find((p) => w.startsWith(p) && w.length - p.length >= 2);
    if (definite) w = w.slice(definite.length);
    else if (w.startsWith('و') && w.length >= 4) w = w.slice(1);
    else if (/^[بل][مت]/.test(w) && w.length >= 5) w = w.slice(1);
    else return w;
  }
}

// a sound masculine plural (ون، ين) is cut from a participle (م…), an agent noun (فاعل) or a nisba (…ي)
// but not from a verbal noun تفعيل (تعيين، تزيين): cut from any word it would take تحسين to تحس and قانون to قان
const SOUND_MASCULINE_STEM = /^(?!ت.ي$)(م...+|.ا..|..+ي)$/;

/** The suffixes off: the alef of an adverbial nisba (ـياً), the pronoun ها (not هم, which ends مساهم and تفاهم), then one of the plural ات، ون، ين and the feminine ة (ه once normalised). The nisba ي stays. */
function withoutSuffixes(word: string): string {
  // the adverbial nisba, its tanwin already gone: إلكترونياً، فورياً، سنوياً are keyed as إلكتروني، فوري، سنوي
  const adverb = /^(...+ي)ا$/.exec(word);
  if (adverb) return adverb[1];
  let w = word;
  const pronoun = /^(...+?)ها$/.exec(w);
  if (pronoun) w = pronoun[1];
  if (w.endsWith('ات') && w.length >= 4) return w.slice(0, -2);
  if (/(ون|ين)$/.test(w) && SOUND_MASCULINE_STEM.test(w.slice(0, -2))) return w.slice(0, -2);
  // the alef of ـأة goes with it, as it merges into the plural's آت: منشأة and منشآت are keyed منش
  if (w.endsWith('اه') && w.length >= 5) return w.slice(0, -2);
  if (w.endsWith('ه') && w.length >= 3) return w.slice(0, -1);
  // ة written ت before a pronoun: مبادرتها
  if (pronoun && w.endsWith('ت') && w.length >= 4) return w.slice(0, -1);
  return w;
}

/** One Arabic word, already normalised, light-stemmed: the key every form of the word shares. */
export function lightStem(word: string): string {
  return withoutSuffixes(withoutPrefixes(word));
}

/**
 * Normalised text with each Arabic word light-stemmed and particles dropped; other text is left
 * as it is. Light stemming keeps رقمنة (digitisation) apart from رقم (number), where a root
 * stemmer joins them, and still finds الحدائق for حدائق and مبادرات for مبادرة.
 * docs/arabic-search.md gives its precision and recall on the word pairs of arabic-search.corpus.tsv.
 */
export function searchStems(normalized: string): string {
  return normalized
    .replace(/[\u0621-\u064A]+/g, (word) => (isParticle(word) ? ' ' : lightStem(word)))
    .replace(/\s+/g, ' ')
    .trim();
}

const isParticle = (word: string) => PARTICLES.has(word) || (/^[وف]/.test(word) && PARTICLES.has(word.slice(1)));
