import { newId } from '../../services/kernel/src/domain';
import { mediaService } from '../../services/media/src/service';
import { eventually, startTestService, type TestNode } from '../support/node';
import { campaignEvent, counts, dataOf, draft, errorOf, messageIn, mutations, produce, simpleDraft } from './media-support';

let ministry: TestNode;
let riyadh: TestNode;
let admin: string;
let editor: string;

const DEFINE = `mutation($input: CharterRuleInput!) { defineCharterRule(input: $input) { id version kind severity } }`;
const CHECK = `query($text: String!, $channel: String!, $campaignId: ID) {
  checkMessage(text: $text, channel: $channel, campaignId: $campaignId) { ruleId kind severity channel messageAr messageEn span { start end text } }
}`;

/** A rule defined at the ministry, once it has reached riyadh. */
async function defineRule(input: Record<string, unknown>): Promise<{ id: string; version: number }> {
  const rule = dataOf(await ministry.graphql(DEFINE, { input }, admin)).defineCharterRule;
  await eventually(
    async () => ((await riyadh.sql('select 1 from media.charter_rule where id = $1 and version = $2', [rule.id, rule.version])).length ? true : undefined),
    20000,
    'the rule at riyadh',
  );
  return rule;
}

const check = async (text: string, channel = 'X', campaignId?: string) =>
  dataOf(await riyadh.graphql(CHECK, { text, channel, campaignId }, editor)).checkMessage as any[];
const only = (vs: any[], ruleId: string) => vs.filter((v) => v.ruleId === ruleId);
// the broker keeps the ministry's rules of earlier runs, and every node applies them: rules that
// could block other tests' messages use words of this run only
const LETTERS = [...'بتثجحخدذرزسشصضطظعغفقكلمن'];
const word = (n = 5) => Array.from({ length: n }, () => LETTERS[Math.floor(Math.random() * LETTERS.length)]).join('');

beforeAll(async () => {
  [ministry, riyadh] = await Promise.all([startTestService(mediaService, { node: 'ministry' }), startTestService(mediaService, { node: 'riyadh' })]);
  admin = await ministry.token(['admin'], 'ministry', 'ministry-admin');
  editor = await riyadh.token(['editor'], 'riyadh', 'riyadh-editor');
});
afterAll(async () => {
  await Promise.all([ministry?.stop(), riyadh?.stop()]);
});

