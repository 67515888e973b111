import { startTestNode, type TestGatewayNode } from '../support/node';

/** The calendar feed at the hub's gateway: a feed token the hub issued opens it, and it holds the sector's occasions with both calendars. */
let ministry: TestGatewayNode;

beforeAll(async () => {
  ministry = await startTestNode('ministry');
});
afterAll(() => ministry?.stop());

it('serves the sector’s occasions at the hub to a feed token it issued, with the Hijri day in the description', async () => {
  const admin = await ministry.token(['admin'], 'ministry', 'ministry-admin-feed');
  const viewer = await ministry.token(['viewer'], 'ministry', 'ministry-viewer-feed');
  const generated = await ministry.graphql('mutation { generateNationalOccasions(hijriYear: 1448) { __typename } }', {}, admin);
  expect(generated.errors).toBeUndefined();
  const issued = await ministry.graphql<{ issueCalendarFeedToken: { token: string; feedPath: string } }>(
    'mutation { issueCalendarFeedToken { token feedPath } }',
    {},
    viewer,
  );
  expect(issued.errors).toBeUndefined();
  const base = ministry.url.replace(/\/graphql$/, '');

  const refused = await fetch(`${base}/calendar.ics?from=2027-01-01&to=2027-12-31&token=${encodeURIComponent(viewer)}`);
  expect(refused.status).toBe(401);
  expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer /);

  const feed = await fetch(`${base}${issued.data!.issueCalendarFeedToken.feedPath}&from=2027-01-01&to=2027-12-31`);
  expect(feed.status).toBe(200);
  const text = (await feed.text()).replace(/\r\n /g, '');
  // Eid al-Fitr 1448, 1 to 3 Shawwal, its four days off in its description, in one digit style with both years marked
  expect(text).toContain('DTSTART;VALUE=DATE:20270309');
  expect(text).toContain('DTEND;VALUE=DATE:20270312');
  expect(text).toContain('١ شوال ١٤٤٨ هـ (٩ مارس ٢٠٢٧ م)');
  expect(text).toContain('والإجازة الرسمية من ١ شوال ١٤٤٨ هـ (٩ مارس ٢٠٢٧ م) إلى ٤ شوال ١٤٤٨ هـ (١٢ مارس ٢٠٢٧ م)');
});
