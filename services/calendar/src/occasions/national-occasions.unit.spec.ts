import { DomainError } from '../../../kernel/src/domain';
import { nationalOccasionsOf, occasionDaysOf, occasionsBetween } from './national-occasions';

const days = (year: number) => Object.fromEntries(nationalOccasionsOf(year).map((o) => [o.mark.code, [o.entry.when.startDate, o.entry.when.endDate]]));

describe('national occasions of a Hijri year', () => {
  it('1447: in the Umm al-Qura calendar and on the fixed Gregorian days that fall in it', () => {
    expect(days(1447)).toEqual({
      HIJRI_NEW_YEAR: ['2025-06-26', '2025-06-26'],
      NATIONAL_DAY: ['2025-09-23', '2025-09-23'],
      RAMADAN: ['2026-02-18', '2026-03-19'],
      FOUNDING_DAY: ['2026-02-22', '2026-02-22'],
      FLAG_DAY: ['2026-03-11', '2026-03-11'],
      // 1 to 3 Shawwal; Ramadan 1447 has 30 days, and the Eid is after the 30th
      EID_AL_FITR: ['2026-03-20', '2026-03-22'],
      ARAFAT_DAY: ['2026-05-26', '2026-05-26'],
      EID_AL_ADHA: ['2026-05-27', '2026-05-29'],
    });
  });

  it('1448', () => {
    expect(days(1448)).toEqual({
      HIJRI_NEW_YEAR: ['2026-06-16', '2026-06-16'],
      NATIONAL_DAY: ['2026-09-23', '2026-09-23'],
      RAMADAN: ['2027-02-08', '2027-03-08'],
      FOUNDING_DAY: ['2027-02-22', '2027-02-22'],
      FLAG_DAY: ['2027-03-11', '2027-03-11'],
      EID_AL_FITR: ['2027-03-09', '2027-03-11'],
      ARAFAT_DAY: ['2027-05-15', '2027-05-15'],
      EID_AL_ADHA: ['2027-05-16', '2027-05-18'],
    });
  });

  it('lists them in date order, as whole-day occasions named in Arabic and English', () => {
    const list = nationalOccasionsOf(1447);
    expect(list.map((o) => o.mark.code)).toEqual([
      'HIJRI_NEW_YEAR',
      'NATIONAL_DAY',
      'RAMADAN',
      'FOUNDING_DAY',
      'FLAG_DAY',
      'EID_AL_FITR',
      'ARAFAT_DAY',
      'EID_AL_ADHA',
    ]);
    expect(list[1].entry).toMatchObject({
      kind: 'OCCASION',
      titleAr: 'اليوم الوطني',
      titleEn: 'National Day',
      descriptionEn: "National Day, Tuesday Rabi' al-Akhir 1, 1447 AH, a public holiday",
    });
    expect(list[1].mark).toEqual({ code: 'NATIONAL_DAY', hijriYear: 1447 });
  });

  it('Eid al-Fitr is 1 Shawwal; its four days off start the day after 29 Ramadan, on 30 Ramadan when Ramadan has 30 days', () => {
    const fitr = (y: number) => occasionDaysOf(y).find((o) => o.code === 'EID_AL_FITR');
    expect(fitr(1447)).toMatchObject({ from: '2026-03-20', to: '2026-03-22', holiday: { from: '2026-03-19', to: '2026-03-22' } });
    expect(fitr(1448)).toMatchObject({ from: '2027-03-09', to: '2027-03-11', holiday: { from: '2027-03-09', to: '2027-03-12' } });
    // 30 Ramadan 1447 and 4 Shawwal 1448 are days off that are not the Eid
    expect(occasionsBetween('2026-03-19', '2026-03-19').map((o) => o.code)).toEqual(['RAMADAN', 'EID_AL_FITR']);
    expect(occasionsBetween('2027-03-12', '2027-03-12').map((o) => o.code)).toEqual(['EID_AL_FITR']);
    const entry = nationalOccasionsOf(1447).find((o) => o.mark.code === 'EID_AL_FITR')!.entry;
    expect(entry.descriptionEn).toBe(
      'Eid al-Fitr, Friday Shawwal 1, 1447 AH, the public holiday 2026-03-19 (Ramadan 30, 1447 AH) to 2026-03-22 (Shawwal 3, 1447 AH)',
    );
    expect(entry.descriptionAr).toBe(
      'عيد الفطر، الجمعة ١ شوال ١٤٤٧ هـ، والإجازة الرسمية من ٣٠ رمضان ١٤٤٧ هـ (١٩ مارس ٢٠٢٦ م) إلى ٣ شوال ١٤٤٧ هـ (٢٢ مارس ٢٠٢٦ م)',
    );
    // Arafat Day and Eid al-Adha are their own days off
    expect(occasionDaysOf(1447).find((o) => o.code === 'EID_AL_ADHA')!.holiday).toEqual({ from: '2026-05-27', to: '2026-05-29' });
    expect(occasionDaysOf(1447).find((o) => o.code === 'RAMADAN')!.holiday).toBeNull();
  });

  it('covers every 22 February exactly once over consecutive Hijri years', () => {
    const founding = [];
    for (let y = 1440; y <= 1475; y++)
      founding.push(
        ...nationalOccasionsOf(y)
          .filter((o) => o.mark.code === 'FOUNDING_DAY')
          .map((o) => o.entry.when.startDate),
      );
    const years = founding.map((d) => Number(d!.slice(0, 4)));
    expect(new Set(years).size).toBe(years.length);
    for (let g = years[0]; g <= years[years.length - 1]; g++) expect(years).toContain(g);
  });

  it('works for every accepted year: the Hijri occasions always, the Gregorian days nearly always once instituted', () => {
    for (let y = 1400; y <= 1500; y++) {
      const codes = nationalOccasionsOf(y).map((o) => o.mark.code);
      expect(codes).toEqual(expect.arrayContaining(['HIJRI_NEW_YEAR', 'RAMADAN', 'EID_AL_FITR', 'ARAFAT_DAY', 'EID_AL_ADHA']));
      expect(codes.length).toBeGreaterThanOrEqual(y >= 1444 ? 7 : 5);
    }
  });

  it('has no Founding Day before 2022 nor Flag Day before 2023, and National Day a holiday from 2005', () => {
    const of = (y: number, code: string) => occasionDaysOf(y).find((o) => o.code === code);
    expect(of(1437, 'FOUNDING_DAY')).toBeUndefined();
    expect(of(1442, 'FOUNDING_DAY')).toBeUndefined();
    expect(of(1443, 'FOUNDING_DAY')).toMatchObject({ from: '2022-02-22', publicHoliday: true });
    expect(of(1443, 'FLAG_DAY')).toBeUndefined();
    expect(of(1444, 'FLAG_DAY')).toMatchObject({ from: '2023-03-11', publicHoliday: false });
    expect(of(1400, 'NATIONAL_DAY')).toMatchObject({ from: '1980-09-23', publicHoliday: false });
    expect(of(1426, 'NATIONAL_DAY')).toMatchObject({ from: '2005-09-23', publicHoliday: true });
    expect(occasionsBetween('2016-02-22', '2016-02-22')).toEqual([]);
  });

  it.each([1399, 1501, 1447.5])('refuses the year %s', (year) => {
    expect(() => nationalOccasionsOf(year)).toThrow(DomainError);
  });
});
