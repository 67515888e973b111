import { newId } from '../../services/kernel/src/domain';

// The hostile test's attempts: each a mutation with invalid or hostile input, aimed at records that exist.

export interface Versioned {
  id: string;
  version: number;
}
/** Records that exist at riyadh: its own, and its copies of the ministry's; the test fills it in once it has made them. */
export const real = {} as {
  own: { initiative: Versioned; campaign: Versioned; entry: Versioned; message: Versioned };
  copy: { initiative: Versioned; campaign: Versioned; criterion: string };
};

// a small deterministic generator, so a failure can be replayed
function prng(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}
const random = prng(20261126);
export const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];

const HOSTILE_TEXT = [
  "'; DROP TABLE initiatives.initiative; --",
  '" OR 1=1 --',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '${7*7}{{7*7}}',
  '../../../../etc/passwd',
  '\u0000\u0001\u0002',
  '\u202Eمبادرة',
  'x'.repeat(20_000),
  'م'.repeat(6_000),
  '',
  '   ',
  '🚀'.repeat(500),
  '\\u0000',
  'null',
  'undefined',
];
const HOSTILE_VALUES: unknown[] = [...HOSTILE_TEXT, -1, 0, 1e308, -1e308, 2 ** 53, true, false, null, [], {}, { $ne: null }, ['a', 'b'], '2026-13-45', 'NaN'];
const anything = () => pick(HOSTILE_VALUES);
export const text = () => pick(HOSTILE_TEXT);

interface Attempt {
  query: string;
  variables: Record<string, unknown>;
  token: 'editor' | 'viewer' | 'jeddah' | 'reviewer' | 'none';
}

/** Titles no initiative may have, whatever else the request gets right. */
const INVALID_TITLES = ['', '   ', 'Latin only', '\u0000مبادرة', 'مبادرة\u202Egnp.exe', 'م'.repeat(301)];
/** A version other than the record's current one. */
const wrongVersion = (v: number) => pick([v - 1, v + 1, v + 7]);
const NOT_RIYADH_EDITORS = ['viewer', 'jeddah', 'reviewer', 'none'] as const;

