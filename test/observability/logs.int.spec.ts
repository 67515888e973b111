import { randomBytes } from 'node:crypto';
import { initiativesService } from '../../services/initiatives/src/service';
import { signToken } from '../../services/kernel/src/auth';
import { PROPOSE, proposal } from '../initiatives/fixtures';
import { startObservedNode, type ObservedNode } from './support';

let riyadh: ObservedNode;

beforeAll(async () => {
  // debug: more than an operator runs with, so that what must never be logged is looked for everywhere
  riyadh = await startObservedNode('riyadh', { services: [initiativesService], logLevel: 'debug' });
}, 120_000);

afterAll(() => riyadh?.stop());

const LIST = `query Catalogue { initiatives(first: 3) { totalCount } }`;

describe('the log', () => {
  it('has one JSON line per request with the node, the operation and the duration, and never the token nor the request body', async () => {
    const editor = await riyadh.token(['editor']);
    const viewer = await riyadh.token(['viewer']);
    const forged = await signToken('a-secret-that-is-not-the-nodes-own-0123456789', { sub: 'intruder', node: 'riyadh', roles: ['admin'] });
    const expired = await signToken(riyadh.env.MMHUB_JWT_SECRET, { sub: 'late', node: 'riyadh', roles: ['editor'], ttlSeconds: -60 });
    const marker = `marker-${randomBytes(6).toString('hex')}`;
    const before = riyadh.lines.length;

    const ok = await riyadh.graphql(PROPOSE, { input: proposal({ titleAr: `مبادرة ${marker}`, titleEn: marker }) }, editor);
    expect(ok.errors).toBeUndefined();
    expect((await riyadh.graphql(LIST, {}, viewer)).errors).toBeUndefined();
    expect((await riyadh.graphql(PROPOSE, { input: proposal({ titleEn: marker }) }, viewer)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    for (const bad of [forged, expired]) expect((await riyadh.graphql(LIST, {}, bad)).status).toBe(401);
    const malformed = await fetch(riyadh.running.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Token ${editor}` },
      body: JSON.stringify({ query: LIST }),
    });
    expect(malformed.status).toBe(401);

    const lines = riyadh.lines.slice(before);
    // everything the node wrote since it started, at debug level
    const all = riyadh.lines.join('');
    expect(all).toContain('"msg":"gateway ready"');
    for (const secret of [editor, viewer, forged, expired, marker, riyadh.env.MMHUB_JWT_SECRET, riyadh.env.MMHUB_GATEWAY_SECRET]) {
      expect(all).not.toContain(secret);
      // nor any part of a token: its signature is what would let someone use it
      if (secret.split('.').length === 3) expect(all).not.toContain(secret.split('.')[2]);
    }
    expect(all).not.toMatch(/eyJ[\w-]{10,}\.[\w-]{10,}/);

    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const l of parsed) {
      expect(l.node).toBe('riyadh');
      expect(typeof l.service).toBe('string');
    }
    const requests = parsed.filter((l) => l.msg === 'graphql request' && l.service === 'gateway');
    expect(requests.map((l) => [l.operation, l.outcome])).toEqual([
      ['Propose', 'ok'],
      ['Catalogue', 'ok'],
      ['Propose', 'client_error'],
      ['Catalogue', 'client_error'],
      ['Catalogue', 'client_error'],
      ['Catalogue', 'client_error'],
    ]);
    for (const l of requests) {
      expect(typeof l.durationMs).toBe('number');
      expect(Object.keys(l)).not.toEqual(expect.arrayContaining(['query']));
      expect(Object.keys(l)).not.toEqual(expect.arrayContaining(['variables']));
    }
    // the service behind the gateway logs the requests that reached it (the refused ones did not), once each
    expect(parsed.filter((l) => l.msg === 'graphql request' && l.service === 'initiatives').map((l) => l.operation)).toEqual([
      'proposeInitiative',
      'initiatives',
    ]);
  });
});

describe('a database error in the log', () => {
  it('keeps its class, SQLSTATE and the names of what it concerns, never the statement nor the values in it', async () => {
    const editor = await riyadh.token(['editor']);
    const marker = `refused-${randomBytes(6).toString('hex')}`;
    const constraint = `refuses_${randomBytes(3).toString('hex')}`;
    // a rule the service does not know of: the insert fails in PostgreSQL, as an unexpected error
    await riyadh.sql(`alter table initiatives.initiative add constraint ${constraint} check (title_en is null or title_en not like 'refused-%')`);
    try {
      const before = riyadh.lines.length;
      const r = await riyadh.graphql(PROPOSE, { input: proposal({ titleEn: marker }) }, editor);
      expect(r.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      const logged = riyadh.lines.slice(before).map((l) => JSON.parse(l) as { msg: string; err?: Record<string, unknown> });
      const failure = logged.find((l) => l.msg === 'unexpected error in a GraphQL request');
      expect(failure?.err).toMatchObject({ type: 'CheckConstraintViolationException', code: '23514', table: 'initiative', constraint });
      expect(String(failure?.err?.message)).toContain('violates check constraint');
      const all = riyadh.lines.slice(before).join('');
      expect(all).not.toContain(marker);
      expect(all).not.toMatch(/insert into/i);
    } finally {
      await riyadh.sql(`alter table initiatives.initiative drop constraint ${constraint}`);
    }
  });
});
