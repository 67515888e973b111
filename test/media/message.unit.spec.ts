import { DomainError } from '../../services/kernel/src/domain';
import { thrownDomainError as errorOf } from '../support/thrown';
import type { Role } from '../../services/kernel/src/auth';
import { Channel } from '../../services/media/src/channel/channel';
import { CharterRuleKind, Severity, type Violation } from '../../services/media/src/charter/charter';
import {
  COMMANDS,
  MessageStatus,
  type VariantInput,
  archiveMessage,
  draftMessage,
  editMessage,
  messageLifecycle,
  publishMessage,
  scheduleMessage,
  submitMessage,
  type Command,
  type MessageState,
} from '../../services/media/src/message/message';
import { ReviewDecision, reviewMessage } from '../../services/media/src/review/review';
import { LEGAL, STATES } from './workflow-table';

const S = MessageStatus;
const now = new Date('2026-11-26T09:00:00Z');
const later = new Date('2026-11-27T09:00:00Z');
const author = { by: 'editor-1', node: 'riyadh', now };
const reviewer = (sub = 'reviewer-1', node = 'riyadh', roles: Role[] = ['reviewer']) => ({ sub, node, roles });
const none = (): Violation[] => [];
const blocker: Violation = {
  ruleId: 'r',
  kind: CharterRuleKind.ARABIC_REQUIRED,
  severity: Severity.BLOCKING,
  channel: Channel.X,
  message: { en: 'No Arabic.', ar: 'لا عربية.' },
  span: null,
};
const advisory: Violation = { ...blocker, severity: Severity.ADVISORY };

const draft = () =>
  draftMessage(
    { bodyAr: 'أمانة الرياض تطلق خدمة جديدة', variants: [{ channel: 'X', text: 'خدمة جديدة لسكان الرياض', hashtags: ['الرياض'] }] },
    { id: '0193a000-0000-7000-8000-000000000001', node: 'riyadh', by: 'editor-1', now },
  ).data.state;

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof DomainError ? e.code : `OTHER ${(e as Error).message}`;
  }
  return undefined;
}

const at = (status: MessageStatus): MessageState => ({ ...draft(), status });

const run: Record<Command, (s: MessageState) => MessageState> = {
  submit: (s) => submitMessage(s, null, author, []).data.state,
  approve: (s) => reviewMessage(s, { reviewId: 'r1', decision: ReviewDecision.APPROVE, comment: null, reviewer: reviewer() }, false, [], now).data.state,
  requestChanges: (s) =>
    reviewMessage(s, { reviewId: 'r1', decision: ReviewDecision.REQUEST_CHANGES, comment: 'أضف رابط الخدمة', reviewer: reviewer() }, false, [], now).data.state,
  schedule: (s) => scheduleMessage(s, later, author).data.state,
  publish: (s) => publishMessage(s, author).data.state,
  archive: (s) => archiveMessage(s, null, author).data.state,
  edit: (s) => editMessage(s, { bodyEn: 'A new service' }, author, none).data.state,
};

// the lifecycle's moves, as the hand-written table has them: every state a command leads to from another
const NEXT = Object.fromEntries(
  STATES.map((from) => [
    from,
    [
      ...new Set(
        Object.values(LEGAL)
          .map((to) => to[from])
          .filter((to): to is MessageStatus => to !== undefined && to !== from),
      ),
    ],
  ]),
) as Record<MessageStatus, MessageStatus[]>;

