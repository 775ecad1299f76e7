import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { tabFromCsv } from '@pokervod/fake-google';
import type { SpreadsheetSpec } from '@pokervod/fake-google';
import { toCsv } from './csv';
import type { ScenarioExpectation } from './expected';
import { Container, RATES } from './media';
import type { PlannedHousekeeping, PlannedVideo } from './nas-plan';
import { ScenarioOptions, ScenarioPlan, TAB_NAME, planScenario } from './plan';

export interface GenerateOptions extends ScenarioOptions {
  /** Where to write (created; must not hold a scenario yet). Never the repository. */
  dir: string;
  /** ffmpeg processes at once (default 2: the machine has two cores and other work). */
  jobs?: number;
  ffmpeg?: string;
  log?: (line: string) => void;
}

/** A generated scenario on disk and what the system needs to run against it. */
export interface Scenario {
  dir: string;
  /** The NAS root folder. */
  nasDir: string;
  csvPath: string;
  googleFixturePath: string;
  expectedPath: string;
  expected: ScenarioExpectation;
  /** The hand log as a fake-Google spreadsheet (the CSV's cells, typed as Sheets types them). */
  google: { spreadsheetId: string; spec: SpreadsheetSpec };
  /** NAS_ROOTS and NAS_PATH_PREFIXES for the apps. */
  env: { NAS_ROOTS: string; NAS_PATH_PREFIXES: string };
  /** How long generation took, by step. */
  seconds?: { render: number; copy: number; total: number };
}

/** Files keep this time (plus a minute per file): older than NAS_STABLE_SECONDS, and the same on every run. */
const MTIME_BASE = Date.UTC(2024, 5, 1) / 1000;

/**
 * Writes a scenario: the NAS (real videos made with ffmpeg, byte-distinct
 * copies, housekeeping junk), the hand log as CSV and as a fake-Google
 * fixture, and expected.json. Video and folder names with Hangul are written
 * in NFD, as macOS SMB clients store them.
 */
export async function generateScenario(options: GenerateOptions): Promise<Scenario> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const dir = resolve(options.dir);
  refuseRepository(dir);
  if (existsSync(join(dir, 'expected.json'))) throw new Error(`${dir} already holds a scenario (use loadScenario)`);
  const plan = planScenario(options);
  const nasDir = join(dir, 'nas');
  await mkdir(nasDir, { recursive: true });

  const renders = plan.nas.videos.filter((v) => v.source.kind === 'render');
  log(`scenario: rendering ${renders.length} videos with ffmpeg (${options.jobs ?? 2} at a time)`);
  await inPool(renders, options.jobs ?? 2, (v) => render(nasDir, v, options.ffmpeg ?? 'ffmpeg'));
  const rendered = Date.now();

  const copies = plan.nas.videos.filter((v) => v.source.kind === 'copy');
  log(`scenario: ${copies.length} byte-distinct copies, ${plan.nas.housekeeping.length} housekeeping files`);
  const bytes = new Map<string, Promise<Buffer>>();
  const master = (path: string) => {
    const known = bytes.get(path) ?? readFile(diskPath(nasDir, path));
    bytes.set(path, known);
    return known;
  };
  const byPath = new Map(plan.nas.videos.map((v) => [v.path, v] as const));
  await inPool(copies, 16, async (v) => {
    const of = v.source.kind === 'copy' ? v.source.of : '';
    await put(
      nasDir,
      v.path,
      Buffer.concat([await master(of), trailer(v.container, `${plan.options.seed}:${v.path}`)]),
    );
  });
  for (const junk of plan.nas.housekeeping) await put(nasDir, junk.path, await junkBytes(junk, byPath, master, plan));
  const copied = Date.now();

  // Fixed times, older than NAS_STABLE_SECONDS: a scan right after generation takes every file.
  const all = [...plan.nas.videos.map((v) => v.path), ...plan.nas.housekeeping.map((h) => h.path)];
  await inPool(
    all.map((p, i) => [p, i] as const),
    16,
    ([p, i]) => utimes(diskPath(nasDir, p), MTIME_BASE + 60 * i, MTIME_BASE + 60 * i),
  );

  const scenario = await writeSheetAndExpectations(dir, nasDir, plan);
  scenario.seconds = {
    render: (rendered - started) / 1000,
    copy: (copied - rendered) / 1000,
    total: (Date.now() - started) / 1000,
  };
  await writeFile(
    join(dir, 'scenario.json'),
    JSON.stringify({ options: plan.options, seconds: scenario.seconds }, null, 2),
  );
  log(`scenario: written to ${dir} in ${scenario.seconds.total.toFixed(1)} s`);
  return scenario;
}

