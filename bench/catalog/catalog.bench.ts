/**
 * Catalog benchmark (not a test: it prints numbers). Block B's real app,
 * as a process of its own, on a fresh database and a topology of its own:
 *
 *   0. baseline: the first events through the catalog's bus alone (same
 *      options, a handler that does nothing): what the machine allows now;
 *   1. throughput: N `nas.file.added` events (generated names over every
 *      brand, year, event, day and part; parsed by the real parser as block
 *      A does) published to RabbitMQ as fast as confirms allow; events/s until
 *      the catalog handled them all, the catalog's CPU and peak RSS, and that
 *      each episode was announced once;
 *   2. the catalog brought to E episodes (more files through the catalog if
 *      the first phase made fewer), ANALYZE as autovacuum would;
 *   3. `catalog.match_episode` over the command bus, one at a time, for T
 *      titles (file names, free titles, reordered words, Korean, typos, and
 *      episodes the catalog does not have): p50/p99 and how many were right.
 *
 *   npm run bench:catalog                       # table on stdout, progress on stderr
 *   npm run bench:catalog -- --events 10000 --episodes 2000 --titles 2000
 *   npm run bench:catalog -- --json | --help
 *
 * Aims (issue #5): ≥ 2,000 events/s; match_episode p99 < 20 ms. See bench/README.md.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import amqplib from 'amqplib';
import { Client } from 'pg';
import { CommandResponse, EventEnvelope, EventType, VideoFile } from '@pokervod/contracts';
import { parseFilename } from '@pokervod/filename-parser';
import { MessageBus } from '@pokervod/messaging';
import { RETRY_POLICIES } from '@pokervod/resilience';
import { TEST_AMQP_URL } from '@pokervod/testing';
import { compileForNode } from '../shared/compile';
import { procStats, syscalls } from '../shared/proc';
import { TargetCheck, f1, f2, fmtInt, markdownTable, minCheck, maxCheck, targetsLine } from '../shared/report';
import { BENCH_ENV, Meta, runBench } from '../shared/runner';
import { LatencySummary, summarize } from '../shared/stats';
import { busLogger, now, onCleanup, progress, sleep, waitForCount } from '../shared/util';
import { benchWorld } from '../shared/world';
import { Random } from '../shared/random';
import { CatalogProcess, Launch } from './catalog-process-client';
import { Config, options } from './config';
import {
  EpisodeSpec,
  GeneratedFile,
  TitleKind,
  absentTitle,
  episodes,
  filesOf,
  freeTitle,
  koreanTitle,
  namesRandom,
  withTypo,
} from './names';

const AIMS = { eventsPerSec: 2000, matchP99Ms: 20 } as const;

interface Throughput {
  events: number;
  ms: number;
  eventsPerSec: number;
  publishMs: number;
  cpuMs: number;
  cpuMicrosPerEvent: number;
  writesPerEvent: number;
  readsPerEvent: number;
  rssReadyMb: number;
  rssPeakMb: number;
  heapPeakMb: number;
  episodes: number;
  episodesExpected: number;
  episodeCreatedEvents: number;
  projectCreatedEvents: number;
  catalogUpdatedEvents: number;
  lastCatalogUpdated: Record<string, unknown> | null;
  drainMs: number;
}

interface Baseline {
  events: number;
  ms: number;
  eventsPerSec: number;
  cpuMicrosPerEvent: number;
  /** write() / read() system calls of the process per event (socket writes: statements, acks, publishes). */
  writesPerEvent: number;
  readsPerEvent: number;
  rssPeakMb: number;
}

interface MatchResults {
  episodes: number;
  titles: number;
  latency: LatencySummary;
  byKind: Record<
    TitleKind,
    { titles: number; right: number; ambiguous: number; notFound: number; wrong: number; latency: LatencySummary }
  >;
  rssAfterMb: number;
}

