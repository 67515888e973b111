import ical, { type CalendarResponse, type VEvent } from 'node-ical';
import { DEVELOPMENT_GATEWAY_SECRET } from '../../services/kernel/src/config';
import { GATEWAY_PROOF_HEADER, signGatewayProof } from '../../services/kernel/src/auth';
import { calendarService } from '../../services/calendar/src/service';
import { startTestService, type TestNode } from '../support/node';
import { CANCEL_ENTRY, MOVE_ENTRY, RESCHEDULE, addEntry, ok, scheduled, type EntryView } from './fixtures';

let riyadh: TestNode;
let editor: string;
let viewer: string;
let base: string;
beforeAll(async () => {
  riyadh = await startTestService(calendarService, { node: 'riyadh' });
  editor = await riyadh.token(['editor']);
  viewer = await riyadh.token(['viewer']);
  base = riyadh.service.url.replace(/\/graphql$/, '');
});
afterAll(() => riyadh?.stop());

// the feed's window is given, so the test does not depend on today's date
const WINDOW = 'from=2034-01-01&to=2034-12-31';

async function fetchFeed(query = '', headers: Record<string, string> = { authorization: `Bearer ${viewer}` }) {
  const res = await fetch(`${base}/calendar.ics?${WINDOW}${query ? `&${query}` : ''}`, { headers });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}
const events = (parsed: CalendarResponse) => Object.values(parsed).filter((c): c is VEvent => c?.type === 'VEVENT');
async function feedEvent(id: string, query = ''): Promise<VEvent> {
  const { status, text } = await fetchFeed(query);
  expect(status).toBe(200);
  const found = events(ical.sync.parseICS(text)).find((e) => e.uid === id);
  if (!found) throw new Error(`${id} is not in the feed`);
  return found;
}

