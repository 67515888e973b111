#!/usr/bin/env node
'use strict';
// Writes schema/events/<type>.json and schema/asyncapi.yaml from the event schemas in
// the events each service declares beside its aggregates, listed in cli/contracts.ts, by cli/event-contract (run through `npm run events:schemas`, which builds dist/ first).
const path = require('node:path');
const { writeSectorFingerprints } = require('../dist/cli/contracts');
const { writeSectorContracts } = require('../dist/cli/event-contract/files');

const schemaDir = path.resolve(__dirname, '../schema');
writeSectorContracts(schemaDir).then(
  async (files) => {
    const schemas = files.filter((f) => f.endsWith('.json')).length;
    process.stdout.write(`wrote ${schemas} JSON Schemas to schema/events/ and schema/asyncapi.yaml\n`);
    const changed = await writeSectorFingerprints(schemaDir);
    if (changed.length) {
      process.stderr.write(
        `events:schemas: the data of ${changed.join(', ')} changed without a new version: define the change as a new type (.v2) beside the old one; schema/event-fingerprints.json keeps the old fingerprints\n`,
      );
      process.exit(1);
    }
  },
  (e) => {
    process.stderr.write(`events:schemas: ${e.stack ?? e}\n`);
    process.exit(1);
  },
);
