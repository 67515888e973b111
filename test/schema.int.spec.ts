import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  buildASTSchema,
  findBreakingChanges,
  getNamedType,
  getNullableType,
  isNonNullType,
  isObjectType,
  isScalarType,
  Kind,
  parse,
  printSchema,
  visit,
  type FieldDefinitionNode,
  type GraphQLSchema,
  type ObjectTypeDefinitionNode,
} from 'graphql';
import { parse as parseYaml } from 'yaml';
import { writeSchemas } from '../cli/compose';
import { services } from '../cli/services';
import { permissionsTable } from '../cli/permissions-table';
import { apiSchema } from '../gateway/src/compose';
import { PERMISSIONS, type Permission } from '../services/kernel/src/auth';

const ROOT = path.resolve(__dirname, '..');
const committed = path.join(ROOT, 'schema');

/** A breaking change someone has decided clients will be told of, with why. */
interface Acknowledged {
  type: string;
  description: string;
  reason: string;
}
const ACKNOWLEDGED_FILE = 'schema/breaking-changes-acknowledged.json';

/**
 * The supergraph clients were last given: the committed one at SCHEMA_BASELINE (a git revision, HEAD
 * when unset, the target branch in a merge check); where there is no git history, the file in schema/.
 */
function baselineSupergraph(): { source: string; sdl: string } {
  const revision = process.env.SCHEMA_BASELINE;
  let why = 'no git history here';
  if (revision || existsSync(path.join(ROOT, '.git'))) {
    const at = revision ?? 'HEAD';
    try {
      const sdl = execFileSync('git', ['show', `${at}:schema/supergraph.graphql`], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      return { source: `schema/supergraph.graphql at ${at}`, sdl };
    } catch (e) {
      // a baseline asked for by name must be found; the default one may be missing (git absent, nothing committed yet)
      if (revision) throw new Error(`SCHEMA_BASELINE=${revision}: git cannot show schema/supergraph.graphql there: ${(e as Error).message}`);
      why = `git cannot show it at HEAD`;
    }
  }
  return { source: `schema/supergraph.graphql as it is in this tree (${why})`, sdl: readFileSync(path.join(committed, 'supergraph.graphql'), 'utf8') };
}

/** Changes from `before` to `after` that can break a client, less those acknowledged. */
function unacknowledgedBreakingChanges(before: GraphQLSchema, after: GraphQLSchema, acknowledged: Acknowledged[]) {
  return findBreakingChanges(before, after)
    .filter((c) => !acknowledged.some((a) => a.type === c.type && a.description === c.description))
    .map((c) => ({ type: String(c.type), description: c.description }));
}

const fresh = mkdtempSync(path.join(os.tmpdir(), 'mmhub-schema-'));
let files: string[];
beforeAll(async () => {
  files = await writeSchemas(fresh);
});

describe('schema/', () => {
  it('holds exactly what a fresh composition of the subgraphs writes', async () => {
    for (const file of files) {
      const name = path.basename(file);
      expect({ name, sdl: readFileSync(path.join(committed, name), 'utf8') }).toEqual({ name, sdl: readFileSync(file, 'utf8') });
    }
    expect(
      readdirSync(committed)
        .filter((f) => f.endsWith('.graphql'))
        .sort(),
    ).toEqual(files.map((f) => path.basename(f)).sort());
  });

  it('api.graphql is the schema clients see through the gateway, for their code generators', () => {
    const api = buildASTSchema(parse(readFileSync(path.join(committed, 'api.graphql'), 'utf8')));
    expect(printSchema(api)).toBe(printSchema(apiSchema(readFileSync(path.join(committed, 'supergraph.graphql'), 'utf8'))));
    expect(api.getDirective('join__graph')).toBeUndefined();
  });

  it('supergraph.yaml gives rover every subgraph, its committed SDL and the address the supergraph routes to', () => {
    const config = parseYaml(readFileSync(path.join(ROOT, 'supergraph.yaml'), 'utf8')) as {
      subgraphs: Record<string, { routing_url: string; schema: { file: string } }>;
    };
    const routed = Object.fromEntries(
      [...readFileSync(path.join(committed, 'supergraph.graphql'), 'utf8').matchAll(/@join__graph\(name: "(\w+)", url: "([^"]+)"\)/g)].map((m) => [m[1], m[2]]),
    );
    expect(Object.keys(config.subgraphs).sort()).toEqual(services.map((s) => s.name).sort());
    for (const [name, sub] of Object.entries(config.subgraphs)) {
      expect({ name, url: sub.routing_url }).toEqual({ name, url: routed[name] });
      expect({ name, file: path.normalize(sub.schema.file) }).toEqual({ name, file: `schema/${name}.graphql` });
      expect(existsSync(path.join(ROOT, sub.schema.file))).toBe(true);
    }
  });

  const baseline = baselineSupergraph();
  it(`breaks nothing a client of ${baseline.source} relies on, unless acknowledged`, () => {
    const acknowledged = JSON.parse(readFileSync(path.join(ROOT, ACKNOWLEDGED_FILE), 'utf8')) as Acknowledged[];
    expect(acknowledged.filter((a) => !a.type || !a.description || !a.reason?.trim())).toEqual([]);
    const breaking = unacknowledgedBreakingChanges(
      apiSchema(baseline.sdl),
      apiSchema(readFileSync(path.join(fresh, 'supergraph.graphql'), 'utf8')),
      acknowledged,
    );
    if (breaking.length) {
      throw new Error(
        `The fresh composition breaks clients of ${baseline.source}:\n${breaking.map((c) => `  - [${c.type}] ${c.description}`).join('\n')}\n` +
          `Keep the old fields (deprecate them), or, when clients are told, add each change to ${ACKNOWLEDGED_FILE} as {"type", "description", "reason"}.`,
      );
    }
  });

  describe('the breaking-change check', () => {
    const before = apiSchema(readFileSync(path.join(committed, 'supergraph.graphql'), 'utf8'));
    /** The committed API schema with its Query type changed by `edit`. */
    const withQuery = (edit: (query: ObjectTypeDefinitionNode) => ObjectTypeDefinitionNode) =>
      buildASTSchema(visit(parse(printSchema(before)), { ObjectTypeDefinition: (node) => (node.name.value === 'Query' ? edit(node) : undefined) }));
    const sectorNews: FieldDefinitionNode = {
      kind: Kind.FIELD_DEFINITION,
      name: { kind: Kind.NAME, value: 'sectorNews' },
      type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'String' } },
    };

    it('lets an added field pass', () => {
      const added = withQuery((q) => ({ ...q, fields: [...(q.fields ?? []), sectorNews] }));
      expect(added.getQueryType()?.getFields().sectorNews).toBeDefined();
      expect(unacknowledgedBreakingChanges(before, added, [])).toEqual([]);
    });

    it('reports a removed field by name, unless it is acknowledged', () => {
      const removed = withQuery((q) => ({ ...q, fields: q.fields?.filter((f) => f.name.value !== 'nodes') }));
      expect(unacknowledgedBreakingChanges(before, removed, [])).toEqual([{ type: 'FIELD_REMOVED', description: 'Query.nodes was removed.' }]);
      expect(
        unacknowledgedBreakingChanges(before, removed, [{ type: 'FIELD_REMOVED', description: 'Query.nodes was removed.', reason: 'replaced by sectorNodes' }]),
      ).toEqual([]);
    });
  });
});

