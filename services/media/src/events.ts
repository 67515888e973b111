import type { Unpublished } from '../../kernel/src/auth';
import { serviceEvents, type PayloadOf } from '../../kernel/src/events/schemas';
import { MessageStatus } from './message/message-state';
import { messageEvents } from './message/message.events';
import { reviewEvents } from './review/review.events';
import { charterRuleEvents } from './charter/charter.events';
import { keyMessageEvents } from './keymessage/key-message.events';

/** Every event the media service records, on mmhub.media.v1. */
export const mediaEvents = serviceEvents('media', 'media messages and their review workflow, reviews, charter rules and key messages', [
  ...messageEvents,
  ...reviewEvents,
  ...charterRuleEvents,
  ...keyMessageEvents,
]);

/** A message in these statuses is its node's own until approved: its events too (the events stream). */
export const mediaUnpublished = {
  'mmhub.message.': [MessageStatus.DRAFT, MessageStatus.IN_REVIEW, MessageStatus.CHANGES_REQUESTED],
} as const satisfies Unpublished;

export type MediaPayload = PayloadOf<(typeof mediaEvents.events)[number]>;
