import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { Aggregate } from '../../../kernel/src/db';
import type { Axis } from '../../../kernel/src/domain';
import type { CalendarEntryKind, CalendarEntryState, CalendarEntryStatus } from './calendar-entry';

@Entity({ tableName: 'calendar_entry' })
export class CalendarEntryRecord {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'text' }) @Index() node!: string;
  @Property({ type: 'text' }) kind!: CalendarEntryKind;
  @Property({ type: 'text' }) titleAr!: string;
  @Property({ type: 'text', nullable: true }) titleEn!: string | null;
  @Property({ type: 'text', nullable: true }) descriptionAr!: string | null;
  @Property({ type: 'text', nullable: true }) descriptionEn!: string | null;
  @Property({ type: 'text', nullable: true }) location!: string | null;
  @Property({ type: 'text', nullable: true }) axis!: Axis | null;
  @Property({ type: 'uuid', nullable: true }) campaignId!: string | null;
  @Property({ type: 'boolean' }) allDay!: boolean;
  @Property({ type: 'timestamptz' }) startsAt!: Date;
  @Property({ type: 'timestamptz' }) endsAt!: Date;
  @Property({ type: 'text' }) status!: CalendarEntryStatus;
  @Property({ type: 'text', nullable: true }) occasionCode!: string | null;
  @Property({ type: 'integer', nullable: true }) occasionHijriYear!: number | null;
  @Property({ type: 'integer' }) sequence!: number;
  @Property({ type: 'text' }) createdBy!: string;
  @Property({ type: 'timestamptz' }) createdAt!: Date;
  @Property({ type: 'timestamptz' }) updatedAt!: Date;
  @Property({ type: 'integer' }) version!: number;
}

export function calendarEntryState(r: CalendarEntryRecord): CalendarEntryState {
  return {
    id: r.id,
    node: r.node,
    kind: r.kind,
    titleAr: r.titleAr,
    titleEn: r.titleEn,
    descriptionAr: r.descriptionAr,
    descriptionEn: r.descriptionEn,
    location: r.location,
    axis: r.axis,
    campaignId: r.campaignId,
    allDay: r.allDay,
    startsAt: r.startsAt.toISOString(),
    endsAt: r.endsAt.toISOString(),
    status: r.status,
    occasionCode: r.occasionCode,
    occasionHijriYear: r.occasionHijriYear,
    sequence: r.sequence,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    version: r.version,
  };
}

export function calendarEntryRow(s: CalendarEntryState): CalendarEntryRecord {
  return {
    ...s,
    startsAt: new Date(s.startsAt),
    endsAt: new Date(s.endsAt),
    createdAt: new Date(s.createdAt),
    updatedAt: new Date(s.updatedAt),
  };
}

export const calendarEntryAggregate: Aggregate<CalendarEntryRecord, CalendarEntryState> = {
  name: 'calendar entry',
  entity: CalendarEntryRecord,
  state: calendarEntryState,
  row: calendarEntryRow,
};
