import { ReviewOutcome, reviewOutcome } from './review';
import { MessageStatus } from '../message/message';

const transition = (reviewId: string | null) => ({
  at: '2026-12-01T09:00:00.000Z',
  by: 'someone',
  byNode: 'ministry',
  from: MessageStatus.IN_REVIEW,
  to: MessageStatus.APPROVED,
  comment: null,
  reviewId,
});

describe('what became of a review', () => {
  const review = { id: 'r-1', messageVersion: 3 };

  it('is applied once the message carries it, whatever its version', () => {
    expect(reviewOutcome(review, { version: 4, history: [transition(null), transition('r-1')] })).toBe(ReviewOutcome.APPLIED);
  });

  it('is pending while the message is at the version its reviewer read, or not known here', () => {
    expect(reviewOutcome(review, { version: 3, history: [transition(null)] })).toBe(ReviewOutcome.PENDING);
    expect(reviewOutcome(review, null)).toBe(ReviewOutcome.PENDING);
  });

  it('was not applied when the message moved on without it: its owner had changed it first', () => {
    expect(reviewOutcome(review, { version: 4, history: [transition(null), transition('r-2')] })).toBe(ReviewOutcome.NOT_APPLIED);
  });
});
