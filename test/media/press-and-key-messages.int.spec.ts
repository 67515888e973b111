import { containsArabic, hijriOfDay, riyadhDate } from '../../services/kernel/src/domain';
import { initiativesService } from '../../services/initiatives/src/service';
import { mediaService } from '../../services/media/src/service';
import { eventually, startTestService, uniqueSuffix, type TestNode } from '../support/node';
import { dataOf, errorOf, MESSAGE_FIELDS } from './media-support';

let ministry: TestNode;
let riyadh: TestNode;
let riyadhInitiatives: TestNode;
let editor: string;
let initiativeId: string;

const MONTHS_AR = ['يناير', 'فبراير', 'مارس', 'أبريل', 'مايو', 'يونيو', 'يوليو', 'أغسطس', 'سبتمبر', 'أكتوبر', 'نوفمبر', 'ديسمبر'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const indic = (n: number) => String(n).replace(/\d/g, (d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)]);
/** A day (YYYY-MM-DD) as Saudi press writes it: «٢٤ شعبان ١٤٣٧ هـ الموافق ٣١ مايو ٢٠١٦ م», and in English. */
const dated = (day: string) => {
  const [y, m, d] = day.split('-').map(Number);
  const gregorian = { ar: `${indic(d)} ${MONTHS_AR[m - 1]} ${indic(y)} م`, en: `${d} ${MONTHS_EN[m - 1]} ${y}` };
  return { hijri: hijriOfDay(day), gregorian, ar: `${hijriOfDay(day).ar} الموافق ${gregorian.ar}`, en: `${gregorian.en} (${hijriOfDay(day).en})` };
};

const known =
  (n: TestNode, table: string, id: string, where = 'true') =>
  async () =>
    (await n.sql(`select 1 from media.${table} where id = $1 and ${where}`, [id])).length ? true : undefined;

beforeAll(async () => {
  [ministry, riyadh, riyadhInitiatives] = await Promise.all([
    startTestService(mediaService, { node: 'ministry' }),
    startTestService(mediaService, { node: 'riyadh' }),
    startTestService(initiativesService, { node: 'riyadh' }),
  ]);
  editor = await riyadh.token(['editor'], 'riyadh', 'riyadh-editor');
  const code = `RUH-${uniqueSuffix()}`;
  const proposed = dataOf(
    await riyadhInitiatives.graphql(
      `mutation($input: ProposeInitiativeInput!) { proposeInitiative(input: $input) { id version } }`,
      {
        input: {
          code,
          titleAr: 'بوابة رخص البناء الإلكترونية',
          titleEn: 'Online building permits portal',
          axis: 'E_SERVICES',
          plannedStart: '2016-05-31',
          plannedEnd: '2027-03-20',
          targets: [
            { kpi: 'permits issued online', unit: 'permits', targetValue: 1200 },
            { kpi: 'الأحياء المغطاة', unit: 'حي', targetValue: 80, kpiEn: 'Districts covered', unitEn: 'districts' },
          ],
        },
      },
      editor,
    ),
  ).proposeInitiative;
  initiativeId = proposed.id;
  let version = proposed.version;
  for (const status of ['APPROVED', 'IN_PROGRESS']) {
    version = dataOf(
      await riyadhInitiatives.graphql(
        `mutation($id: ID!, $v: Int!, $s: InitiativeStatus!) { changeInitiativeStatus(id: $id, version: $v, status: $s) { version } }`,
        { id: initiativeId, v: version, s: status },
        editor,
      ),
    ).changeInitiativeStatus.version;
  }
  dataOf(
    await riyadhInitiatives.graphql(
      `mutation($id: ID!, $input: ProgressReportInput!) { reportProgress(initiativeId: $id, input: $input) { id } }`,
      {
        id: initiativeId,
        input: {
          percentComplete: 62.5,
          kpiActuals: [
            { kpi: 'permits issued online', value: 900 },
            { kpi: 'الأحياء المغطاة', value: 29 },
          ],
        },
      },
      editor,
    ),
  );
  await eventually(known(riyadh, 'initiative_view', initiativeId, 'percent_complete = 62.5'), 20000, 'the initiative at the media service');
  await eventually(
    async () => ((await riyadh.sql('select 1 from media.progress_view where initiative_id = $1', [initiativeId])).length ? true : undefined),
    20000,
    'the report',
  );
});
afterAll(async () => {
  await Promise.all([ministry?.stop(), riyadh?.stop(), riyadhInitiatives?.stop()]);
});

