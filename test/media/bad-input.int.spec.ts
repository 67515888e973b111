import type { GraphQLResult, TestNode } from '../support/node';
import { counts, dataOf, draft, errorOf, messageIn, mutations, simpleDraft, startRiyadhMedia } from './media-support';

let riyadh: TestNode;
let editor: string;
let reviewer: string;

beforeAll(async () => {
  ({ riyadh, editor, reviewer } = await startRiyadhMedia());
});
afterAll(() => riyadh?.stop());

/** Runs a refused request: a typed, bilingual error, and no row or event written. */
async function refused(request: () => Promise<GraphQLResult>, code: string, watch?: string) {
  const before = await counts(riyadh);
  const row = watch ? await riyadh.sql('select status, version, variants, body_ar from media.media_message where id = $1', [watch]) : null;
  const e = errorOf(await request());
  expect(e.code).toBe(code);
  expect(e.message.length).toBeGreaterThan(10);
  expect(e.messageAr).toMatch(/[\u0600-\u06FF]/);
  expect(await counts(riyadh)).toEqual(before);
  if (watch) expect(await riyadh.sql('select status, version, variants, body_ar from media.media_message where id = $1', [watch])).toEqual(row);
  return e;
}

describe('bad input is refused with a typed error and changes nothing', () => {
  it('an unknown channel', async () => {
    const e = await refused(() => draft(riyadh, editor, simpleDraft({ variants: [{ channel: 'FAX', text: 'نص' }] })), 'BAD_USER_INPUT');
    expect(e.extensions).toMatchObject({ field: 'variants.0.channel' });
    expect(e.message).toContain('Unknown channel "FAX"');
  });

  it('a variant over its channel limit, with the measured length and the limit', async () => {
    const e = await refused(
      () => draft(riyadh, editor, simpleDraft({ variants: [{ channel: 'INSTAGRAM', text: 'ب'.repeat(2201), mediaRefs: ['media://1'] }] })),
      'BAD_USER_INPUT',
    );
    expect(e.extensions).toMatchObject({ field: 'variants.0.text', channel: 'INSTAGRAM', length: 2201, limit: 2200 });
  });

  it('an X variant over 280 counted the way X counts (URLs as 23)', async () => {
    const url = 'https://www.alriyadh.gov.sa/ar/e-services/permits';
    const fits = `${'ب'.repeat(256)} ${url}`; // 256 + 1 + 23 = 280
    expect(messageIn(dataOf(await draft(riyadh, editor, simpleDraft({ variants: [{ channel: 'X', text: fits }] })))).variants[0]).toMatchObject({
      length: 280,
      limit: 280,
      // in words, with the unit the channel counts in
      lengthAr: '٢٨٠ حرفًا موزونًا من ٢٨٠',
      lengthEn: '280 weighted characters of 280',
    });
    const sms = messageIn(dataOf(await draft(riyadh, editor, simpleDraft({ variants: [{ channel: 'SMS', text: 'ب'.repeat(71) }] })))).variants[0];
    expect(sms).toMatchObject({ length: 2, limit: 4, lengthAr: 'جزءان من رسالة نصية من ٤', lengthEn: '2 SMS parts of 4' });
    const e = await refused(() => draft(riyadh, editor, simpleDraft({ variants: [{ channel: 'X', text: `ب${fits}` }] })), 'BAD_USER_INPUT');
    expect(e.extensions).toMatchObject({ length: 281, limit: 280 });
    const measured = dataOf(
      await riyadh.graphql(`query($t: String!) { measureText(text: $t, channel: "X") { length limit withinLimit unit } }`, { t: `رخص البناء ${url}` }, editor),
    );
    expect(measured.measureText).toEqual({ length: 11 + 23, limit: 280, withinLimit: true, unit: 'weighted characters' });
  });

  it('an Instagram variant without media, at submission: the draft is kept, review needs the media', async () => {
    const instagram = { channel: 'INSTAGRAM', text: 'خدمة رخص البناء الإلكترونية متاحة الآن' };
    const m = messageIn(dataOf(await draft(riyadh, editor, simpleDraft({ variants: [instagram] }))));
    expect(m.status).toBe('DRAFT');
    const e = await refused(() => mutations.submit(riyadh, editor, m.id, m.version), 'BAD_USER_INPUT', m.id);
    expect(e.extensions).toMatchObject({ field: 'variants.0.mediaRefs', channel: 'INSTAGRAM', channels: ['INSTAGRAM'] });
    expect(e.message).toContain('Instagram does not publish text alone');
    expect(e.messageAr).toContain('إنستغرام');
    const withMedia = messageIn(
      dataOf(await mutations.edit(riyadh, editor, m.id, m.version, { variants: [{ ...instagram, mediaRefs: ['media/riyadh/permits.jpg'] }] })),
    );
    expect(messageIn(dataOf(await mutations.submit(riyadh, editor, withMedia.id, withMedia.version))).status).toBe('IN_REVIEW');
  });

  it('a variant set for a time already past, at drafting and at editing', async () => {
    const past = new Date(Date.now() - 3600_000).toISOString();
    const future = new Date(Date.now() + 7 * 86400_000).toISOString();
    const variant = (scheduledAt: string) => ({ channel: 'X', text: 'خدمة رخص البناء الإلكترونية متاحة الآن', scheduledAt });
    const atDraft = await refused(() => draft(riyadh, editor, simpleDraft({ variants: [variant(past)] })), 'BAD_USER_INPUT');
    expect(atDraft.extensions).toMatchObject({ field: 'variants.0.scheduledAt', channel: 'X' });
    expect(atDraft.message).toContain(past);
    const m = messageIn(dataOf(await draft(riyadh, editor, simpleDraft({ variants: [variant(future)] }))));
    const atEdit = await refused(() => mutations.edit(riyadh, editor, m.id, m.version, { variants: [variant(past)] }), 'BAD_USER_INPUT', m.id);
    expect(atEdit.extensions).toMatchObject({ field: 'variants.0.scheduledAt', channel: 'X' });
    const [row] = await riyadh.sql<{ variants: Array<{ scheduledAt: string }> }>('select variants from media.media_message where id = $1', [m.id]);
    expect(row.variants[0].scheduledAt).toBe(future);
  });

  it('a missing Arabic body', async () => {
    await refused(() => draft(riyadh, editor, simpleDraft({ bodyAr: '   ' })), 'BAD_USER_INPUT');
    await refused(() => draft(riyadh, editor, simpleDraft({ bodyAr: 'English only' })), 'BAD_USER_INPUT');
  });

  it('a review without the reviewer role, and self-approval', async () => {
    let m = messageIn(dataOf(await draft(riyadh, editor, simpleDraft())));
    m = messageIn(dataOf(await mutations.submit(riyadh, editor, m.id, m.version)));
    const admin = await riyadh.token(['editor', 'admin'], 'riyadh', 'riyadh-admin');
    await refused(() => mutations.approve(riyadh, admin, m.id, m.version), 'FORBIDDEN', m.id);
    const authorReviewer = await riyadh.token(['reviewer'], 'riyadh', 'riyadh-editor');
    await refused(() => mutations.approve(riyadh, authorReviewer, m.id, m.version), 'FORBIDDEN', m.id);
    const otherNode = await riyadh.token(['reviewer'], 'jeddah', 'jeddah-reviewer');
    // another municipality's message in review is not there for its callers (drafts.read)
    await refused(() => mutations.approve(riyadh, otherNode, m.id, m.version), 'NOT_FOUND', m.id);
  });

  it('publishing an unapproved message, and scheduling in the past', async () => {
    let m = messageIn(dataOf(await draft(riyadh, editor, simpleDraft())));
    await refused(() => mutations.publish(riyadh, editor, m.id, m.version), 'INVALID_TRANSITION', m.id);
    m = messageIn(dataOf(await mutations.submit(riyadh, editor, m.id, m.version)));
    m = messageIn(dataOf(await mutations.approve(riyadh, reviewer, m.id, m.version)));
    const e = await refused(() => mutations.schedule(riyadh, editor, m.id, m.version, '2020-01-01T09:00:00+03:00'), 'BAD_USER_INPUT', m.id);
    expect(e.extensions.field).toBe('publishAt');
  });

  it('a stale version, an unknown message, and another node writing', async () => {
    const m = messageIn(dataOf(await draft(riyadh, editor, simpleDraft())));
    await refused(() => mutations.edit(riyadh, editor, m.id, m.version + 5), 'CONFLICT', m.id);
    await refused(() => mutations.submit(riyadh, editor, '0193a000-0000-7000-8000-00000000dead', 1), 'NOT_FOUND');
    await refused(() => mutations.submit(riyadh, editor, 'not-an-id', 1), 'BAD_USER_INPUT');
    const jeddahEditor = await riyadh.token(['editor'], 'jeddah', 'jeddah-editor');
    // another node's draft is not there for its callers (drafts.read)
    await refused(() => mutations.edit(riyadh, jeddahEditor, m.id, m.version), 'NOT_FOUND', m.id);
    await refused(() => draft(riyadh, jeddahEditor, simpleDraft()), 'FORBIDDEN');
    const viewer = await riyadh.token(['viewer'], 'riyadh', 'riyadh-viewer');
    await refused(() => draft(riyadh, viewer, simpleDraft()), 'FORBIDDEN');
  });

  it('a malformed id in a filter, named and cut short rather than echoed whole', async () => {
    const list = (filter: Record<string, unknown>) =>
      riyadh.graphql(`query($f: MessageFilter) { mediaMessages(filter: $f) { totalCount } }`, { f: filter }, editor);
    const e = await refused(() => list({ campaignId: ['0193a000-0000-7000-8000-00000000dead', 'x'.repeat(100_000)] }), 'BAD_USER_INPUT');
    expect(e.extensions.field).toBe('campaignId.1');
    expect(e.message.length).toBeLessThan(200);
    await refused(() => list({ initiativeId: ['not-an-id'] }), 'BAD_USER_INPUT');
    // an unknown id that is an id finds nothing
    expect(dataOf(await list({ campaignId: ['0193a000-0000-7000-8000-00000000dead'] })).mediaMessages.totalCount).toBe(0);
  });

  it('requesting changes without a comment', async () => {
    let m = messageIn(dataOf(await draft(riyadh, editor, simpleDraft())));
    m = messageIn(dataOf(await mutations.submit(riyadh, editor, m.id, m.version)));
    await refused(
      () =>
        riyadh.graphql(
          `mutation($id: ID!, $v: Int!) { reviewMessage(id: $id, version: $v, decision: REQUEST_CHANGES) { id } }`,
          { id: m.id, v: m.version },
          reviewer,
        ),
      'BAD_USER_INPUT',
      m.id,
    );
  });
});
