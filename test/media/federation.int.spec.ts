import { readFileSync } from 'node:fs';
import path from 'node:path';
import { newId } from '../../services/kernel/src/domain';
import { mediaService } from '../../services/media/src/service';
import { startTestService, type TestNode } from '../support/node';
import { dataOf, draft, messageIn, simpleDraft } from './media-support';

let riyadh: TestNode;
let editor: string;
const statements: string[] = [];
const campaigns = [newId(), newId(), newId()];
const initiatives = [newId(), newId()];
const made: Record<string, string[]> = {};

beforeAll(async () => {
  // without its consumers, whose writes of other tests' events from the shared broker would mix into the statements counted here
  riyadh = await startTestService({ ...mediaService, consumers: [] }, { node: 'riyadh', onQuery: (sql) => statements.push(sql) });
  editor = await riyadh.token(['editor'], 'riyadh', 'riyadh-editor');
  for (const [i, campaignId] of campaigns.entries()) {
    for (let k = 0; k <= i; k++) {
      const m = messageIn(dataOf(await draft(riyadh, editor, simpleDraft({ campaignId, initiativeId: initiatives[k % 2] }))));
      (made[campaignId] ??= []).push(m.id);
      (made[initiatives[k % 2]] ??= []).push(m.id);
    }
  }
});
afterAll(() => riyadh?.stop());

/** The SQL statements on media_message one request makes. */
async function messageQueriesOf<T>(request: () => Promise<T>): Promise<{ result: T; queries: string[] }> {
  const from = statements.length;
  const result = await request();
  return { result, queries: statements.slice(from).filter((s) => /media_message/.test(s) && /select/i.test(s)) };
}

describe('federation: this subgraph adds messages to campaigns and initiatives', () => {
  it('resolves Campaign.messages for many campaigns in one SQL statement', async () => {
    const { result, queries } = await messageQueriesOf(() =>
      riyadh.graphql(
        `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Campaign { id messages { id status campaign { id } } } } }`,
        { reps: [...campaigns, newId()].map((id) => ({ __typename: 'Campaign', id })) },
        editor,
      ),
    );
    const entities = dataOf(result)._entities;
    expect(entities.map((e: { messages: unknown[] }) => e.messages.length)).toEqual([1, 2, 3, 0]);
    campaigns.forEach((id, i) => {
      expect(entities[i].messages.map((m: { id: string }) => m.id).sort()).toEqual([...made[id]].sort());
      expect(entities[i].messages.every((m: { status: string; campaign: { id: string } }) => m.status === 'DRAFT' && m.campaign.id === id)).toBe(true);
    });
    expect(queries).toHaveLength(1);
  });

  it('resolves Initiative.messages in one SQL statement, and MediaMessage references', async () => {
    const { result, queries } = await messageQueriesOf(() =>
      riyadh.graphql(
        `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Initiative { id messages { id initiative { id } } } } }`,
        { reps: initiatives.map((id) => ({ __typename: 'Initiative', id })) },
        editor,
      ),
    );
    const entities = dataOf(result)._entities;
    initiatives.forEach((id, i) => expect(entities[i].messages.map((m: { id: string }) => m.id).sort()).toEqual([...made[id]].sort()));
    expect(queries).toHaveLength(1);

    const ids = made[campaigns[2]];
    const refs = await messageQueriesOf(() =>
      riyadh.graphql(
        `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on MediaMessage { id bodyAr campaign { id } } } }`,
        { reps: ids.map((id) => ({ __typename: 'MediaMessage', id })) },
        editor,
      ),
    );
    expect(dataOf(refs.result)._entities.map((m: { id: string }) => m.id)).toEqual(ids);
    expect(refs.queries).toHaveLength(1);
  });

  it('publishes the SDL committed in schema/media.graphql', () => {
    const committed = readFileSync(path.resolve(__dirname, '../../schema/media.graphql'), 'utf8');
    expect(`${riyadh.service.sdl.trim()}\n`).toBe(committed);
    expect(committed).toContain('type MediaMessage @key(fields: "id")');
    expect(committed).toMatch(/type Campaign @key\(fields: "id"\) \{\s+id: ID!/);
    expect(committed).toMatch(/type Initiative @key\(fields: "id"\) \{\s+id: ID!/);
  });
});