/** Publishes pre-encoded events on one confirm channel, never more than `window` unconfirmed. */
async function publishAll(exchange: string, messages: { type: string; id: string; body: Buffer }[], window: number): Promise<number> {
  const conn = await amqplib.connect(TEST_AMQP_URL);
  // An abort deletes the exchange under a running publish: the channel's error then ends it, not the process.
  conn.on('error', (error: Error) => progress(`publishing connection: ${error.message}`));
  const close = onCleanup('close the publishing connection', () => conn.close().catch(() => undefined));
  const started = now();
  try {
    const ch = await conn.createConfirmChannel();
    let inFlight = 0;
    let wake: (() => void) | null = null;
    let failure: Error | null = null;
    for (const m of messages) {
      while (inFlight >= window) await new Promise<void>((r) => (wake = r));
      if (failure) throw failure;
      inFlight++;
      ch.publish(exchange, m.type, m.body, { persistent: true, messageId: m.id, type: m.type, contentType: 'application/json' }, (err) => {
        inFlight--;
        if (err) failure = err instanceof Error ? err : new Error(String(err));
        const w = wake;
        wake = null;
        w?.();
      });
    }
    await ch.waitForConfirms();
    return now() - started;
  } finally {
    await close();
  }
} // prettier-ignore

function envelope(file: VideoFile): { type: string; id: string; body: Buffer } {
  const id = randomUUID();
  const e: EventEnvelope = {
    id,
    type: EventType.NAS_FILE_ADDED,
    payload: { file },
    timestamp: new Date().toISOString(),
    source_block: 'A',
    correlation_id: id,
    causation_id: null,
    version: 1,
  };
  return { type: e.type, id, body: Buffer.from(JSON.stringify(e)) };
}

const videoFile = (f: GeneratedFile): VideoFile => ({
  id: f.id,
  root: 'media',
  path: f.path,
  size: 1_000_000,
  mtime: '2025-06-01T00:00:00.000Z',
  content_hash: null,
  parsed: parseFilename(f.path),
  media: null,
});

interface CatalogResults {
  baseline: Baseline | null;
  throughput: Throughput;
  match: MatchResults;
  targets: TargetCheck[];
}

