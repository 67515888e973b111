import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { containsArabic, normalizeArabic, searchStems } from './arabic';

describe('normalizeArabic', () => {
  it.each([
    ['أحمد', 'احمد'],
    ['إسلام', 'اسلام'],
    ['آمال', 'امال'],
    ['ٱلرحمن', 'الرحمن'],
    ['الأمانة', 'الامانه'],
    ['مستشفى', 'مستشفي'],
    ['مُبَادَرَةٌ', 'مبادره'],
    ['الـــبلديـة', 'البلديه'],
    ['  E-Services   Portal ', 'e-services portal'],
    // lam-alef presentation forms, as text pasted from a PDF carries them
    ['اﻷمانة', 'الامانه'],
    ['ﻹدارة', 'لاداره'],
    ['ﻻئحة', 'لاءحه'],
    // Arabic-Indic and Persian digits, Persian letters
    ['بلاغات ٩٤٠', 'بلاغات 940'],
    ['۲۰۲۶', '2026'],
    ['بلدیه مکه', 'بلديه مكه'],
    // hamza on either seat after a ḍamma
    ['الشؤون البلدية', 'الشءون البلديه'],
    ['الشئون البلدية', 'الشءون البلديه'],
    ['مسئول', 'مسءول'],
    // invisible: direction marks, joiners, the soft hyphen, the byte-order mark, a variation selector
    ['خبر عا\u200dجل', 'خبر عاجل'],
    ['عا\u00adجل\u200f', 'عاجل'],
    ['\u2066عاجل\u2069 \ufeffخبر', 'عاجل خبر'],
    ['عاج\u034fل\u061c', 'عاجل'],
    ['نجم\ufe0f', 'نجم'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeArabic(input)).toBe(expected);
  });

  it('treats the spelling variants of one word as the same', () => {
    expect(normalizeArabic('الأمانة')).toBe(normalizeArabic('الامانه'));
    expect(normalizeArabic('إِدارة')).toBe(normalizeArabic('اداره'));
    expect(normalizeArabic('وزارة الشئون البلدية')).toBe(normalizeArabic('وزارة الشؤون البلدية'));
  });

  it('is idempotent', () => {
    const once = normalizeArabic('أمانةُ منطقةِ الرياض');
    expect(normalizeArabic(once)).toBe(once);
  });

  it('knows Arabic text from other text', () => {
    expect(containsArabic('مبادرة 1')).toBe(true);
    expect(containsArabic('Initiative 1')).toBe(false);
  });
});

describe('searchStems', () => {
  const stems = (text: string) => searchStems(normalizeArabic(text));

  it.each([
    ['الحدائق العامة', 'حداءق عام'],
    ['والحدائق', 'حداءق'],
    ['بالمدينة', 'مدين'],
    // a noun in ـأة and its plural in ـآت
    ['المنشأة', 'منش'],
    ['للمنشآت التجارية', 'منش تجاري'],
    ['مكافآت', 'مكاف'],
    ['للبلدية', 'بلدي'],
    ['البلديات', 'بلدي'],
    ['الخدمات الإلكترونية', 'خدم كتروني'],
    ['إلكترونية', 'كتروني'],
    ['مبادرات', 'مبادر'],
    ['مبادرة', 'مبادر'],
    ['تحسينات', 'تحسين'],
    ['تحسين', 'تحسين'],
    ['رمضان', 'رمضان'],
    ['للمواطنين', 'مواطن'],
    ['خدماتها', 'خدم'],
    ['تطوير الأرصفة في حي النخيل', 'تطوير ارصف حي نخيل'],
  ])('%s → %s', (input, expected) => {
    expect(stems(input)).toBe(expected);
  });

  it('keeps digitisation apart from number, which a root stemmer joins, and trust apart from trustee', () => {
    expect(stems('رقمنة')).not.toBe(stems('رقم'));
    expect(stems('أمانة')).not.toBe(stems('أمين'));
  });

  it('keys a query as the text it should find: every query word is among the text words', () => {
    const found = (text: string, query: string) =>
      stems(query)
        .split(' ')
        .every((w) => stems(text).split(' ').includes(w));
    expect(found('تحسين الأمانة الإلكترونية', 'أمانة إلكترونية')).toBe(true);
    expect(found('الخدمات الإلكترونية للمستفيدين', 'خدمات إلكترونية')).toBe(true);
    expect(found('البلديات الفرعية', 'البلدية')).toBe(true);
    expect(found('البلديات الفرعية', 'بلدية فرعية')).toBe(true);
    expect(found('تحسينات الخدمات', 'تحسين الخدمات')).toBe(true);
    expect(found('تحسين اﻷمانة', 'الأمانة')).toBe(true);
    expect(found('ترقيم المباني', 'الرقمنة')).toBe(false);
  });

  it('keeps two letters of a short word, and other text as it is', () => {
    expect(stems('هم')).toBe('هم');
    expect(stems('وال')).toBe('وال');
    expect(stems('B-RIYADH-12 E-Services 2026')).toBe('b-riyadh-12 e-services 2026');
  });

  it('drops particles alone, with و or ف attached too', () => {
    expect(stems('في من على والتي وفي')).toBe('');
  });
});

