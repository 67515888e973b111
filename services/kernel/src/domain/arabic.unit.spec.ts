import { containsArabic, normalizeArabic } from './arabic';

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
