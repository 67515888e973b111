import type { TestNode } from '../support/node';

const HIJRI = '{ year month day ar en }';
export const CAMPAIGN_FIELDS = `id node scope titleAr titleEn axis audiences channels startsAt endsAt status sequence version initiativeIds
  createdAt updatedAt startsAtHijri ${HIJRI} endsAtHijri ${HIJRI} createdAtHijri ${HIJRI} updatedAtHijri ${HIJRI}`;
export const ENTRY_FIELDS = `id node kind titleAr titleEn descriptionAr location axis campaignId allDay startsAt endsAt startDate endDate status sequence version
  occasionCode occasionHijriYear createdAt updatedAt startDateHijri ${HIJRI} endDateHijri ${HIJRI} startsAtHijri ${HIJRI} endsAtHijri ${HIJRI}
  createdAtHijri ${HIJRI} updatedAtHijri ${HIJRI}`;
export const CLASH_FIELDS = `kind node axis audiences reasonAr reasonEn overlapFrom overlapTo overlapFromHijri ${HIJRI} overlapToHijri ${HIJRI}
  campaign { id node } otherCampaign { id node } occasion { id node occasionCode }`;
// axis and status have different types on the two members of CalendarItem: GraphQL wants aliases
const ENTRY_IN_UNION = ENTRY_FIELDS.replace(' axis ', ' entryAxis: axis ').replace(' status ', ' entryStatus: status ');
const PAYLOAD = `{ campaign { ${CAMPAIGN_FIELDS} } warnings { ${CLASH_FIELDS} } }`;

export const DRAFT = `mutation Draft($input: DraftCampaignInput!) { draftCampaign(input: $input) ${PAYLOAD} }`;
export const SCHEDULE = `mutation Schedule($id: ID!, $version: Int!, $period: PeriodInput) { scheduleCampaign(id: $id, version: $version, period: $period) ${PAYLOAD} }`;
export const RESCHEDULE = `mutation Reschedule($id: ID!, $version: Int!, $period: PeriodInput!) { rescheduleCampaign(id: $id, version: $version, period: $period) ${PAYLOAD} }`;
export const CANCEL = `mutation Cancel($id: ID!, $version: Int!, $reason: String) { cancelCampaign(id: $id, version: $version, reason: $reason) ${PAYLOAD} }`;
export const CHANGE_STATUS = `mutation Status($id: ID!, $version: Int!, $status: CampaignStatus!) { changeCampaignStatus(id: $id, version: $version, status: $status) ${PAYLOAD} }`;
export const UPDATE = `mutation Update($id: ID!, $version: Int!, $input: UpdateCampaignInput!) { updateCampaign(id: $id, version: $version, input: $input) ${PAYLOAD} }`;
export const ADD_ENTRY = `mutation Add($input: AddCalendarEntryInput!) { addCalendarEntry(input: $input) { ${ENTRY_FIELDS} } }`;
export const MOVE_ENTRY = `mutation Move($id: ID!, $version: Int!, $when: EntryTimeInput!) { moveCalendarEntry(id: $id, version: $version, when: $when) { ${ENTRY_FIELDS} } }`;
export const CANCEL_ENTRY = `mutation CancelEntry($id: ID!, $version: Int!, $reason: String) { cancelCalendarEntry(id: $id, version: $version, reason: $reason) { ${ENTRY_FIELDS} } }`;
export const GENERATE = `mutation Generate($year: Int!) { generateNationalOccasions(hijriYear: $year) { hijriYear added { ${ENTRY_FIELDS} } occasions { ${ENTRY_FIELDS} } } }`;
export const CALENDAR = `query Calendar($range: DateRangeInput, $hijriMonth: HijriMonthInput, $filter: CalendarFilter) {
  calendar(range: $range, hijriMonth: $hijriMonth, filter: $filter) {
    from to fromHijri ${HIJRI} toHijri ${HIJRI}
    items { __typename ... on Campaign { ${CAMPAIGN_FIELDS} } ... on CalendarEntry { ${ENTRY_IN_UNION} } }
  }
}`;
export const CLASHES = `query Clashes($range: DateRangeInput, $hijriMonth: HijriMonthInput, $node: String) {
  clashes(range: $range, hijriMonth: $hijriMonth, node: $node) { ${CLASH_FIELDS} }
}`;

