import { z } from 'zod';
import { aggregateEvents, aggregateId, describing, instant, nodeCode, optionalText, userId, version, type PayloadOf } from '../../../kernel/src/events/schemas';
import { ReviewDecision } from './review';
import type { ReviewState } from './review';

export const reviewState = describing<ReviewState>()(
  z
    .object({
      id: aggregateId('The review.'),
      node: nodeCode('Where the decision was taken (its owner).'),
      messageId: aggregateId('The message reviewed.'),
      messageNode: nodeCode("The message's owner node."),
      messageVersion: z.number().int().min(1).describe('The message version the reviewer read.'),
      decision: z.enum(ReviewDecision).describe('The decision.'),
      comment: optionalText('The comment (required to request changes).'),
      reviewerId: userId('The reviewer'),
      reviewerNode: nodeCode("The reviewer's node."),
      remote: z.boolean().describe("Decided away from the message's owner (the ministry on a national campaign's message), to be applied there."),
      decidedAt: instant('When.'),
      version: version(),
    })
    .meta({ id: 'ReviewState', title: 'Review', description: 'A review decision (مراجعة).' }),
);

export const reviewEvents = [
  aggregateEvents('media', 'review')(
    'decided',
    "A review decision was taken; when `remote`, the message's owner node applies it.",
    z.object({ state: reviewState, change: reviewState.describe('The whole decision.') }),
  ),
] as const;

export type ReviewPayload = PayloadOf<(typeof reviewEvents)[number]>;
