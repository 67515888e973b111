import { createUnionType, Field, InputType, Int, ObjectType } from 'type-graphql';
import { Axis } from '../../../kernel/src/domain';
import { LocalDateScalar } from '../../../kernel/src/graphql';
import { Campaign } from '../campaign/campaign.types';
import { CalendarEntry } from '../entry/calendar-entry.types';
import { CalendarEntryKind } from '../entry/calendar-entry';
import { CalendarEntryRecord } from '../entry/calendar-entry.entity';

@InputType('DateRangeInput', { description: 'Calendar days in Asia/Riyadh, both included.' })
export class DateRangeInput {
  @Field(() => LocalDateScalar) from!: string;
  @Field(() => LocalDateScalar) to!: string;
}

@InputType('HijriMonthInput', { description: 'A month of the Umm al-Qura calendar, e.g. {year: 1447, month: 9} for Ramadan 1447.' })
export class HijriMonthInput {
  @Field(() => Int) year!: number;
  @Field(() => Int, { description: '1 (Muharram) to 12 (Dhu al-Hijjah).' }) month!: number;
}

@InputType('CalendarFilter', {
  description: 'Every list given narrows the calendar; national occasions of every axis pass the axis, channel and audience filters.',
})
export class CalendarFilter {
  @Field(() => [String], { nullable: true, description: 'Owner nodes.' }) node?: string[] | null;
  @Field(() => [Axis], { nullable: true }) axis?: Axis[] | null;
  @Field(() => [String], { nullable: true, description: 'Campaigns on one of these channels, and their entries.' }) channel?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'Campaigns for one of these audiences, and their entries.' }) audience?: string[] | null;
  @Field(() => [CalendarEntryKind], { nullable: true, description: 'Entries of these kinds only; campaigns are left out.' }) kind?: CalendarEntryKind[] | null;
  @Field(() => Boolean, { nullable: true, description: 'Cancelled campaigns and entries (default true: they stay visible).' }) includeCancelled?:
    boolean | null;
}

export const CalendarItem = createUnionType({
  name: 'CalendarItem',
  description: 'A campaign or a calendar entry.',
  types: () => [Campaign, CalendarEntry] as const,
  resolveType: (item) => (item instanceof CalendarEntryRecord || 'kind' in item ? 'CalendarEntry' : 'Campaign'),
});

@ObjectType('CalendarView', { description: 'The campaigns and entries overlapping a range of days, ordered by start.' })
export class CalendarView {
  @Field(() => LocalDateScalar) from!: string;
  @Field(() => LocalDateScalar) to!: string;
  @Field(() => [CalendarItem]) items!: unknown[];
}
