'use strict';
// What `npm ci` (and `npm install`) make of a checkout: dist/, the console, the embedded database's template.
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');

// the first `npx mmhub` in a checkout links it into npm's cache, which runs prepare again: the checkout is
// prepared already, and building dist/ anew would take its modules from under every mmhub process it runs
if (process.env.npm_command === 'exec' && existsSync('dist/cli/main.js')) process.exit(0);
const made = spawnSync('npm run build && npm run console:build && node bin/mmhub.js prepare', { stdio: 'inherit', shell: true });
process.exit(made.status ?? 1);
