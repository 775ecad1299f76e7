/**
 * Writes a scenario to a folder, for a manual run (docs/scenario.md):
 *
 *   SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register libs/scenario/src/cli.ts \
 *     --dir /tmp/pokervod-scenario [--seed 20240601] [--large | --files N --rows N] [--jobs 2]
 */
import { generateScenario } from './generate';
import { LARGE, REALISTIC } from './plan';

async function main(argv: string[]): Promise<void> {
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i === -1 ? undefined : argv[i + 1];
  };
  const number = (name: string) => (value(name) === undefined ? undefined : Number(value(name)));
  const dir = value('dir');
  if (!dir || argv.includes('--help')) {
    console.log('usage: cli.ts --dir <folder> [--seed N] [--large | --files N --rows N] [--renders N] [--jobs N]');
    process.exitCode = dir ? 0 : 2;
    return;
  }
  const size = argv.includes('--large') ? LARGE : REALISTIC;
  const scenario = await generateScenario({
    dir,
    seed: number('seed'),
    files: number('files') ?? size.files,
    rows: number('rows') ?? size.rows,
    renders: number('renders'),
    jobs: number('jobs'),
    log: (line) => console.log(line),
  });
  console.log(
    JSON.stringify({ counts: scenario.expected.counts, env: scenario.env, seconds: scenario.seconds }, null, 2),
  );
  console.log(`SHEETS_SOURCES=file:${scenario.csvPath}`);
}

main(process.argv.slice(2)).catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
