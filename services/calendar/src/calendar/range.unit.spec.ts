import { DomainError } from '../../../kernel/src/domain';
import { resolveRange } from './range';
import { daysPeriod, lastDay, overlaps, periodText } from '../period/period';

const fieldOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof DomainError ? `${e.code}:${String(e.details.field)}` : 'OTHER';
  }
  return undefined;
};

describe('the days a calendar query covers', () => {
  it('a Hijri month: Ramadan 1447 is 2026-02-18 to 2026-03-19', () => {
    expect(resolveRange(null, { year: 1447, month: 9 })).toEqual({ from: '2026-02-18', to: '2026-03-19' });
  });

  it('a range of days, as given', () => {
    expect(resolveRange({ from: '2026-01-01', to: '2026-01-31' }, null)).toEqual({ from: '2026-01-01', to: '2026-01-31' });
  });

  it.each([
    ['neither', null, null, 'BAD_USER_INPUT:range'],
    ['both', { from: '2026-01-01', to: '2026-01-02' }, { year: 1447, month: 9 }, 'BAD_USER_INPUT:range'],
    ['month 13', null, { year: 1447, month: 13 }, 'BAD_USER_INPUT:hijriMonth.month'],
    ['month 0', null, { year: 1447, month: 0 }, 'BAD_USER_INPUT:hijriMonth.month'],
    ['year 900', null, { year: 900, month: 1 }, 'BAD_USER_INPUT:hijriMonth.year'],
    ['to before from', { from: '2026-02-01', to: '2026-01-01' }, null, 'BAD_USER_INPUT:range.to'],
    ['two years', { from: '2026-01-01', to: '2027-12-31' }, null, 'BAD_USER_INPUT:range.to'],
  ])('refuses %s', (_what, range, month, code) => {
    expect(fieldOf(() => resolveRange(range, month))).toBe(code);
  });
});

describe('periods', () => {
  it('whole days run from midnight to midnight in Riyadh; the end is excluded', () => {
    const p = daysPeriod('2026-02-18', '2026-03-19');
    expect(p).toEqual({ startsAt: new Date('2026-02-17T21:00:00Z'), endsAt: new Date('2026-03-19T21:00:00Z') });
    expect(lastDay(p.endsAt)).toBe('2026-03-19');
    expect(overlaps(p, daysPeriod('2026-03-20', '2026-03-21'))).toBe(false);
    expect(overlaps(p, daysPeriod('2026-03-19', '2026-03-21'))).toBe(true);
  });

  it('reads as Gregorian and Hijri days', () => {
    expect(periodText(daysPeriod('2016-05-31', '2016-05-31'))).toEqual({ en: "2016-05-31 (Sha'ban 24, 1437 AH)", ar: '٢٤ شعبان ١٤٣٧ هـ (٣١ مايو ٢٠١٦ م)' });
    expect(periodText(daysPeriod('2016-05-31', '2016-06-01')).ar).toBe('٢٤ شعبان ١٤٣٧ هـ (٣١ مايو ٢٠١٦ م) إلى ٢٥ شعبان ١٤٣٧ هـ (١ يونيو ٢٠١٦ م)');
  });
});
