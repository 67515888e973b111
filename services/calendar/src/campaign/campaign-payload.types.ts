import { Field, ObjectType } from 'type-graphql';
import { Campaign } from './campaign.types';
import { Clash } from '../clashes/clash.types';

@ObjectType('CampaignPayload', { description: 'The campaign after the change, and the clashes it is in: warnings, never a refusal.' })
export class CampaignPayload {
  @Field(() => Campaign) campaign!: unknown;
  @Field(() => [Clash], { description: 'Empty unless the campaign is scheduled, live or done.' }) warnings!: Clash[];
}