/**
 * The scenario for `options` in the system's temporary folder, generated on
 * first use and reused after (tests of one machine share it): the folder is
 * named by a hash of the plan, so a changed generator makes a new one, and it
 * is written elsewhere first and renamed into place, so no one sees half of it.
 */
export async function cachedScenario(options: Omit<GenerateOptions, 'dir'> & { cacheDir?: string }): Promise<Scenario> {
  const plan = planScenario(options);
  const digest = createHash('sha256')
    .update(JSON.stringify([plan.nas, plan.sheet.cells, plan.expected]))
    .digest('hex');
  const dir = join(options.cacheDir ?? tmpdir(), `pokervod-scenario-${plan.options.seed}-${digest.slice(0, 16)}`);
  if (existsSync(join(dir, 'expected.json'))) {
    options.log?.(`scenario: reusing ${dir}`);
    return loadScenario(dir);
  }
  const building = `${dir}.building-${process.pid}-${Date.now()}`;
  const scenario = await generateScenario({ ...options, dir: building });
  try {
    await rename(building, dir);
  } catch (error) {
    // Another process finished the same scenario first: use theirs.
    await rm(building, { recursive: true, force: true });
    if (!existsSync(join(dir, 'expected.json'))) throw error;
  }
  return { ...loadScenario(dir), seconds: scenario.seconds };
}

/** A scenario generated earlier (the fault tests reuse one NAS across cases). */
export function loadScenario(dir: string): Scenario {
  const root = resolve(dir);
  const expected = JSON.parse(readFileSync(join(root, 'expected.json'), 'utf8')) as ScenarioExpectation;
  const csvPath = join(root, 'hand-log.csv');
  return describe(root, join(root, 'nas'), csvPath, expected, readFileSync(csvPath));
}

async function writeSheetAndExpectations(dir: string, nasDir: string, plan: ScenarioPlan): Promise<Scenario> {
  const csv = toCsv(plan.sheet.cells);
  const csvPath = join(dir, 'hand-log.csv');
  await writeFile(csvPath, csv, 'utf8');
  const scenario = describe(dir, nasDir, csvPath, plan.expected, Buffer.from(csv, 'utf8'));
  await writeFile(scenario.googleFixturePath, JSON.stringify(scenario.google, null, 2));
  await writeFile(scenario.expectedPath, JSON.stringify(plan.expected, null, 2));
  return scenario;
}

function describe(dir: string, nasDir: string, csvPath: string, expected: ScenarioExpectation, csv: Buffer): Scenario {
  return {
    dir,
    nasDir,
    csvPath,
    googleFixturePath: join(dir, 'google-sheet.json'),
    expectedPath: join(dir, 'expected.json'),
    expected,
    google: {
      spreadsheetId: expected.google_spreadsheet_id,
      spec: { title: `PokerVOD scenario ${expected.seed}`, tabs: [tabFromCsv(expected.tab ?? TAB_NAME, csv)] },
    },
    env: { NAS_ROOTS: `${expected.root}=${nasDir}`, NAS_PATH_PREFIXES: expected.nas_path_prefixes },
  };
}

function refuseRepository(dir: string): void {
  // The repository root holds nx.json; a scenario belongs in a temporary folder.
  for (let at = dir; ; at = dirname(at)) {
    if (existsSync(join(at, 'nx.json')) && existsSync(join(at, 'libs', 'scenario'))) {
      throw new Error(`refusing to write a scenario inside the repository (${at}); use a temporary folder`);
    }
    if (dirname(at) === at) return;
  }
}

/** Korean as macOS stores it: decomposed (NFD). ASCII is the same either way. */
export function diskPath(nasDir: string, path: string): string {
  return join(nasDir, ...path.normalize('NFD').split('/'));
}

async function put(nasDir: string, path: string, data: Buffer): Promise<void> {
  const target = diskPath(nasDir, path);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, data);
}

