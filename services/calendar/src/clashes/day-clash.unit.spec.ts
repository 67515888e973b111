import { PLACED_NAMES, dayClashesOf } from './day-clash';
import { daysPeriod } from '../period/period';

const item = (from: string, to: string) => ({ titleAr: 'حملة النظافة', titleEn: 'Clean streets', ...daysPeriod(from, to) });
const kinds = (from: string, to: string) => dayClashesOf(item(from, to), PLACED_NAMES.CAMPAIGN).map((c) => [c.kind, c.day, c.occasion?.code ?? null]);

describe('holidays and the weekend under a campaign or entry', () => {
  it('2 and 3 Shawwal 1447 are in the Eid al-Fitr holiday', () => {
    expect(kinds('2026-03-22', '2026-03-22')).toEqual([['HOLIDAY', '2026-03-22', 'EID_AL_FITR']]);
  });

  it('30 Ramadan 1447 and 4 Shawwal 1448 are in the Eid al-Fitr holiday though not the Eid', () => {
    expect(kinds('2026-03-19', '2026-03-19')).toEqual([['HOLIDAY', '2026-03-19', 'EID_AL_FITR']]);
    // a Friday
    expect(kinds('2027-03-12', '2027-03-12')).toEqual([
      ['WEEKEND', '2027-03-12', null],
      ['HOLIDAY', '2027-03-12', 'EID_AL_FITR'],
    ]);
    // 30 Ramadan 1448 does not exist: 2027-03-08 is 29 Ramadan, a working day
    expect(kinds('2027-03-08', '2027-03-08')).toEqual([]);
    const [c] = dayClashesOf(item('2026-03-15', '2026-03-19'), PLACED_NAMES.CAMPAIGN);
    expect(c.reason.en).toBe('The campaign “Clean streets” falls on the public holiday of Eid al-Fitr, 2026-03-19 (Ramadan 30, 1447 AH).');
  });

  it('9 Dhu al-Hijjah is Arafat Day, a holiday; a Friday start is the weekend', () => {
    // 2026-05-26 is a Tuesday
    expect(kinds('2026-05-26', '2026-05-26')).toEqual([['HOLIDAY', '2026-05-26', 'ARAFAT_DAY']]);
    expect(kinds('2034-04-07', '2034-04-09')).toEqual([['WEEKEND', '2034-04-07', null]]);
  });

  it('names the day in both calendars, with its weekday', () => {
    const [w] = dayClashesOf(item('2026-03-20', '2026-03-20'), PLACED_NAMES.PRESS_CONFERENCE);
    expect(w.reason.en).toBe('The press conference “Clean streets” starts on Friday, 2026-03-20 (Shawwal 1, 1447 AH), a weekend day in Saudi Arabia.');
    expect(w.reason.ar).toBe('موعد بدء المؤتمر الصحفي «حملة النظافة» يوم الجمعة ١ شوال ١٤٤٧ هـ (٢٠ مارس ٢٠٢٦ م)، وهو من أيام عطلة نهاية الأسبوع.');
  });

  it('a campaign over the whole of Eid al-Adha meets Arafat Day and the Eid; flag day is not a day off', () => {
    expect(kinds('2026-05-24', '2026-05-31').map((k) => k[2])).toEqual(['ARAFAT_DAY', 'EID_AL_ADHA']);
    expect(kinds('2026-03-11', '2026-03-11')).toEqual([]);
  });
});
