import {
  type Axis,
  NOUNS,
  axisName,
  containsArabic,
  countOf,
  counted,
  figure,
  gregorianDayOf,
  hijriOfDay,
  nodeName,
  normalizeArabic,
  percentage,
  riyadhDate,
  type GrammaticalCase,
  type Noun,
} from '../../../kernel/src/domain';
import type { KpiActualView, TargetView } from '../replication/sources.entity';
import { initiativeStatusWords } from '../../../initiatives/src/initiative/initiative';

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

/** A day in both calendars: «٢٤ شعبان ١٤٣٧ هـ الموافق ٣١ مايو ٢٠١٦ م». */
export const bothCalendars = {
  ar: (day: string) => `${hijriOfDay(day).ar} الموافق ${gregorianDayOf(day, 'ar')}`,
  en: (day: string) => `${gregorianDayOf(day, 'en')} (${hijriOfDay(day).en})`,
};

const ratio = (value: number, target: number) => (target > 0 ? Math.round((value / target) * 1000) / 10 : null);

// units the sector's KPIs are counted in, by their normalised Arabic or English name: counted with the number they follow
const UNIT_NOUNS = new Map<string, Noun>(
  [
    [['حي', 'احياء', 'neighbourhoods', 'neighborhoods', 'districts'], NOUNS.district],
    [['مبادره', 'مبادرات', 'initiatives'], NOUNS.initiative],
    [['خدمه', 'خدمات', 'services'], NOUNS.service],
    [['حديقه', 'حدائق', 'parks', 'gardens'], NOUNS.park],
    [['رخصه', 'رخص', 'permits', 'licences', 'licenses'], NOUNS.permit],
    [['يوم', 'ايام', 'days'], NOUNS.day],
    [['كم', 'كيلومتر', 'كيلومترات', 'km', 'kilometres', 'kilometers'], NOUNS.kilometre],
    [['موقع', 'مواقع', 'sites'], NOUNS.site],
  ].flatMap(([names, noun]) => (names as string[]).map((n) => [n, noun as Noun] as const)),
);
const nounOf = (unit: string | null | undefined): Noun | undefined => (unit ? UNIT_NOUNS.get(normalizeArabic(unit)) : undefined);
const isPercent = (unit: string) => ['%', '٪', 'percent', 'نسبه مئويه'].includes(normalizeArabic(unit));

/**
 * «تحقق ٢٩ من ٨٠ حيًا»: a unit the sector counts in agrees with the target; any other unit, written
 * by whoever set the target, is named beside the KPI, where no number governs it.
 */
function targetLines(targets: TargetView[], actuals: KpiActualView[]): { ar: string[]; en: string[] } {
  const actual = new Map(actuals.map((a) => [a.kpi, a.value]));
  const ar: string[] = [];
  const en: string[] = [];
  targets.forEach((t, i) => {
    const v = actual.get(t.kpi);
    const r = v == null ? null : ratio(v, t.targetValue);
    const percent = isPercent(t.unit);
    const nounAr = nounOf(t.unit);
    const unitEn = t.unitEn ?? (containsArabic(t.unit) ? null : t.unit);
    const nounEn = nounOf(unitEn) ?? nounAr;
    // a percentage is written as one; a unit with a noun agrees with the number; any other is named beside the KPI
    const labelled = !percent && !nounAr;
    const kpiAr = labelled ? `${t.kpi} (${t.unit})` : t.kpi;
    // the English text never carries the Arabic name: a KPI named only in Arabic is numbered
    const nameEn = t.kpiEn ?? (containsArabic(t.kpi) ? `Target ${i + 1}` : t.kpi);
    const kpiEn = percent || nounEn || !unitEn ? nameEn : `${nameEn} (${unitEn})`;
    const amountAr = (n: number, grammaticalCase: GrammaticalCase) =>
      percent ? percentage(n, 'ar') : nounAr ? countOf(n, nounAr, 'ar', grammaticalCase) : figure(n, 'ar');
    const amountEn = (n: number) => (percent ? percentage(n, 'en') : nounEn ? countOf(n, nounEn, 'en') : figure(n, 'en'));
    const share = (lang: 'ar' | 'en') => (r == null || percent ? '' : ` (${percentage(r, lang)})`);
    ar.push(
      v == null
        ? `- ${kpiAr}: المستهدف ${amountAr(t.targetValue, 'nominative')}، ولم تُسجَّل قيمة بعد.`
        : `- ${kpiAr}: تحقق ${percent ? percentage(v, 'ar') : figure(v, 'ar')} من ${amountAr(t.targetValue, 'oblique')}${share('ar')}.`,
    );
    en.push(
      v == null
        ? `- ${kpiEn}: target ${amountEn(t.targetValue)}, nothing reported yet.`
        : `- ${kpiEn}: ${percent ? percentage(v, 'en') : figure(v, 'en')} of ${amountEn(t.targetValue)}${share('en')}.`,
    );
  });
  return { ar, en };
}

