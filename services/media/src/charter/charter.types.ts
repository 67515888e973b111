import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Channel } from '../channel/channel';
import { CharterRuleKind, Severity } from './charter';

registerEnumType(Channel, { name: 'Channel', description: 'The channels a message goes out on.' });
registerEnumType(CharterRuleKind, { name: 'CharterRuleKind', description: 'The kinds of rule of the unified communication charter.' });
registerEnumType(Severity, { name: 'Severity', description: 'BLOCKING stops submission and approval; ADVISORY only informs.' });

@ObjectType('CharterRuleParams', { description: 'What the rule checks; fields its kind does not use are null or empty.' })
export class CharterRuleParamsType {
  @Field(() => String, { nullable: true, description: 'REQUIRED_HASHTAG: the hashtag, without #.' }) hashtag!: string | null;
  @Field(() => ID, { nullable: true, description: 'REQUIRED_HASHTAG: only for this campaign; null for every message.' }) campaignId!: string | null;
  @Field(() => String, { nullable: true, description: 'BANNED_TERM: the term, matched across Arabic spelling variants.' }) term!: string | null;
  @Field(() => [String], { description: 'BANNED_TERM: other spellings banned with it.' }) variants!: string[];
  @Field(() => String, { nullable: true, description: 'REQUIRED_MENTION: the official account, without @.' }) mention!: string | null;
  @Field(() => Int, { nullable: true, description: "MAX_LENGTH: the limit, in the channel's own unit." }) maxLength!: number | null;
  @Field(() => [String], { description: 'LINK_DOMAIN_ALLOWLIST: allowed domains; their subdomains are allowed too.' }) domains!: string[];
}

@ObjectType('CharterRule', { description: 'A rule of the unified communication charter (ميثاق التواصل الموحد); owned by the ministry.' })
export class CharterRule {
  @Field(() => ID) id!: string;
  @Field() node!: string;
  @Field(() => CharterRuleKind) kind!: CharterRuleKind;
  @Field(() => Severity) severity!: Severity;
  @Field(() => [Channel], { description: 'The channels it applies to; empty for every channel.' }) channels!: Channel[];
  @Field(() => CharterRuleParamsType) params!: CharterRuleParamsType;
  @Field(() => String, { nullable: true }) noteAr!: string | null;
  @Field(() => String, { nullable: true }) noteEn!: string | null;
  @Field() active!: boolean;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
  @Field(() => Int) version!: number;
}

@ObjectType('TextSpan', { description: 'Where in the text: UTF-16 offsets, end exclusive, and the text there.' })
export class TextSpan {
  @Field(() => Int) start!: number;
  @Field(() => Int) end!: number;
  @Field() text!: string;
}

@ObjectType('CharterViolation')
export class CharterViolation {
  @Field(() => ID) ruleId!: string;
  @Field(() => CharterRuleKind) kind!: CharterRuleKind;
  @Field(() => Severity) severity!: Severity;
  @Field(() => Channel) channel!: Channel;
  @Field() messageAr!: string;
  @Field() messageEn!: string;
  @Field(() => TextSpan, { nullable: true, description: 'The offending text; null when something is missing.' }) span!: TextSpan | null;
}

@ObjectType('TextLength', { description: 'A text measured the way its channel counts.' })
export class TextLength {
  @Field(() => Channel) channel!: Channel;
  @Field(() => Int) length!: number;
  @Field(() => Int) limit!: number;
  @Field({ description: 'The unit: weighted characters, characters, bytes or SMS parts.' }) unit!: string;
  @Field() withinLimit!: boolean;
  @Field({ description: 'Where the limit comes from.' }) source!: string;
}

@InputType('CharterRuleInput')
export class CharterRuleInput {
  @Field(() => CharterRuleKind) kind!: CharterRuleKind;
  @Field(() => Severity) severity!: Severity;
  @Field(() => [String], { nullable: true, description: 'Channel codes; none for every channel.' }) channels?: string[] | null;
  @Field(() => String, { nullable: true }) hashtag?: string | null;
  @Field(() => ID, { nullable: true }) campaignId?: string | null;
  @Field(() => String, { nullable: true }) term?: string | null;
  @Field(() => [String], { nullable: true, description: 'BANNED_TERM: other spellings banned with it, at most 50.' }) variants?: string[] | null;
  @Field(() => String, { nullable: true }) mention?: string | null;
  @Field(() => Int, { nullable: true }) maxLength?: number | null;
  @Field(() => [String], { nullable: true, description: 'LINK_DOMAIN_ALLOWLIST: allowed domains, at most 50; their subdomains are allowed too.' })
  domains?: string[] | null;
  @Field(() => String, { nullable: true }) noteAr?: string | null;
  @Field(() => String, { nullable: true }) noteEn?: string | null;
}
