import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { eventFingerprints, type EventDefinition, type ServiceEvents } from '../services/kernel/src/events/schemas';
import { initiativesEvents } from '../services/initiatives/src/events';
import { calendarEvents } from '../services/calendar/src/events';
import { mediaEvents } from '../services/media/src/events';

/** Every service's events, in the order of the topics in the AsyncAPI document. */
export const SECTOR_EVENTS: readonly ServiceEvents[] = [initiativesEvents, calendarEvents, mediaEvents];

/** Every event type the services record. */
export const DOMAIN_EVENTS: readonly EventDefinition[] = SECTOR_EVENTS.flatMap((s) => s.events);

/** Where each type's fingerprint is committed: a type's data changes only with a new version. */
export const FINGERPRINTS_FILE = 'event-fingerprints.json';

/**
 * The committed fingerprints with those of new types added and those of removed types dropped; a
 * changed one is kept as committed, so that the version test names it until the type gets a new version.
 */
export function nextFingerprints(committed: Record<string, string>): Record<string, string> {
  const fresh = eventFingerprints(SECTOR_EVENTS);
  return Object.fromEntries(Object.entries(fresh).map(([type, f]) => [type, committed[type] ?? f]));
}

/** Writes them under `schemaDir` (`npm run events:schemas`); returns the types whose data changed without a new version. */
export async function writeSectorFingerprints(schemaDir: string): Promise<string[]> {
  const file = path.join(schemaDir, FINGERPRINTS_FILE);
  const committed: Record<string, string> = await readFile(file, 'utf8').then(JSON.parse, () => ({}));
  const next = nextFingerprints(committed);
  await writeFile(file, `${JSON.stringify(next, null, 2)}\n`);
  const fresh = eventFingerprints(SECTOR_EVENTS);
  return Object.keys(next).filter((t) => next[t] !== fresh[t]);
}