describe('GET /calendar.ics', () => {
  let conference: EntryView;
  let campaignId: string;
  beforeAll(async () => {
    const c = await scheduled(riyadh, editor, '2034-03-01', '2034-03-31', { axis: 'OVERSIGHT', channels: ['PRESS'] });
    campaignId = c.campaign.id;
    conference = await addEntry(riyadh, editor, {
      kind: 'PRESS_CONFERENCE',
      titleAr: 'مؤتمر صحفي لإطلاق حملة الرقابة',
      titleEn: 'Press conference: oversight campaign',
      location: 'مقر أمانة منطقة الرياض',
      campaignId,
      when: { startsAt: '2034-03-01T12:00:00+03:00', endsAt: '2034-03-01T13:00:00+03:00' },
    });
  });

  it('is text/calendar with a VTIMEZONE for Asia/Riyadh, times in Riyadh and DTSTAMP in UTC', async () => {
    const { status, type, text } = await fetchFeed();
    expect(status).toBe(200);
    expect(type).toBe('text/calendar; charset=utf-8');
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\nVERSION:2\.0\r\nPRODID:-\/\/mmhub\/\/calendar\/\/AR\r\n/);
    expect(text).toMatch(/BEGIN:VTIMEZONE\r\nTZID:Asia\/Riyadh\r\n/);
    expect(text).toContain('DTSTART;TZID=Asia/Riyadh:20340301T120000');
    for (const line of text.split('\r\n').filter((l) => l.startsWith('DTSTAMP'))) expect(line).toMatch(/^DTSTAMP:\d{8}T\d{6}Z$/);
    const e = await feedEvent(conference.id);
    expect(e.start.toISOString()).toBe('2034-03-01T09:00:00.000Z');
    expect(e.end!.toISOString()).toBe('2034-03-01T10:00:00.000Z');
    expect(e.start.tz).toBe('Asia/Riyadh');
    expect(String(e.summary)).toBe('مؤتمر صحفي لإطلاق حملة الرقابة — Press conference: oversight campaign');
    expect(e.location).toBe('مقر أمانة منطقة الرياض');
    expect(String(e.description)).toContain('Hijri date: 2034-03-01 (');
    expect(String(e.description)).toContain(`${base}/calendar/items/${conference.id}.ics`);
  });

  it('keeps the UID across fetches; SEQUENCE grows when the time changes', async () => {
    const first = await feedEvent(conference.id);
    expect(Number(first.sequence)).toBe(0);
    expect((await feedEvent(conference.id)).uid).toBe(first.uid);

    const moved = (
      await ok(
        riyadh,
        MOVE_ENTRY,
        { id: conference.id, version: conference.version, when: { startsAt: '2034-03-02T12:00:00+03:00', endsAt: '2034-03-02T13:00:00+03:00' } },
        editor,
      )
    ).moveCalendarEntry;
    const after = await feedEvent(conference.id);
    expect(after.uid).toBe(conference.id);
    expect(Number(after.sequence)).toBe(1);
    expect(after.start.toISOString()).toBe('2034-03-02T09:00:00.000Z');

    const camp = await feedEvent(campaignId);
    const c = (await ok(riyadh, `query($id: ID!) { campaign(id: $id) { version } }`, { id: campaignId }, editor)).campaign;
    await ok(
      riyadh,
      RESCHEDULE,
      { id: campaignId, version: c.version, period: { startsAt: '2034-03-05T00:00:00+03:00', endsAt: '2034-04-05T00:00:00+03:00' } },
      editor,
    );
    expect(Number((await feedEvent(campaignId)).sequence)).toBe(Number(camp.sequence) + 1);
    conference = moved;
  });

  it('keeps a cancelled entry, with STATUS:CANCELLED and a grown SEQUENCE', async () => {
    const cancelled = (await ok(riyadh, CANCEL_ENTRY, { id: conference.id, version: conference.version, reason: 'تأجيل' }, editor)).cancelCalendarEntry;
    expect(cancelled.status).toBe('CANCELLED');
    const e = await feedEvent(conference.id);
    expect(e.status).toBe('CANCELLED');
    expect(Number(e.sequence)).toBe(2);
  });

  it('writes whole days as VALUE=DATE', async () => {
    const day = await addEntry(riyadh, editor, { kind: 'EVENT', when: { startDate: '2034-06-10', endDate: '2034-06-12' } });
    const { text } = await fetchFeed();
    const block = text.slice(text.indexOf(`UID:${day.id}`));
    expect(block).toMatch(/DTSTART;VALUE=DATE:20340610\r\n/);
    expect(block).toMatch(/DTEND;VALUE=DATE:20340613\r\n/);
    expect((await feedEvent(day.id)).datetype).toBe('date');
  });

  it('takes the calendar’s filters as query parameters', async () => {
    const onlyConferences = events(ical.sync.parseICS((await fetchFeed('kind=PRESS_CONFERENCE')).text));
    expect(onlyConferences.map((e) => e.uid)).toEqual([conference.id]);
    const pressChannel = events(ical.sync.parseICS((await fetchFeed('channel=PRESS&axis=OVERSIGHT')).text)).map((e) => e.uid);
    expect(pressChannel).toEqual(expect.arrayContaining([campaignId, conference.id]));
    expect(events(ical.sync.parseICS((await fetchFeed('node=jeddah')).text))).toEqual([]);
  });

  it('refuses unknown filter values with 400, in both languages', async () => {
    const { status, text } = await fetchFeed('axis=SPORTS');
    expect(status).toBe(400);
    expect(text).toContain('Unknown axis "SPORTS".');
    expect(text).toContain('غير معروف');
    expect((await fetch(`${base}/calendar.ics?from=2034-13-01`, { headers: { authorization: `Bearer ${viewer}` } })).status).toBe(400);
  });

  it('refuses a NUL byte in any parameter, and days out of range, with 400 in both languages', async () => {
    for (const query of [
      'node=riyadh%00',
      'channel=%00',
      'audience=a%01b',
      'from=2034-01-01%00',
      'from=0000-01-01&to=0000-02-01',
      'from=0001-01-01&to=0001-02-01',
    ]) {
      const { status, text } = await fetchFeed(query);
      expect([query, status]).toEqual([query, 400]);
      expect(text).toMatch(/[\u0600-\u06FF]/);
    }
  });

  it('serves one item at its link', async () => {
    const res = await fetch(`${base}/calendar/items/${campaignId}.ics`, { headers: { authorization: `Bearer ${viewer}` } });
    expect(res.status).toBe(200);
    expect(events(ical.sync.parseICS(await res.text())).map((e) => e.uid)).toEqual([campaignId]);
    expect((await fetch(`${base}/calendar/items/01a2161d-2e3e-7e9d-bb1c-a9dd3cc48716.ics`, { headers: { authorization: `Bearer ${viewer}` } })).status).toBe(
      404,
    );
  });
});

