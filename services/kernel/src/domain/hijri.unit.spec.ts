import { HIJRI_MONTHS_AR, HIJRI_MONTHS_EN, gregorianOfHijri, hijriMonthRange, hijriOfDay, toHijri } from './hijri';

describe('Umm al-Qura dates', () => {
  it('renders a day in Arabic and English with its numbers', () => {
    expect(hijriOfDay('2016-05-31')).toEqual({
      year: 1437,
      month: 8,
      day: 24,
      ar: '٢٤ شعبان ١٤٣٧ هـ',
      en: "Sha'ban 24, 1437 AH",
      monthNameAr: 'شعبان',
      monthNameEn: "Sha'ban",
      weekday: 2,
      weekdayAr: 'الثلاثاء',
      weekdayEn: 'Tuesday',
    });
  });

  it('names each month one way per language: the full date and the month name agree', () => {
    const icuAr = new Intl.DateTimeFormat('ar-SA-u-ca-islamic-umalqura', { timeZone: 'Asia/Riyadh', day: 'numeric', month: 'long', year: 'numeric' });
    for (let m = 1; m <= 12; m++) {
      const day = gregorianOfHijri(1447, m, 29);
      const h = hijriOfDay(day);
      expect(h.en).toBe(`${HIJRI_MONTHS_EN[m - 1]} 29, 1447 AH`);
      expect(h.monthNameEn).toBe(HIJRI_MONTHS_EN[m - 1]);
      expect(h.ar).toContain(HIJRI_MONTHS_AR[m - 1]);
      // the Arabic rendering is ICU's, word for word
      expect(h.ar).toBe(icuAr.format(new Date(`${day}T12:00:00+03:00`)));
    }
    expect(hijriOfDay('2026-05-27').en).toBe('Dhu al-Hijjah 10, 1447 AH');
  });

  it('names the weekday in Riyadh, Sunday first', () => {
    expect(hijriOfDay('2026-03-20')).toMatchObject({ weekday: 5, weekdayAr: 'الجمعة', weekdayEn: 'Friday' });
    expect(hijriOfDay('2026-03-22')).toMatchObject({ weekday: 0, weekdayAr: 'الأحد', weekdayEn: 'Sunday' });
    // 22:00 UTC on a Thursday is already Friday in Riyadh
    expect(toHijri(new Date('2026-03-19T22:00:00Z'))).toMatchObject({ weekday: 5, weekdayEn: 'Friday' });
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
