import { FOLDED_FROM, FOLDED_TO, INVISIBLE_CHARACTERS } from '../../../kernel/src/domain';

/**
 * The kernel's `normalizeArabic` as a SQL expression over `expr`, step by step: NFKC, invisible
 * characters out, tashkeel and tatweel out, أ إ آ ٱ → ا, ة → ه, ى → ي, ؤ ئ → ء, other digits and Persian
 * letters folded, lower case, white space folded and trimmed. Titles are
 * stored as written; the duplicate finder compares them normalised on both sides of a pair.
 * duplicates.int.spec.ts checks this expression against `normalizeArabic`.
 */
export function normalisedSql(expr: string): string {
  // the same ranges as the kernel's DIACRITICS and as JavaScript's \s
  const diacritics = '[\\u0610-\\u061A\\u064B-\\u065F\\u0670\\u06D6-\\u06ED\\u0640]';
  const space = '[\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]+';
  const visible = `regexp_replace(normalize(${expr}, NFKC), '[${INVISIBLE_CHARACTERS}]', '', 'g')`;
  return `btrim(regexp_replace(lower(translate(regexp_replace(${visible}, '${diacritics}', '', 'g'), 'أإآٱةى${FOLDED_FROM}', 'ااااهي${FOLDED_TO}')), '${space}', ' ', 'g'), ' ')`;
}
