import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { Axis } from '../../../kernel/src/domain';

export interface TargetView {
  kpi: string;
  unit: string;
  targetValue: number;
  kpiEn?: string | null;
  unitEn?: string | null;
}
export interface KpiActualView {
  kpi: string;
  value: number;
}

/** What this service knows of an initiative, from the initiatives service's events. */
@Entity({ tableName: 'initiative_view' })
export class InitiativeView {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'text' }) @Index() node!: string;
  @Property({ type: 'text' }) code!: string;
  @Property({ type: 'text' }) titleAr!: string;
  @Property({ type: 'text', nullable: true }) titleEn!: string | null;
  @Property({ type: 'text' }) axis!: Axis;
  @Property({ type: 'uuid', nullable: true }) nationalInitiativeId!: string | null;
  @Property({ type: 'text' }) status!: string;
  @Property({ type: 'string', columnType: 'date' }) plannedStart!: string;
  @Property({ type: 'string', columnType: 'date' }) plannedEnd!: string;
  @Property({ type: 'json' }) targets!: TargetView[];
  @Property({ type: 'double' }) percentComplete!: number;
  @Property({ type: 'timestamptz', nullable: true }) lastReportedAt!: Date | null;
  @Property({ type: 'integer' }) version!: number;
}

/** A progress report on an initiative, kept for its KPI actuals. */
@Entity({ tableName: 'progress_view' })
export class ProgressView {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'uuid' }) @Index() initiativeId!: string;
  @Property({ type: 'double' }) percentComplete!: number;
  @Property({ type: 'json' }) kpiActuals!: KpiActualView[];
  @Property({ type: 'timestamptz' }) reportedAt!: Date;
}

/** What this service knows of a campaign, from the calendar service's events. */
@Entity({ tableName: 'campaign_view' })
export class CampaignView {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'text' }) @Index() node!: string;
  @Property({ type: 'text' }) titleAr!: string;
  @Property({ type: 'text', nullable: true }) titleEn!: string | null;
  @Property({ type: 'text', nullable: true }) axis!: string | null;
  /** A ministry campaign for the whole sector: its messages are reviewed by the ministry. */
  @Property({ type: 'boolean' }) national!: boolean;
  @Property({ type: 'integer' }) version!: number;
}
