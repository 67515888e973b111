import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildSubgraph } from '../services/kernel/src/graphql';
import { printSchema } from 'graphql';
import { apiSchema, composeSupergraph } from '../gateway/src/compose';
import { services } from './services';

/** The default local address of each service; a gateway replaces them with its node's. */
export const DEFAULT_PORTS: Record<string, number> = { initiatives: 4101, calendar: 4102, media: 4103 };

/** Writes each subgraph's SDL, the composed supergraph and the schema clients see (api.graphql) under `dir`. */
export async function writeSchemas(dir: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  const sources = [];
  for (const def of services) {
    const { sdl } = await buildSubgraph(def.subgraph);
    const file = path.join(dir, `${def.name}.graphql`);
    writeFileSync(file, `${sdl.trim()}\n`);
    written.push(file);
    sources.push({ name: def.name, url: `http://127.0.0.1:${DEFAULT_PORTS[def.name]}/graphql`, sdl });
  }
  const c = composeSupergraph(sources);
  if (c.errors.length) throw new Error(`the subgraphs do not compose:\n${c.errors.map((e) => `  - ${e}`).join('\n')}`);
  const file = path.join(dir, 'supergraph.graphql');
  writeFileSync(file, `${c.supergraph.trim()}\n`);
  written.push(file);
  // what frontends generate their types from: the gateway's schema without the federation machinery
  const api = path.join(dir, 'api.graphql');
  writeFileSync(api, `${printSchema(apiSchema(c.supergraph)).trim()}\n`);
  written.push(api);
  return written;
}
