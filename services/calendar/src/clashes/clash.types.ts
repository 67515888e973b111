import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Axis } from '../../../kernel/src/domain';
import { Campaign } from '../campaign/campaign.types';
import { CalendarEntry } from '../entry/calendar-entry.types';
import { ClashKind } from './clash';

registerEnumType(ClashKind, {
  name: 'ClashKind',
  valuesConfig: {
    SAME_NODE: { description: 'Two campaigns of one node on the same axis, for a shared audience, at the same time.' },
    NATIONAL_CAMPAIGN: { description: 'A local campaign on the axis of a national campaign running at the same time.' },
    NATIONAL_OCCASION: { description: 'A local campaign during a national occasion of its axis, or of every axis.' },
  },
});

@ObjectType('Clash', { description: 'Two things in the calendar that compete for the same people at the same time.' })
export class Clash {
  @Field(() => ClashKind) kind!: ClashKind;
  @Field({ description: 'The node of `campaign`, the one that has to look again.' }) node!: string;
  @Field(() => Axis) axis!: Axis;
  @Field(() => [String], { description: 'The audiences both campaigns address; empty against national campaigns and occasions.' }) audiences!: string[];
  @Field(() => Campaign) campaign!: unknown;
  @Field(() => Campaign, { nullable: true }) otherCampaign!: unknown;
  @Field(() => CalendarEntry, { nullable: true }) occasion!: unknown;
  @Field({ description: 'Where the two overlap: from.' }) overlapFrom!: Date;
  @Field({ description: 'Where the two overlap: to (excluded).' }) overlapTo!: Date;
  @Field() reasonAr!: string;
  @Field() reasonEn!: string;
}
