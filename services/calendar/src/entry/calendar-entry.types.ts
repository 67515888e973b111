import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Axis } from '../../../kernel/src/domain';
import { LocalDateScalar } from '../../../kernel/src/graphql';
import { CalendarEntryKind, CalendarEntryStatus } from './calendar-entry';

registerEnumType(CalendarEntryKind, { name: 'CalendarEntryKind' });
registerEnumType(CalendarEntryStatus, { name: 'CalendarEntryStatus', description: 'A cancelled entry stays in the calendar, marked CANCELLED.' });

@ObjectType('CalendarEntry', { description: 'A launch, event, occasion, milestone or press conference in the unified calendar.' })
@Directive('@key(fields: "id")')
export class CalendarEntry {
  @Field(() => ID) id!: string;
  @Field({ description: 'The node that owns the entry; only it can change it.' }) node!: string;
  @Field(() => CalendarEntryKind) kind!: CalendarEntryKind;
  @Field() titleAr!: string;
  @Field(() => String, { nullable: true }) titleEn!: string | null;
  @Field(() => String, { nullable: true }) descriptionAr!: string | null;
  @Field(() => String, { nullable: true }) descriptionEn!: string | null;
  @Field(() => String, { nullable: true }) location!: string | null;
  @Field(() => Axis, { nullable: true, description: 'Its own, or its campaign’s when added; none for occasions of every axis.' }) axis!: Axis | null;
  @Field(() => ID, { nullable: true }) campaignId!: string | null;
  @Field({ description: 'Whole days: startDate to endDate.' }) allDay!: boolean;
  @Field({ description: 'For all-day entries, midnight in Riyadh of the first day.' }) startsAt!: Date;
  @Field({ description: 'Excluded; for all-day entries, midnight in Riyadh after the last day.' }) endsAt!: Date;
  @Field(() => CalendarEntryStatus) status!: CalendarEntryStatus;
  @Field(() => String, { nullable: true, description: 'FOUNDING_DAY, NATIONAL_DAY, RAMADAN, ... on generated national occasions.' }) occasionCode!:
    string | null;
  @Field(() => Int, { nullable: true }) occasionHijriYear!: number | null;
  @Field(() => Int, { description: 'The iCalendar SEQUENCE: grows on every change of time and on cancellation.' }) sequence!: number;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
  @Field(() => Int, { description: 'Send it back with a change; a stale version is refused with CONFLICT.' }) version!: number;
}

@InputType('EntryTimeInput', { description: 'Either startsAt and endsAt, or startDate (and endDate, included) for whole days.' })
export class EntryTimeInput {
  @Field(() => Date, { nullable: true }) startsAt?: Date | null;
  @Field(() => Date, { nullable: true }) endsAt?: Date | null;
  @Field(() => LocalDateScalar, { nullable: true }) startDate?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'The last day, included; the first day when omitted.' }) endDate?: string | null;
}

@InputType('AddCalendarEntryInput')
export class AddCalendarEntryInput {
  @Field(() => CalendarEntryKind) kind!: CalendarEntryKind;
  @Field() titleAr!: string;
  @Field(() => String, { nullable: true }) titleEn?: string | null;
  @Field(() => String, { nullable: true }) descriptionAr?: string | null;
  @Field(() => String, { nullable: true }) descriptionEn?: string | null;
  @Field(() => String, { nullable: true }) location?: string | null;
  @Field(() => Axis, { nullable: true, description: 'Defaults to the campaign’s axis.' }) axis?: Axis | null;
  @Field(() => ID, { nullable: true, description: 'A campaign of this node, or a national one.' }) campaignId?: string | null;
  @Field(() => EntryTimeInput) when!: EntryTimeInput;
}

@ObjectType('NationalOccasions', { description: 'The national occasions of a Hijri year.' })
export class NationalOccasions {
  @Field(() => Int) hijriYear!: number;
  @Field(() => [CalendarEntry], { description: 'Added by this call; empty when the year was generated before.' }) added!: unknown[];
  @Field(() => [CalendarEntry], { description: 'All of the year’s occasions, in date order.' }) occasions!: unknown[];
}
