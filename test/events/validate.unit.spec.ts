import { Axis, newId } from '../../services/kernel/src/domain';
import type { DomainEvent } from '../../services/kernel/src/events';
import { NODE_HEARTBEAT_TYPE, eventDefinition, isKnownEventType, validateEvent } from '../../services/kernel/src/events/schemas';
import { DOMAIN_EVENTS } from '../../cli/contracts';
import {
  InitiativeStatus,
  changeInitiativeStatus,
  proposeInitiative,
  updateInitiative,
  type InitiativeState,
} from '../../services/initiatives/src/initiative/initiative';
import { reportProgress } from '../../services/initiatives/src/initiative/progress';
import { assessInitiative, defineIntegrationCriterion } from '../../services/initiatives/src/integration/integration';
import {
  CampaignStatus,
  changeCampaignStatus,
  draftCampaign,
  rescheduleCampaign,
  scheduleCampaign,
  updateCampaign,
  type CampaignState,
} from '../../services/calendar/src/campaign/campaign';
import { CalendarEntryKind, addCalendarEntry, cancelCalendarEntry, moveCalendarEntry } from '../../services/calendar/src/entry/calendar-entry';
import {
  archiveMessage,
  draftMessage,
  editMessage,
  publishMessage,
  scheduleMessage,
  submitMessage,
  type MessageState,
} from '../../services/media/src/message/message';
import { ReviewDecision, decideReview, reviewMessage } from '../../services/media/src/review/review';
import { CharterRuleKind, Severity, defineCharterRule, reviseCharterRule, retireCharterRule } from '../../services/media/src/charter/charter';
import { defineKeyMessage, reviseKeyMessage, retireKeyMessage } from '../../services/media/src/keymessage/key-message';

const at = (minutes: number) => new Date(Date.parse('2026-03-01T09:00:00Z') + minutes * 60_000);
const editor = (node: string, minutes: number) => ({ id: newId(), node, by: `${node}-editor`, now: at(minutes) });

