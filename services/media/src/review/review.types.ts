import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ReviewDecision, ReviewOutcome } from './review';

registerEnumType(ReviewOutcome, {
  name: 'ReviewOutcome',
  description: 'Whether a review took effect on the message, as this node has the message.',
  valuesConfig: {
    APPLIED: { description: 'The message carries the decision.' },
    PENDING: { description: 'Decided away from the owner node and not yet applied there, or its application not yet seen here.' },
    NOT_APPLIED: {
      description: 'The message changed before the decision reached its owner node: the decision did not take effect; review the message as it is now.',
    },
  },
});

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
