import { calendarService } from '../../services/calendar/src/service';
import { startTestNode, startTestService, type TestGatewayNode, type TestNode } from '../support/node';
import { subscribeSse } from '../support/subscriptions';
import { DRAFT, SCHEDULE, campaignInput } from './fixtures';

const PUBLIC_READS = `{
  sectorOccasions(hijriYear: 1448) { code }
  gregorianToHijri(date: "2026-12-08") { dateHijri { year month day } }
  hijriToGregorian(date: { year: 1448, month: 9, day: 1 }) { date }
}`;

describe('anonymous reading of the calendar (MMHUB_ALLOW_ANONYMOUS_READ)', () => {
  let open: TestGatewayNode;
  let closed: TestNode;
  beforeAll(async () => {
    [open, closed] = await Promise.all([
      startTestNode('jeddah', { services: [calendarService], env: { MMHUB_ALLOW_ANONYMOUS_READ: 'true' } }),
      startTestService(calendarService, { node: 'riyadh' }),
    ]);
  }, 120_000);
  afterAll(() => Promise.all([open?.stop(), closed?.stop()]));

  it('opens the sector’s occasions and the Hijri dates of days, which need a token otherwise', async () => {
    const r = await open.graphql(PUBLIC_READS);
    expect(r.errors).toBeUndefined();
    expect(r.data!.sectorOccasions.map((o: { code: string }) => o.code)).toContain('EID_AL_FITR');
    expect(r.data!.gregorianToHijri.dateHijri).toEqual({ year: 1448, month: 6, day: 28 });
    expect(r.data!.hijriToGregorian.date).toBe('2027-02-08');
    const refused = await closed.graphql(PUBLIC_READS);
    expect(refused.data).toBeNull();
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('opens campaignChanged, which follows published campaigns only: a draft is not there', async () => {
    const changes = await subscribeSse(open.url, 'subscription { campaignChanged { id status } }', {});
    try {
      const editor = await open.token(['editor']);
      const drafted = async (from: string, to: string) => {
        const r = await open.graphql(DRAFT, { input: campaignInput(from, to) }, editor);
        expect(r.errors).toBeUndefined();
        return r.data!.draftCampaign.campaign as { id: string; version: number };
      };
      const hidden = await drafted('2027-01-10', '2027-01-20');
      const published = await drafted('2027-02-10', '2027-02-20');
      expect((await open.graphql(SCHEDULE, { id: published.id, version: published.version }, editor)).errors).toBeUndefined();
      const [first] = await changes.received(1);
      expect(first.errors).toBeUndefined();
      expect(first.data!.campaignChanged).toEqual({ id: published.id, status: 'SCHEDULED' });
      expect(changes.results.some((c) => c.data?.campaignChanged?.id === hidden.id)).toBe(false);
    } finally {
      await changes.close();
    }
  });
});