/** The URL property as node-ical gives it: a string, or with its VALUE=URI parameter an object. */
const urlOf = (e: VEvent): string => {
  const url = e.url as unknown;
  return typeof url === 'string' ? url : (url as { val: string }).val;
};

describe('the link of each item', () => {
  let item: EntryView;
  beforeAll(async () => {
    item = await addEntry(riyadh, editor, { kind: 'MILESTONE', when: { startDate: '2034-07-01' } });
  });
  const caller = { sub: 'riyadh-viewer', node: 'riyadh', roles: ['viewer' as const] };
  const linkIn = async (headers: Record<string, string>) => {
    const { status, text } = await fetchFeed('kind=MILESTONE', headers);
    expect(status).toBe(200);
    const e = events(ical.sync.parseICS(text)).find((x) => x.uid === item.id);
    if (!e) throw new Error(`${item.id} is not in the feed`);
    expect(String(e.description).split('\n').at(-1)).toBe(urlOf(e));
    return urlOf(e);
  };
  const proxied = { 'x-forwarded-host': 'calendar.riyadh.example', 'x-forwarded-proto': 'https', 'x-forwarded-prefix': '/mmhub/' };

  it('points at the address the node’s gateway was called at, as its proof vouches', async () => {
    const proof = { [GATEWAY_PROOF_HEADER]: await signGatewayProof(DEVELOPMENT_GATEWAY_SECRET, 'riyadh', caller) };
    expect(await linkIn({ ...proof, ...proxied })).toBe(`https://calendar.riyadh.example/mmhub/calendar/items/${item.id}.ics`);
    // the first of a chain of proxies is where the client called
    expect(await linkIn({ ...proof, 'x-forwarded-host': 'calendar.riyadh.example:8443, gateway.internal', 'x-forwarded-proto': 'https, http' })).toBe(
      `https://calendar.riyadh.example:8443/calendar/items/${item.id}.ics`,
    );
  });

  it('ignores forwarded addresses without the gateway’s proof, and ones that are not a plain host, scheme and path', async () => {
    const own = `${base}/calendar/items/${item.id}.ics`;
    expect(await linkIn({ authorization: `Bearer ${viewer}`, ...proxied })).toBe(own);
    const proof = { [GATEWAY_PROOF_HEADER]: await signGatewayProof(DEVELOPMENT_GATEWAY_SECRET, 'riyadh', caller) };
    expect(await linkIn({ ...proof, 'x-forwarded-host': 'evil.example/phish?x=' })).toBe(own);
    expect(await linkIn({ ...proof, 'x-forwarded-host': 'calendar.riyadh.example', 'x-forwarded-proto': 'javascript' })).toBe(own);
    expect(await linkIn({ ...proof, 'x-forwarded-host': 'calendar.riyadh.example', 'x-forwarded-prefix': 'no-slash' })).toBe(own);
  });

  it('carries no token, even when the reader gave one in the URL', async () => {
    const feedToken = (await ok(riyadh, 'mutation { issueCalendarFeedToken { token } }', {}, viewer)).issueCalendarFeedToken.token;
    const { text } = await fetchFeed(`kind=MILESTONE&token=${encodeURIComponent(feedToken)}`, {});
    const e = events(ical.sync.parseICS(text)).find((x) => x.uid === item.id)!;
    expect(urlOf(e)).toBe(`${base}/calendar/items/${item.id}.ics`);
    expect(String(e.description)).not.toContain('token');
  });
});

