import { Axis } from '../../../kernel/src';
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
  targets: [{ kpi: 'permits issued online', unit: 'permits', targetValue: 1200 }, { kpi: 'offices linked', unit: 'offices', targetValue: 10 }],
  percentComplete: 45.5,
};
const now = new Date('2026-11-26T09:00:00Z');

describe('press material', () => {
  it('writes a press release with the figures, percentages and both date forms', () => {
    const t = pressReleaseText(facts, [{ kpi: 'permits issued online', value: 900 }], now);
    expect(t.bodyAr).toContain('أمانة منطقة الرياض');
    expect(t.bodyAr).toContain('«بوابة رخص البناء» (RUH-2026-014)');
    expect(t.bodyAr).toContain('٤٥٫٥٪');
    expect(t.bodyAr).toContain('تحقق ٩٠٠ من ١٬٢٠٠ permits (٧٥٪)');
    expect(t.bodyAr).toContain('٢٤ شعبان ١٤٣٧ هـ الموافق ٣١ مايو ٢٠١٦');
    expect(t.bodyAr).toContain('الخدمات الإلكترونية');
    expect(t.bodyEn).toContain('45.5% complete');
    expect(t.bodyEn).toContain('900 of 1,200 permits (75%)');
    expect(t.bodyEn).toContain("31 May 2016 (Sha'ban 24, 1437 AH)");
    expect(t.bodyEn).toContain('offices linked: target 10 offices, nothing reported yet');
  });

  it('writes a fact sheet with counts and shares', () => {
    const t = factSheetText(
      [facts, { ...facts, node: 'jeddah', status: 'COMPLETED', percentComplete: 100 }, { ...facts, node: 'ministry', status: 'APPROVED', percentComplete: 0 }],
      Axis.E_SERVICES,
      now,
    );
    expect(t.bodyEn).toContain('Initiatives: 3, of which 1 national, across 2 municipalities.');
    expect(t.bodyEn).toContain('In progress: 1; completed: 1 (33.3% of initiatives).');
    expect(t.bodyEn).toContain('Average completion of initiatives under way or completed: 72.8%.');
    expect(t.bodyAr).toContain('عدد المبادرات: ٣');
  });
});
