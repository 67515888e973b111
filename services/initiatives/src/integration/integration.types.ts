import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';

@ObjectType('IntegrationCriterion', { description: 'A ministry criterion initiatives are scored against (معيار تكامل).' })
export class IntegrationCriterion {
  @Field(() => ID) id!: string;
  @Field() node!: string;
  @Field() nameAr!: string;
  @Field(() => String, { nullable: true }) nameEn!: string | null;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => Float) weight!: number;
  @Field() createdAt!: Date;
  @Field(() => Int) version!: number;
}

@ObjectType('CriterionScore')
export class CriterionScoreType {
  @Field(() => ID) criterionId!: string;
  @Field() nameAr!: string;
  @Field(() => String, { nullable: true }) nameEn!: string | null;
  @Field(() => Float, { description: 'The weight in force when assessed.' }) weight!: number;
  @Field(() => Float, { description: '0 to 100.' }) score!: number;
}

@ObjectType('IntegrationAssessment')
export class IntegrationAssessment {
  @Field(() => ID) id!: string;
  @Field() node!: string;
  @Field(() => ID) initiativeId!: string;
  @Field(() => [CriterionScoreType]) scores!: CriterionScoreType[];
  @Field(() => Float, { description: 'Σ(weight × score) / Σ weight, 0 to 100.' }) weightedScore!: number;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field() assessedBy!: string;
  @Field() assessedAt!: Date;
}

@InputType('DefineIntegrationCriterionInput')
export class DefineIntegrationCriterionInput {
  @Field() nameAr!: string;
  @Field(() => String, { nullable: true }) nameEn?: string | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => Float, { description: 'Relative weight, above 0 and at most 100.' }) weight!: number;
}

@InputType('CriterionScoreInput')
export class CriterionScoreInput {
  @Field(() => ID) criterionId!: string;
  @Field(() => Float) score!: number;
}

@InputType('AssessInitiativeInput')
export class AssessInitiativeInput {
  @Field(() => [CriterionScoreInput]) scores!: CriterionScoreInput[];
  @Field(() => String, { nullable: true }) note?: string | null;
}
