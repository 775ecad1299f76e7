import { parseArgs } from 'node:util';
import { intOption } from '../bus/config';

export const USAGE = `usage: sheets.bench.ts [options]
  --rows N          data rows in the generated sheet (default 10000)
  --tabs N          tabs the rows are spread over (default 2)
  --edits N         edits timed per path (webhook, polling) (default 10)
  --poll-ms MS      SHEETS_POLL_SECONDS of the polling phase, in ms (default 1000)
  --quick           2,000 rows, 3 edits per path
  --json            results as JSON on stdout (progress stays on stderr)
  --check           exit 1 when an aim is missed
  --timeout-s S     overall time limit; on expiry it cleans up and exits 2 (default 600)
  -h, --help        this text
env: TEST_POSTGRES_URL, TEST_AMQP_URL, TEST_RABBITMQ_API (defaults: the local docker-compose services)`;

export interface Config {
  rows: number;
  tabs: number;
  edits: number;
  pollMs: number;
  json: boolean;
  check: boolean;
  timeoutS: number;
}

/** Parses argv; null for --help. Throws on a bad option. */
export function parseConfig(argv = process.argv.slice(2)): Config | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      rows: { type: 'string' },
      tabs: { type: 'string', default: '2' },
      edits: { type: 'string' },
      'poll-ms': { type: 'string', default: '1000' },
      quick: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      check: { type: 'boolean', default: false },
      'timeout-s': { type: 'string', default: '600' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return null;
  return {
    rows: intOption('rows', values.rows ?? (values.quick ? '2000' : '10000'), 1),
    tabs: intOption('tabs', values.tabs, 1),
    edits: intOption('edits', values.edits ?? (values.quick ? '3' : '10'), 1),
    pollMs: intOption('poll-ms', values['poll-ms'], 100),
    json: values.json ?? false,
    check: values.check ?? false,
    timeoutS: intOption('timeout-s', values['timeout-s'], 10),
  };
}
