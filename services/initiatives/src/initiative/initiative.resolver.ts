import { Arg, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Axis, MINISTRY, DomainError, isUuid, newId, validId } from '../../../kernel/src/domain';
import { changeAggregate, createAggregate } from '../../../kernel/src/db';
import type { InitiativesContext } from '../context';
import { changeInitiativeStatus, InitiativeStatus, proposeInitiative, updateInitiative, type ParentInitiative } from './initiative';
import { expectedProgress, lateDays, rag, Rag, reportProgress, todayInRiyadh, type ProgressReportState } from './progress';
import { InitiativeRecord, ProgressReportRecord, initiativeAggregate, progressReportRow } from './initiative.entity';
import {
  Initiative,
  InitiativeConnection,
  InitiativeFilter,
  ProgressReport,
  ProgressReportInput,
  ProposeInitiativeInput,
  UpdateInitiativeInput,
} from './initiative.types';
import { listInitiatives } from './initiative.queries';
import { IntegrationAssessment } from '../integration/integration.types';

async function parentOf(em: EntityManager, id: string | null | undefined): Promise<ParentInitiative | null> {
  if (!id || !isUuid(id)) return null;
  return em.findOne(InitiativeRecord, { id }, { fields: ['id', 'node', 'nationalInitiativeId'] });
}

/** Whether a selection set asks for `field`, through fragments too. */
function selects(set: SelectionSetNode | undefined, field: string, info: GraphQLResolveInfo): boolean {
  return (set?.selections ?? []).some((s) =>
    s.kind === Kind.FIELD
      ? s.name.value === field
      : s.kind === Kind.INLINE_FRAGMENT
        ? selects(s.selectionSet, field, info)
        : selects(info.fragments[s.name.value]?.selectionSet, field, info),
  );
}

@Resolver(() => Initiative)
export class InitiativeResolver {
  @Query(() => Initiative, { nullable: true, description: 'One initiative by id, or null.' })
  async initiative(@Arg('id', () => ID) id: string, @Ctx() ctx: InitiativesContext): Promise<InitiativeRecord | null> {
    return ctx.loaders.initiative.load(validId('id', id));
  }

  @Query(() => InitiativeConnection, { description: 'Initiatives newest first, filtered, as a Relay connection.' })
  async initiatives(
    @Ctx() ctx: InitiativesContext,
    @Arg('filter', () => InitiativeFilter, { nullable: true }) filter?: InitiativeFilter,
    @Arg('first', () => Int, { nullable: true, description: '1 to 100; 20 when omitted.' }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return listInitiatives(ctx.em, filter, first, after, {
      count: !info || info.fieldNodes.some((f) => selects(f.selectionSet, 'totalCount', info)),
      today: todayInRiyadh(ctx.clock.now()),
    });
  }

  @Query(() => [Initiative], { description: 'The national initiatives the ministry owns, by code.' })
  async nationalInitiatives(@Ctx() ctx: InitiativesContext, @Arg('axis', () => Axis, { nullable: true }) axis?: Axis): Promise<InitiativeRecord[]> {
    return ctx.em.find(InitiativeRecord, { node: MINISTRY, nationalInitiativeId: null, ...(axis ? { axis } : {}) }, { orderBy: { code: 'asc' } });
  }

  @Mutation(() => Initiative, { description: 'Proposes an initiative owned by this node.' })
  async proposeInitiative(@Arg('input', () => ProposeInitiativeInput) input: ProposeInitiativeInput, @Ctx() ctx: InitiativesContext) {
    return createAggregate(ctx, {
      action: 'initiative.write',
      aggregate: initiativeAggregate,
      read: (em) => parentOf(em, input.nationalInitiativeId),
      decide: (acting, parent) => proposeInitiative(input, parent, acting),
      verify: async (em, state) => {
        if (await em.count(InitiativeRecord, { node: state.node, code: state.code })) {
          throw new DomainError(
            'CONFLICT',
            { en: `An initiative with code ${state.code} already exists at ${state.node}.`, ar: `توجد مبادرة بالرمز ${state.code} لدى ${state.node}.` },
            { field: 'code' },
          );
        }
      },
    });
  }

  @Mutation(() => Initiative, { description: 'Changes the fields given; `version` is the version you last read.' })
  async updateInitiative(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => UpdateInitiativeInput) input: UpdateInitiativeInput,
    @Ctx() ctx: InitiativesContext,
  ) {
    return changeAggregate(ctx, {
      action: 'initiative.write',
      aggregate: initiativeAggregate,
      id,
      version,
      read: (em, state) => parentOf(em, input.nationalInitiativeId !== undefined ? input.nationalInitiativeId : state.nationalInitiativeId),
      decide: (state, parent, actor) => updateInitiative(state, input, parent, actor),
    });
  }

