import { DomainError, type Role } from '../../../kernel/src';
import { Channel } from '../channel/channel';
import { CharterRuleKind, Severity, type Violation } from '../charter/charter';
import {
  COMMANDS,
  MessageStatus,
  ReviewDecision,
  archiveMessage,
  draftMessage,
  editMessage,
  messageLifecycle,
  publishMessage,
  reviewMessage,
  scheduleMessage,
  submitMessage,
  type Command,
  type MessageState,
} from './message';

const S = MessageStatus;
const now = new Date('2026-11-26T09:00:00Z');
const later = new Date('2026-11-27T09:00:00Z');
const author = { by: 'editor-1', node: 'riyadh', now };
const reviewer = (sub = 'reviewer-1', node = 'riyadh', roles: Role[] = ['reviewer']) => ({ sub, node, roles });
const none = (): Violation[] => [];
const blocker: Violation = { ruleId: 'r', kind: CharterRuleKind.ARABIC_REQUIRED, severity: Severity.BLOCKING, channel: Channel.X, message: { en: 'No Arabic.', ar: 'لا عربية.' }, span: null };
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
  submit: (s) => submitMessage(s, s.version, null, author, []).data.state,
  approve: (s) => reviewMessage(s, s.version, { reviewId: 'r1', decision: ReviewDecision.APPROVE, comment: null, reviewer: reviewer() }, false, [], now).data.state,
  requestChanges: (s) => reviewMessage(s, s.version, { reviewId: 'r1', decision: ReviewDecision.REQUEST_CHANGES, comment: 'أضف رابط الخدمة', reviewer: reviewer() }, false, [], now).data.state,
  schedule: (s) => scheduleMessage(s, s.version, later, author).data.state,
  publish: (s) => publishMessage(s, s.version, author).data.state,
  archive: (s) => archiveMessage(s, s.version, null, author).data.state,
  edit: (s) => editMessage(s, { bodyEn: 'A new service' }, s.version, author, none).data.state,
};

