import { MessageStatus, type Command } from '../../services/media/src/message/message';
import { readTopic, type TestNode } from '../support/node';
import { counts, dataOf, draft, errorOf, messageIn, mutations, simpleDraft, startRiyadhMedia } from './media-support';
import { LEGAL, STATES } from './workflow-table';

const S = MessageStatus;
let riyadh: TestNode;
let editor: string;
let reviewer: string;

beforeAll(async () => {
  ({ riyadh, editor, reviewer } = await startRiyadhMedia());
});
afterAll(() => riyadh?.stop());

type Msg = { id: string; status: string; version: number };
const step = async (command: Command, m: Msg): Promise<Msg> => {
  const token = command === 'approve' || command === 'requestChanges' ? reviewer : editor;
  return messageIn(dataOf(await mutations[command](riyadh, token, m.id, m.version)));
};

/** Drives a new message to a state through the API. */
async function messageIn_(status: MessageStatus): Promise<Msg> {
  let m: Msg = messageIn(dataOf(await draft(riyadh, editor, simpleDraft())));
  const path: Record<MessageStatus, Command[]> = {
    DRAFT: [],
    IN_REVIEW: ['submit'],
    CHANGES_REQUESTED: ['submit', 'requestChanges'],
    APPROVED: ['submit', 'approve'],
    SCHEDULED: ['submit', 'approve', 'schedule'],
    PUBLISHED: ['submit', 'approve', 'publish'],
    ARCHIVED: ['archive'],
  };
  for (const c of path[status]) m = await step(c, m);
  expect(m.status).toBe(status);
  return m;
}

const cases = (Object.keys(LEGAL) as Command[]).flatMap((c) => STATES.map((from) => [c, from] as const));

describe('the message workflow through the API', () => {
  it.each(cases)('%s from %s', async (command, from) => {
    const m = await messageIn_(from);
    const before = await counts(riyadh);
    const token = command === 'approve' || command === 'requestChanges' ? reviewer : editor;
    const result = await mutations[command](riyadh, token, m.id, m.version);
    const expected = LEGAL[command][from];
    const [row] = await riyadh.sql<{ status: string; version: number }>('select status, version from media.media_message where id = $1', [m.id]);
    if (expected) {
      const after = messageIn(dataOf(result));
      expect(after).toMatchObject({ status: expected, version: m.version + 1 });
      expect(row).toEqual({ status: expected, version: m.version + 1 });
    } else {
      const e = errorOf(result);
      expect(e.code).toBe('INVALID_TRANSITION');
      expect(e.messageAr).not.toBe('');
      expect(row).toEqual({ status: from, version: m.version });
      expect(await counts(riyadh)).toEqual(before);
    }
  });

  it('sends an edit after approval back to review, with the transition in the history', async () => {
    const approved = await messageIn_(S.APPROVED);
    const edited = messageIn(dataOf(await mutations.edit(riyadh, editor, approved.id, approved.version, { bodyAr: 'نص معدل بعد الاعتماد' })));
    expect(edited.status).toBe(S.IN_REVIEW);
    expect(edited.history.at(-1)).toMatchObject({ from: S.APPROVED, to: S.IN_REVIEW, by: 'riyadh-editor', comment: 'edited after approval' });
    expect(edited.history.map((h: { to: string }) => h.to)).toEqual([S.DRAFT, S.IN_REVIEW, S.APPROVED, S.IN_REVIEW]);
  });

  it('refuses self-approval: an editor who is also a reviewer cannot approve what they wrote', async () => {
    const both = await riyadh.token(['editor', 'reviewer'], 'riyadh', 'riyadh-both');
    let m = messageIn(dataOf(await draft(riyadh, both, simpleDraft())));
    m = messageIn(dataOf(await mutations.submit(riyadh, both, m.id, m.version)));
    const before = await counts(riyadh);
    const e = errorOf(await mutations.approve(riyadh, both, m.id, m.version));
    expect(e.code).toBe('FORBIDDEN');
    expect(e.message).toContain('separation of duties');
    expect(e.messageAr).toContain('فصل المهام');
    expect(await counts(riyadh)).toEqual(before);
    // another reviewer may
    expect(messageIn(dataOf(await mutations.approve(riyadh, reviewer, m.id, m.version))).status).toBe(S.APPROVED);
  });

  it('puts every change on mmhub.media.v1 as CloudEvents, in order, keyed by the message', async () => {
    const m = await messageIn_(S.PUBLISHED);
    const ofMessage = (r: { key: string | null; value: string | null; headers: Record<string, string> }) =>
      r.key === m.id || (r.headers.ce_type === 'mmhub.review.decided.v1' && JSON.parse(r.value!).state.messageId === m.id);
    const records = await readTopic('mmhub.media.v1', (rs) => rs.length >= 5, { filter: ofMessage });
    const review = records.find((r) => r.headers.ce_type === 'mmhub.review.decided.v1')!;
    expect(JSON.parse(review.value!).state).toMatchObject({ messageId: m.id, decision: 'APPROVE', reviewerId: 'riyadh-reviewer', remote: false });
    const messageEvents = records.filter((r) => r.headers.ce_type.startsWith('mmhub.message.'));
    expect(messageEvents.map((r) => r.headers.ce_type)).toEqual([
      'mmhub.message.drafted.v1',
      'mmhub.message.submitted.v1',
      'mmhub.message.approved.v1',
      'mmhub.message.published.v1',
    ]);
    expect(messageEvents.map((r) => Number(r.headers.ce_aggregateversion))).toEqual([1, 2, 3, 4]);
    for (const r of messageEvents) {
      expect(r.headers).toMatchObject({
        ce_specversion: '1.0',
        ce_source: '/nodes/riyadh/media',
        ce_subject: m.id,
        ce_node: 'riyadh',
        'content-type': 'application/json',
      });
      expect(r.headers.ce_id).toMatch(/^[0-9a-f-]{36}$/);
      expect(Date.parse(r.headers.ce_time)).not.toBeNaN();
    }
    const last = JSON.parse(messageEvents[3].value!);
    expect(last.state).toMatchObject({ id: m.id, status: 'PUBLISHED', version: 4 });
    expect(last.change.status).toEqual({ from: 'APPROVED', to: 'PUBLISHED' });
  });
});