  @Mutation(() => Initiative, { description: 'Moves an initiative along its lifecycle.' })
  async changeInitiativeStatus(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('status', () => InitiativeStatus) status: InitiativeStatus,
    @Ctx() ctx: InitiativesContext,
    @Arg('reason', () => String, { nullable: true }) reason?: string,
  ) {
    return changeAggregate(ctx, {
      action: 'initiative.write',
      aggregate: initiativeAggregate,
      id,
      version,
      decide: (state, _, actor) => changeInitiativeStatus(state, status, reason, actor),
    });
  }

  @Mutation(() => ProgressReport, { description: 'Reports implementation progress on an initiative in progress.' })
  async reportProgress(
    @Arg('initiativeId', () => ID) initiativeId: string,
    @Arg('input', () => ProgressReportInput) input: ProgressReportInput,
    @Ctx() ctx: InitiativesContext,
    @Arg('version', () => Int, { nullable: true, description: 'When given, refused with CONFLICT if the initiative changed since.' }) version?: number,
  ) {
    let report: ProgressReportState | undefined;
    return changeAggregate(ctx, {
      action: 'initiative.write',
      aggregate: initiativeAggregate,
      id: initiativeId,
      version,
      decide: (state, _, actor) => {
        const decided = reportProgress(state, input, { ...actor, id: newId(), node: state.node });
        report = decided.report;
        return decided.event;
      },
      // the report travels in the initiative's event; its own row keeps the history
      then: ({ em }) => em.create(ProgressReportRecord, progressReportRow(report!)),
    });
  }

  @FieldResolver(() => Initiative, { nullable: true, description: 'The national initiative this one rolls up to.' })
  async nationalInitiative(@Root() i: InitiativeRecord, @Ctx() ctx: InitiativesContext) {
    return i.nationalInitiativeId ? ctx.loaders.initiative.load(i.nationalInitiativeId) : null;
  }

  @FieldResolver(() => Number, { description: 'Percent expected by today if work advanced evenly over the planned period.' })
  expectedProgress(@Root() i: InitiativeRecord, @Ctx() ctx: InitiativesContext): number {
    return expectedProgress(i.plannedStart, i.plannedEnd, todayInRiyadh(ctx.clock.now()));
  }

  @FieldResolver(() => Int, { description: 'Days past the planned end while not completed; 0 otherwise.' })
  lateDays(@Root() i: InitiativeRecord, @Ctx() ctx: InitiativesContext): number {
    return lateDays(i, todayInRiyadh(ctx.clock.now()));
  }

  @FieldResolver(() => Rag, { nullable: true, description: 'On track, at risk or off track; null while proposed or cancelled.' })
  rag(@Root() i: InitiativeRecord, @Ctx() ctx: InitiativesContext): Rag | null {
    return rag(i, todayInRiyadh(ctx.clock.now()));
  }

  @FieldResolver(() => [ProgressReport], { description: 'Progress reports, newest first.' })
  async progressReports(@Root() i: InitiativeRecord, @Ctx() ctx: InitiativesContext) {
    return ctx.loaders.progressReports.load(i.id);
  }

  @FieldResolver(() => [IntegrationAssessment], { description: 'Integration assessments, newest first.' })
  async assessments(@Root() i: InitiativeRecord, @Ctx() ctx: InitiativesContext) {
    return ctx.loaders.assessments.load(i.id);
  }
}

@Resolver(() => ProgressReport)
export class ProgressReportResolver {
  @FieldResolver(() => Initiative)
  async initiative(@Root() r: ProgressReportRecord, @Ctx() ctx: InitiativesContext) {
    return ctx.loaders.initiative.load(r.initiativeId);
  }
}
