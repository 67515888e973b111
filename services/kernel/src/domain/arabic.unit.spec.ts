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
  ])('%s → %s', (input, expected) => {
    expect(normalizeArabic(input)).toBe(expected);
  });

  it('treats the spelling variants of one word as the same', () => {
    expect(normalizeArabic('الأمانة')).toBe(normalizeArabic('الامانه'));
    expect(normalizeArabic('إِدارة')).toBe(normalizeArabic('اداره'));
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
    ['الحدائق العامة', 'حدائق عام'],
    ['والحدائق', 'حدائق'],
    ['بالمدينة', 'مدين'],
    ['للبلدية', 'بلد'],
    ['الخدمات الإلكترونية', 'خدم الكترون'],
    ['مبادرات', 'مبادر'],
    ['مبادرة', 'مبادر'],
    ['تطوير الأرصفة في حي النخيل', 'تطوير ارصف حي نخيل'],
  ])('%s → %s', (input, expected) => {
    expect(stems(input)).toBe(expected);
  });

  it('keeps digitisation apart from number, which a root stemmer joins', () => {
    expect(stems('رقمنة')).not.toBe(stems('رقم'));
  });

  it('keeps two letters of a short word, and other text as it is', () => {
    expect(stems('هم')).toBe('هم');
    expect(stems('وال')).toBe('وال');
    expect(stems('B-RIYADH-12 E-Services 2026')).toBe('b-riyadh-12 e-services 2026');
  });

  it('drops particles alone', () => {
    expect(stems('في من على')).toBe('');
  });
});
