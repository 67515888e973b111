import { Axis, hijriOfDay } from '../../../kernel/src/domain';
import { HIJRI_MONTHS_AR, gregorianMonths, hijriMonths } from './campaign-months';

const H = Axis.HEALTH_AWARENESS;
const E = Axis.E_SERVICES;

describe('campaigns counted by month', () => {
  it('counts a campaign in every month it runs in and as launched in its first, with empty months between', () => {
    const rows = [
      { axis: H, firstDay: '2026-01-30', lastDay: '2026-03-01', campaigns: 2 },
      { axis: E, firstDay: '2026-05-10', lastDay: '2026-05-10', campaigns: 1 },
    ];
    const months = gregorianMonths(rows, [H, E]);
    expect(months.map((m) => [m.month, m.from, m.to, m.campaigns, m.launched])).toEqual([
      ['2026-01', '2026-01-01', '2026-01-31', 2, 2],
      ['2026-02', '2026-02-01', '2026-02-28', 2, 0],
      ['2026-03', '2026-03-01', '2026-03-31', 2, 0],
      ['2026-04', '2026-04-01', '2026-04-30', 0, 0],
      ['2026-05', '2026-05-01', '2026-05-31', 1, 1],
    ]);
    expect(months[4].byAxis).toEqual([
      { axis: H, campaigns: 0, launched: 0 },
      { axis: E, campaigns: 1, launched: 1 },
    ]);
    expect(gregorianMonths([], [H])).toEqual([]);
  });

  it('crosses a year end', () => {
    expect(gregorianMonths([{ axis: H, firstDay: '2026-12-31', lastDay: '2027-01-01', campaigns: 1 }], [H]).map((m) => m.month)).toEqual([
      '2026-12',
      '2027-01',
    ]);
  });

  it('counts Umm al-Qura months with their names and Gregorian days', () => {
    // 2026-02-17 is 29 Sha'ban 1447, 2026-02-18 is 1 Ramadan, 2026-03-20 is 1 Shawwal
    const months = hijriMonths([{ axis: H, firstDay: '2026-02-17', lastDay: '2026-03-20', campaigns: 1 }], [H]);
    expect(
      months.map(({ year, month, nameAr, nameEn, from, to, campaigns, launched }) => ({ year, month, nameAr, nameEn, from, to, campaigns, launched })),
    ).toEqual([
      { year: 1447, month: 8, nameAr: 'شعبان', nameEn: "Sha'ban", from: '2026-01-20', to: '2026-02-17', campaigns: 1, launched: 1 },
      { year: 1447, month: 9, nameAr: 'رمضان', nameEn: 'Ramadan', from: '2026-02-18', to: '2026-03-19', campaigns: 1, launched: 0 },
      { year: 1447, month: 10, nameAr: 'شوال', nameEn: 'Shawwal', from: '2026-03-20', to: '2026-04-17', campaigns: 1, launched: 0 },
    ]);
    // Dhu al-Hijjah 1447 to Muharram 1448 crosses the Hijri year
    const turn = hijriMonths([{ axis: H, firstDay: '2026-06-10', lastDay: '2026-06-20', campaigns: 1 }], [H]);
    expect(turn.map((m) => [m.year, m.month])).toEqual([
      [1447, 12],
      [1448, 1],
    ]);
  });

  it('names the months as the Hijri dates are written', () => {
    const ar = new Intl.DateTimeFormat('ar-SA-u-ca-islamic-umalqura', { timeZone: 'Asia/Riyadh', month: 'long' });
    for (let d = Date.parse('2026-01-01T12:00:00Z'); d < Date.parse('2027-01-01T12:00:00Z'); d += 86400_000) {
      const day = new Date(d).toISOString().slice(0, 10);
      expect(HIJRI_MONTHS_AR[hijriOfDay(day).month - 1]).toBe(ar.format(new Date(d)));
    }
  });
});
