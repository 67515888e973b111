import { normalizeArabic } from '../../../kernel/src/domain';

export interface Span {
  start: number;
  end: number;
}

// White space, or a base character with the combining marks that follow it (harakat, hamza above/below, Quranic marks).
// The byte-order mark is not a space here, though JavaScript's \s says so: the normalisation removes it as invisible.
const SPACE = /^[^\S\uFEFF]/;
const CLUSTER = /[^\S\uFEFF]+|(?:[^\s]|\uFEFF)[\u0300-\u036F\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED]*/gu;

/**
 * The text normalised as the kernel normalises it (so أ إ آ ا, ة ه, ى ي, tashkeel and tatweel
 * match), with the UTF-16 span in the original text of every normalised character.
 */
function normalisedWithOffsets(text: string): { text: string; spans: Span[] } {
  let out = '';
  const spans: Span[] = [];
  for (const m of text.matchAll(CLUSTER)) {
    const start = m.index;
    const end = start + m[0].length;
    const piece = SPACE.test(m[0]) ? (out && !out.endsWith(' ') ? ' ' : '') : normalizeArabic(m[0]);
    for (const c of piece) {
      out += c;
      spans.push({ start, end });
    }
  }
  return { text: out, spans };
}

/** Every place where `term` occurs in `text`, whatever the Arabic spelling variant: spans of the original text. */
export function findTerm(text: string, term: string): Span[] {
  const needle = normalizeArabic(term);
  if (!needle) return [];
  const hay = normalisedWithOffsets(text);
  const found: Span[] = [];
  for (let at = hay.text.indexOf(needle); at >= 0; at = hay.text.indexOf(needle, at + needle.length)) {
    found.push({ start: hay.spans[at].start, end: hay.spans[at + needle.length - 1].end });
  }
  return found;
}
