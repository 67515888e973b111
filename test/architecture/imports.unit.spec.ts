import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cyclesOf, importGraph, type ImportGraph } from '../support/import-graph';

const ROOT = path.resolve(__dirname, '../..');
const SOURCES = ['services', 'cli', 'gateway', 'bench', 'test'].map((d) => path.join(ROOT, d));

describe('the imports', () => {
  let graph: ImportGraph;
  beforeAll(() => {
    graph = importGraph(SOURCES, ROOT);
  });

  it('form no cycle, type-only imports included', () => {
    // a module list this short would mean the sources were not found, and no cycle proves nothing
    expect(Object.keys(graph).length).toBeGreaterThan(250);
    expect(cyclesOf(graph).map((cycle) => cycle.join(' ⇄ '))).toEqual([]);
  });

  it('never lead from the kernel to a service: the kernel keeps the mechanism, each service its own contract', () => {
    // paths as the filter below reads them
    expect(graph['services/media/src/service.ts']).toContain('services/kernel/src/service/index.ts');
    const kernelToService = Object.entries(graph)
      .filter(([file]) => file.startsWith('services/kernel/'))
      .flatMap(([file, deps]) => deps.filter((d) => /^services\/(?!kernel\/)/.test(d)).map((d) => `${file} → ${d}`));
    expect(kernelToService).toEqual([]);
  });

  it('never lead from the product to the tests: a test beside the code it tests needs nothing from test/ (the bench shares its helpers)', () => {
    const intoTests = Object.entries(graph)
      .filter(([file]) => /^(services|cli|gateway)\//.test(file))
      .flatMap(([file, deps]) => deps.filter((d) => d.startsWith('test/')).map((d) => `${file} → ${d}`));
    expect(intoTests).toEqual([]);
  });

  it('keep unit tests off the helpers that need PostgreSQL or Kafka', () => {
    const deps = graph;
    const needsInfrastructure = /^test\/support\/(node|process|database|infra|subscriptions|promtool|global-setup|global-teardown|teardown)\.ts$/;
    const reached = (start: string): string[] => {
      const seen = new Set<string>();
      const stack = [start];
      while (stack.length) for (const d of deps[stack.pop()!] ?? []) if (!seen.has(d)) (seen.add(d), stack.push(d));
      return [...seen];
    };
    const units = Object.keys(deps).filter((f) => f.endsWith('.unit.spec.ts'));
    expect(units.length).toBeGreaterThan(30);
    expect(
      units.flatMap((u) =>
        reached(u)
          .filter((d) => needsInfrastructure.test(d))
          .map((d) => `${u} → ${d}`),
      ),
    ).toEqual([]);
  });

  it('leave migrations frozen: a migration imports nothing but the migration base class, so its SQL never changes with the code', async () => {
    const imports: string[] = [];
    for (const service of ['initiatives', 'calendar', 'media']) {
      const dir = path.join(ROOT, 'services', service, 'migrations');
      const files = (await readdir(dir)).filter((f) => f.endsWith('.ts'));
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) {
        const source = await readFile(path.join(dir, file), 'utf8');
        for (const [, from] of source.matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm))
          if (from !== '@mikro-orm/migrations') imports.push(`${service}/${file} → ${from}`);
      }
    }
    expect(imports).toEqual([]);
  });

  it('are checked as configured: a cycle through a type-only import is found', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mmhub-cycle-'));
    try {
      await writeFile(
        path.join(dir, 'campaign.ts'),
        "import type { CampaignEvent } from './campaign.events';\nexport interface Campaign { last?: CampaignEvent }\n",
      );
      await writeFile(
        path.join(dir, 'campaign.events.ts'),
        "import type { Campaign } from './campaign';\nexport interface CampaignEvent { state: Campaign }\n",
      );
      expect(cyclesOf(importGraph([dir], dir))).toEqual([['campaign.events.ts', 'campaign.ts']]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
