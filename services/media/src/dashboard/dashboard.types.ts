import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Channel } from '../channel/channel';
import { MessageStatus } from '../message/message';
import { KeyMessage } from '../keymessage/key-message.types';
import '../charter/charter.types';
import '../message/message.types';

/** The initiatives service owns SectorDashboard; this service adds messages, charter compliance and key-message coverage. */
@ObjectType('SectorDashboard')
@Directive('@key(fields: "id")')
export class SectorDashboardReference {
  @Field(() => ID) id!: string;
}

@ObjectType('MessageChannelCount', { description: 'Messages in one status with a variant for one channel.' })
export class MessageChannelCount {
  @Field(() => Channel, { nullable: true, description: 'null: messages with no channel variant yet.' }) channel!: Channel | null;
  @Field(() => MessageStatus) status!: MessageStatus;
  @Field(() => Int) messages!: number;
}

@ObjectType('NodeCharterCompliance', {
  description:
    "How much of a node's submitted messages meet the communication charter: of the messages that went to review at least once (any status since), those with no BLOCKING violation against the charter in force now (the check MediaMessage.violations and approval make).",
})
export class NodeCharterCompliance {
  @Field() node!: string;
  @Field() nodeNameAr!: string;
  @Field() nodeNameEn!: string;
  @Field(() => Int, { description: 'Messages that went to review at least once.' }) submitted!: number;
  @Field(() => Int, { description: 'Of those, the ones with no blocking violation.' }) compliant!: number;
  @Field(() => Float, { nullable: true, description: 'compliant / submitted, in percent to one decimal; null when nothing was submitted.' })
  compliancePercent!: number | null;
}

@ObjectType('NodeKeyMessageCoverage', {
  description: "Which of the ministry's key messages in force a municipality has localised (made a message from, in any status).",
})
export class NodeKeyMessageCoverage {
  @Field() node!: string;
  @Field() nodeNameAr!: string;
  @Field() nodeNameEn!: string;
  @Field(() => Int, { description: 'Key messages in force on the axes of the dashboard.' }) keyMessages!: number;
  @Field(() => Int) localised!: number;
  @Field(() => Float, { nullable: true, description: 'localised / keyMessages, in percent to one decimal; null when there is no key message.' })
  coveragePercent!: number | null;
  @Field(() => [KeyMessage], { description: 'Localised, oldest key message first.' }) localisedKeyMessages!: KeyMessage[];
  @Field(() => [KeyMessage], { description: 'Not localised yet, oldest first.' }) missingKeyMessages!: KeyMessage[];
}
