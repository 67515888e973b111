import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** file → the files it imports, both relative to the base directory, with '/' between folders. */
export type ImportGraph = Record<string, string[]>;

const SKIPPED = new Set(['node_modules', 'dist', 'coverage', '.mmhub']);
const CANDIDATES = ['', '.ts', '.tsx', '/index.ts', '/index.tsx'];

function sourcesUnder(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED.has(entry.name)) sourcesUnder(full, out);
    } else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

function resolved(from: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(from), specifier);
  return CANDIDATES.map((c) => base + c).find((f) => /\.tsx?$/.test(f) && existsSync(f) && statSync(f).isFile());
}

/**
 * The relative imports of every TypeScript file under `roots`, read by the compiler's own scanner:
 * imports, re-exports, `require`, `import()` and `typeof import()` alike, type-only ones included (a
 * type cycle still ties the modules' builds and reviews together). Packages are left out.
 */
export function importGraph(roots: string[], baseDir: string): ImportGraph {
  const graph: ImportGraph = {};
  const key = (file: string) => path.relative(baseDir, file).split(path.sep).join('/');
  for (const file of roots.flatMap((r) => sourcesUnder(r))) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const deps = new Set<string>();
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const target = resolved(file, fileName);
      if (target) deps.add(key(target));
    }
    graph[key(file)] = [...deps];
  }
  return graph;
}

/** The import cycles of a graph (Tarjan's strongly connected components), each as its files in order. */
export function cyclesOf(graph: ImportGraph): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph[v] ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph[v] ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of Object.keys(graph).sort()) if (!index.has(v)) visit(v);
  return found;
}
