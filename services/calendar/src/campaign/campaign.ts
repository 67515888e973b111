import {
  type Acting,
  AUDIENCES,
  Axis,
  badInput,
  closedTo,
  CHANNELS,
  isUuid,
  Lifecycle,
  MINISTRY,
  type NamedCode,
  optionalText,
  requireChange,
  requiredText,
} from '../../../kernel/src/domain';
import { eventType, type DomainEvent } from '../../../kernel/src/events';
import { samePeriod, validPeriod, type Period } from '../period/period';

export enum CampaignStatus {
  DRAFT = 'DRAFT',
  SCHEDULED = 'SCHEDULED',
  LIVE = 'LIVE',
  DONE = 'DONE',
  CANCELLED = 'CANCELLED',
}

export enum CampaignScope {
  NATIONAL = 'NATIONAL',
  LOCAL = 'LOCAL',
}

const S = CampaignStatus;
export const campaignLifecycle = new Lifecycle<CampaignStatus>('campaign', {
  DRAFT: [S.SCHEDULED, S.CANCELLED],
  SCHEDULED: [S.LIVE, S.CANCELLED],
  LIVE: [S.DONE, S.CANCELLED],
  DONE: [],
  CANCELLED: [],
});

/** Statuses a campaign is committed in: these take part in clash detection and the iCalendar feed. */
export const COMMITTED: readonly CampaignStatus[] = [S.SCHEDULED, S.LIVE, S.DONE];

const STATUS_VERB: Record<CampaignStatus, string> = {
  DRAFT: 'drafted',
  SCHEDULED: 'scheduled',
  LIVE: 'launched',
  DONE: 'completed',
  CANCELLED: 'cancelled',
};

/** The ministry's campaigns are national; a municipality's are local. */
export const scopeOf = (node: string): CampaignScope => (node === MINISTRY ? CampaignScope.NATIONAL : CampaignScope.LOCAL);

