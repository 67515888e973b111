import { serviceEvents, type PayloadOf } from '../../kernel/src/events/schemas';
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

export type MediaPayload = PayloadOf<(typeof mediaEvents.events)[number]>;