async function run(config: Config, meta: Meta): Promise<CatalogResults> {
  const stallMs = config.stallS * 1000;
  // ---- a database and a topology of our own --------------------------------
  const world = await benchWorld('benchcat', { keepDb: config.keepDb });
  const topology = world.topology;
  const pg = new Client({ connectionString: world.db.url, application_name: 'bench-catalog' });
  await pg.connect();
  onCleanup('close the pg client', () => pg.end());
  const one = async (sql: string, params: unknown[] = []): Promise<number> => (await pg.query(sql, params)).rows[0].n;

  // ---- the catalog ---------------------------------------------------------
  let launch: Launch = {
    entry: path.join(__dirname, 'catalog-process.ts'),
    execArgv: process.execArgv,
    env: process.env,
    runtime: 'swc-node',
  };
  if (!config.swc) {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'pokervod-bench-catalog-'));
    onCleanup('remove the compiled catalog', async () => rmSync(tmp, { recursive: true, force: true }));
    const compiled = compileForNode(path.join(__dirname, 'catalog-process.ts'), tmp);
    progress(`catalog compiled: ${compiled.files} files in ${Math.round(compiled.ms)} ms`);
    launch = { entry: compiled.entry, execArgv: [], env: compiled.env, runtime: 'compiled' };
  }
  meta['runtime'] = launch.runtime;
  if (config.cpuProf) launch.execArgv = [...launch.execArgv, '--cpu-prof', `--cpu-prof-dir=${config.cpuProf}`];
  // ---- the names -----------------------------------------------------------
  const random = namesRandom(config.seed);
  const universe = episodes(random);
  const specs = new Map<string, EpisodeSpec>();
  const generated: GeneratedFile[] = [];
  let nextId = 0;
  const newId = () => `f${++nextId}`;
  const genStarted = now();
  while (generated.length < config.events) {
    const spec = universe.next().value;
    if (!spec) throw new Error('the name generator ran out of episodes');
    specs.set(spec.key, spec);
    for (const f of filesOf(spec, random.int(3, 7), random, newId))
      if (generated.length < config.events) generated.push(f);
  }
  const messages = generated.map((f) => envelope(videoFile(f)));
  // Block A emits a folder's files in order: the parts of one day arrive together (and wait on
  // each other for their episode). --shuffle spreads them out, to see what that costs.
  if (config.shuffle) {
    for (let i = messages.length - 1; i > 0; i--) {
      const j = Math.floor(random.next() * (i + 1));
      [messages[i], messages[j]] = [messages[j], messages[i]];
    }
  }
  progress(
    `${fmtInt(messages.length)} events over ${fmtInt(specs.size)} episodes generated and parsed in ${((now() - genStarted) / 1000).toFixed(1)} s`,
  );

  // ---- what the catalog announces (started after the generation, which blocks the event
  // loop long enough for the broker to drop a connection that misses its heartbeats) ----
  const announced = { episodes: 0, projects: 0, updates: [] as Record<string, unknown>[] };
  const listener = new MessageBus({
    ...world.bus,
    app: 'bench-listener',
    block: 'E',
    retryPolicy: RETRY_POLICIES.E,
    prefetch: 200,
    logger: busLogger,
  });
  listener.on('catalog.#', (e) => {
    if (e.type === EventType.EPISODE_CREATED) announced.episodes++;
    else if (e.type === EventType.PROJECT_CREATED) announced.projects++;
    else if (e.type === EventType.CATALOG_UPDATED) announced.updates.push(e.payload);
  });
  await listener.start();
  onCleanup('stop the listener', () => listener.stop());

  const catalogEnv = {
    ...world.env,
    AMQP_PREFETCH: String(config.prefetch),
    LOG_LEVEL: 'warn',
    CATALOG_UPDATED_DEBOUNCE_MS: '2000',
    OTEL_SDK_DISABLED: 'true',
  };
  const baseline = config.baseline > 0 ? await runBaseline(config, launch, messages.slice(0, config.baseline)) : null;

  const catalog = new CatalogProcess(launch);
  const ready = await catalog.start(catalogEnv);
  progress(`catalog ready (${launch.runtime}, pid ${catalog.pid}), RSS ${ready.rssMb.toFixed(1)} MB`);
  // Its projects are written in the background at start: let that settle before timing.
  await sleep(1000);

  // ---- phase 1: throughput --------------------------------------------------
  const cpuBefore = procStats(catalog.pid).cpuMs;
  const ioBefore = syscalls(catalog.pid);
  catalog.resetPeak();
  const started = now();
  let publishMs = NaN;
  const publishing = publishAll(topology.exchange, messages, config.window).then((ms) => (publishMs = ms));
  const handled = await waitForCount(
    () => one(`SELECT count(*)::int AS n FROM catalog.inbox`),
    messages.length,
    stallMs,
    'nas.file.added handled',
  );
  const ms = handled.at - started;
  await publishing;
  const cpuMs = procStats(catalog.pid).cpuMs - cpuBefore;
  const io = syscalls(catalog.pid);
  const rssPeakMb = catalog.peakRssMb;
  const heapPeakMb = catalog.peakHeapMb;
  const episodesMade = await one(`SELECT count(*)::int AS n FROM catalog.episodes`);
  const drainStarted = now();
  await waitForCount(async () => announced.episodes, episodesMade, 30_000, 'catalog.episode.created announced');
  await waitForCount(
    async () => (announced.updates.some((u) => u['files'] === messages.length) ? 1 : 0),
    1,
    30_000,
    'catalog.updated after the burst',
  );
  const throughput: Throughput = {
    events: messages.length,
    ms,
    eventsPerSec: (messages.length / ms) * 1000,
    publishMs,
    cpuMs,
    cpuMicrosPerEvent: (cpuMs * 1000) / messages.length,
    writesPerEvent: (io.writes - ioBefore.writes) / messages.length,
    readsPerEvent: (io.reads - ioBefore.reads) / messages.length,
    rssReadyMb: ready.rssMb,
    rssPeakMb,
    heapPeakMb,
    episodes: episodesMade,
    episodesExpected: specs.size,
    episodeCreatedEvents: announced.episodes,
    projectCreatedEvents: announced.projects,
    catalogUpdatedEvents: announced.updates.length,
    lastCatalogUpdated: announced.updates[announced.updates.length - 1] ?? null,
    drainMs: now() - drainStarted,
  }; // prettier-ignore
  progress(`throughput: ${fmtInt(throughput.eventsPerSec)} events/s, peak RSS ${rssPeakMb.toFixed(1)} MB`);

  // ---- phase 2: the episodes to match against --------------------------------
  let episodesNow = episodesMade;
  if (episodesNow < config.episodes) {
    const more: GeneratedFile[] = [];
    while (specs.size < config.episodes) {
      const spec = universe.next().value;
      if (!spec) throw new Error('the name generator ran out of episodes');
      specs.set(spec.key, spec);
      more.push(...filesOf(spec, 1, random, newId).slice(0, 1));
    }
    const before = await one(`SELECT count(*)::int AS n FROM catalog.inbox`);
    await publishAll(topology.exchange, more.map((f) => envelope(videoFile(f))), config.window);
    await waitForCount(() => one(`SELECT count(*)::int AS n FROM catalog.inbox`), before + more.length, stallMs, 'seed events handled');
    generated.push(...more);
    episodesNow = await one(`SELECT count(*)::int AS n FROM catalog.episodes`);
    progress(`${fmtInt(more.length)} more files: ${fmtInt(episodesNow)} episodes`);
  } // prettier-ignore
  if (config.analyze)
    await pg.query(`ANALYZE catalog.projects, catalog.seasons, catalog.events, catalog.episodes, catalog.files`);

  // ---- phase 3: match_episode -------------------------------------------------
  const matched = await matchPhase(config, pg, listener, specs, generated, random, catalog);
  matched.episodes = episodesNow;

  await catalog.stop();
  const targets = [
    minCheck(`throughput ≥ ${fmtInt(AIMS.eventsPerSec)} events/s`, throughput.eventsPerSec, AIMS.eventsPerSec),
    maxCheck(`match_episode p99 < ${AIMS.matchP99Ms} ms`, matched.latency.p99, AIMS.matchP99Ms),
  ];
  return { baseline, throughput, match: matched, targets };
}

