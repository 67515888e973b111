import { z } from 'zod';
import {
  aggregateEvents,
  aggregateId,
  by,
  describing,
  instant,
  nodeCode,
  optionalText,
  retired,
  userId,
  version,
  type PayloadOf,
} from '../../../kernel/src/events/schemas';
import { channel } from '../channel/channel.schema';
import { CharterRuleKind, Severity, type CharterRuleState } from './charter';

export const charterRuleState = describing<CharterRuleState>()(
  z
    .object({
      id: aggregateId('The rule.'),
      node: nodeCode('Always `ministry`: the charter is written there.'),
      kind: z.enum(CharterRuleKind).describe('The kind of rule.'),
      severity: z.enum(Severity).describe('BLOCKING refuses submission and approval; ADVISORY warns.'),
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
        .describe('What the rule needs, by kind; fields its kind does not use are null or empty.'),
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

const ruleData = <C extends z.ZodType>(change: C, what: string) => z.object({ state: charterRuleState, change: change.describe(what) });

const R = aggregateEvents('media', 'charterrule');

export const charterRuleEvents = [
  R('defined', 'The ministry added a rule to the charter.', ruleData(charterRuleState, 'The whole new rule.')),
  R(
    'revised',
    'The ministry replaced a charter rule with a new version.',
    ruleData(z.object({ from: charterRuleState, by: by() }), 'The rule before, and who revised it.'),
  ),
  R('retired', 'The ministry took a rule out of the charter.', ruleData(retired(), 'The rule is no longer active.')),
] as const;

export type CharterRulePayload = PayloadOf<(typeof charterRuleEvents)[number]>;
