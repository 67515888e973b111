import { initiativesService } from '../../services/initiatives/src/service';
import { calendarService } from '../../services/calendar/src/service';
import { mediaService } from '../../services/media/src/service';
import { eventually, readTopic, startTestService, type ReadRecord, type TestNode } from '../support/node';

export type ServiceName = 'initiatives' | 'calendar' | 'media';

/** The three services of one node, each on its own fresh database and the test broker. */
export interface NodeServices {
  node: string;
  initiatives: TestNode;
  calendar: TestNode;
  media: TestNode;
  stop(): Promise<void>;
}

export async function startNodeServices(node: string): Promise<NodeServices> {
  const [initiatives, calendar, media] = await Promise.all([
    startTestService(initiativesService, { node }),
    startTestService(calendarService, { node }),
    startTestService(mediaService, { node }),
  ]);
  return {
    node,
    initiatives,
    calendar,
    media,
    stop: async () => {
      await Promise.all([initiatives.stop(), calendar.stop(), media.stop()]);
    },
  };
}

/** The data of a call that must succeed. */
export async function ok<T = any>(n: TestNode, query: string, variables: Record<string, unknown>, token: string): Promise<T> {
  const r = await n.graphql(query, variables, token);
  if (r.errors?.length || !r.data) throw new Error(`${query.split('(')[0]}: ${JSON.stringify(r.errors)}`);
  return r.data as T;
}

const day = (offsetDays: number) => new Date(Date.UTC(2026, 3, 1) + offsetDays * 86400_000).toISOString().slice(0, 10);
const riyadh = (d: string) => `${d}T00:00:00+03:00`;

/**
 * Makes, through each service's GraphQL API, a change of every kind the services record: every
 * event type on the three topics. Needs the node to be the ministry (criteria, the charter and key
 * messages are written there).
 */