describe('press material from initiative data', () => {
  it("writes a press release with the initiative's figures and both date forms, as a DRAFT on PRESS", async () => {
    const m = dataOf(
      await riyadh.graphql(`mutation($id: ID!) { pressRelease(initiativeId: $id) { ${MESSAGE_FIELDS} } }`, { id: initiativeId }, editor),
    ).pressRelease;
    expect(m).toMatchObject({ status: 'DRAFT', origin: 'PRESS_RELEASE', initiativeId, node: 'riyadh' });
    expect(m.variants.map((v: { channel: string }) => v.channel)).toEqual(['PRESS']);
    expect(m.bodyAr).toContain('بوابة رخص البناء الإلكترونية');
    expect(m.bodyAr).toContain('٦٢٫٥٪');
    expect(m.bodyAr).toContain('- permits issued online: تحقق ٩٠٠ من ١٬٢٠٠ رخصة (٧٥٪).');
    // the number and the noun agree: «٨٠ حيًا», not «٨٠ حي»
    expect(m.bodyAr).toContain('- الأحياء المغطاة: تحقق ٢٩ من ٨٠ حيًا (٣٦٫٣٪).');
    expect(m.bodyAr).toContain(`${hijriOfDay('2016-05-31').ar} الموافق ٣١ مايو ٢٠١٦ م`);
    // one digit style: Latin digits only in the initiative's code
    expect(m.bodyAr.replace(/RUH-[\w-]+/g, '')).not.toMatch(/[0-9]/);
    expect(m.bodyAr).toContain('٢٤ شعبان ١٤٣٧ هـ');
    expect(m.bodyEn).toContain('62.5% complete');
    expect(m.bodyEn).toContain('900 of 1,200 permits (75%)');
    expect(m.bodyEn).toContain(`31 May 2016 (Sha'ban 24, 1437 AH)`);
    expect(m.bodyEn).toContain(`20 March 2027 (${hijriOfDay('2027-03-20').en})`);
    // the English text names the KPI in English
    expect(m.bodyEn).toContain('- Districts covered: 29 of 80 districts (36.3%).');
    expect(containsArabic(m.bodyEn)).toBe(false);
  });

  it('writes a sector fact sheet for an axis from what this node knows', async () => {
    // the shared broker holds other tests' initiatives too: the figures are checked against this node's read model
    const stats = async () =>
      JSON.stringify(
        await riyadh.sql(
          `select count(*)::int as total, count(*) filter (where status = 'IN_PROGRESS')::int as in_progress
           from media.initiative_view where axis = 'E_SERVICES' and status <> 'CANCELLED'`,
        ),
      );
    const { m, figures, days } = await eventually(
      async () => {
        const before = await stats();
        const from = riyadhDate(new Date());
        const sheet = dataOf(await riyadh.graphql(`mutation { sectorFactSheet(axis: E_SERVICES) { ${MESSAGE_FIELDS} } }`, {}, editor)).sectorFactSheet;
        // the sheet is dated the day it is written in Riyadh: either side of a midnight passing meanwhile
        const days = [...new Set([from, riyadhDate(new Date())])];
        return before === (await stats()) ? { m: sheet, figures: JSON.parse(before)[0], days } : undefined;
      },
      20000,
      'a stable read model',
    );
    expect(figures.total).toBeGreaterThanOrEqual(1);
    expect(m).toMatchObject({ status: 'DRAFT', origin: 'FACT_SHEET' });
    expect(m.variants.map((v: { channel: string }) => v.channel)).toEqual(['PRESS']);
    expect(m.variants[0].text).toBe(m.bodyAr);
    const day = days.find((d) => m.bodyAr.includes(dated(d).gregorian.ar)) ?? days[0];
    const { hijri, gregorian } = dated(day);
    expect(hijri.ar).toMatch(/ هـ$/);
    expect(m.bodyAr).toContain(hijri.ar);
    expect(m.bodyAr).toContain(gregorian.ar);
    expect(m.bodyAr).toContain(`صحيفة حقائق القطاع البلدي (محور الخدمات الإلكترونية) — ${dated(day).ar}`);
    expect(m.bodyEn).toContain(dated(day).en);
    expect(m.bodyEn).toContain(`Initiatives: ${figures.total}, of which`);
    expect(m.bodyEn).toContain(`In progress: ${figures.in_progress};`);
    expect(m.bodyAr).toContain('محور الخدمات الإلكترونية');
  });

  it('refuses an initiative this node does not know', async () => {
    const e = errorOf(await riyadh.graphql(`mutation { pressRelease(initiativeId: "0193a000-0000-7000-8000-00000000dead") { id } }`, {}, editor));
    expect(e.code).toBe('BAD_USER_INPUT');
  });
});

