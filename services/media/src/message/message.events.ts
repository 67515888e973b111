import { z } from 'zod';
import {
  aggregateEvents,
  aggregateId,
  by,
  describing,
  fromTo,
  instant,
  nodeCode,
  optionalId,
  optionalInstant,
  optionalText,
  reason,
  statusChange,
  text,
  userId,
  version,
  type PayloadOf,
} from '../../../kernel/src/events/schemas';
import { channel } from '../channel/channel.schema';
import { MessageOrigin, MessageStatus, type MessageState } from './message';

const S = MessageStatus;

const variant = z
  .object({
    channel: channel(),
    text: text('The text for that channel.'),
    hashtags: z.array(z.string()).describe('Hashtags, without #.'),
    mediaRefs: z.array(z.string()).describe('References to the media attached.'),
    scheduledAt: optionalInstant('When this variant goes out, when set.'),
  })
  .meta({ id: 'Variant', title: 'Channel variant' });

const transition = z
  .object({
    at: instant('When.'),
    by: userId('Who'),
    byNode: nodeCode('At which node.'),
    from: z.enum(MessageStatus).nullable().describe('The status before; null for the draft.'),
    to: z.enum(MessageStatus).describe('The status after.'),
    comment: optionalText('The comment or reason given.'),
    reviewId: optionalId('The review that made this transition, if any.'),
  })
  .meta({ id: 'Transition', title: 'Workflow transition' });

export const messageState = describing<MessageState>()(
  z
    .object({
      id: aggregateId('The message (UUID v7, minted by its owner node).'),
      node: nodeCode(),
      origin: z.enum(MessageOrigin).describe('Where the message came from.'),
      campaignId: optionalId('The campaign it belongs to.'),
      initiativeId: optionalId('The initiative it speaks of.'),
      keyMessageId: optionalId('The key message it localises.'),
      bodyAr: text('The Arabic body.'),
      bodyEn: optionalText('The English body.'),
      variants: z.array(variant).describe('One variant per channel.'),
      status: z.enum(MessageStatus).describe('DRAFT → IN_REVIEW → APPROVED or CHANGES_REQUESTED → SCHEDULED → PUBLISHED, ARCHIVED.'),
      publishAt: optionalInstant('When it is scheduled to go out.'),
      publishedAt: optionalInstant('When it went out.'),
      authors: z.array(z.string()).describe('Everyone who wrote the content: none of them may approve it.'),
      createdBy: userId('Who drafted it'),
      createdAt: instant('When it was drafted.'),
      updatedAt: instant('When it last changed.'),
      history: z.array(transition).describe('Every workflow transition, oldest first.'),
      version: version(),
    })
    .meta({ id: 'MessageState', title: 'Media message', description: 'The message after the change (event-carried state).' }),
);

const messageData = <C extends z.ZodType>(change: C, what: string) => z.object({ state: messageState, change: change.describe(what) });
const messageStatus = <const T extends readonly [MessageStatus, ...MessageStatus[]]>(to: T) => statusChange(MessageStatus, to);
const reviewed = <const T extends MessageStatus>(to: T) =>
  messageData(
    z.object({
      status: messageStatus([to]),
      comment: optionalText("The reviewer's comment."),
      by: userId('The reviewer'),
      byNode: nodeCode("The reviewer's node."),
      reviewId: aggregateId('The review.'),
    }),
    'The status change and the review that made it.',
  );

const messageEdits = z
  .object({
    bodyAr: fromTo(z.string()),
    bodyEn: fromTo(z.string().nullable()),
    campaignId: fromTo(z.guid().nullable()),
    initiativeId: fromTo(z.guid().nullable()),
    variants: fromTo(z.array(variant)),
    status: statusChange(MessageStatus, [S.IN_REVIEW]).describe('Present when an edit after approval sent the message back to review.'),
  })
  .partial();

const M = aggregateEvents('media', 'message');

export const messageEvents = [
  M('drafted', 'A media message was drafted at its owner node (DRAFT, version 1).', messageData(messageState, 'The whole new message.')),
  M(
    'edited',
    "A message's content changed; after approval, the edit sends it back to review.",
    messageData(messageEdits, 'Each field that changed, before and after.'),
  ),
  M(
    'submitted',
    'A message was sent to review (IN_REVIEW).',
    messageData(
      z.object({ status: messageStatus([S.IN_REVIEW]), comment: optionalText('A comment for the reviewer.'), by: by() }),
      'The status change and who made it.',
    ),
  ),
  M('approved', 'A reviewer approved a message.', reviewed(S.APPROVED)),
  M('changesrequested', 'A reviewer asked for changes to a message.', reviewed(S.CHANGES_REQUESTED)),
  M(
    'scheduled',
    'An approved message was scheduled for publication.',
    messageData(
      z.object({ status: messageStatus([S.SCHEDULED]), publishAt: optionalInstant('When it goes out.'), by: by() }),
      'The status change, the time set and who set it.',
    ),
  ),
  M('published', 'A message went out.', messageData(z.object({ status: messageStatus([S.PUBLISHED]), by: by() }), 'The status change and who recorded it.')),
  M(
    'archived',
    'A message was archived (final).',
    messageData(z.object({ status: messageStatus([S.ARCHIVED]), reason: reason(), by: by() }), 'The status change, the reason and who made it.'),
  ),
] as const;

export type MessagePayload = PayloadOf<(typeof messageEvents)[number]>;