describe('message workflow', () => {
  const commands = Object.keys(COMMANDS) as Command[];
  const cases = commands.flatMap((c) => Object.values(S).map((from) => [c, from] as const));

  it.each(cases)('%s from %s', (command, from) => {
    const legal = (COMMANDS[command].from as readonly MessageStatus[]).includes(from);
    const attempt = () => run[command](at(from));
    if (!legal) {
      expect(codeOf(attempt)).toBe('INVALID_TRANSITION');
      return;
    }
    const s = attempt();
    const expected = COMMANDS[command].to ?? (from === S.APPROVED || from === S.SCHEDULED ? S.IN_REVIEW : from);
    expect(s.status).toBe(expected);
    expect(s.version).toBe(2);
    if (s.status !== from) expect(s.history.at(-1)).toMatchObject({ from, to: expected });
  });

  it('agrees with the lifecycle table', () => {
    for (const c of Object.values(COMMANDS)) for (const from of c.from) if (c.to) expect(messageLifecycle.allowed(from)).toContain(c.to);
    expect(Object.values(S).filter((s) => messageLifecycle.isFinal(s))).toEqual([S.ARCHIVED]);
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
      const e = editMessage(s, { bodyAr: 'نص معدل بعد الاعتماد' }, s.version, { ...author, by: 'editor-2' }, none);
      expect(e.type).toBe('mmhub.message.edited.v1');
      expect(e.data.state).toMatchObject({ status: S.IN_REVIEW, publishAt: null, authors: ['editor-1', 'editor-2'] });
      expect(e.data.change.status).toEqual({ from: s.status, to: S.IN_REVIEW });
    }
  });

  it('refuses self-approval, but a second reviewer approves', () => {
    const inReview = run.submit(draft());
    const self = () => reviewMessage(inReview, 2, { reviewId: 'r', decision: ReviewDecision.APPROVE, comment: null, reviewer: reviewer('editor-1') }, false, [], now);
    expect(codeOf(self)).toBe('FORBIDDEN');
    expect(reviewMessage(inReview, 2, { reviewId: 'r', decision: ReviewDecision.APPROVE, comment: null, reviewer: reviewer() }, false, [], now).data.state.status).toBe(S.APPROVED);
  });

  it('needs the reviewer role, of the owner node, or of the ministry for national campaigns', () => {
    const s = run.submit(draft());
    const decide = (r: ReturnType<typeof reviewer>, national: boolean) => () =>
      reviewMessage(s, 2, { reviewId: 'r', decision: ReviewDecision.APPROVE, comment: null, reviewer: r }, national, [], now);
    expect(codeOf(decide(reviewer('x', 'riyadh', ['editor', 'admin']), false))).toBe('FORBIDDEN');
    expect(codeOf(decide(reviewer('x', 'jeddah'), false))).toBe('FORBIDDEN');
    expect(codeOf(decide(reviewer('x', 'riyadh'), true))).toBe('FORBIDDEN');
    expect(decide(reviewer('x', 'ministry'), true)().data.state.history.at(-1)).toMatchObject({ by: 'x', byNode: 'ministry' });
  });

  it('requires a comment to request changes', () => {
    const s = run.submit(draft());
    expect(codeOf(() => reviewMessage(s, 2, { reviewId: 'r', decision: ReviewDecision.REQUEST_CHANGES, comment: ' ', reviewer: reviewer() }, false, [], now))).toBe('BAD_USER_INPUT');
  });

  it('refuses submitting or approving with a blocking violation, listing it; advisory ones pass', () => {
    const d = draft();
    try {
      submitMessage(d, 1, null, author, [blocker, advisory]);
      throw new Error('accepted');
    } catch (e) {
      expect((e as DomainError).code).toBe('BAD_USER_INPUT');
      expect((e as DomainError).details.violations).toEqual([expect.objectContaining({ kind: 'ARABIC_REQUIRED', severity: 'BLOCKING', messageEn: 'No Arabic.', messageAr: 'لا عربية.' })]);
    }
    const s = submitMessage(d, 1, null, author, [advisory]).data.state;
    expect(codeOf(() => reviewMessage(s, 2, { reviewId: 'r', decision: ReviewDecision.APPROVE, comment: null, reviewer: reviewer() }, false, [blocker], now))).toBe('BAD_USER_INPUT');
  });

  it('refuses scheduling in the past, and a stale version', () => {
    const approved = run.approve(run.submit(draft()));
    expect(codeOf(() => scheduleMessage(approved, approved.version, new Date('2026-11-25T09:00:00Z'), author))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => scheduleMessage(approved, 1, later, author))).toBe('CONFLICT');
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
      expect(d.text.ar).toContain('281');
    }
    // hashtags count: they go out with the text
    expect(codeOf(() => draftMessage({ bodyAr: 'نص', variants: [{ channel: 'X', text: 'ب'.repeat(275), hashtags: ['الرياض'] }] }, { id: 'x', node: 'riyadh', by: 'e', now }))).toBe('BAD_USER_INPUT');
  });

  it('refuses a message without an Arabic body, and an unknown channel', () => {
    expect(codeOf(() => draftMessage({ bodyAr: '  ' }, { id: 'x', node: 'riyadh', by: 'e', now }))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => draftMessage({ bodyAr: 'English only' }, { id: 'x', node: 'riyadh', by: 'e', now }))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => draftMessage({ bodyAr: 'نص', variants: [{ channel: 'MYSPACE', text: 'x' }] }, { id: 'x', node: 'riyadh', by: 'e', now }))).toBe('BAD_USER_INPUT');
  });

  it('refuses submitting a message with no variant', () => {
    const d = draftMessage({ bodyAr: 'نص عربي' }, { id: 'x', node: 'riyadh', by: 'e', now }).data.state;
    expect(codeOf(() => submitMessage(d, 1, null, author, []))).toBe('BAD_USER_INPUT');
  });
});
