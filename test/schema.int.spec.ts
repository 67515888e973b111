import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeSchemas } from '../cli/compose';
import { permissionsTable } from '../cli/permissions-table';

describe('schema/', () => {
  it('holds exactly what a fresh composition of the subgraphs writes', async () => {
    const fresh = mkdtempSync(path.join(os.tmpdir(), 'mmhub-schema-'));
    const files = await writeSchemas(fresh);
    const committed = path.resolve(__dirname, '../schema');
    for (const file of files) {
      const name = path.basename(file);
      expect({ name, sdl: readFileSync(path.join(committed, name), 'utf8') }).toEqual({ name, sdl: readFileSync(file, 'utf8') });
    }
    expect(readdirSync(committed).filter((f) => f.endsWith('.graphql')).sort()).toEqual(files.map((f) => path.basename(f)).sort());
  });
});

describe('README', () => {
  it('shows the permission matrix as the code has it', () => {
    const readme = readFileSync(path.resolve(__dirname, '../README.md'), 'utf8');
    const shown = /<!-- permissions:start -->\n([\s\S]*?)\n<!-- permissions:end -->/.exec(readme)?.[1];
    expect(shown).toBe(permissionsTable());
  });
});
