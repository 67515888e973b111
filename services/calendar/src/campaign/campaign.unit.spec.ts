import { Axis, DomainError } from '../../../kernel/src/domain';
import {
  campaignLifecycle,
  CampaignStatus,
  changeCampaignStatus,
  draftCampaign,
  rescheduleCampaign,
  scheduleCampaign,
  scopeOf,
  updateCampaign,
  type CampaignState,
  type DraftCampaign,
} from './campaign';

const S = CampaignStatus;
const now = new Date('2026-01-10T09:00:00Z');
const acting = { id: '01a2161d-2e3e-7e9d-bb1c-a9dd3cc48716', node: 'riyadh', by: 'editor-1', now };
const actor = { by: 'editor-1', now };
const draft: DraftCampaign = {
  titleAr: 'حملة النظافة العامة',
  titleEn: 'Public cleanliness',
  axis: Axis.HEALTH_AWARENESS,
  audiences: ['residents', 'FAMILIES'],
  channels: ['X', 'INSTAGRAM', 'X'],
  startsAt: new Date('2026-03-01T00:00:00+03:00'),
  endsAt: new Date('2026-03-15T00:00:00+03:00'),
};

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof DomainError ? `${e.code}:${String(e.details.field ?? '')}` : `OTHER:${(e as Error).message}`;
  }
  return undefined;
}

const state = (status: CampaignStatus): CampaignState => ({ ...draftCampaign(draft, acting).data.state, status });

describe('drafting a campaign', () => {
  it('starts DRAFT at version 1 and sequence 0, codes upper-cased, deduplicated, in the data’s order', () => {
    const e = draftCampaign(draft, acting);
    expect(e.type).toBe('mmhub.campaign.drafted.v1');
    expect(e.subject).toBe(acting.id);
    expect(e.data.state).toMatchObject({
      node: 'riyadh',
      status: 'DRAFT',
      version: 1,
      sequence: 0,
      audiences: ['RESIDENTS', 'FAMILIES'],
      channels: ['X', 'INSTAGRAM'],
      startsAt: '2026-02-28T21:00:00.000Z',
      endsAt: '2026-03-14T21:00:00.000Z',
    });
  });

  it('is national at the ministry and local elsewhere', () => {
    expect(scopeOf('ministry')).toBe('NATIONAL');
    expect(scopeOf('riyadh')).toBe('LOCAL');
  });

  it.each([
    ['an end before the start', { endsAt: new Date('2026-02-01T00:00:00+03:00') }, 'BAD_USER_INPUT:endsAt'],
    ['an end equal to the start', { endsAt: draft.startsAt }, 'BAD_USER_INPUT:endsAt'],
    ['a period of three years', { endsAt: new Date('2029-03-01T00:00:00+03:00') }, 'BAD_USER_INPUT:endsAt'],
    ['a start in 1990', { startsAt: new Date('1990-01-01T00:00:00Z') }, 'BAD_USER_INPUT:startsAt'],
    ['an unknown axis', { axis: 'SPORTS' as Axis }, 'BAD_USER_INPUT:axis'],
    ['an unknown channel', { channels: ['X', 'FAX'] }, 'BAD_USER_INPUT:channels.1'],
    ['an unknown audience', { audiences: ['ALIENS'] }, 'BAD_USER_INPUT:audiences.0'],
    ['no audience', { audiences: [] }, 'BAD_USER_INPUT:audiences'],
    ['no channel', { channels: [] }, 'BAD_USER_INPUT:channels'],
    ['a title without Arabic', { titleAr: 'Cleanliness' }, 'BAD_USER_INPUT:titleAr'],
    ['an initiative id that is not one', { initiativeIds: ['INIT-1'] }, 'BAD_USER_INPUT:initiativeIds.0'],
  ])('refuses %s', (_what, patch, code) => {
    expect(codeOf(() => draftCampaign({ ...draft, ...patch }, acting))).toBe(code);
  });
});

const LEGAL: Record<CampaignStatus, CampaignStatus[]> = {
  DRAFT: [S.SCHEDULED, S.CANCELLED],
  SCHEDULED: [S.LIVE, S.CANCELLED],
  LIVE: [S.DONE, S.CANCELLED],
  DONE: [],
  CANCELLED: [],
};

