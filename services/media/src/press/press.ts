import { Axis, axisName, hijriOfDay, nodeName, riyadhDate } from '../../../kernel/src';
import type { KpiActualView, TargetView } from '../replication/sources.entity';

/** The initiative facts press material is written from. */
export interface InitiativeFacts {
  node: string;
  code: string;
  titleAr: string;
  titleEn: string | null;
  axis: Axis;
  nationalInitiativeId: string | null;
  status: string;
  plannedStart: string;
  plannedEnd: string;
  targets: TargetView[];
  percentComplete: number;
}

export interface PressText {
  bodyAr: string;
  bodyEn: string;
}

const STATUS: Record<string, { ar: string; en: string }> = {
  PROPOSED: { ar: 'مقترحة', en: 'proposed' },
  APPROVED: { ar: 'معتمدة', en: 'approved' },
  IN_PROGRESS: { ar: 'قيد التنفيذ', en: 'in progress' },
  COMPLETED: { ar: 'مكتملة', en: 'completed' },
  SUSPENDED: { ar: 'معلّقة', en: 'suspended' },
  CANCELLED: { ar: 'ملغاة', en: 'cancelled' },
};

const numberAr = new Intl.NumberFormat('ar-SA', { maximumFractionDigits: 1 });
const numberEn = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const gregorianAr = new Intl.DateTimeFormat('ar-SA-u-ca-gregory', { timeZone: 'Asia/Riyadh', day: 'numeric', month: 'long', year: 'numeric' });
const gregorianEn = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Riyadh', day: 'numeric', month: 'long', year: 'numeric' });
const noon = (day: string) => new Date(`${day}T12:00:00+03:00`);

/** Arabic figures use Arabic-Indic digits, as Saudi press does; English ones Latin digits. */
export const figure = { ar: (n: number) => numberAr.format(n), en: (n: number) => numberEn.format(n) };
export const percent = { ar: (n: number) => `${numberAr.format(n)}٪`, en: (n: number) => `${numberEn.format(n)}%` };

/** A day in both calendars: «٢٤ شعبان ١٤٣٧ هـ الموافق ٣١ مايو ٢٠١٦». */
export const bothCalendars = {
  ar: (day: string) => `${hijriOfDay(day).ar} الموافق ${gregorianAr.format(noon(day))}`,
  en: (day: string) => `${gregorianEn.format(noon(day))} (${hijriOfDay(day).en})`,
};

const ratio = (value: number, target: number) => (target > 0 ? Math.round((value / target) * 1000) / 10 : null);

function targetLines(targets: TargetView[], actuals: KpiActualView[]): { ar: string[]; en: string[] } {
  const actual = new Map(actuals.map((a) => [a.kpi, a.value]));
  const ar: string[] = [];
  const en: string[] = [];
  for (const t of targets) {
    const v = actual.get(t.kpi);
    const r = v == null ? null : ratio(v, t.targetValue);
    ar.push(
      v == null
        ? `- ${t.kpi}: المستهدف ${figure.ar(t.targetValue)} ${t.unit}، ولم تُسجَّل قيمة بعد.`
        : `- ${t.kpi}: تحقق ${figure.ar(v)} من ${figure.ar(t.targetValue)} ${t.unit}${r == null ? '' : ` (${percent.ar(r)})`}.`,
    );
    en.push(
      v == null
        ? `- ${t.kpi}: target ${figure.en(t.targetValue)} ${t.unit}, nothing reported yet.`
        : `- ${t.kpi}: ${figure.en(v)} of ${figure.en(t.targetValue)} ${t.unit}${r == null ? '' : ` (${percent.en(r)})`}.`,
    );
  }
  return { ar, en };
}

