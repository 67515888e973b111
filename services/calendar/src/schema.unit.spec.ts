import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import { composeServices, compositionHasErrors } from '@theguild/federation-composition';
import { buildSubgraph } from '../../kernel/src/graphql';
import { initiativesService } from '../../initiatives/src/service';
import { calendarService } from './service';

const FILE = path.resolve(__dirname, '../../../schema/calendar.graphql');

describe('the calendar subgraph', () => {
  it('is the SDL committed in schema/calendar.graphql (UPDATE_SCHEMA=1 rewrites it)', async () => {
    const { sdl } = await buildSubgraph(calendarService.subgraph);
    const fresh = `${sdl.trim()}\n`;
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(FILE, fresh);
    expect(readFileSync(FILE, 'utf8')).toBe(fresh);
  });

  it('composes with the initiatives subgraph: Initiative.campaigns and Campaign.initiatives', async () => {
    const [initiatives, calendar] = await Promise.all([buildSubgraph(initiativesService.subgraph), buildSubgraph(calendarService.subgraph)]);
    const result = composeServices([
      { name: 'initiatives', url: 'http://127.0.0.1:4101/graphql', typeDefs: parse(initiatives.sdl) },
      { name: 'calendar', url: 'http://127.0.0.1:4102/graphql', typeDefs: parse(calendar.sdl) },
    ]);
    if (compositionHasErrors(result)) throw new Error(result.errors.map((e) => e.message).join('\n'));
    const supergraph = result.supergraphSdl;
    expect(supergraph).toMatch(/type Initiative[^{]*\{[^}]*campaigns: \[Campaign!\] @join__field\(graph: CALENDAR\)/s);
    expect(supergraph).toMatch(/type Campaign[^{]*@join__type\(graph: CALENDAR, key: "id"\)/s);
  });
});