describe('message workflow', () => {
  const cases = (Object.keys(LEGAL) as Command[]).flatMap((c) => STATES.map((from) => [c, from] as const));

  it.each(cases)('%s from %s', (command, from) => {
    const expected = LEGAL[command][from];
    const attempt = () => run[command](at(from));
    if (!expected) {
      expect(codeOf(attempt)).toBe('INVALID_TRANSITION');
      return;
    }
    const s = attempt();
    expect(s.status).toBe(expected);
    expect(s.version).toBe(2);
    if (s.status !== from) expect(s.history.at(-1)).toMatchObject({ from, to: expected });
  });

  it('has exactly the commands, states and transitions of the written lifecycle', () => {
    expect(Object.keys(COMMANDS).sort()).toEqual(Object.keys(LEGAL).sort());
    expect([...Object.values(S)].sort()).toEqual([...STATES].sort());
    for (const from of STATES) expect([...messageLifecycle.allowed(from)].sort()).toEqual([...NEXT[from]].sort());
    expect(STATES.filter((s) => messageLifecycle.isFinal(s))).toEqual([S.ARCHIVED]);
  });

  it('keeps every transition in the history: who, when, from, to, comment', () => {
    let s = draft();
    s = run.submit(s);
    s = run.requestChanges(s);
    s = run.submit(s);
    s = run.approve(s);
    s = run.schedule(s);
    s = run.publish(s);
    expect(s.history.map((h) => [h.from, h.to])).toEqual([
      [null, S.DRAFT],
      [S.DRAFT, S.IN_REVIEW],
      [S.IN_REVIEW, S.CHANGES_REQUESTED],
      [S.CHANGES_REQUESTED, S.IN_REVIEW],
      [S.IN_REVIEW, S.APPROVED],
      [S.APPROVED, S.SCHEDULED],
      [S.SCHEDULED, S.PUBLISHED],
    ]);
    expect(s.history[2]).toMatchObject({ by: 'reviewer-1', comment: 'أضف رابط الخدمة', at: now.toISOString() });
    expect(s.version).toBe(7);
  });

  it('sends an edit after approval back to review and clears the schedule', () => {
    const approved = run.approve(run.submit(draft()));
    const scheduled = run.schedule(approved);
    for (const s of [approved, scheduled]) {
      const e = editMessage(s, { bodyAr: 'نص معدل بعد الاعتماد' }, { ...author, by: 'editor-2' }, none);
      expect(e.type).toBe('mmhub.message.edited.v1');
      expect(e.data.state).toMatchObject({ status: S.IN_REVIEW, publishAt: null, authors: ['editor-1', 'editor-2'] });
      expect(e.data.change.status).toEqual({ from: s.status, to: S.IN_REVIEW });
    }
  });

  it('refuses an edit that changes nothing: an approved message stays approved', () => {
    const approved = run.approve(run.submit(draft()));
    for (const patch of [{}, { bodyAr: approved.bodyAr }]) {
      expect(errorOf(() => editMessage(approved, patch, author, none))).toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'input' } });
    }
  });

  it('refuses self-approval, but a second reviewer approves', () => {
    const inReview = run.submit(draft());
    const self = () =>
      reviewMessage(inReview, { reviewId: 'r', decision: ReviewDecision.APPROVE, comment: null, reviewer: reviewer('editor-1') }, false, [], now);
    expect(codeOf(self)).toBe('FORBIDDEN');
    expect(
      reviewMessage(inReview, { reviewId: 'r', decision: ReviewDecision.APPROVE, comment: null, reviewer: reviewer() }, false, [], now).data.state.status,
    ).toBe(S.APPROVED);
  });

  it('needs the reviewer role, of the owner node, or of the ministry for national campaigns', () => {
    const s = run.submit(draft());
    const decide = (r: ReturnType<typeof reviewer>, national: boolean) => () =>
      reviewMessage(s, { reviewId: 'r', decision: ReviewDecision.APPROVE, comment: null, reviewer: r }, national, [], now);
    expect(codeOf(decide(reviewer('x', 'riyadh', ['editor', 'admin']), false))).toBe('FORBIDDEN');
    expect(codeOf(decide(reviewer('x', 'jeddah'), false))).toBe('FORBIDDEN');
    expect(codeOf(decide(reviewer('x', 'riyadh'), true))).toBe('FORBIDDEN');
    expect(decide(reviewer('x', 'ministry'), true)().data.state.history.at(-1)).toMatchObject({ by: 'x', byNode: 'ministry' });
  });

  it('requires a comment to request changes', () => {
    const s = run.submit(draft());
    expect(
      codeOf(() => reviewMessage(s, { reviewId: 'r', decision: ReviewDecision.REQUEST_CHANGES, comment: ' ', reviewer: reviewer() }, false, [], now)),
    ).toBe('BAD_USER_INPUT');
  });

  it('refuses submitting or approving with a blocking violation, listing it; advisory ones pass', () => {
    const d = draft();
    try {
      submitMessage(d, null, author, [blocker, advisory]);
      throw new Error('accepted');
    } catch (e) {
      expect((e as DomainError).code).toBe('BAD_USER_INPUT');
      expect((e as DomainError).details.violations).toEqual([
        expect.objectContaining({ kind: 'ARABIC_REQUIRED', severity: 'BLOCKING', messageEn: 'No Arabic.', messageAr: 'لا عربية.' }),
      ]);
    }
    const s = submitMessage(d, null, author, [advisory]).data.state;
    expect(
      codeOf(() => reviewMessage(s, { reviewId: 'r', decision: ReviewDecision.APPROVE, comment: null, reviewer: reviewer() }, false, [blocker], now)),
    ).toBe('BAD_USER_INPUT');
  });

  it('counts the rules a refused message breaks, not their findings, and says each finding once', () => {
    const onInstagram: Violation = { ...blocker, channel: Channel.INSTAGRAM };
    const other: Violation = { ...blocker, ruleId: 'r2', message: { en: 'Too long.', ar: 'أطول من المسموح.' } };
    const refusal = (violations: Violation[]) => {
      try {
        submitMessage(draft(), null, author, violations);
      } catch (e) {
        return (e as DomainError).text;
      }
      throw new Error('accepted');
    };
    expect(refusal([blocker, onInstagram])).toEqual({
      en: 'The message cannot be submitted: it breaks 1 blocking charter rule: No Arabic.',
      ar: 'لا يمكن إرسال الرسالة للمراجعة: تخالف قاعدة ملزمة واحدة في الميثاق: لا عربية.',
    });
    expect(refusal([blocker, onInstagram, other]).ar).toBe('لا يمكن إرسال الرسالة للمراجعة: تخالف قاعدتين ملزمتين في الميثاق: لا عربية. أطول من المسموح.');
  });

  it('refuses scheduling in the past', () => {
    const approved = run.approve(run.submit(draft()));
    expect(codeOf(() => scheduleMessage(approved, new Date('2026-11-25T09:00:00Z'), author))).toBe('BAD_USER_INPUT');
  });

  it('refuses a variant over its channel limit with the measured length and the limit', () => {
    try {
      draftMessage({ bodyAr: 'نص', variants: [{ channel: 'X', text: 'ب'.repeat(281) }] }, { id: 'x', node: 'riyadh', by: 'e', now });
      throw new Error('accepted');
    } catch (e) {
      const d = e as DomainError;
      expect(d.code).toBe('BAD_USER_INPUT');
      expect(d.details).toMatchObject({ field: 'variants.0.text', channel: 'X', length: 281, limit: 280 });
      expect(d.text.en).toBe('The X (Twitter) text is 281 weighted characters long; X (Twitter) allows 280.');
      // Arabic-Indic digits, and the noun agreed with 281: the accusative singular
      expect(d.text.ar).toBe('طول نص إكس (تويتر) ٢٨١ حرفًا موزونًا، والحد المسموح في إكس (تويتر) ٢٨٠.');
    }
    // hashtags count: they go out with the text
    expect(
      codeOf(() =>
        draftMessage({ bodyAr: 'نص', variants: [{ channel: 'X', text: 'ب'.repeat(275), hashtags: ['الرياض'] }] }, { id: 'x', node: 'riyadh', by: 'e', now }),
      ),
    ).toBe('BAD_USER_INPUT');
  });

  it('refuses a message without an Arabic body, and an unknown channel', () => {
    expect(codeOf(() => draftMessage({ bodyAr: '  ' }, { id: 'x', node: 'riyadh', by: 'e', now }))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => draftMessage({ bodyAr: 'English only' }, { id: 'x', node: 'riyadh', by: 'e', now }))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => draftMessage({ bodyAr: 'نص', variants: [{ channel: 'MYSPACE', text: 'x' }] }, { id: 'x', node: 'riyadh', by: 'e', now }))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('refuses submitting a message with no variant', () => {
    const d = draftMessage({ bodyAr: 'نص عربي' }, { id: 'x', node: 'riyadh', by: 'e', now }).data.state;
    expect(codeOf(() => submitMessage(d, null, author, []))).toBe('BAD_USER_INPUT');
  });
});

