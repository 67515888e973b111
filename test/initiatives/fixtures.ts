import { randomBytes } from 'node:crypto';
import type { GraphQLResult, TestNode } from '../support/node';

export const PROPOSE = `mutation Propose($input: ProposeInitiativeInput!) {
  proposeInitiative(input: $input) { id node code titleAr status version axis plannedStart plannedEnd percentComplete }
}`;

export const code = (prefix = 'T'): string => `${prefix}-${randomBytes(4).toString('hex').toUpperCase()}`;

export function proposal(overrides: Record<string, unknown> = {}) {
  return {
    code: code(),
    titleAr: 'بوابة الأمانة الرقمية',
    titleEn: 'The municipality digital portal',
    axis: 'E_SERVICES',
    plannedStart: '2026-01-01',
    plannedEnd: '2026-12-31',
    targets: [{ kpi: 'services online', unit: 'count', targetValue: 40 }],
    ...overrides,
  };
}

/** Proposes an initiative as an editor of the node; returns it. */
export async function propose(n: TestNode, overrides: Record<string, unknown> = {}, token?: string) {
  const t = token ?? (await n.token(['editor']));
  const r = await n.graphql(PROPOSE, { input: proposal(overrides) }, t);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!.proposeInitiative as { id: string; code: string; version: number; node: string };
}

/** Row counts of the node's own records, which every refused call must leave unchanged. */
export async function counts(n: TestNode) {
  const [row] = await n.sql<{ initiatives: number; reports: number; criteria: number; assessments: number; outbox: number }>(
    // copies of other nodes' records arrive from Kafka at any time: only the node's own are counted
    `select (select count(*)::int from initiatives.initiative where node = $1) as initiatives,
            (select count(*)::int from initiatives.progress_report where node = $1) as reports,
            (select count(*)::int from initiatives.integration_criterion where node = $1) as criteria,
            (select count(*)::int from initiatives.integration_assessment where node = $1) as assessments,
            (select count(*)::int from initiatives.outbox) as outbox`,
    [n.node],
  );
  return row;
}

/**
 * Every row the node owns, whole, table by table: a refused call must leave each one as it was
 * (version, updated_at, title, status...), not just their number. Copies of other nodes' records,
 * the inbox and the journal change at any time as events arrive, and an outbox row's sent_at when
 * the relay publishes it: those are left out.
 */
export async function ownRows(n: TestNode): Promise<Record<string, unknown[]>> {
  const own = (table: string) => `(select coalesce(json_agg(t order by t.id), '[]') from initiatives.${table} t where t.node = $1)`;
  const [row] = await n.sql<Record<string, unknown[]>>(
    `select ${own('initiative')} as initiatives,
            ${own('progress_report')} as reports,
            ${own('integration_criterion')} as criteria,
            ${own('integration_assessment')} as assessments,
            (select coalesce(json_agg(json_build_object('id', o.id, 'type', o.type, 'subject', o.subject, 'version', o.aggregate_version, 'data', o.data) order by o.seq), '[]')
               from initiatives.outbox o) as outbox`,
    [n.node],
  );
  return row;
}

/** A GraphQL answer without errors: its data. */
export function ok<T>(r: GraphQLResult<T>): T {
  expect(r.errors).toBeUndefined();
  return r.data!;
}
