import { gregorianOfHijri, hijriMonthRange, hijriOfDay, toHijri } from './hijri';

describe('Umm al-Qura dates', () => {
  it('renders a day in Arabic and English with its numbers', () => {
    expect(hijriOfDay('2016-05-31')).toEqual({ year: 1437, month: 8, day: 24, ar: '٢٤ شعبان ١٤٣٧ هـ', en: "Sha'ban 24, 1437 AH" });
  });

  it.each([
    ['2026-02-18', 1447, 9, 1],
    ['2026-03-20', 1447, 10, 1],
    ['2016-05-31', 1437, 8, 24],
  ])('%s is %s-%s-%s', (day, y, m, d) => {
    expect(hijriOfDay(day)).toMatchObject({ year: y, month: m, day: d });
    expect(gregorianOfHijri(y, m, d)).toBe(day);
  });

  it('reads an instant in Riyadh time', () => {
    // 21:30 UTC on 17 Feb is 00:30 on 18 Feb in Riyadh: already 1 Ramadan
    expect(toHijri(new Date('2026-02-17T21:30:00Z'))).toMatchObject({ month: 9, day: 1 });
  });

  it('gives the Gregorian range of a Hijri month', () => {
    expect(hijriMonthRange(1447, 9)).toEqual({ from: '2026-02-18', to: '2026-03-19' });
  });

  it('converts every first of month of a year and back', () => {
    for (let m = 1; m <= 12; m++) expect(hijriOfDay(gregorianOfHijri(1448, m, 1))).toMatchObject({ year: 1448, month: m, day: 1 });
  });

  it('refuses a day that does not exist', () => {
    expect(() => gregorianOfHijri(1447, 13, 1)).toThrow(RangeError);
    expect(() => gregorianOfHijri(1447, 9, 31)).toThrow(RangeError);
  });
});