export interface CampaignState {
  id: string;
  node: string;
  titleAr: string;
  titleEn: string | null;
  descriptionAr: string | null;
  descriptionEn: string | null;
  axis: Axis;
  audiences: string[];
  channels: string[];
  startsAt: string;
  endsAt: string;
  initiativeIds: string[];
  status: CampaignStatus;
  /** iCalendar SEQUENCE: grows on every change of time and on cancellation. */
  sequence: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface CampaignFields {
  titleAr: string;
  titleEn?: string | null;
  descriptionAr?: string | null;
  descriptionEn?: string | null;
  axis: Axis;
  audiences: string[];
  channels: string[];
  initiativeIds?: string[] | null;
}

export interface DraftCampaign extends CampaignFields, Period {}

/** Who changes a campaign or an entry, and when: where is always the owner's node. */
export type Actor = Pick<Acting, 'by' | 'now'>;

export type CampaignEvent = DomainEvent<{ state: CampaignState; change: Record<string, unknown> }>;

const L = {
  titleAr: { en: 'The Arabic title', ar: 'العنوان العربي' },
  titleEn: { en: 'The English title', ar: 'العنوان الإنجليزي' },
  descriptionAr: { en: 'The Arabic description', ar: 'الوصف العربي' },
  descriptionEn: { en: 'The English description', ar: 'الوصف الإنجليزي' },
  reason: { en: 'The reason', ar: 'السبب' },
};

export const MAX_CAMPAIGN_DAYS = 731;
export const MAX_INITIATIVES = 50;

/** Codes from a list kept as data (audiences, channels): known, at least one, each once, in the data's order. */
export function validCodes(field: string, given: string[] | null | undefined, known: readonly NamedCode[], label: { en: string; ar: string }): string[] {
  const list = (given ?? []).map((c) => c.trim().toUpperCase());
  if (!list.length) throw badInput(field, { en: `Give at least one ${label.en}.`, ar: `حدّد ${label.ar} واحداً على الأقل.` });
  list.forEach((c, i) => {
    if (!known.some((k) => k.code === c)) {
      throw badInput(`${field}.${i}`, {
        en: `Unknown ${label.en} "${given![i]}". Known: ${known.map((k) => k.code).join(', ')}.`,
        ar: `${label.ar} "${given![i]}" غير معروف. المعروف: ${known.map((k) => k.code).join('، ')}.`,
      });
    }
  });
  return known.map((k) => k.code).filter((c) => list.includes(c));
}

export const validAudiences = (a: string[] | null | undefined, field = 'audiences') => validCodes(field, a, AUDIENCES, { en: 'audience', ar: 'جمهور' });
export const validChannels = (c: string[] | null | undefined, field = 'channels') => validCodes(field, c, CHANNELS, { en: 'channel', ar: 'قناة' });

export function validAxis(axis: Axis, field = 'axis'): Axis {
  if (!Object.values(Axis).includes(axis)) throw badInput(field, { en: `Unknown axis "${axis}".`, ar: `المحور "${axis}" غير معروف.` });
  return axis;
}

function validInitiativeIds(ids: string[] | null | undefined): string[] {
  const list = [...new Set(ids ?? [])];
  if (list.length > MAX_INITIATIVES) {
    throw badInput('initiativeIds', { en: `At most ${MAX_INITIATIVES} initiatives.`, ar: `الحد الأقصى ${MAX_INITIATIVES} مبادرة.` });
  }
  list.forEach((id, i) => {
    if (!isUuid(id)) throw badInput(`initiativeIds.${i}`, { en: `"${id}" is not an initiative id.`, ar: `"${id}" ليس معرّف مبادرة صالحاً.` });
  });
  return list.map((id) => id.toLowerCase());
}

function validFields(f: CampaignFields) {
  return {
    titleAr: requiredText('titleAr', f.titleAr, { label: L.titleAr, max: 300, arabic: true }),
    titleEn: optionalText('titleEn', f.titleEn, { label: L.titleEn, max: 300 }),
    descriptionAr: optionalText('descriptionAr', f.descriptionAr, { label: L.descriptionAr, max: 5000, multiline: true }),
    descriptionEn: optionalText('descriptionEn', f.descriptionEn, { label: L.descriptionEn, max: 5000, multiline: true }),
    axis: validAxis(f.axis),
    audiences: validAudiences(f.audiences),
    channels: validChannels(f.channels),
    initiativeIds: validInitiativeIds(f.initiativeIds),
  };
}

const validCampaignPeriod = (p: Period) => validPeriod(p, MAX_CAMPAIGN_DAYS);
const periodOf = (s: CampaignState): Period => ({ startsAt: new Date(s.startsAt), endsAt: new Date(s.endsAt) });

function requireOpen(s: CampaignState, doing: { en: string; ar: string }): void {
  if (campaignLifecycle.isFinal(s.status)) {
    throw closedTo(
      {
        en: `A ${s.status.toLowerCase()} campaign can no longer be ${doing.en}.`,
        ar: `لا يمكن ${doing.ar} حملة ${s.status === S.DONE ? 'منتهية' : 'ملغاة'}.`,
      },
      s.status,
    );
  }
}

function next(s: CampaignState, a: Actor, patch: Partial<CampaignState>): CampaignState {
  return { ...s, ...patch, version: s.version + 1, updatedAt: a.now.toISOString() };
}

function event(verb: string, state: CampaignState, change: Record<string, unknown>): CampaignEvent {
  return { type: eventType('campaign', verb), subject: state.id, aggregateVersion: state.version, data: { state, change } };
}

/** Drafts a campaign at the acting node: national when the ministry drafts it, local otherwise. */
export function draftCampaign(cmd: DraftCampaign, a: Acting): CampaignEvent {
  const fields = validFields(cmd);
  const p = validCampaignPeriod(cmd);
  const now = a.now.toISOString();
  const state: CampaignState = {
    id: a.id,
    node: a.node,
    ...fields,
    startsAt: p.startsAt.toISOString(),
    endsAt: p.endsAt.toISOString(),
    status: S.DRAFT,
    sequence: 0,
    createdBy: a.by,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  return event('drafted', state, { ...state });
}

const EDITABLE = ['titleAr', 'titleEn', 'descriptionAr', 'descriptionEn', 'axis', 'audiences', 'channels', 'initiativeIds'] as const;

/** Changes what the campaign says and whom it addresses; its time changes only by rescheduling. */
export function updateCampaign(s: CampaignState, patch: Partial<CampaignFields>, a: Actor): CampaignEvent {
  requireOpen(s, { en: 'edited', ar: 'تعديل' });
  const merged: CampaignFields = { ...s };
  for (const k of EDITABLE) if (patch[k] !== undefined) (merged as unknown as Record<string, unknown>)[k] = patch[k];
  const fields = validFields(merged);
  const change: Record<string, { from: unknown; to: unknown }> = {};
  for (const k of EDITABLE) if (JSON.stringify(s[k]) !== JSON.stringify(fields[k])) change[k] = { from: s[k], to: fields[k] };
  requireChange(change);
  return event('updated', next(s, a, fields), change);
}

/** Commits a draft to its period (or to a new one given here). */
export function scheduleCampaign(s: CampaignState, period: Period | null | undefined, a: Actor): CampaignEvent {
  campaignLifecycle.assert(s.status, S.SCHEDULED);
  const from = periodOf(s);
  const to = period ? validCampaignPeriod(period) : from;
  const moved = !samePeriod(from, to);
  const state = next(s, a, {
    status: S.SCHEDULED,
    startsAt: to.startsAt.toISOString(),
    endsAt: to.endsAt.toISOString(),
    sequence: s.sequence + (moved ? 1 : 0),
  });
  const change: Record<string, unknown> = { status: { from: s.status, to: S.SCHEDULED }, by: a.by };
  if (moved) change.period = { from: { startsAt: s.startsAt, endsAt: s.endsAt }, to: { startsAt: state.startsAt, endsAt: state.endsAt } };
  return event('scheduled', state, change);
}

/** Moves the campaign's period; refused once it is done or cancelled. */
export function rescheduleCampaign(s: CampaignState, period: Period, a: Actor): CampaignEvent {
  requireOpen(s, { en: 'rescheduled', ar: 'إعادة جدولة' });
  const to = validCampaignPeriod(period);
  if (samePeriod(periodOf(s), to)) {
    throw badInput('period', { en: 'The new period is the campaign’s current period.', ar: 'الفترة الجديدة هي فترة الحملة الحالية.' });
  }
  const state = next(s, a, { startsAt: to.startsAt.toISOString(), endsAt: to.endsAt.toISOString(), sequence: s.sequence + 1 });
  return event('rescheduled', state, {
    period: { from: { startsAt: s.startsAt, endsAt: s.endsAt }, to: { startsAt: state.startsAt, endsAt: state.endsAt } },
    by: a.by,
  });
}

/** Moves the campaign along its lifecycle; an illegal move is INVALID_TRANSITION. */
export function changeCampaignStatus(s: CampaignState, to: CampaignStatus, reason: string | null | undefined, a: Actor): CampaignEvent {
  campaignLifecycle.assert(s.status, to);
  const why = optionalText('reason', reason, { label: L.reason, max: 1000, multiline: true });
  // a cancellation is a change calendar clients must pick up, as a change of time is
  const state = next(s, a, { status: to, sequence: s.sequence + (to === S.CANCELLED ? 1 : 0) });
  return event(STATUS_VERB[to], state, { status: { from: s.status, to }, reason: why, by: a.by });
}
