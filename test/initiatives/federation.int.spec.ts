import { initiativesService } from '../../services/initiatives/src/service';
import { buildSubgraph } from '../../services/kernel/src/graphql';
import { composeSupergraph } from '../../gateway/src/compose';
import { startTestService, type TestNode } from '../support/node';
import { propose } from './fixtures';

describe('the initiatives subgraph', () => {
  it('composes as a Federation 2 supergraph without errors', async () => {
    const { sdl } = await buildSubgraph(initiativesService.subgraph);
    const c = composeSupergraph([{ name: 'initiatives', url: 'http://127.0.0.1:4101/graphql', sdl }]);
    expect(c.errors).toEqual([]);
    expect(c.supergraph).toContain('type Initiative');
    expect(c.supergraph).toMatch(/@join__type\(graph: INITIATIVES, key: "id"\)/);
  });

  describe('resolving Initiative references', () => {
    const statements: string[] = [];
    let riyadh: TestNode;
    beforeAll(async () => {
      // without its consumers, whose writes of other tests' events from the shared broker would mix into the statements counted here
      riyadh = await startTestService({ ...initiativesService, consumers: [] }, { node: 'riyadh', onQuery: (sql) => statements.push(sql) });
    });
    afterAll(() => riyadh?.stop());

    it('loads every representation of a request in one SQL statement, and no other', async () => {
      const made = await Promise.all([propose(riyadh), propose(riyadh), propose(riyadh)]);
      const representations = [
        ...made.map((m) => ({ __typename: 'Initiative', id: m.id })),
        { __typename: 'Initiative', id: '01a2161d-2e3e-7e9d-bb1c-a9dd3cc48799' },
      ];
      // the replica consumer reads initiatives by id too: it leaves its group first, so that every statement seen is the request's
      await Promise.all(riyadh.service.consumers.map((c) => c.stop()));
      statements.length = 0;
      const r = await riyadh.graphql(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Initiative { id code node } } }`,
        { r: representations },
        await riyadh.token(['viewer']),
      );
      expect(r.errors).toBeUndefined();
      expect(r.data!._entities).toEqual([...made.map((m) => ({ id: m.id, code: m.code, node: 'riyadh' })), null]);
      const onInitiatives = statements.filter((s) => s.includes('"initiatives"."initiative"'));
      expect(onInitiatives).toHaveLength(1);
      expect(onInitiatives[0]).toMatch(/select .* from "initiatives"\."initiative" as "i0" where "i0"\."id" in \(\$1, \$2, \$3, \$4\)/);
    });
  });
});