/** Each date or time field that lacks a `<field>Hijri: HijriDate` sibling of the same nullability, as Type.field. */
function datesWithoutHijri(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const fields = type.getFields();
    for (const [name, field] of Object.entries(fields)) {
      const base = getNullableType(field.type);
      if (!isScalarType(base) || !['DateTime', 'LocalDate'].includes(base.name)) continue;
      const sibling = fields[`${name}Hijri`];
      const ok =
        sibling &&
        getNamedType(sibling.type).name === 'HijriDate' &&
        getNullableType(sibling.type) === getNamedType(sibling.type) &&
        isNonNullType(sibling.type) === isNonNullType(field.type);
      if (!ok) missing.push(`${type.name}.${name}`);
    }
  }
  return missing;
}

describe('Hijri beside every date', () => {
  const supergraph = () => apiSchema(readFileSync(path.join(committed, 'supergraph.graphql'), 'utf8'));

  it('every DateTime and LocalDate field of schema/supergraph.graphql has its Hijri sibling', () => {
    const schema = supergraph();
    expect(datesWithoutHijri(schema)).toEqual([]);
    // the walk sees the dates of all three subgraphs
    const initiative = schema.getType('Initiative');
    expect(isObjectType(initiative) && Object.keys(initiative.getFields())).toEqual(expect.arrayContaining(['plannedStart', 'plannedStartHijri']));
  });

  it('names a date field whose sibling is missing', () => {
    const withoutSibling = visit(parse(printSchema(supergraph())), {
      ObjectTypeDefinition: (node) =>
        node.name.value === 'Initiative' ? { ...node, fields: node.fields?.filter((f) => f.name.value !== 'plannedEndHijri') } : undefined,
    });
    expect(datesWithoutHijri(buildASTSchema(withoutSibling))).toEqual(['Initiative.plannedEnd']);
  });
});

describe('the permission matrix', () => {
  const api = () => apiSchema(readFileSync(path.join(fresh, 'supergraph.graphql'), 'utf8'));
  const groups = Object.entries(PERMISSIONS as Record<string, Permission>);

  it('names every root field of the graph in exactly one action', () => {
    const schema = api();
    const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap((t) => (t ? Object.keys(t.getFields()) : []));
    const placed = roots.map((field) => ({ field, actions: groups.filter(([, p]) => p.fields.includes(field)).map(([action]) => action) }));
    expect(placed.filter((p) => p.actions.length !== 1)).toEqual([]);
  });

  it('names no field the graph does not have', () => {
    const schema = api();
    const roots = new Set(
      [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap((t) => (t ? Object.keys(t.getFields()) : [])),
    );
    expect(groups.flatMap(([action, p]) => p.fields.filter((f) => !roots.has(f)).map((f) => `${action}: ${f}`))).toEqual([]);
  });
});

describe('docs/frontend.md', () => {
  it('shows the permission matrix as the code has it', () => {
    const readme = readFileSync(path.resolve(__dirname, '../docs/frontend.md'), 'utf8');
    const shown = /<!-- permissions:start -->\n([\s\S]*?)\n<!-- permissions:end -->/.exec(readme)?.[1];
    expect(shown).toBe(permissionsTable());
  });
});
