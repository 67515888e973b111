import { Axis, SECTOR_NODES } from '../../../kernel/src/domain';
import { dashboardScope, nodesInView, scopeOfDashboardId } from './dashboard-scope';

describe('the scope of a sector dashboard', () => {
  it('has one id per filter, whatever the order and repetitions asked', () => {
    const a = dashboardScope({ node: ['riyadh', 'jeddah', 'riyadh', 'zz-new'], axis: [Axis.OVERSIGHT, Axis.E_SERVICES] });
    const b = dashboardScope({ axis: [Axis.E_SERVICES, Axis.OVERSIGHT, Axis.OVERSIGHT], node: ['zz-new', 'jeddah', 'riyadh'] });
    expect(a).toEqual(b);
    // nodes in the sector's order (riyadh before jeddah), unknown codes after; axes in declared order
    expect(a).toEqual({
      id: 'sector-dashboard?axis=E_SERVICES,OVERSIGHT&node=riyadh,jeddah,zz-new',
      nodes: ['riyadh', 'jeddah', 'zz-new'],
      axes: [Axis.E_SERVICES, Axis.OVERSIGHT],
    });
    expect(dashboardScope(null)).toEqual({ id: 'sector-dashboard', nodes: [], axes: [] });
    expect(dashboardScope({ node: ['ministry'] }).id).toBe('sector-dashboard?node=ministry');
  });

  it('reads back from its id', () => {
    for (const f of [
      null,
      { node: ['jeddah'] },
      { axis: [Axis.INFRASTRUCTURE] },
      { node: ['riyadh', 'jeddah'], axis: [Axis.HEALTH_AWARENESS, Axis.E_SERVICES] },
    ]) {
      const scope = dashboardScope(f);
      expect(scopeOfDashboardId(scope.id)).toEqual(scope);
    }
  });

  it('refuses node codes, axes and ids it does not know', () => {
    expect(() => dashboardScope({ node: ['Riyadh!'] })).toThrow(/not a node code/);
    expect(() => dashboardScope({ axis: ['SPORTS' as Axis] })).toThrow(/Unknown axis "SPORTS"/);
    expect(() => dashboardScope({ node: Array.from({ length: 101 }, (_, i) => `n${i}`) })).toThrow(/At most 100 nodes/);
    for (const id of ['dashboard', 'sector-dashboard?city=riyadh', 'sector-dashboard?node=a%2Cb?x', 'sector-dashboard?axis=NOPE']) {
      expect(() => scopeOfDashboardId(id)).toThrow();
    }
  });

  it('lists the whole sector at the hub, itself and the ministry at a municipality, and any other node seen', () => {
    const all = dashboardScope(null);
    expect(nodesInView(all, { role: 'hub', node: 'ministry' }, ['zz-new', 'jeddah'])).toEqual([...SECTOR_NODES.map((n) => n.code), 'zz-new']);
    expect(nodesInView(all, { role: 'municipality', node: 'jeddah' }, [])).toEqual(['ministry', 'jeddah']);
    expect(nodesInView(dashboardScope({ node: ['jeddah'] }), { role: 'hub', node: 'ministry' }, ['riyadh'])).toEqual(['jeddah']);
  });
});
