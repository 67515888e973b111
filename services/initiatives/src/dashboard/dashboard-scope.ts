import { Axis, MINISTRY, SECTOR_NODES, badInput } from '../../../kernel/src/domain';
import { NODE_CODE } from '../../../kernel/src/config';

/**
 * What a sector dashboard covers. Its id is the contract between the subgraphs that add to
 * `SectorDashboard`: `sector-dashboard`, then `?axis=A,B&node=a,b` when filtered, axes in their
 * declared order and nodes in the sector's. The calendar and media services read the same form.
 */
export interface DashboardScope {
  id: string;
  /** The nodes asked for; empty means every node the view knows. */
  nodes: string[];
  /** The axes asked for; empty means all of them. */
  axes: Axis[];
}

const PREFIX = 'sector-dashboard';
const MAX_NODES = 100;
const AXES = Object.values(Axis);

const sectorRank = (code: string) => {
  const i = SECTOR_NODES.findIndex((n) => n.code === code);
  return i < 0 ? SECTOR_NODES.length : i;
};

/** The sector's order (the ministry first, then the municipalities as listed), unknown codes after it by code. */
export const bySectorOrder = (a: string, b: string): number => sectorRank(a) - sectorRank(b) || a.localeCompare(b);

function validNodes(field: string, nodes: readonly string[]): string[] {
  if (nodes.length > MAX_NODES) throw badInput(field, { en: `At most ${MAX_NODES} nodes.`, ar: `الحد الأقصى ${MAX_NODES} عقدة.` });
  nodes.forEach((n, i) => {
    if (!NODE_CODE.test(n))
      throw badInput(`${field}.${i}`, { en: `"${n}" is not a node code such as riyadh or ministry.`, ar: `"${n}" ليس رمز عقدة مثل riyadh أو ministry.` });
  });
  return [...new Set(nodes)].sort(bySectorOrder);
}

function validAxes(field: string, axes: readonly string[]): Axis[] {
  axes.forEach((a, i) => {
    if (!AXES.includes(a as Axis)) throw badInput(`${field}.${i}`, { en: `Unknown axis "${a}".`, ar: `المحور "${a}" غير معروف.` });
  });
  return AXES.filter((a) => axes.includes(a));
}

function withId(nodes: string[], axes: Axis[]): DashboardScope {
  const params = [axes.length ? `axis=${axes.join(',')}` : '', nodes.length ? `node=${nodes.join(',')}` : ''].filter(Boolean).join('&');
  return { id: params ? `${PREFIX}?${params}` : PREFIX, nodes, axes };
}

/** The scope of a filter as asked: codes checked, each once, in a stable order. */
export function dashboardScope(filter: { node?: readonly string[] | null; axis?: readonly string[] | null } | null | undefined): DashboardScope {
  return withId(validNodes('filter.node', filter?.node ?? []), validAxes('filter.axis', filter?.axis ?? []));
}

/** The scope a dashboard id stands for. */
export function scopeOfDashboardId(id: string): DashboardScope {
  const [prefix, query, ...rest] = id.split('?');
  const refuse = () => badInput('id', { en: `"${id}" is not a sector dashboard id.`, ar: `"${id}" ليس معرّف لوحة قطاع.` });
  if (prefix !== PREFIX || rest.length) throw refuse();
  const params = new URLSearchParams(query ?? '');
  if ([...params.keys()].some((k) => k !== 'axis' && k !== 'node')) throw refuse();
  const list = (k: string) => (params.get(k) ?? '').split(',').filter(Boolean);
  return withId(validNodes('id', list('node')), validAxes('id', list('axis')));
}

/**
 * The nodes a per-node block lists: those asked for; otherwise the nodes the view knows — at the
 * hub the whole sector, at a municipality itself and the ministry — and any other node its rows name.
 */
export function nodesInView(scope: DashboardScope, view: { role: 'hub' | 'municipality'; node: string }, present: Iterable<string>): string[] {
  if (scope.nodes.length) return scope.nodes;
  const known = view.role === 'hub' ? SECTOR_NODES.map((n) => n.code) : [MINISTRY, view.node];
  return [...new Set([...known, ...present])].sort(bySectorOrder);
}
