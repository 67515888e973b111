import { MINISTRY, badInput, boundedNumber, optionalText, requiredText, type Acting } from '../../../kernel/src/domain';
import { eventType, type DomainEvent } from '../../../kernel/src/events';

/** A ministry-defined criterion initiatives are scored against (معايير تكامل المبادرات). */
export interface IntegrationCriterionState {
  id: string;
  node: string;
  nameAr: string;
  nameEn: string | null;
  description: string | null;
  weight: number;
  createdAt: string;
  version: number;
}

export interface DefineCriterion {
  nameAr: string;
  nameEn?: string | null;
  description?: string | null;
  weight: number;
}

export function defineIntegrationCriterion(cmd: DefineCriterion, a: Acting): DomainEvent<{ state: IntegrationCriterionState }> {
  if (a.node !== MINISTRY) {
    throw badInput('node', { en: 'Integration criteria are defined at the ministry.', ar: 'تُعرَّف معايير التكامل لدى الوزارة.' });
  }
  const state: IntegrationCriterionState = {
    id: a.id,
    node: a.node,
    nameAr: requiredText('nameAr', cmd.nameAr, { label: { en: 'The Arabic name', ar: 'الاسم العربي' }, max: 200, arabic: true }),
    nameEn: optionalText('nameEn', cmd.nameEn, { label: { en: 'The English name', ar: 'الاسم الإنجليزي' }, max: 200 }),
    description: optionalText('description', cmd.description, { label: { en: 'The description', ar: 'الوصف' }, max: 2000, multiline: true }),
    weight: boundedNumber('weight', cmd.weight, 0.01, 100, { en: 'The weight', ar: 'الوزن' }),
    createdAt: a.now.toISOString(),
    version: 1,
  };
  return { type: eventType('integrationcriterion', 'defined'), subject: state.id, aggregateVersion: 1, data: { state } };
}

export interface CriterionScore {
  criterionId: string;
  nameAr: string;
  nameEn: string | null;
  weight: number;
  score: number;
}

export interface IntegrationAssessmentState {
  id: string;
  node: string;
  initiativeId: string;
  scores: CriterionScore[];
  weightedScore: number;
  note: string | null;
  assessedBy: string;
  assessedAt: string;
  version: number;
}

/** Σ(weight × score) / Σ weight, on a 0–100 scale, to two decimals. */
export function weightedScore(scores: Pick<CriterionScore, 'weight' | 'score'>[]): number {
  const totalWeight = scores.reduce((s, c) => s + c.weight, 0);
  if (totalWeight <= 0) return 0;
  return Math.round((scores.reduce((s, c) => s + c.weight * c.score, 0) / totalWeight) * 100) / 100;
}

export interface AssessInitiative {
  scores: { criterionId: string; score: number }[];
  note?: string | null;
}

/** Scores an initiative against criteria; the weights in force are kept with the assessment. */
export function assessInitiative(
  initiativeId: string,
  cmd: AssessInitiative,
  criteria: IntegrationCriterionState[],
  a: Acting,
): DomainEvent<{ state: IntegrationAssessmentState }> {
  if (!cmd.scores.length) {
    throw badInput('scores', { en: 'Score at least one criterion.', ar: 'قيّم معياراً واحداً على الأقل.' });
  }
  const byId = new Map(criteria.map((c) => [c.id, c]));
  const seen = new Set<string>();
  const scores = cmd.scores.map((s, i) => {
    const c = byId.get(s.criterionId);
    if (!c)
      throw badInput(`scores.${i}.criterionId`, {
        en: `No integration criterion with id ${s.criterionId}.`,
        ar: `لا يوجد معيار تكامل بالمعرّف ${s.criterionId}.`,
      });
    if (seen.has(c.id))
      throw badInput(`scores.${i}.criterionId`, { en: `The criterion "${c.nameEn ?? c.nameAr}" is scored twice.`, ar: `المعيار "${c.nameAr}" مقيّم مرتين.` });
    seen.add(c.id);
    return {
      criterionId: c.id,
      nameAr: c.nameAr,
      nameEn: c.nameEn,
      weight: c.weight,
      score: boundedNumber(`scores.${i}.score`, s.score, 0, 100, { en: 'A score', ar: 'الدرجة' }),
    };
  });
  const state: IntegrationAssessmentState = {
    id: a.id,
    node: a.node,
    initiativeId,
    scores,
    weightedScore: weightedScore(scores),
    note: optionalText('note', cmd.note, { label: { en: 'The note', ar: 'الملاحظة' }, max: 2000, multiline: true }),
    assessedBy: a.by,
    assessedAt: a.now.toISOString(),
    version: 1,
  };
  return { type: eventType('integrationassessment', 'recorded'), subject: state.id, aggregateVersion: 1, data: { state } };
}
