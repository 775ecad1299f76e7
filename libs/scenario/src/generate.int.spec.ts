import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { Scenario, diskPath, generateScenario, listNas } from './generate';

/**
 * The generator against the real ffmpeg and ffprobe, at a small size: real
 * videos where the plan says, copies that probe like their originals but hash
 * apart, the junk in place, the sheet the same as CSV and as Google cells.
 */
describe('generateScenario', () => {
  const dirs: string[] = [];
  const fresh = () => {
    const dir = mkdtempSync(join(tmpdir(), 'pokervod-scenario-test-'));
    dirs.push(dir);
    return join(dir, 'out');
  };
  const options = { files: 18, renders: 8, rows: 80, longVideos: 0 };
  let scenario: Scenario;

  beforeAll(async () => {
    scenario = await generateScenario({ dir: fresh(), ...options });
  }, 120_000);
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  const probe = (path: string) => {
    const json = execFileSync(
      'ffprobe',
      ['-v', 'error', '-show_entries', 'stream=codec_type,avg_frame_rate:format=duration', '-of', 'json', path],
      { encoding: 'utf8' },
    );
    const data = JSON.parse(json);
    const video = data.streams.find((s: any) => s.codec_type === 'video');
    return { rate: video.avg_frame_rate as string, duration: Number(data.format.duration) };
  };

  it('writes every planned video and housekeeping file, and nothing else', async () => {
    const planned = [...scenario.expected.videos.map((v) => v.path), ...scenario.expected.housekeeping].sort();
    expect(await listNas(scenario.nasDir)).toEqual(planned);
  });

  it('stores Korean names decomposed (NFD), as a Mac writes them to the share', () => {
    const korean = scenario.expected.videos.find((v) => /\p{Script=Hangul}/u.test(v.path));
    expect(korean).toBeDefined();
    const onDisk = diskPath(scenario.nasDir, korean!.path);
    expect(statSync(onDisk).isFile()).toBe(true);
    expect(onDisk).not.toBe(onDisk.normalize('NFC'));
  });

  it('makes real videos ffprobe reads at the planned rate and length; copies probe like their originals', () => {
    const seen = new Map<string, { rate: string; duration: number }>();
    for (const v of scenario.expected.videos) {
      const got = probe(diskPath(scenario.nasDir, v.path));
      seen.set(v.path, got);
      // Matroska keeps millisecond timestamps: its average rate is only near the exact one.
      const [num, den] = got.rate.split('/').map(Number);
      const [wantNum, wantDen] = v.rate.split('/').map(Number);
      expect([v.path, Math.abs(num! / den! - wantNum! / wantDen!) < 0.05]).toEqual([v.path, true]);
      expect(Math.abs(got.duration - v.duration_s)).toBeLessThan(0.2);
    }
    // At least `renders` are rendered (and the first of each rate and container); the rest are copies.
    const made = scenario.expected.videos.map((v) => v.made_by);
    expect(made.filter((m) => m === 'render').length).toBeGreaterThanOrEqual(options.renders);
    expect(made.filter((m) => m === 'copy').length).toBeGreaterThan(0);
  }, 60_000);

  it('gives every video its own bytes (a copy is not a move or a duplicate of its original)', () => {
    const hashes = scenario.expected.videos.map((v) =>
      createHash('sha256')
        .update(readFileSync(diskPath(scenario.nasDir, v.path)))
        .digest('hex'),
    );
    expect(new Set(hashes).size).toBe(hashes.length);
  });

  it('dates every file in the past, the same way every time', () => {
    const times = scenario.expected.videos.map((v) => statSync(diskPath(scenario.nasDir, v.path)).mtimeMs);
    expect(Math.max(...times)).toBeLessThan(Date.UTC(2025, 0, 1));
  });

  it('writes the hand log as CSV and as the same cells for the fake Google', () => {
    const csv = readFileSync(scenario.csvPath);
    const cells: string[][] = parse(csv, { relax_column_count: true });
    expect(cells.length).toBe(scenario.expected.rows.length + 4 + 2); // title, blank, note, header; a blank row and a header again
    expect(JSON.parse(readFileSync(scenario.googleFixturePath, 'utf8'))).toEqual(
      JSON.parse(JSON.stringify({ spreadsheetId: scenario.google.spreadsheetId, spec: scenario.google.spec })),
    );
    // Typed as Sheets types them: numbers where the text is a number as written, empty cells empty.
    const typed = cells.map((row) => row.map((t) => (t === '' ? null : String(Number(t)) === t ? Number(t) : t)));
    expect(scenario.google.spec.tabs[0]).toEqual({ name: scenario.expected.tab, rows: typed });
    expect(JSON.parse(readFileSync(scenario.expectedPath, 'utf8'))).toEqual(scenario.expected);
  });

  it('writes the same files again for the same seed, byte for byte (same ffmpeg)', async () => {
    const again = await generateScenario({ dir: fresh(), ...options });
    for (const file of ['hand-log.csv', 'expected.json', 'google-sheet.json']) {
      expect(readFileSync(join(again.dir, file))).toEqual(readFileSync(join(scenario.dir, file)));
    }
    const bytes = (s: Scenario, path: string) => readFileSync(diskPath(s.nasDir, path));
    for (const path of [...scenario.expected.videos.map((v) => v.path), ...scenario.expected.housekeeping]) {
      expect([path, bytes(again, path).equals(bytes(scenario, path))]).toEqual([path, true]);
    }
  }, 120_000);

  it('refuses to write into the repository or over another scenario', async () => {
    await expect(generateScenario({ dir: join(__dirname, 'tmp-scenario'), ...options })).rejects.toThrow(/repository/);
    await expect(generateScenario({ dir: scenario.dir, ...options })).rejects.toThrow(/already holds/);
  });
});
