import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { authorize, requireOwnedHere } from '../../../kernel/src/auth';
import { conflict, newId, notFound, validId } from '../../../kernel/src/domain';
import { recordEvent } from '../../../kernel/src/events';
import type { MediaContext } from '../context';
import { defineCharterRule, retireCharterRule, reviseCharterRule, type CharterRuleEvent, type CharterRuleState } from './charter';
import { CharterRuleRecord, charterRuleRow, charterRuleState } from './charter.entity';
import { CharterRule, CharterRuleInput } from './charter.types';

@Resolver(() => CharterRule)
export class CharterResolver {
  @Query(() => [CharterRule], { description: 'The charter as this node has it, oldest rule first; retired rules on request.' })
  async charterRules(@Ctx() ctx: MediaContext, @Arg('includeRetired', { nullable: true }) includeRetired?: boolean) {
    return ctx.em.find(CharterRuleRecord, includeRetired ? {} : { active: true }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  }

  @Mutation(() => CharterRule, { description: 'Adds a rule to the charter; ministry admins only. It applies to every later submission, at every node.' })
  async defineCharterRule(@Arg('input', () => CharterRuleInput) input: CharterRuleInput, @Ctx() ctx: MediaContext) {
    const caller = authorize(ctx.caller, 'charter.define', ctx.origin.node, ctx.origin.node);
    return ctx.transact(async (em) => {
      const event = defineCharterRule(input, { id: newId(), node: ctx.origin.node, by: caller.sub, now: ctx.clock.now() });
      const row = em.create(CharterRuleRecord, charterRuleRow(event.data.state));
      recordEvent(em, ctx.origin, event, ctx.clock.now());
      return row;
    });
  }

  @Mutation(() => CharterRule, { description: 'Replaces a rule with a new version; ministry admins only.' })
  async reviseCharterRule(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => CharterRuleInput) input: CharterRuleInput,
    @Ctx() ctx: MediaContext,
  ) {
    return this.change(ctx, id, version, (state, by) => reviseCharterRule(state, input, { by, now: ctx.clock.now() }));
  }

  @Mutation(() => CharterRule, { description: 'Takes a rule out of the charter; ministry admins only.' })
  async retireCharterRule(@Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number, @Ctx() ctx: MediaContext) {
    return this.change(ctx, id, version, (state, by) => retireCharterRule(state, { by, now: ctx.clock.now() }));
  }

  private async change(ctx: MediaContext, id: string, version: number, decide: (s: CharterRuleState, by: string) => CharterRuleEvent) {
    const caller = authorize(ctx.caller, 'charter.define', ctx.origin.node, ctx.origin.node);
    return ctx.transact(async (em: EntityManager) => {
      const row = await em.findOne(CharterRuleRecord, { id: validId('id', id) }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!row) throw notFound('charter rule', id);
      requireOwnedHere(row.node, ctx.origin.node);
      if (row.version !== version) throw conflict('charter rule', version, row.version);
      const event = decide(charterRuleState(row), caller.sub);
      em.assign(row, charterRuleRow(event.data.state));
      recordEvent(em, ctx.origin, event, ctx.clock.now());
      return row;
    });
  }
}
