import type { InitiativeState } from '../../services/initiatives/src/initiative/initiative';
import { lateDays, rag, Rag } from '../../services/initiatives/src/initiative/progress';
import { dashboardScope, scopeOfDashboardId, Axis, MINISTRY, SECTOR_NODES, nodeName } from '../../services/kernel/src/domain';
import type { TestGatewayNode } from '../support/node';
import { dataOf, round1, mean, DASHBOARD, startHub, stopHub, seedHub } from './dashboard-fixtures';

describe('the sector dashboard at the hub, through its gateway', () => {
  let hub: TestGatewayNode;
  let viewer: string;
  let ini: Record<string, InitiativeState>;
  let key: Record<string, string>;
  let assessedByMinistry: string;

  beforeAll(async () => {
    hub = await startHub();
    viewer = await hub.token(['viewer']);
    ({ ini, key, assessedByMinistry } = await seedHub(hub));
  }, 120_000);

  afterAll(async () => {
    await stopHub(hub);
  });

  const dashboard = async (filter?: Record<string, unknown>) => dataOf(await hub.graphql(DASHBOARD, { filter }, viewer)).sectorDashboard;

  it('counts initiatives by node × axis × status', async () => {
    const d = await dashboard();
    expect(d.id).toBe('sector-dashboard');
    expect(d.initiativeCounts).toEqual([
      { node: 'riyadh', axis: 'HEALTH_AWARENESS', status: 'PROPOSED', count: 1 },
      { node: 'riyadh', axis: 'E_SERVICES', status: 'IN_PROGRESS', count: 2 },
      { node: 'riyadh', axis: 'E_SERVICES', status: 'COMPLETED', count: 1 },
      { node: 'riyadh', axis: 'INFRASTRUCTURE', status: 'APPROVED', count: 1 },
      { node: 'riyadh', axis: 'INFRASTRUCTURE', status: 'SUSPENDED', count: 1 },
      { node: 'jeddah', axis: 'E_SERVICES', status: 'IN_PROGRESS', count: 1 },
      { node: 'jeddah', axis: 'OVERSIGHT', status: 'IN_PROGRESS', count: 1 },
      { node: 'jeddah', axis: 'OVERSIGHT', status: 'CANCELLED', count: 1 },
    ]);
  });

  it('gives every node of the sector its progress, RAG and lateness, by the rules of Initiative.rag and lateDays', async () => {
    const d = await dashboard();
    const today: string = d.today;
    expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // the hub knows the whole sector, with the names of the sector data
    expect(d.implementationByNode.map((n: any) => n.node)).toEqual(SECTOR_NODES.map((n) => n.code));
    const byNode = Object.fromEntries(d.implementationByNode.map((n: any) => [n.node, n]));
    expect(byNode.riyadh).toMatchObject({ nodeNameAr: 'أمانة منطقة الرياض', nodeNameEn: 'Riyadh Region Municipality' });
    expect(byNode.makkah).toEqual({
      ...byNode.makkah,
      initiatives: 0,
      averageProgress: null,
      rag: { onTrack: 0, atRisk: 0, offTrack: 0, notRated: 0 },
      late: 0,
      averageLateDays: null,
    });

    // by hand, as of the day the dashboard says
    const ragOf = (k: string) => rag(ini[k], today);
    expect(['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'J1', 'J2', 'J3'].map(ragOf)).toEqual([
      Rag.ON_TRACK, // on its way to 2099 and ahead
      Rag.OFF_TRACK, // past its end
      Rag.OFF_TRACK, // approved, nothing done, most of its year gone
      Rag.AT_RISK, // suspended
      null, // proposed
      Rag.ON_TRACK, // completed
      Rag.ON_TRACK, // not started yet
      null, // cancelled
      Rag.OFF_TRACK, // past its end
    ]);
    expect(byNode.riyadh).toEqual({
      node: 'riyadh',
      nodeNameAr: 'أمانة منطقة الرياض',
      nodeNameEn: 'Riyadh Region Municipality',
      initiatives: 6,
      averageProgress: 40, // (60 + 40 + 0 + 0 + 100) / 5 rated
      rag: { onTrack: 2, atRisk: 1, offTrack: 2, notRated: 1 },
      late: 2, // R2 and R5 (a proposal past its planned end is late too)
      averageLateDays: round1(mean([lateDays(ini.R2, today), lateDays(ini.R5, today)])!),
    });
    expect(byNode.jeddah).toEqual({
      node: 'jeddah',
      nodeNameAr: nodeName('jeddah').nameAr,
      nodeNameEn: nodeName('jeddah').nameEn,
      initiatives: 3,
      averageProgress: 57.5, // (35 + 80) / 2
      rag: { onTrack: 1, atRisk: 0, offTrack: 1, notRated: 1 },
      late: 1,
      averageLateDays: lateDays(ini.J3, today),
    });
    expect(lateDays(ini.J3, today)).toBeGreaterThan(0);
  });

  it('ranks the latest assessment of each initiative, equal scores sharing a rank', async () => {
    const d = await dashboard();
    expect(d.integrationRanking.map((r: any) => [r.rank, r.score, r.node, r.initiative.code, r.assessorNode])).toEqual([
      [1, 90, 'jeddah', ini.J1.code, 'jeddah'],
      [1, 90, 'riyadh', ini.R1.code, 'riyadh'],
      [3, 70, 'riyadh', ini.R2.code, 'riyadh'],
      [4, 40, 'jeddah', ini.J3.code, MINISTRY],
    ]);
    expect(d.integrationRanking[3]).toMatchObject({ assessmentId: assessedByMinistry, initiativeId: ini.J3.id, nodeNameAr: nodeName('jeddah').nameAr });
    const top = dataOf(await hub.graphql(`{ sectorDashboard { integrationRanking(first: 2) { rank initiativeId } } }`, {}, viewer)).sectorDashboard;
    expect(top.integrationRanking).toEqual([
      { rank: 1, initiativeId: ini.J1.id },
      { rank: 1, initiativeId: ini.R1.id },
    ]);
  });

  it('counts committed campaigns per Gregorian and per Hijri month and axis', async () => {
    const d = await dashboard();
    const axes = (counts: Partial<Record<Axis, [number, number]>>) =>
      Object.values(Axis).map((axis) => ({ axis, campaigns: counts[axis]?.[0] ?? 0, launched: counts[axis]?.[1] ?? 0 }));
    // C1 10 Feb–5 Mar, C2 19–20 Mar, C4 1 Apr–31 May, C6 15–19 Feb; C3 (draft) and C5 (cancelled) are not committed
    expect(d.campaignsByMonth).toEqual([
      { month: '2026-02', from: '2026-02-01', to: '2026-02-28', campaigns: 2, launched: 2, byAxis: axes({ HEALTH_AWARENESS: [2, 2] }) },
      { month: '2026-03', from: '2026-03-01', to: '2026-03-31', campaigns: 2, launched: 1, byAxis: axes({ HEALTH_AWARENESS: [1, 0], E_SERVICES: [1, 1] }) },
      { month: '2026-04', from: '2026-04-01', to: '2026-04-30', campaigns: 1, launched: 1, byAxis: axes({ INFRASTRUCTURE: [1, 1] }) },
      { month: '2026-05', from: '2026-05-01', to: '2026-05-31', campaigns: 1, launched: 0, byAxis: axes({ INFRASTRUCTURE: [1, 0] }) },
    ]);
    // Sha'ban 1447 ends on 17 Feb, Ramadan on 19 Mar (C2 runs from 30 Ramadan into 1 Shawwal)
    expect(d.campaignsByHijriMonth).toEqual([
      {
        year: 1447,
        month: 8,
        nameAr: 'شعبان',
        nameEn: "Sha'ban",
        from: '2026-01-20',
        to: '2026-02-17',
        campaigns: 2,
        launched: 2,
        byAxis: axes({ HEALTH_AWARENESS: [2, 2] }),
      },
      {
        year: 1447,
        month: 9,
        nameAr: 'رمضان',
        nameEn: 'Ramadan',
        from: '2026-02-18',
        to: '2026-03-19',
        campaigns: 3,
        launched: 1,
        byAxis: axes({ HEALTH_AWARENESS: [2, 0], E_SERVICES: [1, 1] }),
      },
      {
        year: 1447,
        month: 10,
        nameAr: 'شوال',
        nameEn: 'Shawwal',
        from: '2026-03-20',
        to: '2026-04-17',
        campaigns: 2,
        launched: 1,
        byAxis: axes({ E_SERVICES: [1, 0], INFRASTRUCTURE: [1, 1] }),
      },
      {
        year: 1447,
        month: 11,
        nameAr: 'ذو القعدة',
        nameEn: "Dhu al-Qi'dah",
        from: '2026-04-18',
        to: '2026-05-17',
        campaigns: 1,
        launched: 0,
        byAxis: axes({ INFRASTRUCTURE: [1, 0] }),
      },
      {
        year: 1447,
        month: 12,
        nameAr: 'ذو الحجة',
        nameEn: 'Dhu al-Hijjah',
        from: '2026-05-18',
        to: '2026-06-15',
        campaigns: 1,
        launched: 0,
        byAxis: axes({ INFRASTRUCTURE: [1, 0] }),
      },
    ]);
  });

  it('counts messages by channel × status, once per channel variant', async () => {
    const d = await dashboard();
    expect(d.messagesByChannelAndStatus).toEqual([
      { channel: 'X', status: 'DRAFT', messages: 1 }, // M3
      { channel: 'X', status: 'IN_REVIEW', messages: 1 }, // M2
      { channel: 'X', status: 'APPROVED', messages: 2 }, // M6, N1
      { channel: 'X', status: 'PUBLISHED', messages: 1 }, // M1
      { channel: 'X', status: 'ARCHIVED', messages: 1 }, // M5
      { channel: 'INSTAGRAM', status: 'CHANGES_REQUESTED', messages: 1 }, // N3
      { channel: 'INSTAGRAM', status: 'PUBLISHED', messages: 1 }, // M1
      { channel: 'WEBSITE', status: 'ARCHIVED', messages: 1 }, // M4
      { channel: null, status: 'DRAFT', messages: 3 }, // M7, M8, N2: no variant yet
    ]);
  });

  it('rates charter compliance among the messages that went to review, against the blocking rules in force', async () => {
    const d = await dashboard();
    const byNode = Object.fromEntries(d.charterCompliance.map((c: any) => [c.node, c]));
    expect(d.charterCompliance.map((c: any) => c.node)).toEqual(SECTOR_NODES.map((n) => n.code));
    // riyadh: M1, M2, M4, M6 went to review; M2 has the banned term (written مجانيه); the advisory hashtag rule does not count
    expect(byNode.riyadh).toEqual({
      node: 'riyadh',
      nodeNameAr: 'أمانة منطقة الرياض',
      nodeNameEn: 'Riyadh Region Municipality',
      submitted: 4,
      compliant: 3,
      compliancePercent: 75,
    });
    // jeddah: N1 (banned term) and N3
    expect(byNode.jeddah).toMatchObject({ submitted: 2, compliant: 1, compliancePercent: 50 });
    expect(byNode.ministry).toMatchObject({ submitted: 0, compliant: 0, compliancePercent: null });
  });

  it('shows which key messages in force each municipality localised', async () => {
    const d = await dashboard();
    const cov = d.keyMessageCoverage;
    expect(cov.map((c: any) => c.node)).toEqual(SECTOR_NODES.filter((n) => n.code !== MINISTRY).map((n) => n.code));
    const byNode = Object.fromEntries(cov.map((c: any) => [c.node, c]));
    const ids = (list: { id: string }[]) => list.map((k) => k.id);
    // K4 is retired: riyadh's localisation of it does not count
    expect(byNode.riyadh).toMatchObject({ keyMessages: 3, localised: 2, coveragePercent: 66.7 });
    expect(ids(byNode.riyadh.localisedKeyMessages)).toEqual([key.K1, key.K3]);
    expect(ids(byNode.riyadh.missingKeyMessages)).toEqual([key.K2]);
    expect(byNode.jeddah).toMatchObject({ keyMessages: 3, localised: 1, coveragePercent: 33.3 });
    expect(ids(byNode.jeddah.localisedKeyMessages)).toEqual([key.K2]);
    expect(byNode.tabuk).toMatchObject({ keyMessages: 3, localised: 0, coveragePercent: 0, localisedKeyMessages: [] });
  });

  it('narrows every block to the nodes and axes asked for', async () => {
    const d = await dashboard({ node: ['jeddah', 'riyadh'], axis: ['E_SERVICES'] });
    expect(d).toMatchObject({ id: 'sector-dashboard?axis=E_SERVICES&node=riyadh,jeddah', nodes: ['riyadh', 'jeddah'], axes: ['E_SERVICES'] });
    expect(d.initiativeCounts).toEqual([
      { node: 'riyadh', axis: 'E_SERVICES', status: 'IN_PROGRESS', count: 2 },
      { node: 'riyadh', axis: 'E_SERVICES', status: 'COMPLETED', count: 1 },
      { node: 'jeddah', axis: 'E_SERVICES', status: 'IN_PROGRESS', count: 1 },
    ]);
    expect(d.implementationByNode.map((n: any) => [n.node, n.initiatives, n.averageProgress, n.rag, n.late])).toEqual([
      ['riyadh', 3, round1((60 + 40 + 100) / 3), { onTrack: 2, atRisk: 0, offTrack: 1, notRated: 0 }, 1],
      ['jeddah', 1, 35, { onTrack: 1, atRisk: 0, offTrack: 0, notRated: 0 }, 0],
    ]);
    expect(d.integrationRanking.map((r: any) => [r.rank, r.initiativeId])).toEqual([
      [1, ini.J1.id],
      [1, ini.R1.id],
      [3, ini.R2.id],
    ]);
    // only C2 is on E_SERVICES: March, and Ramadan into Shawwal
    expect(d.campaignsByMonth).toEqual([
      { month: '2026-03', from: '2026-03-01', to: '2026-03-31', campaigns: 1, launched: 1, byAxis: [{ axis: 'E_SERVICES', campaigns: 1, launched: 1 }] },
    ]);
    expect(d.campaignsByHijriMonth.map((m: any) => [m.year, m.month, m.campaigns, m.launched])).toEqual([
      [1447, 9, 1, 1],
      [1447, 10, 1, 0],
    ]);
    // a message's axis is its campaign's (M1: C2), else its initiative's (M2: R3, infrastructure), else its key message's (M6: K1, M8: K4)
    expect(d.messagesByChannelAndStatus).toEqual([
      { channel: 'X', status: 'APPROVED', messages: 1 },
      { channel: 'X', status: 'PUBLISHED', messages: 1 },
      { channel: 'INSTAGRAM', status: 'PUBLISHED', messages: 1 },
      { channel: null, status: 'DRAFT', messages: 1 },
    ]);
    expect(d.charterCompliance.map((c: any) => [c.node, c.submitted, c.compliant, c.compliancePercent])).toEqual([
      ['riyadh', 2, 2, 100],
      ['jeddah', 0, 0, null],
    ]);
    expect(d.keyMessageCoverage.map((c: any) => [c.node, c.keyMessages, c.localised, c.coveragePercent])).toEqual([
      ['riyadh', 1, 1, 100],
      ['jeddah', 1, 0, 0],
    ]);
  });

  it('refuses a node code or axis it cannot read, naming the field', async () => {
    const r = await hub.graphql(`{ sectorDashboard(filter: { node: ["Riyadh; drop"] }) { id } }`, {}, viewer);
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.node.0' });
    const bad = await hub.graphql(`{ sectorDashboard(filter: { axis: [SPORTS] }) { id } }`, {}, viewer);
    expect(bad.errors?.length).toBeGreaterThan(0);
  });

  it('is read by every role, and by no one without a token', async () => {
    const analyst = await hub.token(['analyst'], 'jeddah');
    expect(dataOf(await hub.graphql(`{ sectorDashboard { id } }`, {}, analyst)).sectorDashboard.id).toBe('sector-dashboard');
    const anonymous = await hub.graphql(`{ sectorDashboard { id } }`);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('has ids the calendar and media services read as the initiatives service writes them', () => {
    for (const f of [null, { node: ['riyadh', 'zz-new'] }, { axis: [Axis.OVERSIGHT, Axis.E_SERVICES] }, { node: ['jeddah'], axis: [Axis.INFRASTRUCTURE] }]) {
      const scope = dashboardScope(f);
      expect(scopeOfDashboardId(scope.id)).toEqual(scope);
    }
  });
});