/** The events through the catalog's bus alone, on a database and topology of their own. */
async function runBaseline(config: Config, launch: Launch, messages: { type: string; id: string; body: Buffer }[]): Promise<Baseline> {
  const world = await benchWorld('benchcatbase');
  const topology = world.topology;
  const pg = new Client({ connectionString: world.db.url, application_name: 'bench-catalog' });
  await pg.connect();
  const bus = new CatalogProcess(launch);
  try {
    await bus.start({ ...world.env, AMQP_PREFETCH: String(config.prefetch), LOG_LEVEL: 'warn', BENCH_MODE: 'baseline' });
    const cpuBefore = procStats(bus.pid).cpuMs;
    const ioBefore = syscalls(bus.pid);
    bus.resetPeak();
    const started = now();
    const publishing = publishAll(topology.exchange, messages, config.window);
    const done = await waitForCount(async () => (await pg.query(`SELECT count(*)::int AS n FROM catalog.inbox`)).rows[0].n, messages.length, config.stallS * 1000, 'baseline handled');
    await publishing;
    const cpuMs = procStats(bus.pid).cpuMs - cpuBefore;
    const io = syscalls(bus.pid);
    const ms = done.at - started;
    const result = {
      events: messages.length,
      ms,
      eventsPerSec: (messages.length / ms) * 1000,
      cpuMicrosPerEvent: (cpuMs * 1000) / messages.length,
      writesPerEvent: (io.writes - ioBefore.writes) / messages.length,
      readsPerEvent: (io.reads - ioBefore.reads) / messages.length,
      rssPeakMb: bus.peakRssMb,
    };
    progress(`baseline (the bus alone): ${fmtInt(result.eventsPerSec)} events/s`);
    return result;
  } finally {
    await bus.stop();
    await pg.end();
    await world.remove();
  }
} // prettier-ignore

interface Title {
  kind: TitleKind;
  title: string;
  /** The catalog's episode id, or null when the answer must be not_found. */
  expected: string | null;
}