/**
 * The corpus: pairs of one lemma's forms (definite, with particles, sound plurals, nisba, words
 * that begin with ال themselves, spelling variants) and pairs of different lemmas, often of one
 * root. docs/arabic-search.md reports the figures; the thresholds are the figures measured when the
 * stemmer was written, to the percent below, so that losing more than a few pairs fails.
 */
describe('searchStems on the corpus of word pairs', () => {
  const pairs = readFileSync(join(__dirname, 'arabic-search.corpus.tsv'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => l.split('\t') as [string, string, 'same' | 'different']);
  const key = (text: string) => searchStems(normalizeArabic(text));
  const joined = pairs.map(([a, b, relation]) => ({ a, b, relation, joined: key(a) === key(b) }));
  const missed = joined.filter((p) => p.relation === 'same' && !p.joined);
  const wronglyJoined = joined.filter((p) => p.relation === 'different' && p.joined);
  const sameCount = joined.filter((p) => p.relation === 'same').length;
  const truePositives = sameCount - missed.length;
  const precision = truePositives / (truePositives + wronglyJoined.length);
  const recall = truePositives / sameCount;

  it('holds at least 300 pairs of both kinds', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(300);
    expect(pairs.every((p) => p.length === 3 && ['same', 'different'].includes(p[2]))).toBe(true);
    expect(sameCount).toBeGreaterThan(100);
    expect(pairs.length - sameCount).toBeGreaterThan(100);
  });

  it('finds a lemma in its forms: recall at least 0.98', () => {
    if (recall < 0.98) throw new Error(`recall ${recall.toFixed(3)} < 0.98; missed: ${missed.map((p) => `${p.a} / ${p.b}`).join(', ')}`);
    expect(recall).toBeGreaterThanOrEqual(0.98);
  });

  it('keeps different lemmas apart: precision at least 0.98', () => {
    if (precision < 0.98) throw new Error(`precision ${precision.toFixed(3)} < 0.98; joined: ${wronglyJoined.map((p) => `${p.a} / ${p.b}`).join(', ')}`);
    expect(precision).toBeGreaterThanOrEqual(0.98);
  });

  it('gives the figures docs/arabic-search.md reports', () => {
    const doc = readFileSync(join(__dirname, '../../../../docs/arabic-search.md'), 'utf8');
    const percent = (x: number) => `${(x * 100).toFixed(1)} %`;
    expect(doc).toContain(`| mmhub light stemmer | ${pairs.length} | ${percent(precision)} | ${percent(recall)} |`);
    expect(doc).toContain(`**${sameCount} pairs of one lemma**`);
    expect(doc).toContain(`**${pairs.length - sameCount} pairs of different lemmas**`);
  });

  it('gets right every pair the search examples rest on', () => {
    const must: Array<[string, string, boolean]> = [
      ['رقمنة', 'رقم', false],
      ['أمانة', 'أمين', false],
      ['تحسين', 'تحس', false],
      ['رمضان', 'رمض', false],
      ['بلدية', 'البلديات', true],
      ['إلكترونية', 'الإلكترونية', true],
      ['تحسين', 'تحسينات', true],
      ['الأمانة', 'اﻷمانة', true],
    ];
    expect(must.map(([a, b]) => [a, b, key(a) === key(b)])).toEqual(must);
  });
});
