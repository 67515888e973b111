import { invalidTransition, type DomainError } from './errors';
import { requiredText } from './validate';
import { NOUNS, countOf, counted, figure, gregorianDayOf, percentage, yearOf } from './wording';

describe('counted nouns agree with their number', () => {
  it.each([
    [0, '٠ مبادرة', '0 initiatives'],
    [1, 'مبادرة واحدة', '1 initiative'],
    [2, 'مبادرتان', '2 initiatives'],
    [3, '٣ مبادرات', '3 initiatives'],
    [10, '١٠ مبادرات', '10 initiatives'],
    [11, '١١ مبادرة', '11 initiatives'],
    [99, '٩٩ مبادرة', '99 initiatives'],
    [100, '١٠٠ مبادرة', '100 initiatives'],
    [101, '١٠١ مبادرة', '101 initiatives'],
    [102, '١٠٢ مبادرة', '102 initiatives'],
    [103, '١٠٣ مبادرات', '103 initiatives'],
    [111, '١١١ مبادرة', '111 initiatives'],
    [1000, '١٬٠٠٠ مبادرة', '1,000 initiatives'],
  ])('%d initiatives: «%s», "%s"', (n, ar, en) => {
    expect(counted(n, NOUNS.initiative)).toEqual({ ar, en });
  });

  it('puts a masculine noun in the accusative from 11 to 99, and the plural from 3 to 10', () => {
    expect([0, 1, 2, 3, 11, 100, 101].map((n) => countOf(n, NOUNS.day, 'ar'))).toEqual([
      '٠ يوم',
      'يوم واحد',
      'يومان',
      '٣ أيام',
      '١١ يومًا',
      '١٠٠ يوم',
      '١٠١ يوم',
    ]);
  });

  it('agrees an adjective, and puts the dual in the oblique case after a preposition', () => {
    expect(countOf(2, NOUNS.nationalInitiative, 'ar')).toBe('مبادرتان وطنيتان');
    expect(`في ${countOf(2, NOUNS.municipality, 'ar', 'oblique')}`).toBe('في أمانتين');
    expect(countOf(3, NOUNS.nationalInitiative, 'ar')).toBe('٣ مبادرات وطنية');
    expect(countOf(1, NOUNS.municipality, 'ar')).toBe('أمانة واحدة');
  });

  it('has a form for every category of every noun', () => {
    for (const noun of Object.values(NOUNS)) {
      for (const form of [noun.ar.one, ...noun.ar.two, noun.ar.few, noun.ar.many, noun.ar.other, noun.en.one, noun.en.other]) expect(form.trim()).not.toBe('');
    }
  });
});

describe('figures, one digit style per language', () => {
  it('writes Arabic figures in Arabic-Indic digits and English ones in Latin digits', () => {
    expect(figure(12345.5, 'ar')).toBe('١٢٬٣٤٥٫٥');
    expect(figure(12345.5, 'en')).toBe('12,345.5');
    expect(percentage(45.5, 'ar')).toBe('٤٥٫٥٪');
    expect(percentage(45.5, 'en')).toBe('45.5%');
    expect(countOf(29, NOUNS.initiative, 'ar')).not.toMatch(/[0-9]/);
    expect(countOf(29, NOUNS.initiative, 'en')).not.toMatch(/[\u0660-\u0669]/);
  });

  it('marks years with their calendar in Arabic', () => {
    expect(yearOf(1447, 'hijri', 'ar')).toBe('١٤٤٧ هـ');
    expect(yearOf(2026, 'gregorian', 'ar')).toBe('٢٠٢٦ م');
    expect(yearOf(1447, 'hijri', 'en')).toBe('1447 AH');
    expect(yearOf(2026, 'gregorian', 'en')).toBe('2026');
  });

  it('writes a Gregorian day with its year marked', () => {
    expect(gregorianDayOf('2016-05-31', 'ar')).toBe('٣١ مايو ٢٠١٦ م');
    expect(gregorianDayOf('2016-05-31', 'en')).toBe('31 May 2016');
    expect(gregorianDayOf('2026-01-01', 'ar')).toBe('١ يناير ٢٠٢٦ م');
  });
});

describe('reasons worded with the helper', () => {
  it('tells how long a text is, agreed with its length, in Arabic-Indic digits', () => {
    const refused = (length: number) => {
      try {
        requiredText('titleAr', 'ب'.repeat(length), { label: { en: 'The title', ar: 'العنوان' }, max: 10 });
      } catch (e) {
        return (e as DomainError).text;
      }
      throw new Error('accepted');
    };
    expect(refused(11)).toEqual({ en: 'The title is too long: 11 characters, at most 10.', ar: 'العنوان أطول من المسموح: ١١ حرفًا، والحد ١٠.' });
    expect(refused(103).ar).toBe('العنوان أطول من المسموح: ١٠٣ أحرف، والحد ١٠.');
  });
});

describe('a refused transition', () => {
  it('takes the article its noun needs in English', () => {
    expect(invalidTransition('initiative', 'PROPOSED', 'COMPLETED', ['APPROVED']).text.en).toMatch(/^An initiative cannot go from PROPOSED to COMPLETED\./);
    expect(invalidTransition('campaign', 'DONE', 'LIVE', []).text.en).toMatch(/^A campaign cannot go from DONE to LIVE\. From DONE it can go to: nothing/);
  });
});