export const GENERATORS: Array<() => Attempt> = [
  // proposals, each with at least one field that cannot be valid
  () => ({
    query: 'mutation($i: ProposeInitiativeInput!) { proposeInitiative(input: $i) { id } }',
    variables: {
      i: {
        code: pick(['OK-1', text(), anything()]),
        titleAr: pick(['مبادرة', text()]),
        axis: pick(['SPORTS', 'e_services', 7, "E_SERVICES'--", null]),
        plannedStart: pick(['2026-01-01', anything()]),
        plannedEnd: pick(['2026-12-31', anything()]),
        targets: pick([null, [{ kpi: text(), unit: text(), targetValue: anything() }]]),
      },
    },
    token: 'editor',
  }),
  () => ({
    query: 'mutation($i: ProposeInitiativeInput!) { proposeInitiative(input: $i) { id } }',
    variables: {
      i: {
        code: 'OK-2',
        titleAr: pick(['', '   ', 'Latin only', '\u0000مبادرة', 'م'.repeat(301)]),
        axis: 'OVERSIGHT',
        plannedStart: '2026-01-01',
        plannedEnd: '2026-12-31',
        descriptionAr: text(),
      },
    },
    token: 'editor',
  }),
  () => ({
    query: 'mutation($i: ProposeInitiativeInput!) { proposeInitiative(input: $i) { id } }',
    variables: { i: { code: text() || 'X', titleAr: 'مبادرة', axis: 'OVERSIGHT', plannedStart: '2026-06-01', plannedEnd: '2026-01-01' } },
    token: 'editor',
  }),
  () => ({
    query: 'mutation($i: ProposeInitiativeInput!) { proposeInitiative(input: $i) { id } }',
    variables: { i: { code: 'OK-3', titleAr: 'مبادرة', axis: 'OVERSIGHT', plannedStart: '2026-01-01', plannedEnd: '2026-12-31' } },
    token: pick(['viewer', 'jeddah', 'reviewer', 'none'] as const),
  }),
  () => ({
    query: 'mutation($id: ID!, $v: Int!, $i: UpdateInitiativeInput!) { updateInitiative(id: $id, version: $v, input: $i) { id } }',
    variables: {
      id: pick([newId(), real.copy.initiative.id, real.own.initiative.id, text(), "1' OR '1'='1"]),
      v: pick([-1, 2 ** 31 - 1, anything()]),
      i: { titleAr: text(), axis: pick(['OVERSIGHT', anything()]) },
    },
    token: 'editor',
  }),
  () => ({
    query: 'mutation($id: ID!, $s: InitiativeStatus!) { changeInitiativeStatus(id: $id, version: 1, status: $s) { id } }',
    variables: { id: pick([newId(), text()]), s: pick(['APPROVED', 'DELETED', 'approved', anything()]) },
    token: 'editor',
  }),
  () => ({
    query: 'mutation($id: ID!, $p: Float!) { reportProgress(initiativeId: $id, input: { percentComplete: $p }) { id } }',
    variables: { id: pick([newId(), text()]), p: pick([-5, 101, 1e308, anything()]) },
    token: 'editor',
  }),
  () => ({
    query: 'mutation($i: DraftCampaignInput!) { draftCampaign(input: $i) { campaign { id } } }',
    variables: {
      i: {
        titleAr: pick(['حملة', text()]),
        axis: pick(['OVERSIGHT', 'SPORTS']),
        audiences: pick([['RESIDENTS'], ['ALIENS'], [text()], anything()]),
        channels: pick([['X'], ['FAX'], [text()]]),
        startsAt: pick(['2031-01-10T09:00:00+03:00', anything()]),
        endsAt: '2031-01-01T09:00:00+03:00',
      },
    },
    token: 'editor',
  }),
  () => ({
    query: 'mutation($i: AddCalendarEntryInput!) { addCalendarEntry(input: $i) { id } }',
    variables: {
      i: {
        kind: pick(['EVENT', 'PARTY', anything()]),
        titleAr: pick(['', text()]),
        when: pick([
          {},
          { startDate: '2031-02-02', endDate: '2031-02-01' },
          { startsAt: pick(['2026-13-45', 'NaN', '', 'tomorrow', '2031-02-30T25:61:00+03:00', ...HOSTILE_TEXT]) },
        ]),
      },
    },
    token: 'editor',
  }),
  () => {
    // a draft may name a campaign not heard of yet: the body or the channel is what no message may have
    const badBody = random() < 0.5;
    return {
      query: 'mutation($i: DraftMessageInput!) { draftMessage(input: $i) { id } }',
      variables: {
        i: {
          bodyAr: badBody ? pick(['', '   ', 'English only']) : text(),
          campaignId: pick([undefined, newId(), text()]),
          variants: [{ channel: badBody ? pick(['FAX', 'x', text(), 'X']) : pick(['FAX', 'TELEX', text()]), text: pick(['ن'.repeat(5000), text()]) }],
        },
      },
      token: 'editor',
    };
  },
  () => ({
    query: 'mutation($id: ID!, $v: Int!) { reviewMessage(id: $id, version: $v, decision: APPROVE) { id } }',
    variables: { id: pick([newId(), text()]), v: pick([1, anything()]) },
    token: pick(['reviewer', 'editor', 'viewer'] as const),
  }),
  () => ({
    query: 'mutation { defineCharterRule(input: { kind: BANNED_TERM, severity: BLOCKING, term: "ممنوع" }) { id } }',
    variables: {},
    token: pick(['editor', 'reviewer', 'jeddah'] as const),
  }),
  () => ({
    query: 'mutation($y: Int!) { generateNationalOccasions(hijriYear: $y) { hijriYear } }',
    variables: { y: pick([1447, -1, 99999, anything()]) },
    token: 'editor',
  }),
  // a copy of the ministry's record, at its real version, with a change that would be valid at the ministry
  () => ({
    query: 'mutation($id: ID!, $v: Int!, $i: UpdateInitiativeInput!) { updateInitiative(id: $id, version: $v, input: $i) { id } }',
    variables: {
      id: real.copy.initiative.id,
      v: real.copy.initiative.version,
      i: pick([{ titleEn: 'changed at a copy' }, { titleAr: 'عنوان جديد' }, { axis: 'E_SERVICES' }]),
    },
    token: pick(['editor', 'jeddah'] as const),
  }),
  () => ({
    query: 'mutation($id: ID!, $v: Int!, $s: InitiativeStatus!) { changeInitiativeStatus(id: $id, version: $v, status: $s) { id } }',
    variables: { id: real.copy.initiative.id, v: real.copy.initiative.version, s: pick(['APPROVED', 'CANCELLED', 'SUSPENDED']) },
    token: 'editor',
  }),
  () => ({
    query: 'mutation($id: ID!, $v: Int) { reportProgress(initiativeId: $id, version: $v, input: { percentComplete: 40 }) { id } }',
    variables: { id: real.copy.initiative.id, v: real.copy.initiative.version },
    token: 'editor',
  }),
  () => ({
    query: 'mutation($id: ID!, $c: ID!) { assessInitiative(initiativeId: $id, input: { scores: [{ criterionId: $c, score: 50 }] }) { id } }',
    variables: { id: real.copy.initiative.id, c: real.copy.criterion },
    token: pick(['editor', 'jeddah'] as const),
  }),
  () => ({
    query: pick([
      'mutation($id: ID!, $v: Int!) { updateCampaign(id: $id, version: $v, input: { titleEn: "changed at a copy" }) { campaign { id } } }',
      'mutation($id: ID!, $v: Int!) { cancelCampaign(id: $id, version: $v, reason: "ملغاة") { campaign { id } } }',
    ]),
    variables: { id: real.copy.campaign.id, v: real.copy.campaign.version },
    token: pick(['editor', 'jeddah'] as const),
  }),
  // riyadh's own records at a version that is not theirs, with changes that are otherwise valid
  () => ({
    query: 'mutation($id: ID!, $v: Int!) { updateInitiative(id: $id, version: $v, input: { titleEn: "stale" }) { id } }',
    variables: { id: real.own.initiative.id, v: wrongVersion(real.own.initiative.version) },
    token: 'editor',
  }),
  () => ({
    query: 'mutation($id: ID!, $v: Int!) { cancelCampaign(id: $id, version: $v, reason: "قديمة") { campaign { id } } }',
    variables: { id: real.own.campaign.id, v: wrongVersion(real.own.campaign.version) },
    token: 'editor',
  }),
  () => ({
    query: 'mutation($id: ID!, $v: Int!) { moveCalendarEntry(id: $id, version: $v, when: { startDate: "2045-05-01", endDate: "2045-05-01" }) { id } }',
    variables: { id: real.own.entry.id, v: wrongVersion(real.own.entry.version) },
    token: 'editor',
  }),
  () => ({
    query: 'mutation($id: ID!, $v: Int!) { reviewMessage(id: $id, version: $v, decision: APPROVE) { id } }',
    variables: { id: real.own.message.id, v: wrongVersion(real.own.message.version) },
    token: 'reviewer',
  }),
  // riyadh's own records at their real versions, by callers who may not change them
  () => ({
    query: 'mutation($id: ID!, $v: Int!) { updateInitiative(id: $id, version: $v, input: { titleEn: "not yours" }) { id } }',
    variables: { id: real.own.initiative.id, v: real.own.initiative.version },
    token: pick(NOT_RIYADH_EDITORS),
  }),
  () => ({
    query: 'mutation($id: ID!, $v: Int!) { cancelCampaign(id: $id, version: $v) { campaign { id } } }',
    variables: { id: real.own.campaign.id, v: real.own.campaign.version },
    token: pick(NOT_RIYADH_EDITORS),
  }),
  () => ({
    query: 'mutation($id: ID!, $v: Int!) { cancelCalendarEntry(id: $id, version: $v) { id } }',
    variables: { id: real.own.entry.id, v: real.own.entry.version },
    token: pick(NOT_RIYADH_EDITORS),
  }),
  () => ({
    query: 'mutation($id: ID!, $v: Int!) { reviewMessage(id: $id, version: $v, decision: APPROVE) { id } }',
    variables: { id: real.own.message.id, v: real.own.message.version },
    token: pick(['editor', 'jeddah', 'viewer', 'none'] as const),
  }),
  // riyadh's own initiative at its real version, by its editor, with a change no initiative may have
  () => ({
    query: 'mutation($id: ID!, $v: Int!, $i: UpdateInitiativeInput!) { updateInitiative(id: $id, version: $v, input: $i) { id } }',
    variables: {
      id: real.own.initiative.id,
      v: real.own.initiative.version,
      i: pick([
        { titleAr: pick(INVALID_TITLES) },
        { plannedStart: '2045-06-01', plannedEnd: '2045-01-01' },
        { axis: pick(['SPORTS', 'oversight', "OVERSIGHT'--"]) },
      ]),
    },
    token: 'editor',
  }),
];
