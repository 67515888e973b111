import { Arg, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { Axis, MINISTRY, DomainError, isUuid, newId, validId, notFound } from '../../../kernel/src/domain';
import { authorize, requireRoleFor, requireOwnedHere } from '../../../kernel/src/auth';
import { recordEvent } from '../../../kernel/src/events';
import type { InitiativesContext } from '../context';
import { changeInitiativeStatus, InitiativeStatus, proposeInitiative, updateInitiative, type ParentInitiative } from './initiative';
import { expectedProgress, lateDays, rag, Rag, reportProgress, todayInRiyadh } from './progress';
import { InitiativeRecord, ProgressReportRecord, initiativeRow, initiativeState, progressReportRow } from './initiative.entity';
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

/** Loads an initiative for change, locking its row until the transaction ends. */
async function initiativeForChange(em: EntityManager, id: string, here: string): Promise<InitiativeRecord> {
  const row = await em.findOne(InitiativeRecord, { id: validId('id', id) }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!row) throw notFound('initiative', id);
  requireOwnedHere(row.node, here);
  return row;
}

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
    const caller = authorize(ctx.caller, 'initiative.write', ctx.origin.node, ctx.origin.node);
    return ctx.transact(async (em) => {
      const event = proposeInitiative(input, await parentOf(em, input.nationalInitiativeId), {
        id: newId(),
        node: ctx.origin.node,
        by: caller.sub,
        now: ctx.clock.now(),
      });
      const { state } = event.data;
      if (await em.count(InitiativeRecord, { node: state.node, code: state.code })) {
        throw new DomainError(
          'CONFLICT',
          { en: `An initiative with code ${state.code} already exists at ${state.node}.`, ar: `توجد مبادرة بالرمز ${state.code} لدى ${state.node}.` },
          { field: 'code' },
        );
      }
      const row = em.create(InitiativeRecord, initiativeRow(state));
      recordEvent(em, ctx.origin, event, ctx.clock.now());
      return row;
    });
  }

  @Mutation(() => Initiative, { description: 'Changes the fields given; `version` is the version you last read.' })
  async updateInitiative(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => UpdateInitiativeInput) input: UpdateInitiativeInput,
    @Ctx() ctx: InitiativesContext,
  ) {
    requireRoleFor(ctx.caller, 'initiative.write');
    return ctx.transact(async (em) => {
      const row = await initiativeForChange(em, id, ctx.origin.node);
      const caller = authorize(ctx.caller, 'initiative.write', row.node, ctx.origin.node);
      const parentId = input.nationalInitiativeId !== undefined ? input.nationalInitiativeId : row.nationalInitiativeId;
      const event = updateInitiative(initiativeState(row), input, await parentOf(em, parentId), version, { by: caller.sub, now: ctx.clock.now() });
      em.assign(row, initiativeRow(event.data.state));
      recordEvent(em, ctx.origin, event, ctx.clock.now());
      return row;
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
    requireRoleFor(ctx.caller, 'initiative.write');
    return ctx.transact(async (em) => {
      const row = await initiativeForChange(em, id, ctx.origin.node);
      const caller = authorize(ctx.caller, 'initiative.write', row.node, ctx.origin.node);
      const event = changeInitiativeStatus(initiativeState(row), status, version, reason, { by: caller.sub, now: ctx.clock.now() });
      em.assign(row, initiativeRow(event.data.state));
      recordEvent(em, ctx.origin, event, ctx.clock.now());
      return row;
    });
  }

  @Mutation(() => ProgressReport, { description: 'Reports implementation progress on an initiative in progress.' })
  async reportProgress(
    @Arg('initiativeId', () => ID) initiativeId: string,
    @Arg('input', () => ProgressReportInput) input: ProgressReportInput,
    @Ctx() ctx: InitiativesContext,
    @Arg('version', () => Int, { nullable: true, description: 'When given, refused with CONFLICT if the initiative changed since.' }) version?: number,
  ) {
    requireRoleFor(ctx.caller, 'initiative.write');
    return ctx.transact(async (em) => {
      const row = await initiativeForChange(em, initiativeId, ctx.origin.node);
      const caller = authorize(ctx.caller, 'initiative.write', row.node, ctx.origin.node);
      const { event, report } = reportProgress(initiativeState(row), input, version, {
        id: newId(),
        node: row.node,
        by: caller.sub,
        now: ctx.clock.now(),
      });
      em.assign(row, initiativeRow(event.data.state));
      const saved = em.create(ProgressReportRecord, progressReportRow(report));
      recordEvent(em, ctx.origin, event, ctx.clock.now());
      return saved;
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
