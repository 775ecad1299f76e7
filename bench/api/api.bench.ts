/**
 * API benchmark (not a test: it prints numbers). The built API
 * (dist/apps/api/main.js, as production runs it) as a process of its own,
 * on a fresh database holding a generated read model of --files files and
 * --clips clips (bench/api/data.ts), with a topology of its own:
 *
 *   1. GET /api/search under --connections concurrent clients (autocannon),
 *      a rotating mix of English, Korean, typo, tag, player and year queries:
 *      p50/p99 and requests/s; then each query alone, one at a time;
 *   2. stream time to first byte: GET /api/files/:id/stream with Range on
 *      real sample videos, one at a time;
 *   3. event → visible in search: `nas.file.added` (applied from the event)
 *      and `hand.clip.created` (fetched from block C's snapshot command,
 *      answered here), each followed by polling /api/search until it shows;
 *   4. RSS of the API process, sampled throughout.
 *
 *   npm run bench:api                                  # table on stdout, progress on stderr
 *   npm run bench:api -- --files 20000 --clips 20000 --duration 10
 *   npm run bench:api -- --no-build --json
 *   API_NODE_ARGS='--max-old-space-size=128 --cpu-prof' npm run bench:api   # flags for the API's node
 *
 * Aims (issue #11): search p99 < 50 ms at 50 clients; stream TTFB < 20 ms;
 * event → visible p99 < 200 ms; RSS < 200 MB. See bench/README.md.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import autocannon from 'autocannon';
import { Client } from 'pg';
import type { ClipSnapshot } from '@pokervod/contracts';
import { MessageBus } from '@pokervod/messaging';
import { MIGRATION_PLAN } from '@pokervod/migrations';
import { runMigrations } from '@pokervod/persistence';
import { RETRY_POLICIES } from '@pokervod/resilience';
import { TEST_AMQP_URL, createTestDatabase, deleteTopology, uniqueTopology } from '@pokervod/testing';
import { fmtInt, loadNote, markdownTable } from '../bus/report';
import { LatencySummary, summarize } from '../bus/stats';
import { abort, now, onCleanup, progress, quietLogger, runAllCleanups, sleep } from '../bus/util';
import { generate, id } from './data';

const REPO = path.resolve(__dirname, '..', '..');
const MAIN = path.join(REPO, 'dist', 'apps', 'api', 'main.js');
const AIMS = { searchP99Ms: 50, ttfbMs: 20, visibleP99Ms: 200, rssMb: 200 } as const;
const API_KEY = 'bench-api-key-0123456789abcdef';

const SEARCHES = [
  'q=ivey',
  'q=bluff',
  'q=negreanu%20hero',
  `q=${encodeURIComponent('아이비')}`,
  `q=${encodeURIComponent('블러프')}`,
  'q=hellmth',
  'q=negranu',
  'tag=bluff',
  'player=phil%20ivey',
  'q=main%20event&year=2019',
  'q=wsop%202021',
  'q=river&project=WPT',
  'q=check%20raise&status=valid',
  'q=koon&kind=clip',
  'q=day%203&kind=episode',
  `q=${encodeURIComponent('올인')}`,
  'q=polk&year=2020',
  'q=triton%20super%20high%20roller',
  `player=${encodeURIComponent('필 아이비')}&tag=river`,
  'q=aa&kind=clip',
];

interface Config {
  files: number;
  clips: number;
  connections: number;
  duration: number;
  events: number;
  build: boolean;
  json: boolean;
}

const USAGE = `npm run bench:api -- [--files N] [--clips N] [--connections N] [--duration S] [--events N] [--no-build] [--json]`;

function parseConfig(argv: string[]): Config {
  const config: Config = {
    files: 100_000,
    clips: 100_000,
    connections: 50,
    duration: 20,
    events: 100,
    build: true,
    json: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${arg} needs a positive whole number\n${USAGE}`);
      return n;
    };
    if (arg === '--files') config.files = value();
    else if (arg === '--clips') config.clips = value();
    else if (arg === '--connections') config.connections = value();
    else if (arg === '--duration') config.duration = value();
    else if (arg === '--events') config.events = value();
    else if (arg === '--no-build') config.build = false;
    else if (arg === '--json') config.json = true;
    else if (arg === '--help') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else throw new Error(`unknown option ${arg}\n${USAGE}`);
  }
  return config;
}

function rssMb(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

async function build(): Promise<void> {
  progress('building the API (npx nx run api:build) …');
  await new Promise<void>((resolve, reject) => {
    const child = spawn('npx', ['nx', 'run', 'api:build'], { cwd: REPO, stdio: ['ignore', 2, 2] });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`build failed (${code})`))));
  });
}

function get(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; ttfbMs: number }> {
  return new Promise((resolve, reject) => {
    const started = now();
    let ttfb = NaN;
    const req = http.get(url, { headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.once('data', () => (ttfb = now() - started));
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ttfbMs: ttfb }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 4 });

/** Time to the first byte of the body, over a kept-alive connection as a player would use. */
function firstByte(url: string, range: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = now();
    const req = http.get(url, { headers: { range }, agent: keepAlive }, (res) => {
      res.once('data', () => resolve(now() - started));
      res.resume();
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

async function main(): Promise<void> {
  const config = parseConfig(process.argv.slice(2));
  const meta = {
    cpus: os.cpus().length,
    loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
    node: process.version,
  };
  if (config.build || !existsSync(MAIN)) await build();

  const db = await createTestDatabase('bench_api');
  onCleanup('drop the database', () => db.drop());
  const migrated = await runMigrations({ url: db.url, plan: MIGRATION_PLAN });
  if (!migrated.ok) throw new Error(`migrations failed: ${migrated.error}`);
  const pg = new Client({ connectionString: db.url });
  await pg.connect();
  onCleanup('close pg', () => pg.end());

  const NAS = path.join(REPO, 'samples', 'nas');
  const samplePaths = [
    'WSOP Europe/WSOPE_2023_Main_Event_Day2_Part1.mp4',
    'Triton/triton-london-2023-ev9-100k-ft.mkv',
    'EPT/EPT_Paris_2024_Main_Event_Final_Day_Part1.mp4',
    'WPT/WPT.S22E03.Lucky.Hearts.Poker.Open.FT.mxf',
  ].filter((p) => existsSync(path.join(NAS, p)));
  const samples = samplePaths.map((p, i) => ({ id: id(7, i), path: p, size: statSync(path.join(NAS, p)).size }));
  progress(`generating ${config.files} files and ${config.clips} clips into the read model …`);
  const data = await generate(pg, { files: config.files, clips: config.clips }, samples, progress);
  progress(`generated in ${data.seconds.toFixed(1)} s`);

  // Block C, as far as the API asks it: clips by id, for the event → visible phase.
  const topology = uniqueTopology('bench-api');
  onCleanup('delete the topology', () => deleteTopology(topology));
  const clips = new Map<string, ClipSnapshot>();
  const blocks = new MessageBus({
    url: TEST_AMQP_URL,
    app: 'bench-blocks',
    block: 'orchestrator',
    retryPolicy: RETRY_POLICIES.E,
    exchange: topology.exchange,
    commandExchange: topology.commandExchange,
    queuePrefix: topology.queuePrefix,
    logger: quietLogger,
  });
  blocks.handleCommand('hands.clips_snapshot', async ({ ids }) => ({
    clips: (ids ?? []).flatMap((i) => clips.get(i) ?? []),
    next: null,
  }));
  await blocks.start();
  onCleanup('stop the blocks bus', () => blocks.stop());

  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const base = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    process.execPath,
    [...(process.env.API_NODE_ARGS ?? '').split(' ').filter(Boolean), MAIN],
    {
      cwd: REPO,
      stdio: ['ignore', 'ignore', 2],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(port),
        DATABASE_URL: db.url,
        AMQP_URL: TEST_AMQP_URL,
        AMQP_EXCHANGE: topology.exchange,
        AMQP_COMMAND_EXCHANGE: topology.commandExchange,
        AMQP_QUEUE_PREFIX: topology.queuePrefix,
        NAS_ROOTS: `nas=${NAS}`,
        ORCHESTRATOR_API_KEY: API_KEY,
        API_THROTTLE_LIMIT: '1000000',
        LOG_LEVEL: 'warn',
        OTEL_EXPORTER_OTLP_ENDPOINT: '',
      },
    },
  );
  onCleanup('stop the API', async () => {
    if (child.exitCode !== null) return;
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  });
  const rss: number[] = [];
  const sampler = setInterval(() => rss.push(rssMb(child.pid ?? -1)), 250);
  onCleanup('stop sampling', async () => clearInterval(sampler));
  const startedAt = now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API exited (${child.exitCode})`);
    const ready = await get(`${base}/health/ready`).catch(() => null);
    if (ready?.status === 200) break;
    if (now() - startedAt > 120_000) throw new Error('the API did not become ready in 120 s');
    await sleep(200);
  }
  const idleRss = rssMb(child.pid ?? -1);
  progress(`API ready in ${((now() - startedAt) / 1000).toFixed(1)} s, RSS ${idleRss.toFixed(0)} MB`);

  // Warm up: each query once.
  for (const q of SEARCHES) await get(`${base}/api/search?${q}`);

  // 1. Search under load.
  progress(`search: ${config.connections} clients for ${config.duration} s …`);
  let next = 0;
  const loaded = await autocannon({
    url: base,
    connections: config.connections,
    duration: config.duration,
    requests: [
      { setupRequest: (req) => ({ ...req, method: 'GET', path: `/api/search?${SEARCHES[next++ % SEARCHES.length]}` }) },
    ],
  });
  const loadRss = Math.max(...rss.filter(Number.isFinite));

  // Each query alone, one at a time: repeated (answered from the search cache, as under load) and
  // cold (a page size not asked before makes each request a new search: ranked and counted by Postgres).
  const alone: { query: string; p50: number; cold: number; total: number }[] = [];
  for (const q of SEARCHES) {
    const times: number[] = [];
    const cold: number[] = [];
    let total = 0;
    for (let i = 0; i < 15; i++) {
      let started = now();
      const res = await get(`${base}/api/search?${q}`);
      times.push(now() - started);
      total = (JSON.parse(res.body) as { total: number }).total;
      started = now();
      await get(`${base}/api/search?${q}&limit=${21 + i}`);
      cold.push(now() - started);
    }
    alone.push({ query: decodeURIComponent(q), p50: summarize(times).p50, cold: summarize(cold).p50, total });
  }

  // 2. Stream time to first byte.
  progress('stream: time to first byte …');
  const ttfb: number[] = [];
  for (let i = 0; i < 300; i++) {
    const s = samples[i % samples.length];
    const start = Math.floor(((s.size - 65536) * ((i * 7919) % 100)) / 100);
    ttfb.push(
      await firstByte(`${base}/api/files/${s.id}/stream`, `bytes=${Math.max(0, start)}-${Math.max(0, start) + 65535}`),
    );
  }

  // 3. Event → visible in search.
  progress(`event → visible: ${config.events} file events and ${config.events} clip events …`);
  const visible = async (query: string): Promise<void> => {
    for (;;) {
      const res = await get(`${base}/api/search?${query}`);
      if ((JSON.parse(res.body) as { total: number }).total > 0) return;
      await sleep(2);
    }
  };
  const fileVisible: number[] = [];
  for (let i = 0; i < config.events; i++) {
    const token = `benchfile${i}x${Date.now().toString(36)}`;
    const started = now();
    await blocks.publish('nas.file.added', {
      file: { id: id(8, i), root: 'nas', path: `Bench/${token}.mp4`, size: 1, mtime: new Date().toISOString() },
    });
    await visible(`q=${token}&kind=file`);
    fileVisible.push(now() - started);
  }
  const clipVisible: number[] = [];
  for (let i = 0; i < config.events; i++) {
    const token = `benchclip${i}x${Date.now().toString(36)}`;
    const clipId = id(9, i);
    const at = new Date().toISOString();
    clips.set(clipId, {
      id: clipId,
      video_file_id: id(5, i),
      episode_id: null,
      source_sheet: null,
      source_row_key: null,
      hand_no: null,
      players: 'Bench Player',
      description: token,
      in_text: '',
      out_text: '',
      in_frame: 0,
      out_frame: 30,
      rate_num: 30000,
      rate_den: 1001,
      drop_frame: false,
      duration_s: 1,
      video_duration_s: null,
      status: 'valid',
      reasons: [],
      tags: [],
      created_at: at,
      updated_at: at,
    });
    const started = now();
    await blocks.publish('hand.clip.created', {
      clip_id: clipId,
      video_file_id: id(5, i),
      episode_id: null,
      status: 'valid',
    });
    await visible(`q=${token}&kind=clip`);
    clipVisible.push(now() - started);
  }
  const peakRss = Math.max(...rss.filter(Number.isFinite));

  const results = {
    meta: { ...meta, config, generated: data },
    search: {
      connections: config.connections,
      duration_s: config.duration,
      requests: loaded.requests.total,
      rps: loaded.requests.average,
      p50_ms: loaded.latency.p50,
      p99_ms: loaded.latency.p99,
      max_ms: loaded.latency.max,
      non2xx: loaded.non2xx,
      errors: loaded.errors,
      timeouts: loaded.timeouts,
      alone,
    },
    stream_ttfb: summarize(ttfb),
    visible: { file_event: summarize(fileVisible), clip_event: summarize(clipVisible) },
    rss_mb: { idle: idleRss, under_search_load: loadRss, peak: peakRss },
  };
  clearInterval(sampler);
  await runAllCleanups();
  if (config.json) {
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    return;
  }
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  const lat = (l: LatencySummary) => [ms(l.p50), ms(l.p99), ms(l.max)];
  const verdict = (ok: boolean) => (ok ? 'met' : 'missed');
  process.stdout.write(loadNote(meta));
  process.stdout.write(
    `API benchmark: ${fmtInt(data.files)} files, ${fmtInt(data.clips)} clips, ${fmtInt(data.documents)} search documents ` +
      `(generated in ${data.seconds.toFixed(0)} s); ${meta.cpus} CPUs, load ${meta.loadAverage.join(' ')}\n\n`,
  );
  process.stdout.write(
    `${markdownTable(
      ['measure', 'p50', 'p99', 'max', 'aim', ''],
      [
        [
          `GET /api/search, ${config.connections} clients (${fmtInt(loaded.requests.total)} requests, ${loaded.requests.average.toFixed(0)}/s, non-2xx ${loaded.non2xx})`,
          ms(loaded.latency.p50),
          ms(loaded.latency.p99),
          ms(loaded.latency.max),
          `p99 < ${AIMS.searchP99Ms} ms`,
          verdict(loaded.latency.p99 < AIMS.searchP99Ms),
        ],
        [
          'stream time to first byte (Range, 64 KiB)',
          ...lat(results.stream_ttfb),
          `< ${AIMS.ttfbMs} ms`,
          verdict(results.stream_ttfb.p50 < AIMS.ttfbMs),
        ],
        [
          'nas.file.added → in search',
          ...lat(results.visible.file_event),
          `p99 < ${AIMS.visibleP99Ms} ms`,
          verdict(results.visible.file_event.p99 < AIMS.visibleP99Ms),
        ],
        [
          'hand.clip.created → fetched → in search',
          ...lat(results.visible.clip_event),
          `p99 < ${AIMS.visibleP99Ms} ms`,
          verdict(results.visible.clip_event.p99 < AIMS.visibleP99Ms),
        ],
        [
          'RSS of apps/api (idle / search load / peak)',
          `${idleRss.toFixed(0)} MB`,
          `${loadRss.toFixed(0)} MB`,
          `${peakRss.toFixed(0)} MB`,
          `< ${AIMS.rssMb} MB`,
          verdict(peakRss < AIMS.rssMb),
        ],
      ],
      (c) => c >= 1 && c <= 3,
    )}\n\n`,
  );
  process.stdout.write(
    `${markdownTable(
      ['query (one client)', 'p50 repeated', 'p50 cold', 'matches'],
      alone.map((a) => [a.query, ms(a.p50), ms(a.cold), fmtInt(a.total)]),
      (c) => c >= 1,
    )}\n`,
  );
}

main().catch((error: Error) => abort(error.stack ?? error.message, 1));
