import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { ParsedMetadataSchema } from '@pokervod/contracts';
import { main } from './pokervod-cli';

const REPO = path.join(__dirname, '../../../..');
const SAMPLES = path.join(REPO, 'samples/nas');

async function run(args: string[], input = '') {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  const code = await main(args, Readable.from([input]), stdout, stderr);
  return { code, out, err };
}

describe('pokervod CLI', () => {
  it('parse prints one ParsedMetadata JSON object per line, in the order given', async () => {
    const names = ['WSOP_2023_Main_Event_Day1A_Part1.mp4', 'IMG_2041.MOV', 'World Poker Tour Season 12 Episode 5.mp4'];
    const { code, out } = await run(['parse', ...names]);
    expect(code).toBe(0);
    const lines = out
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    for (const l of lines) expect(ParsedMetadataSchema.safeParse(l).success).toBe(true);
    expect(lines.map((l) => l.project)).toEqual(['WSOP', null, 'WPT']);
  });

  it('parse --stdin reads one name or relative path per line', async () => {
    const { code, out } = await run(
      ['parse', '--stdin'],
      'WSOP/2023/Event 43/Day2_Part1.mp4\nEPT_Barcelona_2023_Main_Event_Day5_Part2.mp4\n',
    );
    expect(code).toBe(0);
    const [a, b] = out
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(a).toMatchObject({ project: 'WSOP', year: 2023, event_number: 43, day: '2', part: 1 });
    expect(b).toMatchObject({ project: 'EPT', location: 'Barcelona' });
  });

  it('scan summarises a folder by project without the broker, as a table or JSON', async () => {
    const table = await run(['scan', SAMPLES]);
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/: 36 video files, [\d.]+ [kM]B\n/);
    expect(table.out).toMatch(/^project\s+files\s+size$/m);
    expect(table.out).toMatch(/^WSOP\s+\d+\s/m);
    expect(table.out).toMatch(/unmatched names \(4\):\n( {2}_unsorted\/.*\n){4}/);
    expect(table.out).toContain('  _unsorted/IMG_2041.MOV\n');

    const json = JSON.parse((await run(['scan', SAMPLES, '--json'])).out);
    expect(json.files).toBe(36);
    expect(json.projects.reduce((n: number, p: { files: number }) => n + p.files, 0)).toBe(36);
    expect(json.unmatched).toContain('_unsorted/IMG_2041.MOV');
  });

  it('says how to use it on a wrong command (exit 2)', async () => {
    const { code, err } = await run(['frobnicate']);
    expect(code).toBe(2);
    expect(err).toMatch(/unknown command "frobnicate"\nusage:/);
  });

  it('runs as `npx pokervod` from the repository', () => {
    const r = spawnSync('npx', ['pokervod', 'parse', 'WPT.S22E03.Lucky.Hearts.Poker.Open.FT.mxf'], {
      cwd: REPO,
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ project: 'WPT', season: 22, episode: 3, final_table: true });
  });
});
