#!/usr/bin/env node
'use strict';
// Parses schema/asyncapi.yaml with @asyncapi/parser and renders docs/events.md from it
// (run through `npm run events:docs`, which builds dist/ first). Refuses a document with errors or warnings.
const { mkdir, writeFile } = require('node:fs/promises');
const path = require('node:path');
const { parseEventContract, describeDiagnostic } = require('../dist/cli/event-contract/parse');

const root = path.resolve(__dirname, '..');

async function main() {
  const { markdown, problems, notes } = await parseEventContract(path.join(root, 'schema/asyncapi.yaml'));
  for (const d of notes) process.stderr.write(`note: ${describeDiagnostic(d)}\n`);
  if (problems.length || !markdown) {
    for (const d of problems) process.stderr.write(`${describeDiagnostic(d)}\n`);
    throw new Error('schema/asyncapi.yaml does not parse cleanly; run `npm run events:schemas` and see above');
  }
  await mkdir(path.join(root, 'docs'), { recursive: true });
  await writeFile(path.join(root, 'docs/events.md'), markdown);
  process.stdout.write('wrote docs/events.md\n');
}

main().catch((e) => {
  process.stderr.write(`events:docs: ${e.message}\n`);
  process.exit(1);
});
