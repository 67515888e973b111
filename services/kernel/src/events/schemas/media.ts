import { z } from 'zod';
import type { MessageState } from '../../../../media/src/message/message';
import type { ReviewState } from '../../../../media/src/review/review';
import type { CharterRuleState } from '../../../../media/src/charter/charter';
import type { KeyMessageState } from '../../../../media/src/keymessage/key-message';
import { aggregateId, axis, by, fromTo, instant, nodeCode, optionalId, optionalInstant, optionalText, reason, statusChange, text, userId, version } from './common';
import { defineEvent, type EventDefinition } from './event';
import { describing } from './wire';

const CHANNELS = ['X', 'INSTAGRAM', 'SNAPCHAT', 'TIKTOK', 'YOUTUBE', 'WEBSITE', 'PRESS', 'SMS', 'OUTDOOR'] as const;
const MESSAGE_STATUSES = ['DRAFT', 'IN_REVIEW', 'APPROVED', 'CHANGES_REQUESTED', 'SCHEDULED', 'PUBLISHED', 'ARCHIVED'] as const;
const ORIGINS = ['AUTHORED', 'KEY_MESSAGE', 'PRESS_RELEASE', 'FACT_SHEET'] as const;
const DECISIONS = ['APPROVE', 'REQUEST_CHANGES'] as const;
const RULE_KINDS = ['REQUIRED_HASHTAG', 'BANNED_TERM', 'REQUIRED_MENTION', 'MAX_LENGTH', 'ARABIC_REQUIRED', 'LINK_DOMAIN_ALLOWLIST'] as const;
const SEVERITIES = ['BLOCKING', 'ADVISORY'] as const;

const channel = () => z.enum(CHANNELS).describe('A channel code.');

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
    from: z.enum(MESSAGE_STATUSES).nullable().describe('The status before; null for the draft.'),
    to: z.enum(MESSAGE_STATUSES).describe('The status after.'),
    comment: optionalText('The comment or reason given.'),
    reviewId: optionalId('The review that made this transition, if any.'),
  })
  .meta({ id: 'Transition', title: 'Workflow transition' });

