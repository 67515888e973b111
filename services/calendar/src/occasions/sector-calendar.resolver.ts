import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { LocalDateScalar } from '../../../kernel/src/graphql';
import { WEEKDAYS_AR, WEEKDAYS_EN, WEEKEND, weekdayOfDay } from '../../../kernel/src/domain';
import type { CalendarContext } from '../context';
import { gregorianOfHijriDay, validCalendarDay } from '../calendar/range';
import { isHolidayAmong, occasionDaysOf, occasionsBetween, type OccasionDays } from './national-occasions';
import { CalendarDay, HijriDateInput, SectorOccasion, type DayClash as DayClashType } from './sector-calendar.types';
import type { DayClash } from '../clashes/day-clash';

export const sectorOccasionView = (o: OccasionDays): SectorOccasion => ({
  ...o,
  days: Math.round((Date.parse(o.to) - Date.parse(o.from)) / 86400_000) + 1,
  holidayFrom: o.holiday?.from ?? null,
  holidayTo: o.holiday?.to ?? null,
});

export const dayClashView = (c: DayClash): DayClashType => ({
  kind: c.kind,
  day: c.day,
  occasion: c.occasion && sectorOccasionView(c.occasion),
  reasonAr: c.reason.ar,
  reasonEn: c.reason.en,
});

function calendarDay(date: string): CalendarDay {
  const weekday = weekdayOfDay(date);
  const found = occasionsBetween(date, date);
  const occasions = found.map(sectorOccasionView);
  return {
    date,
    weekdayAr: WEEKDAYS_AR[weekday],
    weekdayEn: WEEKDAYS_EN[weekday],
    weekend: (WEEKEND as readonly number[]).includes(weekday),
    publicHoliday: isHolidayAmong(found, date),
    occasions,
  };
}

@Resolver()
export class SectorCalendarResolver {
  @Query(() => [SectorOccasion], {
    description:
      'The national occasions of a Hijri year with their Gregorian and Hijri days, public holidays marked, in date order; computed from the sector data.',
  })
  sectorOccasions(@Arg('hijriYear', () => Int) hijriYear: number, @Ctx() ctx: CalendarContext) {
    return occasionDaysOf(hijriYear).map(sectorOccasionView);
  }

  @Query(() => CalendarDay, { description: 'A Gregorian day in the Umm al-Qura calendar (`dateHijri`), with its weekday and occasions.' })
  gregorianToHijri(@Arg('date', () => LocalDateScalar) date: string, @Ctx() ctx: CalendarContext) {
    return calendarDay(validCalendarDay(date, 'date'));
  }

  @Query(() => CalendarDay, {
    description: 'The Gregorian day of an Umm al-Qura date, with its weekday and occasions; a day the month does not have is BAD_USER_INPUT.',
  })
  hijriToGregorian(@Arg('date', () => HijriDateInput) date: HijriDateInput, @Ctx() ctx: CalendarContext) {
    return calendarDay(gregorianOfHijriDay(date, 'date'));
  }
}
