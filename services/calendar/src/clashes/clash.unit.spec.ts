import { Axis } from '../../../kernel/src/domain';
import { ClashKind, findClashes, involves, type ClashingCampaign, type ClashingOccasion } from './clash';

const at = (day: string, time = '00:00') => new Date(`${day}T${time}:00+03:00`);
let n = 0;
function campaign(node: string, from: string, to: string, o: Partial<ClashingCampaign> = {}): ClashingCampaign {
  n++;
  return {
    id: `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`,
    node,
    titleAr: `حملة ${n}`,
    titleEn: `Campaign ${n}`,
    axis: Axis.HEALTH_AWARENESS,
    audiences: ['RESIDENTS', 'FAMILIES'],
    startsAt: at(from),
    endsAt: at(to),
    ...o,
  };
}
const ramadan: ClashingOccasion = {
  id: '00000000-0000-7000-8000-999999999999',
  node: 'ministry',
  titleAr: 'شهر رمضان',
  titleEn: 'Ramadan',
  axis: null,
  startsAt: at('2026-02-18'),
  endsAt: at('2026-03-20'),
};

describe('clash detection', () => {
  it('same node, same axis, shared audience, overlapping periods: a clash, with a reason in both languages', () => {
    const a = campaign('riyadh', '2026-04-01', '2026-04-15');
    const b = campaign('riyadh', '2026-04-10', '2026-04-30', { audiences: ['FAMILIES', 'YOUTH'] });
    const [c, ...more] = findClashes([b, a], []);
    expect(more).toEqual([]);
    expect(c).toMatchObject({
      kind: ClashKind.SAME_NODE,
      node: 'riyadh',
      axis: 'HEALTH_AWARENESS',
      audiences: ['FAMILIES'],
      campaign: a,
      otherCampaign: b,
      occasion: null,
    });
    expect(c.overlap).toEqual({ startsAt: at('2026-04-10'), endsAt: at('2026-04-15') });
    expect(c.reason.en).toBe(
      `“${a.titleEn}” and “${b.titleEn}” of Riyadh Region Municipality both address families on the Health awareness axis, from 2026-04-10 (Shawwal 22, 1447 AH) to 2026-04-14 (Shawwal 26, 1447 AH).`,
    );
    expect(c.reason.ar).toContain('أمانة منطقة الرياض');
    expect(c.reason.ar).toContain('التوعية الصحية');
    expect(c.reason.ar).toContain('الأسر');
  });

  it('different axes do not clash', () => {
    expect(
      findClashes([campaign('riyadh', '2026-04-01', '2026-04-15'), campaign('riyadh', '2026-04-01', '2026-04-15', { axis: Axis.E_SERVICES })], []),
    ).toEqual([]);
  });

  it('touching periods do not clash', () => {
    expect(findClashes([campaign('riyadh', '2026-04-01', '2026-04-15'), campaign('riyadh', '2026-04-15', '2026-04-30')], [])).toEqual([]);
  });

  it('no shared audience, or two municipalities: no clash', () => {
    expect(
      findClashes([campaign('riyadh', '2026-04-01', '2026-04-15'), campaign('riyadh', '2026-04-01', '2026-04-15', { audiences: ['BUSINESSES'] })], []),
    ).toEqual([]);
    expect(findClashes([campaign('riyadh', '2026-04-01', '2026-04-15'), campaign('jeddah', '2026-04-01', '2026-04-15')], [])).toEqual([]);
  });

  it('a local campaign on the axis of a national campaign clashes, whatever the audience', () => {
    const national = campaign('ministry', '2026-04-05', '2026-05-01', { audiences: ['BUSINESSES'] });
    const local = campaign('jeddah', '2026-04-01', '2026-04-10');
    const [c] = findClashes([national, local], []);
    expect(c).toMatchObject({ kind: ClashKind.NATIONAL_CAMPAIGN, node: 'jeddah', campaign: local, otherCampaign: national, audiences: [] });
    expect(c.reason.en).toMatch(
      /^The local campaign “Campaign \d+” of Jeddah Municipality runs on the Health awareness axis at the same time as the national campaign/,
    );
  });

  it('a local campaign during a national occasion of every axis clashes; one of another axis does not', () => {
    const local = campaign('riyadh', '2026-03-15', '2026-03-25');
    const [c, ...more] = findClashes([local], [ramadan, { ...ramadan, id: 'x', axis: Axis.E_SERVICES }]);
    expect(more).toEqual([]);
    expect(c).toMatchObject({ kind: ClashKind.NATIONAL_OCCASION, campaign: local, occasion: ramadan, otherCampaign: null });
    expect(c.overlap).toEqual({ startsAt: at('2026-03-15'), endsAt: at('2026-03-20') });
    expect(c.reason.en).toBe(
      `The local campaign “${local.titleEn}” of Riyadh Region Municipality falls on the national occasion Ramadan, from 2026-03-15 (Ramadan 26, 1447 AH) to 2026-03-19 (Ramadan 30, 1447 AH).`,
    );
    expect(c.reason.ar).toContain('شهر رمضان');
  });

  it('national campaigns do not clash with national occasions, nor with local occasions', () => {
    expect(findClashes([campaign('ministry', '2026-03-01', '2026-03-10')], [ramadan])).toEqual([]);
    expect(findClashes([campaign('riyadh', '2026-03-01', '2026-03-10')], [{ ...ramadan, node: 'riyadh' }])).toEqual([]);
  });

  it('with a focus, lists only that campaign’s clashes, the focus first', () => {
    const a = campaign('riyadh', '2026-04-01', '2026-04-15');
    const b = campaign('riyadh', '2026-04-10', '2026-04-30');
    const c = campaign('riyadh', '2026-04-20', '2026-05-30');
    const clashes = findClashes([a, b, c], [], c.id);
    expect(clashes.map((x) => [x.campaign.id, x.otherCampaign?.id])).toEqual([[c.id, b.id]]);
    expect(involves(clashes[0], 'riyadh')).toBe(true);
    expect(involves(clashes[0], 'jeddah')).toBe(false);
  });
});
