import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ReviewDecision } from './review';

@ObjectType('Review', { description: 'A review decision on a message. Decided by the ministry away from the owner node, it applies there when it arrives.' })
export class Review {
  @Field(() => ID) id!: string;
  @Field({ description: 'Where it was decided.' }) node!: string;
  @Field(() => ID) messageId!: string;
  @Field() messageNode!: string;
  @Field(() => Int, { description: 'The message version reviewed.' }) messageVersion!: number;
  @Field(() => ReviewDecision) decision!: ReviewDecision;
  @Field(() => String, { nullable: true }) comment!: string | null;
  @Field() reviewerId!: string;
  @Field() reviewerNode!: string;
  @Field({ description: 'Decided away from the owner node, to be applied there.' }) remote!: boolean;
  @Field() decidedAt!: Date;
}
