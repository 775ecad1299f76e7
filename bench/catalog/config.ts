import { parseArgs } from 'node:util';
import { intOption } from '../bus/config';

export const USAGE = `usage: catalog.bench.ts [options]

Block B (the catalog) under load: nas.file.added events through the real
catalog app and RabbitMQ into a fresh database (events/s, the catalog's RSS),
then match_episode over the command bus against the episodes it built.

  --events N      nas.file.added events of the throughput phase (default 100000)
  --episodes N    episodes the catalog holds for the match phase (default 20000;
                  more are added through the catalog when the first phase made fewer)
  --titles N      match_episode titles, one at a time (default 10000)
  --warmup N      match_episode calls before sampling (default 200)
  --baseline N    events through the catalog's bus alone first, with a handler that does
                  nothing (the ceiling this machine sets now; default 20000, 0: skip)
  --prefetch N    AMQP_PREFETCH of the catalog (default 32, the apps' default)
  --window N      unconfirmed publishes at most (default 1000)
  --seed N        generator seed (default 1)
  --shuffle       publish the events in random order (default: as a scan emits them, the parts
                  of one day one after the other)
  --swc           run the catalog under @swc-node/register (its RSS then includes the compiler)
  --no-analyze    no ANALYZE of the catalog tables before the match phase
  --cpu-prof DIR  write a V8 CPU profile of the catalog process into DIR (node --cpu-prof)
  --keep-db       keep the catalog's database at the end (its URL is printed), to look into it
  --stall-s N     fail a phase with no progress for N s (default 60)
  --timeout-s N   whole run (default 1800)
  --json          results as JSON on stdout
  --check         exit 1 when an aim is missed
  -h, --help`;

export interface Config {
  events: number;
  episodes: number;
  titles: number;
  warmup: number;
  baseline: number;
  prefetch: number;
  window: number;
  seed: number;
  shuffle: boolean;
  swc: boolean;
  analyze: boolean;
  cpuProfDir: string | null;
  keepDb: boolean;
  stallMs: number;
  timeoutS: number;
  json: boolean;
  check: boolean;
}

export function parseConfig(argv = process.argv.slice(2)): Config | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      events: { type: 'string', default: '100000' },
      episodes: { type: 'string', default: '20000' },
      titles: { type: 'string', default: '10000' },
      warmup: { type: 'string', default: '200' },
      baseline: { type: 'string', default: '20000' },
      prefetch: { type: 'string', default: '32' },
      window: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '1' },
      shuffle: { type: 'boolean', default: false },
      swc: { type: 'boolean', default: false },
      'no-analyze': { type: 'boolean', default: false },
      'cpu-prof': { type: 'string' },
      'keep-db': { type: 'boolean', default: false },
      'stall-s': { type: 'string', default: '60' },
      'timeout-s': { type: 'string', default: '1800' },
      json: { type: 'boolean', default: false },
      check: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return null;
  const count = (name: string, raw: string | undefined, min: number) => intOption(name, raw?.replace(/[_,]/g, ''), min);
  return {
    events: count('events', values.events, 1),
    episodes: count('episodes', values.episodes, 1),
    titles: count('titles', values.titles, 1),
    warmup: count('warmup', values.warmup, 0),
    baseline: count('baseline', values.baseline, 0),
    prefetch: count('prefetch', values.prefetch, 1),
    window: count('window', values.window, 1),
    seed: count('seed', values.seed, 0),
    shuffle: values.shuffle ?? false,
    swc: values.swc ?? false,
    analyze: !values['no-analyze'],
    cpuProfDir: values['cpu-prof'] ?? null,
    keepDb: values['keep-db'] ?? false,
    stallMs: count('stall-s', values['stall-s'], 1) * 1000,
    timeoutS: count('timeout-s', values['timeout-s'], 1),
    json: values.json ?? false,
    check: values.check ?? false,
  };
}