/** A press release on one initiative: figures, percentages and dates in both calendars. */
export function pressReleaseText(i: InitiativeFacts, actuals: KpiActualView[], now: Date): PressText {
  const today = riyadhDate(now);
  const owner = nodeName(i.node);
  const axis = axisName(i.axis);
  const status = STATUS[i.status] ?? { ar: i.status, en: i.status };
  const targets = targetLines(i.targets, actuals);
  const bodyAr = [
    `${owner.nameAr} — ${bothCalendars.ar(today)}`,
    `أعلنت ${owner.nameAr} أن نسبة الإنجاز في مبادرة «${i.titleAr}» (${i.code}) ضمن محور ${axis.nameAr} بلغت ${percent.ar(i.percentComplete)}، والمبادرة ${status.ar}.`,
    `تمتد المبادرة من ${bothCalendars.ar(i.plannedStart)} إلى ${bothCalendars.ar(i.plannedEnd)}.`,
    ...(targets.ar.length ? ['المستهدفات:', ...targets.ar] : []),
  ].join('\n');
  const title = i.titleEn ?? i.titleAr;
  const bodyEn = [
    `${owner.nameEn} — ${bothCalendars.en(today)}`,
    `${owner.nameEn} announced that the initiative "${title}" (${i.code}), on the ${axis.nameEn.toLowerCase()} axis, is ${percent.en(i.percentComplete)} complete; it is ${status.en}.`,
    `The initiative runs from ${bothCalendars.en(i.plannedStart)} to ${bothCalendars.en(i.plannedEnd)}.`,
    ...(targets.en.length ? ['Targets:', ...targets.en] : []),
  ].join('\n');
  return { bodyAr, bodyEn };
}

/** Sector figures for media outlets: how many initiatives, where they stand, how far along. */
export function factSheetText(initiatives: InitiativeFacts[], axis: Axis | null, now: Date): PressText {
  const today = riyadhDate(now);
  const live = initiatives.filter((i) => i.status !== 'CANCELLED');
  const count = (s: string) => live.filter((i) => i.status === s).length;
  const completed = count('COMPLETED');
  const inProgress = count('IN_PROGRESS');
  const national = live.filter((i) => i.node === 'ministry' && !i.nationalInitiativeId).length;
  const municipalities = new Set(live.filter((i) => i.node !== 'ministry').map((i) => i.node)).size;
  const underway = live.filter((i) => i.status === 'IN_PROGRESS' || i.status === 'COMPLETED');
  const average = underway.length ? Math.round((underway.reduce((s, i) => s + i.percentComplete, 0) / underway.length) * 10) / 10 : 0;
  const completedShare = live.length ? Math.round((completed / live.length) * 1000) / 10 : 0;
  const scope = axis ? { ar: `محور ${axisName(axis).nameAr}`, en: `the ${axisName(axis).nameEn.toLowerCase()} axis` } : { ar: 'جميع المحاور', en: 'all axes' };
  const bodyAr = [
    `صحيفة حقائق القطاع البلدي (${scope.ar}) — ${bothCalendars.ar(today)}`,
    `عدد المبادرات: ${figure.ar(live.length)}، منها ${figure.ar(national)} مبادرة وطنية، في ${figure.ar(municipalities)} أمانة.`,
    `قيد التنفيذ: ${figure.ar(inProgress)}؛ مكتملة: ${figure.ar(completed)} (${percent.ar(completedShare)} من المبادرات).`,
    `متوسط نسبة الإنجاز في المبادرات الجارية والمكتملة: ${percent.ar(average)}.`,
  ].join('\n');
  const bodyEn = [
    `Municipal sector fact sheet (${scope.en}) — ${bothCalendars.en(today)}`,
    `Initiatives: ${figure.en(live.length)}, of which ${figure.en(national)} national, across ${figure.en(municipalities)} municipalities.`,
    `In progress: ${figure.en(inProgress)}; completed: ${figure.en(completed)} (${percent.en(completedShare)} of initiatives).`,
    `Average completion of initiatives under way or completed: ${percent.en(average)}.`,
  ].join('\n');
  return { bodyAr, bodyEn };
}