/** One event of every type the services record, made by their own domain functions, as the resolvers make them. */
function everyEvent(): DomainEvent[] {
  const events: DomainEvent[] = [];
  const keep = <E extends DomainEvent>(e: E): E => (events.push(e), e);

  // initiatives: the whole lifecycle, a progress report, a criterion and an assessment
  const proposed = keep(
    proposeInitiative(
      {
        code: 'RUH-2026-001',
        titleAr: 'بوابة الأمانة الرقمية',
        titleEn: 'Digital portal',
        axis: Axis.E_SERVICES,
        plannedStart: '2026-01-01',
        plannedEnd: '2026-12-31',
        targets: [{ kpi: 'services online', unit: 'count', targetValue: 40 }],
      },
      null,
      editor('riyadh', 0),
    ),
  );
  let i: InitiativeState = keep(updateInitiative(proposed.data.state, { titleEn: 'The digital portal', descriptionAr: 'وصف' }, null, editor('riyadh', 1))).data
    .state;
  const move = (to: InitiativeStatus, m: number, reason: string | null = null) =>
    (i = keep(changeInitiativeStatus(i, to, reason, editor('riyadh', m))).data.state);
  move(InitiativeStatus.APPROVED, 2);
  move(InitiativeStatus.IN_PROGRESS, 3);
  i = keep(reportProgress(i, { percentComplete: 35, kpiActuals: [{ kpi: 'services online', value: 12 }], note: 'على المسار' }, editor('riyadh', 4)).event).data
    .state;
  move(InitiativeStatus.SUSPENDED, 5, 'الميزانية');
  move(InitiativeStatus.IN_PROGRESS, 6);
  move(InitiativeStatus.COMPLETED, 7);
  const other = proposeInitiative(
    { code: 'RUH-2026-002', titleAr: 'مبادرة ملغاة', axis: Axis.OVERSIGHT, plannedStart: '2026-02-01', plannedEnd: '2026-06-30' },
    null,
    editor('riyadh', 8),
  );
  keep(changeInitiativeStatus(other.data.state, InitiativeStatus.CANCELLED, 'مكررة', editor('riyadh', 9)));
  const criterion = keep(
    defineIntegrationCriterion({ nameAr: 'التكامل مع الخدمات الوطنية', nameEn: 'National integration', weight: 2 }, editor('ministry', 10)),
  );
  keep(assessInitiative(i.id, { scores: [{ criterionId: criterion.data.state.id, score: 80 }], note: null }, [criterion.data.state], editor('ministry', 11)));

  // calendar: a campaign from draft to done, another cancelled, an entry added, moved and cancelled, an occasion
  const period = (from: string, to: string) => ({ startsAt: new Date(`${from}T00:00:00+03:00`), endsAt: new Date(`${to}T00:00:00+03:00`) });
  const fields = { titleAr: 'حملة سلامة الغذاء', axis: Axis.HEALTH_AWARENESS, audiences: ['RESIDENTS'], channels: ['X', 'INSTAGRAM'], initiativeIds: [i.id] };
  let c: CampaignState = keep(draftCampaign({ ...fields, ...period('2026-04-01', '2026-04-15') }, editor('riyadh', 12))).data.state;
  c = keep(updateCampaign(c, { titleEn: 'Food safety', channels: ['X'] }, editor('riyadh', 13))).data.state;
  c = keep(scheduleCampaign(c, period('2026-04-02', '2026-04-16'), editor('riyadh', 14))).data.state;
  c = keep(rescheduleCampaign(c, period('2026-04-03', '2026-04-17'), editor('riyadh', 15))).data.state;
  c = keep(changeCampaignStatus(c, CampaignStatus.LIVE, null, editor('riyadh', 16))).data.state;
  keep(changeCampaignStatus(c, CampaignStatus.DONE, null, editor('riyadh', 17)));
  const dropped = draftCampaign({ ...fields, ...period('2026-05-01', '2026-05-10') }, editor('riyadh', 18)).data.state;
  keep(changeCampaignStatus(dropped, CampaignStatus.CANCELLED, 'تأجيل', editor('riyadh', 19)));
  const linked = { id: c.id, node: c.node, axis: c.axis, status: CampaignStatus.SCHEDULED };
  const entry = keep(
    addCalendarEntry(
      {
        kind: CalendarEntryKind.CAMPAIGN_LAUNCH,
        titleAr: 'إطلاق الحملة',
        campaignId: c.id,
        when: { startsAt: at(60 * 24 * 40), endsAt: at(60 * 24 * 40 + 90) },
      },
      linked,
      editor('riyadh', 20),
    ),
  ).data.state;
  const moved = keep(moveCalendarEntry(entry, { startDate: '2026-04-20', endDate: '2026-04-21' }, editor('riyadh', 21))).data.state;
  keep(cancelCalendarEntry(moved, 'أُلغيت', editor('riyadh', 22)));
  keep(
    addCalendarEntry({ kind: CalendarEntryKind.OCCASION, titleAr: 'اليوم الوطني', when: { startDate: '2026-09-23' } }, null, editor('ministry', 23), {
      code: 'NATIONAL_DAY',
      hijriYear: 1448,
    }),
  );

  // media: a message through the whole workflow, its reviews, a charter rule and a key message
  const writer = { node: 'riyadh', by: 'riyadh-editor' };
  const reviewer = { sub: 'riyadh-reviewer', node: 'riyadh', roles: ['reviewer' as const] };
  let m: MessageState = keep(
    draftMessage({ bodyAr: 'خدمة رخص البناء الإلكترونية', variants: [{ channel: 'X', text: 'متاحة الآن', hashtags: ['الرياض'] }] }, editor('riyadh', 30)),
  ).data.state;
  m = keep(editMessage(m, { bodyEn: 'Online building permits' }, { ...writer, now: at(31) }, () => [])).data.state;
  m = keep(submitMessage(m, 'جاهزة', { ...writer, now: at(32) }, [])).data.state;
  const askChanges = { reviewId: newId(), decision: ReviewDecision.REQUEST_CHANGES, comment: 'أضف الرابط', reviewer };
  keep(decideReview(m, askChanges, { node: 'riyadh', now: at(33) }));
  m = keep(reviewMessage(m, askChanges, false, [], at(33))).data.state;
  m = submitMessage(m, null, { ...writer, now: at(34) }, []).data.state;
  m = reviewMessage(m, { reviewId: newId(), decision: ReviewDecision.APPROVE, comment: null, reviewer }, false, [], at(35)).data.state;
  const backToReview = keep(editMessage(m, { bodyAr: 'نص معدل بعد الاعتماد' }, { ...writer, now: at(36) }, () => []));
  expect(backToReview.data.change).toHaveProperty('status');
  m = backToReview.data.state;
  m = keep(reviewMessage(m, { reviewId: newId(), decision: ReviewDecision.APPROVE, comment: 'ممتاز', reviewer }, false, [], at(37))).data.state;
  m = keep(scheduleMessage(m, at(60 * 24), { ...writer, now: at(38) })).data.state;
  m = keep(publishMessage(m, { ...writer, now: at(60 * 25) })).data.state;
  keep(archiveMessage(m, 'انتهت الحملة', { ...writer, now: at(60 * 26) }));
  const admin = editor('ministry', 40);
  const rule = keep(defineCharterRule({ kind: CharterRuleKind.BANNED_TERM, severity: Severity.BLOCKING, term: 'مجاناً', channels: ['X'] }, admin)).data.state;
  const revised = keep(
    reviseCharterRule(
      rule,
      { kind: CharterRuleKind.BANNED_TERM, severity: Severity.ADVISORY, term: 'مجاناً', variants: ['مجانا'] },
      { by: admin.by, now: at(41) },
    ),
  ).data.state;
  keep(retireCharterRule(revised, { by: admin.by, now: at(42) }));
  const key = keep(
    defineKeyMessage(
      {
        titleAr: 'رسالة اليوم الوطني',
        templateAr: '{municipality_name_ar} تحتفي باليوم الوطني',
        variants: [{ channel: 'X', template: 'كل عام والوطن بخير', hashtags: ['#اليوم_الوطني'] }],
      },
      editor('ministry', 43),
    ),
  ).data.state;
  const rekeyed = keep(
    reviseKeyMessage(
      key,
      { titleAr: 'رسالة اليوم الوطني ١٤٤٨', templateAr: '{municipality_name_ar} تحتفي', axis: Axis.INTERACTIVE_SERVICES },
      { by: admin.by, now: at(44) },
    ),
  ).data.state;
  keep(retireKeyMessage(rekeyed, { by: admin.by, now: at(45) }));
  return events;
}

