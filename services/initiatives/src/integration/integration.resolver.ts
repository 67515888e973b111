import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { authorize, requireRoleFor } from '../../../kernel/src/auth';
import { isUuid, notFound, validId } from '../../../kernel/src/domain';
import { createAggregate } from '../../../kernel/src/db';
import type { InitiativesContext } from '../context';
import { InitiativeRecord } from '../initiative/initiative.entity';
import { Initiative } from '../initiative/initiative.types';
import { assessInitiative, defineIntegrationCriterion } from './integration';
import { IntegrationAssessmentRecord, IntegrationCriterionRecord, assessmentAggregate, criterionAggregate, criterionState } from './integration.entity';
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
    return createAggregate(ctx, { action: 'criterion.define', aggregate: criterionAggregate, decide: (acting) => defineIntegrationCriterion(input, acting) });
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
    validId('initiativeId', initiativeId);
    // an assessment is this node's, of an initiative it may assess: owned here, or any when at the ministry
    return createAggregate(ctx, {
      action: 'initiative.assess',
      aggregate: assessmentAggregate,
      read: async (em, caller) => {
        const initiative = await em.findOne(InitiativeRecord, { id: initiativeId });
        if (!initiative) throw notFound('initiative', initiativeId);
        authorize(caller, 'initiative.assess', initiative.node, ctx.origin.node);
        const ids = input.scores.map((s) => s.criterionId).filter(isUuid);
        return { initiative, criteria: (await em.find(IntegrationCriterionRecord, { id: { $in: ids } })).map(criterionState) };
      },
      decide: (acting, { initiative, criteria }) => assessInitiative(initiative.id, input, criteria, acting),
    });
  }

  @FieldResolver(() => Initiative)
  async initiative(@Root() a: IntegrationAssessmentRecord, @Ctx() ctx: InitiativesContext) {
    return ctx.loaders.initiative.load(a.initiativeId);
  }
}
