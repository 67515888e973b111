import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');

/** The pages a newcomer reads: the README, then docs/ in the order the README's map gives them. */
export function documentationFiles(): string[] {
  const order = ['frontend.md', 'operators.md', 'analysts.md', 'performance.md'];
  const docs = readdirSync(path.join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort((a, b) => (order.indexOf(a) + 1 || order.length + 1) - (order.indexOf(b) + 1 || order.length + 1) || a.localeCompare(b));
  return ['README.md', ...docs.map((f) => `docs/${f}`)];
}

/** Where a block runs: on the embedded demo (`npm start`) or on a node on PostgreSQL and Kafka. */
export type Footprint = 'demo' | 'node';

/** A shell block of the documentation and what its marker says of it. */
export interface ShellBlock {
  file: string;
  /** The line of its opening fence, from 1. */
  line: number;
  code: string;
  /** Absent when the marker says it is not run, with `reason`. */
  footprint?: Footprint;
  reason?: string;
  exit: number;
  prints?: RegExp;
  /** A block that keeps running (a server, a tail): ready once it printed this, or once this URL answers 200. */
  staysUntil?: { printed: RegExp } | { url: string };
}

const SHELL = new Set(['sh', 'bash', 'shell', 'console']);

/**
 * The shell blocks of a Markdown page, each with the marker on the line before it:
 * `<!-- test: demo|node[, exit N][, prints /re/][, stays until it prints /re/ | stays until URL answers] -->`
 * or `<!-- not run: why -->`. A shell block without one is returned with `problem` set.
 */
export function shellBlocks(file: string): (ShellBlock & { problem?: string })[] {
  const lines = readFileSync(path.join(ROOT, file), 'utf8').split('\n');
  const blocks: (ShellBlock & { problem?: string })[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i]);
    if (!open) continue;
    const end = lines.findIndex((l, j) => j > i && /^```\s*$/.test(l));
    if (end < 0) throw new Error(`${file}:${i + 1}: a code block is not closed`);
    const code = lines.slice(i + 1, end).join('\n');
    const lang = open[1];
    if (SHELL.has(lang)) blocks.push({ file, line: i + 1, code, exit: 0, ...marker(lines[i - 1] ?? '') });
    i = end;
  }
  return blocks;
}

const regex = (source: string, flags: string) => new RegExp(source, flags);

function marker(line: string): Partial<ShellBlock> & { problem?: string } {
  const notRun = /^<!-- not run: (.+) -->$/.exec(line.trim());
  if (notRun) return { reason: notRun[1] };
  const test = /^<!-- test: (demo|node)(.*) -->$/.exec(line.trim());
  if (!test) return { problem: 'no <!-- test: demo|node ... --> or <!-- not run: why --> on the line before it' };
  const rest = test[2];
  const exit = /, exit (\d+)/.exec(rest);
  const prints = /, prints \/(.+?)\/([gimsuy]*)(?=, | ?$)/.exec(rest);
  const staysPrinted = /, stays until it prints \/(.+?)\/([gimsuy]*)$/.exec(rest);
  const staysUrl = /, stays until (http\S+) answers$/.exec(rest);
  const known = rest
    .replace(exit?.[0] ?? '', '')
    .replace(prints?.[0] ?? '', '')
    .replace(staysPrinted?.[0] ?? '', '')
    .replace(staysUrl?.[0] ?? '', '');
  return {
    footprint: test[1] as Footprint,
    exit: exit ? Number(exit[1]) : 0,
    prints: prints ? regex(prints[1], prints[2]) : undefined,
    staysUntil: staysPrinted ? { printed: regex(staysPrinted[1], staysPrinted[2]) } : staysUrl ? { url: staysUrl[1] } : undefined,
    ...(known.trim() ? { problem: `the marker says something not understood: "${known.trim()}"` } : {}),
  };
}

/** The relative links of a page, as [text](target) without the anchor, and whether each target exists. */
export function relativeLinks(file: string): { target: string; exists: boolean }[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1].replace(/#.*$/, ''))
    .filter((t) => t && !/^[a-z]+:/.test(t))
    .map((target) => {
      const resolved = path.join(ROOT, path.dirname(file), target);
      let exists = true;
      try {
        readFileSync(resolved);
      } catch (e) {
        exists = (e as NodeJS.ErrnoException).code === 'EISDIR';
      }
      return { target, exists };
    });
}
