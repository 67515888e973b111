import 'reflect-metadata';
import { parse, getOperationAST } from 'graphql';
import { performance } from 'node:perf_hooks';
import { apiSchema } from '../../gateway/src/compose';
import { measureOperation } from '../../gateway/src/limits';
import { startTestNode, type TestGatewayNode } from '../support/node';

/**
 * Limits hold through fragments: depth, aliases and cost are those of the operation with its
 * fragments spread, measured without spreading them, and a fragment bomb is refused at once.
 */
let riyadh: TestGatewayNode;
let viewer: string;

beforeAll(async () => {
  riyadh = await startTestNode('riyadh', { env: { MMHUB_GATEWAY_RATE_LIMIT: '100000' } });
  viewer = await riyadh.token(['viewer'], 'riyadh', 'riyadh-viewer-fragments');
}, 120_000);
afterAll(() => riyadh?.stop());

/** `{...F0}` where each fragment spreads the next twice: 2^n fields once spread. */
function bomb(n: number, leaf = 'id'): string {
  const fragments = Array.from({ length: n }, (_, i) => `fragment F${i} on Initiative { ...F${i + 1} ...F${i + 1} }`);
  return `{ initiatives(first: 1) { edges { node { ...F0 } } } } ${fragments.join(' ')} fragment F${n} on Initiative { ${leaf} }`;
}

/** The same selection, once with two aliased levels per fragment and once written inline. */
function aliasedLevels(levels: number): { withFragments: string; inline: string } {
  const fragments: string[] = [];
  for (let i = 0; i < levels; i++) fragments.push(`fragment L${i} on Initiative { a${i}: campaigns { initiatives(first: 100) { ...L${i + 1} } } }`);
  fragments.push(`fragment L${levels} on Initiative { id }`);
  let inline = 'id';
  for (let i = levels - 1; i >= 0; i--) inline = `a${i}: campaigns { initiatives(first: 100) { ${inline} } }`;
  return {
    withFragments: `{ initiatives(first: 100) { edges { node { ...L0 } } } } ${fragments.join(' ')}`,
    inline: `{ initiatives(first: 100) { edges { node { ${inline} } } } }`,
  };
}

describe('the measure of an operation', () => {
  const schema = () => apiSchema(riyadh.running.gateway.supergraph);
  const measure = (text: string) => {
    const doc = parse(text);
    return measureOperation(schema(), doc, getOperationAST(doc)!);
  };

  it('is the same with fragments and inline', () => {
    const { withFragments, inline } = aliasedLevels(3);
    expect(measure(withFragments)).toEqual(measure(inline));
    const spread =
      '{ campaigns(first: 20) { edges { node { ...C } } } } fragment C on Campaign { id initiatives { ...I } } fragment I on Initiative { id titleAr }';
    const written = '{ campaigns(first: 20) { edges { node { id initiatives { id titleAr } } } } }';
    expect(measure(spread)).toEqual(measure(written));
  });

  it('counts a fragment bomb as spread, without spreading it', () => {
    // 2^300 fields once spread: only a measure that never spreads them finishes
    const m = measure(bomb(300));
    // at this size the few fields around the spreads are below a double's precision
    expect(m.cost).toBeGreaterThanOrEqual(2 ** 300);
    expect(m.depth).toBe(4);
  });
});

describe('the gateway', () => {
  it.each([20, 30, 300])('refuses a bomb of %i fragment levels, and stays responsive', async (n) => {
    const started = performance.now();
    const r = await riyadh.graphql(bomb(n), {}, viewer);
    const took = performance.now() - started;
    expect(r.errors?.map((e) => e.extensions?.code)).toContain('QUERY_TOO_COSTLY');
    expect(r.data ?? null).toBeNull();
    // a refusal, not an expansion: a query that expanded 2^20 fields would take seconds
    expect(took).toBeLessThan(2000);
    const health = await fetch(riyadh.url.replace('/graphql', '/health'));
    expect(health.status).toBe(200);
  });

  it('refuses the fragment form of a costly query just as the inline form', async () => {
    const { withFragments, inline } = aliasedLevels(8);
    for (const query of [withFragments, inline]) {
      const r = await riyadh.graphql(query, {}, viewer);
      expect(r.errors?.map((e) => e.extensions?.code)).toContain('QUERY_TOO_COSTLY');
      expect(r.errors?.find((e) => e.extensions?.code === 'QUERY_TOO_COSTLY')?.message).toBe(
        (await riyadh.graphql(inline, {}, viewer)).errors?.find((e) => e.extensions?.code === 'QUERY_TOO_COSTLY')?.message,
      );
    }
  });

  it('counts aliases and depth inside fragments', async () => {
    const aliases = Array.from({ length: 40 }, (_, i) => `t${i}: titleAr`).join(' ');
    const r = await riyadh.graphql(`{ initiatives(first: 1) { edges { node { ...A } } } } fragment A on Initiative { ${aliases} }`, {}, viewer);
    expect(r.errors?.map((e) => e.extensions?.code)).toContain('TOO_MANY_ALIASES');
    // the alias limit is of the spread operation: one aliased field spread 40 times is 40 aliases
    const spreads = Array.from({ length: 40 }, () => '...B').join(' ');
    const spreadTwice = await riyadh.graphql(
      `{ initiatives(first: 1) { edges { node { ...S } } } } fragment S on Initiative { ${spreads} } fragment B on Initiative { x: titleAr }`,
      {},
      viewer,
    );
    expect(spreadTwice.errors?.map((e) => e.extensions?.code)).toContain('TOO_MANY_ALIASES');
    let deep = 'id';
    const fragments: string[] = [];
    for (let i = 0; i < 8; i++) fragments.push(`fragment D${i} on Initiative { campaigns { initiatives { ...D${i + 1} } } }`);
    fragments.push('fragment D8 on Initiative { id }');
    deep = `{ initiatives(first: 1) { edges { node { ...D0 } } } } ${fragments.join(' ')}`;
    expect((await riyadh.graphql(deep, {}, viewer)).errors?.map((e) => e.extensions?.code)).toContain('QUERY_TOO_DEEP');
  });

  it('still answers an ordinary query written with fragments', async () => {
    const r = await riyadh.graphql(
      '{ initiatives(first: 5) { totalCount edges { node { ...I } } } } fragment I on Initiative { id titleAr campaigns { id } }',
      {},
      viewer,
    );
    expect(r.errors).toBeUndefined();
    expect(typeof r.data?.initiatives.totalCount).toBe('number');
  });
});
