import { eventually, startTestNode, uniqueSuffix, type TestGatewayNode } from '../support/node';
import { subscribeWs, type OpenSubscription } from '../support/subscriptions';
import { code } from '../initiatives/fixtures';

/**
 * The gateway's proof to a service holds for MMHUB_GATEWAY_PROOF_TTL_SECONDS; a subscription lives for
 * as long as its client wants. Fields of other services are still resolved once the proof the
 * subscription started with has expired.
 */
const TTL_SECONDS = 2;
// a municipality of its own: its journal takes no other suite's events from the shared broker
const NODE = `proof-${uniqueSuffix()}`;
let node: TestGatewayNode;
let open: OpenSubscription | undefined;

beforeAll(async () => {
  node = await startTestNode(NODE, { env: { MMHUB_GATEWAY_PROOF_TTL_SECONDS: String(TTL_SECONDS) } });
}, 120_000);
afterAll(async () => {
  await open?.close();
  await node?.stop();
});

async function propose(title: string): Promise<string> {
  const r = await node.graphql(
    'mutation($i: ProposeInitiativeInput!) { proposeInitiative(input: $i) { id } }',
    { i: { code: code('PRF'), titleAr: title, axis: 'OVERSIGHT', plannedStart: '2046-01-01', plannedEnd: '2046-12-31' } },
    await node.token(['editor'], NODE, 'editor-proof'),
  );
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!.proposeInitiative.id;
}

it('resolves fields of other services in a subscription that outlives the proof it started with', async () => {
  const viewer = await node.token(['viewer'], NODE, 'viewer-proof');
  open = await subscribeWs(node.url, 'subscription { initiativeChanged { id campaigns { id } } }', {}, viewer);
  const changeOf = (id: string) => eventually(async () => open!.results.find((r) => r.data?.initiativeChanged?.id === id), 30_000, `the change of ${id}`);

  // the subscription is listening once a change made now reaches it
  const first = await eventually(
    async () => {
      const id = await propose('مبادرة قبل انتهاء الإثبات');
      return changeOf(id).catch(() => undefined);
    },
    60_000,
    'the subscription listening',
  );
  expect(first).toEqual({ data: { initiativeChanged: { id: first.data!.initiativeChanged.id, campaigns: [] } } });
  const startedAt = Date.now();

  // the proof signed when the subscription started has expired by now: time itself is what is tested
  await new Promise((r) => setTimeout(r, (TTL_SECONDS + 2) * 1000));
  expect(Date.now() - startedAt).toBeGreaterThan(TTL_SECONDS * 1000);

  for (const title of ['مبادرة بعد انتهاء الإثبات', 'مبادرة ثانية بعد انتهاء الإثبات']) {
    const id = await propose(title);
    const later = await changeOf(id);
    // campaigns come from the calendar service: null with UNAUTHENTICATED if the proof were stale
    expect(later).toEqual({ data: { initiativeChanged: { id, campaigns: [] } } });
    await new Promise((r) => setTimeout(r, TTL_SECONDS * 1000));
  }
}, 120_000);
