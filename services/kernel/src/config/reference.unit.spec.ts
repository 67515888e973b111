import { readFileSync } from 'node:fs';
import path from 'node:path';
import { RENAMED, variables } from './config';
import { configurationReference } from './reference';

const FILE = path.resolve(__dirname, '../../../../docs/configuration.md');

describe('the configuration reference', () => {
  it('is checked in as the schema renders it (else run npm run docs:config)', () => {
    if (readFileSync(FILE, 'utf8') !== configurationReference())
      throw new Error('docs/configuration.md differs from a fresh rendering of the configuration schema: run npm run docs:config');
  });

  it('describes every variable, with its default', () => {
    const reference = configurationReference();
    for (const [name, field] of Object.entries(variables.shape)) {
      expect({ name, described: Boolean(field.description) }).toEqual({ name, described: true });
      expect(reference).toContain(`| \`${name}\` |`);
    }
    expect(reference).toMatch(/\| `MMHUB_PORT` \| integer \| `4000` \| 0 to 65535 \|/);
    expect(reference).toMatch(/\| `MMHUB_EVENT_BUS` \| choice \| `kafka` \| `kafka`, `memory` \|/);
    expect(reference).toMatch(/\| `MMHUB_METRICS_ENABLED` \| boolean \| `true` \|/);
  });

  it('lists every old name with the name that replaced it', () => {
    const reference = configurationReference();
    for (const [old, name] of RENAMED) expect(reference).toContain(`\`${old}\` → \`${name}\``);
  });
});