export async function everyKindOfChange(s: NodeServices): Promise<void> {
  const { initiatives, calendar, media } = s;
  const editor = await initiatives.token(['editor', 'admin'], s.node, `${s.node}-events-editor`);
  const reviewer = await initiatives.token(['reviewer', 'admin'], s.node, `${s.node}-events-reviewer`);

  // initiatives
  const propose = (code: string) =>
    ok(
      initiatives,
      `mutation($input: ProposeInitiativeInput!) { proposeInitiative(input: $input) { id version } }`,
      {
        input: {
          code,
          titleAr: 'بوابة الخدمات الموحدة',
          axis: 'E_SERVICES',
          plannedStart: '2026-01-01',
          plannedEnd: '2026-12-31',
          targets: [{ kpi: 'services online', unit: 'count', targetValue: 40 }],
        },
      },
      editor,
    ).then((d) => d.proposeInitiative as { id: string; version: number });
  const suffix = Math.random().toString(36).slice(2, 8).toUpperCase();
  let a = await propose(`EV-${suffix}-A`);
  a = (
    await ok(
      initiatives,
      `mutation($id: ID!, $v: Int!) { updateInitiative(id: $id, version: $v, input: { titleEn: "Unified services portal" }) { id version } }`,
      { id: a.id, v: a.version },
      editor,
    )
  ).updateInitiative;
  const status = async (i: { id: string; version: number }, to: string, reason: string | null = null) =>
    (
      await ok(
        initiatives,
        `mutation($id: ID!, $v: Int!, $s: InitiativeStatus!, $r: String) { changeInitiativeStatus(id: $id, version: $v, status: $s, reason: $r) { id version } }`,
        { id: i.id, v: i.version, s: to, r: reason },
        editor,
      )
    ).changeInitiativeStatus as { id: string; version: number };
  a = await status(a, 'APPROVED');
  a = await status(a, 'IN_PROGRESS');
  await ok(
    initiatives,
    `mutation($id: ID!) { reportProgress(initiativeId: $id, input: { percentComplete: 30, kpiActuals: [{ kpi: "services online", value: 12 }] }) { id } }`,
    { id: a.id },
    editor,
  );
  a = { id: a.id, version: a.version + 1 };
  a = await status(a, 'SUSPENDED', 'الميزانية');
  a = await status(a, 'IN_PROGRESS');
  a = await status(a, 'COMPLETED');
  await status(await propose(`EV-${suffix}-B`), 'CANCELLED', 'مكررة');
  const criterion = (
    await ok(initiatives, `mutation { defineIntegrationCriterion(input: { nameAr: "الربط مع المنصات الوطنية", weight: 2 }) { id } }`, {}, editor)
  ).defineIntegrationCriterion;
  await ok(
    initiatives,
    `mutation($id: ID!, $c: ID!) { assessInitiative(initiativeId: $id, input: { scores: [{ criterionId: $c, score: 75 }] }) { id } }`,
    { id: a.id, c: criterion.id },
    reviewer,
  );

  // calendar
  const campaign = `{ campaign { id version } }`;
  const draft = (from: number, to: number) =>
    ok(
      calendar,
      `mutation($input: DraftCampaignInput!) { draftCampaign(input: $input) ${campaign} }`,
      {
        input: {
          titleAr: 'حملة سلامة الغذاء',
          axis: 'HEALTH_AWARENESS',
          audiences: ['RESIDENTS'],
          channels: ['X'],
          startsAt: riyadh(day(from)),
          endsAt: riyadh(day(to)),
        },
      },
      editor,
    ).then((d) => d.draftCampaign.campaign as { id: string; version: number });
  let c = await draft(0, 10);
  c = (
    await ok(
      calendar,
      `mutation($id: ID!, $v: Int!) { updateCampaign(id: $id, version: $v, input: { titleEn: "Food safety" }) ${campaign} }`,
      { id: c.id, v: c.version },
      editor,
    )
  ).updateCampaign.campaign;
  c = (
    await ok(
      calendar,
      `mutation($id: ID!, $v: Int!, $p: PeriodInput) { scheduleCampaign(id: $id, version: $v, period: $p) ${campaign} }`,
      { id: c.id, v: c.version, p: { startsAt: riyadh(day(1)), endsAt: riyadh(day(11)) } },
      editor,
    )
  ).scheduleCampaign.campaign;
  c = (
    await ok(
      calendar,
      `mutation($id: ID!, $v: Int!, $p: PeriodInput!) { rescheduleCampaign(id: $id, version: $v, period: $p) ${campaign} }`,
      { id: c.id, v: c.version, p: { startsAt: riyadh(day(2)), endsAt: riyadh(day(12)) } },
      editor,
    )
  ).rescheduleCampaign.campaign;
  const campaignStatus = async (to: string) =>
    (c = (
      await ok(
        calendar,
        `mutation($id: ID!, $v: Int!, $s: CampaignStatus!) { changeCampaignStatus(id: $id, version: $v, status: $s) ${campaign} }`,
        { id: c.id, v: c.version, s: to },
        editor,
      )
    ).changeCampaignStatus.campaign);
  await campaignStatus('LIVE');
  await campaignStatus('DONE');
  const dropped = await draft(20, 25);
  await ok(
    calendar,
    `mutation($id: ID!, $v: Int!) { cancelCampaign(id: $id, version: $v, reason: "تأجيل") ${campaign} }`,
    { id: dropped.id, v: dropped.version },
    editor,
  );
  const entry = `{ id version }`;
  let e = (
    await ok(
      calendar,
      `mutation($input: AddCalendarEntryInput!) { addCalendarEntry(input: $input) ${entry} }`,
      { input: { kind: 'EVENT', titleAr: 'ملتقى الأمانات', when: { startDate: day(30) } } },
      editor,
    )
  ).addCalendarEntry;
  e = (
    await ok(
      calendar,
      `mutation($id: ID!, $v: Int!) { moveCalendarEntry(id: $id, version: $v, when: { startDate: "${day(31)}", endDate: "${day(32)}" }) ${entry} }`,
      { id: e.id, v: e.version },
      editor,
    )
  ).moveCalendarEntry;
  await ok(calendar, `mutation($id: ID!, $v: Int!) { cancelCalendarEntry(id: $id, version: $v, reason: "أُلغي") ${entry} }`, { id: e.id, v: e.version }, editor);

  // media: a message through its workflow, then the charter and a key message
  const message = `{ id version }`;
  let m = (
    await ok(
      media,
      `mutation { draftMessage(input: { bodyAr: "أمانة الرياض تطلق خدمة رخص البناء", variants: [{ channel: "X", text: "الخدمة متاحة الآن", hashtags: ["الرياض"] }] }) ${message} }`,
      {},
      editor,
    )
  ).draftMessage;
  const step = async (mutation: string, token = editor, extra = '') => {
    const d = await ok(
      media,
      `mutation($id: ID!, $v: Int!) { ${mutation}(id: $id, version: $v${extra}) ${mutation === 'reviewMessage' ? `{ message ${message} }` : message} }`,
      { id: m.id, v: m.version },
      token,
    );
    m = mutation === 'reviewMessage' ? d[mutation].message : d[mutation];
  };
  await step('editMessage', editor, ', input: { bodyEn: "Online building permits" }');
  await step('submitMessage');
  await step('reviewMessage', reviewer, ', decision: REQUEST_CHANGES, comment: "أضف رابط الخدمة"');
  await step('submitMessage');
  await step('reviewMessage', reviewer, ', decision: APPROVE');
  await step('scheduleMessage', editor, `, publishAt: "${new Date(Date.now() + 86400_000).toISOString()}"`);
  await step('publishMessage');
  await step('archiveMessage', editor, ', reason: "انتهت الحملة"');
  const rule = `{ id version }`;
  let r = (await ok(media, `mutation { defineCharterRule(input: { kind: BANNED_TERM, severity: ADVISORY, term: "مجاناً تماماً" }) ${rule} }`, {}, editor))
    .defineCharterRule;
  r = (
    await ok(
      media,
      `mutation($id: ID!, $v: Int!) { reviseCharterRule(id: $id, version: $v, input: { kind: BANNED_TERM, severity: ADVISORY, term: "مجاناً تماماً", variants: ["مجانا تماما"] }) ${rule} }`,
      { id: r.id, v: r.version },
      editor,
    )
  ).reviseCharterRule;
  await ok(media, `mutation($id: ID!, $v: Int!) { retireCharterRule(id: $id, version: $v) ${rule} }`, { id: r.id, v: r.version }, editor);
  let k = (
    await ok(
      media,
      `mutation { defineKeyMessage(input: { titleAr: "رسالة اليوم الوطني", templateAr: "{municipality_name_ar} تحتفي باليوم الوطني" }) ${rule} }`,
      {},
      editor,
    )
  ).defineKeyMessage;
  k = (
    await ok(
      media,
      `mutation($id: ID!, $v: Int!) { reviseKeyMessage(id: $id, version: $v, input: { titleAr: "رسالة اليوم الوطني", templateAr: "{municipality_name_ar} تحتفي", axis: INTERACTIVE_SERVICES }) ${rule} }`,
      { id: k.id, v: k.version },
      editor,
    )
  ).reviseKeyMessage;
  await ok(media, `mutation($id: ID!, $v: Int!) { retireKeyMessage(id: $id, version: $v) ${rule} }`, { id: k.id, v: k.version }, editor);
}

/** The ids of the events a service recorded, from its outbox. */
export async function recordedIds(n: TestNode, service: ServiceName): Promise<string[]> {
  return (await n.sql<{ id: string }>(`select id from "${service}"."outbox" order by seq`)).map((r) => r.id);
}

/** Waits until the relays have published everything the node's services recorded (Kafka acknowledged every row). */
export async function allPublished(s: NodeServices): Promise<void> {
  for (const service of ['initiatives', 'calendar', 'media'] as ServiceName[]) {
    await eventually(
      async () => {
        const [r] = await s[service].sql<{ pending: number }>(`select count(*)::int as pending from "${service}"."outbox" where sent_at is null`);
        return r.pending === 0 ? true : undefined;
      },
      30000,
      `${service} outbox published`,
    );
  }
}

/** The records of the given event ids on a service's topic, once every one of them is there. */
export async function publishedRecords(service: ServiceName, ids: string[]): Promise<ReadRecord[]> {
  const wanted = new Set(ids);
  return readTopic(`mmhub.${service}.v1`, (rs) => rs.length >= wanted.size, { filter: (r) => wanted.has(r.headers.ce_id), timeoutMs: 30000 });
}
