import { daysIn, formatInstant } from '../../console/src/lib/dates';

describe('a count of days in the console', () => {
  it('agrees with its number in Arabic, and in English', () => {
    expect([1, 2, 3, 10, 11, 37, 99, 100, 101].map((n) => daysIn(n, 'ar'))).toEqual([
      'يوم واحد',
      'يومان',
      '٣ أيام',
      '١٠ أيام',
      '١١ يومًا',
      '٣٧ يومًا',
      '٩٩ يومًا',
      '١٠٠ يوم',
      '١٠١ يوم',
    ]);
    expect([1, 2, 37].map((n) => daysIn(n, 'en'))).toEqual(['1 day', '2 days', '37 days']);
  });
});

describe('a moment in the console', () => {
  it('gives its day in both calendars, the reader’s first, and the time in Riyadh', () => {
    expect(formatInstant('2026-12-06T18:00:00Z', 'ar')).toBe('٢٦ جمادى الآخرة ١٤٤٨ هـ (٦ ديسمبر ٢٠٢٦ م)، ٩:٠٠ م');
    expect(formatInstant('2026-12-06T18:00:00Z', 'en')).toBe('6 December 2026 (26 Jumada II 1448 AH), 21:00');
  });
});
