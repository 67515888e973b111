import { Axis, DomainError } from '../../../kernel/src/domain';
import { CampaignStatus } from '../campaign/campaign';
import { addCalendarEntry, CalendarEntryKind, cancelCalendarEntry, entryDays, moveCalendarEntry, type AddCalendarEntry } from './calendar-entry';

const now = new Date('2026-01-10T09:00:00Z');
const acting = { id: '01a2161d-2e3e-7e9d-bb1c-a9dd3cc48716', node: 'riyadh', by: 'editor-1', now };
const actor = { by: 'editor-1', now };
const campaignId = '01a2161d-2e3e-7e9d-bb1c-a9dd3cc48799';
const conference: AddCalendarEntry = {
  kind: CalendarEntryKind.PRESS_CONFERENCE,
  titleAr: 'مؤتمر صحفي لإطلاق الحملة',
  location: 'مقر الأمانة',
  when: { startsAt: new Date('2026-03-01T10:00:00+03:00'), endsAt: new Date('2026-03-01T11:30:00+03:00') },
};

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof DomainError ? `${e.code}:${String(e.details.field ?? '')}` : `OTHER:${(e as Error).message}`;
  }
  return undefined;
}

describe('adding a calendar entry', () => {
  it('adds a timed entry, CONFIRMED at version 1', () => {
    const e = addCalendarEntry(conference, null, acting);
    expect(e.type).toBe('mmhub.calendarentry.added.v1');
    expect(e.data.state).toMatchObject({
      allDay: false,
      status: 'CONFIRMED',
      startsAt: '2026-03-01T07:00:00.000Z',
      endsAt: '2026-03-01T08:30:00.000Z',
      sequence: 0,
      version: 1,
    });
  });

  it('adds whole days from midnight to midnight in Riyadh, the last day included', () => {
    const e = addCalendarEntry({ ...conference, kind: CalendarEntryKind.EVENT, when: { startDate: '2026-03-01', endDate: '2026-03-03' } }, null, acting);
    expect(e.data.state).toMatchObject({ allDay: true, startsAt: '2026-02-28T21:00:00.000Z', endsAt: '2026-03-03T21:00:00.000Z' });
    expect(entryDays({ startsAt: new Date(e.data.state.startsAt), endsAt: new Date(e.data.state.endsAt) })).toEqual({
      startDate: '2026-03-01',
      endDate: '2026-03-03',
    });
  });

  it('takes the axis of its campaign unless it has its own', () => {
    const campaign = { id: campaignId, node: 'riyadh', axis: Axis.OVERSIGHT, status: CampaignStatus.SCHEDULED };
    expect(addCalendarEntry({ ...conference, campaignId }, campaign, acting).data.state).toMatchObject({ axis: 'OVERSIGHT', campaignId });
    expect(addCalendarEntry({ ...conference, campaignId, axis: Axis.E_SERVICES }, campaign, acting).data.state.axis).toBe('E_SERVICES');
  });

  it.each([
    ['both kinds of time', { when: { startsAt: new Date(), endsAt: new Date(), startDate: '2026-03-01' } }, 'BAD_USER_INPUT:when'],
    ['no time', { when: {} }, 'BAD_USER_INPUT:when'],
    ['a start without an end', { when: { startsAt: new Date('2026-03-01T10:00:00+03:00') } }, 'BAD_USER_INPUT:when.endsAt'],
    [
      'an end before the start',
      { when: { startsAt: new Date('2026-03-01T10:00:00+03:00'), endsAt: new Date('2026-03-01T09:00:00+03:00') } },
      'BAD_USER_INPUT:when.endsAt',
    ],
    ['a last day before the first', { when: { startDate: '2026-03-05', endDate: '2026-03-01' } }, 'BAD_USER_INPUT:when.endDate'],
    ['an impossible day', { when: { startDate: '2026-02-30' } }, 'BAD_USER_INPUT:when.startDate'],
    ['an unknown kind', { kind: 'PARTY' as CalendarEntryKind }, 'BAD_USER_INPUT:kind'],
    ['an English-only title', { titleAr: 'Press conference' }, 'BAD_USER_INPUT:titleAr'],
  ])('refuses %s', (_what, patch, code) => {
    expect(codeOf(() => addCalendarEntry({ ...conference, ...patch } as AddCalendarEntry, null, acting))).toBe(code);
  });

  it('names only a visible campaign of its own node or the ministry’s, never a cancelled one', () => {
    const with_ =
      (node: string, status = CampaignStatus.SCHEDULED) =>
      () =>
        addCalendarEntry({ ...conference, campaignId }, { id: campaignId, node, axis: Axis.OVERSIGHT, status }, acting);
    expect(codeOf(with_('ministry'))).toBeUndefined();
    expect(codeOf(with_('jeddah'))).toBe('BAD_USER_INPUT:campaignId');
    expect(codeOf(with_('riyadh', CampaignStatus.CANCELLED))).toBe('BAD_USER_INPUT:campaignId');
    expect(codeOf(() => addCalendarEntry({ ...conference, campaignId }, null, acting))).toBe('BAD_USER_INPUT:campaignId');
  });
});

describe('moving and cancelling an entry', () => {
  const entry = addCalendarEntry(conference, null, acting).data.state;

  it('moves to whole days, growing the sequence', () => {
    const e = moveCalendarEntry(entry, { startDate: '2026-03-02' }, actor);
    expect(e.type).toBe('mmhub.calendarentry.moved.v1');
    expect(e.data.state).toMatchObject({ allDay: true, sequence: 1, version: 2, startsAt: '2026-03-01T21:00:00.000Z', endsAt: '2026-03-02T21:00:00.000Z' });
  });

  it('refuses a move to the same time and moving a cancelled entry', () => {
    expect(codeOf(() => moveCalendarEntry(entry, conference.when, actor))).toBe('BAD_USER_INPUT:when');
    const cancelled = cancelCalendarEntry(entry, 'weather', actor).data.state;
    expect(codeOf(() => moveCalendarEntry(cancelled, { startDate: '2026-03-02' }, actor))).toBe('INVALID_TRANSITION:');
  });

  it('cancels once: it stays, marked, with a grown sequence', () => {
    const e = cancelCalendarEntry(entry, 'weather', actor);
    expect(e.type).toBe('mmhub.calendarentry.cancelled.v1');
    expect(e.data.state).toMatchObject({ status: 'CANCELLED', sequence: 1, version: 2 });
    expect(e.data.change).toMatchObject({ reason: 'weather' });
    expect(codeOf(() => cancelCalendarEntry(e.data.state, null, actor))).toBe('INVALID_TRANSITION:');
  });
});
