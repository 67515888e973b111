import {
  defaultFieldResolver,
  getNullableType,
  GraphQLNonNull,
  GraphQLObjectType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLFieldConfig,
  type GraphQLSchema,
} from 'graphql';
import { MapperKind, mapSchema } from '@graphql-tools/utils';
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { hijriOfDay, toHijri, type HijriDate } from '../domain/hijri';

@ObjectType('HijriDate', { description: 'A date in the Umm al-Qura calendar (Asia/Riyadh), beside its Gregorian value.' })
@Directive('@shareable')
export class HijriDateType {
  @Field(() => Int) year!: number;
  @Field(() => Int, { description: '1 (Muharram) to 12 (Dhu al-Hijjah).' }) month!: number;
  @Field(() => Int) day!: number;
  @Field({ description: 'e.g. «٢٤ شعبان ١٤٣٧ هـ»' }) ar!: string;
  @Field({ description: `e.g. "Sha'ban 24, 1437 AH"` }) en!: string;
  @Field({ description: 'e.g. «شعبان»; the same names as in `ar`.' }) monthNameAr!: string;
  @Field({ description: `e.g. "Sha'ban"; the same names as in \`en\`.` }) monthNameEn!: string;
  @Field(() => Int, { description: 'Day of the week in Asia/Riyadh: 0 (Sunday, the first day of the Saudi week) to 6 (Saturday).' }) weekday!: number;
  @Field({ description: 'e.g. «الأحد»' }) weekdayAr!: string;
  @Field({ description: 'e.g. "Sunday"' }) weekdayEn!: string;
}

/** The scalars that carry a date or a time, and how each becomes a Hijri date. */
const HIJRI_OF: Record<string, (value: unknown) => HijriDate> = {
  DateTime: (v) => toHijri(v instanceof Date ? v : new Date(String(v))),
  LocalDate: (v) => hijriOfDay(String(v)),
};

/** The name of the Hijri sibling of a date or time field. */
export const hijriSiblingName = (field: string): string => `${field}Hijri`;

/**
 * Every DateTime or LocalDate field of every object type gets a sibling `<field>Hijri: HijriDate`, null
 * when the field is; the sibling resolves the field as it would be resolved and converts its value.
 */
export function withHijriSiblings(schema: GraphQLSchema): GraphQLSchema {
  const hijri = schema.getType('HijriDate');
  if (!isObjectType(hijri)) throw new Error('the HijriDate type is missing from the schema');
  return mapSchema(schema, {
    [MapperKind.OBJECT_TYPE]: (type) => {
      const config = type.toConfig();
      const siblings: Record<string, GraphQLFieldConfig<unknown, unknown>> = {};
      for (const [name, field] of Object.entries(config.fields)) {
        const base = getNullableType(field.type);
        const convert = isScalarType(base) ? HIJRI_OF[base.name] : undefined;
        if (!convert) continue;
        const sibling = hijriSiblingName(name);
        if (config.fields[sibling]) throw new Error(`${type.name}.${sibling} is declared by hand; Hijri siblings are added to every date field`);
        const resolve = field.resolve ?? defaultFieldResolver;
        siblings[sibling] = {
          type: isNonNullType(field.type) ? new GraphQLNonNull(hijri) : hijri,
          description: `\`${name}\` in the Umm al-Qura calendar (Asia/Riyadh).`,
          resolve: async (source, _args, context, info) => {
            const value = await resolve(source, {}, context, { ...info, fieldName: name });
            return value == null ? null : convert(value);
          },
        };
      }
      return Object.keys(siblings).length ? new GraphQLObjectType({ ...config, fields: { ...config.fields, ...siblings } }) : type;
    },
  });
}
