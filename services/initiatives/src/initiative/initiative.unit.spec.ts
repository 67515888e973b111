import { Axis, DomainError } from '../../../kernel/src/domain';
import {
  changeInitiativeStatus,
  initiativeLifecycle,
  InitiativeStatus,
  proposeInitiative,
  updateInitiative,
  type InitiativeState,
  type ProposeInitiative,
} from './initiative';

const S = InitiativeStatus;
const now = new Date('2026-03-01T09:00:00Z');
const acting = { id: '01a2161d-2e3e-7e9d-bb1c-a9dd3cc48716', node: 'riyadh', by: 'editor-1', now };
const proposal: ProposeInitiative = {
  code: 'ruh-2026-001',
  titleAr: 'بوابة الخدمات الإلكترونية',
  axis: Axis.E_SERVICES,
  plannedStart: '2026-01-01',
  plannedEnd: '2026-12-31',
  targets: [{ kpi: 'services online', unit: 'count', targetValue: 40 }],
};

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof DomainError ? `${e.code}:${String(e.details.field ?? '')}` : 'OTHER';
  }
  return undefined;
}

const LEGAL: Record<InitiativeStatus, InitiativeStatus[]> = {
  PROPOSED: [S.APPROVED, S.CANCELLED],
  APPROVED: [S.IN_PROGRESS, S.SUSPENDED, S.CANCELLED],
  IN_PROGRESS: [S.COMPLETED, S.SUSPENDED, S.CANCELLED],
  SUSPENDED: [S.APPROVED, S.IN_PROGRESS, S.CANCELLED],
  COMPLETED: [],
  CANCELLED: [],
};

describe('initiative lifecycle', () => {
  const state = (status: InitiativeStatus): InitiativeState => ({ ...proposeInitiative(proposal, null, acting).data.state, status });
  const all = Object.values(S);
  const pairs = all.flatMap((from) => all.map((to) => [from, to] as const));

  it.each(pairs)('%s → %s', (from, to) => {
    const legal = LEGAL[from].includes(to);
    const attempt = () => changeInitiativeStatus(state(from), to, null, { by: 'x', now });
    if (legal) {
      const e = attempt();
      expect(e.data.state.status).toBe(to);
      expect(e.aggregateVersion).toBe(2);
      expect(e.data.change).toMatchObject({ status: { from, to } });
    } else {
      expect(codeOf(attempt)).toBe('INVALID_TRANSITION:');
    }
  });

  it('names the event by what happened', () => {
    expect(changeInitiativeStatus(state(S.PROPOSED), S.APPROVED, null, { by: 'x', now }).type).toBe('mmhub.initiative.approved.v1');
    expect(changeInitiativeStatus(state(S.APPROVED), S.IN_PROGRESS, null, { by: 'x', now }).type).toBe('mmhub.initiative.started.v1');
    expect(changeInitiativeStatus(state(S.SUSPENDED), S.IN_PROGRESS, null, { by: 'x', now }).type).toBe('mmhub.initiative.resumed.v1');
    expect(changeInitiativeStatus(state(S.IN_PROGRESS), S.CANCELLED, null, { by: 'x', now }).type).toBe('mmhub.initiative.cancelled.v1');
  });

  it('says what is allowed when a move is illegal', () => {
    try {
      changeInitiativeStatus(state(S.PROPOSED), S.COMPLETED, null, { by: 'x', now });
      throw new Error('no error');
    } catch (e) {
      expect((e as DomainError).details).toEqual({ from: 'PROPOSED', to: 'COMPLETED', allowed: ['APPROVED', 'CANCELLED'] });
      expect((e as DomainError).text.ar).toContain('PROPOSED');
    }
  });

  it('knows its final states', () => {
    expect(all.filter((s) => initiativeLifecycle.isFinal(s))).toEqual([S.COMPLETED, S.CANCELLED]);
  });
});

