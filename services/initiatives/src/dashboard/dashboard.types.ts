import { Directive, Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Axis } from '../../../kernel/src/domain';
import { InitiativeStatus } from '../initiative/initiative';

@InputType('SectorDashboardFilter', { description: 'Every list given narrows the dashboard; none: the whole sector as this node sees it.' })
export class SectorDashboardFilter {
  @Field(() => [String], { nullable: true, description: 'Owner nodes.' }) node?: string[] | null;
  @Field(() => [Axis], { nullable: true }) axis?: Axis[] | null;
}

@ObjectType('SectorDashboard', {
  description:
    'The sector in figures (مراقبة تنفيذ المبادرات): the initiatives service gives initiatives, implementation and integration; the calendar service adds campaigns by month, the media service messages, charter compliance and key-message coverage.',
})
@Directive('@key(fields: "id")')
export class SectorDashboard {
  @Field(() => ID, {
    description: 'The filter in a stable form every service reads: "sector-dashboard", or e.g. "sector-dashboard?axis=E_SERVICES&node=jeddah,riyadh".',
  })
  id!: string;
  @Field(() => [String], { description: 'The nodes asked for; empty: every node the view knows.' }) nodes!: string[];
  @Field(() => [Axis], { description: 'The axes asked for; empty: all.' }) axes!: Axis[];
}

@ObjectType('InitiativeCount', { description: 'How many initiatives one node has on one axis in one status.' })
export class InitiativeCount {
  @Field() node!: string;
  @Field(() => Axis) axis!: Axis;
  @Field(() => InitiativeStatus) status!: InitiativeStatus;
  @Field(() => Int) count!: number;
}

@ObjectType('RagCounts', { description: 'Initiatives by RAG rating (see Initiative.rag).' })
export class RagCounts {
  @Field(() => Int) onTrack!: number;
  @Field(() => Int) atRisk!: number;
  @Field(() => Int) offTrack!: number;
  @Field(() => Int, { description: 'Proposed or cancelled: not rated.' }) notRated!: number;
}

@ObjectType('NodeImplementation', { description: "One node's implementation of its initiatives, as of `SectorDashboard.today`." })
export class NodeImplementation {
  @Field() node!: string;
  @Field() nodeNameAr!: string;
  @Field() nodeNameEn!: string;
  @Field(() => Int) initiatives!: number;
  @Field(() => Float, {
    nullable: true,
    description: 'Mean percent complete of the rated initiatives (approved, in progress, suspended, completed), to one decimal; null when none.',
  })
  averageProgress!: number | null;
  @Field(() => RagCounts) rag!: RagCounts;
  @Field(() => Int, { description: 'Initiatives past their planned end and not completed or cancelled (Initiative.lateDays > 0).' }) late!: number;
  @Field(() => Float, { nullable: true, description: 'Mean days late of those, to one decimal; null when none is late.' }) averageLateDays!: number | null;
}

@ObjectType('IntegrationRank', { description: "An initiative's latest integration assessment and its place in the ranking." })
export class IntegrationRank {
  @Field(() => Int, { description: '1 for the best score; equal scores share a rank (1, 2, 2, 4).' }) rank!: number;
  @Field(() => Float, { description: 'The weighted score of the latest assessment, 0 to 100.' }) score!: number;
  @Field({ description: "The initiative's owner node." }) node!: string;
  @Field() nodeNameAr!: string;
  @Field() nodeNameEn!: string;
  @Field(() => ID) initiativeId!: string;
  @Field(() => ID) assessmentId!: string;
  @Field() assessedAt!: Date;
  @Field({ description: 'The node whose reviewer made the assessment.' }) assessorNode!: string;
}
