#!/usr/bin/env node
// Type-checks every project's app/lib and spec tsconfig (SWC, used by Jest,
// strips types without checking them). Runs two tsc processes at a time.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const configs = ['apps', 'libs']
  .flatMap((dir) => readdirSync(dir).map((name) => join(dir, name)))
  .flatMap((project) => ['tsconfig.app.json', 'tsconfig.lib.json', 'tsconfig.spec.json'].map((f) => join(project, f)))
  .filter(existsSync);
if (existsSync('e2e/tsconfig.json')) configs.push('e2e/tsconfig.json');

const run = (config) =>
  new Promise((resolve) => {
    const child = spawn('npx', ['tsc', '--noEmit', '-p', config], { stdio: 'inherit' });
    child.on('exit', (code) => resolve(code === 0));
  });

const failed = [];
const queue = [...configs];
await Promise.all(
  [0, 1].map(async () => {
    for (let config; (config = queue.shift());) if (!(await run(config))) failed.push(config);
  }),
);
if (failed.length) {
  console.error(`type errors in: ${failed.join(', ')}`);
  process.exit(1);
}
console.log(`type-checked ${configs.length} tsconfig files`);
