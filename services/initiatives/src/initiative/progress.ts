import { DomainError, badInput, boundedNumber, daysBetween, optionalText, riyadhDate, type Acting } from '../../../kernel/src/domain';
import { eventType } from '../../../kernel/src/events';
import { InitiativeStatus, initiativeLifecycle, initiativeStatusWords, type InitiativeEvent, type InitiativeState } from './initiative';

export enum Rag {
  ON_TRACK = 'ON_TRACK',
  AT_RISK = 'AT_RISK',
  OFF_TRACK = 'OFF_TRACK',
}

/** The tolerances of the RAG rule, in percentage points behind the expected progress. */
export const RAG_RULE = { atRiskFrom: 10, offTrackFrom: 25 } as const;

/**
 * Progress expected by `today` if work advanced evenly from the planned start to the planned end:
 * 0 before the start, 100 from the end on.
 */
export function expectedProgress(plannedStart: string, plannedEnd: string, today: string): number {
  if (today < plannedStart) return 0;
  if (today >= plannedEnd) return 100;
  const total = daysBetween(plannedStart, plannedEnd);
  return Math.round((daysBetween(plannedStart, today) / total) * 1000) / 10;
}

/** Days past the planned end of an initiative that is not finished; 0 otherwise. */
export function lateDays(s: Pick<InitiativeState, 'status' | 'plannedEnd'>, today: string): number {
  if (s.status === InitiativeStatus.COMPLETED || s.status === InitiativeStatus.CANCELLED) return 0;
  return Math.max(0, daysBetween(s.plannedEnd, today));
}

/**
 * The RAG status. Not rated: PROPOSED and CANCELLED. COMPLETED is on track. Otherwise:
 * late (past the planned end, not completed) → off track; behind the expected progress by
 * more than 25 points → off track; by more than 10 points, or suspended → at risk; else on track.
 */
export function rag(s: Pick<InitiativeState, 'status' | 'plannedStart' | 'plannedEnd' | 'percentComplete'>, today: string): Rag | null {
  if (s.status === InitiativeStatus.PROPOSED || s.status === InitiativeStatus.CANCELLED) return null;
  if (s.status === InitiativeStatus.COMPLETED) return Rag.ON_TRACK;
  if (lateDays(s, today) > 0) return Rag.OFF_TRACK;
  const behind = expectedProgress(s.plannedStart, s.plannedEnd, today) - s.percentComplete;
  if (behind > RAG_RULE.offTrackFrom) return Rag.OFF_TRACK;
  if (behind > RAG_RULE.atRiskFrom || s.status === InitiativeStatus.SUSPENDED) return Rag.AT_RISK;
  return Rag.ON_TRACK;
}

export const todayInRiyadh = (now: Date): string => riyadhDate(now);

export interface KpiActual {
  kpi: string;
  value: number;
}

export interface ProgressReportState {
  id: string;
  initiativeId: string;
  node: string;
  percentComplete: number;
  kpiActuals: KpiActual[];
  note: string | null;
  reportedAt: string;
  reportedBy: string;
}

export interface ReportProgress {
  percentComplete: number;
  kpiActuals?: KpiActual[] | null;
  note?: string | null;
}

/** Progress is reported only while the work is under way: what to do instead depends on where the initiative is. */
function notUnderWay(status: InitiativeStatus): DomainError {
  const is = initiativeStatusWords[status];
  const next = initiativeLifecycle.isFinal(status)
    ? { en: 'Its progress can no longer change.', ar: 'لم يعد إنجازها قابلاً للتحديث.' }
    : status === InitiativeStatus.PROPOSED
      ? { en: 'Approve it and start it first.', ar: 'اعتمدها ثم ابدأ تنفيذها أولاً.' }
      : status === InitiativeStatus.SUSPENDED
        ? { en: 'Resume it first.', ar: 'استأنف تنفيذها أولاً.' }
        : { en: 'Start it first.', ar: 'ابدأ تنفيذها أولاً.' };
  return new DomainError(
    'INVALID_TRANSITION',
    {
      en: `Progress is reported only on an initiative in progress; this one is ${is.en}. ${next.en}`,
      ar: `يُسجَّل الإنجاز فقط لمبادرة قيد التنفيذ؛ هذه المبادرة ${is.ar}. ${next.ar}`,
    },
    { from: status, allowed: initiativeLifecycle.allowed(status), status },
  );
}

/** Records implementation progress on an initiative under way. */
export function reportProgress(state: InitiativeState, cmd: ReportProgress, a: Acting): { event: InitiativeEvent; report: ProgressReportState } {
  if (state.status !== InitiativeStatus.IN_PROGRESS) throw notUnderWay(state.status);
  const percent = boundedNumber('percentComplete', cmd.percentComplete, 0, 100, { en: 'Percent complete', ar: 'نسبة الإنجاز' });
  const kpis = new Map(state.targets.map((t) => [t.kpi, t]));
  const kpiActuals = (cmd.kpiActuals ?? []).map((k, i) => {
    if (!kpis.has(k.kpi)) {
      throw badInput(`kpiActuals.${i}.kpi`, {
        en: `"${k.kpi}" is not one of this initiative's KPIs (${[...kpis.keys()].join(', ') || 'none defined'}).`,
        ar: `"${k.kpi}" ليس من مؤشرات هذه المبادرة.`,
      });
    }
    return { kpi: k.kpi, value: boundedNumber(`kpiActuals.${i}.value`, k.value, -1e12, 1e12, { en: 'The KPI value', ar: 'قيمة المؤشر' }) };
  });
  const reportedAt = a.now.toISOString();
  const report: ProgressReportState = {
    id: a.id,
    initiativeId: state.id,
    node: state.node,
    percentComplete: percent,
    kpiActuals,
    note: optionalText('note', cmd.note, { label: { en: 'The note', ar: 'الملاحظة' }, max: 2000, multiline: true }),
    reportedAt,
    reportedBy: a.by,
  };
  const next: InitiativeState = { ...state, percentComplete: percent, lastReportedAt: reportedAt, updatedAt: reportedAt, version: state.version + 1 };
  return {
    report,
    event: { type: eventType('initiative', 'progressreported'), subject: state.id, aggregateVersion: next.version, data: { state: next, change: { report } } },
  };
}
