import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { eventFingerprints, eventJsonSchema, schemaFingerprint } from '../../services/kernel/src/events/schemas';
import { FINGERPRINTS_FILE, SECTOR_EVENTS, nextFingerprints } from '../../cli/contracts';
import { initiativeEvents } from '../../services/initiatives/src/initiative/initiative.events';

const committedFile = path.resolve(__dirname, '../../schema', FINGERPRINTS_FILE);

describe('event versions', () => {
  it("keep each type's data as committed: a payload changes only with a new version (.v2) of its type", async () => {
    const committed: Record<string, string> = JSON.parse(await readFile(committedFile, 'utf8'));
    const fresh = eventFingerprints(SECTOR_EVENTS);
    const changed = Object.keys(fresh).filter((type) => type in committed && committed[type] !== fresh[type]);
    if (changed.length)
      throw new Error(`the data of ${changed.join(', ')} changed without a new version: define the new shape as a .v2 type beside the .v1 one`);
    // a new type is recorded by npm run events:schemas; a type removed is dropped there too
    expect(Object.keys(committed).sort()).toEqual(Object.keys(fresh).sort());
  });

  it('tell a changed payload from a reworded one', () => {
    const [proposed] = initiativeEvents;
    const before = schemaFingerprint(eventJsonSchema(proposed));
    const reworded = { ...proposed, summary: 'Proposed, in other words.', data: proposed.data.describe('Other words.') };
    expect(schemaFingerprint(eventJsonSchema(reworded))).toBe(before);
    const widened = { ...proposed, data: proposed.data.extend({ budgetSar: z.number() }) };
    const narrowed = { ...proposed, data: proposed.data.omit({ change: true }) };
    const retyped = { ...proposed, data: proposed.data.extend({ change: z.string() }) };
    for (const changed of [widened, narrowed, retyped]) expect(schemaFingerprint(eventJsonSchema(changed))).not.toBe(before);
  });

  it('are recorded for new types, never rewritten for a changed one', () => {
    const committed = eventFingerprints(SECTOR_EVENTS);
    const stale = { ...committed, 'mmhub.initiative.proposed.v1': 'an older shape', 'mmhub.initiative.withdrawn.v1': 'a removed type' };
    delete (stale as Record<string, string>)['mmhub.initiative.updated.v1'];
    const next = nextFingerprints(stale);
    expect(next['mmhub.initiative.proposed.v1']).toBe('an older shape');
    expect(next['mmhub.initiative.updated.v1']).toBe(committed['mmhub.initiative.updated.v1']);
    expect(next).not.toHaveProperty(['mmhub.initiative.withdrawn.v1']);
  });

  it('let a new version of a type stand beside the old one', () => {
    const [proposed] = initiativeEvents;
    const v2 = { ...proposed, type: 'mmhub.initiative.proposed.v2' as const, version: 2, data: proposed.data.extend({ change: z.string() }) };
    const services = [{ service: 'initiatives' as const, about: 'initiatives', events: [proposed, v2] }];
    expect(Object.keys(eventFingerprints(services))).toEqual(['mmhub.initiative.proposed.v1', 'mmhub.initiative.proposed.v2', 'mmhub.node.heartbeat.v1']);
  });
});
