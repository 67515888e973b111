import { newId } from '../../services/kernel/src/domain';
import { eventually, type GraphQLResult, type TestNode } from '../support/node';
import { campaignEvent, counts, dataOf, draft, errorOf, initiativeEvent, messageIn, mutations, produce, simpleDraft, startRiyadhMedia } from './media-support';

let riyadh: TestNode;
let editor: string;
let reviewer: string;

beforeAll(async () => {
  ({ riyadh, editor, reviewer } = await startRiyadhMedia());
});
afterAll(() => riyadh?.stop());

const arrived = (table: 'campaign_view' | 'initiative_view', id: string) =>
  eventually(
    async () => ((await riyadh.sql(`select 1 from media.${table} where id = $1`, [id])).length ? true : undefined),
    20000,
    `${id} in ${table} at riyadh`,
  );

/** A refusal naming the unknown record in both languages, with no row or event written and the message as it was. */
async function refusedUnknown(request: () => Promise<GraphQLResult>, field: 'campaignId' | 'initiativeId', id: string, messageId: string) {
  const before = await counts(riyadh);
  const row = () => riyadh.sql('select status, version, campaign_id, initiative_id, history from media.media_message where id = $1', [messageId]);
  const rowBefore = await row();
  const e = errorOf(await request());
  expect(e.code).toBe('BAD_USER_INPUT');
  expect(e.extensions).toMatchObject({ field, id });
  expect(e.message).toContain(`No ${field === 'campaignId' ? 'campaign' : 'initiative'} ${id} is known at riyadh`);
  expect(e.messageAr).toContain(`لا تعرف riyadh ${field === 'campaignId' ? 'حملة' : 'مبادرة'} بالمعرّف ${id}`);
  expect(await counts(riyadh)).toEqual(before);
  expect(await row()).toEqual(rowBefore);
}

describe("a message's campaign and initiative must be known at its node when it goes to review", () => {
  it('drafts with a campaign that has not arrived yet, and submits once it has', async () => {
    const { id: campaignId, event } = campaignEvent('riyadh', 'حملة رخص البناء');
    const m = messageIn(dataOf(await draft(riyadh, editor, simpleDraft({ campaignId }))));
    expect(m).toMatchObject({ status: 'DRAFT', campaignId });
    await refusedUnknown(() => mutations.submit(riyadh, editor, m.id, m.version), 'campaignId', campaignId, m.id);

    await produce('calendar', [event]);
    await arrived('campaign_view', campaignId);
    expect(messageIn(dataOf(await mutations.submit(riyadh, editor, m.id, m.version)))).toMatchObject({
      status: 'IN_REVIEW',
      campaignId,
      version: m.version + 1,
    });
  });

  it('refuses submitting with an initiative this node does not know; a known one passes', async () => {
    const unknown = newId();
    const m = messageIn(dataOf(await draft(riyadh, editor, simpleDraft({ initiativeId: unknown }))));
    await refusedUnknown(() => mutations.submit(riyadh, editor, m.id, m.version), 'initiativeId', unknown, m.id);

    const { id: initiativeId, event } = initiativeEvent('riyadh', 'بوابة رخص البناء');
    await produce('initiatives', [event]);
    await arrived('initiative_view', initiativeId);
    const linked = messageIn(dataOf(await mutations.edit(riyadh, editor, m.id, m.version, { initiativeId })));
    expect(messageIn(dataOf(await mutations.submit(riyadh, editor, linked.id, linked.version)))).toMatchObject({ status: 'IN_REVIEW', initiativeId });
  });

  it('refuses an edit that points a message in review, or back in review, at an unknown campaign; a draft may', async () => {
    const unknown = newId();
    let inReview = messageIn(dataOf(await draft(riyadh, editor, simpleDraft())));
    inReview = messageIn(dataOf(await mutations.submit(riyadh, editor, inReview.id, inReview.version)));
    await refusedUnknown(() => mutations.edit(riyadh, editor, inReview.id, inReview.version, { campaignId: unknown }), 'campaignId', unknown, inReview.id);

    const approved = messageIn(dataOf(await mutations.approve(riyadh, reviewer, inReview.id, inReview.version)));
    expect(approved.status).toBe('APPROVED');
    await refusedUnknown(() => mutations.edit(riyadh, editor, approved.id, approved.version, { campaignId: unknown }), 'campaignId', unknown, approved.id);

    const d = messageIn(dataOf(await draft(riyadh, editor, simpleDraft())));
    expect(messageIn(dataOf(await mutations.edit(riyadh, editor, d.id, d.version, { campaignId: unknown })))).toMatchObject({
      status: 'DRAFT',
      campaignId: unknown,
    });
  });

  it('holds a review while this node has no copy of the campaign, which decides who reviews', async () => {
    const { id: campaignId, event } = campaignEvent('riyadh', 'حملة الحدائق');
    await produce('calendar', [event]);
    await arrived('campaign_view', campaignId);
    let m = messageIn(dataOf(await draft(riyadh, editor, simpleDraft({ campaignId }))));
    m = messageIn(dataOf(await mutations.submit(riyadh, editor, m.id, m.version)));

    // the node's copy of the calendar is rebuilt from the topic: until the campaign is taken in again, it is unknown here
    await riyadh.sql('delete from media.campaign_view where id = $1', [campaignId]);
    await refusedUnknown(() => mutations.approve(riyadh, reviewer, m.id, m.version), 'campaignId', campaignId, m.id);
    await refusedUnknown(() => mutations.requestChanges(riyadh, reviewer, m.id, m.version), 'campaignId', campaignId, m.id);

    await produce('calendar', [event]);
    await arrived('campaign_view', campaignId);
    expect(messageIn(dataOf(await mutations.approve(riyadh, reviewer, m.id, m.version)))).toMatchObject({ status: 'APPROVED', version: m.version + 1 });
  });
});
