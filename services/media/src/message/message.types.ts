import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../../../kernel/src/graphql';
import { Channel } from '../channel/channel';
import { MessageOrigin, MessageStatus } from './message';
import { ReviewDecision } from '../review/review';

registerEnumType(MessageStatus, {
  name: 'MessageStatus',
  description: 'DRAFT → IN_REVIEW → APPROVED | CHANGES_REQUESTED → SCHEDULED → PUBLISHED, and ARCHIVED. An edit after approval returns to IN_REVIEW.',
});
registerEnumType(MessageOrigin, { name: 'MessageOrigin', description: 'Written here, localised from a key message, or generated press material.' });
registerEnumType(ReviewDecision, { name: 'ReviewDecision' });

@ObjectType('MessageVariant', { description: 'The message as it goes out on one channel.' })
export class MessageVariant {
  @Field(() => Channel) channel!: Channel;
  @Field() text!: string;
  @Field(() => [String], { description: 'Without #; appended to the text when not already in it.' }) hashtags!: string[];
  @Field(() => [String], { description: 'References to images or videos in the media library.' }) mediaRefs!: string[];
  @Field(() => Date, { nullable: true }) scheduledAt!: Date | null;
  @Field({ description: 'The text as published: text and hashtags.' }) publishedText!: string;
  @Field(() => Int, { description: 'Length counted the way the channel counts (see TextLength).' }) length!: number;
  @Field(() => Int) limit!: number;
  @Field({ description: 'The length and the limit in words, with the unit the channel counts in: «جزءان من رسالة نصية من ٤».' }) lengthAr!: string;
  @Field({ description: 'The same in English: "2 SMS parts of 4", "143 characters of 280".' }) lengthEn!: string;
}

@ObjectType('MessageTransition', { description: 'One step of the workflow: who, when, from, to, and why.' })
export class MessageTransition {
  @Field() at!: Date;
  @Field() by!: string;
  @Field() byNode!: string;
  @Field(() => MessageStatus, { nullable: true }) from!: MessageStatus | null;
  @Field(() => MessageStatus) to!: MessageStatus;
  @Field(() => String, { nullable: true }) comment!: string | null;
  @Field(() => ID, { nullable: true }) reviewId!: string | null;
}

@ObjectType('MediaMessage', { description: 'A media message (رسالة إعلامية) with its per-channel variants and workflow.' })
@Directive('@key(fields: "id")')
export class MediaMessage {
  @Field(() => ID) id!: string;
  @Field({ description: 'The node that owns the message; only it changes it.' }) node!: string;
  @Field(() => MessageOrigin) origin!: MessageOrigin;
  @Field(() => ID, { nullable: true }) campaignId!: string | null;
  @Field(() => ID, { nullable: true }) initiativeId!: string | null;
  @Field(() => ID, { nullable: true }) keyMessageId!: string | null;
  @Field() bodyAr!: string;
  @Field(() => String, { nullable: true }) bodyEn!: string | null;
  @Field(() => MessageStatus) status!: MessageStatus;
  @Field(() => Date, { nullable: true }) publishAt!: Date | null;
  @Field(() => Date, { nullable: true }) publishedAt!: Date | null;
  @Field(() => [String], { description: 'Everyone who wrote the content; none of them may approve it.' }) authors!: string[];
  @Field() createdBy!: string;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
  @Field(() => Int, { description: 'Send it back with a change; a stale version is refused with CONFLICT.' }) version!: number;
}

@ObjectType('MediaMessageConnection')
export class MediaMessageConnection extends Connection(MediaMessage, 'MediaMessage') {}

@InputType('MessageVariantInput')
export class MessageVariantInput {
  @Field({ description: 'A channel code: X, INSTAGRAM, SNAPCHAT, TIKTOK, YOUTUBE, WEBSITE, PRESS, SMS or OUTDOOR.' }) channel!: string;
  @Field() text!: string;
  @Field(() => [String], { nullable: true, description: "Without #; at most the channel's own cap, 30 where it has none." }) hashtags?: string[] | null;
  @Field(() => [String], {
    nullable: true,
    description: 'Paths in the media library, or http, https or media: addresses; at most what the channel takes.',
  })
  mediaRefs?: string[] | null;
  @Field(() => Date, { nullable: true }) scheduledAt?: Date | null;
}

@InputType('DraftMessageInput')
export class DraftMessageInput {
  @Field() bodyAr!: string;
  @Field(() => String, { nullable: true }) bodyEn?: string | null;
  @Field(() => ID, { nullable: true }) campaignId?: string | null;
  @Field(() => ID, { nullable: true }) initiativeId?: string | null;
  @Field(() => [MessageVariantInput], { nullable: true }) variants?: MessageVariantInput[] | null;
}

@InputType('EditMessageInput', { description: 'Only the fields given change; variants, when given, replace them all.' })
export class EditMessageInput {
  @Field(() => String, { nullable: true }) bodyAr?: string | null;
  @Field(() => String, { nullable: true }) bodyEn?: string | null;
  @Field(() => ID, { nullable: true }) campaignId?: string | null;
  @Field(() => ID, { nullable: true }) initiativeId?: string | null;
  @Field(() => [MessageVariantInput], { nullable: true }) variants?: MessageVariantInput[] | null;
}

@InputType('MessageFilter')
export class MessageFilter {
  @Field(() => [String], { nullable: true, description: 'Owner nodes.' }) node?: string[] | null;
  @Field(() => [MessageStatus], { nullable: true }) status?: MessageStatus[] | null;
  @Field(() => [MessageOrigin], { nullable: true }) origin?: MessageOrigin[] | null;
  @Field(() => [ID], { nullable: true }) campaignId?: string[] | null;
  @Field(() => [ID], { nullable: true }) initiativeId?: string[] | null;
  @Field(() => [ID], { nullable: true }) keyMessageId?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'Messages with a variant on one of these channels.' }) channel?: string[] | null;
}
