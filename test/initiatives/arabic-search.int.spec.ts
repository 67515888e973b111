import { initiativesService } from '../../services/initiatives/src/service';
import { eventually, startTestNode, type TestGatewayNode } from '../support/node';
import { code } from './fixtures';

/** The search examples of the README, asked through the gateway at a node and at the hub that copies it. */
let riyadh: TestGatewayNode;
let ministry: TestGatewayNode;
const titles = {
  portal: 'تحسين الأمانة الإلكترونية',
  services: 'الخدمات الإلكترونية للمستفيدين',
  branches: 'البلديات الفرعية',
  improvements: 'تحسينات الخدمات',
  // digits as Arabic text writes them
  hotline: 'بلاغات ٩٤٠ العاجلة',
  dengue: 'مكافحة البعوض الناقل لحمى الضنك في أحياء جدة',
  facilities: 'ترخيص المنشآت التجارية مع الشؤون البلدية',
};
const ids: Record<keyof typeof titles, string> = { portal: '', services: '', branches: '', improvements: '', hotline: '', dengue: '', facilities: '' };

beforeAll(async () => {
  [riyadh, ministry] = await Promise.all([
    startTestNode('riyadh', { services: [initiativesService] }),
    startTestNode('ministry', { services: [initiativesService] }),
  ]);
  const editor = await riyadh.token(['editor']);
  for (const [k, titleAr] of Object.entries(titles) as Array<[keyof typeof titles, string]>) {
    const r = await riyadh.graphql(
      `mutation($i: ProposeInitiativeInput!) { proposeInitiative(input: $i) { id } }`,
      { i: { code: code('AR'), titleAr, axis: 'E_SERVICES', plannedStart: '2026-01-01', plannedEnd: '2026-12-31' } },
      editor,
    );
    expect(r.errors).toBeUndefined();
    ids[k] = r.data!.proposeInitiative.id;
  }
}, 120_000);
afterAll(async () => {
  await Promise.all([riyadh?.stop(), ministry?.stop()]);
});

const SEARCH = `query($q: String!) { initiatives(filter: { search: $q, node: ["riyadh"] }, first: 100) { edges { node { id } } } }`;
async function found(n: TestGatewayNode, q: string): Promise<string[]> {
  const r = await n.graphql(SEARCH, { q }, await n.token(['viewer']));
  expect(r.errors).toBeUndefined();
  return r.data!.initiatives.edges.map((e: { node: { id: string } }) => e.node.id);
}

const examples: Array<[string, keyof typeof titles]> = [
  ['أمانة إلكترونية', 'portal'],
  ['الأمانة', 'portal'],
  // lam-alef presentation form, as pasted from a PDF
  ['اﻷمانة', 'portal'],
  ['خدمات إلكترونية', 'services'],
  ['البلدية', 'branches'],
  ['بلدية فرعية', 'branches'],
  ['تحسين الخدمات', 'improvements'],
  // Western, Arabic-Indic and Persian digits alike
  ['بلاغات 940', 'hotline'],
  ['٩٤٠', 'hotline'],
  ['۹۴۰', 'hotline'],
  // invisible characters a paste or a keyboard leaves in a word: a right-to-left mark, a zero-width joiner
  ['خدمات\u200f', 'services'],
  ['خ\u200dدمات إلكترونية', 'services'],
  // Persian ی and ک, as a Persian or Urdu keyboard types them
  ['بلدیة فرعیة', 'branches'],
  // a word whose particle the key keeps (لحمى, بجدة) does not empty a query of other words
  // the adverb of a nisba: إلكترونياً for الإلكترونية
  ['خدمات إلكترونياً', 'services'],
  ['مكافحة حمى الضنك', 'dengue'],
  ['مكافحة البعوض بجدة', 'dengue'],
  ['الحمى', 'dengue'],
  // a noun in ـأة for its plural in ـآت; hamza on the other seat (الشئون for الشؤون)
  ['منشأة تجارية', 'facilities'],
  ['ترخيص المنشأة', 'facilities'],
  ['الشئون البلدية', 'facilities'],
];

describe.each([
  ['at the node', () => riyadh],
  ['at the hub', () => ministry],
])('Arabic search %s, through the gateway', (_where, node) => {
  beforeAll(async () => {
    // the hub has the node's initiatives once it has caught up with each of them: they travel on different partitions
    await eventually(
      async () => {
        for (const [k, titleAr] of Object.entries(titles) as Array<[keyof typeof titles, string]>) {
          if (!(await found(node(), titleAr)).includes(ids[k])) return undefined;
        }
        return true;
      },
      60_000,
      'the initiatives searchable',
    );
  }, 90_000);

  it.each(examples)('finds «%s» in its other forms', async (q, which) => {
    expect(await found(node(), q)).toContain(ids[which]);
  });

  it('still asks for every word of a query: one that is nowhere finds nothing', async () => {
    expect(await found(node(), 'مكافحة البعوض')).toContain(ids.dengue);
    expect(await found(node(), 'مكافحة البعوض بالطائف')).not.toContain(ids.dengue);
    expect(await found(node(), 'حمى الصيف')).not.toContain(ids.dengue);
  });

  it('refuses a search over 200 characters, in both languages; answers one at the limit', async () => {
    const r = await node().graphql(SEARCH, { q: 'ب '.repeat(50_000) }, await node().token(['viewer']));
    expect(r.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'search', length: 99_999, max: 200 } });
    expect(r.errors?.[0].extensions?.messageAr).toContain('نص البحث');
    expect(await found(node(), `${'خدمات '.repeat(33)}خ`)).toContain(ids.services);
  });

  it('refuses a malformed national initiative id in the filter', async () => {
    const r = await node().graphql(`{ initiatives(filter: { nationalInitiative: "not-an-id" }) { totalCount } }`, {}, await node().token(['viewer']));
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'nationalInitiative' });
  });

  it('keeps different words apart: أمين is not أمانة, تحسين is not the services', async () => {
    expect(await found(node(), 'أمين')).not.toContain(ids.portal);
    expect(await found(node(), 'تحسين')).not.toContain(ids.services);
    expect(await found(node(), 'تحسين')).toEqual(expect.arrayContaining([ids.portal, ids.improvements]));
  });
});
