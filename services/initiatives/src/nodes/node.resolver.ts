import { Ctx, Query, Resolver } from 'type-graphql';
import { MINISTRY, SECTOR_NODES } from '../../../kernel/src/domain';
import { freshnessOf } from '../../../kernel/src/nodes';
import type { InitiativesContext } from '../context';
import { latest, liveness } from './node-status';
import { NodeStatus } from './node.types';

@Resolver(() => NodeStatus)
export class NodeResolver {
  @Query(() => [NodeStatus], {
    description: 'The nodes this node hears from (the hub: every node; a municipality: itself and the ministry), with the freshness of their data here.',
  })
  async nodes(@Ctx() ctx: InitiativesContext): Promise<NodeStatus[]> {
    const here = ctx.origin.node;
    const [beats, fresh] = await Promise.all([
      ctx.em
        .getConnection()
        .execute<{ node: string; role: string; last: Date }[]>(
          'select node, max(role) as role, max(last_heartbeat_at) as last from "initiatives"."node_heartbeat" group by node',
        ),
      freshnessOf(ctx.em, 'initiatives'),
    ]);
    const beatOf = new Map(beats.map((b) => [b.node, b]));
    const freshOf = new Map(fresh.map((f) => [f.node, f]));
    const known = ctx.role === 'hub' ? SECTOR_NODES.map((n) => n.code) : [here, MINISTRY];
    const codes = [...new Set([...known, ...beatOf.keys(), ...freshOf.keys()])];
    const now = ctx.clock.now();
    return codes.map((code) => {
      const sector = SECTOR_NODES.find((n) => n.code === code);
      const beat = beatOf.get(code);
      const f = freshOf.get(code);
      const lastHeartbeatAt = beat ? new Date(beat.last) : null;
      return {
        code,
        nameAr: sector?.nameAr ?? code,
        nameEn: sector?.nameEn ?? code,
        role: sector?.role ?? beat?.role ?? 'municipality',
        lastHeartbeatAt,
        lastEventAt: f?.lastEventAt ?? null,
        eventsApplied: f?.eventsApplied ?? 0,
        lagSeconds: f?.lagSeconds ?? null,
        // this node answers this very query
        status:
          code === here ? liveness(now, now, ctx.nodeStaleAfterSeconds) : liveness(latest(lastHeartbeatAt, f?.lastAppliedAt), now, ctx.nodeStaleAfterSeconds),
      };
    });
  }
}
