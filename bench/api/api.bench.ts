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
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import autocannon from 'autocannon';
import { Client } from 'pg';
import type { ClipSnapshot } from '@pokervod/contracts';
import { MessageBus } from '@pokervod/messaging';
import { RETRY_POLICIES } from '@pokervod/resilience';
import { REPO } from '../shared/compile';
import { int, optOut } from '../shared/options';
import { freePort, procStats, runCommand, supervise, waitForHttp } from '../shared/proc';
import { TargetCheck, check, fmtInt, markdownTable, maxCheck, targetsLine } from '../shared/report';
import { BENCH_ENV, ConfigOf, runBench } from '../shared/runner';
import { LatencySummary, summarize } from '../shared/stats';
import { busLogger, now, onCleanup, progress, sleep } from '../shared/util';
import { benchWorld } from '../shared/world';
import { Generated, generate, id } from './data';

const MAIN = path.join(REPO, 'dist', 'apps', 'api', 'main.js');
const AIMS = { searchP99Ms: 50, ttfbMs: 20, visibleP99Ms: 200, rssMb: 200 } as const;

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

const options = {
  files: int('files in the generated read model', { default: 100_000, min: 1 }),
  clips: int('clips in the generated read model', { default: 100_000, min: 1 }),
  connections: int('concurrent search clients (autocannon)', { default: 50, min: 1 }),
  duration: int('seconds of search under load', { default: 20, min: 1, arg: 'S' }),
  events: int('nas.file.added and hand.clip.created events of the event → visible phase, each', {
    default: 100,
    min: 1,
  }),
  build: optOut('reuse dist/apps/api/main.js instead of building it (built anyway when missing)'),
};
type Config = ConfigOf<typeof options>;

interface ApiResults {
  generated: Generated;
  search: {
    connections: number;
    duration_s: number;
    requests: number;
    rps: number;
    p50_ms: number;
    p99_ms: number;
    max_ms: number;
    non2xx: number;
    errors: number;
    timeouts: number;
    alone: { query: string; p50: number; cold: number; total: number }[];
  };
  stream_ttfb: LatencySummary;
  visible: { file_event: LatencySummary; clip_event: LatencySummary };
  rss_mb: { idle: number; under_search_load: number; peak: number };
  targets: TargetCheck[];
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

async function run(config: Config): Promise<ApiResults> {
  if (config.build || !existsSync(MAIN)) {
    progress('building the API (npx nx run api:build) …');
    await runCommand('npx', ['nx', 'run', 'api:build']);
  }

  const world = await benchWorld('bench-api');
  const pg = new Client({ connectionString: world.db.url });
  await pg.connect();
  const closePg = onCleanup('close pg', () => pg.end());

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
  const clips = new Map<string, ClipSnapshot>();
  const blocks = new MessageBus({
    ...world.bus,
    app: 'bench-blocks',
    block: 'orchestrator',
    retryPolicy: RETRY_POLICIES.E,
    logger: busLogger,
  });
  blocks.handleCommand('hands.clips_snapshot', async ({ ids }) => ({
    clips: (ids ?? []).flatMap((i) => clips.get(i) ?? []),
    next: null,
  }));
  await blocks.start();
  onCleanup('stop the blocks bus', () => blocks.stop());

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...(process.env['API_NODE_ARGS'] ?? '').split(' ').filter(Boolean), MAIN], {
    cwd: REPO,
    stdio: ['ignore', 'ignore', 2],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      ...world.env,
      NAS_ROOTS: `nas=${NAS}`,
      API_THROTTLE_LIMIT: '1000000',
      LOG_LEVEL: 'warn',
      OTEL_EXPORTER_OTLP_ENDPOINT: '',
    },
  });
  const api = supervise(child, 'the API');
  const rss: number[] = [];
  const sampler = setInterval(() => rss.push(procStats(child.pid ?? -1).rssMb), 250);
  onCleanup('stop sampling', async () => clearInterval(sampler));
  const readyMs = await waitForHttp(`${base}/health/ready`, child, { what: 'the API' });
  const idleRss = procStats(child.pid ?? -1).rssMb;
  progress(`API ready in ${(readyMs / 1000).toFixed(1)} s, RSS ${idleRss.toFixed(0)} MB`);

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

  clearInterval(sampler);
  await api.stop();
  await blocks.stop();
  await closePg();
  await world.remove();

  const stream = summarize(ttfb);
  const visibleFile = summarize(fileVisible);
  const visibleClip = summarize(clipVisible);
  return {
    generated: data,
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
    stream_ttfb: stream,
    visible: { file_event: visibleFile, clip_event: visibleClip },
    rss_mb: { idle: idleRss, under_search_load: loadRss, peak: peakRss },
    targets: [
      maxCheck(`search p99 < ${AIMS.searchP99Ms} ms`, loaded.latency.p99, AIMS.searchP99Ms),
      maxCheck(`stream time to first byte < ${AIMS.ttfbMs} ms`, stream.p50, AIMS.ttfbMs),
      maxCheck(`nas.file.added → in search p99 < ${AIMS.visibleP99Ms} ms`, visibleFile.p99, AIMS.visibleP99Ms),
      maxCheck(`hand.clip.created → in search p99 < ${AIMS.visibleP99Ms} ms`, visibleClip.p99, AIMS.visibleP99Ms),
      check(`peak RSS < ${AIMS.rssMb} MB`, `< ${AIMS.rssMb} MB`, peakRss, AIMS.rssMb, peakRss < AIMS.rssMb),
    ],
  };
}

