import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Axis } from '../../../kernel/src/domain';
import { LocalDateScalar } from '../../../kernel/src/graphql';

/** The initiatives service owns SectorDashboard; this service adds the campaigns by month. */
@ObjectType('SectorDashboard')
@Directive('@key(fields: "id")')
export class SectorDashboardReference {
  @Field(() => ID) id!: string;
}

@ObjectType('CampaignAxisMonth', { description: 'Campaigns of one axis in one month.' })
export class CampaignAxisMonth {
  @Field(() => Axis) axis!: Axis;
  @Field(() => Int, { description: 'Running on at least one day of the month.' }) campaigns!: number;
  @Field(() => Int, { description: 'Starting in the month.' }) launched!: number;
}

@ObjectType('GregorianCampaignMonth', { description: 'Committed campaigns (scheduled, live or done) in one Gregorian month, days in Asia/Riyadh.' })
export class GregorianCampaignMonth {
  @Field({ description: 'YYYY-MM' }) month!: string;
  @Field(() => LocalDateScalar) from!: string;
  @Field(() => LocalDateScalar) to!: string;
  @Field(() => Int, { description: 'Running on at least one day of the month; a campaign counts in every month it runs in.' }) campaigns!: number;
  @Field(() => Int, { description: 'Starting in the month.' }) launched!: number;
  @Field(() => [CampaignAxisMonth], { description: 'Every axis of the dashboard, empty ones included.' }) byAxis!: CampaignAxisMonth[];
}

@ObjectType('HijriCampaignMonth', { description: 'Committed campaigns (scheduled, live or done) in one month of the Umm al-Qura calendar.' })
export class HijriCampaignMonth {
  @Field(() => Int) year!: number;
  @Field(() => Int, { description: '1 (Muharram) to 12 (Dhu al-Hijjah).' }) month!: number;
  @Field() nameAr!: string;
  @Field() nameEn!: string;
  @Field(() => LocalDateScalar, { description: 'Its first Gregorian day.' }) from!: string;
  @Field(() => LocalDateScalar, { description: 'Its last Gregorian day.' }) to!: string;
  @Field(() => Int, { description: 'Running on at least one day of the month; a campaign counts in every month it runs in.' }) campaigns!: number;
  @Field(() => Int, { description: 'Starting in the month.' }) launched!: number;
  @Field(() => [CampaignAxisMonth], { description: 'Every axis of the dashboard, empty ones included.' }) byAxis!: CampaignAxisMonth[];
}
