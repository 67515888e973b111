import type { ServiceDefinition } from '../services/kernel/src/service';
import { initiativesService } from '../services/initiatives/src/service';
import { calendarService } from '../services/calendar/src/service';
import { mediaService } from '../services/media/src/service';

export const services: ServiceDefinition<any>[] = [initiativesService, calendarService, mediaService];

export function serviceNamed(name: string | undefined): ServiceDefinition<any> {
  const def = services.find((s) => s.name === name);
  if (!def) throw new Error(`--service must be one of: ${services.map((s) => s.name).join(', ')}${name ? `; got "${name}"` : ''}`);
  return def;
}