describe('the communication charter, written at the ministry and applied at every node', () => {
  it('REQUIRED_HASHTAG, per campaign: passes with the tag, fails without', async () => {
    const campaign = newId();
    const r = await defineRule({ kind: 'REQUIRED_HASHTAG', severity: 'BLOCKING', hashtag: 'صحتك_تهمنا', campaignId: campaign });
    expect(only(await check('حملة التوعية الصحية #صحتك_تهمنا', 'X', campaign), r.id)).toEqual([]);
    const [v] = only(await check('حملة التوعية الصحية', 'X', campaign), r.id);
    expect(v).toMatchObject({ kind: 'REQUIRED_HASHTAG', severity: 'BLOCKING', channel: 'X', span: null });
    expect(v.messageAr).toContain('#صحتك_تهمنا');
    expect(only(await check('رسالة لحملة أخرى'), r.id)).toEqual([]);
  });

  it('BANNED_TERM across Arabic spelling variants, with the offending spans', async () => {
    const r = await defineRule({ kind: 'BANNED_TERM', severity: 'BLOCKING', term: 'مجانية', channels: ['YOUTUBE'] });
    expect(only(await check('خدمات بلدية ميسرة', 'YOUTUBE'), r.id)).toEqual([]);
    const text = 'الخدمة مجانيه والرسوم مَجّانيّة ومجــانية';
    const found = only(await check(text, 'YOUTUBE'), r.id);
    expect(found.map((v) => v.span.text)).toEqual(['مجانيه', 'مَجّانيّة', 'مجــانية']);
    for (const v of found) expect(text.slice(v.span.start, v.span.end)).toBe(v.span.text);
  });

  it('BANNED_TERM through the invisible characters a word may carry: joiners, the soft hyphen, direction marks', async () => {
    const r = await defineRule({ kind: 'BANNED_TERM', severity: 'BLOCKING', term: 'مجانية', channels: ['TIKTOK'] });
    // each looks like مجانية on screen
    const hidden = ['مج\u200dانية', 'مجا\u00adنية', 'مجان\u200fية', 'م\u2060جانية', 'مجانية\u061c', 'مجا\ufeffنية'];
    for (const word of hidden) {
      const text = `الخدمة ${word} للجميع`;
      const [v] = only(await check(text, 'TIKTOK'), r.id);
      expect({ word, severity: v?.severity }).toEqual({ word, severity: 'BLOCKING' });
      expect(v.span.text.replace(/[^\u0621-\u064A]/g, '')).toBe('مجانية');
      expect(text.slice(v.span.start, v.span.end)).toBe(v.span.text);
    }
  });

  it('REQUIRED_MENTION, MAX_LENGTH, ARABIC_REQUIRED, LINK_DOMAIN_ALLOWLIST: a passing and a failing case each', async () => {
    const mention = await defineRule({ kind: 'REQUIRED_MENTION', severity: 'ADVISORY', mention: 'MOMRAH', channels: ['INSTAGRAM'] });
    const length = await defineRule({ kind: 'MAX_LENGTH', severity: 'BLOCKING', maxLength: 100, channels: ['SNAPCHAT'] });
    const arabic = await defineRule({ kind: 'ARABIC_REQUIRED', severity: 'BLOCKING', channels: ['WEBSITE'] });
    const links = await defineRule({ kind: 'LINK_DOMAIN_ALLOWLIST', severity: 'BLOCKING', domains: ['momrah.gov.sa'], channels: ['OUTDOOR'] });
    expect(only(await check('بالتعاون مع @momrah', 'INSTAGRAM'), mention.id)).toEqual([]);
    expect(only(await check('بالتعاون مع الوزارة', 'INSTAGRAM'), mention.id)).toHaveLength(1);
    expect(only(await check('ب'.repeat(100), 'SNAPCHAT'), length.id)).toEqual([]);
    expect(only(await check('ب'.repeat(120), 'SNAPCHAT'), length.id)[0].span).toMatchObject({ start: 100, end: 120 });
    expect(only(await check('خبر الأمانة', 'WEBSITE'), arabic.id)).toEqual([]);
    expect(only(await check('News of the municipality', 'WEBSITE'), arabic.id)).toHaveLength(1);
    expect(only(await check('زوروا momrah.gov.sa', 'OUTDOOR'), links.id)).toEqual([]);
    expect(only(await check('زوروا https://bit.ly/x1', 'OUTDOOR'), links.id)[0].span.text).toBe('https://bit.ly/x1');
  });

  it('lets advisory violations through and refuses blocking ones at submission, listing them; a revision applies to later submissions', async () => {
    const term = word();
    const rule = await defineRule({ kind: 'BANNED_TERM', severity: 'ADVISORY', term, channels: ['TIKTOK'] });
    const tiktok = { channel: 'TIKTOK', text: `عرض ${term} لسكان الرياض`, mediaRefs: ['media://video/1'] };
    const first = messageIn(dataOf(await draft(riyadh, editor, simpleDraft({ variants: [tiktok] }))));
    const submitted = messageIn(dataOf(await mutations.submit(riyadh, editor, first.id, first.version)));
    expect(submitted.status).toBe('IN_REVIEW');

    const revised = dataOf(
      await ministry.graphql(
        `mutation($id: ID!, $v: Int!, $input: CharterRuleInput!) { reviseCharterRule(id: $id, version: $v, input: $input) { id version severity } }`,
        { id: rule.id, v: rule.version, input: { kind: 'BANNED_TERM', severity: 'BLOCKING', term, channels: ['TIKTOK'] } },
        admin,
      ),
    ).reviseCharterRule;
    expect(revised).toMatchObject({ version: 2, severity: 'BLOCKING' });
    await eventually(
      async () => ((await riyadh.sql(`select 1 from media.charter_rule where id = $1 and severity = 'BLOCKING'`, [rule.id])).length ? true : undefined),
      20000,
      'the revision at riyadh',
    );

    const second = messageIn(dataOf(await draft(riyadh, editor, simpleDraft({ variants: [tiktok] }))));
    const before = await counts(riyadh);
    const e = errorOf(await mutations.submit(riyadh, editor, second.id, second.version));
    expect(e.code).toBe('BAD_USER_INPUT');
    expect(e.extensions.violations).toEqual([
      expect.objectContaining({ ruleId: rule.id, kind: 'BANNED_TERM', severity: 'BLOCKING', span: expect.objectContaining({ text: term }) }),
    ]);
    expect(e.messageAr).toContain('الميثاق');
    expect(await counts(riyadh)).toEqual(before);
    const [row] = await riyadh.sql('select status, version from media.media_message where id = $1', [second.id]);
    expect(row).toEqual({ status: 'DRAFT', version: 1 });
  });

  it('refuses approving a message that a rule made blocking after it was submitted, listing the violation; nothing changes', async () => {
    const term = word(6);
    const rule = await defineRule({ kind: 'BANNED_TERM', severity: 'ADVISORY', term, channels: ['X'] });
    let m = messageIn(dataOf(await draft(riyadh, editor, simpleDraft({ variants: [{ channel: 'X', text: `خدمة ${term} لسكان الرياض` }] }))));
    m = messageIn(dataOf(await mutations.submit(riyadh, editor, m.id, m.version)));
    expect(m.status).toBe('IN_REVIEW');

    const revise = `mutation($id: ID!, $v: Int!, $input: CharterRuleInput!) { reviseCharterRule(id: $id, version: $v, input: $input) { version } }`;
    dataOf(
      await ministry.graphql(revise, { id: rule.id, v: rule.version, input: { kind: 'BANNED_TERM', severity: 'BLOCKING', term, channels: ['X'] } }, admin),
    );
    await eventually(
      async () => ((await riyadh.sql(`select 1 from media.charter_rule where id = $1 and severity = 'BLOCKING'`, [rule.id])).length ? true : undefined),
      20000,
      'the revision at riyadh',
    );

    const reviewer = await riyadh.token(['reviewer'], 'riyadh', 'riyadh-reviewer');
    const message = async () => riyadh.sql('select status, version, history, variants from media.media_message where id = $1', [m.id]);
    const [before, rowBefore] = [await counts(riyadh), await message()];
    const e = errorOf(await mutations.approve(riyadh, reviewer, m.id, m.version));
    expect(e.code).toBe('BAD_USER_INPUT');
    expect(e.message).toContain('cannot be approved');
    expect(e.messageAr).toContain('اعتماد الرسالة');
    expect(e.extensions.violations).toEqual([
      expect.objectContaining({ ruleId: rule.id, kind: 'BANNED_TERM', severity: 'BLOCKING', channel: 'X', span: expect.objectContaining({ text: term }) }),
    ]);
    expect(await counts(riyadh)).toEqual(before);
    expect(await message()).toEqual(rowBefore);
    expect(rowBefore[0]).toMatchObject({ status: 'IN_REVIEW', version: m.version });
    expect(await riyadh.sql('select 1 from media.review where message_id = $1', [m.id])).toEqual([]);
  });

  it('is written only by ministry admins, and is read-only at a municipality', async () => {
    const riyadhAdmin = await riyadh.token(['admin'], 'riyadh', 'riyadh-admin');
    expect(errorOf(await riyadh.graphql(DEFINE, { input: { kind: 'ARABIC_REQUIRED', severity: 'BLOCKING' } }, riyadhAdmin)).code).toBe('FORBIDDEN');
    const ministryEditor = await ministry.token(['editor'], 'ministry', 'ministry-editor');
    expect(errorOf(await ministry.graphql(DEFINE, { input: { kind: 'ARABIC_REQUIRED', severity: 'BLOCKING' } }, ministryEditor)).code).toBe('FORBIDDEN');
  });
});