export const messageState = describing<MessageState>()(
  z
    .object({
      id: aggregateId('The message (UUID v7, minted by its owner node).'),
      node: nodeCode(),
      origin: z.enum(ORIGINS).describe('Where the message came from.'),
      campaignId: optionalId('The campaign it belongs to.'),
      initiativeId: optionalId('The initiative it speaks of.'),
      keyMessageId: optionalId('The key message it localises.'),
      bodyAr: text('The Arabic body.'),
      bodyEn: optionalText('The English body.'),
      variants: z.array(variant).describe('One variant per channel.'),
      status: z.enum(MESSAGE_STATUSES).describe('DRAFT → IN_REVIEW → APPROVED or CHANGES_REQUESTED → SCHEDULED → PUBLISHED, ARCHIVED.'),
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

export const reviewState = describing<ReviewState>()(
  z
    .object({
      id: aggregateId('The review.'),
      node: nodeCode('Where the decision was taken (its owner).'),
      messageId: aggregateId('The message reviewed.'),
      messageNode: nodeCode("The message's owner node."),
      messageVersion: z.number().int().min(1).describe('The message version the reviewer read.'),
      decision: z.enum(DECISIONS).describe('The decision.'),
      comment: optionalText('The comment (required to request changes).'),
      reviewerId: userId('The reviewer'),
      reviewerNode: nodeCode("The reviewer's node."),
      remote: z.boolean().describe("Decided away from the message's owner (the ministry on a national campaign's message), to be applied there."),
      decidedAt: instant('When.'),
      version: version(),
    })
    .meta({ id: 'ReviewState', title: 'Review', description: 'A review decision (مراجعة).' }),
);

export const charterRuleState = describing<CharterRuleState>()(
  z
    .object({
      id: aggregateId('The rule.'),
      node: nodeCode('Always `ministry`: the charter is written there.'),
      kind: z.enum(RULE_KINDS).describe('The kind of rule.'),
      severity: z.enum(SEVERITIES).describe('BLOCKING refuses submission and approval; ADVISORY warns.'),
      channels: z.array(channel()).describe('The channels it applies to; empty means every channel.'),
      params: z
        .object({
          hashtag: z.string().nullable(),
          campaignId: z.guid().nullable(),
          term: z.string().nullable(),
          variants: z.array(z.string()),
          mention: z.string().nullable(),
          maxLength: z.number().int().nullable(),
          domains: z.array(z.string()),
        })
        .describe("What the rule needs, by kind; fields its kind does not use are null or empty."),
      noteAr: optionalText('An Arabic note shown with a violation.'),
      noteEn: optionalText('An English note shown with a violation.'),
      active: z.boolean().describe('False once retired.'),
      createdBy: userId('Who defined it'),
      createdAt: instant('When it was defined.'),
      updatedAt: instant('When it last changed.'),
      version: version(),
    })
    .meta({ id: 'CharterRuleState', title: 'Charter rule', description: 'A rule of the unified communication charter (ميثاق التواصل الموحد).' }),
);

export const keyMessageState = describing<KeyMessageState>()(
  z
    .object({
      id: aggregateId('The key message.'),
      node: nodeCode('Always `ministry`: key messages are written there.'),
      titleAr: text('The Arabic title.'),
      titleEn: optionalText('The English title.'),
      templateAr: text('The Arabic template, with {placeholders}.'),
      templateEn: optionalText('The English template.'),
      variants: z
        .array(z.object({ channel: channel(), template: text('The template for that channel.'), hashtags: z.array(z.string()) }))
        .describe('One template per channel.'),
      campaignId: optionalId('The campaign it belongs to.'),
      axis: axis().nullable(),
      active: z.boolean().describe('False once retired.'),
      createdBy: userId('Who wrote it'),
      createdAt: instant('When it was written.'),
      updatedAt: instant('When it last changed.'),
      version: version(),
    })
    .meta({ id: 'KeyMessageState', title: 'Key message', description: 'A ministry key message (رسالة رئيسية), localised by every node.' }),
);

const messageData = (change: z.ZodType, what: string) => z.object({ state: messageState, change: change.describe(what) });
const messageStatus = (to: readonly [string, ...string[]]) => statusChange(MESSAGE_STATUSES, to);
const reviewed = (to: string) =>
  messageData(
    z.object({ status: messageStatus([to]), comment: optionalText("The reviewer's comment."), by: userId('The reviewer'), byNode: nodeCode("The reviewer's node."), reviewId: aggregateId('The review.') }),
    'The status change and the review that made it.',
  );

const messageEdits = z
  .object({
    bodyAr: fromTo(z.string()),
    bodyEn: fromTo(z.string().nullable()),
    campaignId: fromTo(z.guid().nullable()),
    initiativeId: fromTo(z.guid().nullable()),
    variants: fromTo(z.array(variant)),
    status: statusChange(MESSAGE_STATUSES, ['IN_REVIEW']).describe('Present when an edit after approval sent the message back to review.'),
  })
  .partial();

const M = (verb: string, summary: string, data: z.ZodType) => defineEvent('media', 'message', verb, summary, data);
const ruleData = (change: z.ZodType, what: string) => z.object({ state: charterRuleState, change: change.describe(what) });
const keyData = (change: z.ZodType, what: string) => z.object({ state: keyMessageState, change: change.describe(what) });
const retired = () => z.object({ active: z.object({ from: z.literal(true), to: z.literal(false) }), by: by() });

export const mediaEvents: EventDefinition[] = [
  M('drafted', 'A media message was drafted at its owner node (DRAFT, version 1).', messageData(messageState, 'The whole new message.')),
  M('edited', "A message's content changed; after approval, the edit sends it back to review.", messageData(messageEdits, 'Each field that changed, before and after.')),
  M(
    'submitted',
    'A message was sent to review (IN_REVIEW).',
    messageData(z.object({ status: messageStatus(['IN_REVIEW']), comment: optionalText('A comment for the reviewer.'), by: by() }), 'The status change and who made it.'),
  ),
  M('approved', 'A reviewer approved a message.', reviewed('APPROVED')),
  M('changesrequested', 'A reviewer asked for changes to a message.', reviewed('CHANGES_REQUESTED')),
  M(
    'scheduled',
    'An approved message was scheduled for publication.',
    messageData(z.object({ status: messageStatus(['SCHEDULED']), publishAt: optionalInstant('When it goes out.'), by: by() }), 'The status change, the time set and who set it.'),
  ),
  M('published', 'A message went out.', messageData(z.object({ status: messageStatus(['PUBLISHED']), by: by() }), 'The status change and who recorded it.')),
  M('archived', 'A message was archived (final).', messageData(z.object({ status: messageStatus(['ARCHIVED']), reason: reason(), by: by() }), 'The status change, the reason and who made it.')),
  defineEvent(
    'media',
    'review',
    'decided',
    "A review decision was taken; when `remote`, the message's owner node applies it.",
    z.object({ state: reviewState, change: reviewState.describe('The whole decision.') }),
  ),
  defineEvent('media', 'charterrule', 'defined', 'The ministry added a rule to the charter.', ruleData(charterRuleState, 'The whole new rule.')),
  defineEvent('media', 'charterrule', 'revised', 'The ministry replaced a charter rule with a new version.', ruleData(z.object({ from: charterRuleState, by: by() }), 'The rule before, and who revised it.')),
  defineEvent('media', 'charterrule', 'retired', 'The ministry took a rule out of the charter.', ruleData(retired(), 'The rule is no longer active.')),
  defineEvent('media', 'keymessage', 'defined', 'The ministry wrote a key message.', keyData(keyMessageState, 'The whole new key message.')),
  defineEvent('media', 'keymessage', 'revised', 'The ministry revised a key message.', keyData(z.object({ from: keyMessageState, by: by() }), 'The key message before, and who revised it.')),
  defineEvent('media', 'keymessage', 'retired', 'The ministry retired a key message.', keyData(retired(), 'The key message is no longer active.')),
];
