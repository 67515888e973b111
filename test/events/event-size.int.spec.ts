import { MAX_EVENT_BYTES } from '../../services/kernel/src/events';
import { mediaService } from '../../services/media/src/service';
import { eventually, startTestService, type TestNode } from '../support/node';

// a change whose event the broker would refuse is refused with it: the relay never meets a row it cannot publish
let riyadh: TestNode;
let editor: string;
beforeAll(async () => {
  riyadh = await startTestService(mediaService, { node: 'riyadh' });
  editor = await riyadh.token(['editor'], 'riyadh');
}, 60_000);
afterAll(() => riyadh?.stop());

/** A message's content at the channels' limits, its links of `linkChars` characters `c` (an emoji is 4 bytes in UTF-8). */
const content = (c: string, linkChars: number) => {
  const links = (n: number) => Array.from({ length: n }, (_, i) => `https://cdn.example.sa/${i}/${c.repeat(linkChars)}`);
  return {
    bodyAr: 'أ'.repeat(20_000),
    bodyEn: 'b'.repeat(20_000),
    variants: [
      { channel: 'X', text: 'خ'.repeat(100), mediaRefs: links(4) },
      { channel: 'INSTAGRAM', text: 'ن'.repeat(2000), mediaRefs: links(10) },
      { channel: 'TIKTOK', text: 'ت'.repeat(2000), mediaRefs: links(35) },
      { channel: 'WEBSITE', text: 'و'.repeat(20_000), mediaRefs: links(20) },
      { channel: 'PRESS', text: 'ص'.repeat(20_000), mediaRefs: links(20) },
    ],
  };
};

const draft = (input: object) => riyadh.graphql(`mutation($input: DraftMessageInput!) { draftMessage(input: $input) { id version } }`, { input }, editor);
const edit = (id: string, version: number, input: object) =>
  riyadh.graphql(
    `mutation($id: ID!, $v: Int!, $input: EditMessageInput!) { editMessage(id: $id, version: $v, input: $input) { id version } }`,
    { id, v: version, input },
    editor,
  );
const outbox = () =>
  riyadh.sql<{ subject: string; type: string; sent: boolean }>(`select subject, type, sent_at is not null as sent from media.outbox order by seq`);

/** Waits for the relay to publish every row, which it cannot while one is refused by the broker. */
const everyEventPublished = () =>
  eventually(async () => ((await outbox()).every((r) => r.sent) ? true : undefined), 20_000, 'every event of the outbox published');

function expectRefusedAsTooLarge(r: Awaited<ReturnType<typeof draft>>, type: string): void {
  expect(r.data).toBeNull();
  const [e] = r.errors!;
  expect(e.extensions).toMatchObject({ code: 'BAD_USER_INPUT', eventType: type, maxEventBytes: MAX_EVENT_BYTES });
  expect(e.extensions!.eventBytes).toBeGreaterThan(MAX_EVENT_BYTES);
  expect(e.message).toMatch(
    /^This change is too large to record: its event would take [\d,]+ kB, and an event may take at most 1,000 kB\. Shorten its texts or links\.$/,
  );
  expect(e.extensions!.messageAr).toContain('هذا التغيير أكبر من أن يُسجَّل');
}

it('refuses a draft whose event would be over the limit, records nothing, and goes on publishing', async () => {
  const before = await outbox();
  // about 700 kB of links in emoji: under the request's 1 MB, over the event's limit once the state carries them
  expectRefusedAsTooLarge(await draft(content('😀', 1900)), 'mmhub.message.drafted.v1');
  expect(await outbox()).toEqual(before);
  expect(await riyadh.sql(`select 1 from media.media_message where body_en like 'b%'`)).toEqual([]);

  const small = await draft({ bodyAr: 'أمانة الرياض تطلق خدمة رخص البناء', variants: [{ channel: 'X', text: 'الخدمة متاحة الآن' }] });
  expect(small.errors).toBeUndefined();
  await everyEventPublished();
}, 60_000);

it('refuses an edit whose event, carrying the content before and after, would be over the limit, and keeps the message as it was', async () => {
  // about 375 kB of content: the draft's event fits; an edit's carries the content before and after as well as the state
  const drafted = await draft(content('a', 1900));
  expect(drafted.errors).toBeUndefined();
  const { id, version } = drafted.data!.draftMessage;
  await everyEventPublished();
  // read back from the broker and applied by the node's own consumer
  const journalled = () => riyadh.sql<{ bytes: number }>(`select octet_length(data::text) as bytes from media.journal where subject = $1`, [id]);
  const [inJournal] = await eventually(async () => ((await journalled()).length ? journalled() : undefined), 20_000, 'the draft in the journal');
  expect(inJournal.bytes).toBeGreaterThan(600_000);

  expectRefusedAsTooLarge(await edit(id, version, content('😎', 1000)), 'mmhub.message.edited.v1');
  const [kept] = await riyadh.sql<{ version: number; refs: string }>(
    `select version, variants->0->'mediaRefs'->>0 as refs from media.media_message where id = $1`,
    [id],
  );
  expect(kept.version).toBe(version);
  expect(kept.refs).toMatch(/\/a{1900}$/);

  // a smaller edit of the same message is recorded and published
  const smaller = await edit(id, version, { ...content('😎', 1000), variants: [{ channel: 'X', text: 'الخدمة متاحة الآن' }] });
  expect(smaller.errors).toBeUndefined();
  expect(smaller.data!.editMessage.version).toBe(version + 1);
  await everyEventPublished();
  expect((await outbox()).filter((r) => r.subject === id).map((r) => r.type)).toEqual(['mmhub.message.drafted.v1', 'mmhub.message.edited.v1']);
}, 60_000);
