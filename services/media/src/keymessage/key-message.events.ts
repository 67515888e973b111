import { z } from 'zod';
import {
  aggregateEvents,
  aggregateId,
  axis,
  by,
  describing,
  instant,
  optionalId,
  optionalText,
  nodeCode,
  retired,
  text,
  userId,
  version,
  type PayloadOf,
} from '../../../kernel/src/events/schemas';
import { channel } from '../channel/channel.schema';
import type { KeyMessageState } from './key-message';

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

const keyData = <C extends z.ZodType>(change: C, what: string) => z.object({ state: keyMessageState, change: change.describe(what) });

const K = aggregateEvents('media', 'keymessage');

export const keyMessageEvents = [
  K('defined', 'The ministry wrote a key message.', keyData(keyMessageState, 'The whole new key message.')),
  K('revised', 'The ministry revised a key message.', keyData(z.object({ from: keyMessageState, by: by() }), 'The key message before, and who revised it.')),
  K('retired', 'The ministry retired a key message.', keyData(retired(), 'The key message is no longer active.')),
] as const;

export type KeyMessagePayload = PayloadOf<(typeof keyMessageEvents)[number]>;
