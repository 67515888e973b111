import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { eventSchemaFiles, type ServiceEvents } from '../../services/kernel/src/events/schemas';
import { SECTOR_EVENTS } from '../contracts';
import { asyncApiYaml } from './asyncapi';

/** Every generated contract file, by path relative to schema/: events/<type>.json and asyncapi.yaml. */
export function eventContractFiles(services: readonly ServiceEvents[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const [name, content] of eventSchemaFiles(services)) files.set(`events/${name}`, content);
  files.set('asyncapi.yaml', asyncApiYaml(services));
  return files;
}

/** Writes the contract files under `schemaDir` and removes schemas of types that no longer exist; returns the paths written. */
export async function writeEventContracts(schemaDir: string, services: readonly ServiceEvents[]): Promise<string[]> {
  const files = eventContractFiles(services);
  const eventsDir = path.join(schemaDir, 'events');
  await mkdir(eventsDir, { recursive: true });
  for (const name of await readdir(eventsDir)) {
    if (name.endsWith('.json') && !files.has(`events/${name}`)) await rm(path.join(eventsDir, name));
  }
  const written: string[] = [];
  for (const [relative, content] of files) {
    const file = path.join(schemaDir, relative);
    await writeFile(file, content);
    written.push(file);
  }
  return written;
}

/** The JSON Schemas and the AsyncAPI document of the sector's events, by path under schema/. */
export const sectorContractFiles = (): Map<string, string> => eventContractFiles(SECTOR_EVENTS);

/** Writes them under `schemaDir` (`npm run events:schemas`). */
export const writeSectorContracts = (schemaDir: string): Promise<string[]> => writeEventContracts(schemaDir, SECTOR_EVENTS);
