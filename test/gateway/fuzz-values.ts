import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  buildSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLOutputType,
} from 'graphql';

// The fuzz test's operations, read from the supergraph, and the values it sends them: valid, hostile or of another type.

/** Ids of records that exist at the fuzzed node, so that some attempts reach the checks past "not found": the test adds them once it has made them. */
export const realIds: string[] = [];

// ---------------------------------------------------------------------------------------------
// The operations: every mutation and every query with arguments, from the supergraph

const schema = buildSchema(readFileSync(join(__dirname, '../../schema/supergraph.graphql'), 'utf8'));

interface Operation {
  kind: 'query' | 'mutation';
  field: GraphQLField<unknown, unknown>;
  document: string;
}

const hasId = (type: GraphQLNamedType): boolean => isObjectType(type) && 'id' in type.getFields();

/**
 * The leaves of the result and its parts (dashboard blocks, targets, Hijri dates), enough to run the
 * field's resolvers; other records it links to only when it is a payload without an id of its own, for
 * the ids of what an accepted mutation changed.
 */
function selection(type: GraphQLOutputType, depth = 0): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if (!isObjectType(named)) return '{ __typename }';
  const parts = ['__typename'];
  for (const f of Object.values(named.getFields())) {
    if (f.args.some((a) => isNonNullType(a.type))) continue;
    const inner = getNamedType(f.type);
    if (isLeafType(inner)) {
      if (depth === 0 || f.name === 'id' || f.name === 'totalCount') parts.push(f.name);
    } else if (depth === 0 && (!hasId(named) || !hasId(inner))) parts.push(`${f.name} ${selection(f.type, depth + 1)}`);
  }
  return `{ ${parts.join(' ')} }`;
}

function operation(kind: Operation['kind'], field: GraphQLField<unknown, unknown>): Operation {
  const declared = field.args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const passed = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  return { kind, field, document: `${kind} Fuzz${declared ? `(${declared})` : ''} { ${field.name}${passed ? `(${passed})` : ''} ${selection(field.type)} }` };
}

export const OPERATIONS: Operation[] = [
  ...Object.values(schema.getMutationType()!.getFields()).map((f) => operation('mutation', f)),
  ...Object.values(schema.getQueryType()!.getFields())
    .filter((f) => f.args.length > 0)
    .map((f) => operation('query', f)),
];

// ---------------------------------------------------------------------------------------------
// The values: each type's valid values, and the hostile families

const MEGABYTE = 'x'.repeat(1024 * 1024);
// over the longest text a field allows, yet under the gateway's body limit
const OVER_LONGEST = 'ب'.repeat(100_001);

// numbers JSON cannot carry are written into the body by hand
const INFINITY = '\u0000fuzz:Infinity';
const MINUS_INFINITY = '\u0000fuzz:-Infinity';
const NAN = '\u0000fuzz:NaN';

const controlled = fc
  .tuple(
    fc.string({ maxLength: 8 }),
    fc.integer({ min: 0, max: 0x1f }).chain((c) => fc.constantFrom(String.fromCharCode(c), '\u007f')),
    fc.string({ maxLength: 8 }),
  )
  .map(([a, c, b]) => `${a}${c}${b}`);
const HOSTILE_TEXT = [
  '\u0000',
  'مبادرة\u0000',
  '\u0000\u0001\u0002\u001b[31m',
  '\u202Eمبادرة\u202C',
  '\u202Dtxt.exe\u202E',
  '\u2066\u2067\u2068\u2069\u200F\u200E',
  '🚀🇸🇦👨‍👩‍👧',
  'مبادرة 🚀 للاختبار',
  '\uD800',
  'a\uDFFFb',
  "'; DROP TABLE initiatives.initiative; --",
  "1' OR '1'='1",
  '" OR 1=1 --',
  '$$; select pg_sleep(10); $$',
  "E'\\x00'",
  '%',
  '_',
  '%_%',
  '\\',
  '\\%\\_',
  '[a-z]*',
  '',
  '   ',
  'null',
  'NaN',
  'Infinity',
  '1e999',
  '0000-01-01',
  '${7*7}{{7*7}}',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  'م'.repeat(301),
  MEGABYTE,
  OVER_LONGEST,
];
/** Text that some field accepts: Arabic titles, codes, channels, audiences, nodes. */
const PLAUSIBLE_TEXT = [
  'مبادرة للاختبار',
  'حملة توعوية',
  'نص',
  'X',
  'WEBSITE',
  'INSTAGRAM',
  'RESIDENTS',
  'riyadh',
  'ministry',
  'jeddah',
  'FUZ-1',
  'https://example.org',
];

const hostileText = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_TEXT) },
  { weight: 2, arbitrary: controlled },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 3, arbitrary: fc.constantFrom(...PLAUSIBLE_TEXT) },
);
const wrongType = fc.oneof(
  fc.constantFrom<unknown>(true, false, 0, -1, 1.5, 1e308, INFINITY, MINUS_INFINITY, NAN, [], {}, { $ne: null }, ['a', 'b'], [[1]]),
  fc.string({ maxLength: 5 }),
);