function render(r: ApiResults, meta: Record<string, unknown>): string {
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  const lat = (l: LatencySummary) => [ms(l.p50), ms(l.p99), ms(l.max)];
  const met = (i: number): string => (r.targets[i]!.pass ? 'met' : 'missed');
  const s = r.search;
  const g = r.generated;
  const head =
    `API benchmark: ${fmtInt(g.files)} files, ${fmtInt(g.clips)} clips, ${fmtInt(g.documents)} search documents ` +
    `(generated in ${g.seconds.toFixed(0)} s); ${meta['cpus']} CPUs, load ${(meta['loadAverage'] as number[]).join(' ')}\n\n`;
  const main = markdownTable(
    ['measure', 'p50', 'p99', 'max', 'aim', ''],
    [
      [
        `GET /api/search, ${s.connections} clients (${fmtInt(s.requests)} requests, ${s.rps.toFixed(0)}/s, non-2xx ${s.non2xx})`,
        ms(s.p50_ms),
        ms(s.p99_ms),
        ms(s.max_ms),
        `p99 < ${AIMS.searchP99Ms} ms`,
        met(0),
      ],
      ['stream time to first byte (Range, 64 KiB)', ...lat(r.stream_ttfb), `< ${AIMS.ttfbMs} ms`, met(1)],
      ['nas.file.added → in search', ...lat(r.visible.file_event), `p99 < ${AIMS.visibleP99Ms} ms`, met(2)],
      [
        'hand.clip.created → fetched → in search',
        ...lat(r.visible.clip_event),
        `p99 < ${AIMS.visibleP99Ms} ms`,
        met(3),
      ],
      [
        'RSS of apps/api (idle / search load / peak)',
        `${r.rss_mb.idle.toFixed(0)} MB`,
        `${r.rss_mb.under_search_load.toFixed(0)} MB`,
        `${r.rss_mb.peak.toFixed(0)} MB`,
        `< ${AIMS.rssMb} MB`,
        met(4),
      ],
    ],
    (c) => c >= 1 && c <= 3,
  );
  const alone = markdownTable(
    ['query (one client)', 'p50 repeated', 'p50 cold', 'matches'],
    s.alone.map((a) => [a.query, ms(a.p50), ms(a.cold), fmtInt(a.total)]),
    (c) => c >= 1,
  );
  return `${head}${main}\n\n${alone}\n\n${targetsLine(r.targets, 'aims')}\n`;
}

runBench({
  script: 'api.bench.ts',
  about:
    'Block E: the built API on a generated read model — search under concurrent clients, stream time\n' +
    'to first byte, event → visible in search, and its RSS. API_NODE_ARGS: extra flags for its node.',
  options,
  timeoutS: 1800,
  env: BENCH_ENV,
  run,
  report: (results, { meta }) => render(results, meta),
});
