import { randomUUID } from 'node:crypto';
import { CommandRequest, CommandResponse, VideoFile } from '@pokervod/contracts';
import { publishRawEvent, waitFor as waitForShort } from '@pokervod/testing';
import { TEST_API_KEY, useOrchestratorInWorld } from '../../test/orchestrator-harness';

jest.setTimeout(120_000);

/** Generous waits: this runs beside the whole test suite on two cores. */
const waitFor: typeof waitForShort = (check, options = {}) => waitForShort(check, { timeoutMs: 30_000, ...options });

/**
 * The row sync against the real broker and database, blocks A–C as doubles
 * backed by a small in-memory "world" (files, episodes, clips) the tests
 * change in any order.
 */
describe('row sync: every stored sheet row reaches one outcome, whatever the order', () => {
  const orchestrator = useOrchestratorInWorld('rowsync', {
    BREAKER_FAILURE_THRESHOLD: '2',
    BREAKER_RESET_TIMEOUT_MS: '300',
    COMMAND_RETRY_DELAY_SCALE: '0.02',
  });

  // The blocks' state, as the doubles answer it.
  const files = new Map<string, VideoFile>(); // by lower-case name
  const episodes = new Map<string, string>(); // file id → episode id
  const clips = new Map<string, CommandRequest<'hands.create_hand_clip'>>(); // by source row key
  let broken: Partial<Record<'A' | 'B' | 'C', boolean>> = {};
  /** Holds a command for one file in flight until the test lets it go (a change lands meanwhile). */
  const held = new Map<string, Promise<void>>(); // `${command}:${video_file_id}` → released

  const videoFile = (id: string, path: string): VideoFile => ({
    id,
    root: 'poker',
    path,
    size: 1,
    mtime: new Date().toISOString(),
    content_hash: null,
    parsed: null,
    media: { duration_s: 600, frame_rate: '25/1', fps: 25, frame_rate_raw: null },
  });

  beforeAll(() => {
    const { commands } = orchestrator.doubles;
    commands['nas.match_file_path'] = async (req) => {
      if (broken.A) throw new Error('NAS index unavailable');
      const name = (req.file_name ?? req.path).toLowerCase();
      const file = files.get(name);
      return file ? { found: true, file } : { found: false, reason: `no file ${req.file_name} under root poker` };
    };
    commands['catalog.match_episode'] = async (req) => {
      if (broken.B) throw new Error('bind message supplies 3 parameters, but prepared statement "" requires 2');
      const id = req.video_file_id ? episodes.get(req.video_file_id) : undefined;
      await held.get(`match_episode:${req.video_file_id}`); // the answer was made before a hold ends
      return id
        ? { status: 'matched', episode: { id, title: req.title, project_code: 'WSOP' }, score: 1, candidates: [] }
        : { status: 'not_found', episode: null, score: null, candidates: [] };
    };
    commands['hands.create_hand_clip'] = async (req): Promise<CommandResponse<'hands.create_hand_clip'>> => {
      if (broken.C) throw new Error('hand-analysis is restarting');
      await held.get(`create_hand_clip:${req.video_file_id}`);
      clips.set(req.source_row_key!, req);
      const past = Number(req.timecode_end) > 600;
      return {
        id: `clip:${req.source_row_key}`,
        status: past ? 'invalid' : 'valid',
        reasons: past ? ['past the end'] : [],
      };
    };
    commands['hands.remove_hand_clip'] = async (req) => ({ removed: clips.delete(req.source_row_key) });
  });

  beforeEach(() => {
    broken = {};
  });

  const api = async (path: string) => (await (await fetch(`${orchestrator.url}${path}`)).json()) as any;
  const rowOf = async (rowKey: string) =>
    ((await api('/api/orchestrator/rows?limit=10000')).rows as any[]).find((r) => r.row_key === rowKey);
  const settled = (rowKey: string, outcome: string, description = `${rowKey} ${outcome}`) =>
    waitFor(
      async () => {
        const r = await rowOf(rowKey);
        return r?.outcome === outcome ? r : null;
      },
      { description },
    );

  const sheetRow = (fileName: string, extra: Record<string, unknown> = {}) => ({
    sheet_id: 'file:hand-log.csv',
    tab: 'Hands',
    row_number: 10,
    row_key: `row-${randomUUID()}`,
    change: 'added' as const,
    row: {
      file_name: fileName,
      nas_folder_link: '\\\\nas\\poker\\WSOP\\2023\\Day 2',
      in: '10',
      out: '20',
      tags: ['bluff'],
      ...extra,
    },
  });
  const publishRow = (payload: ReturnType<typeof sheetRow>, correlationId = `row-${payload.row_key}`) =>
    publishRawEvent(orchestrator.world.topology, { type: 'sheets.row.changed', payload, correlationId, source: 'D' });
  const addFile = async (file: VideoFile) => {
    files.set(file.path.split('/').at(-1)!.toLowerCase(), file);
    await publishRawEvent(orchestrator.world.topology, {
      type: 'nas.file.added',
      payload: { file },
      correlationId: `scan-${file.id}`,
      source: 'A',
    });
  };

  it('makes the clip of a row whose file is known: one create_hand_clip with the row, the file and the episode', async () => {
    const file = videoFile('f-known', 'WSOP/2023/Day 2/Known.mp4');
    files.set('known.mp4', file);
    episodes.set('f-known', 'ep-known');
    const payload = sheetRow('Known.mp4', { hand_no: '7', players: 'Ivey vs Dwan' });
    await publishRow(payload);
    const row = await settled(payload.row_key, 'clip');
    expect(row).toMatchObject({
      clip_id: `clip:file:hand-log.csv:${payload.row_key}`,
      video_file_id: 'f-known',
      episode_id: 'ep-known',
      reason: null,
      row_number: 10,
      tab: 'Hands',
    });
    const creates = orchestrator.doubles.commandCalls.filter(
      (c) =>
        c.command === 'hands.create_hand_clip' &&
        (c.request as any).source_row_key === `file:hand-log.csv:${payload.row_key}`,
    );
    expect(creates).toHaveLength(1);
    expect(creates[0]!.request).toMatchObject({
      video_file_id: 'f-known',
      episode_id: 'ep-known',
      timecode: '10',
      timecode_end: '20',
      tags: ['bluff'],
      hand_no: '7',
      players: 'Ivey vs Dwan',
      source_sheet: 'file:hand-log.csv',
      media: file.media,
    });
    const event = await waitFor(() =>
      orchestrator.events.find(
        (e) =>
          e.type === 'sync.row.outcome' &&
          (e.payload as any).row_key === payload.row_key &&
          (e.payload as any).outcome === 'clip',
      ),
    );
    expect(event.payload).toMatchObject({ clip_id: row.clip_id, episode_id: 'ep-known' });
  });

  it('settles a row read before its file exists as soon as the file is added (no scan-completed needed)', async () => {
    const payload = sheetRow('Late Part 1.mp4');
    await publishRow(payload);
    const unmatched = await settled(payload.row_key, 'unmatched');
    expect(unmatched.reason).toBe('no file matches: no file Late Part 1.mp4 under root poker');
    expect((await api('/api/orchestrator/unmatched')).rows.map((r: any) => r.row_key)).toContain(payload.row_key);

    // Another file's arrival does not touch the row.
    const calls = () =>
      orchestrator.doubles.commandCalls.filter(
        (c) => c.command === 'nas.match_file_path' && (c.request as any).file_name === 'Late Part 1.mp4',
      ).length;
    const before = calls();
    await addFile(videoFile('f-other', 'WSOP/2023/Day 2/Other.mp4'));
    await new Promise((r) => setTimeout(r, 800));
    expect(calls()).toBe(before);

    episodes.set('f-late', 'ep-late');
    await addFile(videoFile('f-late', 'WSOP/2023/Day 2/Late Part 1.mp4'));
    const clip = await settled(payload.row_key, 'clip');
    expect(clip).toMatchObject({ video_file_id: 'f-late', episode_id: 'ep-late' });
    expect((await api('/api/orchestrator/unmatched')).rows.map((r: any) => r.row_key)).not.toContain(payload.row_key);
  });

  it('reaches the same outcome whether the file, the episode or the row comes first', async () => {
    const orders = [
      ['row', 'file', 'episode'],
      ['file', 'row', 'episode'],
      ['episode', 'file', 'row'],
      ['file', 'episode', 'row'],
    ] as const;
    const results = [];
    for (const [i, order] of orders.entries()) {
      const name = `Order ${i}.mp4`;
      const file = videoFile(`f-order-${i}`, `WSOP/2023/Day 2/${name}`);
      const payload = sheetRow(name, { out: '30' });
      for (const step of order) {
        if (step === 'row') await publishRow(payload);
        if (step === 'file') await addFile(file);
        if (step === 'episode') {
          episodes.set(file.id, `ep-order-${i}`);
          await publishRawEvent(orchestrator.world.topology, {
            type: 'catalog.episode.created',
            payload: { episode_id: `ep-order-${i}`, project_code: 'WSOP', title: name },
            correlationId: `cat-${i}`,
            source: 'B',
          });
        }
        await new Promise((r) => setTimeout(r, 200));
      }
      const row = await settled(payload.row_key, 'clip');
      await waitFor(async () => (await rowOf(payload.row_key)).episode_id === `ep-order-${i}`, {
        description: `order ${order.join(' → ')} reaches the episode`,
      });
      results.push({
        ...(await rowOf(payload.row_key)),
        row_key: undefined,
        updated_at: undefined,
        file_name: undefined,
      });
      expect(row.video_file_id).toBe(file.id);
    }
    const shape = results.map((r) => ({ outcome: r.outcome, reason: r.reason, has_clip: r.clip_id !== null }));
    expect(new Set(shape.map((s) => JSON.stringify(s))).size).toBe(1);
    expect(shape[0]).toEqual({ outcome: 'clip', reason: null, has_clip: true });
  });

  it('keeps a row pending (not unmatched) while a block fails, then settles it when the block is back', async () => {
    const file = videoFile('f-flaky', 'WSOP/2023/Day 2/Flaky.mp4');
    files.set('flaky.mp4', file);
    episodes.set('f-flaky', 'ep-flaky');
    broken.B = true;
    const payload = sheetRow('Flaky.mp4');
    await publishRow(payload);
    const pending = await waitFor(async () => {
      const r = await rowOf(payload.row_key);
      return r?.outcome === 'pending' && r.last_error ? r : null;
    });
    expect(pending.last_error).toContain('catalog.match_episode');
    expect(pending.last_error).toContain('bind message supplies 3 parameters');
    // Retried with backoff while B keeps failing: attempts grow, the breaker opens, the row stays pending.
    await waitFor(async () => (await rowOf(payload.row_key)).attempts >= 3, { description: 'retried with backoff' });
    expect((await rowOf(payload.row_key)).outcome).toBe('pending');
    expect((await api('/api/orchestrator/unmatched')).rows.map((r: any) => r.row_key)).toContain(payload.row_key);
    const breakerOpened = await waitFor(async () => (await api('/api/orchestrator/status')).breakers.B === 'OPEN', {
      description: 'breaker B open',
    });
    expect(breakerOpened).toBe(true);

    broken.B = false; // the block is back: the breaker half-opens after its reset timeout, the retry succeeds
    const clip = await settled(payload.row_key, 'clip');
    expect(clip).toMatchObject({ episode_id: 'ep-flaky', attempts: 0, last_error: null });
    await waitFor(async () => (await api('/api/orchestrator/status')).breakers.B === 'CLOSED', {
      description: 'breaker B closed again',
    });
  });

  it('keeps a clip with its reasons as invalid, and a row without an episode as a clip with the reason', async () => {
    files.set('noepisode.mp4', videoFile('f-noep', 'WSOP/2023/Day 2/NoEpisode.mp4'));
    const past = sheetRow('NoEpisode.mp4', { in: '590', out: '900' });
    const fine = sheetRow('NoEpisode.mp4', { in: '1', out: '5' });
    await publishRow(past);
    await publishRow(fine);
    const invalid = await settled(past.row_key, 'invalid');
    expect(invalid.reasons).toEqual(['past the end']);
    expect(invalid.reason).toBe('past the end; no episode matches "NoEpisode.mp4"');
    const clip = await settled(fine.row_key, 'clip');
    expect(clip).toMatchObject({ episode_id: null, reason: 'no episode matches "NoEpisode.mp4"' });
    // A catalog change lets the episode be found.
    episodes.set('f-noep', 'ep-noep');
    await publishRawEvent(orchestrator.world.topology, {
      type: 'catalog.updated',
      payload: { episodes: 1 },
      correlationId: 'cat-noep',
      source: 'B',
    });
    await waitFor(async () => (await rowOf(fine.row_key)).episode_id === 'ep-noep', { description: 'episode found' });
    expect((await rowOf(fine.row_key)).reason).toBeNull();
  });

  /** Holds `command` for `fileId` until the returned function is called. */
  const hold = (command: string, fileId: string) => {
    let release!: () => void;
    held.set(`${command}:${fileId}`, new Promise<void>((resolve) => (release = resolve)));
    return () => {
      held.delete(`${command}:${fileId}`);
      release();
    };
  };

  it('evaluates a row again when the catalog changes while its episode is being asked for', async () => {
    files.set('inflight.mp4', videoFile('f-inflight', 'WSOP/2023/Day 2/InFlight.mp4'));
    const release = hold('match_episode', 'f-inflight');
    const payload = sheetRow('InFlight.mp4');
    await publishRow(payload);
    await waitFor(async () => (await rowOf(payload.row_key)) !== undefined, { description: 'row stored' });
    await new Promise((r) => setTimeout(r, 300)); // the reconciler holds it, waiting on match_episode
    // The catalog places the file now; the answer in flight (made before) says "no episode".
    episodes.set('f-inflight', 'ep-inflight');
    await publishRawEvent(orchestrator.world.topology, {
      type: 'catalog.updated',
      payload: { episodes: 1 },
      correlationId: 'cat-inflight',
      source: 'B',
    });
    await new Promise((r) => setTimeout(r, 500));
    release();
    await waitFor(async () => (await rowOf(payload.row_key)).episode_id === 'ep-inflight', {
      description: 'the row asked again after the catalog change',
    });
    expect(await rowOf(payload.row_key)).toMatchObject({ outcome: 'clip', reason: null });
  });

  it('makes a clip again at the probed rate when the probe lands while the clip is being made', async () => {
    const unprobed = { ...videoFile('f-probe', 'WSOP/2023/Day 2/Probe Late.mp4'), media: null };
    files.set('probe late.mp4', unprobed);
    const release = hold('create_hand_clip', 'f-probe');
    const payload = sheetRow('Probe Late.mp4');
    await publishRow(payload);
    await waitFor(async () => (await rowOf(payload.row_key)) !== undefined, { description: 'row stored' });
    await new Promise((r) => setTimeout(r, 300));
    // The probe finds the rate while create_hand_clip (asked without it) is in flight.
    const media = { duration_s: 600, frame_rate: '60000/1001', fps: 59.94, frame_rate_raw: null };
    files.set('probe late.mp4', { ...unprobed, media });
    await publishRawEvent(orchestrator.world.topology, {
      type: 'nas.file.probed',
      payload: { file_id: 'f-probe', root: 'poker', path: unprobed.path, media, error: null },
      correlationId: 'probe-late',
      source: 'A',
    });
    await new Promise((r) => setTimeout(r, 500));
    release();
    await waitFor(async () => clips.get(`file:hand-log.csv:${payload.row_key}`)?.media?.frame_rate === '60000/1001', {
      description: 'the clip made again with the probed rate',
    });
    expect(await settled(payload.row_key, 'clip')).toMatchObject({ video_file_id: 'f-probe' });
  });

  it('applies the newest change of a row whatever order its deliveries arrive in', async () => {
    files.set('edited.mp4', videoFile('f-edit', 'WSOP/2023/Day 2/Edited.mp4'));
    const first = sheetRow('Edited.mp4', { out: '20' });
    const second = { ...first, change: 'changed' as const, row: { ...first.row, out: '40' } };
    // The newer version is published first; the older one, arriving late, must not win.
    await publishRawEvent(orchestrator.world.topology, {
      type: 'sheets.row.changed',
      payload: second,
      correlationId: 'edit-2',
      source: 'D',
      timestamp: new Date(Date.now()).toISOString(),
    });
    await publishRawEvent(orchestrator.world.topology, {
      type: 'sheets.row.changed',
      payload: first,
      correlationId: 'edit-1',
      source: 'D',
      timestamp: new Date(Date.now() - 60_000).toISOString(),
    });
    await settled(first.row_key, 'clip');
    await new Promise((r) => setTimeout(r, 500));
    await waitFor(async () => (await rowOf(first.row_key)).outcome === 'clip');
    expect(clips.get(`file:hand-log.csv:${first.row_key}`)?.timecode_end).toBe('40');
  });

  it('removes the clip of a removed row, also of a row it never held', async () => {
    files.set('gone.mp4', videoFile('f-gone', 'WSOP/2023/Day 2/Gone.mp4'));
    const payload = sheetRow('Gone.mp4');
    await publishRow(payload);
    await settled(payload.row_key, 'clip');
    await publishRawEvent(orchestrator.world.topology, {
      type: 'sheets.row.removed',
      payload: { sheet_id: payload.sheet_id, tab: 'Hands', row_key: payload.row_key },
      correlationId: 'remove-1',
      source: 'D',
    });
    await waitFor(() => !clips.has(`file:hand-log.csv:${payload.row_key}`), { description: 'clip removed' });
    // Removed rows are not listed as stored rows (the outcome commits just after the clip goes).
    await waitFor(async () => (await rowOf(payload.row_key)) === undefined, { description: 'row no longer stored' });
    const removed = await api(`/api/orchestrator/rows?outcome=removed`);
    expect(removed.rows.map((r: any) => r.row_key)).toContain(payload.row_key);

    const before = orchestrator.doubles.commandCalls.length;
    await publishRawEvent(orchestrator.world.topology, {
      type: 'sheets.row.removed',
      payload: { sheet_id: payload.sheet_id, tab: 'Hands', row_key: 'never-seen' },
      correlationId: 'remove-2',
      source: 'D',
    });
    await waitFor(() =>
      orchestrator.doubles.commandCalls
        .slice(before)
        .some(
          (c) =>
            c.command === 'hands.remove_hand_clip' &&
            (c.request as any).source_row_key === 'file:hand-log.csv:never-seen',
        ),
    );
  });

  it('starts the analysis phase of a full sync only after every row change of its sheets phase settled', async () => {
    for (let i = 0; i < 12; i++) files.set(`phase ${i}.mp4`, videoFile(`f-phase-${i}`, `WSOP/Phase ${i}.mp4`));
    let slowC = true;
    const create = orchestrator.doubles.commands['hands.create_hand_clip']!;
    orchestrator.doubles.commands['hands.create_hand_clip'] = async (req) => {
      if (slowC) await new Promise((r) => setTimeout(r, 150));
      return create(req);
    };
    const rowKeys: string[] = [];
    orchestrator.doubles.behaviour.D = async (event) => {
      for (let i = 0; i < 12; i++) {
        const payload = sheetRow(`Phase ${i}.mp4`);
        rowKeys.push(payload.row_key);
        await publishRow(payload, event.correlation_id);
      }
      await publishRawEvent(orchestrator.world.topology, {
        type: 'sheets.sync.completed',
        payload: { status: 'completed', results: [{ sheet_id: 'file:hand-log.csv', added: 12 }] },
        correlationId: event.correlation_id,
        source: 'D',
      });
      return 'silent';
    };
    try {
      const started: any = await (
        await fetch(`${orchestrator.url}/api/orchestrator/sync?sync_type=full`, {
          method: 'POST',
          headers: { 'X-API-Key': TEST_API_KEY },
        })
      ).json();
      const run = await waitFor(
        async () => {
          const r = await api(`/api/orchestrator/runs/${started.task_id}`);
          return r.status !== 'in_progress' ? r : null;
        },
        { timeoutMs: 30_000, description: 'full sync finished' },
      );
      expect(run.status).toBe('completed');
      const analysis = orchestrator.doubles.requests.find(
        (e) => e.type === 'hand.analysis.requested' && e.correlation_id === run.correlation_id,
      )!;
      // Every row had its clip before analysis was asked for.
      const lastCreate = Math.max(
        ...(await Promise.all(rowKeys.map(async (k) => Date.parse((await rowOf(k)).updated_at)))),
      );
      expect(Date.parse(analysis.timestamp)).toBeGreaterThanOrEqual(lastCreate);
      for (const k of rowKeys) expect((await rowOf(k)).outcome).toBe('clip');
      const sheets = run.phases.find((p: any) => p.name === 'sheets');
      expect(sheets.steps[0]).toMatchObject({ rows_expected: 12, rows_settled: 12 });
    } finally {
      slowC = false;
      orchestrator.doubles.commands['hands.create_hand_clip'] = create;
      delete orchestrator.doubles.behaviour.D;
    }
  });

  it('summarises the outcomes and says when nothing is left to settle', async () => {
    const summary = await waitFor(async () => {
      const s = await api('/api/orchestrator/rows/summary');
      return s.dirty === 0 ? s : null;
    });
    expect(summary.total).toBeGreaterThan(0);
    expect(summary.outcomes.clip).toBeGreaterThan(0);
    expect(summary.outcomes.pending).toBe(0);
  });

  it('answers orchestrator.rows_snapshot a page at a time with every stored row', async () => {
    const listed = (await api('/api/orchestrator/rows?limit=10000')).rows.map((r: any) => r.row_key);
    const paged: string[] = [];
    let after: string | null = null;
    do {
      const page: any = await orchestrator.client.request('orchestrator.rows_snapshot', { after, limit: 3 });
      expect(page.rows.length).toBeLessThanOrEqual(3);
      paged.push(...page.rows.map((r: any) => r.row_key));
      after = page.next;
    } while (after);
    expect(paged).toEqual(listed);
  });
});