describe('who may read the feed', () => {
  it('needs a token: 401 without one; a sign-in token in the header, a feed token in the URL or the header', async () => {
    const none = await fetchFeed('', {});
    expect(none.status).toBe(401);
    expect(none.text).toContain('?token=');
    expect((await fetchFeed('', { authorization: 'Bearer not-a-token' })).status).toBe(401);
    const feedToken = (await ok(riyadh, 'mutation { issueCalendarFeedToken { token } }', {}, viewer)).issueCalendarFeedToken.token;
    expect((await fetchFeed(`token=${encodeURIComponent(feedToken)}`, {})).status).toBe(200);
    expect((await fetchFeed('', { authorization: `Bearer ${feedToken}` })).status).toBe(200);
  });

  it('refuses a sign-in token in the URL, and says what to use instead', async () => {
    const admin = await riyadh.token(['admin']);
    const inUrl = await fetchFeed(`token=${encodeURIComponent(admin)}`, {});
    expect(inUrl.status).toBe(401);
    expect(inUrl.text).toContain('issueCalendarFeedToken');
  });

  it('a feed token reads the feed only, stops working when another is issued, and expires', async () => {
    const sub = 'riyadh-viewer-rotation';
    const reader = await riyadh.token(['viewer'], 'riyadh', sub);
    const first = (await ok(riyadh, 'mutation { issueCalendarFeedToken(days: 7) { token feedPath issuedAt expiresAt expiresAtHijri { en } } }', {}, reader))
      .issueCalendarFeedToken;
    expect(first.feedPath).toBe(`/calendar.ics?token=${first.token}`);
    expect(Date.parse(first.expiresAt) - Date.parse(first.issuedAt)).toBe(7 * 86400_000);
    expect((await fetchFeed(`token=${first.token}`, {})).status).toBe(200);
    const second = (await ok(riyadh, 'mutation { issueCalendarFeedToken { token } }', {}, reader)).issueCalendarFeedToken;
    expect((await fetchFeed(`token=${first.token}`, {})).status).toBe(401);
    expect((await fetchFeed(`token=${second.token}`, {})).status).toBe(200);
    await riyadh.sql(`update calendar.feed_token set expires_at = now() - interval '1 second' where sub = $1`, [sub]);
    expect((await fetchFeed(`token=${second.token}`, {})).status).toBe(401);
    const bad = await riyadh.graphql('mutation { issueCalendarFeedToken(days: 400) { token } }', {}, reader);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'days' });
  });

  it('takes the caller a gateway of this node vouches for, and refuses a forged proof', async () => {
    const caller = { sub: 'riyadh-viewer', node: 'riyadh', roles: ['viewer' as const] };
    expect((await fetchFeed('', { [GATEWAY_PROOF_HEADER]: await signGatewayProof(DEVELOPMENT_GATEWAY_SECRET, 'riyadh', caller) })).status).toBe(200);
    expect((await fetchFeed('', { [GATEWAY_PROOF_HEADER]: await signGatewayProof(DEVELOPMENT_GATEWAY_SECRET, 'jeddah', caller) })).status).toBe(401);
    expect(
      (await fetchFeed('', { [GATEWAY_PROOF_HEADER]: await signGatewayProof('a-secret-that-is-not-the-gateway-one-0123', 'riyadh', caller) })).status,
    ).toBe(401);
  });

  it('is open without a token when MMHUB_ALLOW_ANONYMOUS_READ is on', async () => {
    const open = await startTestService(calendarService, { node: 'jeddah', env: { MMHUB_ALLOW_ANONYMOUS_READ: 'true' } });
    try {
      const res = await fetch(`${open.service.url.replace(/\/graphql$/, '')}/calendar.ics?${WINDOW}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toMatch(/^BEGIN:VCALENDAR/);
    } finally {
      await open.stop();
    }
  });
});
