#!/usr/bin/env node
'use strict';
// Renders docs/configuration.md from the configuration schema (run through `npm run docs:config`,
// which builds dist/ first); a unit test fails while the checked-in file differs from it.
const { writeFile } = require('node:fs/promises');
const path = require('node:path');
const { configurationReference } = require('../dist/services/kernel/src/config');

const file = path.resolve(__dirname, '../docs/configuration.md');

writeFile(file, configurationReference()).then(
  () => process.stdout.write('wrote docs/configuration.md\n'),
  (e) => {
    process.stderr.write(`docs:config: ${e.message}\n`);
    process.exit(1);
  },
);
