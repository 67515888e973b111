import type { Call, Gateway } from './graphql';
import type { SeedDays } from './days';
import { type Status, type InitiativeSeed, PLANS, NOTES, CRITERIA, type ASSESSMENTS } from './initiatives.data';

export interface SeededInitiative {
  id: string;
  node: string;
  version: number;
  seed: InitiativeSeed;
}

/** Proposes one node's initiatives, a week apart so that the catalogue does not look made in a day. */
export async function proposeInitiatives(
  editor: Gateway,
  node: string,
  list: InitiativeSeed[],
  days: SeedDays,
  codeOf: (s: InitiativeSeed, i: number) => string,
  parents: Map<string, SeededInitiative>,
): Promise<SeededInitiative[]> {
  const proposed = await editor.mutate<{ id: string; version: number }>(
    list.map((s, i) => {
      const plan = PLANS[s.plan];
      const shift = -7 * (i % 3);
      return {
        field: 'proposeInitiative',
        args: {
          input: {
            type: 'ProposeInitiativeInput!',
            value: {
              code: codeOf(s, i),
              titleAr: s.titleAr,
              titleEn: s.titleEn,
              descriptionAr: s.descriptionAr,
              descriptionEn: s.descriptionEn,
              axis: s.axis,
              nationalInitiativeId: s.parent ? parents.get(s.parent)?.id : undefined,
              plannedStart: days.day(plan.start + shift),
              plannedEnd: days.day(plan.end + shift),
              targets: s.targets,
            },
          },
        },
      };
    }),
  );
  return list.map((seed, i) => ({ id: proposed[i].id, node, version: proposed[i].version, seed }));
}

/** Takes each initiative along its lifecycle to where its plan says it stands, reporting progress on the way; returns the reports made. */
export async function advanceInitiatives(editor: Gateway, initiatives: SeededInitiative[]): Promise<number> {
  const calls: Call[] = [];
  for (const i of initiatives) {
    const plan = PLANS[i.seed.plan];
    // each change is the initiative's next version
    const at = () => ({ id: { type: 'ID!', value: i.id }, version: { type: 'Int!', value: i.version++ } });
    const status = (to: Status, reason?: string) =>
      calls.push({
        field: 'changeInitiativeStatus',
        args: { ...at(), status: { type: 'InitiativeStatus!', value: to }, ...(reason ? { reason: { type: 'String', value: reason } } : {}) },
      });
    for (const to of plan.path) status(to);
    plan.reports.forEach((percent, n) =>
      calls.push({
        field: 'reportProgress',
        args: {
          initiativeId: { type: 'ID!', value: i.id },
          version: { type: 'Int', value: i.version++ },
          input: {
            type: 'ProgressReportInput!',
            value: {
              percentComplete: percent,
              kpiActuals: i.seed.targets.map((t) => ({ kpi: t.kpi, value: Math.round((t.targetValue * percent) / 100) })),
              note: NOTES[i.seed.plan]?.[n] ?? null,
            },
          },
        },
        select: 'id',
      }),
    );
    if (plan.last) status(plan.last, plan.reason);
  }
  await editor.mutate(calls);
  return initiatives.reduce((n, i) => n + PLANS[i.seed.plan].reports.length, 0);
}

/** The ministry's criteria; returns their ids in the order of CRITERIA. */
export async function seedCriteria(admin: Gateway): Promise<string[]> {
  const made = await admin.mutate<{ id: string }>(
    CRITERIA.map((c) => ({ field: 'defineIntegrationCriterion', args: { input: { type: 'DefineIntegrationCriterionInput!', value: c } }, select: 'id' })),
  );
  return made.map((c) => c.id);
}

/** Scores initiatives against every criterion, as the reviewer given. */
export async function seedAssessments(
  reviewer: Gateway,
  which: typeof ASSESSMENTS,
  initiatives: Map<string, SeededInitiative>,
  criteria: string[],
): Promise<number> {
  await reviewer.mutate(
    which.map((a) => ({
      field: 'assessInitiative',
      args: {
        initiativeId: { type: 'ID!', value: initiatives.get(a.initiative)!.id },
        input: { type: 'AssessInitiativeInput!', value: { scores: criteria.map((criterionId, i) => ({ criterionId, score: a.scores[i] })), note: a.note } },
      },
      select: 'id',
    })),
  );
  return which.length;
}
