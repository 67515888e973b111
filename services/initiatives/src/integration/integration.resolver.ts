import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { authorize, requireRoleFor } from '../../../kernel/src/auth';
import { badInput, isUuid, newId, notFound } from '../../../kernel/src/domain';
import { recordEvent } from '../../../kernel/src/events';
import type { InitiativesContext } from '../context';
import { InitiativeRecord } from '../initiative/initiative.entity';
import { Initiative } from '../initiative/initiative.types';
import { assessInitiative, defineIntegrationCriterion } from './integration';
import { IntegrationAssessmentRecord, IntegrationCriterionRecord, assessmentRow, criterionRow, criterionState } from './integration.entity';
import { AssessInitiativeInput, DefineIntegrationCriterionInput, IntegrationAssessment, IntegrationCriterion } from './integration.types';

@Resolver(() => IntegrationAssessment)
export class IntegrationResolver {
  @Query(() => [IntegrationCriterion], { description: "The ministry's integration criteria, oldest first." })
  async integrationCriteria(@Ctx() ctx: InitiativesContext) {
    return ctx.em.find(IntegrationCriterionRecord, {}, { orderBy: { createdAt: 'asc', id: 'asc' } });
  }

  @Mutation(() => IntegrationCriterion, { description: 'Defines an integration criterion; ministry admins only.' })
  async defineIntegrationCriterion(
    @Arg('input', () => DefineIntegrationCriterionInput) input: DefineIntegrationCriterionInput,
    @Ctx() ctx: InitiativesContext,
  ) {
    const caller = authorize(ctx.caller, 'criterion.define', ctx.origin.node, ctx.origin.node);
    return ctx.transact(async (em) => {
      const event = defineIntegrationCriterion(input, { id: newId(), node: ctx.origin.node, by: caller.sub, now: ctx.clock.now() });
      const row = em.create(IntegrationCriterionRecord, criterionRow(event.data.state));
      recordEvent(em, ctx.origin, event, ctx.clock.now());
      return row;
    });
  }

  @Mutation(() => IntegrationAssessment, {
    description: 'Scores an initiative against integration criteria: reviewers and admins of its own node, or of the ministry.',
  })
  async assessInitiative(
    @Arg('initiativeId', () => ID) initiativeId: string,
    @Arg('input', () => AssessInitiativeInput) input: AssessInitiativeInput,
    @Ctx() ctx: InitiativesContext,
  ) {
    requireRoleFor(ctx.caller, 'initiative.assess');
    if (!isUuid(initiativeId)) throw badInput('initiativeId', { en: `"${initiativeId}" is not an id.`, ar: `"${initiativeId}" ليس معرّفاً صالحاً.` });
    return ctx.transact(async (em) => {
      const initiative = await em.findOne(InitiativeRecord, { id: initiativeId });
      if (!initiative) throw notFound('initiative', initiativeId);
      const caller = authorize(ctx.caller, 'initiative.assess', initiative.node, ctx.origin.node);
      const ids = input.scores.map((s) => s.criterionId).filter(isUuid);
      const criteria = (await em.find(IntegrationCriterionRecord, { id: { $in: ids } })).map(criterionState);
      const event = assessInitiative(initiative.id, input, criteria, { id: newId(), node: ctx.origin.node, by: caller.sub, now: ctx.clock.now() });
      const row = em.create(IntegrationAssessmentRecord, assessmentRow(event.data.state));
      recordEvent(em, ctx.origin, event, ctx.clock.now());
      return row;
    });
  }

  @FieldResolver(() => Initiative)
  async initiative(@Root() a: IntegrationAssessmentRecord, @Ctx() ctx: InitiativesContext) {
    return ctx.loaders.initiative.load(a.initiativeId);
  }
}
