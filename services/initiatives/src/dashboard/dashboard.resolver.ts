import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { Axis, badInput, bySectorOrder, dashboardScope, nodeName, nodesInView, type DashboardScope } from '../../../kernel/src/domain';
import { LocalDateScalar } from '../../../kernel/src/graphql';
import type { InitiativesContext } from '../context';
import { InitiativeStatus } from '../initiative/initiative';
import { todayInRiyadh } from '../initiative/progress';
import { Initiative } from '../initiative/initiative.types';
import { countInitiatives, implementationByNode, rankIntegration, type IntegrationRankRow } from './dashboard.queries';
import { InitiativeCount, IntegrationRank, NodeImplementation, SectorDashboard, SectorDashboardFilter } from './dashboard.types';

const AXIS_ORDER = Object.values(Axis);
const STATUS_ORDER = Object.values(InitiativeStatus);
const MAX_RANKED = 100;

const named = (node: string) => ({ node, nodeNameAr: nodeName(node).nameAr, nodeNameEn: nodeName(node).nameEn });

@Resolver(() => SectorDashboard)
export class SectorDashboardResolver {
  @Query(() => SectorDashboard, {
    description:
      "The sector dashboard over this node's view (at the hub: every node), for the nodes and axes given; each block costs a fixed number of SQL statements.",
  })
  sectorDashboard(@Arg('filter', () => SectorDashboardFilter, { nullable: true }) filter?: SectorDashboardFilter): DashboardScope {
    return dashboardScope(filter);
  }

  @FieldResolver(() => LocalDateScalar, { description: 'The day (Asia/Riyadh) lateness and RAG are measured on.' })
  today(@Ctx() ctx: InitiativesContext): string {
    return todayInRiyadh(ctx.clock.now());
  }

  @FieldResolver(() => [InitiativeCount], { description: 'Initiatives by node × axis × status; only the combinations that occur, by node, axis, status.' })
  async initiativeCounts(@Root() d: DashboardScope, @Ctx() ctx: InitiativesContext): Promise<InitiativeCount[]> {
    const rows = await countInitiatives(ctx.em, d);
    return rows.sort(
      (a, b) =>
        bySectorOrder(a.node, b.node) ||
        AXIS_ORDER.indexOf(a.axis) - AXIS_ORDER.indexOf(b.axis) ||
        STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status),
    );
  }

  @FieldResolver(() => [NodeImplementation], { description: 'Per node the view knows: progress, RAG, lateness.' })
  async implementationByNode(@Root() d: DashboardScope, @Ctx() ctx: InitiativesContext): Promise<NodeImplementation[]> {
    const rows = new Map((await implementationByNode(ctx.em, d, todayInRiyadh(ctx.clock.now()))).map((r) => [r.node, r]));
    return nodesInView(d, { role: ctx.role, node: ctx.origin.node }, rows.keys()).map((node) => {
      const r = rows.get(node);
      return {
        ...named(node),
        initiatives: r?.initiatives ?? 0,
        averageProgress: r?.averageProgress ?? null,
        rag: { onTrack: r?.onTrack ?? 0, atRisk: r?.atRisk ?? 0, offTrack: r?.offTrack ?? 0, notRated: r ? r.initiatives - r.rated : 0 },
        late: r?.late ?? 0,
        averageLateDays: r?.averageLateDays ?? null,
      };
    });
  }

  @FieldResolver(() => [IntegrationRank], { description: 'Initiatives by the weighted score of their latest integration assessment, best first.' })
  async integrationRanking(
    @Root() d: DashboardScope,
    @Ctx() ctx: InitiativesContext,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20, description: `1 to ${MAX_RANKED}.` }) first?: number | null,
  ): Promise<IntegrationRank[]> {
    const n = first ?? 20;
    if (!Number.isInteger(n) || n < 1 || n > MAX_RANKED) {
      throw badInput('first', { en: `first must be between 1 and ${MAX_RANKED}; got ${n}.`, ar: `يجب أن يكون عدد العناصر بين 1 و${MAX_RANKED}؛ القيمة ${n}.` });
    }
    return (await rankIntegration(ctx.em, d, n)).map((r) => ({ ...r, ...named(r.node) }));
  }
}

@Resolver(() => IntegrationRank)
export class IntegrationRankResolver {
  @FieldResolver(() => Initiative)
  async initiative(@Root() r: IntegrationRankRow, @Ctx() ctx: InitiativesContext) {
    return ctx.loaders.initiative.load(r.initiativeId);
  }
}
