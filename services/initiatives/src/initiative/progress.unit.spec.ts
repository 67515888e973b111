import { Axis, type DomainError } from '../../../kernel/src/domain';
import { InitiativeStatus, proposeInitiative } from './initiative';
import { expectedProgress, lateDays, rag, Rag, reportProgress } from './progress';

const S = InitiativeStatus;

describe('expected progress', () => {
  it.each([
    ['2025-12-31', 0],
    ['2026-01-01', 0],
    ['2026-01-11', 10],
    ['2026-02-20', 50],
    ['2026-04-11', 100],
    ['2027-01-01', 100],
  ])('on %s over 2026-01-01..2026-04-11 (100 days) is %s%%', (today, expected) => {
    expect(expectedProgress('2026-01-01', '2026-04-11', today)).toBe(expected);
  });

  it('handles a one-day period', () => {
    expect(expectedProgress('2026-05-01', '2026-05-01', '2026-04-30')).toBe(0);
    expect(expectedProgress('2026-05-01', '2026-05-01', '2026-05-01')).toBe(100);
  });
});

describe('lateness', () => {
  it('counts days past the planned end while unfinished', () => {
    expect(lateDays({ status: S.IN_PROGRESS, plannedEnd: '2026-03-01' }, '2026-03-11')).toBe(10);
    expect(lateDays({ status: S.IN_PROGRESS, plannedEnd: '2026-03-01' }, '2026-03-01')).toBe(0);
    expect(lateDays({ status: S.COMPLETED, plannedEnd: '2026-03-01' }, '2026-03-11')).toBe(0);
    expect(lateDays({ status: S.CANCELLED, plannedEnd: '2026-03-01' }, '2026-03-11')).toBe(0);
  });
});

describe('RAG', () => {
  const plan = { plannedStart: '2026-01-01', plannedEnd: '2026-04-11' };
  const today = '2026-02-20'; // 50% expected
  it.each([
    [S.IN_PROGRESS, 50, Rag.ON_TRACK],
    [S.IN_PROGRESS, 40, Rag.ON_TRACK], // 10 points behind: still on track
    [S.IN_PROGRESS, 39, Rag.AT_RISK],
    [S.IN_PROGRESS, 25, Rag.AT_RISK], // 25 behind: at risk
    [S.IN_PROGRESS, 24, Rag.OFF_TRACK],
    [S.APPROVED, 0, Rag.OFF_TRACK],
    [S.SUSPENDED, 50, Rag.AT_RISK],
    [S.COMPLETED, 100, Rag.ON_TRACK],
    [S.PROPOSED, 0, null],
    [S.CANCELLED, 10, null],
  ])('%s at %s%% → %s', (status, percentComplete, expected) => {
    expect(rag({ ...plan, status, percentComplete }, today)).toBe(expected);
  });

  it('is off track once late, whatever the percent', () => {
    expect(rag({ ...plan, status: S.IN_PROGRESS, percentComplete: 99 }, '2026-04-12')).toBe(Rag.OFF_TRACK);
  });
});

describe('reporting progress', () => {
  const now = new Date('2026-03-01T09:00:00Z');
  const started = {
    ...proposeInitiative(
      {
        code: 'X-1',
        titleAr: 'مبادرة',
        axis: Axis.OVERSIGHT,
        plannedStart: '2026-01-01',
        plannedEnd: '2026-12-31',
        targets: [{ kpi: 'visits', unit: 'count', targetValue: 100 }],
      },
      null,
      { id: '01a2161d-2e3e-7e9d-bb1c-a9dd3cc48716', node: 'riyadh', by: 'e', now },
    ).data.state,
    status: S.IN_PROGRESS,
  };
  const acting = { id: '01a2161d-2e3e-7e9d-bb1c-a9dd3cc48720', node: 'riyadh', by: 'e', now };

  it('records the report and moves the initiative to the new percent', () => {
    const { event, report } = reportProgress(started, { percentComplete: 35, kpiActuals: [{ kpi: 'visits', value: 30 }], note: 'on plan' }, acting);
    expect(event.type).toBe('mmhub.initiative.progressreported.v1');
    expect(event.data.state).toMatchObject({ percentComplete: 35, version: 2, lastReportedAt: now.toISOString() });
    expect(report).toMatchObject({ initiativeId: started.id, percentComplete: 35, reportedBy: 'e' });
  });

  it.each([-1, 100.5, Number.NaN])('refuses %s percent', (p) => {
    expect(() => reportProgress(started, { percentComplete: p }, acting)).toThrow(/between 0 and 100/);
  });

  it('refuses an unknown KPI and an initiative not in progress', () => {
    expect(() => reportProgress(started, { percentComplete: 1, kpiActuals: [{ kpi: 'other', value: 1 }] }, acting)).toThrow(
      /not one of this initiative's KPIs/,
    );
    try {
      reportProgress({ ...started, status: S.APPROVED }, { percentComplete: 1 }, acting);
      throw new Error('no error');
    } catch (e) {
      expect((e as DomainError).code).toBe('INVALID_TRANSITION');
    }
  });

  it.each([
    [S.APPROVED, ['IN_PROGRESS', 'SUSPENDED', 'CANCELLED'], 'Start it first.', 'معتمدة. ابدأ تنفيذها أولاً.'],
    [S.SUSPENDED, ['APPROVED', 'IN_PROGRESS', 'CANCELLED'], 'Resume it first.', 'معلّقة. استأنف تنفيذها أولاً.'],
    [S.COMPLETED, [], 'Its progress can no longer change.', 'مكتملة. لم يعد إنجازها قابلاً للتحديث.'],
  ])('refuses progress on an initiative %s as its other refusals of a status do, saying what to do', (status, allowed, en, ar) => {
    const refused = (() => {
      try {
        reportProgress({ ...started, status }, { percentComplete: 1 }, acting);
      } catch (e) {
        return e as DomainError;
      }
    })();
    expect(refused?.code).toBe('INVALID_TRANSITION');
    expect(refused?.details).toEqual({ from: status, allowed, status });
    expect(refused?.text.en).toContain(en);
    expect(refused?.text.ar).toContain(ar);
  });
});
