import { Field, Float, ObjectType } from 'type-graphql';

@ObjectType('InitiativePair', { description: 'Two initiatives of different nodes that may be the same work (جمع المبادرات), with how alike they are.' })
export class InitiativePair {
  @Field(() => Float, { description: 'Trigram similarity of the Arabic-normalised Arabic titles, 0 to 1.' }) score!: number;
  @Field(() => Float, { nullable: true, description: 'The same measure over the Arabic descriptions, when both have one; not part of the score.' })
  descriptionScore!: number | null;
}