describe('review of national campaign messages by the ministry', () => {
  it('decided at the hub on its replica, applied at the owner node, and seen back at the hub', async () => {
    const { id: campaignId, event } = campaignEvent('ministry', 'حملة اليوم الوطني');
    await produce('calendar', [event]);
    for (const n of [ministry, riyadh]) {
      await eventually(
        async () => ((await n.sql('select 1 from media.campaign_view where id = $1 and national', [campaignId])).length ? true : undefined),
        20000,
        `the campaign at ${n.node}`,
      );
    }
    let m = messageIn(dataOf(await draft(riyadh, editor, simpleDraft({ campaignId }))));
    m = messageIn(dataOf(await mutations.submit(riyadh, editor, m.id, m.version)));

    // the owner's reviewers do not review national campaign messages
    const riyadhReviewer = await riyadh.token(['reviewer'], 'riyadh', 'riyadh-reviewer');
    expect(errorOf(await mutations.approve(riyadh, riyadhReviewer, m.id, m.version)).code).toBe('FORBIDDEN');

    await eventually(
      async () => ((await ministry.sql(`select 1 from media.media_message where id = $1 and status = 'IN_REVIEW'`, [m.id])).length ? true : undefined),
      20000,
      'the replica at the hub',
    );
    const ministryReviewer = await ministry.token(['reviewer'], 'ministry', 'ministry-reviewer');
    const review = dataOf(await mutations.approve(ministry, ministryReviewer, m.id, m.version)).reviewMessage;
    expect(review).toMatchObject({ decision: 'APPROVE', remote: true });

    const approved = await eventually(
      async () => {
        const [row] = await riyadh.sql<{ status: string; version: number; history: any[] }>(
          'select status, version, history from media.media_message where id = $1',
          [m.id],
        );
        return row.status === 'APPROVED' ? row : undefined;
      },
      20000,
      'the approval at riyadh',
    );
    expect(approved.version).toBe(m.version + 1);
    expect(approved.history.at(-1)).toMatchObject({ from: 'IN_REVIEW', to: 'APPROVED', by: 'ministry-reviewer', byNode: 'ministry', reviewId: review.id });
    await eventually(
      async () => ((await ministry.sql(`select 1 from media.media_message where id = $1 and status = 'APPROVED'`, [m.id])).length ? true : undefined),
      20000,
      'the approval back at the hub',
    );
    const REVIEWS = 'query($id: ID!) { mediaMessage(id: $id) { version reviews { id outcome } } }';
    expect(dataOf(await ministry.graphql(REVIEWS, { id: m.id }, ministryReviewer)).mediaMessage.reviews).toEqual([{ id: review.id, outcome: 'APPLIED' }]);

    // a decision on a version riyadh has left behind (the author edited it before the decision arrived) is not applied, and says so
    const stale = newId();
    const decidedAt = new Date().toISOString();
    const state = {
      ...{ id: stale, node: 'ministry', messageId: m.id, messageNode: 'riyadh', messageVersion: m.version, decision: 'REQUEST_CHANGES' },
      ...{ comment: 'أضف رابط الحملة', reviewerId: 'ministry-reviewer', reviewerNode: 'ministry', remote: true, decidedAt, version: 1 },
    };
    await produce('media', [{ type: 'mmhub.review.decided.v1', subject: stale, node: 'ministry', aggregateVersion: 1, data: { state, change: state } }]);
    const atRiyadh = await eventually(
      async () => {
        const reviews = dataOf(await riyadh.graphql(REVIEWS, { id: m.id }, editor)).mediaMessage;
        return reviews.reviews.length === 2 ? reviews : undefined;
      },
      20000,
      'the stale decision at riyadh',
    );
    expect(atRiyadh.version).toBe(m.version + 1);
    expect(new Map(atRiyadh.reviews.map((r: { id: string; outcome: string }) => [r.id, r.outcome]))).toEqual(
      new Map([
        [review.id, 'APPLIED'],
        [stale, 'NOT_APPLIED'],
      ]),
    );

    // a replica of a local campaign's message is not the hub's to review
    const local = messageIn(dataOf(await draft(riyadh, editor, simpleDraft())));
    await eventually(
      async () => ((await ministry.sql('select 1 from media.media_message where id = $1', [local.id])).length ? true : undefined),
      20000,
      'the replica',
    );
    expect(errorOf(await mutations.approve(ministry, ministryReviewer, local.id, local.version)).code).toBe('NOT_OWNER');
  });
});