const day = (d: Date) => d.toISOString().slice(0, 10);
const FAR_DAYS = fc.date({ min: new Date('2097-01-01T00:00:00Z'), max: new Date('2098-12-31T00:00:00Z'), noInvalidDate: true });
const BAD_DAYS = [
  '0000-01-01',
  '0001-01-01',
  '0001-12-31',
  '1899-12-31',
  '2100-01-01',
  '9999-12-31',
  '2026-02-30',
  '2027-02-29',
  '2026-13-01',
  '2026-00-10',
  '2026-01-32',
  '+275760-09-13',
  '-000001-01-01',
  '2026-1-1',
  '2026-01-01T00:00:00Z',
  '٢٠٢٦-٠١-٠١',
  '',
];
const localDate = fc.oneof(
  { weight: 3, arbitrary: FAR_DAYS.map(day) },
  { weight: 4, arbitrary: fc.constantFrom(...BAD_DAYS) },
  { weight: 1, arbitrary: hostileText },
);
const BAD_INSTANTS = [
  '0000-01-01T00:00:00Z',
  '0001-01-01T00:00:00+03:00',
  '9999-12-31T23:59:59Z',
  '2026-02-30T10:00:00+03:00',
  '2026-01-01T25:00:00Z',
  '2026-01-01T10:00:00+24:00',
  '2026-01-01T10:00:00',
  '2026-01-01',
  '+275760-09-13T00:00:00Z',
  'NaN',
  '',
];
const dateTime = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(FAR_DAYS, fc.constantFrom('Z', '+03:00', '-11:00')).map(([d, zone]) => `${day(d)}T09:30:00${zone}`) },
  { weight: 4, arbitrary: fc.constantFrom(...BAD_INSTANTS) },
  { weight: 1, arbitrary: hostileText },
);
// small counts, versions, Hijri years in and out of range, and the edges of a 32-bit integer
const int = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(0, 1, 2, 3, 20, 100, 101, -1, 1399, 1400, 1445, 1500, 1501, 99999, 2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(2 ** 53, 1e308, 0.5, INFINITY, MINUS_INFINITY, NAN, '1') },
);
const float = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(0, 1, 50, 100, 100.5, -0.01, 1e12, 1e13, -1e308, 1e308, Number.MIN_VALUE) },
  { weight: 2, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(INFINITY, MINUS_INFINITY, NAN, '50') },
);
/** Ids of the records made for the run, random ones, and ids no record may have. */
export const id = () =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...realIds) },
    { weight: 2, arbitrary: fc.uuid() },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '0193a000-0000-7000-8000-00000000dead',
        '0193A000-0000-7000-8000-00000000DEAD',
        '0193a000-0000-7000-8000-00000000dead\u0000',
        'not-an-id',
      ),
    },
    { weight: 2, arbitrary: hostileText },
  );

/** Values of a GraphQL input type: mostly of the type, valid or hostile, and sometimes of another type altogether. */
function valueOf(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  const nullable = !isNonNullType(type);
  const inner = getNullableType(type) as GraphQLInputType;
  const ofType = isListType(inner)
    ? fc.oneof(
        { weight: 4, arbitrary: fc.array(valueOf(inner.ofType, depth + 1), { maxLength: 3 }) },
        { weight: 1, arbitrary: valueOf(inner.ofType, depth + 1) },
      )
    : namedValue(inner as GraphQLNamedType, depth);
  return fc.oneof(
    { weight: 16, arbitrary: ofType },
    { weight: 2, arbitrary: wrongType },
    // null where the schema allows it, and where it does not
    { weight: nullable ? 2 : 1, arbitrary: fc.constant(null) },
  );
}

function namedValue(type: GraphQLNamedType, depth: number): fc.Arbitrary<unknown> {
  if (isEnumType(type)) {
    const names = type.getValues().map((v) => v.name);
    return fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...names) },
      { weight: 1, arbitrary: fc.constantFrom(...names.map((n) => n.toLowerCase()), 'UNKNOWN', `${names[0]}'--`) },
    );
  }
  if (isInputObjectType(type)) {
    if (depth > 4) return fc.constant({});
    const fields = Object.values(type.getFields());
    const shape = Object.fromEntries(fields.map((f) => [f.name, valueOf(f.type, depth + 1)]));
    const required = fields.filter((f) => isNonNullType(f.type)).map((f) => f.name);
    return fc.oneof(
      { weight: 8, arbitrary: fc.record(shape, { requiredKeys: required }) },
      // a field the type does not have
      { weight: 1, arbitrary: fc.record(shape, { requiredKeys: required }).map((r) => ({ ...r, notAField: 'x' })) },
    );
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'String':
        return hostileText;
      case 'ID':
        return id();
      case 'Int':
        return int;
      case 'Float':
        return float;
      case 'Boolean':
        return fc.oneof({ weight: 4, arbitrary: fc.boolean() }, { weight: 1, arbitrary: fc.constantFrom<unknown>('true', 0, 1) });
      case 'LocalDate':
        return localDate;
      case 'DateTime':
        return dateTime;
      default:
        return fc.oneof(hostileText, wrongType);
    }
  }
  return wrongType;
}

/** The variables of an operation: each argument's value, or left out when the argument may be, and now and then when it may not. */
export function variablesOf(op: Operation): fc.Arbitrary<Record<string, unknown>> {
  const shape = Object.fromEntries(op.field.args.map((a) => [a.name, valueOf(a.type)]));
  const required = op.field.args.filter((a) => isNonNullType(a.type)).map((a) => a.name);
  return fc.tuple(fc.record(shape, { requiredKeys: required }), fc.nat(40)).map(([variables, n]) => {
    if (n < required.length) delete variables[required[n]];
    return variables;
  });
}

/** The body as the client sends it, with the numbers JSON cannot carry written in by hand. */
export function body(query: string, variables: Record<string, unknown>): string {
  const special = (v: number) => (Number.isNaN(v) ? NAN : v > 0 ? INFINITY : MINUS_INFINITY);
  return JSON.stringify({ query, variables }, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? special(v) : v))
    .replaceAll(JSON.stringify(INFINITY), '1e999')
    .replaceAll(JSON.stringify(MINUS_INFINITY), '-1e999')
    .replaceAll(JSON.stringify(NAN), 'NaN');
}

// ---------------------------------------------------------------------------------------------
// The state: every row of the three services' own tables
