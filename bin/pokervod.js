#!/usr/bin/env node
// `npx pokervod …`: runs the TypeScript CLI of block A through SWC, with the
// workspace's path aliases. See apps/nas-inventory/src/cli/pokervod-cli.ts.
const path = require('node:path');
process.env.SWC_NODE_PROJECT ??= path.join(__dirname, '..', 'tools', 'tsconfig.json');
require('@swc-node/register');
const { main } = require('../apps/nas-inventory/src/cli/pokervod-cli.ts');
main(process.argv.slice(2), process.stdin, process.stdout, process.stderr).then(
  (code) => (process.exitCode = code),
  (error) => {
    process.stderr.write(`pokervod: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
