import { Axis, badInput } from '../../../kernel/src/domain';
import { NODE_CODE } from '../../../kernel/src/config';

/** What a sector dashboard covers: its nodes (none: all) and axes (none: all). */
export interface DashboardScope {
  id: string;
  nodes: string[];
  axes: Axis[];
}

const PREFIX = 'sector-dashboard';
const AXES = Object.values(Axis);

/**
 * The scope of a `SectorDashboard` id, as the initiatives service writes it (it owns the query):
 * `sector-dashboard`, then `?axis=A,B&node=a,b` when filtered.
 */
export function scopeOfDashboardId(id: string): DashboardScope {
  const refuse = () => badInput('id', { en: `"${id}" is not a sector dashboard id.`, ar: `"${id}" ليس معرّف لوحة قطاع.` });
  const [prefix, query, ...rest] = id.split('?');
  if (prefix !== PREFIX || rest.length) throw refuse();
  const params = new URLSearchParams(query ?? '');
  if ([...params.keys()].some((k) => k !== 'axis' && k !== 'node')) throw refuse();
  const list = (k: string) => (params.get(k) ?? '').split(',').filter(Boolean);
  const nodes = list('node');
  const axes = list('axis');
  if (nodes.some((n) => !NODE_CODE.test(n)) || axes.some((a) => !AXES.includes(a as Axis))) throw refuse();
  return { id, nodes, axes: axes as Axis[] };
}
