import {
  type Axis,
  Lifecycle,
  MINISTRY,
  badInput,
  closedTo,
  localDate,
  optionalText,
  period,
  requiredText,
  riyadhDate,
  type Acting,
} from '../../../kernel/src/domain';
import { eventType, type DomainEvent } from '../../../kernel/src/events';
import { CampaignStatus, validAxis, type Actor } from '../campaign/campaign';
import { addDays, dayStart, lastDay, samePeriod, validPeriod, type Period } from '../period/period';

export enum CalendarEntryKind {
  CAMPAIGN_LAUNCH = 'CAMPAIGN_LAUNCH',
  EVENT = 'EVENT',
  OCCASION = 'OCCASION',
  MILESTONE = 'MILESTONE',
  PRESS_CONFERENCE = 'PRESS_CONFERENCE',
}

/** The names iCalendar CATEGORIES and readable texts use for each kind. */
export const KIND_NAMES: Record<CalendarEntryKind, { en: string; ar: string }> = {
  CAMPAIGN_LAUNCH: { en: 'Campaign launch', ar: 'إطلاق حملة' },
  EVENT: { en: 'Event', ar: 'فعالية' },
  OCCASION: { en: 'Occasion', ar: 'مناسبة' },
  MILESTONE: { en: 'Milestone', ar: 'مرحلة' },
  PRESS_CONFERENCE: { en: 'Press conference', ar: 'مؤتمر صحفي' },
};

/** iCalendar's own words: a cancelled entry stays in the calendar, marked. */
export enum CalendarEntryStatus {
  CONFIRMED = 'CONFIRMED',
  CANCELLED = 'CANCELLED',
}

const S = CalendarEntryStatus;
export const entryLifecycle = new Lifecycle<CalendarEntryStatus>('calendar entry', {
  CONFIRMED: [S.CANCELLED],
  CANCELLED: [],
});

