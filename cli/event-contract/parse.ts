import { readFile } from 'node:fs/promises';
import { Parser, DiagnosticSeverity, type AsyncAPIDocumentInterface, type Diagnostic } from '@asyncapi/parser';
import { asyncApiMarkdown } from './markdown';

/** Development only: needs @asyncapi/parser, a devDependency; the services never load this module. */

export interface ParsedContract {
  /** Absent when the document does not parse. */
  document?: AsyncAPIDocumentInterface;
  markdown: string;
  /** Errors and warnings; none is the bar. */
  problems: Diagnostic[];
  /** Information and hints, e.g. that a newer AsyncAPI version exists. */
  notes: Diagnostic[];
}

/** Parses the AsyncAPI document (resolving its JSON Schema files) and renders it as Markdown. */
export async function parseEventContract(asyncApiFile: string): Promise<ParsedContract> {
  const { document, diagnostics } = await new Parser().parse(await readFile(asyncApiFile, 'utf8'), { source: asyncApiFile });
  const problems = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning);
  const notes = diagnostics.filter((d) => !problems.includes(d));
  if (!document) return { markdown: '', problems, notes };
  return { document, markdown: asyncApiMarkdown(document), problems, notes };
}

export const describeDiagnostic = (d: Diagnostic): string => `${DiagnosticSeverity[d.severity]} ${d.code}: ${d.message} at ${d.path.join('.') || '(root)'}`;