const acting = { id: '0193a000-0000-7000-8000-000000000002', node: 'riyadh', by: 'editor-1', now };
const drafted = (variants: VariantInput[]) => draftMessage({ bodyAr: 'أمانة الرياض تطلق خدمة جديدة', variants }, acting).data.state;

describe('channel media at review', () => {
  it('drafts an Instagram variant without media, but refuses submitting it, naming the channel', () => {
    const d = drafted([
      { channel: 'X', text: 'خدمة جديدة' },
      { channel: 'INSTAGRAM', text: 'خدمة جديدة لسكان الرياض' },
    ]);
    expect(d.status).toBe(S.DRAFT);
    const e = errorOf(() => submitMessage(d, null, author, []));
    expect(e.code).toBe('BAD_USER_INPUT');
    expect(e.details).toMatchObject({ field: 'variants.1.mediaRefs', channel: 'INSTAGRAM', channels: ['INSTAGRAM'] });
    expect(e.text.en).toBe('Instagram does not publish text alone: add at least one media item to the Instagram variant before review.');
    expect(e.text.ar).toContain('إنستغرام');
    const withMedia = editMessage(
      d,
      { variants: [{ channel: 'INSTAGRAM', text: 'خدمة جديدة لسكان الرياض', mediaRefs: ['media/riyadh/poster.jpg'] }] },
      author,
      none,
    ).data.state;
    expect(submitMessage(withMedia, null, author, []).data.state.status).toBe(S.IN_REVIEW);
  });

  it('names every channel that lacks its media; X, the website, the press and SMS need none', () => {
    const d = drafted([
      { channel: 'X', text: 'نص' },
      { channel: 'WEBSITE', text: 'نص' },
      { channel: 'PRESS', text: 'نص' },
      { channel: 'SMS', text: 'نص' },
      { channel: 'YOUTUBE', text: 'نص' },
      { channel: 'SNAPCHAT', text: 'نص' },
      { channel: 'TIKTOK', text: 'نص', mediaRefs: ['media/video.mp4'] },
      { channel: 'OUTDOOR', text: 'نص' },
    ]);
    const e = errorOf(() => submitMessage(d, null, author, []));
    expect(e.details).toMatchObject({ field: 'variants.4.mediaRefs', channels: ['YOUTUBE', 'SNAPCHAT', 'OUTDOOR'] });
    expect(e.text.en).toContain('YouTube, Snapchat, ');
    expect(
      submitMessage(
        drafted([
          { channel: 'X', text: 'نص' },
          { channel: 'WEBSITE', text: 'نص' },
          { channel: 'PRESS', text: 'نص' },
          { channel: 'SMS', text: 'نص' },
        ]),
        null,
        author,
        [],
      ).data.state.status,
    ).toBe(S.IN_REVIEW);
  });

  it('refuses an edit that leaves a message in review without the media its channel requires; a draft may lose it', () => {
    const instagram = { channel: 'INSTAGRAM', text: 'خدمة جديدة', mediaRefs: ['media/riyadh/poster.jpg'] };
    const bare = { variants: [{ channel: 'INSTAGRAM', text: 'خدمة جديدة' }] };
    const d = drafted([instagram]);
    expect(editMessage(d, bare, author, none).data.state.variants[0].mediaRefs).toEqual([]);
    const inReview = run.submit(d);
    const approved = run.approve(inReview);
    for (const s of [inReview, approved, run.schedule(approved)]) {
      expect(errorOf(() => editMessage(s, bare, author, none)).details).toMatchObject({ field: 'variants.0.mediaRefs', channel: 'INSTAGRAM' });
    }
  });
});

