import { isLocalDate } from '../../../kernel/src/domain';
import { InitiativeStatus } from './initiative';
import { RAG_RULE, Rag } from './progress';

const S = InitiativeStatus;
/** Enum values written into SQL: they come from the code, never from a caller. */
export const lit = (...values: string[]): string => values.map((v) => `'${v}'`).join(', ');

/** A calendar day as an SQL date literal; only a valid YYYY-MM-DD is ever written. */
export function sqlDate(day: string): string {
  if (!isLocalDate(day)) throw new Error(`not a calendar day: ${day}`);
  return `date '${day}'`;
}

/** `lateDays` of ./progress.ts in SQL, over an initiative row `alias`; `today` is an SQL date expression. */
export const lateDaysSql = (alias: string, today: string): string =>
  `(case when ${alias}.status in (${lit(S.COMPLETED, S.CANCELLED)}) then 0 else greatest(0, ${today} - ${alias}.planned_end) end)`;

/** `expectedProgress` of ./progress.ts in SQL (rounded half up to one decimal, as Math.round does). */
export const expectedProgressSql = (alias: string, today: string): string => `(case
    when ${today} < ${alias}.planned_start then 0::float8
    when ${today} >= ${alias}.planned_end then 100::float8
    else floor((${today} - ${alias}.planned_start)::float8 / (${alias}.planned_end - ${alias}.planned_start)::float8 * 1000 + 0.5) / 10
  end)`;

/**
 * `rag` of ./progress.ts in SQL, with the same rule and tolerances, so that the inventory filters
 * and the dashboard counts by it in the database; null while proposed or cancelled. The tests of
 * both check it against `rag`.
 */
export const ragSql = (alias: string, today: string): string => `(case
    when ${alias}.status in (${lit(S.PROPOSED, S.CANCELLED)}) then null
    when ${alias}.status = ${lit(S.COMPLETED)} then ${lit(Rag.ON_TRACK)}
    when ${today} > ${alias}.planned_end then ${lit(Rag.OFF_TRACK)}
    when ${expectedProgressSql(alias, today)} - ${alias}.percent_complete > ${RAG_RULE.offTrackFrom} then ${lit(Rag.OFF_TRACK)}
    when ${expectedProgressSql(alias, today)} - ${alias}.percent_complete > ${RAG_RULE.atRiskFrom} or ${alias}.status = ${lit(S.SUSPENDED)} then ${lit(Rag.AT_RISK)}
    else ${lit(Rag.ON_TRACK)}
  end)`;
