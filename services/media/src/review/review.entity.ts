import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { Aggregate } from '../../../kernel/src/db';
import type { ReviewDecision, ReviewState } from './review';

@Entity({ tableName: 'review' })
export class ReviewRecord {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'text' }) node!: string;
  @Property({ type: 'uuid' }) @Index() messageId!: string;
  @Property({ type: 'text' }) messageNode!: string;
  @Property({ type: 'integer' }) messageVersion!: number;
  @Property({ type: 'text' }) decision!: ReviewDecision;
  @Property({ type: 'text', nullable: true }) comment!: string | null;
  @Property({ type: 'text' }) reviewerId!: string;
  @Property({ type: 'text' }) reviewerNode!: string;
  @Property({ type: 'boolean' }) remote!: boolean;
  @Property({ type: 'timestamptz' }) decidedAt!: Date;
  @Property({ type: 'integer' }) version!: number;
}

export const reviewRow = (s: ReviewState): ReviewRecord => ({ ...s, decidedAt: new Date(s.decidedAt) });
export const reviewState = (r: ReviewRecord): ReviewState => ({ ...r, decidedAt: r.decidedAt.toISOString() });

export const reviewAggregate: Aggregate<ReviewRecord, ReviewState> = { name: 'review', entity: ReviewRecord, state: reviewState, row: reviewRow };