describe("a variant's own publication time", () => {
  const hourAgo = new Date(now.getTime() - 3600_000);

  it('is refused at drafting when it is not after now, naming the field', () => {
    for (const at of [hourAgo, now]) {
      const e = errorOf(() =>
        drafted([
          { channel: 'X', text: 'نص' },
          { channel: 'WEBSITE', text: 'نص', scheduledAt: at },
        ]),
      );
      expect(e.code).toBe('BAD_USER_INPUT');
      expect(e.details).toMatchObject({ field: 'variants.1.scheduledAt', channel: 'WEBSITE', now: now.toISOString() });
      expect(e.text.en).toContain(at.toISOString());
      expect(e.text.ar).toContain('الموقع الإلكتروني');
    }
    expect(drafted([{ channel: 'X', text: 'نص', scheduledAt: later }]).variants[0].scheduledAt).toBe(later.toISOString());
  });

  it('is refused in the variants an edit sends; variants the edit does not send keep theirs', () => {
    const d = drafted([{ channel: 'X', text: 'نص', scheduledAt: later }]);
    const e = errorOf(() => editMessage(d, { variants: [{ channel: 'X', text: 'نص', scheduledAt: hourAgo }] }, author, none));
    expect(e.details).toMatchObject({ field: 'variants.0.scheduledAt', channel: 'X' });
    expect(d.variants[0].scheduledAt).toBe(later.toISOString());
    // the day after the set time, changing the English body leaves the variant as it was
    const dayAfter = { ...author, now: new Date(later.getTime() + 86400_000) };
    expect(editMessage(d, { bodyEn: 'A new service' }, dayAfter, none).data.state.variants[0].scheduledAt).toBe(later.toISOString());
  });
});