describe('proposing an initiative', () => {
  it('starts PROPOSED at version 1, owned by the acting node, code upper-cased', () => {
    const e = proposeInitiative(proposal, null, acting);
    expect(e.type).toBe('mmhub.initiative.proposed.v1');
    expect(e.subject).toBe(acting.id);
    expect(e.data.state).toMatchObject({ node: 'riyadh', code: 'RUH-2026-001', status: 'PROPOSED', version: 1, percentComplete: 0 });
  });

  it.each([
    ['an empty Arabic title', { titleAr: '   ' }, 'BAD_USER_INPUT:titleAr'],
    ['a title without Arabic', { titleAr: 'E-services portal' }, 'BAD_USER_INPUT:titleAr'],
    ['an unknown axis', { axis: 'SPORTS' as Axis }, 'BAD_USER_INPUT:axis'],
    ['an end before the start', { plannedEnd: '2025-12-31' }, 'BAD_USER_INPUT:plannedEnd'],
    ['an impossible date', { plannedStart: '2026-02-30' }, 'BAD_USER_INPUT:plannedStart'],
    ['a bad code', { code: 'رمز' }, 'BAD_USER_INPUT:code'],
    ['control characters', { titleAr: 'مبادرة\u0000' }, 'BAD_USER_INPUT:titleAr'],
    ['a huge title', { titleAr: 'م'.repeat(301) }, 'BAD_USER_INPUT:titleAr'],
    ['a negative target', { targets: [{ kpi: 'k', unit: 'u', targetValue: -1 }] }, 'BAD_USER_INPUT:targets.0.targetValue'],
    [
      'a KPI twice',
      {
        targets: [
          { kpi: 'k', unit: 'u', targetValue: 1 },
          { kpi: 'k', unit: 'u', targetValue: 2 },
        ],
      },
      'BAD_USER_INPUT:targets.1.kpi',
    ],
  ])('refuses %s', (_what, patch, code) => {
    expect(codeOf(() => proposeInitiative({ ...proposal, ...patch }, null, acting))).toBe(code);
  });

  it('rolls up only to a national initiative of the ministry', () => {
    const parentId = '01a2161d-2e3e-7e9d-bb1c-a9dd3cc48799';
    const withParent = { ...proposal, nationalInitiativeId: parentId };
    expect(proposeInitiative(withParent, { id: parentId, node: 'ministry', nationalInitiativeId: null }, acting).data.state.nationalInitiativeId).toBe(
      parentId,
    );
    expect(codeOf(() => proposeInitiative(withParent, { id: parentId, node: 'jeddah', nationalInitiativeId: null }, acting))).toBe(
      'BAD_USER_INPUT:nationalInitiativeId',
    );
    expect(codeOf(() => proposeInitiative(withParent, null, acting))).toBe('BAD_USER_INPUT:nationalInitiativeId');
    expect(codeOf(() => proposeInitiative(withParent, { id: parentId, node: 'ministry', nationalInitiativeId: null }, { ...acting, node: 'ministry' }))).toBe(
      'BAD_USER_INPUT:nationalInitiativeId',
    );
  });
});

describe('updating an initiative', () => {
  const base = proposeInitiative(proposal, null, acting).data.state;

  it('changes only what is given and records what changed', () => {
    const e = updateInitiative(base, { titleEn: 'E-services portal', plannedEnd: '2027-06-30' }, null, { by: 'x', now });
    expect(e.type).toBe('mmhub.initiative.updated.v1');
    expect(e.data.state).toMatchObject({ titleAr: base.titleAr, titleEn: 'E-services portal', plannedEnd: '2027-06-30', version: 2 });
    expect(e.data.change).toEqual({ titleEn: { from: null, to: 'E-services portal' }, plannedEnd: { from: '2026-12-31', to: '2027-06-30' } });
  });

  it('refuses an edit that changes nothing, rather than making a version of it', () => {
    expect(codeOf(() => updateInitiative(base, {}, null, { by: 'x', now }))).toBe('BAD_USER_INPUT:input');
    expect(codeOf(() => updateInitiative(base, { titleAr: base.titleAr }, null, { by: 'x', now }))).toBe('BAD_USER_INPUT:input');
  });

  it('refuses edits of finished initiatives', () => {
    expect(codeOf(() => updateInitiative({ ...base, status: S.CANCELLED }, { titleEn: 'x' }, null, { by: 'x', now }))).toBe('INVALID_TRANSITION:');
  });

  it('validates the merged result', () => {
    expect(codeOf(() => updateInitiative(base, { plannedStart: '2027-01-01' }, null, { by: 'x', now }))).toBe('BAD_USER_INPUT:plannedEnd');
  });
});