async function render(nasDir: string, video: PlannedVideo, ffmpeg: string): Promise<void> {
  if (video.source.kind !== 'render') return;
  const target = diskPath(nasDir, video.path);
  await mkdir(dirname(target), { recursive: true });
  const { num, den } = RATES[video.rate];
  const d = video.durationS;
  const mxf = video.container === 'mxf';
  const args = [
    ...['-hide_banner', '-nostdin', '-loglevel', 'error', '-y'],
    ...['-f', 'lavfi', '-i', `${video.source.pattern}=size=64x36:rate=${num}/${den}:duration=${d}`],
    ...['-f', 'lavfi', '-i', `sine=frequency=${video.source.tone}:sample_rate=${mxf ? 48000 : 8000}:duration=${d}`],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-threads', '1', '-x264-params', 'threads=1'],
    // MXF takes PCM, not AAC, and no B-frames.
    ...(mxf ? ['-c:a', 'pcm_s16le', '-ac', '1', '-bf', '0'] : ['-c:a', 'aac', '-b:a', '8k', '-ac', '1']),
    ...['-fflags', '+bitexact', '-flags:v', '+bitexact', '-flags:a', '+bitexact', '-map_metadata', '-1'],
    ...(video.container === 'mp4' || video.container === 'mov' ? ['-movflags', '+faststart'] : []),
    ...(video.source.timecode ? ['-timecode', video.source.timecode] : []),
    ...['-t', String(d), '-shortest', target],
  ];
  await run(ffmpeg, args);
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.once('error', (err) => fail(new Error(`${command}: ${err.message} (is ffmpeg installed?)`)));
    child.once('exit', (code) =>
      code === 0 ? done() : fail(new Error(`${command} exited ${code}: ${stderr.trim()}\n  ${args.join(' ')}`)),
    );
  });
}

/**
 * Bytes appended to a copy so its content hash is its own, in a form its
 * container skips: an ISO BMFF `free` box, a Matroska Void element, an MXF
 * KLV fill item. ffprobe reads the copy exactly like the original.
 */
export function trailer(container: Container, label: string): Buffer {
  const payload = Buffer.from(`pokervod-scenario ${label}`, 'utf8');
  switch (container) {
    case 'mp4':
    case 'mov': {
      const box = Buffer.alloc(8);
      box.writeUInt32BE(8 + payload.length, 0);
      box.write('free', 4, 'latin1');
      return Buffer.concat([box, payload]);
    }
    case 'mkv': {
      if (payload.length > 0x3fff) throw new Error('trailer too long');
      return Buffer.concat([Buffer.from([0xec, 0x40 | (payload.length >> 8), payload.length & 0xff]), payload]);
    }
    case 'mxf': {
      const fillKey = Buffer.from([
        0x06, 0x0e, 0x2b, 0x34, 0x01, 0x01, 0x01, 0x02, 0x03, 0x01, 0x02, 0x10, 0x01, 0, 0, 0,
      ]);
      const length = Buffer.from([0x83, 0, payload.length >> 8, payload.length & 0xff]);
      return Buffer.concat([fillKey, length, payload]);
    }
  }
}

async function junkBytes(
  junk: PlannedHousekeeping,
  videos: ReadonlyMap<string, PlannedVideo>,
  master: (path: string) => Promise<Buffer>,
  plan: ScenarioPlan,
): Promise<Buffer> {
  switch (junk.kind) {
    case 'ds_store': // Finder's folder settings: the "Bud1" magic
      return Buffer.from('\0\0\0\x01Bud1\0\0\x10\0\0\0\x08\0', 'latin1');
    case 'thumbs_db': // an OLE compound file header
      return Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0, 0, 0, 0, 0]);
    case 'apple_double': // AppleDouble resource fork next to the video, named ._<video>
      return Buffer.concat([Buffer.from([0, 5, 0x16, 7, 0, 2, 0, 0]), Buffer.alloc(74)]);
    case 'ea_dir': // Synology's thumbnail: a JPEG start/end marker pair is enough to look the part
      return Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]);
    case 'partial_download': {
      // The first half of a video still downloading.
      const first = plan.nas.videos.find((v) => v.source.kind === 'render');
      if (!first) throw new Error('a partial download needs a rendered video to copy');
      const data = await master(first.path);
      return data.subarray(0, Math.floor(data.length / 2));
    }
    case 'recycle_bin': {
      const of = videos.get(junk.copyOf ?? '');
      if (!of) throw new Error(`recycle-bin copy of unknown video ${junk.copyOf}`);
      const source = of.source.kind === 'copy' ? of.source.of : of.path;
      return Buffer.concat([await master(source), trailer(of.container, `${plan.options.seed}:${junk.path}`)]);
    }
  }
}

async function inPool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

/** Every file under the NAS folder, root-relative and NFC (what a scan should see, junk included). */
export async function listNas(nasDir: string, under = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(join(nasDir, under), { withFileTypes: true })) {
    const rel = under ? `${under}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listNas(nasDir, rel)));
    else out.push(rel.normalize('NFC'));
  }
  return out.sort();
}
