import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { NodeLiveness } from './node-status';

registerEnumType(NodeLiveness, {
  name: 'NodeLiveness',
  description: 'LIVE: heard from within the threshold; STALE: heard from before, its data as last seen; SILENT: never heard from.',
});

@ObjectType('NodeStatus', { description: 'A node of the federation, and how fresh its data is here.' })
export class NodeStatus {
  @Field() code!: string;
  @Field() nameAr!: string;
  @Field() nameEn!: string;
  @Field() role!: string;
  @Field(() => Date, { nullable: true, description: 'Its last heartbeat received here.' }) lastHeartbeatAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'When its newest event applied here happened.' }) lastEventAt!: Date | null;
  @Field(() => Int, { description: 'Its events applied here by this service.' }) eventsApplied!: number;
  @Field(() => Float, { nullable: true, description: 'How long its newest event took to be applied here.' }) lagSeconds!: number | null;
  @Field(() => NodeLiveness) status!: NodeLiveness;
}