export interface Hijri {
  year: number;
  month: number;
  day: number;
  ar: string;
  en: string;
}
export interface CampaignView {
  id: string;
  node: string;
  status: string;
  version: number;
  sequence: number;
  startsAt: string;
  endsAt: string;
  [k: string]: unknown;
}
export interface ClashView {
  kind: string;
  node: string;
  reasonEn: string;
  reasonAr: string;
  campaign: { id: string; node: string };
  otherCampaign: { id: string; node: string } | null;
  occasion: { id: string; node: string; occasionCode: string | null } | null;
  [k: string]: unknown;
}
export interface CampaignPayload {
  campaign: CampaignView;
  warnings: ClashView[];
}
export interface EntryView {
  id: string;
  node: string;
  version: number;
  sequence: number;
  status: string;
  startDate: string;
  endDate: string;
  startDateHijri: Hijri;
  endDateHijri: Hijri;
  startsAtHijri: Hijri;
  [k: string]: unknown;
}

/** A campaign in Riyadh time from day `from` to the midnight after day `to`. */
export function campaignInput(from: string, to: string, overrides: Record<string, unknown> = {}) {
  const next = new Date(Date.parse(`${to}T00:00:00Z`) + 86400_000).toISOString().slice(0, 10);
  return {
    titleAr: 'حملة التوعية بسلامة الغذاء',
    titleEn: 'Food safety awareness',
    axis: 'HEALTH_AWARENESS',
    audiences: ['RESIDENTS', 'FAMILIES'],
    channels: ['X', 'INSTAGRAM'],
    startsAt: `${from}T00:00:00+03:00`,
    endsAt: `${next}T00:00:00+03:00`,
    ...overrides,
  };
}

/** The data of a call that must succeed. */
export async function ok<T = any>(n: TestNode, query: string, variables: Record<string, unknown>, token: string): Promise<T> {
  const r = await n.graphql(query, variables, token);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data as T;
}

export async function draft(n: TestNode, token: string, from: string, to: string, overrides: Record<string, unknown> = {}): Promise<CampaignView> {
  return (await ok<{ draftCampaign: CampaignPayload }>(n, DRAFT, { input: campaignInput(from, to, overrides) }, token)).draftCampaign.campaign;
}

/** Drafts and schedules; returns the scheduled campaign and the warnings scheduling gave. */
export async function scheduled(n: TestNode, token: string, from: string, to: string, overrides: Record<string, unknown> = {}): Promise<CampaignPayload> {
  const c = await draft(n, token, from, to, overrides);
  return (await ok<{ scheduleCampaign: CampaignPayload }>(n, SCHEDULE, { id: c.id, version: c.version }, token)).scheduleCampaign;
}

export async function addEntry(n: TestNode, token: string, input: Record<string, unknown>): Promise<EntryView> {
  return (await ok<{ addCalendarEntry: EntryView }>(n, ADD_ENTRY, { input: { kind: 'EVENT', titleAr: 'فعالية الأمانة', ...input } }, token)).addCalendarEntry;
}

/** Counts of the node's own rows and of its outbox, which every refused call must leave unchanged (replicas may arrive meanwhile). */
export async function counts(n: TestNode) {
  const [row] = await n.sql<{ campaigns: number; entries: number; outbox: number; versions: number }>(
    `select (select count(*)::int from calendar.campaign where node = $1) as campaigns,
            (select count(*)::int from calendar.calendar_entry where node = $1) as entries,
            (select count(*)::int from calendar.outbox) as outbox,
            (select coalesce(sum(version), 0)::int from calendar.campaign where node = $1)
              + (select coalesce(sum(version), 0)::int from calendar.calendar_entry where node = $1) as versions`,
    [n.node],
  );
  return row;
}
