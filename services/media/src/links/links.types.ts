import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A campaign of the calendar service; this service adds its messages. */
@ObjectType('Campaign')
@Directive('@key(fields: "id")')
export class CampaignRef {
  @Field(() => ID) id!: string;
}

/** An initiative of the initiatives service; this service adds its messages. */
@ObjectType('Initiative')
@Directive('@key(fields: "id")')
export class InitiativeRef {
  @Field(() => ID) id!: string;
}
