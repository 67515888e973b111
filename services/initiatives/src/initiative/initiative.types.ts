import { Directive, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Axis } from '../../../kernel/src/domain';
import { Connection, LocalDateScalar } from '../../../kernel/src/graphql';
import { InitiativeStatus } from './initiative';
import { Rag } from './progress';

registerEnumType(InitiativeStatus, {
  name: 'InitiativeStatus',
  description: 'PROPOSED → APPROVED → IN_PROGRESS → COMPLETED, with SUSPENDED and CANCELLED.',
});
registerEnumType(Rag, { name: 'Rag', description: 'Red/amber/green rating of implementation against plan.' });

@ObjectType('Target', { description: 'A KPI the initiative aims at.' })
export class TargetType {
  @Field() kpi!: string;
  @Field() unit!: string;
  @Field(() => Float) targetValue!: number;
  @Field(() => String, { nullable: true, description: 'The KPI in English, for English press texts.' }) kpiEn?: string | null;
  @Field(() => String, { nullable: true, description: 'Its unit in English.' }) unitEn?: string | null;
}

@ObjectType('KpiActual')
export class KpiActualType {
  @Field() kpi!: string;
  @Field(() => Float) value!: number;
}

@ObjectType('ProgressReport', { description: 'A report of implementation progress (مراقبة تنفيذ المبادرات).' })
export class ProgressReport {
  @Field(() => ID) id!: string;
  @Field(() => ID) initiativeId!: string;
  @Field() node!: string;
  @Field(() => Float) percentComplete!: number;
  @Field(() => [KpiActualType]) kpiActuals!: KpiActualType[];
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field() reportedAt!: Date;
  @Field() reportedBy!: string;
}

@ObjectType('Initiative', { description: 'A municipal or national initiative (مبادرة).' })
@Directive('@key(fields: "id")')
export class Initiative {
  @Field(() => ID) id!: string;
  @Field({ description: 'The node that owns the initiative; only it can change it.' }) node!: string;
  @Field() code!: string;
  @Field() titleAr!: string;
  @Field(() => String, { nullable: true }) titleEn!: string | null;
  @Field(() => String, { nullable: true }) descriptionAr!: string | null;
  @Field(() => String, { nullable: true }) descriptionEn!: string | null;
  @Field(() => Axis) axis!: Axis;
  @Field(() => ID, { nullable: true }) nationalInitiativeId!: string | null;
  @Field(() => InitiativeStatus) status!: InitiativeStatus;
  @Field(() => LocalDateScalar) plannedStart!: string;
  @Field(() => LocalDateScalar) plannedEnd!: string;
  @Field(() => [TargetType]) targets!: TargetType[];
  @Field(() => Float, { description: 'Percent complete as last reported.' }) percentComplete!: number;
  @Field(() => Date, { nullable: true }) lastReportedAt!: Date | null;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
  @Field(() => Int, { description: 'Send it back with a change; a stale version is refused with CONFLICT.' }) version!: number;
}

@ObjectType('InitiativeConnection')
export class InitiativeConnection extends Connection(Initiative, 'Initiative') {}

@InputType('TargetInput')
export class TargetInput {
  @Field() kpi!: string;
  @Field() unit!: string;
  @Field(() => Float) targetValue!: number;
  @Field(() => String, { nullable: true, description: 'The KPI in English, for English press texts.' }) kpiEn?: string | null;
  @Field(() => String, { nullable: true, description: 'Its unit in English.' }) unitEn?: string | null;
}

@InputType('ProposeInitiativeInput')
export class ProposeInitiativeInput {
  @Field({ description: 'Unique within the node, e.g. RUH-2026-014.' }) code!: string;
  @Field() titleAr!: string;
  @Field(() => String, { nullable: true }) titleEn?: string | null;
  @Field(() => String, { nullable: true }) descriptionAr?: string | null;
  @Field(() => String, { nullable: true }) descriptionEn?: string | null;
  @Field(() => Axis) axis!: Axis;
  @Field(() => ID, { nullable: true, description: 'The national initiative this one rolls up to.' }) nationalInitiativeId?: string | null;
  @Field(() => LocalDateScalar) plannedStart!: string;
  @Field(() => LocalDateScalar) plannedEnd!: string;
  @Field(() => [TargetInput], { nullable: true }) targets?: TargetInput[] | null;
}

@InputType('UpdateInitiativeInput', { description: 'Only the fields given change.' })
export class UpdateInitiativeInput {
  @Field(() => String, { nullable: true }) titleAr?: string;
  @Field(() => String, { nullable: true }) titleEn?: string | null;
  @Field(() => String, { nullable: true }) descriptionAr?: string | null;
  @Field(() => String, { nullable: true }) descriptionEn?: string | null;
  @Field(() => Axis, { nullable: true }) axis?: Axis;
  @Field(() => ID, { nullable: true }) nationalInitiativeId?: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) plannedStart?: string;
  @Field(() => LocalDateScalar, { nullable: true }) plannedEnd?: string;
  @Field(() => [TargetInput], { nullable: true }) targets?: TargetInput[] | null;
}

@InputType('InitiativeFilter')
export class InitiativeFilter {
  @Field(() => [String], { nullable: true, description: 'Owner nodes.' }) node?: string[] | null;
  @Field(() => [Axis], { nullable: true }) axis?: Axis[] | null;
  @Field(() => [InitiativeStatus], { nullable: true }) status?: InitiativeStatus[] | null;
  @Field(() => [Rag], {
    nullable: true,
    description: 'RAG as of today (Asia/Riyadh), as `Initiative.rag` gives it; proposed and cancelled initiatives are not rated, so never match.',
  })
  rag?: Rag[] | null;
  @Field(() => ID, { nullable: true, description: 'Initiatives rolling up to this national initiative.' }) nationalInitiative?: string | null;
  @Field(() => String, { nullable: true, description: 'Arabic-aware search over codes, titles and descriptions; at most 200 characters.' })
  search?: string | null;
}

@InputType('KpiActualInput')
export class KpiActualInput {
  @Field() kpi!: string;
  @Field(() => Float) value!: number;
}

@InputType('ProgressReportInput')
export class ProgressReportInput {
  @Field(() => Float, { description: '0 to 100.' }) percentComplete!: number;
  @Field(() => [KpiActualInput], { nullable: true }) kpiActuals?: KpiActualInput[] | null;
  @Field(() => String, { nullable: true }) note?: string | null;
}