async function matchPhase(
  config: Config,
  pg: Client,
  bus: MessageBus,
  specs: Map<string, EpisodeSpec>,
  generated: GeneratedFile[],
  random: Random,
  catalog: CatalogProcess,
): Promise<MatchResults> {
  // Which catalog episode each generated episode became (through any of its files).
  const episodeOfFile = new Map<string, string>(
    (await pg.query(`SELECT id, episode_id FROM catalog.files WHERE episode_id IS NOT NULL`)).rows.map((r) => [
      r.id,
      r.episode_id,
    ]),
  );
  const filesBySpec = new Map<string, GeneratedFile[]>();
  for (const f of generated) {
    const list = filesBySpec.get(f.episodeKey) ?? [];
    list.push(f);
    filesBySpec.set(f.episodeKey, list);
  }
  const placed = [...filesBySpec.entries()]
    .map(([key, files]) => ({ spec: specs.get(key)!, files, id: episodeOfFile.get(files[0].id) }))
    .filter((e): e is { spec: EpisodeSpec; files: GeneratedFile[]; id: string } => e.id !== undefined);
  const make = (): Title => {
    const e = random.pick(placed);
    const roll = random.next();
    const distinctive = e.files.filter((f) => f.distinctive);
    // `Day2_Part1.mp4` of an `Event 43/` folder names no episode by itself: sheets quote names that do.
    if (roll < 0.3 && distinctive.length > 0) {
      const file = random.pick(distinctive);
      let name = file.path.slice(file.path.lastIndexOf('/') + 1);
      // Sheets retype names: other case, other separators, no extension.
      if (random.next() < 0.5) name = name.replace(/\.[a-z0-9]+$/i, '').replace(/_/g, ' ').toLowerCase();
      return { kind: 'exact', title: name, expected: e.id };
    }
    if (roll < 0.65) return { kind: 'variant', title: freeTitle(e.spec, random), expected: e.id };
    if (roll < 0.75) {
      const korean = koreanTitle(e.spec);
      return korean ? { kind: 'korean', title: korean, expected: e.id } : { kind: 'variant', title: freeTitle(e.spec, random), expected: e.id };
    }
    if (roll < 0.9) return { kind: 'typo', title: withTypo(freeTitle(e.spec, random), random), expected: e.id };
    return { kind: 'absent', title: absentTitle(e.spec, random), expected: null };
  }; // prettier-ignore
  for (let i = 0; i < config.warmup; i++)
    await bus.request('catalog.match_episode', { title: make().title }, { timeoutMs: 10_000 });
  const kinds: TitleKind[] = ['exact', 'variant', 'korean', 'typo', 'absent'];
  const samples: Record<TitleKind, number[]> = { exact: [], variant: [], korean: [], typo: [], absent: [] };
  const tally = Object.fromEntries(
    kinds.map((k) => [k, { titles: 0, right: 0, ambiguous: 0, notFound: 0, wrong: 0 }]),
  ) as Record<TitleKind, { titles: number; right: number; ambiguous: number; notFound: number; wrong: number }>;
  const all: number[] = [];
  const examples: string[] = [];
  for (let i = 0; i < config.titles; i++) {
    const t = make();
    const started = now();
    const answer: CommandResponse<'catalog.match_episode'> = await bus.request('catalog.match_episode', { title: t.title }, { timeoutMs: 10_000 });
    const ms = now() - started;
    all.push(ms);
    samples[t.kind].push(ms);
    const c = tally[t.kind];
    c.titles++;
    const right = t.expected === null ? answer.status === 'not_found' : answer.status === 'matched' && answer.episode?.id === t.expected;
    if (right) c.right++;
    else if (answer.status === 'ambiguous') c.ambiguous++;
    else if (answer.status === 'not_found') c.notFound++;
    else c.wrong++;
    if (!right && examples.length < 12) examples.push(`${t.kind}: "${t.title}" → ${answer.status} ${answer.episode?.title ?? answer.candidates.map((x) => x.title).join(' | ')}`);
    if ((i + 1) % 2000 === 0) progress(`match_episode: ${fmtInt(i + 1)} of ${fmtInt(config.titles)}`);
  } // prettier-ignore
  if (examples.length) progress(`some answers other than expected:\n  ${examples.join('\n  ')}`);
  const byKind = Object.fromEntries(
    kinds.map((k) => [k, { ...tally[k], latency: summarize(samples[k]) }]),
  ) as MatchResults['byKind'];
  return { episodes: 0, titles: config.titles, latency: summarize(all), byKind, rssAfterMb: catalog.lastRssMb };
}

