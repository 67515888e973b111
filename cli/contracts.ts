import { writeEventContracts, eventContractFiles, type EventDefinition, type ServiceEvents } from '../services/kernel/src/events/schemas';
import { initiativesEvents } from '../services/initiatives/src/events';
import { calendarEvents } from '../services/calendar/src/events';
import { mediaEvents } from '../services/media/src/events';

/** Every service's events, in the order of the topics in the AsyncAPI document. */
export const SECTOR_EVENTS: readonly ServiceEvents[] = [initiativesEvents, calendarEvents, mediaEvents];

/** Every event type the services record. */
export const DOMAIN_EVENTS: readonly EventDefinition[] = SECTOR_EVENTS.flatMap((s) => s.events);

/** The JSON Schemas and the AsyncAPI document of the sector's events, by path under schema/. */
export const sectorContractFiles = (): Map<string, string> => eventContractFiles(SECTOR_EVENTS);

/** Writes them under `schemaDir` (`npm run events:schemas`). */
export const writeSectorContracts = (schemaDir: string): Promise<string[]> => writeEventContracts(schemaDir, SECTOR_EVENTS);
