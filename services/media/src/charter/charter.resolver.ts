import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { changeAggregate, createAggregate } from '../../../kernel/src/db';
import type { Actor } from '../../../kernel/src/domain';
import type { MediaContext } from '../context';
import { defineCharterRule, retireCharterRule, reviseCharterRule, type CharterRuleEvent, type CharterRuleState } from './charter';
import { CharterRuleRecord, charterRuleAggregate } from './charter.entity';
import { CharterRule, CharterRuleInput } from './charter.types';

@Resolver(() => CharterRule)
export class CharterResolver {
  @Query(() => [CharterRule], { description: 'The charter as this node has it, oldest rule first; retired rules on request.' })
  async charterRules(@Ctx() ctx: MediaContext, @Arg('includeRetired', { nullable: true }) includeRetired?: boolean) {
    return ctx.em.find(CharterRuleRecord, includeRetired ? {} : { active: true }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  }

  @Mutation(() => CharterRule, { description: 'Adds a rule to the charter; ministry admins only. It applies to every later submission, at every node.' })
  async defineCharterRule(@Arg('input', () => CharterRuleInput) input: CharterRuleInput, @Ctx() ctx: MediaContext) {
    return createAggregate(ctx, { action: 'charter.define', aggregate: charterRuleAggregate, decide: (acting) => defineCharterRule(input, acting) });
  }

  @Mutation(() => CharterRule, { description: 'Replaces a rule with a new version; ministry admins only.' })
  async reviseCharterRule(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => CharterRuleInput) input: CharterRuleInput,
    @Ctx() ctx: MediaContext,
  ) {
    return this.change(ctx, id, version, (state, a) => reviseCharterRule(state, input, a));
  }

  @Mutation(() => CharterRule, { description: 'Takes a rule out of the charter; ministry admins only.' })
  async retireCharterRule(@Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number, @Ctx() ctx: MediaContext) {
    return this.change(ctx, id, version, (state, a) => retireCharterRule(state, a));
  }

  /** The charter is written at the ministry only: authorised there before the rule is read. */
  private async change(ctx: MediaContext, id: string, version: number, decide: (s: CharterRuleState, a: Actor) => CharterRuleEvent) {
    return changeAggregate(ctx, {
      action: 'charter.define',
      aggregate: charterRuleAggregate,
      id,
      version,
      authorizeHere: true,
      decide: (state, _, actor) => decide(state, actor),
    });
  }
}
