import { Directive, Field, Int, ObjectType } from 'type-graphql';

@ObjectType('HijriDate', { description: 'A date in the Umm al-Qura calendar (Asia/Riyadh), beside its Gregorian value.' })
@Directive('@shareable')
export class HijriDateType {
  @Field(() => Int) year!: number;
  @Field(() => Int, { description: '1 (Muharram) to 12 (Dhu al-Hijjah).' }) month!: number;
  @Field(() => Int) day!: number;
  @Field({ description: 'e.g. «٢٤ شعبان ١٤٣٧ هـ»' }) ar!: string;
  @Field({ description: `e.g. "Sha'ban 24, 1437 AH"` }) en!: string;
}
