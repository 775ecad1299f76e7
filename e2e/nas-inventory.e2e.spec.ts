import { join } from 'node:path';
import { Client } from 'pg';
import { EventEnvelope, EventType } from '@pokervod/contracts';
import { MessageBus } from '@pokervod/messaging';
import { RETRY_POLICIES } from '@pokervod/resilience';
import { quietLogger, TEST_AMQP_URL, waitFor } from '@pokervod/testing';
import { TestSystem } from './support/system';

const SAMPLES = join(__dirname, '..', 'samples', 'nas');
/** Videos in the sample share, not counting the recycle bin. */
const SAMPLE_VIDEOS = 36;

/** Block A (issue #4) as the real process, scanning the repo's sample NAS. */
describe('nas-inventory on the sample NAS', () => {
  const system = new TestSystem(['nas-inventory'], {
    NAS_ROOTS: SAMPLES,
    NAS_PATH_PREFIXES: '\\\\nas01\\poker=nas,smb://nas01/poker=nas',
    NAS_STABLE_SECONDS: '0',
  });
  let probe: MessageBus;
  const events: EventEnvelope[] = [];

  beforeAll(async () => {
    await system.start();
    probe = new MessageBus({
      url: TEST_AMQP_URL,
      app: 'e2e-nas-probe',
      block: 'orchestrator',
      retryPolicy: RETRY_POLICIES.E,
      exchange: system.topology.exchange,
      commandExchange: system.topology.commandExchange,
      queuePrefix: system.topology.queuePrefix,
      logger: quietLogger,
    });
    probe.on('nas.#', (e) => void events.push(e));
    await probe.start();
  }, 120_000);

  afterAll(async () => {
    await probe?.stop();
    await system.cleanUp();
  }, 60_000);

  async function scan(correlationId: string, payload: { folder?: string } = {}) {
    await probe.publish(EventType.NAS_SCAN_REQUESTED, payload, { correlationId });
    const done = await waitFor(
      () => events.find((e) => e.type === 'nas.scan.completed' && e.correlation_id === correlationId),
      { timeoutMs: 30_000, description: 'nas.scan.completed' },
    );
    return {
      done,
      // Probes finish later, under the scan's correlation id: not file changes.
      fileEvents: events.filter(
        (e) =>
          e.correlation_id === correlationId && e.type.startsWith('nas.file.') && e.type !== EventType.NAS_FILE_PROBED,
      ),
    };
  }

  it('inventories every sample video on the first scan, through the outbox, with the same correlation id', async () => {
    const { done, fileEvents } = await scan('first-scan');
    expect(done.payload).toMatchObject({ files_total: SAMPLE_VIDEOS, added: SAMPLE_VIDEOS, removed: 0, moved: 0 });
    expect(done.payload['unmatched']).toBeGreaterThan(0);
    expect(fileEvents).toHaveLength(SAMPLE_VIDEOS);
    expect(fileEvents.every((e) => e.type === 'nas.file.added')).toBe(true);
    const paths = fileEvents.map((e) => (e.payload['file'] as { path: string }).path);
    expect(paths).not.toContain('#recycle/WSOP_2022_Main_Event_Day3_old.mp4');
    const main = fileEvents.find(
      (e) => (e.payload['file'] as { path: string }).path === 'WSOP/2023/WSOP_2023_Main_Event_Day1A_Part1.mp4',
    );
    expect(main?.payload['file']).toMatchObject({
      root: 'nas',
      parsed: { project: 'WSOP', year: 2023, day: '1A', part: 1 },
    });
  });

  it('emits no file events when scanning the unchanged share again', async () => {
    const { done, fileEvents } = await scan('second-scan');
    expect(done.payload).toMatchObject({ files_total: SAMPLE_VIDEOS, added: 0, changed: 0, removed: 0, moved: 0 });
    expect(fileEvents).toEqual([]);
  });

  it('probes every video for duration, frame rate and resolution', async () => {
    const db = new Client({ connectionString: system.db.url });
    await db.connect();
    try {
      const rows = await waitFor(
        async () => {
          const r = await db.query(`SELECT path, media, probe_error FROM nas.video_files WHERE probed_at IS NOT NULL`);
          return r.rows.length === SAMPLE_VIDEOS ? r.rows : null;
        },
        { timeoutMs: 60_000, description: 'all files probed' },
      );
      expect(rows.filter((r) => r.probe_error)).toEqual([]);
      const day1a = rows.find((r) => r.path === 'WSOP/2023/WSOP_2023_Main_Event_Day1A_Part1.mp4');
      expect(day1a.media).toMatchObject({ width: 320, height: 180, video_codec: 'h264' });
      expect(day1a.media.duration_s).toBeGreaterThan(1);
      expect(rows.map((r) => r.media.frame_rate)).toEqual(expect.arrayContaining(['25/1', '30000/1001', '60/1']));
    } finally {
      await db.end();
    }
  });

  it('announces each probe with nas.file.probed and answers match_file_path with the media', async () => {
    const probed = await waitFor(
      () => {
        const seen = events.filter((e) => e.type === EventType.NAS_FILE_PROBED);
        return seen.length >= SAMPLE_VIDEOS ? seen : null;
      },
      { timeoutMs: 60_000, description: 'a nas.file.probed per video' },
    );
    const day1a = probed.find((e) => e.payload['path'] === 'WSOP/2023/WSOP_2023_Main_Event_Day1A_Part1.mp4');
    expect(day1a?.payload).toMatchObject({
      root: 'nas',
      error: null,
      media: { duration_s: expect.any(Number), frame_rate: expect.stringMatching(/^\d+\/\d+$/) },
    });
    const found = await probe.request('nas.match_file_path', {
      path: `${SAMPLES}/WSOP/2023/WSOP_2023_Main_Event_Day1A_Part1.mp4`,
    });
    expect(found).toMatchObject({ found: true, file: { media: day1a?.payload['media'] } });
  });

  it.each([
    ['a POSIX path under the root', `${SAMPLES}/WSOP/2023/WSOP_2023_Main_Event_Day1A_Part1.mp4`, undefined],
    ['a folder plus a file name', `${SAMPLES}/WSOP/2023/`, 'WSOP_2023_Main_Event_Day1A_Part1.mp4'],
    ['a Windows UNC path with other case', '\\\\NAS01\\Poker\\WSOP\\2023', 'wsop_2023_main_event_day1a_part1.MP4'],
    ['an smb:// URL', 'smb://nas01/poker/WSOP/2023/WSOP_2023_Main_Event_Day1A_Part1.mp4', undefined],
    ['a file:// URL', `file://${SAMPLES}/WSOP/2023/WSOP_2023_Main_Event_Day1A_Part1.mp4`, undefined],
    ['a root-relative path with mixed separators', 'nas\\WSOP/2023\\WSOP_2023_Main_Event_Day1A_Part1.mp4', undefined],
  ])('match_file_path finds the file from %s', async (_form, path, file_name) => {
    const found = await probe.request('nas.match_file_path', { path, file_name });
    expect(found).toMatchObject({
      found: true,
      file: { root: 'nas', path: 'WSOP/2023/WSOP_2023_Main_Event_Day1A_Part1.mp4' },
    });
  });

  it('match_file_path says why there is no file, and never leaves a root', async () => {
    await expect(
      probe.request('nas.match_file_path', { path: `${SAMPLES}/WSOP/2023`, file_name: 'Lost.mp4' }),
    ).resolves.toEqual({
      found: false,
      reason: 'no file WSOP/2023/Lost.mp4 under root nas',
    });
    const escape = await probe.request('nas.match_file_path', { path: `${SAMPLES}/WSOP/../../../../etc/passwd` });
    expect(escape).toMatchObject({ found: false, reason: expect.stringMatching(/^traversal/) });
    const outside = await probe.request('nas.match_file_path', { path: '/etc/passwd' });
    expect(outside).toMatchObject({ found: false, reason: expect.stringMatching(/^outside_roots/) });
  });

  it('parses a file name on request', async () => {
    await expect(
      probe.request('nas.parse_filename', { name: 'WPT.S22E03.Lucky.Hearts.Poker.Open.FT.mxf' }),
    ).resolves.toMatchObject({
      project: 'WPT',
      season: 22,
      episode: 3,
      final_table: true,
      extension: 'mxf',
    });
  });

  it('re-parses every file when the parser version changes, announcing new metadata', async () => {
    const db = new Client({ connectionString: system.db.url });
    await db.connect();
    try {
      // As if these had been parsed by an older parser.
      await db.query(`UPDATE nas.video_files SET parser_version = 0, parsed = NULL WHERE path LIKE 'WPT/%'`);
    } finally {
      await db.end();
    }
    const { done, fileEvents } = await scan('reparse');
    expect(done.payload).toMatchObject({ added: 0, changed: 0 });
    expect(fileEvents.map((e) => e.type)).toEqual(['nas.file.changed', 'nas.file.changed', 'nas.file.changed']);
    const s22 = fileEvents.find((e) => (e.payload['file'] as { path: string }).path.includes('S22E03'));
    expect(s22?.payload['file']).toMatchObject({ parsed: { project: 'WPT', season: 22, episode: 3 } });
  });

  it('scans one folder as a command and answers with the counts; refuses a folder outside the root', async () => {
    const answer = await probe.request('nas.scan', { folder: 'nas/WPT' }, { timeoutMs: 30_000 });
    expect(answer).toEqual({
      seen: 3,
      added: 0,
      changed: 0,
      moved: 0,
      removed: 0,
      unstable: 0,
      offline_roots: [],
      problems: [],
    });
    await expect(probe.request('nas.scan', { folder: 'WPT/../../..' })).rejects.toMatchObject({
      code: 'invalid_request',
    });
  });

  it('scans one folder when asked', async () => {
    const { done, fileEvents } = await scan('folder-scan', { folder: 'WPT' });
    expect(done.payload).toMatchObject({ added: 0, removed: 0, files_total: SAMPLE_VIDEOS });
    expect(fileEvents).toEqual([]);
  });
});