describe('key messages', () => {
  it('are localised at a node with its own values, Hijri date included, and the hub sees which nodes localised them', async () => {
    const ministryEditor = await ministry.token(['editor'], 'ministry', 'ministry-editor');
    const key = dataOf(
      await ministry.graphql(
        `mutation($input: KeyMessageInput!) { defineKeyMessage(input: $input) { id placeholders } }`,
        {
          input: {
            titleAr: 'التحول الرقمي في الخدمات البلدية',
            templateAr: 'تعلن {municipality_name_ar} بتاريخ {date_hijri} ({date_gregorian}) عن إطلاق «{initiative_title_ar}».',
            templateEn: '{municipality_name_en} launches "{initiative_title_en}" on {date_gregorian_en}.',
            variants: [{ channel: 'X', template: '{municipality_name_ar} تطلق {initiative_title_ar} #بلدي', hashtags: ['التحول_الرقمي'] }],
            axis: 'E_SERVICES',
          },
        },
        ministryEditor,
      ),
    ).defineKeyMessage;
    expect(key.placeholders).toEqual([
      'municipality_name_ar',
      'date_hijri',
      'date_gregorian',
      'initiative_title_ar',
      'municipality_name_en',
      'initiative_title_en',
      'date_gregorian_en',
    ]);
    await eventually(known(riyadh, 'key_message', key.id), 20000, 'the key message at riyadh');

    const m = dataOf(
      await riyadh.graphql(
        `mutation($k: ID!, $input: LocaliseKeyMessageInput) { localiseKeyMessage(keyMessageId: $k, input: $input) { ${MESSAGE_FIELDS} } }`,
        { k: key.id, input: { initiativeId, date: '2016-05-31' } },
        editor,
      ),
    ).localiseKeyMessage;
    expect(m).toMatchObject({ status: 'DRAFT', origin: 'KEY_MESSAGE', keyMessageId: key.id, initiativeId, node: 'riyadh' });
    expect(m.bodyAr).toBe('تعلن أمانة منطقة الرياض بتاريخ ٢٤ شعبان ١٤٣٧ هـ (٣١ مايو ٢٠١٦ م) عن إطلاق «بوابة رخص البناء الإلكترونية».');
    expect(m.bodyEn).toBe('Riyadh Region Municipality launches "Online building permits portal" on 31 May 2016.');
    expect(m.variants[0]).toMatchObject({ channel: 'X', text: 'أمانة منطقة الرياض تطلق بوابة رخص البناء الإلكترونية #بلدي', hashtags: ['التحول_الرقمي'] });

    const LOCALISED = `query($k: ID!) { keyMessage(id: $k) { localisations { node nodeNameAr messageId status } notLocalisedBy } }`;
    // a municipality's draft is read at the hub by the ministry's reviewers (drafts.read)
    const ministryReviewer = await ministry.token(['reviewer'], 'ministry', 'ministry-reviewer');
    const atHub = await eventually(
      async () => {
        const k = dataOf(await ministry.graphql(LOCALISED, { k: key.id }, ministryReviewer)).keyMessage;
        return k.localisations.length ? k : undefined;
      },
      20000,
      'the localisation at the hub',
    );
    expect(atHub.localisations).toEqual([{ node: 'riyadh', nodeNameAr: 'أمانة منطقة الرياض', messageId: m.id, status: 'DRAFT' }]);
    expect(atHub.notLocalisedBy).toContain('jeddah');
    expect(atHub.notLocalisedBy).not.toContain('riyadh');
  });

  it('refuses localising without the values its placeholders need', async () => {
    const ministryEditor = await ministry.token(['editor'], 'ministry', 'ministry-editor');
    const key = dataOf(
      await ministry.graphql(
        `mutation($input: KeyMessageInput!) { defineKeyMessage(input: $input) { id } }`,
        { input: { titleAr: 'عنوان', templateAr: 'مبادرة {initiative_title_ar}' } },
        ministryEditor,
      ),
    ).defineKeyMessage;
    await eventually(known(riyadh, 'key_message', key.id), 20000, 'the key message at riyadh');
    const e = errorOf(await riyadh.graphql(`mutation($k: ID!) { localiseKeyMessage(keyMessageId: $k) { id } }`, { k: key.id }, editor));
    expect(e).toMatchObject({ code: 'BAD_USER_INPUT', extensions: expect.objectContaining({ field: 'initiativeId', placeholder: 'initiative_title_ar' }) });
  });
});
