import { GraphQLScalarType } from 'graphql';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Axis } from '../../../kernel/src/domain';

/** The data of an event: an object whose shape its type's JSON Schema describes. */
export const EventDataScalar = new GraphQLScalarType<Record<string, unknown>, Record<string, unknown>>({
  name: 'EventData',
  description: "An event's data, a JSON object; its shape is the JSON Schema of the event's type (schema/events/<type>.json).",
  serialize: (v) => v as Record<string, unknown>,
});

@ObjectType('DomainEvent', { description: 'One event of the streams, as the node took it in: a CloudEvent with its place in the stream.' })
export class DomainEventType {
  @Field(() => ID, { description: 'The event id: the same event never has two; drop a repeat by it.' }) id!: string;
  @Field({ description: 'mmhub.<aggregate>.<verb>.v1, documented in docs/events.md.' }) type!: string;
  @Field({ description: 'The service whose topic carried it: initiatives, calendar or media.' }) service!: string;
  @Field({ description: 'The CloudEvents source: /nodes/<node>/<service>.' }) source!: string;
  @Field({ description: 'The node that owns the aggregate and published the event.' }) node!: string;
  @Field(() => ID, { description: 'The aggregate the event is about.' }) subject!: string;
  @Field({ description: 'When the change was made at its node.' }) time!: Date;
  @Field(() => Int, { description: "The aggregate's version after the change." }) aggregateVersion!: number;
  @Field(() => EventDataScalar) data!: Record<string, unknown>;
  @Field({ description: 'Where this event is in the stream: subscribe again with after: <cursor> to receive every later one.' }) cursor!: string;
}

@InputType('EventFilter', { description: 'Every list is a choice (any of); the fields together must all hold.' })
export class EventFilterInput {
  @Field(() => [String], { nullable: true, description: 'Owner nodes, e.g. riyadh.' }) nodes?: string[];
  @Field(() => [String], { nullable: true, description: 'initiatives, calendar, media.' }) services?: string[];
  @Field(() => [String], { nullable: true, description: 'Event types, or patterns with *: mmhub.initiative.*, *.cancelled.v1.' }) types?: string[];
  @Field(() => [Axis], { nullable: true, description: 'The axis of the aggregate, for those that have one.' }) axis?: Axis[];
  @Field(() => ID, { nullable: true, description: 'One aggregate.' }) subject?: string;
}
