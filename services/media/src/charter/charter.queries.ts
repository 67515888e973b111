import type { EntityManager } from '@mikro-orm/postgresql';
import type { MessageState } from '../message/message';
import { checkedTexts } from '../message/message-content';
import { checkText, type CharterRuleState, type Violation } from './charter';
import { CharterRuleRecord, charterRuleState } from './charter.entity';

/** The charter in force at this node, oldest rule first. */
export async function activeRules(em: EntityManager): Promise<CharterRuleState[]> {
  return (await em.find(CharterRuleRecord, { active: true }, { orderBy: { createdAt: 'asc', id: 'asc' } })).map(charterRuleState);
}

/** The charter violations of every variant of a message, as it would go out. */
export const violationsOf = (rules: CharterRuleState[], s: Pick<MessageState, 'variants' | 'campaignId'>): Violation[] =>
  checkedTexts(s).flatMap((t) => checkText(rules, t));