export interface CalendarEntryState {
  id: string;
  node: string;
  kind: CalendarEntryKind;
  titleAr: string;
  titleEn: string | null;
  descriptionAr: string | null;
  descriptionEn: string | null;
  location: string | null;
  axis: Axis | null;
  campaignId: string | null;
  allDay: boolean;
  /** For all-day entries: midnight in Riyadh of the first day. */
  startsAt: string;
  /** Excluded; for all-day entries: midnight in Riyadh after the last day. */
  endsAt: string;
  status: CalendarEntryStatus;
  /** Set on the national occasions the ministry generates: which one, and for which Hijri year. */
  occasionCode: string | null;
  occasionHijriYear: number | null;
  /** iCalendar SEQUENCE: grows on every change of time and on cancellation. */
  sequence: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** When an entry happens: a start and an end, or whole days (the end day included). */
export interface EntryTime {
  startsAt?: Date | null;
  endsAt?: Date | null;
  startDate?: string | null;
  endDate?: string | null;
}

export interface AddCalendarEntry {
  kind: CalendarEntryKind;
  titleAr: string;
  titleEn?: string | null;
  descriptionAr?: string | null;
  descriptionEn?: string | null;
  location?: string | null;
  axis?: Axis | null;
  campaignId?: string | null;
  when: EntryTime;
}

/** The campaign an entry names, as found in this node's database. */
export interface LinkedCampaign {
  id: string;
  node: string;
  axis: Axis;
  status: CampaignStatus;
}

export interface NationalOccasionMark {
  code: string;
  hijriYear: number;
}

export type CalendarEntryEvent = DomainEvent<{ state: CalendarEntryState; change: Record<string, unknown> }>;

export const MAX_ENTRY_DAYS = 366;

const L = {
  titleAr: { en: 'The Arabic title', ar: 'العنوان العربي' },
  titleEn: { en: 'The English title', ar: 'العنوان الإنجليزي' },
  descriptionAr: { en: 'The Arabic description', ar: 'الوصف العربي' },
  descriptionEn: { en: 'The English description', ar: 'الوصف الإنجليزي' },
  location: { en: 'The location', ar: 'المكان' },
  startDate: { en: 'The first day', ar: 'اليوم الأول' },
  endDate: { en: 'The last day', ar: 'اليوم الأخير' },
  reason: { en: 'The reason', ar: 'السبب' },
};

/** Reads an entry's time: exactly one of a timed period or whole days. */
export function entryTime(w: EntryTime): { allDay: boolean } & Period {
  const timed = w.startsAt != null || w.endsAt != null;
  const days = w.startDate != null || w.endDate != null;
  if (timed === days) {
    throw badInput('when', {
      en: 'Give either startsAt and endsAt, or startDate (and endDate) for whole days.',
      ar: 'حدّد إما وقت البداية والنهاية، وإما اليوم الأول (واليوم الأخير) لمناسبة تستغرق أياماً كاملة.',
    });
  }
  if (timed) {
    if (!w.startsAt) throw badInput('when.startsAt', { en: 'The start is required.', ar: 'البداية مطلوبة.' });
    if (!w.endsAt) throw badInput('when.endsAt', { en: 'The end is required.', ar: 'النهاية مطلوبة.' });
    return { allDay: false, ...validPeriod({ startsAt: w.startsAt, endsAt: w.endsAt }, MAX_ENTRY_DAYS, { start: 'when.startsAt', end: 'when.endsAt' }) };
  }
  if (!w.startDate) throw badInput('when.startDate', { en: 'The first day is required.', ar: 'اليوم الأول مطلوب.' });
  const from = localDate('when.startDate', w.startDate, L.startDate);
  const to = w.endDate ? localDate('when.endDate', w.endDate, L.endDate) : from;
  period('when.startDate', from, 'when.endDate', to);
  return {
    allDay: true,
    ...validPeriod({ startsAt: dayStart(from), endsAt: dayStart(addDays(to, 1)) }, MAX_ENTRY_DAYS, { start: 'when.startDate', end: 'when.endDate' }),
  };
}

/** An entry may belong to a campaign of its own node, or to a national one; never to a cancelled one. */
function validCampaign(node: string, id: string | null | undefined, campaign: LinkedCampaign | null): LinkedCampaign | null {
  if (!id) return null;
  if (!campaign) throw badInput('campaignId', { en: `No campaign with id ${id}.`, ar: `لا توجد حملة بالمعرّف ${id}.` });
  if (campaign.node !== node && campaign.node !== MINISTRY) {
    throw badInput('campaignId', {
      en: `The campaign belongs to ${campaign.node}; an entry of ${node} can name only its own or national campaigns.`,
      ar: `الحملة تتبع ${campaign.node}؛ ولا يمكن لمناسبات ${node} أن ترتبط إلا بحملاتها أو بالحملات الوطنية.`,
    });
  }
  if (campaign.status === CampaignStatus.CANCELLED) {
    throw badInput('campaignId', { en: 'The campaign is cancelled.', ar: 'الحملة ملغاة.' });
  }
  return campaign;
}

/** Adds an entry at the acting node; one of a campaign takes the campaign's axis unless given its own. */
export function addCalendarEntry(cmd: AddCalendarEntry, campaign: LinkedCampaign | null, a: Acting, occasion?: NationalOccasionMark): CalendarEntryEvent {
  if (!Object.values(CalendarEntryKind).includes(cmd.kind)) {
    throw badInput('kind', { en: `Unknown kind "${cmd.kind}".`, ar: `النوع "${cmd.kind}" غير معروف.` });
  }
  const linked = validCampaign(a.node, cmd.campaignId, campaign);
  const time = entryTime(cmd.when);
  const now = a.now.toISOString();
  const state: CalendarEntryState = {
    id: a.id,
    node: a.node,
    kind: cmd.kind,
    titleAr: requiredText('titleAr', cmd.titleAr, { label: L.titleAr, max: 300, arabic: true }),
    titleEn: optionalText('titleEn', cmd.titleEn, { label: L.titleEn, max: 300 }),
    descriptionAr: optionalText('descriptionAr', cmd.descriptionAr, { label: L.descriptionAr, max: 5000, multiline: true }),
    descriptionEn: optionalText('descriptionEn', cmd.descriptionEn, { label: L.descriptionEn, max: 5000, multiline: true }),
    location: optionalText('location', cmd.location, { label: L.location, max: 300 }),
    axis: cmd.axis ? validAxis(cmd.axis) : (linked?.axis ?? null),
    campaignId: linked?.id ?? null,
    allDay: time.allDay,
    startsAt: time.startsAt.toISOString(),
    endsAt: time.endsAt.toISOString(),
    status: S.CONFIRMED,
    occasionCode: occasion?.code ?? null,
    occasionHijriYear: occasion?.hijriYear ?? null,
    sequence: 0,
    createdBy: a.by,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  return {
    type: eventType('calendarentry', 'added'),
    subject: state.id,
    aggregateVersion: 1,
    data: { state, change: occasion ? { ...state, occasion } : { ...state } },
  };
}

const timeOf = (s: CalendarEntryState) => ({ allDay: s.allDay, startsAt: s.startsAt, endsAt: s.endsAt });

/** Moves an entry to a new time (timed or whole days); a cancelled entry stays where it was. */
export function moveCalendarEntry(s: CalendarEntryState, when: EntryTime, a: Actor): CalendarEntryEvent {
  if (s.status === S.CANCELLED) {
    throw closedTo({ en: 'A cancelled entry can no longer be moved.', ar: 'لا يمكن نقل مناسبة ملغاة.' }, s.status);
  }
  const time = entryTime(when);
  if (time.allDay === s.allDay && samePeriod(time, { startsAt: new Date(s.startsAt), endsAt: new Date(s.endsAt) })) {
    throw badInput('when', { en: 'The entry is already at that time.', ar: 'المناسبة في هذا الوقت أصلاً.' });
  }
  const state: CalendarEntryState = {
    ...s,
    allDay: time.allDay,
    startsAt: time.startsAt.toISOString(),
    endsAt: time.endsAt.toISOString(),
    sequence: s.sequence + 1,
    version: s.version + 1,
    updatedAt: a.now.toISOString(),
  };
  return {
    type: eventType('calendarentry', 'moved'),
    subject: s.id,
    aggregateVersion: state.version,
    data: { state, change: { time: { from: timeOf(s), to: timeOf(state) }, by: a.by } },
  };
}

/** Cancels an entry; it stays visible, marked cancelled. */
export function cancelCalendarEntry(s: CalendarEntryState, reason: string | null | undefined, a: Actor): CalendarEntryEvent {
  entryLifecycle.assert(s.status, S.CANCELLED);
  const why = optionalText('reason', reason, { label: L.reason, max: 1000, multiline: true });
  const state: CalendarEntryState = { ...s, status: S.CANCELLED, sequence: s.sequence + 1, version: s.version + 1, updatedAt: a.now.toISOString() };
  return {
    type: eventType('calendarentry', 'cancelled'),
    subject: s.id,
    aggregateVersion: state.version,
    data: { state, change: { status: { from: s.status, to: S.CANCELLED }, reason: why, by: a.by } },
  };
}

/** The Riyadh days an all-day entry covers, the last one included. */
export const entryDays = (s: { startsAt: Date; endsAt: Date }) => ({ startDate: riyadhDate(s.startsAt), endDate: lastDay(s.endsAt) });
