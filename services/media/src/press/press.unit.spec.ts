import { Axis, containsArabic } from '../../../kernel/src/domain';
import { factSheetText, pressReleaseText, type InitiativeFacts } from './press';

const facts: InitiativeFacts = {
  node: 'riyadh',
  code: 'RUH-2026-014',
  titleAr: 'بوابة رخص البناء',
  titleEn: 'Building permits portal',
  axis: Axis.E_SERVICES,
  nationalInitiativeId: null,
  status: 'IN_PROGRESS',
  plannedStart: '2016-05-31',
  plannedEnd: '2026-12-31',
  targets: [
    { kpi: 'permits issued online', unit: 'permits', targetValue: 1200 },
    { kpi: 'offices linked', unit: 'offices', targetValue: 10 },
  ],
  percentComplete: 45.5,
};
const now = new Date('2026-11-26T09:00:00Z');

describe('press material', () => {
  it('writes a press release with the figures, percentages and both date forms', () => {
    const t = pressReleaseText(facts, [{ kpi: 'permits issued online', value: 900 }], now);
    expect(t.bodyAr).toContain('أمانة منطقة الرياض');
    expect(t.bodyAr).toContain('«بوابة رخص البناء» (RUH-2026-014)');
    expect(t.bodyAr).toContain('٤٥٫٥٪');
    expect(t.bodyAr).toContain('- permits issued online: تحقق ٩٠٠ من ١٬٢٠٠ رخصة (٧٥٪).');
    expect(t.bodyAr).toContain('- offices linked (offices): المستهدف ١٠، ولم تُسجَّل قيمة بعد.');
    expect(t.bodyAr).toContain('٢٤ شعبان ١٤٣٧ هـ الموافق ٣١ مايو ٢٠١٦ م');
    // one digit style: Latin digits only in the initiative's code
    expect(t.bodyAr.replace(facts.code, '')).not.toMatch(/[0-9]/);
    expect(t.bodyAr).toContain('الخدمات الإلكترونية');
    expect(t.bodyEn).toContain('45.5% complete');
    expect(t.bodyEn).toContain('900 of 1,200 permits (75%)');
    expect(t.bodyEn).toContain("31 May 2016 (Sha'ban 24, 1437 AH)");
    expect(t.bodyEn).toContain('offices linked (offices): target 10, nothing reported yet');
  });

  it('counts KPI units by the Arabic plural rules, and names KPIs in English in the English text', () => {
    const districts = { kpi: 'الأحياء المغطاة', unit: 'حي', targetValue: 80, kpiEn: 'Districts covered', unitEn: 'districts' };
    const lines = (targetValue: number, value: number) =>
      pressReleaseText({ ...facts, targets: [{ ...districts, targetValue }] }, [{ kpi: districts.kpi, value }], now);
    expect(lines(80, 29).bodyAr).toContain('- الأحياء المغطاة: تحقق ٢٩ من ٨٠ حيًا (٣٦٫٣٪).');
    expect(lines(80, 29).bodyEn).toContain('- Districts covered: 29 of 80 districts (36.3%).');
    expect(lines(2, 1).bodyAr).toContain('تحقق ١ من حيّين (٥٠٪)');
    expect(lines(1, 1).bodyAr).toContain('تحقق ١ من حي واحد (١٠٠٪)');
    expect(lines(1, 1).bodyEn).toContain('1 of 1 district (100%)');
    expect(lines(5, 1).bodyAr).toContain('تحقق ١ من ٥ أحياء');
    expect(lines(100, 1).bodyAr).toContain('تحقق ١ من ١٠٠ حي');
    // a KPI named only in Arabic is numbered in English, never written in Arabic there
    const arabicOnly = pressReleaseText(
      {
        ...facts,
        targets: [
          { kpi: 'نسبة رضا المستفيدين', unit: '%', targetValue: 90 },
          { kpi: 'عدد المجالس', unit: 'مجلس', targetValue: 60 },
        ],
      },
      [{ kpi: 'نسبة رضا المستفيدين', value: 72.5 }],
      now,
    );
    expect(arabicOnly.bodyAr).toContain('- نسبة رضا المستفيدين: تحقق ٧٢٫٥٪ من ٩٠٪.');
    expect(arabicOnly.bodyAr).toContain('- عدد المجالس (مجلس): المستهدف ٦٠، ولم تُسجَّل قيمة بعد.');
    expect(arabicOnly.bodyEn).toContain('- Target 1: 72.5% of 90%.');
    expect(arabicOnly.bodyEn).toContain('- Target 2: target 60, nothing reported yet.');
    expect(containsArabic(arabicOnly.bodyEn)).toBe(false);
  });

  it('writes a fact sheet with counts and shares', () => {
    const t = factSheetText(
      [facts, { ...facts, node: 'jeddah', status: 'COMPLETED', percentComplete: 100 }, { ...facts, node: 'ministry', status: 'APPROVED', percentComplete: 0 }],
      Axis.E_SERVICES,
      now,
    );
    expect(t.bodyEn).toContain('Initiatives: 3, of which 1 national initiative, across 2 municipalities.');
    expect(t.bodyAr).toContain('عدد المبادرات: ٣، منها مبادرة وطنية واحدة، في أمانتين.');
    expect(t.bodyEn).toContain('In progress: 1; completed: 1 (33.3% of initiatives).');
    expect(t.bodyEn).toContain('Average completion of initiatives under way or completed: 72.8%.');
    expect(t.bodyAr).toContain('عدد المبادرات: ٣');
  });

  it('agrees the counts of a fact sheet with their nouns', () => {
    const many = (n: number, node: string) => Array.from({ length: n }, () => ({ ...facts, node }));
    const sheet = (national: number, municipalities: number) =>
      factSheetText(
        [...many(national, 'ministry'), ...['riyadh', 'jeddah', 'makkah', 'madinah', 'eastern'].slice(0, municipalities).flatMap((n) => many(1, n))],
        null,
        now,
      ).bodyAr;
    expect(sheet(3, 2)).toContain('منها ٣ مبادرات وطنية، في أمانتين.');
    expect(sheet(2, 1)).toContain('منها مبادرتان وطنيتان، في أمانة واحدة.');
    expect(sheet(11, 5)).toContain('منها ١١ مبادرة وطنية، في ٥ أمانات.');
    expect(sheet(0, 0)).toContain('منها ٠ مبادرة وطنية، في ٠ أمانة.');
  });
});
