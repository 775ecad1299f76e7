/**
 * Runs FakeGoogle as a process for the sample stack, serving one CSV as a
 * spreadsheet and writing a service-account key the fake trusts:
 *
 *   SWC_NODE_PROJECT=libs/fake-google/tsconfig.lib.json node -r @swc-node/register libs/fake-google/src/serve.ts \
 *     --port 8089 --csv samples/hand-log/hand-log.csv --id sample-hand-log --key-file /tmp/fake-google-key.json
 *
 * Options: --host (127.0.0.1), --port (0 = any), --csv (repeatable; each file is a tab named after it, or
 * `--csv 'Tab name=path.csv'`), --id (sample-hand-log), --title, --key-file (where the key JSON goes).
 * Logs one line per request; stops on SIGINT/SIGTERM.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { tabFromCsv } from './csv-tab';
import { FakeGoogle } from './fake-google';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '0' },
      csv: { type: 'string', multiple: true, default: [] },
      id: { type: 'string', default: 'sample-hand-log' },
      title: { type: 'string', default: 'PokerVOD hand log (sample)' },
      'key-file': { type: 'string' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`--port must be 0-65535, got ${values.port}`);
  const tabs = (values.csv ?? []).map((spec) => {
    const eq = spec.indexOf('=');
    const file = eq > 0 ? spec.slice(eq + 1) : spec;
    const name = eq > 0 ? spec.slice(0, eq) : path.basename(file, path.extname(file));
    return tabFromCsv(name, readFileSync(file));
  });

  const fake = await FakeGoogle.start({ host: values.host, port });
  if (tabs.length > 0) fake.setSpreadsheet(values.id ?? 'sample-hand-log', { title: values.title, tabs });
  const key = fake.serviceAccountKey();
  if (values['key-file']) writeFileSync(values['key-file'], `${JSON.stringify(key, null, 2)}\n`, { mode: 0o600 });

  console.log(`fake-google listening on ${fake.url} (token endpoint ${fake.tokenUrl})`);
  if (tabs.length > 0)
    console.log(`spreadsheet ${values.id}: tabs ${tabs.map((t) => JSON.stringify(t.name)).join(', ')}`);
  if (values['key-file']) console.log(`service-account key (${key.client_email}) written to ${values['key-file']}`);

  let seen = 0;
  const timer = setInterval(() => {
    for (const r of fake.requests.slice(seen)) console.log(`${r.status} ${r.method} ${r.path}`);
    seen = fake.requests.length;
  }, 200);
  const stop = async () => {
    clearInterval(timer);
    await fake.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
