import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { importGraph } from '../support/import-graph';

const ROOT = path.resolve(__dirname, '../..');
const KERNEL = 'services/kernel/src';

/** A face of the kernel: a folder of it with an index.ts, which exports by name what other code uses. */
function facesUnder(dir: string): string[] {
  const faces: string[] = [];
  for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true }))
    if (entry.isDirectory()) {
      const sub = `${dir}/${entry.name}`;
      if (existsSync(path.join(ROOT, sub, 'index.ts'))) faces.push(sub);
      faces.push(...facesUnder(sub));
    }
  return faces;
}

describe('the kernel', () => {
  const faces = facesUnder(KERNEL);

  it('has faces, and no barrel of everything', () => {
    expect(faces).toEqual(
      expect.arrayContaining(['auth', 'config', 'db', 'domain', 'events', 'graphql', 'observability', 'service'].map((f) => `${KERNEL}/${f}`)),
    );
    expect(existsSync(path.join(ROOT, KERNEL, 'index.ts'))).toBe(false);
  });

  it('is imported from outside only through a face', () => {
    const graph = importGraph(
      ['services', 'cli', 'gateway', 'bench', 'test'].map((d) => path.join(ROOT, d)),
      ROOT,
    );
    const entries = new Set(faces.map((f) => `${f}/index.ts`));
    const around = Object.entries(graph)
      .filter(([file]) => !file.startsWith(`${KERNEL}/`))
      .flatMap(([file, deps]) => deps.filter((d) => d.startsWith(`${KERNEL}/`) && !entries.has(d)).map((d) => `${file} → ${d}`));
    expect(around).toEqual([]);
  });

  it('has faces that name what they export: no `export *`', () => {
    const starred = faces.filter((f) => /^\s*export\s+(type\s+)?\*/m.test(readFileSync(path.join(ROOT, f, 'index.ts'), 'utf8')));
    expect(starred).toEqual([]);
  });
});
