#!/usr/bin/env node
'use strict';
// Writes schema/events/<type>.json and schema/asyncapi.yaml from the event schemas in
// the events each service declares beside its aggregates, listed in cli/contracts.ts (run through `npm run events:schemas`, which builds dist/ first).
const path = require('node:path');
const { writeSectorContracts } = require('../dist/cli/contracts');

const schemaDir = path.resolve(__dirname, '../schema');
writeSectorContracts(schemaDir).then(
  (files) => {
    const schemas = files.filter((f) => f.endsWith('.json')).length;
    process.stdout.write(`wrote ${schemas} JSON Schemas to schema/events/ and schema/asyncapi.yaml\n`);
  },
  (e) => {
    process.stderr.write(`events:schemas: ${e.stack ?? e}\n`);
    process.exit(1);
  },
);
