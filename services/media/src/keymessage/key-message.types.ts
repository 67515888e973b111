import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Axis } from '../../../kernel/src/domain';
import { LocalDateScalar } from '../../../kernel/src/graphql';
import { Channel } from '../channel/channel';
import { MessageStatus } from '../message/message';

@ObjectType('KeyMessageVariant', { description: 'The template for one channel.' })
export class KeyMessageVariant {
  @Field(() => Channel) channel!: Channel;
  @Field() template!: string;
  @Field(() => [String]) hashtags!: string[];
}

@ObjectType('KeyMessageLocalisation', { description: 'A node that localised the key message, and the message it made.' })
export class KeyMessageLocalisation {
  @Field() node!: string;
  @Field() nodeNameAr!: string;
  @Field() nodeNameEn!: string;
  @Field(() => ID) messageId!: string;
  @Field(() => MessageStatus) status!: MessageStatus;
  @Field() localisedAt!: Date;
}

@ObjectType('Placeholder', { description: 'A placeholder a key message template may use, e.g. {municipality_name_ar}.' })
export class Placeholder {
  @Field() name!: string;
  @Field() token!: string;
  @Field() aboutAr!: string;
  @Field() aboutEn!: string;
}

@ObjectType('KeyMessage', { description: 'A ministry key message (رسالة رئيسية): a template each node localises with its own values.' })
export class KeyMessage {
  @Field(() => ID) id!: string;
  @Field() node!: string;
  @Field() titleAr!: string;
  @Field(() => String, { nullable: true }) titleEn!: string | null;
  @Field() templateAr!: string;
  @Field(() => String, { nullable: true }) templateEn!: string | null;
  @Field(() => [KeyMessageVariant]) variants!: KeyMessageVariant[];
  @Field(() => ID, { nullable: true }) campaignId!: string | null;
  @Field(() => Axis, { nullable: true }) axis!: Axis | null;
  @Field() active!: boolean;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
  @Field(() => Int) version!: number;
}

@InputType('KeyMessageVariantInput')
export class KeyMessageVariantInput {
  @Field({ description: 'A channel code.' }) channel!: string;
  @Field() template!: string;
  @Field(() => [String], { nullable: true }) hashtags?: string[] | null;
}

@InputType('KeyMessageInput')
export class KeyMessageInput {
  @Field() titleAr!: string;
  @Field(() => String, { nullable: true }) titleEn?: string | null;
  @Field({ description: 'Arabic template with placeholders such as {municipality_name_ar} and {date_hijri}.' }) templateAr!: string;
  @Field(() => String, { nullable: true }) templateEn?: string | null;
  @Field(() => [KeyMessageVariantInput], { nullable: true }) variants?: KeyMessageVariantInput[] | null;
  @Field(() => ID, { nullable: true }) campaignId?: string | null;
  @Field(() => Axis, { nullable: true }) axis?: Axis | null;
}

@InputType('LocaliseKeyMessageInput')
export class LocaliseKeyMessageInput {
  @Field(() => ID, { nullable: true, description: 'The initiative whose title fills {initiative_title_ar}.' }) initiativeId?: string | null;
  @Field(() => ID, { nullable: true, description: "The campaign; the key message's own when omitted." }) campaignId?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'The day for {date_hijri} and {date_gregorian}; today in Riyadh when omitted.' }) date?:
    string | null;
  @Field(() => [String], { nullable: true, description: 'Only these channels; every channel of the key message when omitted.' }) channels?: string[] | null;
}
