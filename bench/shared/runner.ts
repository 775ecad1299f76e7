/**
 * The one way a benchmark runs: parse its options (plus --json, --check,
 * --timeout-s and --help, which every benchmark has), bound the run by
 * --timeout-s, abort on Ctrl-C / SIGTERM, run it, clean up, print the report
 * (or JSON) and exit:
 *
 *   0  done (aims not enforced)     1  an aim missed with --check
 *   2  bad option, error, timeout   130 / 143  interrupted / terminated
 *
 * Everything a run makes is registered with `onCleanup` as it is made, so the
 * same clean-up runs on success, on an error, on the timeout and on Ctrl-C.
 * This module imports nothing but node built-ins and bench/shared, so a
 * benchmark can still load instrumented modules (amqplib, pg) after its own
 * start-up (bus: `--telemetry`).
 */
import * as os from 'node:os';
import { Options, UsageError, Values, flag, int, parseOptions, usageText } from './options';
import { TargetCheck, allMet, loadNote } from './report';
import { abort, runAllCleanups } from './util';

/** The environment variables of every benchmark that uses RabbitMQ or Postgres, for --help. */
export const BENCH_ENV =
  'TEST_AMQP_URL, TEST_RABBITMQ_API, TEST_POSTGRES_URL (defaults: the local docker-compose services)';

/** The machine and the run: node, CPUs, load average; benchmarks add what their output should say. */
export type Meta = Record<string, unknown>;

/** What a run returns: everything `--json` prints besides meta and config; the aims among it. */
export interface Outcome {
  targets: TargetCheck[];
}

const commonOptions = (timeoutS: number) => ({
  json: flag('print results as JSON on stdout (progress stays on stderr)'),
  check: flag('exit 1 when an aim is missed'),
  timeoutS: int('overall time limit; on expiry it cleans up and exits 2', { default: timeoutS, min: 1, arg: 'S' }),
});

/** The options every benchmark has. */
export type CommonConfig = Values<ReturnType<typeof commonOptions>>;
export type ConfigOf<O extends Options> = Values<O> & CommonConfig;

export interface Bench<O extends Options, R extends Outcome> {
  /** The entry file, for the usage line (`bus.bench.ts`). */
  script: string;
  /** What it measures, for --help. */
  about?: string;
  /** Its own options; --json, --check, --timeout-s and --help come on top. */
  options: O;
  /** The default of --timeout-s, in seconds. */
  timeoutS: number;
  /** Environment variables it reads, for --help (usually `BENCH_ENV`). */
  env?: string;
  /** Checks between options (`--quick` and `--sizes` exclude each other …); throw `UsageError`. */
  validate?(config: ConfigOf<O>): void;
  /** Sets up, measures, tears down. May add to `meta`. */
  run(config: ConfigOf<O>, meta: Meta): Promise<R>;
  /** The report on stdout without --json (the load note is added after it). */
  report(results: R, context: { config: ConfigOf<O>; meta: Meta; pass: boolean }): string;
}

const round2 = (l: number): number => Math.round(l * 100) / 100;

/** Runs `bench` as the process's main program; never returns normally (the process exits). */
export function runBench<O extends Options, R extends Outcome>(bench: Bench<O, R>): void {
  main(bench).catch((error: Error) => void abort(error.stack ?? error.message, 2));
}

async function main<O extends Options, R extends Outcome>(bench: Bench<O, R>): Promise<void> {
  const options = { ...bench.options, ...commonOptions(bench.timeoutS) };
  let parsed: ConfigOf<O> | null;
  try {
    parsed = parseOptions(options, process.argv.slice(2)) as ConfigOf<O> | null;
    if (parsed) bench.validate?.(parsed);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${bench.script}: ${error.message}\n(--help lists the options)\n`);
    process.exit(2);
  }
  if (!parsed) {
    const help = usageText(bench.script, options, bench.about, [['-h, --help', 'this text']], bench.env);
    process.stdout.write(`${help}\n`, () => process.exit(0));
    return;
  }
  const config = parsed;
  const overall = setTimeout(
    () => void abort(`overall timeout of ${config.timeoutS} s reached`, 2),
    config.timeoutS * 1000,
  );
  process.once('SIGINT', () => void abort('interrupted', 130));
  process.once('SIGTERM', () => void abort('terminated', 143));
  // A connection failing on its own (a channel whose exchange clean-up just deleted …) must not end the
  // process before the rest of the clean-up ran.
  process.on('uncaughtException', (error) => void abort(`uncaught: ${error.stack ?? error.message}`, 2));
  process.on('unhandledRejection', (error) => void abort(`unhandled rejection: ${String(error)}`, 2));

  const meta: Meta = {
    startedAt: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? null,
    loadAverage: os.loadavg().map(round2),
  };
  const started = performance.now();
  const results = await bench.run(config, meta);
  meta['durationS'] = Math.round((performance.now() - started) / 100) / 10;
  meta['loadAverageAtEnd'] = os.loadavg().map(round2);
  clearTimeout(overall);
  await runAllCleanups(); // normally nothing is left by now

  const pass = allMet(results.targets);
  const out = config.json
    ? `${JSON.stringify({ meta, config, ...results, pass }, null, 2)}\n`
    : bench.report(results, { config, meta, pass }) + loadNote(meta);
  const code = config.check && !pass ? 1 : 0;
  process.stdout.write(out, () => process.exit(code));
}