const pct = (a: number, b: number): string => (b === 0 ? '—' : `${((100 * a) / b).toFixed(1)} %`);

function render(r: CatalogResults, meta: Meta): string {
  const targets = r.targets;
  const t = r.throughput;
  const m = r.match;
  const verdict = (i: number): [string, string] => [targets[i].target, targets[i].pass ? 'PASS' : 'MISS'];
  const b = r.baseline;
  const rows: (string[] | string)[] = [
    ...(b
      ? [
          `baseline: ${fmtInt(b.events)} of the same events through the catalog's bus alone (a handler that does nothing)`,
          ['events/s', fmtInt(b.eventsPerSec), '', ''],
          ['bus process CPU per event (µs) / peak RSS (MB)', `${fmtInt(b.cpuMicrosPerEvent)} / ${f1(b.rssPeakMb)}`, '', ''],
          ['write / read system calls per event', `${f1(b.writesPerEvent)} / ${f1(b.readsPerEvent)}`, '', ''],
        ]
      : []),
    `throughput: ${fmtInt(t.events)} nas.file.added through the catalog (${meta['runtime']})`,
    ['events/s (first publish → last handled)', fmtInt(t.eventsPerSec), ...verdict(0)],
    ...(b ? [['share of the baseline', pct(t.eventsPerSec, b.eventsPerSec), '', '']] : []),
    ['time (s) / publishing alone (s)', `${f2(t.ms / 1000)} / ${f2(t.publishMs / 1000)}`, '', ''],
    ['catalog CPU, user + system (s) / per event (µs)', `${f2(t.cpuMs / 1000)} / ${fmtInt(t.cpuMicrosPerEvent)}`, '', ''],
    ['write / read system calls per event', `${f1(t.writesPerEvent)} / ${f1(t.readsPerEvent)}`, '', ''],
    ['catalog RSS ready / peak (MB)', `${f1(t.rssReadyMb)} / ${f1(t.rssPeakMb)}`, '', ''],
    ['catalog JS heap peak (MB)', f1(t.heapPeakMb), '', ''],
    ['episodes made / generated', `${fmtInt(t.episodes)} / ${fmtInt(t.episodesExpected)}`, '', ''],
    ['catalog.episode.created / project.created received', `${fmtInt(t.episodeCreatedEvents)} / ${fmtInt(t.projectCreatedEvents)}`, '', ''],
    ['catalog.updated received (coalesced)', fmtInt(t.catalogUpdatedEvents), '', ''],
    ['last catalog.updated', JSON.stringify(t.lastCatalogUpdated), '', ''],
    `match_episode: ${fmtInt(m.titles)} titles, one at a time over the command bus, ${fmtInt(m.episodes)} episodes`,
    ['p50 / p95 / p99 / max (ms)', `${f2(m.latency.p50)} / ${f2(m.latency.p95)} / ${f2(m.latency.p99)} / ${f2(m.latency.max)}`, ...verdict(1)],
    ...(Object.entries(m.byKind) as [TitleKind, MatchResults['byKind'][TitleKind]][]).map(([kind, k]) => [
      `  ${kind}: right / ambiguous / not found / wrong — p50 / p99 (ms)`,
      `${fmtInt(k.titles)}: ${pct(k.right, k.titles)} / ${fmtInt(k.ambiguous)} / ${fmtInt(k.notFound)} / ${fmtInt(k.wrong)} — ${f2(k.latency.p50)} / ${f2(k.latency.p99)}`,
      '',
      '',
    ]),
    ['catalog RSS after matching (MB)', f1(m.rssAfterMb), '', ''],
  ]; // prettier-ignore
  const table = markdownTable(['metric', 'value', 'aim', 'result'], rows, (c) => c === 1);
  return `${table}\n\n${targetsLine(targets, 'aims')}\n`;
}

runBench({
  script: 'catalog.bench.ts',
  about:
    'Block B (the catalog) under load: nas.file.added events through the real catalog app and\n' +
    "RabbitMQ into a fresh database (events/s, the catalog's RSS), then match_episode over the\n" +
    'command bus against the episodes it built.',
  options,
  timeoutS: 1800,
  env: BENCH_ENV,
  run,
  report: (results, { meta }) => render(results, meta),
});
