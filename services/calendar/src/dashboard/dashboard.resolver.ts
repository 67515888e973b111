import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Axis, scopeOfDashboardId, type DashboardScope } from '../../../kernel/src/domain';
import type { CalendarContext } from '../context';
import { gregorianMonths, hijriMonths, type CampaignDays } from './campaign-months';
import { campaignDays } from './dashboard.queries';
import { GregorianCampaignMonth, HijriCampaignMonth, SectorDashboardReference } from './dashboard.types';

// both calendars are counted from one statement per dashboard and request
const asked = new WeakMap<CalendarContext, Map<string, Promise<CampaignDays[]>>>();
function daysOf(ctx: CalendarContext, scope: DashboardScope): Promise<CampaignDays[]> {
  const mine = asked.get(ctx) ?? new Map<string, Promise<CampaignDays[]>>();
  asked.set(ctx, mine);
  let days = mine.get(scope.id);
  if (!days) {
    days = campaignDays(ctx.em, scope);
    mine.set(scope.id, days);
  }
  return days;
}

const axesOf = (scope: DashboardScope): Axis[] => (scope.axes.length ? scope.axes : Object.values(Axis));

/** A dashboard from its key: the filter is in the id. */
export const sectorDashboardReference = (ref: { id: string }): DashboardScope => scopeOfDashboardId(ref.id);

@Resolver(() => SectorDashboardReference)
export class SectorDashboardCampaignsResolver {
  @FieldResolver(() => [GregorianCampaignMonth], {
    nullable: true,
    description:
      'Campaigns per Gregorian month and axis (the strategic marketing map), from the first month with a campaign to the last (from the calendar service).',
  })
  async campaignsByMonth(@Root() d: DashboardScope, @Ctx() ctx: CalendarContext): Promise<GregorianCampaignMonth[]> {
    return gregorianMonths(await daysOf(ctx, d), axesOf(d));
  }

  @FieldResolver(() => [HijriCampaignMonth], {
    nullable: true,
    description: 'Campaigns per Umm al-Qura month and axis, from the first month with a campaign to the last (from the calendar service).',
  })
  async campaignsByHijriMonth(@Root() d: DashboardScope, @Ctx() ctx: CalendarContext): Promise<HijriCampaignMonth[]> {
    return hijriMonths(await daysOf(ctx, d), axesOf(d));
  }
}