describe('campaign lifecycle', () => {
  const all = Object.values(S);
  it.each(all.flatMap((from) => all.map((to) => [from, to] as const)))('%s → %s', (from, to) => {
    const attempt = () => changeCampaignStatus(state(from), to, null, actor);
    if (LEGAL[from].includes(to)) {
      const e = attempt();
      expect(e.data.state).toMatchObject({ status: to, version: 2 });
      expect(e.data.change).toMatchObject({ status: { from, to } });
    } else {
      expect(codeOf(attempt)).toBe('INVALID_TRANSITION:');
    }
  });

  it('names the event by what happened', () => {
    expect(changeCampaignStatus(state(S.DRAFT), S.SCHEDULED, null, actor).type).toBe('mmhub.campaign.scheduled.v1');
    expect(changeCampaignStatus(state(S.SCHEDULED), S.LIVE, null, actor).type).toBe('mmhub.campaign.launched.v1');
    expect(changeCampaignStatus(state(S.LIVE), S.DONE, null, actor).type).toBe('mmhub.campaign.completed.v1');
    expect(changeCampaignStatus(state(S.LIVE), S.CANCELLED, 'budget', actor).type).toBe('mmhub.campaign.cancelled.v1');
  });

  it('grows the sequence on cancellation only', () => {
    expect(changeCampaignStatus(state(S.SCHEDULED), S.LIVE, null, actor).data.state.sequence).toBe(0);
    expect(changeCampaignStatus(state(S.SCHEDULED), S.CANCELLED, null, actor).data.state.sequence).toBe(1);
  });

  it('knows its final states', () => {
    expect(all.filter((s) => campaignLifecycle.isFinal(s))).toEqual([S.DONE, S.CANCELLED]);
  });
});

describe('scheduling and rescheduling', () => {
  const later = { startsAt: new Date('2026-04-01T09:00:00+03:00'), endsAt: new Date('2026-04-20T09:00:00+03:00') };

  it('schedules a draft in its own period without growing the sequence', () => {
    const e = scheduleCampaign(state(S.DRAFT), null, actor);
    expect(e.type).toBe('mmhub.campaign.scheduled.v1');
    expect(e.data.state).toMatchObject({ status: 'SCHEDULED', sequence: 0, startsAt: '2026-02-28T21:00:00.000Z' });
    expect(e.data.change.period).toBeUndefined();
  });

  it('schedules a draft in a new period, growing the sequence', () => {
    const e = scheduleCampaign(state(S.DRAFT), later, actor);
    expect(e.data.state).toMatchObject({ status: 'SCHEDULED', sequence: 1, startsAt: '2026-04-01T06:00:00.000Z' });
    expect(e.data.change.period).toEqual({
      from: { startsAt: '2026-02-28T21:00:00.000Z', endsAt: '2026-03-14T21:00:00.000Z' },
      to: { startsAt: '2026-04-01T06:00:00.000Z', endsAt: '2026-04-20T06:00:00.000Z' },
    });
  });

  it('reschedules, growing the sequence each time', () => {
    const once = rescheduleCampaign(state(S.SCHEDULED), later, actor);
    expect(once.type).toBe('mmhub.campaign.rescheduled.v1');
    expect(once.data.state).toMatchObject({ sequence: 1, version: 2, status: 'SCHEDULED' });
    const twice = rescheduleCampaign(once.data.state, { ...later, endsAt: new Date('2026-04-25T09:00:00+03:00') }, actor);
    expect(twice.data.state).toMatchObject({ sequence: 2, version: 3 });
  });

  it.each([S.CANCELLED, S.DONE])('refuses to reschedule a %s campaign', (status) => {
    expect(codeOf(() => rescheduleCampaign(state(status), later, actor))).toBe('INVALID_TRANSITION:');
  });

  it('refuses a reschedule to the same period and an end before the start', () => {
    expect(codeOf(() => rescheduleCampaign(state(S.SCHEDULED), draft, actor))).toBe('BAD_USER_INPUT:period');
    expect(codeOf(() => rescheduleCampaign(state(S.SCHEDULED), { startsAt: later.endsAt, endsAt: later.startsAt }, actor))).toBe('BAD_USER_INPUT:endsAt');
  });
});

describe('updating a campaign', () => {
  it('changes only what is given and records what changed', () => {
    const e = updateCampaign(state(S.SCHEDULED), { channels: ['SMS'], titleEn: 'Clean city' }, actor);
    expect(e.type).toBe('mmhub.campaign.updated.v1');
    expect(e.data.change).toEqual({ titleEn: { from: 'Public cleanliness', to: 'Clean city' }, channels: { from: ['X', 'INSTAGRAM'], to: ['SMS'] } });
    expect(e.data.state.sequence).toBe(0);
  });

  it('refuses nothing to change, bad codes and finished campaigns', () => {
    expect(codeOf(() => updateCampaign(state(S.DRAFT), { titleEn: 'Public cleanliness' }, actor))).toBe('BAD_USER_INPUT:input');
    expect(codeOf(() => updateCampaign(state(S.DRAFT), { audiences: ['NOBODY'] }, actor))).toBe('BAD_USER_INPUT:audiences.0');
    expect(codeOf(() => updateCampaign(state(S.DONE), { titleEn: 'x' }, actor))).toBe('INVALID_TRANSITION:');
  });
});
