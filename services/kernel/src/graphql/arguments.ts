import { defaultFieldResolver, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { storableText } from '../domain/validate';

type Resolver = GraphQLFieldResolver<unknown, unknown, Record<string, unknown>>;
type FieldResolvers = Record<string, Resolver | { subscribe?: Resolver; resolve?: Resolver } | unknown>;

/** Every text in a field's arguments, however deep in lists and inputs, as something the database can store. */
function checkTexts(value: unknown, path: string): void {
  if (typeof value === 'string') storableText(path, value);
  else if (Array.isArray(value)) value.forEach((v, i) => checkTexts(v, `${path}.${i}`));
  else if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    for (const [k, v] of Object.entries(value)) checkTexts(v, `${path}.${k}`);
  }
}

const checked =
  (resolve: Resolver): Resolver =>
  (source, args, context, info) => {
    for (const [name, value] of Object.entries(args)) checkTexts(value, name);
    return resolve(source, args, context, info);
  };

/**
 * Checks the text arguments of every field once, before its resolver, whatever the transport: a NUL
 * byte, broken Unicode or a megabyte of text is BAD_USER_INPUT naming the argument, never a database
 * error. The federation's own fields (`_entities`, `_service`) carry the gateway's data, not a caller's.
 */
export function checkTextArguments(schema: GraphQLSchema, resolvers: Record<string, FieldResolvers>): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (!field.args.length || field.name.startsWith('_')) continue;
      const fields = (resolvers[type.name] ??= {});
      const current = fields[field.name];
      if (current && typeof current === 'object') {
        const r = current as { subscribe?: Resolver; resolve?: Resolver };
        fields[field.name] = { ...r, ...(r.subscribe ? { subscribe: checked(r.subscribe) } : { resolve: checked(r.resolve ?? defaultFieldResolver) }) };
      } else {
        fields[field.name] = checked((current as Resolver | undefined) ?? defaultFieldResolver);
      }
    }
  }
}
