import { registerEnumType } from 'type-graphql';
import { AXES, Axis } from '../domain/sector';

let registered = false;

/** Names the sector's enums in every schema; called where a subgraph's schema is built, once per process. */
export function registerSectorTypes(): void {
  if (registered) return;
  registered = true;
  registerEnumType(Axis, {
    name: 'Axis',
    description: 'The six axes of municipal initiatives and campaigns.',
    // each axis described by its names in the sector's reference data
    valuesConfig: Object.fromEntries(AXES.map((a) => [a.code, { description: `${a.nameAr} — ${a.nameEn.toLowerCase()}` }])),
  });
}
