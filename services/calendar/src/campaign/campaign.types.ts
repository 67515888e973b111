import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Axis } from '../../../kernel/src/domain';
import { Connection } from '../../../kernel/src/graphql';
import { CampaignScope, CampaignStatus } from './campaign';

registerEnumType(CampaignStatus, { name: 'CampaignStatus', description: 'DRAFT → SCHEDULED → LIVE → DONE, or CANCELLED.' });
registerEnumType(CampaignScope, { name: 'CampaignScope', description: 'NATIONAL when the ministry owns the campaign, LOCAL when a municipality does.' });

@ObjectType('Campaign', { description: 'A marketing and media campaign (حملة) in the unified calendar.' })
@Directive('@key(fields: "id")')
export class Campaign {
  @Field(() => ID) id!: string;
  @Field({ description: 'The node that owns the campaign; only it can change it.' }) node!: string;
  @Field() titleAr!: string;
  @Field(() => String, { nullable: true }) titleEn!: string | null;
  @Field(() => String, { nullable: true }) descriptionAr!: string | null;
  @Field(() => String, { nullable: true }) descriptionEn!: string | null;
  @Field(() => Axis) axis!: Axis;
  @Field(() => [String], { description: 'Audience codes of the sector data (RESIDENTS, BUSINESSES, ...).' }) audiences!: string[];
  @Field(() => [String], { description: 'Channel codes of the sector data (X, INSTAGRAM, ...).' }) channels!: string[];
  @Field({ description: 'When the campaign starts (Asia/Riyadh).' }) startsAt!: Date;
  @Field({ description: 'When the campaign ends; the end itself is not part of it.' }) endsAt!: Date;
  @Field(() => [ID], { description: 'Ids of the initiatives the campaign serves.' }) initiativeIds!: string[];
  @Field(() => CampaignStatus) status!: CampaignStatus;
  @Field(() => Int, { description: 'The iCalendar SEQUENCE: grows on every change of time and on cancellation.' }) sequence!: number;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
  @Field(() => Int, { description: 'Send it back with a change; a stale version is refused with CONFLICT.' }) version!: number;
}

@ObjectType('CampaignConnection')
export class CampaignConnection extends Connection(Campaign, 'Campaign') {}

@InputType('PeriodInput', { description: 'A start and an end (excluded), with their offsets; Asia/Riyadh is +03:00.' })
export class PeriodInput {
  @Field() startsAt!: Date;
  @Field() endsAt!: Date;
}

@InputType('DraftCampaignInput')
export class DraftCampaignInput {
  @Field() titleAr!: string;
  @Field(() => String, { nullable: true }) titleEn?: string | null;
  @Field(() => String, { nullable: true }) descriptionAr?: string | null;
  @Field(() => String, { nullable: true }) descriptionEn?: string | null;
  @Field(() => Axis) axis!: Axis;
  @Field(() => [String], { description: 'At least one audience code.' }) audiences!: string[];
  @Field(() => [String], { description: 'At least one channel code.' }) channels!: string[];
  @Field() startsAt!: Date;
  @Field() endsAt!: Date;
  @Field(() => [ID], { nullable: true }) initiativeIds?: string[] | null;
}

@InputType('UpdateCampaignInput', { description: 'Only the fields given change; the period changes with rescheduleCampaign.' })
export class UpdateCampaignInput {
  @Field(() => String, { nullable: true }) titleAr?: string;
  @Field(() => String, { nullable: true }) titleEn?: string | null;
  @Field(() => String, { nullable: true }) descriptionAr?: string | null;
  @Field(() => String, { nullable: true }) descriptionEn?: string | null;
  @Field(() => Axis, { nullable: true }) axis?: Axis;
  @Field(() => [String], { nullable: true }) audiences?: string[];
  @Field(() => [String], { nullable: true }) channels?: string[];
  @Field(() => [ID], { nullable: true }) initiativeIds?: string[] | null;
}

@InputType('CampaignFilter')
export class CampaignFilter {
  @Field(() => [String], { nullable: true, description: 'Owner nodes.' }) node?: string[] | null;
  @Field(() => [Axis], { nullable: true }) axis?: Axis[] | null;
  @Field(() => [CampaignStatus], { nullable: true }) status?: CampaignStatus[] | null;
  @Field(() => CampaignScope, { nullable: true }) scope?: CampaignScope | null;
  @Field(() => ID, { nullable: true, description: 'Campaigns serving this initiative.' }) initiative?: string | null;
}
