import { flag, int, optOut, str } from '../shared/options';
import type { ConfigOf } from '../shared/runner';

/** The options of catalog.bench.ts (--json, --check, --timeout-s and --help come from the runner). */
export const options = {
  events: int('nas.file.added events of the throughput phase', { default: 100_000, min: 1 }),
  episodes: int(
    'episodes the catalog holds for the match phase\n(more are added through the catalog when the first phase made fewer)',
    { default: 20_000, min: 1 },
  ),
  titles: int('match_episode titles, one at a time', { default: 10_000, min: 1 }),
  warmup: int('match_episode calls before sampling', { default: 200, min: 0 }),
  baseline: int(
    "events through the catalog's bus alone first, with a handler that does nothing\n(the ceiling this machine sets now; 0: skip)",
    { default: 20_000, min: 0 },
  ),
  prefetch: int("AMQP_PREFETCH of the catalog (the apps' default)", { default: 32, min: 1 }),
  window: int('unconfirmed publishes at most', { default: 1000, min: 1 }),
  seed: int('generator seed', { default: 1, min: 0 }),
  shuffle: flag(
    'publish the events in random order (default: as a scan emits them,\nthe parts of one day one after the other)',
  ),
  swc: flag('run the catalog under @swc-node/register (its RSS then includes the compiler)'),
  analyze: optOut('no ANALYZE of the catalog tables before the match phase'),
  cpuProf: str('write a V8 CPU profile of the catalog process into DIR (node --cpu-prof)', { arg: 'DIR' }),
  keepDb: flag("keep the catalog's database at the end (its URL is printed), to look into it"),
  stallS: int('fail a phase with no progress for S seconds', { default: 60, min: 1, arg: 'S' }),
};

export type Config = ConfigOf<typeof options>;