/** A press release on one initiative: figures, percentages and dates in both calendars. */
export function pressReleaseText(i: InitiativeFacts, actuals: KpiActualView[], now: Date): PressText {
  const today = riyadhDate(now);
  const owner = nodeName(i.node);
  const axis = axisName(i.axis);
  const status = (initiativeStatusWords as Record<string, { ar: string; en: string } | undefined>)[i.status] ?? { ar: i.status, en: i.status };
  const targets = targetLines(i.targets, actuals);
  const bodyAr = [
    `${owner.nameAr} — ${bothCalendars.ar(today)}`,
    `أعلنت ${owner.nameAr} أن نسبة الإنجاز في مبادرة «${i.titleAr}» (${i.code}) ضمن محور ${axis.nameAr} بلغت ${percentage(i.percentComplete, 'ar')}، والمبادرة ${status.ar}.`,
    `تمتد المبادرة من ${bothCalendars.ar(i.plannedStart)} إلى ${bothCalendars.ar(i.plannedEnd)}.`,
    ...(targets.ar.length ? ['المستهدفات:', ...targets.ar] : []),
  ].join('\n');
  const title = i.titleEn ?? i.titleAr;
  const bodyEn = [
    `${owner.nameEn} — ${bothCalendars.en(today)}`,
    `${owner.nameEn} announced that the initiative "${title}" (${i.code}), on the ${axis.nameEn.toLowerCase()} axis, is ${percentage(i.percentComplete, 'en')} complete; it is ${status.en}.`,
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
  const nationals = counted(national, NOUNS.nationalInitiative);
  const across = counted(municipalities, NOUNS.municipality, 'oblique');
  const bodyAr = [
    `صحيفة حقائق القطاع البلدي (${scope.ar}) — ${bothCalendars.ar(today)}`,
    `عدد المبادرات: ${figure(live.length, 'ar')}، منها ${nationals.ar}، في ${across.ar}.`,
    `قيد التنفيذ: ${figure(inProgress, 'ar')}؛ مكتملة: ${figure(completed, 'ar')} (${percentage(completedShare, 'ar')} من المبادرات).`,
    `متوسط نسبة الإنجاز في المبادرات الجارية والمكتملة: ${percentage(average, 'ar')}.`,
  ].join('\n');
  const bodyEn = [
    `Municipal sector fact sheet (${scope.en}) — ${bothCalendars.en(today)}`,
    `Initiatives: ${figure(live.length, 'en')}, of which ${nationals.en}, across ${across.en}.`,
    `In progress: ${figure(inProgress, 'en')}; completed: ${figure(completed, 'en')} (${percentage(completedShare, 'en')} of initiatives).`,
    `Average completion of initiatives under way or completed: ${percentage(average, 'en')}.`,
  ].join('\n');
  return { bodyAr, bodyEn };
}
