import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The initiatives service owns Initiative; here it is only its key, to which this service adds `campaigns`. */
@ObjectType('Initiative')
@Directive('@key(fields: "id")')
export class InitiativeReference {
  @Field(() => ID) id!: string;
}
