import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateScalar } from '../../../kernel/src/graphql';
import { DayClashKind } from '../clashes/day-clash';

registerEnumType(DayClashKind, {
  name: 'DayClashKind',
  valuesConfig: {
    HOLIDAY: { description: 'Placed on a public holiday (Eid al-Fitr, Arafat Day, Eid al-Adha, Founding Day, National Day).' },
    WEEKEND: { description: 'Starting on a Friday or a Saturday, the Saudi weekend.' },
  },
});

@ObjectType('SectorOccasion', { description: 'A national occasion of the sector’s calendar in one Hijri year, by its rule in the sector data.' })
export class SectorOccasion {
  @Field({ description: 'HIJRI_NEW_YEAR, FOUNDING_DAY, FLAG_DAY, NATIONAL_DAY, RAMADAN, EID_AL_FITR, ARAFAT_DAY, EID_AL_ADHA.' }) code!: string;
  @Field() nameAr!: string;
  @Field() nameEn!: string;
  @Field({ description: 'How its days are found, and the rule that makes it a holiday.' }) rule!: string;
  @Field({ description: 'A day off for the sector.' }) publicHoliday!: boolean;
  @Field(() => Int) hijriYear!: number;
  @Field(() => LocalDateScalar, { description: 'Its first day.' }) from!: string;
  @Field(() => LocalDateScalar, { description: 'Its last day, included.' }) to!: string;
  @Field(() => Int, { description: 'How many days it lasts.' }) days!: number;
  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'The first day off it gives, null when none: Eid al-Fitr’s holiday starts the day after 29 Ramadan, before the Eid when Ramadan has 30 days.',
  })
  holidayFrom!: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'The last day off it gives, included.' }) holidayTo!: string | null;
}

@ObjectType('DayClash', { description: 'A campaign or entry placed on a public holiday or starting on the weekend.' })
export class DayClash {
  @Field(() => DayClashKind) kind!: DayClashKind;
  @Field(() => LocalDateScalar, { description: 'The first of its days that falls on the holiday, or the weekend day it starts on.' }) day!: string;
  @Field(() => SectorOccasion, { nullable: true, description: 'The holiday, for HOLIDAY.' }) occasion!: SectorOccasion | null;
  @Field() reasonAr!: string;
  @Field() reasonEn!: string;
}

@ObjectType('CalendarDay', { description: 'A day in Asia/Riyadh in both calendars, with its weekday and the national occasions on it.' })
export class CalendarDay {
  @Field(() => LocalDateScalar) date!: string;
  @Field({ description: 'e.g. «الجمعة»' }) weekdayAr!: string;
  @Field({ description: 'e.g. "Friday"' }) weekdayEn!: string;
  @Field({ description: 'Friday or Saturday.' }) weekend!: boolean;
  @Field({ description: 'A public holiday, or part of one.' }) publicHoliday!: boolean;
  @Field(() => [SectorOccasion], { description: 'The occasions on it, and those whose holiday it is part of.' }) occasions!: SectorOccasion[];
}

@InputType('HijriDateInput', { description: 'A day of the Umm al-Qura calendar, e.g. {year: 1447, month: 8, day: 29} for 29 Sha’ban 1447.' })
export class HijriDateInput {
  @Field(() => Int) year!: number;
  @Field(() => Int, { description: '1 (Muharram) to 12 (Dhu al-Hijjah).' }) month!: number;
  @Field(() => Int, { description: '1 to 29 or 30.' }) day!: number;
}

@InputType('HijriRangeInput', { description: 'Days of the Umm al-Qura calendar, both included.' })
export class HijriRangeInput {
  @Field(() => HijriDateInput) from!: HijriDateInput;
  @Field(() => HijriDateInput) to!: HijriDateInput;
}