describe('validateEvent', () => {
  const events = everyEvent();

  it('accepts an event of every type, as the domain functions make it', () => {
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(DOMAIN_EVENTS.map((e) => e.type)));
    for (const e of events) expect({ type: e.type, errors: validateEvent(e.type, JSON.parse(JSON.stringify(e.data))) }).toEqual({ type: e.type, errors: [] });
  });

  it('names every type as eventType does, on its service topic', () => {
    for (const e of DOMAIN_EVENTS) {
      expect(e.type).toBe(`mmhub.${e.aggregate}.${e.verb}.v${e.version}`);
      expect(isKnownEventType(e.type)).toBe(true);
    }
    expect(eventDefinition('mmhub.campaign.launched.v1')?.service).toBe('calendar');
    expect(isKnownEventType(NODE_HEARTBEAT_TYPE)).toBe(true);
  });

  it('refuses an invalid payload with errors a person can read: where, and what is wrong', () => {
    const proposed = events.find((e) => e.type === 'mmhub.initiative.proposed.v1')!;
    const state = { ...(proposed.data as { state: InitiativeState }).state } as Record<string, unknown>;
    delete state.titleAr;
    state.status = 'DREAMT';
    state.version = 0;
    state.plannedEnd = '2026-02-30';
    state.targets = [{ kpi: 7, unit: 'count', targetValue: 40 }];
    state.percentComplete = '35';
    const errors = validateEvent('mmhub.initiative.proposed.v1', { state, change: {} });
    expect(errors).toEqual(
      expect.arrayContaining([
        'state.titleAr: missing (expected string)',
        'state.status: "DREAMT" is not one of "PROPOSED", "APPROVED", "IN_PROGRESS", "COMPLETED", "SUSPENDED", "CANCELLED"',
        expect.stringMatching(/^state\.version: Too small: expected number to be >=1 \(got 0\)$/),
        expect.stringMatching(/^state\.plannedEnd: Invalid ISO date \(got "2026-02-30"\)$/),
        'state.targets[0].kpi: expected string, got number 7',
        'state.percentComplete: expected number, got string "35"',
        expect.stringMatching(/^change\.id: missing/),
      ]),
    );
  });

  it('checks what changed as well as the state', () => {
    const approved = events.find((e) => e.type === 'mmhub.initiative.approved.v1')!;
    const data = JSON.parse(JSON.stringify(approved.data));
    data.change.status.to = 'COMPLETED';
    delete data.change.by;
    expect(validateEvent('mmhub.initiative.approved.v1', data)).toEqual([
      'change.status.to: "COMPLETED" is not one of "APPROVED"',
      'change.by: missing (expected string)',
    ]);
  });

  it('refuses what is not an object, and an unknown type, saying which types exist', () => {
    expect(validateEvent('mmhub.message.drafted.v1', 'hello')).toEqual(['data: expected object, got string "hello"']);
    expect(validateEvent('mmhub.message.drafted.v1', null)).toEqual(['data: expected object, got null']);
    const [unknown] = validateEvent('mmhub.message.approve.v1', {});
    expect(unknown).toMatch(
      /^unknown event type "mmhub\.message\.approve\.v1": no schema describes it \(the message types are mmhub\.message\.drafted\.v1, .*mmhub\.message\.approved\.v1/,
    );
    expect(validateEvent('mmhub.budget.spent.v1', {})[0]).toMatch(/aggregate one of initiative, integrationcriterion, .*keymessage/);
  });

  it('allows fields it does not know: within a v1 type they may be added', () => {
    const drafted = events.find((e) => e.type === 'mmhub.campaign.drafted.v1')!;
    const data = JSON.parse(JSON.stringify(drafted.data));
    data.state.budgetSar = 120000;
    data.source = 'import';
    expect(validateEvent(drafted.type, data)).toEqual([]);
  });

  it('keeps the list short when everything is wrong', () => {
    const errors = validateEvent('mmhub.message.drafted.v1', { state: {}, change: {} });
    expect(errors).toHaveLength(21);
    expect(errors[20]).toMatch(/^\.\.\. and \d+ more$/);
  });

  it('knows the heartbeat', () => {
    expect(validateEvent(NODE_HEARTBEAT_TYPE, { node: 'riyadh', role: 'municipality', service: 'media', time: new Date().toISOString() })).toEqual([]);
    expect(validateEvent(NODE_HEARTBEAT_TYPE, { node: 'riyadh', role: 'king', service: 'media', time: 'yesterday' })).toEqual([
      'role: "king" is not one of "hub", "municipality"',
      'time: Invalid ISO datetime (got "yesterday")',
    ]);
  });
});
