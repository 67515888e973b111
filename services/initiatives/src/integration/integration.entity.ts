import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { Aggregate } from '../../../kernel/src/db';
import type { CriterionScore, IntegrationAssessmentState, IntegrationCriterionState } from './integration';

@Entity({ tableName: 'integration_criterion' })
export class IntegrationCriterionRecord {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'text' }) node!: string;
  @Property({ type: 'text' }) nameAr!: string;
  @Property({ type: 'text', nullable: true }) nameEn!: string | null;
  @Property({ type: 'text', nullable: true }) description!: string | null;
  @Property({ type: 'double' }) weight!: number;
  @Property({ type: 'timestamptz' }) createdAt!: Date;
  @Property({ type: 'integer' }) version!: number;
}

@Entity({ tableName: 'integration_assessment' })
export class IntegrationAssessmentRecord {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'text' }) node!: string;
  @Property({ type: 'uuid' }) @Index() initiativeId!: string;
  @Property({ type: 'json' }) scores!: CriterionScore[];
  @Property({ type: 'double' }) weightedScore!: number;
  @Property({ type: 'text', nullable: true }) note!: string | null;
  @Property({ type: 'text' }) assessedBy!: string;
  @Property({ type: 'timestamptz' }) assessedAt!: Date;
  @Property({ type: 'integer' }) version!: number;
}

export const criterionState = (r: IntegrationCriterionRecord): IntegrationCriterionState => ({ ...r, createdAt: r.createdAt.toISOString() });
export const criterionRow = (s: IntegrationCriterionState): IntegrationCriterionRecord => ({ ...s, createdAt: new Date(s.createdAt) });
export const assessmentRow = (s: IntegrationAssessmentState): IntegrationAssessmentRecord => ({ ...s, assessedAt: new Date(s.assessedAt) });
const assessmentState = (r: IntegrationAssessmentRecord): IntegrationAssessmentState => ({ ...r, assessedAt: r.assessedAt.toISOString() });

export const criterionAggregate: Aggregate<IntegrationCriterionRecord, IntegrationCriterionState> = {
  name: 'integration criterion',
  entity: IntegrationCriterionRecord,
  state: criterionState,
  row: criterionRow,
};

export const assessmentAggregate: Aggregate<IntegrationAssessmentRecord, IntegrationAssessmentState> = {
  name: 'integration assessment',
  entity: IntegrationAssessmentRecord,
  state: assessmentState,
  row: assessmentRow,
};
