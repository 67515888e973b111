import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { SEARCH_STEMS_VERSION, searchStems, type Axis } from '../../../kernel/src/domain';
import type { Aggregate } from '../../../kernel/src/db';
import { searchText, type InitiativeState, type InitiativeStatus, type Target } from './initiative';
import type { KpiActual, ProgressReportState } from './progress';

@Entity({ tableName: 'initiative' })
@Unique({ properties: ['node', 'code'] })
export class InitiativeRecord {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'text' }) @Index() node!: string;
  @Property({ type: 'text' }) code!: string;
  @Property({ type: 'text' }) titleAr!: string;
  @Property({ type: 'text', nullable: true }) titleEn!: string | null;
  @Property({ type: 'text', nullable: true }) descriptionAr!: string | null;
  @Property({ type: 'text', nullable: true }) descriptionEn!: string | null;
  @Property({ type: 'text' }) axis!: Axis;
  @Property({ type: 'uuid', nullable: true }) nationalInitiativeId!: string | null;
  @Property({ type: 'text' }) status!: InitiativeStatus;
  @Property({ type: 'string', columnType: 'date' }) plannedStart!: string;
  @Property({ type: 'string', columnType: 'date' }) plannedEnd!: string;
  @Property({ type: 'json' }) targets!: Target[];
  @Property({ type: 'double' }) percentComplete!: number;
  @Property({ type: 'timestamptz', nullable: true }) lastReportedAt!: Date | null;
  @Property({ type: 'text' }) searchText!: string;
  // the stored full-text vector is generated from these
  @Property({ type: 'text', nullable: true }) searchStems!: string | null;
  // the stemmer's version that computed searchStems: older ones are computed again at start
  @Property({ type: 'smallint', nullable: true }) searchStemsVersion!: number | null;
  @Property({ type: 'text' }) createdBy!: string;
  @Property({ type: 'timestamptz' }) createdAt!: Date;
  @Property({ type: 'timestamptz' }) updatedAt!: Date;
  @Property({ type: 'integer' }) version!: number;
}

@Entity({ tableName: 'progress_report' })
export class ProgressReportRecord {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'uuid' }) @Index() initiativeId!: string;
  @Property({ type: 'text' }) node!: string;
  @Property({ type: 'double' }) percentComplete!: number;
  @Property({ type: 'json' }) kpiActuals!: KpiActual[];
  @Property({ type: 'text', nullable: true }) note!: string | null;
  @Property({ type: 'timestamptz' }) reportedAt!: Date;
  @Property({ type: 'text' }) reportedBy!: string;
}

export function initiativeState(r: InitiativeRecord): InitiativeState {
  return {
    id: r.id,
    node: r.node,
    code: r.code,
    titleAr: r.titleAr,
    titleEn: r.titleEn,
    descriptionAr: r.descriptionAr,
    descriptionEn: r.descriptionEn,
    axis: r.axis,
    nationalInitiativeId: r.nationalInitiativeId,
    status: r.status,
    plannedStart: r.plannedStart,
    plannedEnd: r.plannedEnd,
    targets: r.targets,
    percentComplete: r.percentComplete,
    lastReportedAt: r.lastReportedAt ? r.lastReportedAt.toISOString() : null,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    version: r.version,
  };
}

function searchColumns(s: InitiativeState): Pick<InitiativeRecord, 'searchText' | 'searchStems' | 'searchStemsVersion'> {
  const text = searchText(s);
  return { searchText: text, searchStems: searchStems(text), searchStemsVersion: SEARCH_STEMS_VERSION };
}

/** The row's columns for a state, the search text and its stems included. */
export function initiativeRow(s: InitiativeState): InitiativeRecord {
  return {
    ...s,
    lastReportedAt: s.lastReportedAt ? new Date(s.lastReportedAt) : null,
    createdAt: new Date(s.createdAt),
    updatedAt: new Date(s.updatedAt),
    ...searchColumns(s),
  };
}

export function progressReportRow(s: ProgressReportState): ProgressReportRecord {
  return { ...s, reportedAt: new Date(s.reportedAt) };
}

export const initiativeAggregate: Aggregate<InitiativeRecord, InitiativeState> = {
  name: 'initiative',
  entity: InitiativeRecord,
  state: initiativeState,
  row: initiativeRow,
};
